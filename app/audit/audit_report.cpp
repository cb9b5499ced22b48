#include "audit/audit_report.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "format/text.hpp"
#include "io/hash.hpp"

namespace tenderscore::audit {

namespace {

constexpr std::size_t shortHash = 8;

std::string quoted(const std::string& text) {
    return "\"" + text::terminalSafe(text) + "\"";
}

/// "5307591.30" -> "£5,307,591.30"
std::string pounds(const std::string& amount) {
    const auto point = amount.find('.');
    const std::string whole = amount.substr(0, point);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += whole[i];
    }
    return "\xC2\xA3" + grouped + (point == std::string::npos ? "" : amount.substr(point));
}

struct BidView {
    std::string status;
    std::string reasons;
    std::string priceScore = "-";
    std::string qualityScore = "-";
    std::string totalScore = "-";
    std::string rank = "-";
    std::string places = "-";
};

struct LotView {
    std::vector<std::string> order;  // as listed in results.json
    std::map<std::string, BidView> bids;
    std::vector<std::string> awards;
    std::string awardedPlaces, providers, annualCost, contractValue, flags;
};

struct ResultsView {
    std::vector<std::string> lots;
    std::map<std::string, LotView> byLot;
};

std::string valueText(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    if (object->isNull(key)) {
        return "-";
    }
    return object->get(key).convert<std::string>();
}

std::string joined(const Poco::JSON::Array::Ptr& array, bool inWords) {
    std::string text;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto code = array->get(static_cast<unsigned>(i)).convert<std::string>();
        text += (text.empty() ? "" : "; ") + (inWords ? text::describeSpelledCode(code) : code);
    }
    return text;
}

ResultsView parseResults(const std::string& json) {
    ResultsView view;
    Poco::JSON::Parser parser;
    const auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    const auto lots = root->getArray("lots");
    for (std::size_t l = 0; l < lots->size(); ++l) {
        const auto lot = lots->getObject(static_cast<unsigned>(l));
        const auto id = lot->getValue<std::string>("lot");
        LotView& lotView = view.byLot[id];
        view.lots.push_back(id);
        const auto bids = lot->getArray("bids");
        for (std::size_t b = 0; b < bids->size(); ++b) {
            const auto bid = bids->getObject(static_cast<unsigned>(b));
            BidView bidView;
            bidView.status = bid->getValue<std::string>("status");
            bidView.reasons = joined(bid->getArray("reasons"), true);
            bidView.priceScore = valueText(bid, "priceScore");
            bidView.qualityScore = valueText(bid, "qualityScore");
            bidView.totalScore = valueText(bid, "totalScore");
            bidView.rank = valueText(bid, "rank");
            bidView.places = valueText(bid, "awardedPlaces");
            const auto bidId = bid->getValue<std::string>("bid");
            lotView.order.push_back(bidId);
            lotView.bids[bidId] = bidView;
        }
        const auto awards = lot->getArray("awards");
        for (std::size_t a = 0; a < awards->size(); ++a) {
            const auto award = awards->getObject(static_cast<unsigned>(a));
            lotView.awards.push_back(award->getValue<std::string>("bid") + " " + award->getValue<std::string>("urn") +
                                     ": " + valueText(award, "places") + " places at " +
                                     pounds(award->getValue<std::string>("weeklyPrice")) + " a week");
        }
        lotView.awardedPlaces = valueText(lot, "awardedPlaces");
        lotView.providers = valueText(lot, "providers");
        lotView.annualCost = pounds(lot->getValue<std::string>("annualCost"));
        lotView.contractValue = pounds(lot->getValue<std::string>("contractValue"));
        lotView.flags = joined(lot->getArray("flags"), false);
    }
    return view;
}

struct ScoresView {
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<int, std::string>> marks;
    std::map<std::pair<std::string, std::string>, std::pair<int, std::string>> consensus;
};

ScoresView parseScores(const StoredReaders& readers, const std::string& bytes) {
    ScoresView view;
    const std::optional<Scores> scores = readers.scores(bytes);
    if (!scores) {
        return view;
    }
    for (const Mark& mark : scores->marks) {
        view.marks[{mark.bid, mark.question, mark.evaluator}] = {mark.score, mark.rationale};
    }
    for (const ConsensusScore& consensus : scores->consensus) {
        view.consensus[{consensus.bid, consensus.question}] = {consensus.score, consensus.rationale};
    }
    return view;
}

const RunInput* scoresInput(const RunRecord& run) {
    for (const RunInput& input : run.inputs) {
        if (input.role == "scores") {
            return &input;
        }
    }
    return nullptr;
}

/// Changed, added and removed entries of two maps, one line each.
template <typename Key, typename Describe>
void compareScores(std::ostream& out, const std::map<Key, std::pair<int, std::string>>& before,
                   const std::map<Key, std::pair<int, std::string>>& after, Describe describe, bool& any) {
    std::set<Key> keys;
    for (const auto& entry : before) {
        keys.insert(entry.first);
    }
    for (const auto& entry : after) {
        keys.insert(entry.first);
    }
    for (const Key& key : keys) {
        const auto old = before.find(key);
        const auto now = after.find(key);
        if (old != before.end() && now != after.end() && old->second == now->second) {
            continue;
        }
        any = true;
        out << "  " << describe(key) << ": ";
        if (old == before.end()) {
            out << "added, " << now->second.first << ". Rationale: " << quoted(now->second.second) << "\n";
        } else if (now == after.end()) {
            out << "removed (was " << old->second.first << ")\n";
        } else if (old->second.first == now->second.first) {
            out << now->second.first << " unchanged, new rationale: " << quoted(now->second.second) << "\n";
        } else {
            out << old->second.first << " -> " << now->second.first << ". Rationale: " << quoted(now->second.second)
                << "\n";
        }
    }
}

void change(std::vector<std::string>& changes, const char* what, const std::string& before, const std::string& after) {
    if (before != after) {
        changes.push_back(std::string(what) + " " + before + " -> " + after);
    }
}

std::string runLine(const RunRecord& run) {
    return "run " + std::to_string(run.number) + ": " + isoTime(run.runTime) + " by " + text::terminalSafe(run.actor) +
           (run.reason.empty() ? "" : ", " + quoted(run.reason));
}

}  // namespace

std::string isoTime(std::int64_t seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[32];
    (void)std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);  // always fits
    return buffer;
}

std::string logReport(AuditLog& log) {
    std::ostringstream out;
    for (const RunRecord& run : log.runs()) {
        out << run.number << "  " << isoTime(run.runTime) << "  " << text::terminalSafe(run.actor) << "  "
            << quoted(run.reason) << "  " << text::terminalSafe(run.tender) << "  ";
        std::size_t bids = 0;
        std::string bidHashes;
        for (const RunInput& input : run.inputs) {
            if (input.role == "bid") {
                ++bids;
                bidHashes += input.sha256;
            } else {
                out << input.role << " " << input.sha256.substr(0, shortHash) << "  ";
            }
        }
        out << bids << " bids " << io::sha256Hex(bidHashes).substr(0, shortHash);
        const ResultsView results = parseResults(log.blob(run.resultsSha256));
        for (const std::string& lot : results.lots) {
            const LotView& view = results.byLot.at(lot);
            const auto first = std::find_if(view.order.begin(), view.order.end(),
                                            [&](const std::string& bid) { return view.bids.at(bid).rank == "1"; });
            out << "  " << lot << ": " << (first == view.order.end() ? "no compliant bid" : "1st " + *first);
        }
        out << "\n";
    }
    return out.str();
}

std::string diffReport(AuditLog& log, std::int64_t from, std::int64_t to, const StoredReaders& readers) {
    const RunRecord before = log.run(from);
    const RunRecord after = log.run(to);
    std::ostringstream out;
    out << "Changes from run " << from << " to run " << to << "\n";
    out << "  " << runLine(before) << "\n  " << runLine(after) << "\n";

    out << "\nInputs\n";
    bool any = false;
    std::map<std::pair<std::string, std::string>, std::string> oldInputs;
    std::map<std::pair<std::string, std::string>, std::string> newInputs;
    for (const RunInput& input : before.inputs) {
        oldInputs[{input.role, input.name}] = input.sha256;
    }
    for (const RunInput& input : after.inputs) {
        newInputs[{input.role, input.name}] = input.sha256;
    }
    for (const auto& [key, hash] : oldInputs) {
        const auto now = newInputs.find(key);
        if (now == newInputs.end()) {
            out << "  " << key.first << " " << key.second << " removed (was " << hash.substr(0, shortHash) << ")\n";
            any = true;
        } else if (now->second != hash) {
            out << "  " << key.first << " " << key.second << " changed: " << hash.substr(0, shortHash) << " -> "
                << now->second.substr(0, shortHash) << "\n";
            any = true;
        }
    }
    for (const auto& [key, hash] : newInputs) {
        if (oldInputs.count(key) == 0) {
            out << "  " << key.first << " " << key.second << " added: " << hash.substr(0, shortHash) << "\n";
            any = true;
        }
    }
    if (!any) {
        out << "  no input changed\n";
    }

    out << "\nMarks and consensus scores\n";
    any = false;
    const RunInput* oldScores = scoresInput(before);
    const RunInput* newScores = scoresInput(after);
    const ScoresView oldView = oldScores ? parseScores(readers, log.blob(oldScores->sha256)) : ScoresView{};
    const ScoresView newView = newScores ? parseScores(readers, log.blob(newScores->sha256)) : ScoresView{};
    compareScores(
        out, oldView.consensus, newView.consensus,
        [](const auto& key) { return key.first + ", question " + key.second + ", consensus"; }, any);
    compareScores(
        out, oldView.marks, newView.marks,
        [](const auto& key) {
            return std::get<0>(key) + ", question " + std::get<1>(key) + ", mark by " + std::get<2>(key);
        },
        any);
    if (!any) {
        out << "  no mark or consensus score changed\n";
    }

    const ResultsView oldResults = parseResults(log.blob(before.resultsSha256));
    const ResultsView newResults = parseResults(log.blob(after.resultsSha256));
    std::vector<std::string> lots = newResults.lots;
    for (const std::string& lot : oldResults.lots) {
        if (newResults.byLot.count(lot) == 0) {
            lots.push_back(lot);
        }
    }
    for (const std::string& lot : lots) {
        out << "\nResults for lot " << lot << "\n";
        static const LotView none;
        const auto oldLot = oldResults.byLot.find(lot);
        const auto newLot = newResults.byLot.find(lot);
        const LotView& was = oldLot == oldResults.byLot.end() ? none : oldLot->second;
        const LotView& now = newLot == newResults.byLot.end() ? none : newLot->second;
        std::vector<std::string> bids = now.order;
        for (const std::string& bid : was.order) {
            if (now.bids.count(bid) == 0) {
                bids.push_back(bid);
            }
        }
        any = false;
        static const BidView absent{"absent", "", "-", "-", "-", "-", "-"};
        for (const std::string& bid : bids) {
            const auto o = was.bids.find(bid);
            const auto n = now.bids.find(bid);
            const BidView& b = o == was.bids.end() ? absent : o->second;
            const BidView& a = n == now.bids.end() ? absent : n->second;
            std::vector<std::string> changes;
            if (b.status != a.status) {
                changes.push_back(b.status + (b.reasons.empty() ? "" : " (" + b.reasons + ")") + " -> " + a.status +
                                  (a.reasons.empty() ? "" : " (" + a.reasons + ")"));
            }
            change(changes, "rank", b.rank, a.rank);
            change(changes, "price score", b.priceScore, a.priceScore);
            change(changes, "quality score", b.qualityScore, a.qualityScore);
            change(changes, "total", b.totalScore, a.totalScore);
            change(changes, "places", b.places, a.places);
            if (!changes.empty()) {
                any = true;
                out << "  " << bid << ": ";
                for (std::size_t i = 0; i < changes.size(); ++i) {
                    out << (i == 0 ? "" : "; ") << changes[i];
                }
                out << "\n";
            }
        }
        if (was.awards != now.awards) {
            any = true;
            out << "  awards before:\n";
            for (const std::string& award : was.awards) {
                out << "    " << award << "\n";
            }
            out << "  awards now:\n";
            for (const std::string& award : now.awards) {
                out << "    " << award << "\n";
            }
        }
        std::vector<std::string> figures;
        change(figures, "places awarded", was.awardedPlaces, now.awardedPlaces);
        change(figures, "providers", was.providers, now.providers);
        change(figures, "annual cost", was.annualCost, now.annualCost);
        change(figures, "contract value", was.contractValue, now.contractValue);
        change(figures, "flags", was.flags.empty() ? "none" : was.flags, now.flags.empty() ? "none" : now.flags);
        for (const std::string& figure : figures) {
            any = true;
            out << "  " << figure << "\n";
        }
        if (!any) {
            out << "  no score, rank or award changed\n";
        }
    }
    return out.str();
}

}  // namespace tenderscore::audit
