// Outputs written whole or not at all. While a run writes, it holds a lock on the output folder, so
// two runs into one folder take turns. Each file is written to a temporary file of its own, created
// in the folder under a random name that is never a file or link that was already there, flushed to
// disk, and renamed into place only when every file of the run is ready. The renames are all or
// nothing: the previous files are kept (as hidden hard links) until the commit is over, and put back
// when a rename fails or the caller's next step (recording the run) fails.
#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tenderscore::io {

/// An output could not be created or written, and nothing was changed in the output folder (exit
/// status 73).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A run failed after some of its outputs had been put in place, and they could not be taken back:
/// the message says which files the folder now holds.
class PartialOutput : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class OutputSet {
public:
    /// How long a run waits for another run writing into the same folder to finish.
    static constexpr std::chrono::milliseconds defaultLockWait{60'000};

    /// Creates `folder` (and parents) when absent and takes its lock, waiting up to `lockWait`.
    explicit OutputSet(std::filesystem::path folder, std::chrono::milliseconds lockWait = defaultLockWait);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// A new, empty temporary file for the final file `name`, as a path the caller writes through
    /// (it names the file this set created, wherever its name in the folder goes); then `staged`.
    [[nodiscard]] std::filesystem::path reserve(const std::string& name);
    /// Marks a reserved file as written; flushes it to disk.
    void staged(const std::filesystem::path& temporary);
    /// Writes `bytes` as the final file `name` (staged until commit).
    void write(const std::string& name, std::string_view bytes);
    /// Renames every staged file into place and flushes the folder, all or nothing: when a rename
    /// fails, the files already renamed are put back as they were and OutputError is thrown
    /// (PartialOutput if they cannot be).
    void commit();
    /// After `commit`, puts the previous files back (or removes the new ones where there were
    /// none), because the run could not be recorded (`because` says why). Throws PartialOutput when
    /// it cannot.
    void revert(const std::string& because);

    [[nodiscard]] const std::filesystem::path& folder() const { return _folder; }

private:
    struct Entry {
        std::string name;              // the final name in the folder
        std::string temporary;         // the temporary file's name in the folder
        std::filesystem::path handle;  // the path `reserve` handed out
        std::string previous;          // the hard link keeping the previous file, when there was one
        int descriptor = -1;           // the temporary file, open
        bool written = false;
        bool moved = false;
    };

    void lock(std::chrono::milliseconds wait);
    void removeStaleFiles();
    int createOwn(const std::string& name, const char* kind, std::string& created);
    Entry& newEntry(const std::string& name);
    void requireOwnTemporary(const Entry& entry);
    void keepPrevious(Entry& entry);
    /// Undoes the renames made so far; returns what could not be undone ("" when all was).
    std::string putBack();
    void syncFolder();
    [[nodiscard]] std::string inFolder(const std::string& name) const;

    std::filesystem::path _folder;
    int _folderDescriptor = -1;
    std::vector<Entry> _entries;
    bool _committed = false;
};

}  // namespace tenderscore::io
