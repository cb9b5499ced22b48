#include "publish/chromium.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <thread>
#include <vector>

#include "io/output_set.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere else

namespace tenderscore::publish {

namespace {

/// Longer than Chromium takes to start and print one summary on a small, busy machine.
constexpr std::chrono::seconds printTimeout{120};
constexpr std::chrono::milliseconds pollEvery{50};

bool isExecutable(const std::filesystem::path& path) {
    return std::filesystem::is_regular_file(path) && ::access(path.c_str(), X_OK) == 0;
}

/// Waits for `child`, killing it after `printTimeout`; its exit status, or -1 when it was killed.
int waitFor(pid_t child) {
    const auto deadline = std::chrono::steady_clock::now() + printTimeout;
    int status = 0;
    while (true) {
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (done < 0 && errno != EINTR) {
            return -1;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(pollEvery);
    }
}

}  // namespace

std::optional<std::filesystem::path> findChromium() {
    if (const char* chosen = std::getenv("TENDERSCORE_CHROMIUM"); chosen != nullptr) {
        if (*chosen == '\0') {
            return std::nullopt;
        }
        return std::filesystem::path(chosen);
    }
    const char* path = std::getenv("PATH");
    std::istringstream folders(path != nullptr ? path : "/usr/bin:/bin");
    std::string folder;
    while (std::getline(folders, folder, ':')) {
        const std::filesystem::path candidate = std::filesystem::path(folder.empty() ? "." : folder) / "chromium";
        if (isExecutable(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

void printToPdf(const std::filesystem::path& chromium, const std::filesystem::path& html,
                const std::filesystem::path& pdf, const std::filesystem::path& profile) {
    std::vector<std::string> arguments{chromium.string(),
                                       "--headless",
                                       "--no-sandbox",
                                       "--disable-gpu",
                                       "--no-first-run",
                                       "--no-pdf-header-footer",
                                       "--user-data-dir=" + profile.string(),
                                       "--print-to-pdf=" + pdf.string(),
                                       "file://" + html.string()};
    std::vector<char*> argv;
    argv.reserve(arguments.size() + 1);
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // Chromium talks a lot on both streams; the summaries' own messages are ours to print.
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t child = 0;
    const int spawned = ::posix_spawn(&child, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw io::OutputError("cannot run " + chromium.string() + " to print " + pdf.filename().string() + ": " +
                              std::strerror(spawned));
    }
    const int status = waitFor(child);
    std::error_code ec;
    if (status != 0 || !std::filesystem::is_regular_file(pdf) || std::filesystem::file_size(pdf, ec) == 0) {
        throw io::OutputError(
            chromium.string() + " could not print " + pdf.filename().string() +
            (status < 0 ? " (it was stopped or timed out)" : " (exit status " + std::to_string(status) + ")"));
    }
}

}  // namespace tenderscore::publish
