#include "server/state.hpp"

#include <algorithm>
#include <limits>

#include "common/inputs.hpp"
#include "common/limits.hpp"
#include "evaluation/exact.hpp"
#include "server/json_io.hpp"
#include "server/schema.hpp"
#include "xml/pack_reader.hpp"

namespace tenderscore::server {

namespace {

/// Documents in the log were accepted under the server's limits when they were uploaded; applying
/// the log again must not refuse them under other ones.
ReadLimits replayLimits() {
    ReadLimits limits;
    const std::size_t large = std::numeric_limits<std::size_t>::max() / 4;
    limits.maxFileBytes = large;
    limits.maxDepth = large;
    limits.maxAttributeBytes = large;
    limits.maxTextBytes = large;
    limits.maxNodes = large;
    limits.threads = 1;
    return limits;
}

xml::ReadPack readLogged(PackDocuments documents, const std::string& what) {
    xml::ReadPack read = xml::readDocuments(std::move(documents), replayLimits());
    if (!read.errors.empty()) {
        throw StoreError("the log's " + what + " cannot be read again: " + describe(read.errors.front()));
    }
    return read;
}

std::string tenderXml(Db& db, const std::string& evaluation) {
    const auto row = db.one("SELECT tender_xml FROM state WHERE evaluation = ?", {evaluation});
    if (!row) {
        throw StoreError("the log of " + evaluation + " has an entry before its tender");
    }
    return row->at(0);
}

void applyTender(Db& db, const std::string& id, const Poco::JSON::Object::Ptr& data) {
    const std::string xmlText = storedText(data, "xml");
    const xml::ReadPack read = readLogged(PackDocuments{InputDocument{"tender.xml", xmlText}, {}, {}, {}}, "tender");
    const Tender& tender = read.pack.tender;
    JsonOut lots;
    lots.array();
    for (const Lot& lot : tender.lots) {
        lots.object().key("lot").value(lot.id).key("name").value(lot.name).end();
    }
    lots.end();
    db.exec(
        "INSERT INTO state (evaluation, tender, title, phase, scale_max, tender_xml, lots) VALUES (?, ?, ?, "
        "'setup', ?, ?, ?)",
        {id, tender.id, tender.title, std::int64_t{tender.evaluation.scaleMax}, xmlText, lots.str()});
    std::int64_t position = 0;
    for (const Question& question : tender.evaluation.questions) {
        db.exec("INSERT INTO questions (evaluation, position, id, weight, text) VALUES (?, ?, ?, ?, ?)",
                {id, position++, question.id, toPlainDecimal(question.weight), question.text});
    }
}

void dropBidFile(Db& db, const std::string& id, const std::string& file) {
    if (const auto old = db.one("SELECT bid FROM bids WHERE evaluation = ? AND file = ?", {id, file})) {
        db.exec("DELETE FROM responses WHERE evaluation = ? AND bid = ?", {id, old->at(0)});
        db.exec("DELETE FROM bids WHERE evaluation = ? AND file = ?", {id, file});
    }
}

void applyBid(Db& db, const std::string& id, const Poco::JSON::Object::Ptr& data) {
    const std::string file = storedText(data, "file");
    const std::string xmlText = storedText(data, "xml");
    const xml::ReadPack read = readLogged(
        PackDocuments{
            InputDocument{"tender.xml", tenderXml(db, id)}, std::vector<InputDocument>{{file, xmlText}}, {}, {}},
        "bid " + file);
    const Bid& bid = read.pack.bids.at(0);
    dropBidFile(db, id, file);
    db.exec("INSERT INTO bids (evaluation, file, bid, bidder, sha256, xml) VALUES (?, ?, ?, ?, ?, ?)",
            {id, file, bid.id, bid.bidderName, storedText(data, "sha256"), xmlText});
    for (const Response& response : bid.responses) {
        db.exec("INSERT INTO responses (evaluation, bid, question, text) VALUES (?, ?, ?, ?)",
                {id, bid.id, response.question, response.text});
    }
}

void applyPanel(Db& db, const std::string& id, const Poco::JSON::Object::Ptr& data) {
    db.exec("DELETE FROM panel WHERE evaluation = ?", {id});
    const Poco::JSON::Array::Ptr members = data->getArray("evaluators");
    if (members.isNull()) {
        throw StoreError("a stored panel entry has no evaluators");
    }
    for (std::size_t i = 0; i < members->size(); ++i) {
        const Poco::JSON::Object::Ptr member = members->getObject(static_cast<unsigned>(i));
        const Poco::JSON::Array::Ptr questions = member->getArray("questions");
        std::string assigned;
        if (!questions.isNull()) {
            for (std::size_t q = 0; q < questions->size(); ++q) {
                assigned += (q == 0 ? "" : " ") + questions->getElement<std::string>(static_cast<unsigned>(q));
            }
        }
        db.exec(
            "INSERT INTO panel (evaluation, position, name, display, every_question, questions, moderator, "
            "declared, submitted) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)",
            {id, static_cast<std::int64_t>(i), storedText(member, "user"), storedText(member, "name"),
             std::int64_t{questions.isNull() ? 1 : 0}, assigned,
             std::int64_t{member->getValue<bool>("moderator") ? 1 : 0}});
    }
}

void applyDeclaration(Db& db, const std::string& id, const Event& event, const Poco::JSON::Object::Ptr& data) {
    db.exec("UPDATE panel SET declared = 1 WHERE evaluation = ? AND name = ?", {id, event.actor});
    const Poco::JSON::Array::Ptr conflicts = data->getArray("conflicts");
    for (std::size_t i = 0; conflicts && i < conflicts->size(); ++i) {
        const Poco::JSON::Object::Ptr conflict = conflicts->getObject(static_cast<unsigned>(i));
        db.exec("INSERT INTO recusals (evaluation, name, bid, reason) VALUES (?, ?, ?, ?)",
                {id, event.actor, storedText(conflict, "bid"), storedText(conflict, "reason")});
    }
}

void applyMark(Db& db, const std::string& id, const Event& event, const Poco::JSON::Object::Ptr& data) {
    const std::string bid = storedText(data, "bid");
    const std::string question = storedText(data, "question");
    db.exec(
        "INSERT INTO marks (evaluation, name, bid, question, score, rationale) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (evaluation, name, bid, question) DO UPDATE SET score = excluded.score, "
        "rationale = excluded.rationale",
        {id, event.actor, bid, question, storedInt(data, "score"), storedText(data, "rationale")});
    // A reopened mark may be changed once.
    db.exec("DELETE FROM reopened WHERE evaluation = ? AND name = ? AND bid = ? AND question = ?",
            {id, event.actor, bid, question});
}

void setPhase(Db& db, const std::string& id, const char* phase) {
    db.exec("UPDATE state SET phase = ? WHERE evaluation = ?", {std::string(phase), id});
}

}  // namespace

void applyEvent(Db& db, const std::string& id, const Event& event) {
    const Poco::JSON::Object::Ptr data = parseStored(event.data);
    const std::string& type = event.type;
    if (type == "tender") {
        applyTender(db, id, data);
    } else if (type == "bid") {
        applyBid(db, id, data);
    } else if (type == "rejection") {
        const std::string file = storedText(data, "file");
        dropBidFile(db, id, file);
        db.exec("INSERT INTO rejections (evaluation, file, reason, content, sha256) VALUES (?, ?, ?, ?, ?)",
                {id, file, storedText(data, "reason"), storedText(data, "content"), storedText(data, "sha256")});
    } else if (type == "panel") {
        applyPanel(db, id, data);
    } else if (type == "open-scoring") {
        setPhase(db, id, "scoring");
    } else if (type == "declaration") {
        applyDeclaration(db, id, event, data);
    } else if (type == "mark") {
        applyMark(db, id, event, data);
    } else if (type == "submit") {
        db.exec("UPDATE panel SET submitted = 1 WHERE evaluation = ? AND name = ?", {id, event.actor});
    } else if (type == "reopen") {
        db.exec("INSERT INTO reopened (evaluation, name, bid, question, reason) VALUES (?, ?, ?, ?, ?)",
                {id, storedText(data, "evaluator"), storedText(data, "bid"), storedText(data, "question"),
                 storedText(data, "reason")});
    } else if (type == "open-moderation") {
        setPhase(db, id, "moderation");
    } else if (type == "consensus") {
        db.exec(
            "INSERT INTO consensus (evaluation, bid, question, score, rationale, moderator) VALUES (?, ?, ?, ?, "
            "?, ?) ON CONFLICT (evaluation, bid, question) DO UPDATE SET score = excluded.score, "
            "rationale = excluded.rationale, moderator = excluded.moderator",
            {id, storedText(data, "bid"), storedText(data, "question"), storedInt(data, "score"),
             storedText(data, "rationale"), event.actor});
    } else if (type == "run") {
        db.exec("INSERT INTO runs (evaluation, number, at, scores, results, workbook) VALUES (?, ?, ?, ?, ?, ?)",
                {id, storedInt(data, "run"), event.at, storedText(data, "scores"), storedText(data, "results"),
                 storedText(data, "workbook")});
    } else if (type == "approval") {
        db.exec("INSERT INTO approvals (evaluation, run, name, statement, at) VALUES (?, ?, ?, ?, ?)",
                {id, storedInt(data, "run"), event.actor, storedText(data, "statement"), event.at});
        if (data->has("signsOff") && data->getValue<bool>("signsOff")) {
            setPhase(db, id, "signed-off");
        }
    } else {
        throw StoreError("entry " + std::to_string(event.seq) + " has an unknown type '" + type + "'");
    }
}

Event record(Db& db, const std::string& evaluation, const std::string& actor, const std::string& type, std::string data,
             const std::optional<LogHead>& head) {
    Event event;
    event.at = utcNow();
    event.actor = actor;
    event.type = type;
    event.data = std::move(data);
    event = appendEvent(db, evaluation, std::move(event), head);
    applyEvent(db, evaluation, event);
    return event;
}

void rebuild(Db& db, const std::string& evaluation) {
    for (const char* table : derivedNames) {
        db.exec(std::string("DELETE FROM ") + table + " WHERE evaluation = ?", {evaluation});
    }
    for (const Event& event : readEvents(db, evaluation)) {
        applyEvent(db, evaluation, event);
    }
}

std::string dumpState(Db& db, const std::string& evaluation) {
    std::string out;
    for (const char* table : derivedNames) {
        Rows rows = db.query(std::string("SELECT * FROM ") + table + " WHERE evaluation = ?", {evaluation});
        std::sort(rows.begin(), rows.end());
        out += std::string("[") + table + "]\n";
        for (const Row& row : rows) {
            for (const std::string& column : row) {
                out += std::to_string(column.size()) + ":" + column + " ";
            }
            out += "\n";
        }
    }
    return out;
}

std::unique_ptr<Store> foldEvents(const std::string& evaluation, const std::vector<Event>& events) {
    auto scratch = std::make_unique<Store>(":memory:");
    scratch->transact(Store::Mode::Write, [&](Db& db) {
        for (const Event& event : events) {
            applyEvent(db, evaluation, event);
        }
    });
    return scratch;
}

std::string checkDerived(Db& db, const std::string& evaluation) {
    const std::unique_ptr<Store> scratch = foldEvents(evaluation, readEvents(db, evaluation));
    std::string expected;
    scratch->transact(Store::Mode::Read, [&](Db& folded) { expected = dumpState(folded, evaluation); });
    const std::string actual = dumpState(db, evaluation);
    if (expected == actual) {
        return "";
    }
    std::size_t at = 0;
    while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) {
        ++at;
    }
    const std::size_t header = expected.rfind("\n[", at);
    const std::size_t start = header == std::string::npos ? 0 : header + 1;
    const std::string table = expected.substr(start, expected.find(']', start) - start + 1);
    return "the table " + table + " differs from what its log says: a stored value was changed";
}

std::string toBase64(const std::string& bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t left = bytes.size() - i;
        std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16U;
        if (left > 1) {
            group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8U;
        }
        if (left > 2) {
            group |= static_cast<unsigned char>(bytes[i + 2]);
        }
        out += alphabet[(group >> 18U) & 63U];
        out += alphabet[(group >> 12U) & 63U];
        out += left > 1 ? alphabet[(group >> 6U) & 63U] : '=';
        out += left > 2 ? alphabet[group & 63U] : '=';
    }
    return out;
}

std::optional<std::string> fromBase64(const std::string& text) {
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    auto digit = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const int padding = last ? (text[i + 3] == '=' ? (text[i + 2] == '=' ? 2 : 1) : 0) : 0;
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const int value = k >= 4 - static_cast<std::size_t>(padding) ? 0 : digit(text[i + k]);
            if (value < 0) {
                return std::nullopt;
            }
            group = (group << 6U) | static_cast<std::uint32_t>(value);
        }
        out += static_cast<char>((group >> 16U) & 0xFFU);
        if (padding < 2) {
            out += static_cast<char>((group >> 8U) & 0xFFU);
        }
        if (padding < 1) {
            out += static_cast<char>(group & 0xFFU);
        }
    }
    return out;
}

}  // namespace tenderscore::server
