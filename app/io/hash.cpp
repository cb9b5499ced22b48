#include "hash.hpp"

#include <filesystem>
#include <fstream>

#include "output_set.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace tenderscore::io {

std::string sha256Hex(std::string_view bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string readWhole(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    std::string bytes(ec ? 0 : static_cast<std::size_t>(size), '\0');
    if (ec || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        throw OutputError("cannot read back " + path);
    }
    return bytes;
}

}  // namespace tenderscore::io
