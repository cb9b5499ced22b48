#include "io/output_set.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace tenderscore::io {

namespace {

void syncPath(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) {
        throw OutputError("cannot open " + path.string() + ": " + std::strerror(errno));
    }
    const int synced = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (synced != 0) {
        throw OutputError("cannot flush " + path.string() + " to disk: " + std::strerror(error));
    }
}

}  // namespace

OutputSet::OutputSet(std::filesystem::path folder) : _folder(std::move(folder)) {
    std::error_code ec;
    std::filesystem::create_directories(_folder, ec);
    if (ec || !std::filesystem::is_directory(_folder)) {
        throw OutputError("cannot create the output folder " + _folder.string() +
                          (ec ? ": " + ec.message() : ": not a folder"));
    }
    removeStaleTemporaries();
}

void OutputSet::removeStaleTemporaries() {
    // A run killed before it could clean up leaves ".<name>.tmp-<pid>"; remove those whose process is gone.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(_folder, ec)) {
        const std::string name = entry.path().filename().string();
        const auto marker = name.rfind(".tmp-");
        if (name.empty() || name.front() != '.' || marker == std::string::npos) {
            continue;
        }
        const std::string pid = name.substr(marker + 5);
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) {
            continue;
        }
        if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            std::filesystem::remove(entry.path(), ignored);
        }
    }
}

OutputSet::~OutputSet() {
    if (_committed) {
        return;
    }
    for (const Entry& entry : _entries) {
        std::error_code ignored;
        std::filesystem::remove(entry.temporary, ignored);
    }
}

std::filesystem::path OutputSet::reserve(const std::string& name) {
    const std::string temporaryName = "." + name + ".tmp-" + std::to_string(::getpid());
    Entry entry{_folder / temporaryName, _folder / name, false};
    _entries.push_back(entry);
    return entry.temporary;
}

void OutputSet::staged(const std::filesystem::path& temporary) {
    for (Entry& entry : _entries) {
        if (entry.temporary == temporary) {
            syncPath(temporary, O_RDONLY);
            entry.written = true;
            return;
        }
    }
    throw OutputError("internal: " + temporary.string() + " was not reserved");
}

void OutputSet::write(const std::string& name, std::string_view bytes) {
    const std::filesystem::path temporary = reserve(name);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw OutputError("cannot create " + temporary.string() + ": " + std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            ::close(fd);
            throw OutputError("cannot write " + temporary.string() + ": " + std::strerror(error));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        throw OutputError("cannot write " + temporary.string() + ": " + std::strerror(errno));
    }
    _entries.back().written = true;
}

void OutputSet::commit() {
    for (const Entry& entry : _entries) {
        if (!entry.written) {
            throw OutputError("internal: " + entry.final.string() + " was never written");
        }
    }
    for (const Entry& entry : _entries) {
        std::error_code ec;
        std::filesystem::rename(entry.temporary, entry.final, ec);
        if (ec) {
            throw OutputError("cannot move " + entry.temporary.string() + " to " + entry.final.string() + ": " +
                              ec.message());
        }
    }
    _committed = true;
    syncPath(_folder, O_RDONLY | O_DIRECTORY);
}

}  // namespace tenderscore::io
