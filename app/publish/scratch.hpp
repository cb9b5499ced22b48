// A private temporary folder (mkdtemp under TMPDIR), removed with everything in it when the object
// goes: where publish lets the run pipeline write the evaluation it does not publish, and where
// Chromium reads each summary and prints it.
#pragma once

#include <filesystem>

namespace tenderscore::publish {

class Scratch {
public:
    /// Throws io::OutputError when no folder can be made.
    Scratch();
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return _path; }

private:
    std::filesystem::path _path;
};

}  // namespace tenderscore::publish
