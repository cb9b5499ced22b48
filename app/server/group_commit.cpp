#include "server/group_commit.hpp"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

namespace tenderscore::server {

namespace {

using namespace Poco::Data::Keywords;

}  // namespace

GroupCommit::GroupCommit(Connect connect) : _connect(std::move(connect)), _thread([this] { loop(); }) {}

GroupCommit::~GroupCommit() {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _wake.notify_all();
    _thread.join();
}

void GroupCommit::run(const std::function<void(Db&)>& work) {
    Job job;
    job.work = &work;
    std::unique_lock<std::mutex> lock(_mutex);
    _waiting.push_back(&job);
    _wake.notify_one();
    _finished.wait(lock, [&] { return job.done; });
    if (job.failure) {
        std::rethrow_exception(job.failure);
    }
}

void GroupCommit::loop() {
    std::unique_lock<std::mutex> lock(_mutex);
    while (true) {
        _wake.wait(lock, [&] { return _stopping || !_waiting.empty(); });
        if (_waiting.empty()) {
            return;  // stopping, and nothing left to write
        }
        std::deque<Job*> group;
        while (!_waiting.empty() && group.size() < mostInOneCommit) {
            group.push_back(_waiting.front());
            _waiting.pop_front();
        }
        lock.unlock();
        commitGroup(group);
        lock.lock();
        for (Job* job : group) {
            job->done = true;
        }
        _finished.notify_all();
    }
}

void GroupCommit::commitGroup(std::deque<Job*>& group) {
    try {
        if (!_session) {
            _session = _connect();
        }
        *_session << "BEGIN IMMEDIATE", now;
        for (Job* job : group) {
            *_session << "SAVEPOINT job", now;
            try {
                Db db(*_session, Dialect::SQLite);
                (*job->work)(db);
                *_session << "RELEASE job", now;
            } catch (...) {
                job->failure = std::current_exception();
                *_session << "ROLLBACK TO job", now;
                *_session << "RELEASE job", now;
            }
        }
        *_session << "COMMIT", now;
    } catch (const std::exception& error) {
        // Nothing of the group is committed: every job in it fails.
        try {
            if (_session) {
                *_session << "ROLLBACK", now;
            }
        } catch (const Poco::Exception&) {
            _session.reset();
        }
        const auto failure =
            std::make_exception_ptr(StoreError(std::string("the store failed a commit: ") + error.what()));
        for (Job* job : group) {
            job->failure = failure;
        }
    }
}

}  // namespace tenderscore::server
