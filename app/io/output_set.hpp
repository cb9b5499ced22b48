// Outputs written whole or not at all: each file is written to a temporary name in the target
// folder, flushed to disk, and only renamed into place when every file of the run is ready.
// A failed run removes its temporary files and leaves earlier outputs byte-identical.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tenderscore::io {

/// An output could not be created or written (exit status 73).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class OutputSet {
public:
    /// Creates `folder` (and parents) when absent.
    explicit OutputSet(std::filesystem::path folder);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// A temporary path in the folder for the final file `name`; the caller writes it, then calls
    /// `staged`.
    [[nodiscard]] std::filesystem::path reserve(const std::string& name);
    /// Marks a reserved file as written; flushes it to disk.
    void staged(const std::filesystem::path& temporary);
    /// Writes `bytes` as the final file `name` (staged until commit).
    void write(const std::string& name, std::string_view bytes);
    /// Renames every staged file into place and flushes the folder.
    void commit();

    [[nodiscard]] const std::filesystem::path& folder() const { return _folder; }

private:
    struct Entry {
        std::filesystem::path temporary;
        std::filesystem::path final;
        bool written = false;
    };

    void removeStaleTemporaries();

    std::filesystem::path _folder;
    std::vector<Entry> _entries;
    bool _committed = false;
};

}  // namespace tenderscore::io
