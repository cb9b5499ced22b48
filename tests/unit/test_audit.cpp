#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

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

TEST(AuditLog, EntriesAreNumberedAndChained) {
    const auto file = std::filesystem::temp_directory_path() / ("test-audit-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(file);
    {
        AuditLog log(file, true);
        RunRecord run;
        run.runTime = 1697068800;
        run.actor = "alice";
        run.toolVersion = "test";
        run.tender = "T1";
        run.resultsSha256 = "r";
        run.workbookSha256 = "w";
        run.inputs = {{"tender", "tender.xml", "t"}};
        const RunRecord first = log.append(run, {{"t", "tender"}, {"r", "results"}});
        const RunRecord second = log.append(run, {});
        EXPECT_EQ(first.number, 1);
        EXPECT_EQ(second.number, 2);
        EXPECT_EQ(first.previousHash, emptyHead());
        EXPECT_EQ(second.previousHash, first.entryHash);
        EXPECT_EQ(second.entryHash, entryHash(first.entryHash, second));
        EXPECT_EQ(log.checkpoint().size, 2);
        EXPECT_EQ(log.checkpoint().head, second.entryHash);
        EXPECT_EQ(log.blob("t"), "tender");
        // the stored blobs are not content-addressed here ("t" is not the SHA-256 of "tender")
        ASSERT_TRUE(log.verify());
        EXPECT_NE(log.verify()->find("has been altered"), std::string::npos);
    }
    std::filesystem::remove(file);
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
