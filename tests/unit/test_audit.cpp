#include <gtest/gtest.h>

#include <unistd.h>
#include <chrono>
#include <filesystem>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "audit/audit_log.hpp"
#include "audit/merkle.hpp"
#include "io/hash.hpp"

namespace tenderscore::audit {
namespace {

// The Merkle tree test vectors of RFC 6962's reference implementation (Certificate Transparency):
// the tree hashes of the first 1 to 8 of these leaves.
const std::vector<std::string> leaves = {
    std::string(""),
    std::string("\x00", 1),
    std::string("\x10"),
    std::string("\x20\x21"),
    std::string("\x30\x31"),
    std::string("\x40\x41\x42\x43"),
    std::string("\x50\x51\x52\x53\x54\x55\x56\x57"),
    std::string("\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"),
};
const std::vector<std::string> roots = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

TEST(Sha256, FileHashesMatchTheFips180TestVectors) {
    EXPECT_EQ(io::sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(io::sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(io::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(io::sha256Hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Merkle, EmptyTreeIsTheHashOfNothing) {
    EXPECT_EQ(toHex(treeHash({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Merkle, TreeHashesMatchTheRfc6962TestVectors) {
    std::vector<Digest> hashed;
    for (std::size_t n = 0; n < leaves.size(); ++n) {
        hashed.push_back(leafHash(leaves[n]));
        EXPECT_EQ(toHex(treeHash(hashed)), roots[n]) << n + 1 << " leaves";
    }
}

TEST(Merkle, LeafAndNodePrefixesDiffer) {
    const Digest a = leafHash("a");
    const Digest b = leafHash("b");
    EXPECT_NE(nodeHash(a, b), leafHash(a + b));
    EXPECT_EQ(fromHex(toHex(a)), a);
    EXPECT_TRUE(fromHex("not hex").empty());
}

RunRecord sampleRun() {
    RunRecord run;
    run.runTime = 1697068800;
    run.actor = "alice";
    run.toolVersion = "test";
    run.tender = "T1";
    run.resultsSha256 = io::sha256Hex("results");
    run.workbookSha256 = io::sha256Hex("workbook");
    run.inputs = {{"tender", "tender.xml", io::sha256Hex("tender")}};
    return run;
}

Blobs sampleBlobs() {
    return {{io::sha256Hex("tender"), "tender"}, {io::sha256Hex("results"), "results"}};
}

/// A log file in a temporary folder of its own, removed with SQLite's side files.
class ScratchLog {
public:
    ScratchLog()
        : _folder(std::filesystem::temp_directory_path() /
                  ("test-audit-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
        std::filesystem::remove_all(_folder);
        std::filesystem::create_directories(_folder);
        Poco::Data::SQLite::Connector::registerConnector();
    }
    ~ScratchLog() { std::filesystem::remove_all(_folder); }
    ScratchLog(const ScratchLog&) = delete;
    ScratchLog& operator=(const ScratchLog&) = delete;

    [[nodiscard]] std::filesystem::path file() const { return _folder / "log.db"; }

    /// Changes the log behind the tool's back, as someone with write access could.
    void tamper(const std::string& statement) const {
        Poco::Data::Session session("SQLite", file().string(), 0);
        session << statement, Poco::Data::Keywords::now;
    }

    [[nodiscard]] std::string bytes() const { return io::readWhole(file().string()); }

    /// A log of one run.
    void recordOneRun() const { AuditLog(file(), AuditLog::Access::Append).append(sampleRun(), sampleBlobs()); }

    /// What verify finds, reading the log as `audit verify` does.
    [[nodiscard]] std::string problem() const { return AuditLog(file(), AuditLog::Access::ReadOnly).verify().problem; }

private:
    std::filesystem::path _folder;
};

TEST(AuditLog, EntriesAreNumberedAndChained) {
    const ScratchLog scratch;
    AuditLog log(scratch.file(), AuditLog::Access::Append);
    const RunRecord first = log.append(sampleRun(), sampleBlobs());
    const RunRecord second = log.append(sampleRun(), {});
    EXPECT_EQ(first.number, 1);
    EXPECT_EQ(second.number, 2);
    EXPECT_EQ(first.previousHash, emptyHead());
    EXPECT_EQ(second.previousHash, first.entryHash);
    EXPECT_EQ(second.entryHash, entryHash(first.entryHash, second));
    EXPECT_EQ(log.checkpoint().size, 2);
    EXPECT_EQ(log.checkpoint().head, second.entryHash);
    EXPECT_EQ(log.blob(io::sha256Hex("tender")), "tender");
    const Verification verification = log.verify();
    EXPECT_TRUE(verification.intact()) << verification.problem;
}

TEST(AuditLog, AStoredFileThatIsNotItsHashIsReported) {
    const ScratchLog scratch;
    AuditLog log(scratch.file(), AuditLog::Access::Append);
    RunRecord run = sampleRun();
    run.inputs = {{"tender", "tender.xml", "t"}};
    log.append(run, {{"t", "tender"}, {io::sha256Hex("results"), "results"}});
    const Verification verification = log.verify();
    EXPECT_FALSE(verification.intact());
    EXPECT_EQ(verification.problem, "stored file t has been altered: its content no longer has that SHA-256");
}

TEST(AuditLog, TextHiddenAfterANulByteIsFound) {
    const ScratchLog scratch;
    scratch.recordOneRun();
    scratch.tamper("UPDATE runs SET actor = actor || char(0) || 'and someone else'");
    AuditLog log(scratch.file(), AuditLog::Access::ReadOnly);
    EXPECT_EQ(log.run(1).actor, std::string("alice\0and someone else", 22));
    EXPECT_EQ(log.verify().problem, "run 1 has been altered: its content no longer has its recorded hash");
}

TEST(AuditLog, AKeyWithANulByteAndASuffixIsFound) {
    const ScratchLog scratch;
    scratch.recordOneRun();
    scratch.tamper("UPDATE blobs SET hash = hash || char(0) || 'x' WHERE content = CAST('tender' AS BLOB)");
    EXPECT_EQ(scratch.problem(), "stored file " + io::sha256Hex("tender").substr(0, 12) +
                                     " has been altered: its content no longer has that SHA-256");
}

TEST(AuditLog, AValueStoredAsAnotherTypeIsFound) {
    const ScratchLog scratch;
    scratch.recordOneRun();
    scratch.tamper("UPDATE runs SET actor = CAST(actor AS BLOB)");
    EXPECT_EQ(scratch.problem(),
              "run 1 has been altered: one of its values is stored as another type than tenderscore writes");
}

TEST(AuditLog, VerifyRefusesAnySchemaObjectTheToolDoesNotCreate) {
    const ScratchLog scratch;
    scratch.recordOneRun();
    scratch.tamper("CREATE TRIGGER quiet BEFORE INSERT ON runs BEGIN SELECT RAISE(IGNORE); END");
    EXPECT_EQ(scratch.problem(),
              "the log's schema has been altered: it has a trigger 'quiet' on runs that tenderscore does not create");
    scratch.tamper("DROP TRIGGER quiet");
    scratch.tamper("CREATE VIEW everything AS SELECT * FROM runs");
    EXPECT_EQ(scratch.problem(),
              "the log's schema has been altered: it has a view 'everything' that tenderscore does not create");
    scratch.tamper("DROP VIEW everything");
    EXPECT_EQ(scratch.problem(), "");
}

TEST(AuditLog, AnEntryATriggerSwallowsIsNotReportedAsRecorded) {
    const ScratchLog scratch;
    scratch.recordOneRun();
    scratch.tamper("CREATE TRIGGER quiet BEFORE INSERT ON runs BEGIN SELECT RAISE(IGNORE); END");
    AuditLog log(scratch.file(), AuditLog::Access::Append);
    bool committed = false;
    try {
        log.append(sampleRun(), sampleBlobs(), [&] { committed = true; });
        FAIL() << "the swallowed entry was reported as recorded";
    } catch (const AuditError& error) {
        EXPECT_STREQ(error.what(), ("the audit log " + scratch.file().string() +
                                    " did not keep run 2 as it was written (its entry is not there), so nothing "
                                    "was recorded")
                                       .c_str());
    }
    EXPECT_FALSE(committed);  // the outputs would not have been put in place
}

TEST(AuditLog, NothingIsRecordedWhenTheStepBeforeCommitFails) {
    const ScratchLog scratch;
    AuditLog log(scratch.file(), AuditLog::Access::Append);
    EXPECT_THROW(log.append(sampleRun(), sampleBlobs(), [] { throw io::OutputError("the disk is full"); }),
                 io::OutputError);
    EXPECT_EQ(log.checkpoint().size, 0);
    EXPECT_EQ(log.append(sampleRun(), sampleBlobs()).number, 1);
}

TEST(AuditLog, ALockIsReportedAsALockNotAsDamage) {
    const ScratchLog scratch;
    scratch.recordOneRun();
    Poco::Data::Session holder("SQLite", scratch.file().string(), 0);
    holder << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
    AuditLog log(scratch.file(), AuditLog::Access::Append, std::chrono::seconds(1));
    EXPECT_TRUE(log.verify().intact());  // readers are not held up by a writer
    try {
        log.append(sampleRun(), sampleBlobs());
        FAIL() << "appended to a locked log";
    } catch (const AuditLocked& error) {
        EXPECT_STREQ(error.what(), ("the audit log " + scratch.file().string() +
                                    " is in use by another program: it stayed locked for 1 s")
                                       .c_str());
    }
    holder << "ROLLBACK", Poco::Data::Keywords::now;
    EXPECT_EQ(log.append(sampleRun(), sampleBlobs()).number, 2);
}

TEST(AuditLog, ReadingChangesNoByte) {
    const ScratchLog scratch;
    scratch.recordOneRun();
    const std::string before = scratch.bytes();
    {
        AuditLog log(scratch.file(), AuditLog::Access::ReadOnly);
        EXPECT_TRUE(log.verify().intact());
        EXPECT_EQ(log.runs().size(), 1U);
        EXPECT_EQ(log.checkpoint().size, 1);
    }
    EXPECT_EQ(scratch.bytes(), before);
}

TEST(AuditLog, AFileThatIsNotALogIsRefusedAndLeftAsItWas) {
    const ScratchLog scratch;
    scratch.tamper("CREATE TABLE notes (text TEXT)");
    const std::string before = scratch.bytes();
    for (const auto access : {AuditLog::Access::ReadOnly, AuditLog::Access::Append}) {
        try {
            AuditLog log(scratch.file(), access);
            FAIL() << "opened an unrelated database as a log";
        } catch (const AuditError& error) {
            EXPECT_STREQ(error.what(), ("the file " + scratch.file().string() +
                                        " is not a tenderscore audit log (it holds table 'notes')")
                                           .c_str());
        }
        EXPECT_EQ(scratch.bytes(), before);
    }
}

TEST(AuditLog, EntryContentCoversEveryField) {
    RunRecord run;
    run.number = 3;
    run.actor = "a";
    run.inputs = {{"bid", "bids/B1.xml", "h"}};
    const std::string content = entryContent(run);
    EXPECT_NE(content.find("actor=1:a\n"), std::string::npos);
    EXPECT_NE(content.find("name=11:bids/B1.xml\n"), std::string::npos);
    RunRecord other = run;
    other.reason = "x";
    EXPECT_NE(entryHash(emptyHead(), run), entryHash(emptyHead(), other));
}

}  // namespace
}  // namespace tenderscore::audit

namespace tenderscore::audit {
namespace {

const std::string headA(64, 'a');
const std::string headB(64, 'b');

/// A log of three entries whose hashes are 1..., 2..., 3... (only the hashes matter to the check).
std::vector<RunRecord> threeRuns() {
    std::vector<RunRecord> runs(3);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        runs[i].number = static_cast<std::int64_t>(i + 1);
        runs[i].entryHash = std::string(64, static_cast<char>('1' + i));
    }
    return runs;
}

TEST(Checkpoint, TheOneFormAndTheWorkbooksOlderWordingBothRead) {
    const auto held = parseCheckpoint("2:" + headA);
    ASSERT_TRUE(held);
    EXPECT_EQ(held->size, 2);
    EXPECT_EQ(held->head, headA);
    const auto upper = parseCheckpoint("2:" + std::string(64, 'A'));  // copied in capitals
    ASSERT_TRUE(upper);
    EXPECT_EQ(upper->head, headA);
    const auto older = parseCheckpoint("1 entry, head " + headB);
    ASSERT_TRUE(older);
    EXPECT_EQ(older->size, 1);
    EXPECT_EQ(older->head, headB);
    EXPECT_FALSE(parseCheckpoint("2:" + headA.substr(1)));  // 63 digits
    EXPECT_FALSE(parseCheckpoint("2:" + std::string(63, 'a') + "g"));
    EXPECT_FALSE(parseCheckpoint("-1:" + headA));
    EXPECT_FALSE(parseCheckpoint(headA));
}

TEST(Checkpoint, AMistypedCheckpointIsToldApartFromARewrittenLog) {
    const std::vector<RunRecord> runs = threeRuns();
    EXPECT_EQ(checkCheckpoint(runs, {2, std::string(64, '2')}).finding, CheckpointFinding::Holds);
    // The head of entry 3 with the count 2: copied wrongly, not a rewrite.
    EXPECT_EQ(checkCheckpoint(runs, {2, std::string(64, '3')}).finding, CheckpointFinding::NotAState);
    // The head at 2 with one digit mistyped.
    std::string mistyped(64, '2');
    mistyped[10] = '7';
    EXPECT_EQ(checkCheckpoint(runs, {2, mistyped}).finding, CheckpointFinding::NotAState);
    // Another hash altogether at 2: the first two entries are not what they were.
    EXPECT_EQ(checkCheckpoint(runs, {2, headA}).finding, CheckpointFinding::Rewritten);
    // More entries than the log holds: entries were removed.
    EXPECT_EQ(checkCheckpoint(runs, {4, headA}).finding, CheckpointFinding::Shortened);
}

}  // namespace
}  // namespace tenderscore::audit
