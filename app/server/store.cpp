#include "server/store.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <libpq-fe.h>

#include "server/group_commit.hpp"
#include "server/schema.hpp"

namespace tenderscore::server {

namespace {

using namespace Poco::Data::Keywords;

constexpr const char* schemaName = "tenderscore-panel-store/1";
/// The key of the PostgreSQL advisory lock taken while the schema is created.
constexpr std::int64_t schemaLockKey = 0x74656e646572;

/// `?` placeholders as PostgreSQL's `$1, $2 ...` (the statements hold no quoted `?`).
std::string placeholders(const std::string& sql, Dialect dialect) {
    if (dialect == Dialect::SQLite) {
        return sql;
    }
    std::string out;
    int number = 0;
    for (const char c : sql) {
        if (c == '?') {
            out += "$" + std::to_string(++number);
        } else {
            out += c;
        }
    }
    return out;
}

/// A postgresql:// URL as the "key='value' ..." form Poco's connector passes to libpq.
std::string keywordForm(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (options == nullptr) {
        const std::string why = error != nullptr ? error : "cannot be parsed";
        PQfreemem(error);
        throw StoreError("the store URL " + url + " is not a PostgreSQL connection URL: " + why);
    }
    std::string out;
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (option->val == nullptr) {
            continue;
        }
        std::string value;
        for (const char c : std::string(option->val)) {
            if (c == '\\' || c == '\'') {
                value += '\\';
            }
            value += c;
        }
        out += std::string(out.empty() ? "" : " ") + option->keyword + "='" + value + "'";
    }
    PQconninfoFree(options);
    return out;
}

std::string storeFailure(const std::string& what, const Poco::Exception& error) {
    return "the store " + what + ": " + error.displayText();
}

}  // namespace

std::int64_t toInt(const std::string& column) {
    try {
        std::size_t used = 0;
        const long long value = std::stoll(column, &used);
        if (used == column.size()) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw StoreError("the store holds '" + column + "' where a number belongs");
}

bool isPostgreSql(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

void Db::exec(const std::string& sql, const std::vector<Value>& values) {
    (void)query(sql, values);
}

Rows Db::query(const std::string& sql, const std::vector<Value>& values) {
    try {
        Poco::Data::Statement statement(_session);
        statement << placeholders(sql, _dialect);
        for (const Value& value : values) {
            if (const auto* number = std::get_if<std::int64_t>(&value)) {
                statement, bind(static_cast<Poco::Int64>(*number));
            } else {
                statement, bind(std::get<std::string>(value));
            }
        }
        statement.execute();
        Rows rows;
        if (statement.columnsExtracted() == 0) {
            return rows;
        }
        Poco::Data::RecordSet set(statement);
        const std::size_t columns = set.columnCount();
        rows.reserve(set.rowCount());
        for (std::size_t row = 0; row < set.rowCount(); ++row) {
            Row values_;
            values_.reserve(columns);
            for (std::size_t column = 0; column < columns; ++column) {
                const Poco::Dynamic::Var& value = set.value(column, row);
                values_.push_back(value.isEmpty() ? std::string() : value.convert<std::string>());
            }
            rows.push_back(std::move(values_));
        }
        return rows;
    } catch (const Poco::Exception& error) {
        throw StoreError(storeFailure("failed a statement (" + sql.substr(0, 60) + ")", error));
    }
}

std::optional<Row> Db::one(const std::string& sql, const std::vector<Value>& values) {
    Rows rows = query(sql, values);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

Store::Store(const std::string& location, std::size_t connections)
    : _location(location),
      _dialect(isPostgreSql(location) ? Dialect::PostgreSQL : Dialect::SQLite),
      _capacity(location == ":memory:" ? 1 : std::max<std::size_t>(connections, 1)) {
    createSchema();
    if (_dialect == Dialect::SQLite && location != ":memory:") {
        _groupCommit = std::make_unique<GroupCommit>([this] { return connect(); });
    }
}

Store::~Store() = default;

std::unique_ptr<Poco::Data::Session> Store::connect() {
    try {
        if (_dialect == Dialect::PostgreSQL) {
            Poco::Data::PostgreSQL::Connector::registerConnector();
            auto session = std::make_unique<Poco::Data::Session>("PostgreSQL", keywordForm(_location));
            *session << "SET client_min_messages TO WARNING", now;
            return session;
        }
        Poco::Data::SQLite::Connector::registerConnector();
        auto session = std::make_unique<Poco::Data::Session>("SQLite", _location);
        *session << "PRAGMA busy_timeout = " + std::to_string(lockWait.count() * 1000), now;
        // Every commit is on disk before the answer: a mark acknowledged is a mark kept.
        *session << "PRAGMA synchronous = FULL", now;
        if (_location != ":memory:") {
            std::string mode;
            *session << "PRAGMA journal_mode = WAL", into(mode), now;
        }
        return session;
    } catch (const Poco::Exception& error) {
        throw StoreError(storeFailure("cannot be opened (" + _location + ")", error));
    }
}

void Store::createSchema() {
    transact(Mode::Write, [&](Db& db) {
        if (_dialect == Dialect::PostgreSQL) {
            // Two servers starting at once must not both create the tables.
            db.exec("SELECT pg_advisory_xact_lock(?)", {schemaLockKey});
        }
        db.exec("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        const auto found = db.one("SELECT value FROM meta WHERE name = 'schema'");
        if (found && found->at(0) != schemaName) {
            throw StoreError("the store " + _location + " is not a tenderscore panel store (" + found->at(0) + ")");
        }
        if (!found) {
            const auto tables =
                db.one(_dialect == Dialect::SQLite
                           ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name <> 'meta'"
                           : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                             "current_schema() AND table_name <> 'meta'");
            if (toInt(tables->at(0)) != 0) {
                throw StoreError("the store " + _location + " holds other tables: not a tenderscore panel store");
            }
        }
        for (const char* statement : schemaStatements) {
            db.exec(statement);
        }
        for (const char* statement : derivedTables) {
            db.exec(statement);
        }
        if (!found) {
            db.exec("INSERT INTO meta (name, value) VALUES ('schema', ?)", {std::string(schemaName)});
        }
    });
}

void Store::transact(Mode mode, const std::function<void(Db&)>& work) {
    if (mode == Mode::Write && _groupCommit) {
        _groupCommit->run(work);
        return;
    }
    std::unique_ptr<Poco::Data::Session> session;
    {
        std::unique_lock<std::mutex> lock(_mutex);
        if (!_returned.wait_for(lock, lockWait, [&] { return !_idle.empty() || _open < _capacity; })) {
            throw StoreError("no connection to the store came free in time");
        }
        if (!_idle.empty()) {
            session = std::move(_idle.back());
            _idle.pop_back();
        } else {
            ++_open;
        }
    }
    auto giveBack = [&](bool keep) {
        std::lock_guard<std::mutex> lock(_mutex);
        if (keep && session) {
            _idle.push_back(std::move(session));
        } else {
            --_open;
        }
        _returned.notify_one();
    };
    try {
        if (!session) {
            session = connect();
        }
        Db db(*session, _dialect);
        if (_dialect == Dialect::SQLite) {
            *session << (mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN"), now;
        } else {
            session->begin();
        }
        try {
            work(db);
            if (_dialect == Dialect::SQLite) {
                *session << "COMMIT", now;
            } else {
                session->commit();
            }
        } catch (...) {
            try {
                if (_dialect == Dialect::SQLite) {
                    *session << "ROLLBACK", now;
                } else {
                    session->rollback();
                }
            } catch (const Poco::Exception&) {
                session.reset();  // a connection in an unknown state is not reused
            }
            throw;
        }
    } catch (const Poco::Exception& error) {
        giveBack(false);
        throw StoreError(storeFailure("failed a transaction", error));
    } catch (...) {
        giveBack(session != nullptr);
        throw;
    }
    giveBack(true);
}

}  // namespace tenderscore::server
