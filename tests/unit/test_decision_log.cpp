#include <gtest/gtest.h>

#include "audit/decision_log.hpp"

namespace tenderscore::audit {
namespace {

DecisionNames names() {
    DecisionNames known;
    known.users = {{"ada", "Ada Lovelace"}, {"erin", "Erin Okafor"}, {"faisal", "Faisal Khan"}};
    known.bidders = {{"BID-003", "Oakfield Care Group Ltd"}};
    known.bidFiles = {{"BID-003.xml", "BID-003"}};
    known.tender = "ECC-RES-2023 \"Block contracts\"";
    return known;
}

DecisionEntry entry(const std::string& actor, const std::string& type, const std::string& data) {
    return DecisionEntry{7, "2024-03-05T14:02:00Z", actor, type, data, std::string(64, 'a')};
}

std::string headline(const std::string& actor, const std::string& type, const std::string& data) {
    return describeEntry(entry(actor, type, data), names()).headline;
}

/// A results.json with one lot of two bids, one awarded, as the run stores it.
const char* const results = R"({"lots": [{"lot": "L1", "award": "block", "bids": [
    {"bid": "BID-003", "status": "compliant", "reasons": [], "rank": 1, "awardedPlaces": 6},
    {"bid": "BID-001", "status": "compliant", "reasons": [], "rank": 2, "awardedPlaces": 0}],
  "awards": [{"bid": "BID-003", "urn": "SC123456", "places": 6, "weeklyPrice": "5000.00"}],
  "awardedPlaces": 6, "providers": 1, "annualCost": "1560000.00", "contractValue": "4680000.00",
  "flags": []}]})";

TEST(DecisionLog, FirstMarkIsTheScoreAndRationale) {
    EXPECT_EQ(
        headline("faisal", "mark",
                 R"({"bid": "BID-004", "question": "Q2", "score": 3, "rationale": "Clear plan.", "previous": null})"),
        "Faisal Khan (faisal) set BID-004 Q2 to 3: \"Clear plan.\"");
}

TEST(DecisionLog, ReplacedMarkShowsTheOldScoreAndRationale) {
    const EntryWords words = describeEntry(entry("faisal", "mark", R"({"bid": "BID-004", "question": "Q2", "score": 3,
        "rationale": "Re-read.", "previous": {"score": 2, "rationale": "Thin."}})"),
                                           names());
    EXPECT_EQ(words.headline, "Faisal Khan (faisal) set BID-004 Q2 to 3 (was 2): \"Re-read.\"");
    EXPECT_EQ(words.details, std::vector<std::string>{"before: \"Thin.\""});
}

TEST(DecisionLog, ReplacedConsensusNamesTheModeratorWhoGaveTheOldOne) {
    const EntryWords words = describeEntry(entry("erin", "consensus", R"({"bid": "BID-002", "question": "Q3",
        "score": 2, "rationale": "Night cover missing.", "previous": {"score": 3, "rationale": "Agreed.",
        "moderator": "faisal"}})"),
                                           names());
    EXPECT_EQ(words.headline,
              "Erin Okafor (erin) replaced the consensus on BID-002 Q3: 3 -> 2: \"Night cover missing.\"");
    EXPECT_EQ(words.details, std::vector<std::string>{"before: \"Agreed.\" (by Faisal Khan (faisal))"});
}

TEST(DecisionLog, ConflictNamesTheBidderAndTheRecusal) {
    EXPECT_EQ(headline("faisal", "declaration",
                       R"({"conflicts": [{"bid": "BID-003", "reason": "My sister manages one of its homes."}]})"),
              "Faisal Khan (faisal) declared a conflict of interest with BID-003 (Oakfield Care Group Ltd): \"My "
              "sister manages one of its homes.\" (recused)");
    EXPECT_EQ(headline("erin", "declaration", R"({"conflicts": []})"),
              "Erin Okafor (erin) declared no conflict of interest");
}

TEST(DecisionLog, RejectionAtOpeningGivesTheReasonAndKeepsTheBytesHash) {
    const EntryWords words = describeEntry(entry("ada", "rejection", R"({"file": "BID-010.xml", "reason": "Late.",
        "uploaded": false, "sha256": "55c16f07aaaa", "content": "bm90"})"),
                                           names());
    EXPECT_EQ(words.headline, "Ada Lovelace (ada) rejected BID-010.xml at opening: \"Late.\"");
    EXPECT_EQ(words.details, std::vector<std::string>{"it was not uploaded; its bytes are kept, SHA-256 55c16f07"});
}

TEST(DecisionLog, ReplacedBidShowsBothFingerprints) {
    EXPECT_EQ(headline("ada", "bid", R"({"file": "BID-003.xml", "sha256": "2a84cfb0ffff", "replaces": "58a9d335eeee",
        "xml": "<bid/>"})"),
              "Ada Lovelace (ada) replaced the bid BID-003.xml (BID-003, Oakfield Care Group Ltd): SHA-256 58a9d335 -> "
              "2a84cfb0");
}

TEST(DecisionLog, PanelListsEachMemberAndThePanelItReplaced) {
    const EntryWords words = describeEntry(entry("ada", "panel", R"({"evaluators": [
        {"user": "erin", "name": "Erin Okafor", "questions": null, "moderator": true},
        {"user": "faisal", "name": "Faisal Khan", "questions": ["Q1"], "moderator": false}],
        "previous": ["erin"]})"),
                                           names());
    EXPECT_EQ(words.headline, "Ada Lovelace (ada) set the panel: 2 evaluators");
    EXPECT_EQ(words.details, (std::vector<std::string>{"Erin Okafor (erin): every question; moderator",
                                                       "Faisal Khan (faisal): question Q1",
                                                       "replacing the panel of Erin Okafor (erin)"}));
}

/// Text as a JSON string, for a document stored inside an entry's data.
std::string jsonString(const std::string& text) {
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\\\"") : c == '\n' ? std::string(" ") : std::string(1, c);
    }
    return quoted + "\"";
}

TEST(DecisionLog, RunShowsEachLotsOutcomeAndTheOutputsFingerprints) {
    const std::string data = R"({"run": 2, "scoresSha256": "11111111aa", "resultsSha256": "22222222bb",
        "workbookSha256": "33333333cc", "scores": "<scores/>", "workbook": "UEs=", "results": )" +
                             jsonString(results) + "}";
    const EntryWords words = describeEntry(entry("ada", "run", data), names());
    EXPECT_EQ(words.headline, "Ada Lovelace (ada) ran the evaluation: run 2");
    EXPECT_EQ(words.details,
              (std::vector<std::string>{
                  "Lot L1: 6 places to 1 provider (BID-003); ranked first BID-003; annual cost £1,560,000.00",
                  "results.json 22222222, evaluation.xlsx 33333333, scores.xml 11111111"}));
}

TEST(DecisionLog, ApprovalGivesTheStatementAndTheSignOff) {
    const EntryWords words =
        describeEntry(entry("ada", "approval", R"({"run": 2, "statement": "Approved.", "signsOff": true})"), names());
    EXPECT_EQ(words.headline, "Ada Lovelace (ada) approved run 2: \"Approved.\"");
    EXPECT_EQ(words.details, std::vector<std::string>{"the approvals needed are given: the evaluation is signed off"});
}

TEST(DecisionLog, AUserWithoutANameIsShownByTheirUserName) {
    EXPECT_EQ(headline("mallory", "open-moderation", "{}"), "mallory opened the moderation");
}

TEST(DecisionLog, DataThatCannotBeReadIsSaidSo) {
    EXPECT_EQ(headline("ada", "mark", "not json"),
              "Ada Lovelace (ada) recorded a mark entry whose data cannot be read");
    EXPECT_EQ(headline("ada", "mark", R"({"bid": "BID-001", "previous": 3})"),
              "Ada Lovelace (ada) recorded a mark entry whose data cannot be read");
    EXPECT_EQ(headline("ada", "merge", "{}"),
              "Ada Lovelace (ada) recorded an entry of a kind this version does not know: merge");
}

TEST(DecisionLog, ReportHeadsTheEntriesWithTheCheckAndShowsControlCharactersAsText) {
    DecisionLog log{"ev-1a2b3c4d",
                    {entry("erin", "reopen", R"({"evaluator": "faisal", "bid": "BID-002",
        "question": "Q1", "reason": "Wrong answer\u009b2J read."})")},
                    std::string(64, 'b'),
                    std::string()};
    EXPECT_EQ(decisionLogReport(log, names()),
              "Evaluation ev-1a2b3c4d, tender ECC-RES-2023 \"Block contracts\"\n"
              "  1 entry, head bbbbbbbb\n"
              "  Checked: every entry matches its hash, and the tables agree with the log\n"
              "\n"
              "Entry 7, 2024-03-05T14:02:00Z: Erin Okafor (erin) reopened the mark of Faisal Khan (faisal) for "
              "BID-002 Q1: \"Wrong answer\\xC2\\x9B2J read.\"\n");
    log.problem = "entry 7 does not match its hash: it was changed";
    EXPECT_NE(decisionLogReport(log, names()).find("WARNING: the log is not intact: entry 7 does not match its hash"),
              std::string::npos);
    log.problem.reset();
    EXPECT_EQ(decisionLogReport(log, names()).find("Checked"), std::string::npos);
}

TEST(DecisionLog, JsonKeepsEveryHashInFullAndLeavesTheDocumentsOut) {
    const DecisionLog log{"ev-1a2b3c4d",
                          {entry("ada", "tender", R"({"file": "tender.xml", "sha256": "5f8d", "xml": "<tender/>"})")},
                          std::string(64, 'a'),
                          std::nullopt};
    const std::string json = decisionLogJson(log, names());
    EXPECT_NE(json.find("\"format\": \"tenderscore-decision-log/1\""), std::string::npos);
    EXPECT_NE(json.find("\"head\": \"" + std::string(64, 'a') + "\""), std::string::npos);
    EXPECT_NE(json.find("\"previousEntry\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""),
              std::string::npos);
    EXPECT_NE(json.find("\"intact\": null"), std::string::npos);
    EXPECT_NE(json.find("\"sha256\": \"5f8d\""), std::string::npos);
    EXPECT_EQ(json.find("<tender/>"), std::string::npos);
}

}  // namespace
}  // namespace tenderscore::audit
