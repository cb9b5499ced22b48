#include "hash.hpp"

#include <filesystem>
#include <fstream>

#include "output_set.hpp"

#include <Poco/Crypto/DigestEngine.h>
#include <Poco/Crypto/OpenSSLInitializer.h>

namespace tenderscore::io {

// OpenSSL's SHA-256 (through Poco::Crypto) uses the processor's SHA instructions where it has
// them: hashing every input of a 10,000-bid pack takes a twentieth of the time Poco's portable
// SHA2Engine needs.
std::string sha256Hex(std::string_view bytes) {
    // Each digest engine would otherwise load and unload OpenSSL's algorithms around itself.
    static const Poco::Crypto::OpenSSLInitializer keepLoaded;
    Poco::Crypto::DigestEngine engine("SHA256");
    engine.update(bytes.data(), bytes.size());
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
