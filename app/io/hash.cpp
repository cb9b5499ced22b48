#include "io/hash.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/output_set.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace tenderscore::io {

// OpenSSL's SHA-256 uses the processor's SHA instructions where it has them: hashing every input
// of a 10,000-bid pack takes a twentieth of the time of a portable implementation. It is called
// directly (not through Poco::Crypto, which also loads and initialises TLS) to keep a small run's
// start-up short.
std::string sha256Hex(std::string_view bytes) {
    // The system's OpenSSL configuration has nothing to say about a hash: not reading it saves
    // a small run a few milliseconds, and keeps the result independent of the machine.
    static const bool initialised = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
    if (!initialised) {
        throw std::runtime_error("OpenSSL could not be initialised");
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 || length != 32) {
        throw std::runtime_error("SHA-256 could not be computed (OpenSSL)");
    }
    static constexpr char hexDigits[] = "0123456789abcdef";
    std::string hex(2 * std::size_t{length}, '0');
    for (std::size_t i = 0; i < length; ++i) {
        hex[2 * i] = hexDigits[digest[i] >> 4U];
        hex[2 * i + 1] = hexDigits[digest[i] & 0x0FU];
    }
    return hex;
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
