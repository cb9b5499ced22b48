// The panel server's store: an SQLite file (WAL, one writer at a time, readers never blocked) or a
// PostgreSQL database, both through Poco::Data, behind one small interface. Every request runs in
// one transaction on one connection (`Db`); a writing transaction holds the SQLite write lock from
// its start (BEGIN IMMEDIATE), so two writers never interleave, and on PostgreSQL it locks the
// evaluation's row before it reads the log's head, so appends to one log are serialized.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace tenderscore::server {

class GroupCommit;

/// The store cannot be opened, read or written.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Dialect { SQLite, PostgreSQL };

/// A value bound to a `?` of a statement.
using Value = std::variant<std::int64_t, std::string>;
/// A row read: every column as text (integers in decimal); the schema has no NULLs.
using Row = std::vector<std::string>;
using Rows = std::vector<Row>;

[[nodiscard]] std::int64_t toInt(const std::string& column);

/// One connection inside one transaction.
class Db {
public:
    Db(Poco::Data::Session& session, Dialect dialect) : _session(session), _dialect(dialect) {}

    void exec(const std::string& sql, const std::vector<Value>& values = {});
    [[nodiscard]] Rows query(const std::string& sql, const std::vector<Value>& values = {});
    [[nodiscard]] std::optional<Row> one(const std::string& sql, const std::vector<Value>& values = {});
    [[nodiscard]] Dialect dialect() const { return _dialect; }
    /// " FOR UPDATE" on PostgreSQL (row locks), nothing on SQLite (the whole file is locked).
    [[nodiscard]] std::string forUpdate() const { return _dialect == Dialect::PostgreSQL ? " FOR UPDATE" : ""; }

private:
    Poco::Data::Session& _session;
    Dialect _dialect;
};

class Store {
public:
    enum class Mode { Read, Write };
    static constexpr std::chrono::seconds lockWait{30};

    /// `location`: an SQLite file (created with the schema when missing), ":memory:" (one
    /// connection), or a postgresql:// URL. `connections`: the most open at once.
    explicit Store(const std::string& location, std::size_t connections = 8);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Runs `work` in one transaction: committed when it returns, rolled back when it throws.
    void transact(Mode mode, const std::function<void(Db&)>& work);
    [[nodiscard]] Dialect dialect() const { return _dialect; }
    [[nodiscard]] const std::string& location() const { return _location; }

private:
    std::unique_ptr<Poco::Data::Session> connect();
    void createSchema();

    std::string _location;
    Dialect _dialect;
    std::size_t _capacity;
    std::size_t _open = 0;
    std::vector<std::unique_ptr<Poco::Data::Session>> _idle;
    std::mutex _mutex;
    std::condition_variable _returned;
    /// An SQLite file's writes, committed in groups (group_commit.hpp).
    std::unique_ptr<GroupCommit> _groupCommit;
};

/// Whether a store location names PostgreSQL.
[[nodiscard]] bool isPostgreSql(const std::string& location);

}  // namespace tenderscore::server
