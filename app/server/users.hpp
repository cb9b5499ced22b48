// Users, passwords and sessions. Passwords are kept only as PBKDF2-HMAC-SHA256 with a random salt
// per user and compared in constant time; a session is a random 256-bit id held by the browser in
// an HttpOnly, SameSite=Strict cookie, kept in the store only as its SHA-256, with a CSRF token and
// an expiry. Five failed logins for a name within 15 minutes lock that name for 15 minutes (a
// success between them does not reset the count); the count and the decision are made in one
// transaction, logins of one name taking turns, so that logins at once cannot outrun it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/store.hpp"

namespace tenderscore::server {

enum class Role { Admin, Evaluator, Auditor };

[[nodiscard]] std::optional<Role> parseRole(const std::string& name);
[[nodiscard]] const char* roleName(Role role);

struct User {
    std::string name;
    std::string display;
    Role role = Role::Evaluator;
};

inline constexpr std::int64_t pbkdf2Iterations = 600'000;
inline constexpr std::size_t minPasswordLength = 12;
inline constexpr int failuresBeforeLockout = 5;
inline constexpr std::int64_t lockoutWindowSeconds = 15 * 60;
inline constexpr std::int64_t lockoutSeconds = 15 * 60;

struct PasswordHash {
    std::string salt;  // hex
    std::int64_t iterations = pbkdf2Iterations;
    std::string hash;  // hex
};

[[nodiscard]] PasswordHash hashPassword(const std::string& password);
[[nodiscard]] bool passwordMatches(const std::string& password, const PasswordHash& stored);
/// `bytes` random bytes from the operating system's generator, as hex.
[[nodiscard]] std::string randomHex(std::size_t bytes);
/// Equal strings, in time that depends only on their lengths.
[[nodiscard]] bool sameSecret(const std::string& a, const std::string& b);

/// Adds a user; throws HttpError 400 for a name that is not an id, a blank display name, a
/// password that is not UTF-8 or is shorter than 12 characters (code points, not bytes), or a
/// name already taken.
void addUser(Store& store, const std::string& name, const std::string& display, Role role, const std::string& password);

struct Session {
    User user;
    std::string token;  // the cookie's value (only at login)
    std::string csrf;
    std::int64_t expires = 0;
};

/// Checks the password and opens a session; throws HttpError 401 (wrong name or password) or 429
/// (locked). `now` in seconds since 1970.
[[nodiscard]] Session login(Store& store, const std::string& name, const std::string& password, std::int64_t now,
                            std::int64_t lifetimeSeconds);
/// The session a cookie names, when it exists and has not expired.
[[nodiscard]] std::optional<Session> findSession(Db& db, const std::string& token, std::int64_t now);
void endSession(Db& db, const std::string& token);
[[nodiscard]] std::optional<User> findUser(Db& db, const std::string& name);
/// Every user with the role, by name.
[[nodiscard]] std::vector<User> usersWithRole(Db& db, Role role);
/// The evaluations a user may open, by id: every one for an admin or an auditor, those whose panel
/// they are on for an evaluator.
[[nodiscard]] std::vector<std::string> evaluationsOf(Db& db, const User& user);

}  // namespace tenderscore::server
