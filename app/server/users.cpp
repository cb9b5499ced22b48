#include "server/users.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "audit/merkle.hpp"
#include "evaluation/values.hpp"
#include "server/http_error.hpp"
#include "xml/characters.hpp"

namespace tenderscore::server {

namespace {

constexpr std::size_t saltBytes = 32;  // 256 bits, 64 hex digits
constexpr std::size_t hashBytes = 32;
constexpr std::array<std::pair<Role, const char*>, 3> roleNames{
    {{Role::Admin, "admin"}, {Role::Evaluator, "evaluator"}, {Role::Auditor, "auditor"}}};

std::string pbkdf2(const std::string& password, const std::string& salt, std::int64_t iterations) {
    std::string out(hashBytes, '\0');
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                          static_cast<int>(iterations), EVP_sha256(), static_cast<int>(hashBytes),
                          reinterpret_cast<unsigned char*>(out.data())) != 1) {
        throw std::runtime_error("PBKDF2 failed");
    }
    return out;
}

std::string tokenKey(const std::string& token) {
    return audit::toHex(audit::sha256(token));
}

/// A hash to check a password against when the name is unknown, so that the answer takes as long.
const PasswordHash& decoy() {
    static const PasswordHash hash = hashPassword(randomHex(saltBytes));
    return hash;
}

/// The PostgreSQL advisory lock that serialises the logins of one name across every server
/// process: the first 64 bits of a SHA-256 of the name (two names that share a key only wait for
/// each other).
std::int64_t loginLockKey(const std::string& name) {
    constexpr std::size_t keyBytes = 8;
    constexpr unsigned bitsPerByte = 8;
    const audit::Digest digest = audit::sha256("tenderscore-login\n" + name);
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < keyBytes; ++i) {
        key = (key << bitsPerByte) | static_cast<unsigned char>(digest[i]);
    }
    return static_cast<std::int64_t>(key);
}

bool isLockedOut(Db& db, const std::string& name, std::int64_t now) {
    const auto lock = db.one("SELECT until FROM lockouts WHERE name = ?", {name});
    return lock && toInt(lock->at(0)) > now;
}

HttpError lockedOut() {
    return {429, "locked", "too many failed logins: try again in 15 minutes"};
}

/// Characters (Unicode code points) of valid UTF-8: every byte that does not continue a sequence.
std::size_t characters(const std::string& utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        constexpr unsigned continuationMask = 0xC0U;
        constexpr unsigned continuation = 0x80U;
        return (static_cast<unsigned char>(c) & continuationMask) != continuation;
    }));
}

}  // namespace

std::optional<Role> parseRole(const std::string& name) {
    for (const auto& [role, spelled] : roleNames) {
        if (name == spelled) {
            return role;
        }
    }
    return std::nullopt;
}

const char* roleName(Role role) {
    for (const auto& [known, spelled] : roleNames) {
        if (known == role) {
            return spelled;
        }
    }
    return "evaluator";
}

std::string randomHex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
        throw std::runtime_error("the random number generator failed");
    }
    return audit::toHex(raw);
}

bool sameSecret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

PasswordHash hashPassword(const std::string& password) {
    PasswordHash stored;
    stored.salt = randomHex(saltBytes);
    stored.hash = audit::toHex(pbkdf2(password, audit::fromHex(stored.salt), stored.iterations));
    return stored;
}

bool passwordMatches(const std::string& password, const PasswordHash& stored) {
    return sameSecret(audit::toHex(pbkdf2(password, audit::fromHex(stored.salt), stored.iterations)), stored.hash);
}

void addUser(Store& store, const std::string& name, const std::string& display, Role role,
             const std::string& password) {
    if (!isId(name)) {
        throw invalid("a user name is 1-64 characters from A-Z a-z 0-9 . _ -");
    }
    if (display.find_first_not_of(" \t") == std::string::npos) {
        throw invalid("a user needs a display name");
    }
    if (xml::firstInvalidUtf8(password) != std::string_view::npos) {
        throw invalid("a password is UTF-8 text; this one is not");
    }
    if (characters(password) < minPasswordLength) {
        throw invalid("a password has at least " + std::to_string(minPasswordLength) + " characters");
    }
    const PasswordHash hash = hashPassword(password);
    store.transact(Store::Mode::Write, [&](Db& db) {
        if (findUser(db, name)) {
            throw invalid("there is already a user " + name);
        }
        db.exec(
            "INSERT INTO users (name, display, role, salt, iterations, hash, created) VALUES (?, ?, ?, ?, ?, ?, "
            "?)",
            {name, display, std::string(roleName(role)), hash.salt, hash.iterations, hash.hash, std::string("")});
    });
}

std::optional<User> findUser(Db& db, const std::string& name) {
    const auto row = db.one("SELECT name, display, role FROM users WHERE name = ?", {name});
    if (!row) {
        return std::nullopt;
    }
    return User{row->at(0), row->at(1), parseRole(row->at(2)).value_or(Role::Auditor)};
}

Session login(Store& store, const std::string& name, const std::string& password, std::int64_t now,
              std::int64_t lifetimeSeconds) {
    std::optional<User> user;
    PasswordHash stored = decoy();
    bool locked = false;
    store.transact(Store::Mode::Read, [&](Db& db) {
        locked = isLockedOut(db, name, now);
        const auto row = db.one("SELECT name, display, role, salt, iterations, hash FROM users WHERE name = ?", {name});
        if (row) {
            user = User{row->at(0), row->at(1), parseRole(row->at(2)).value_or(Role::Auditor)};
            stored = PasswordHash{row->at(3), toInt(row->at(4)), row->at(5)};
        }
    });
    if (locked) {
        throw lockedOut();  // already locked: no need to spend the hash on it
    }
    // The hash is checked outside any transaction: it takes a while, and holds no lock.
    const bool matches = passwordMatches(password, stored) && user.has_value();
    // The decision is taken in one writing transaction with the logins of this name serialised (by
    // the one writer of an SQLite file; on PostgreSQL by a lock on the name): the lock-out is read,
    // and a failure recorded and counted, there, so that logins at once cannot all pass a check made
    // before any of them was counted.
    Session session;
    store.transact(Store::Mode::Write, [&](Db& db) {
        if (db.dialect() == Dialect::PostgreSQL) {
            db.exec("SELECT pg_advisory_xact_lock(?)", {loginLockKey(name)});
        }
        db.exec("DELETE FROM login_failures WHERE at <= ?", {now - lockoutWindowSeconds});
        locked = isLockedOut(db, name, now);
        if (locked) {
            return;
        }
        if (!matches) {
            db.exec("INSERT INTO login_failures (name, at) VALUES (?, ?)", {name, now});
            const auto failures = db.one("SELECT COUNT(*) FROM login_failures WHERE name = ?", {name});
            if (toInt(failures->at(0)) >= failuresBeforeLockout) {
                db.exec("DELETE FROM lockouts WHERE name = ?", {name});
                db.exec("INSERT INTO lockouts (name, until) VALUES (?, ?)", {name, now + lockoutSeconds});
                db.exec("DELETE FROM login_failures WHERE name = ?", {name});
            }
            return;
        }
        // A success leaves the failures counted: five within 15 minutes lock the name, with
        // successes between them or not.
        db.exec("DELETE FROM sessions WHERE expires <= ?", {now});
        session.user = *user;
        session.token = randomHex(32);
        session.csrf = randomHex(32);
        session.expires = now + lifetimeSeconds;
        db.exec("INSERT INTO sessions (token, name, csrf, expires) VALUES (?, ?, ?, ?)",
                {tokenKey(session.token), name, session.csrf, session.expires});
    });
    if (locked) {
        throw lockedOut();
    }
    if (!matches) {
        throw HttpError(401, "unauthenticated", "wrong user name or password");
    }
    return session;
}

std::optional<Session> findSession(Db& db, const std::string& token, std::int64_t now) {
    if (token.size() != 64) {
        return std::nullopt;
    }
    const auto row = db.one(
        "SELECT s.csrf, s.expires, u.name, u.display, u.role FROM sessions s JOIN users u ON u.name = s.name "
        "WHERE s.token = ?",
        {tokenKey(token)});
    if (!row || toInt(row->at(1)) <= now) {
        return std::nullopt;
    }
    Session session;
    session.csrf = row->at(0);
    session.expires = toInt(row->at(1));
    session.user = User{row->at(2), row->at(3), parseRole(row->at(4)).value_or(Role::Auditor)};
    return session;
}

void endSession(Db& db, const std::string& token) {
    db.exec("DELETE FROM sessions WHERE token = ?", {tokenKey(token)});
}

std::vector<User> usersWithRole(Db& db, Role role) {
    std::vector<User> users;
    for (const Row& row :
         db.query("SELECT name, display FROM users WHERE role = ? ORDER BY name", {std::string(roleName(role))})) {
        users.push_back(User{row[0], row[1], role});
    }
    return users;
}

std::vector<std::string> evaluationsOf(Db& db, const User& user) {
    const Rows rows = user.role == Role::Evaluator
                          ? db.query("SELECT evaluation FROM panel WHERE name = ? ORDER BY evaluation", {user.name})
                          : db.query("SELECT id FROM evaluations ORDER BY id");
    std::vector<std::string> ids;
    for (const Row& row : rows) {
        ids.push_back(row[0]);
    }
    return ids;
}

}  // namespace tenderscore::server
