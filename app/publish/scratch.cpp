#include "publish/scratch.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include "io/output_set.hpp"

namespace tenderscore::publish {

Scratch::Scratch() {
    std::error_code ec;
    const std::filesystem::path base = std::filesystem::temp_directory_path(ec);
    const std::string pattern = ((ec ? std::filesystem::path("/tmp") : base) / "tenderscore-publish-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (::mkdtemp(name.data()) == nullptr) {
        throw io::OutputError("cannot create a temporary folder " + pattern + ": " + std::strerror(errno));
    }
    _path = name.data();
}

Scratch::~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(_path, ignored);
}

}  // namespace tenderscore::publish
