// Writes to an SQLite store, committed in groups. Every writing transaction of the process is run
// by one thread, one after another, each inside a savepoint of a shared transaction that is
// committed (and so synced to disk once) when no more are waiting: a write that fails rolls back
// its savepoint alone, and none is answered before the commit that holds it is on disk. Under
// load many marks share one sync, with synchronous=FULL: nothing acknowledged is lost, even to a
// power cut. Writers in other processes meet SQLite's file lock as usual.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "server/store.hpp"

namespace tenderscore::server {

class GroupCommit {
public:
    using Connect = std::function<std::unique_ptr<Poco::Data::Session>()>;
    static constexpr std::size_t mostInOneCommit = 256;

    explicit GroupCommit(Connect connect);
    ~GroupCommit();
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    /// Runs `work` in its turn; returns when its commit is on disk, or throws what it threw.
    void run(const std::function<void(Db&)>& work);

private:
    struct Job {
        const std::function<void(Db&)>* work = nullptr;
        std::exception_ptr failure;
        bool done = false;
    };

    void loop();
    void commitGroup(std::deque<Job*>& group);

    Connect _connect;
    std::unique_ptr<Poco::Data::Session> _session;
    std::mutex _mutex;
    std::condition_variable _wake;
    std::condition_variable _finished;
    std::deque<Job*> _waiting;
    bool _stopping = false;
    std::thread _thread;
};

}  // namespace tenderscore::server
