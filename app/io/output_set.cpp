#include "io/output_set.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <thread>

namespace tenderscore::io {

namespace {

// The tool's own files in an output folder: ".<name>.tenderscore-new-<8 random letters or digits>"
// for a file being written, "...-old-..." for a previous file kept while a commit is under way.
// Only files named so are ever removed by a later run.
constexpr const char* ownMarker = ".tenderscore-";
constexpr const char* newKind = "new";
constexpr const char* oldKind = "old";
constexpr std::size_t kindLength = 3;
constexpr std::size_t randomLength = 8;
constexpr int nameAttempts = 100;
constexpr mode_t filePermissions = 0644;
constexpr auto lockPoll = std::chrono::milliseconds(20);
constexpr const char* descriptorFolder = "/proc/self/fd";

std::string describeError(int error) {
    return std::strerror(error);
}

bool isNameCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string ownName(const std::string& name, const char* kind) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device device;
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(alphabet) - 2);
    std::string result = "." + name + ownMarker + kind + "-";
    for (std::size_t i = 0; i < randomLength; ++i) {
        result += alphabet[pick(device)];
    }
    return result;
}

bool isOwnName(const std::string& name) {
    const auto marker = name.rfind(ownMarker);
    if (name.size() < 2 || name.front() != '.' || marker == std::string::npos || marker < 2) {
        return false;
    }
    const std::string rest = name.substr(marker + std::strlen(ownMarker));
    if (rest.size() != kindLength + 1 + randomLength || rest[kindLength] != '-' ||
        (rest.compare(0, kindLength, newKind) != 0 && rest.compare(0, kindLength, oldKind) != 0)) {
        return false;
    }
    return std::all_of(rest.begin() + kindLength + 1, rest.end(), isNameCharacter);
}

std::string describeWait(std::chrono::milliseconds wait) {
    constexpr long long perSecond = 1000;
    return wait.count() % perSecond == 0 ? std::to_string(wait.count() / perSecond) + " s"
                                         : std::to_string(wait.count()) + " ms";
}

void writeAll(int descriptor, std::string_view bytes, const std::string& what) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(descriptor, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw OutputError("cannot write " + what + ": " + describeError(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(descriptor) != 0) {
        throw OutputError("cannot flush " + what + " to disk: " + describeError(errno));
    }
}

std::string readAll(int descriptor, const std::string& what) {
    std::string bytes;
    constexpr std::size_t chunk = 65536;
    std::string buffer(chunk, '\0');
    for (;;) {
        const ssize_t n = ::read(descriptor, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw OutputError("cannot read " + what + ": " + describeError(errno));
        }
        if (n == 0) {
            return bytes;
        }
        bytes.append(buffer, 0, static_cast<std::size_t>(n));
    }
}

}  // namespace

OutputSet::OutputSet(std::filesystem::path folder, std::chrono::milliseconds lockWait) : _folder(std::move(folder)) {
    std::error_code ec;
    std::filesystem::create_directories(_folder, ec);
    if (!ec) {
        _folderDescriptor = ::open(_folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (ec || _folderDescriptor < 0) {
        throw OutputError("cannot create the output folder " + _folder.string() + ": " +
                          (ec ? ec.message() : describeError(errno)));
    }
    try {
        lock(lockWait);
        removeStaleFiles();
    } catch (...) {
        ::close(_folderDescriptor);
        throw;
    }
}

void OutputSet::lock(std::chrono::milliseconds wait) {
    // The folder itself is locked (no lock file is left in it); the lock goes with the descriptor,
    // so a run that dies releases it.
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (::flock(_folderDescriptor, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) {
            continue;
        }
        if (errno != EWOULDBLOCK) {
            throw OutputError("cannot lock the output folder " + _folder.string() + ": " + describeError(errno));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            throw OutputError("the output folder " + _folder.string() +
                              " is in use by another tenderscore run (waited " + describeWait(wait) +
                              " for it to finish)");
        }
        std::this_thread::sleep_for(lockPoll);
    }
}

void OutputSet::removeStaleFiles() {
    // Every run holds the folder's lock while its own files exist, so any found now belong to a run
    // that was killed. Nothing else is touched.
    const int copy = ::dup(_folderDescriptor);
    DIR* folder = copy < 0 ? nullptr : ::fdopendir(copy);
    if (folder == nullptr) {
        if (copy >= 0) {
            ::close(copy);
        }
        return;
    }
    std::vector<std::string> stale;
    while (const dirent* entry = ::readdir(folder)) {
        const std::string name = entry->d_name;
        struct stat status {};
        if (isOwnName(name) && ::fstatat(_folderDescriptor, name.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(status.st_mode)) {
            stale.push_back(name);
        }
    }
    ::closedir(folder);
    for (const std::string& name : stale) {
        ::unlinkat(_folderDescriptor, name.c_str(), 0);
    }
}

OutputSet::~OutputSet() {
    for (const Entry& entry : _entries) {
        if (!entry.moved) {
            ::unlinkat(_folderDescriptor, entry.temporary.c_str(), 0);
        }
        if (!entry.previous.empty()) {
            ::unlinkat(_folderDescriptor, entry.previous.c_str(), 0);
        }
        ::close(entry.descriptor);
    }
    ::close(_folderDescriptor);  // releases the lock
}

std::string OutputSet::inFolder(const std::string& name) const {
    return (_folder / name).string();
}

int OutputSet::createOwn(const std::string& name, const char* kind, std::string& created) {
    for (int attempt = 0; attempt < nameAttempts; ++attempt) {
        const std::string candidate = ownName(name, kind);
        // O_EXCL: never a file or link that is already there; O_NOFOLLOW for good measure.
        const int descriptor = ::openat(_folderDescriptor, candidate.c_str(),
                                        O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, filePermissions);
        if (descriptor >= 0) {
            created = candidate;
            return descriptor;
        }
        if (errno != EEXIST) {
            throw OutputError("cannot create " + inFolder(candidate) + ": " + describeError(errno));
        }
    }
    throw OutputError("cannot create a temporary file in " + _folder.string() + ": every name tried was taken");
}

OutputSet::Entry& OutputSet::newEntry(const std::string& name) {
    Entry entry;
    entry.name = name;
    entry.descriptor = createOwn(name, newKind, entry.temporary);
    // Whoever writes the file reaches it through this set's descriptor, never through a name that
    // someone else could replace with a link in the meantime.
    std::error_code ec;
    entry.handle = std::filesystem::is_directory(descriptorFolder, ec)
                       ? std::filesystem::path(descriptorFolder) / std::to_string(entry.descriptor)
                       : _folder / entry.temporary;
    _entries.push_back(entry);
    return _entries.back();
}

std::filesystem::path OutputSet::reserve(const std::string& name) {
    return newEntry(name).handle;
}

void OutputSet::staged(const std::filesystem::path& temporary) {
    for (Entry& entry : _entries) {
        if (entry.handle == temporary) {
            if (::fsync(entry.descriptor) != 0) {
                throw OutputError("cannot flush " + inFolder(entry.temporary) + " to disk: " + describeError(errno));
            }
            entry.written = true;
            return;
        }
    }
    throw OutputError("internal: " + temporary.string() + " was not reserved");
}

void OutputSet::write(const std::string& name, std::string_view bytes) {
    Entry& entry = newEntry(name);
    writeAll(entry.descriptor, bytes, inFolder(entry.temporary));
    entry.written = true;
}

void OutputSet::requireOwnTemporary(const Entry& entry) {
    struct stat mine {};
    struct stat named {};
    if (::fstat(entry.descriptor, &mine) != 0 ||
        ::fstatat(_folderDescriptor, entry.temporary.c_str(), &named, AT_SYMLINK_NOFOLLOW) != 0 ||
        mine.st_dev != named.st_dev || mine.st_ino != named.st_ino) {
        throw OutputError("the temporary file " + inFolder(entry.temporary) +
                          " was removed or replaced by another program");
    }
}

void OutputSet::keepPrevious(Entry& entry) {
    struct stat status {};
    if (::fstatat(_folderDescriptor, entry.name.c_str(), &status, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) {
            return;
        }
        throw OutputError("cannot look at " + inFolder(entry.name) + ": " + describeError(errno));
    }
    if (S_ISDIR(status.st_mode)) {
        return;  // the rename over it fails, and says so
    }
    for (int attempt = 0; attempt < nameAttempts; ++attempt) {
        const std::string candidate = ownName(entry.name, oldKind);
        if (::linkat(_folderDescriptor, entry.name.c_str(), _folderDescriptor, candidate.c_str(), 0) == 0) {
            entry.previous = candidate;
            return;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    // No hard link here (a FAT file system, or the file belongs to someone else): keep a copy.
    const std::string what = "the previous " + inFolder(entry.name);
    const int source = ::openat(_folderDescriptor, entry.name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (source < 0 || ::fstat(source, &status) != 0 || !S_ISREG(status.st_mode)) {
        const int error = errno;
        if (source >= 0) {
            ::close(source);
        }
        throw OutputError("cannot keep " + what + " while the new one is put in place: " +
                          (source < 0 ? describeError(error) : std::string("it is not a regular file")));
    }
    std::string bytes;
    try {
        bytes = readAll(source, what);
    } catch (...) {
        ::close(source);
        throw;
    }
    ::close(source);
    std::string copy;
    const int descriptor = createOwn(entry.name, oldKind, copy);
    try {
        writeAll(descriptor, bytes, inFolder(copy));
    } catch (...) {
        ::close(descriptor);
        ::unlinkat(_folderDescriptor, copy.c_str(), 0);
        throw;
    }
    ::close(descriptor);
    entry.previous = copy;
}

std::string OutputSet::putBack() {
    std::string failures;
    for (auto entry = _entries.rbegin(); entry != _entries.rend(); ++entry) {
        if (!entry->moved) {
            continue;
        }
        const int done = entry->previous.empty() ? ::unlinkat(_folderDescriptor, entry->name.c_str(), 0)
                                                 : ::renameat(_folderDescriptor, entry->previous.c_str(),
                                                              _folderDescriptor, entry->name.c_str());
        if (done != 0) {
            failures += (failures.empty() ? "" : ", ") + entry->name + " (" + describeError(errno) + ")";
            continue;
        }
        entry->moved = false;
        entry->previous.clear();
    }
    if (failures.empty()) {
        ::fsync(_folderDescriptor);
        return failures;
    }
    std::string now;
    std::string before;
    for (const Entry& entry : _entries) {
        std::string& list = entry.moved ? now : before;
        list += (list.empty() ? "" : " and ") + entry.name;
    }
    return failures + " could not be put back: " + _folder.string() + " holds this run's " + now +
           (before.empty() ? "" : " beside the previous " + before);
}

void OutputSet::syncFolder() {
    if (::fsync(_folderDescriptor) != 0) {
        const std::string problem = "cannot flush the folder " + _folder.string() + " to disk: " + describeError(errno);
        const std::string failures = putBack();
        if (!failures.empty()) {
            throw PartialOutput(problem + ", and " + failures);
        }
        throw OutputError(problem + " (the outputs already moved were put back as they were)");
    }
}

void OutputSet::commit() {
    for (const Entry& entry : _entries) {
        if (!entry.written) {
            throw OutputError("internal: " + inFolder(entry.name) + " was never written");
        }
    }
    for (Entry& entry : _entries) {
        requireOwnTemporary(entry);
        keepPrevious(entry);
    }
    for (std::size_t i = 0; i < _entries.size(); ++i) {
        Entry& entry = _entries[i];
        if (::renameat(_folderDescriptor, entry.temporary.c_str(), _folderDescriptor, entry.name.c_str()) != 0) {
            const std::string problem = "cannot move " + inFolder(entry.temporary) + " to " + inFolder(entry.name) +
                                        ": " + describeError(errno);
            const std::string failures = putBack();
            if (!failures.empty()) {
                throw PartialOutput(std::string(problem).append(", and ").append(failures));
            }
            throw OutputError(i == 0 ? problem : problem + " (the outputs already moved were put back as they were)");
        }
        entry.moved = true;
    }
    syncFolder();
    _committed = true;
}

void OutputSet::revert(const std::string& because) {
    if (!_committed) {
        return;
    }
    _committed = false;
    const std::string failures = putBack();
    if (!failures.empty()) {
        throw PartialOutput(because + "; and " + failures);
    }
}

}  // namespace tenderscore::io
