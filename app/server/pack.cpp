#include "server/pack.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>
#include <utility>

#include "server/state.hpp"

namespace tenderscore::server {

namespace {

/// The entity a character of text is written as in scores.xml, or nothing. In an attribute value,
/// quotes, tabs and newlines are escaped too, so that they read back as they were.
const char* entity(char c, bool attribute) {
    static constexpr std::array<std::pair<char, const char*>, 3> always{{{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}}};
    static constexpr std::array<std::pair<char, const char*>, 3> inAttributes{
        {{'"', "&quot;"}, {'\n', "&#10;"}, {'\t', "&#9;"}}};
    for (const auto& [plain, written] : always) {
        if (c == plain) {
            return written;
        }
    }
    for (const auto& [plain, written] : inAttributes) {
        if (attribute && c == plain) {
            return written;
        }
    }
    return nullptr;
}

std::string escaped(const std::string& text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (const char* written = entity(c, attribute)) {
            out += written;
        } else {
            out += c;
        }
    }
    return out;
}

std::string attr(const char* name, const std::string& value) {
    return std::string(" ") + name + "=\"" + escaped(value, true) + "\"";
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string word; in >> word;) {
        out.push_back(word);
    }
    return out;
}

}  // namespace

namespace {

constexpr const char* memberColumns =
    "SELECT name, display, every_question, questions, moderator, declared, submitted FROM panel WHERE evaluation = ?";

PanelMember memberFrom(const Row& row) {
    return PanelMember{row[0], row[1], row[2] == "1", words(row[3]), row[4] == "1", row[5] == "1", row[6] == "1"};
}

}  // namespace

std::vector<PanelMember> panelOf(Db& db, const std::string& evaluation) {
    std::vector<PanelMember> panel;
    for (const Row& row : db.query(std::string(memberColumns) + " ORDER BY position", {evaluation})) {
        panel.push_back(memberFrom(row));
    }
    return panel;
}

std::optional<PanelMember> memberOf(Db& db, const std::string& evaluation, const std::string& name) {
    const auto row = db.one(std::string(memberColumns) + " AND name = ?", {evaluation, name});
    return row ? std::optional<PanelMember>(memberFrom(*row)) : std::nullopt;
}

std::vector<QuestionInfo> questionsOf(Db& db, const std::string& evaluation) {
    std::vector<QuestionInfo> questions;
    for (const Row& row :
         db.query("SELECT id, weight, text FROM questions WHERE evaluation = ? ORDER BY position", {evaluation})) {
        questions.push_back(QuestionInfo{row[0], row[1], row[2]});
    }
    return questions;
}

std::vector<std::string> assignedTo(const PanelMember& member, const std::vector<QuestionInfo>& questions) {
    std::vector<std::string> out;
    for (const QuestionInfo& question : questions) {
        if (member.everyQuestion ||
            std::find(member.questions.begin(), member.questions.end(), question.id) != member.questions.end()) {
            out.push_back(question.id);
        }
    }
    return out;
}

std::string scoresXml(Db& db, const std::string& evaluation) {
    const auto tender = db.one("SELECT tender FROM state WHERE evaluation = ?", {evaluation});
    const std::vector<PanelMember> panel = panelOf(db, evaluation);
    std::map<std::string, std::size_t> questionOrder;
    for (const QuestionInfo& question : questionsOf(db, evaluation)) {
        questionOrder.emplace(question.id, questionOrder.size());
    }
    std::map<std::string, std::size_t> memberOrder;
    for (const PanelMember& member : panel) {
        memberOrder.emplace(member.name, memberOrder.size());
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scores xmlns=\"urn:tenderscore:scores:1\"" +
                      attr("tender", tender ? tender->at(0) : "") + ">\n";
    for (const PanelMember& member : panel) {
        std::string assigned;
        for (const std::string& question : member.questions) {
            assigned += (assigned.empty() ? "" : " ") + question;
        }
        out += "  <evaluator" + attr("id", member.name) + attr("name", member.display) +
               (member.everyQuestion ? "" : attr("questions", assigned)) + "/>\n";
    }
    // Only what concerns the bids still in the pack: a bid rejected during scoring keeps its marks
    // in the log, not in the scores.
    const std::string live = " AND bid IN (SELECT bid FROM bids WHERE evaluation = ?)";
    Rows recusals =
        db.query("SELECT name, bid, reason FROM recusals WHERE evaluation = ?" + live, {evaluation, evaluation});
    std::sort(recusals.begin(), recusals.end(), [&](const Row& a, const Row& b) {
        return std::make_pair(memberOrder[a[0]], a[1]) < std::make_pair(memberOrder[b[0]], b[1]);
    });
    for (const Row& row : recusals) {
        out += "  <recusal" + attr("evaluator", row[0]) + attr("bid", row[1]) + ">" + escaped(row[2], false) +
               "</recusal>\n";
    }
    for (const Row& row :
         db.query("SELECT file, reason FROM rejections WHERE evaluation = ? ORDER BY file", {evaluation})) {
        out += "  <rejected" + attr("file", row[0]) + ">" + escaped(row[1], false) + "</rejected>\n";
    }
    Rows marks = db.query("SELECT bid, question, name, score, rationale FROM marks WHERE evaluation = ?" + live,
                          {evaluation, evaluation});
    std::sort(marks.begin(), marks.end(), [&](const Row& a, const Row& b) {
        return std::make_tuple(a[0], questionOrder[a[1]], memberOrder[a[2]]) <
               std::make_tuple(b[0], questionOrder[b[1]], memberOrder[b[2]]);
    });
    for (const Row& row : marks) {
        out += "  <mark" + attr("bid", row[0]) + attr("question", row[1]) + attr("evaluator", row[2]) +
               attr("score", row[3]) + ">" + escaped(row[4], false) + "</mark>\n";
    }
    Rows consensus =
        db.query("SELECT bid, question, score, moderator, rationale FROM consensus WHERE evaluation = ?" + live,
                 {evaluation, evaluation});
    std::sort(consensus.begin(), consensus.end(), [&](const Row& a, const Row& b) {
        return std::make_pair(a[0], questionOrder[a[1]]) < std::make_pair(b[0], questionOrder[b[1]]);
    });
    for (const Row& row : consensus) {
        out += "  <consensus" + attr("bid", row[0]) + attr("question", row[1]) + attr("score", row[2]) +
               attr("moderator", row[3]) + ">" + escaped(row[4], false) + "</consensus>\n";
    }
    out += "</scores>\n";
    return out;
}

PackDocuments packDocuments(Db& db, const std::string& evaluation) {
    PackDocuments documents;
    const auto tender = db.one("SELECT tender_xml FROM state WHERE evaluation = ?", {evaluation});
    documents.tender = InputDocument{"tender.xml", tender ? tender->at(0) : ""};
    std::vector<InputDocument> files;
    for (const Row& row : db.query("SELECT file, xml FROM bids WHERE evaluation = ?", {evaluation})) {
        files.push_back(InputDocument{row[0], row[1]});
    }
    for (const Row& row : db.query("SELECT file, content FROM rejections WHERE evaluation = ?", {evaluation})) {
        files.push_back(InputDocument{row[0], fromBase64(row[1]).value_or("")});
    }
    std::sort(files.begin(), files.end(),
              [](const InputDocument& a, const InputDocument& b) { return a.name < b.name; });
    documents.bids = std::move(files);
    documents.scores = InputDocument{"scores.xml", scoresXml(db, evaluation)};
    return documents;
}

}  // namespace tenderscore::server
