// The store, the log and the users of the panel server, below HTTP: the chain, the fold of the log
// into the derived tables (dropped and rebuilt: the same state), passwords (counted in characters),
// sessions, lockout (a success between failures resets nothing).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/http_error.hpp"
#include "server/json_io.hpp"
#include "server/pack.hpp"
#include "server/schema.hpp"
#include "server/state.hpp"
#include "server/users.hpp"

namespace tenderscore::server {
namespace {

std::string sampleFile(const std::string& name) {
    std::ifstream in(std::string(TENDERSCORE_SOURCE_DIR) + "/samples/essex-2023-block/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        _folder = std::filesystem::temp_directory_path() /
                  ("tenderscore-store-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(_folder);
        std::filesystem::create_directories(_folder);
        _file = (_folder / "store.db").string();
        _store = std::make_unique<Store>(_file);
    }
    void TearDown() override {
        _store.reset();
        std::filesystem::remove_all(_folder);
    }

    /// An evaluation taken into scoring with two bids, a panel of two and some marks.
    void scoreSome(const std::string& id) {
        _store->transact(Store::Mode::Write, [&](Db& db) {
            ASSERT_TRUE(createLog(db, id));
            record(db, id, "ada", "tender", JsonOut().object().key("xml").value(sampleFile("tender.xml")).end().str());
            for (const char* file : {"BID-001.xml", "BID-002.xml"}) {
                JsonOut bid;
                bid.object().key("file").value(file).key("sha256").value("x").key("xml");
                record(db, id, "ada", "bid", bid.value(sampleFile(std::string("bids/") + file)).end().str());
            }
            record(db, id, "ada", "panel",
                   R"({"evaluators":[{"user":"erin","name":"Erin","questions":null,"moderator":true},)"
                   R"({"user":"faisal","name":"Faisal","questions":["Q1"],"moderator":false}]})");
            record(db, id, "ada", "open-scoring", "{}");
            record(db, id, "faisal", "declaration", R"({"conflicts":[{"bid":"BID-002","reason":"Former employer"}]})");
            record(db, id, "erin", "declaration", R"({"conflicts":[]})");
            record(db, id, "erin", "mark", R"({"bid":"BID-001","question":"Q1","score":4,"rationale":"Good"})");
            record(db, id, "faisal", "mark", R"({"bid":"BID-001","question":"Q1","score":2,"rationale":"Thin"})");
            record(db, id, "erin", "mark", R"({"bid":"BID-001","question":"Q1","score":3,"rationale":"Changed"})");
        });
    }

    std::filesystem::path _folder;
    std::string _file;
    std::unique_ptr<Store> _store;
};

TEST_F(StoreTest, EntriesAreNumberedAndChainedFromTheEmptyHead) {
    scoreSome("ev-1");
    _store->transact(Store::Mode::Read, [&](Db& db) {
        const std::vector<Event> events = readEvents(db, "ev-1");
        ASSERT_EQ(events.size(), 10U);
        std::string previous = emptyHead();
        for (std::size_t i = 0; i < events.size(); ++i) {
            EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i + 1));
            EXPECT_EQ(events[i].hash, chainHash(previous, "ev-1", events[i]));
            previous = events[i].hash;
        }
        EXPECT_EQ(checkChain(db, "ev-1"), "");
        EXPECT_EQ(checkDerived(db, "ev-1"), "");
    });
}

TEST_F(StoreTest, AChangedEntryOrDerivedRowIsFound) {
    scoreSome("ev-1");
    scoreSome("ev-2");
    _store->transact(Store::Mode::Write, [&](Db& db) {
        db.exec("UPDATE marks SET score = 5 WHERE evaluation = 'ev-1' AND name = 'faisal'");
        EXPECT_EQ(checkDerived(db, "ev-1"),
                  "the table [marks] differs from what its log says: a stored value was changed");
        db.exec("UPDATE events SET data = '{}' WHERE evaluation = 'ev-1' AND seq = 4");
        EXPECT_EQ(checkChain(db, "ev-1"), "entry 4 does not match its hash: it was changed");
    });
    _store->transact(Store::Mode::Write, [&](Db& db) {
        db.exec("DELETE FROM events WHERE evaluation = 'ev-2' AND seq = 10");
        EXPECT_EQ(checkChain(db, "ev-2"),
                  "the log ends at entry 9 but its head names entry 10: entries were removed or the head was changed");
    });
}

TEST_F(StoreTest, DroppedDerivedTablesAreRebuiltFromTheLogAlone) {
    scoreSome("ev-1");
    scoreSome("ev-2");
    std::string before;
    _store->transact(Store::Mode::Read, [&](Db& db) { before = dumpState(db, "ev-1") + dumpState(db, "ev-2"); });
    EXPECT_NE(before.find("Changed"), std::string::npos);
    _store->transact(Store::Mode::Write, [&](Db& db) {
        for (const char* table : derivedNames) {
            db.exec(std::string("DROP TABLE ") + table);
        }
    });
    _store = std::make_unique<Store>(_file);  // creates the derived tables again, empty
    std::string after;
    _store->transact(Store::Mode::Write, [&](Db& db) {
        EXPECT_EQ(dumpState(db, "ev-1").find("Changed"), std::string::npos);
        rebuild(db, "ev-1");
        rebuild(db, "ev-2");
        after = dumpState(db, "ev-1") + dumpState(db, "ev-2");
    });
    EXPECT_EQ(after, before);
}

TEST_F(StoreTest, TheScoresDocumentAsItStoodAfterAnEntry) {
    scoreSome("ev-1");
    std::vector<Event> events;
    _store->transact(Store::Mode::Read, [&](Db& db) { events = readEvents(db, "ev-1", 9); });
    const auto scratch = foldEvents("ev-1", events);
    std::string scores;
    scratch->transact(Store::Mode::Read, [&](Db& db) { scores = scoresXml(db, "ev-1"); });
    EXPECT_EQ(scores,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<scores xmlns=\"urn:tenderscore:scores:1\" tender=\"ECC-RES-2023\">\n"
              "  <evaluator id=\"erin\" name=\"Erin\"/>\n"
              "  <evaluator id=\"faisal\" name=\"Faisal\" questions=\"Q1\"/>\n"
              "  <recusal evaluator=\"faisal\" bid=\"BID-002\">Former employer</recusal>\n"
              "  <mark bid=\"BID-001\" question=\"Q1\" evaluator=\"erin\" score=\"4\">Good</mark>\n"
              "  <mark bid=\"BID-001\" question=\"Q1\" evaluator=\"faisal\" score=\"2\">Thin</mark>\n"
              "</scores>\n");
}

TEST_F(StoreTest, PasswordsAreSaltedPbkdf2WithAtLeast600000Iterations) {
    const PasswordHash one = hashPassword("correct horse battery");
    const PasswordHash two = hashPassword("correct horse battery");
    EXPECT_GE(one.iterations, 600000);
    EXPECT_EQ(one.salt.size(), 64U);  // 256 random bits
    EXPECT_NE(one.salt, two.salt);
    EXPECT_NE(one.hash, two.hash);
    EXPECT_TRUE(passwordMatches("correct horse battery", one));
    EXPECT_FALSE(passwordMatches("correct horse batterz", one));
    EXPECT_TRUE(sameSecret("abc", "abc"));
    EXPECT_FALSE(sameSecret("abc", "abd"));
    EXPECT_FALSE(sameSecret("abc", "abcd"));
    addUser(*_store, "ada", "Ada", Role::Admin, "correct horse battery");
    _store->transact(Store::Mode::Read, [](Db& db) {
        const auto row = db.one("SELECT salt, iterations, hash FROM users WHERE name = 'ada'");
        ASSERT_TRUE(row);
        EXPECT_EQ(row->at(1), "600000");
        EXPECT_EQ(row->at(2).find("correct"), std::string::npos);
    });
    EXPECT_THROW(addUser(*_store, "ada", "Ada", Role::Admin, "correct horse battery"), HttpError);
    EXPECT_THROW(addUser(*_store, "bob", "Bob", Role::Admin, "short"), HttpError);
    EXPECT_THROW(addUser(*_store, "b o b", "Bob", Role::Admin, "long enough password"), HttpError);
}

/// The message of the HttpError `add` throws ("" when it throws none).
template <typename Add>
std::string refusal(Add add) {
    try {
        add();
    } catch (const HttpError& error) {
        return std::to_string(error.status()) + " " + error.what();
    }
    return "";
}

TEST_F(StoreTest, APasswordsLengthIsCountedInCharactersNotBytes) {
    std::string euros;
    for (int i = 0; i < 11; ++i) {
        euros += "\u20ac";  // three bytes each
    }
    ASSERT_EQ(euros.size(), 33U);
    EXPECT_EQ(refusal([&] { addUser(*_store, "eleven", "E", Role::Evaluator, euros); }),
              "400 a password has at least 12 characters");
    EXPECT_EQ(refusal([&] { addUser(*_store, "twelve", "T", Role::Evaluator, euros + "\u20ac"); }), "");
    EXPECT_EQ(refusal([&] { addUser(*_store, "latin1", "L", Role::Evaluator, "caf\xe9 au lait, please"); }),
              "400 a password is UTF-8 text; this one is not");
    EXPECT_NO_THROW((void)login(*_store, "twelve", euros + "\u20ac", 1'700'000'000, 3600));
}

TEST_F(StoreTest, SessionsExpireAndAreKeptOnlyAsTheirHash) {
    addUser(*_store, "ada", "Ada", Role::Admin, "correct horse battery");
    const std::int64_t now = 1'700'000'000;
    const Session session = login(*_store, "ada", "correct horse battery", now, 3600);
    EXPECT_EQ(session.token.size(), 64U);  // 256 random bits
    EXPECT_EQ(session.csrf.size(), 64U);
    _store->transact(Store::Mode::Read, [&](Db& db) {
        EXPECT_TRUE(findSession(db, session.token, now + 3599));
        EXPECT_FALSE(findSession(db, session.token, now + 3600));
        EXPECT_FALSE(db.one("SELECT token FROM sessions WHERE token = ?", {session.token}));
    });
}

TEST_F(StoreTest, FiveFailuresLockTheNameFor15MinutesEvenWithTheRightPassword) {
    addUser(*_store, "ada", "Ada", Role::Admin, "correct horse battery");
    const std::int64_t now = 1'700'000'000;
    for (int i = 0; i < 5; ++i) {
        try {
            (void)login(*_store, "ada", "wrong password!", now + i, 3600);
            FAIL() << "a wrong password signed in";
        } catch (const HttpError& error) {
            EXPECT_EQ(error.status(), 401);
        }
    }
    try {
        (void)login(*_store, "ada", "correct horse battery", now + 10, 3600);
        FAIL() << "a locked name signed in";
    } catch (const HttpError& error) {
        EXPECT_EQ(error.status(), 429);
        EXPECT_EQ(error.code(), "locked");
    }
    EXPECT_NO_THROW((void)login(*_store, "ada", "correct horse battery", now + 4 + lockoutSeconds + 1, 3600));
}

TEST_F(StoreTest, ASuccessBetweenFailuresDoesNotResetTheirCount) {
    addUser(*_store, "ada", "Ada", Role::Admin, "correct horse battery");
    const std::int64_t now = 1'700'000'000;
    auto attempt = [&](const std::string& password, std::int64_t at) {
        return refusal([&] { (void)login(*_store, "ada", password, at, 3600); });
    };
    const std::string wrong = "401 wrong user name or password";
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(attempt("wrong password!", now + i), wrong);
    }
    EXPECT_EQ(attempt("correct horse battery", now + 5), "");
    EXPECT_EQ(attempt("wrong password!", now + 6), wrong);  // the fifth within 15 minutes
    EXPECT_EQ(attempt("correct horse battery", now + 7), "429 too many failed logins: try again in 15 minutes");
}

TEST_F(StoreTest, FailuresOlderThan15MinutesAreNotCounted) {
    addUser(*_store, "ada", "Ada", Role::Admin, "correct horse battery");
    const std::int64_t now = 1'700'000'000;
    for (int i = 0; i < 4; ++i) {
        EXPECT_THROW((void)login(*_store, "ada", "wrong password!", now + i, 3600), HttpError);
    }
    EXPECT_THROW((void)login(*_store, "ada", "wrong password!", now + lockoutWindowSeconds + 1, 3600), HttpError);
    EXPECT_NO_THROW((void)login(*_store, "ada", "correct horse battery", now + lockoutWindowSeconds + 2, 3600));
}

}  // namespace
}  // namespace tenderscore::server
