#include "audit/changes.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "audit/report_text.hpp"
#include "evaluation/values.hpp"
#include "format/text.hpp"

namespace tenderscore::audit {

namespace {

template <typename Document>
std::optional<Document> readWith(const std::function<std::optional<Document>(const std::string&)>& reader,
                                 AuditLog& log, const std::string& sha256) {
    return reader ? reader(log.blob(sha256)) : std::nullopt;
}

// ---- comparing the model field by field ------------------------------------------------------

/// The lines "what: before -> after" of the fields that differ.
class Details {
public:
    void field(const std::string& what, const std::string& before, const std::string& after) {
        if (before != after) {
            _lines.push_back(what + ": " + before + " -> " + after);
        }
    }
    void line(std::string text) { _lines.push_back(std::move(text)); }
    [[nodiscard]] bool empty() const { return _lines.empty(); }
    [[nodiscard]] const std::vector<std::string>& lines() const { return _lines; }
    void append(const Details& other) { _lines.insert(_lines.end(), other._lines.begin(), other._lines.end()); }

private:
    std::vector<std::string> _lines;
};

/// Calls `removed`, `added` or `both` for the items of two lists matched by key: those of `after`
/// in its order, then those only in `before`.
template <typename Item, typename Key, typename Removed, typename Added, typename Both>
void matchByKey(const std::vector<Item>& before, const std::vector<Item>& after, Key key, Removed removed, Added added,
                Both both) {
    std::map<std::string, const Item*> old;
    for (const Item& item : before) {
        old.emplace(key(item), &item);
    }
    std::set<std::string> seen;
    for (const Item& item : after) {
        const std::string k = key(item);
        seen.insert(k);
        if (const auto found = old.find(k); found != old.end()) {
            both(*found->second, item);
        } else {
            added(item);
        }
    }
    for (const Item& item : before) {
        if (seen.count(key(item)) == 0) {
            removed(item);
        }
    }
}

std::string decimal(const Fraction& value) {
    return toPlainDecimal(value);
}

template <typename T, typename Show>
std::string optionalText(const std::optional<T>& value, Show show) {
    return value ? show(*value) : std::string("none");
}

std::string ratingText(Rating rating) {
    return std::string(ratingName(rating));
}

std::string tieBreakText(const std::vector<TieBreakKey>& keys) {
    std::vector<std::string> names;
    names.reserve(keys.size());
    for (const TieBreakKey key : keys) {
        names.emplace_back(key == TieBreakKey::Quality ? "quality" : key == TieBreakKey::Price ? "price" : "submitted");
    }
    return joinedWith(names, " ");
}

std::string phasesText(const std::vector<Phase>& phases) {
    std::vector<std::string> items;
    items.reserve(phases.size());
    for (const Phase& phase : phases) {
        items.push_back(std::to_string(phase.places) + " places by month " + std::to_string(phase.byMonth));
    }
    return items.empty() ? "none" : joinedWith(items, ", ");
}

/// The method's parameters (spec 2): weights, price method, consensus rule, thresholds, caps.
void methodChanges(const EvaluationRules& a, const EvaluationRules& b, Details& out) {
    out.field("price weight", decimal(a.priceWeight), decimal(b.priceWeight));
    out.field("quality weight", decimal(a.qualityWeight), decimal(b.qualityWeight));
    out.field("price method", std::string(priceMethodName(a.priceMethod)), std::string(priceMethodName(b.priceMethod)));
    out.field("consensus rule", std::string(consensusName(a.consensus)), std::string(consensusName(b.consensus)));
    out.field("decimals", std::to_string(a.decimals), std::to_string(b.decimals));
    out.field("top of the marking scale", std::to_string(a.scaleMax), std::to_string(b.scaleMax));
    out.field("minimum score for each question", decimal(a.minScoreEach), decimal(b.minScoreEach));
    out.field("minimum quality percentage", decimal(a.minQualityPercent), decimal(b.minQualityPercent));
    out.field("tie-break order", tieBreakText(a.tieBreak), tieBreakText(b.tieBreak));
    out.field("abnormally low below the mean by (percent)", optionalText(a.abnormallyLowBelowMeanPercent, decimal),
              optionalText(b.abnormallyLowBelowMeanPercent, decimal));
    out.field("largest spread of marks before it is flagged",
              optionalText(a.moderationSpread, [](int n) { return std::to_string(n); }),
              optionalText(b.moderationSpread, [](int n) { return std::to_string(n); }));
    matchByKey(
        a.questions, b.questions, [](const Question& q) { return q.id; },
        [&](const Question& q) { out.line("question " + q.id + " removed (weight " + decimal(q.weight) + ")"); },
        [&](const Question& q) { out.line("question " + q.id + " added (weight " + decimal(q.weight) + ")"); },
        [&](const Question& x, const Question& y) {
            out.field("question " + x.id + " weight", decimal(x.weight), decimal(y.weight));
            out.field("question " + x.id + " text", inQuotes(x.text), inQuotes(y.text));
        });
}

void lotChanges(const Lot& a, const Lot& b, const std::string& currency, Details& out) {
    const std::string lot = "lot " + a.id + " ";
    const auto money = [&](Pence p) { return text::money(p, currency); };
    const auto count = [](int n) { return std::to_string(n); };
    out.field(lot + "name", inQuotes(a.name), inQuotes(b.name));
    out.field(lot + "award", std::string(awardName(a.award)), std::string(awardName(b.award)));
    out.field(lot + "price unit", std::string(unitName(a.unit)), std::string(unitName(b.unit)));
    out.field(lot + "minimum places", count(a.minPlaces), count(b.minPlaces));
    out.field(lot + "maximum places", count(a.maxPlaces), count(b.maxPlaces));
    out.field(lot + "minimum providers", count(a.minProviders), count(b.minProviders));
    out.field(lot + "cap of places per setting", optionalText(a.maxPlacesPerSetting, count),
              optionalText(b.maxPlacesPerSetting, count));
    out.field(lot + "cap of providers", optionalText(a.maxProviders, count), optionalText(b.maxProviders, count));
    out.field(lot + "weekly price cap", optionalText(a.maxWeeklyPrice, money), optionalText(b.maxWeeklyPrice, money));
    out.field(lot + "annual budget", optionalText(a.annualBudget, money), optionalText(b.annualBudget, money));
    out.field(lot + "minimum Ofsted rating", optionalText(a.minOfstedRating, ratingText),
              optionalText(b.minOfstedRating, ratingText));
    out.field(lot + "phases", phasesText(a.phases), phasesText(b.phases));
    matchByKey(
        a.bands, b.bands, [](const Band& band) { return band.id; },
        [&](const Band& band) { out.line(lot + "band " + band.id + " removed"); },
        [&](const Band& band) {
            out.line(lot + "band " + band.id + " added (volume " + decimal(band.volume) + ", price cap " +
                     optionalText(band.maxPrice, money) + ")");
        },
        [&](const Band& x, const Band& y) {
            const std::string band = lot + "band " + x.id + " ";
            out.field(band + "volume", decimal(x.volume), decimal(y.volume));
            out.field(band + "price cap", optionalText(x.maxPrice, money), optionalText(y.maxPrice, money));
            out.field(band + "description", inQuotes(x.description), inQuotes(y.description));
        });
}

/// Every field of the tender, the method's parameters first.
Details tenderChanges(const Tender& a, const Tender& b) {
    Details out;
    methodChanges(a.evaluation, b.evaluation, out);
    matchByKey(
        a.lots, b.lots, [](const Lot& lot) { return lot.id; },
        [&](const Lot& lot) { out.line("lot " + lot.id + " removed"); },
        [&](const Lot& lot) { out.line("lot " + lot.id + " added"); },
        [&](const Lot& x, const Lot& y) { lotChanges(x, y, b.currency, out); });
    const Contract& c = a.contract;
    const Contract& d = b.contract;
    out.field("contract start", c.startDate, d.startDate);
    out.field("initial years", std::to_string(c.initialYears), std::to_string(d.initialYears));
    out.field("extension years", std::to_string(c.extensionYears), std::to_string(d.extensionYears));
    out.field("weeks a year", decimal(c.weeksPerYear), decimal(d.weeksPerYear));
    out.field("annual uplift percentage", decimal(c.annualUpliftPercent), decimal(d.annualUpliftPercent));
    matchByKey(
        a.requirements, b.requirements, [](const Requirement& r) { return r.id; },
        [&](const Requirement& r) { out.line("requirement " + r.id + " removed"); },
        [&](const Requirement& r) { out.line("requirement " + r.id + " added: " + inQuotes(r.text)); },
        [&](const Requirement& x, const Requirement& y) {
            out.field("requirement " + x.id, inQuotes(x.text), inQuotes(y.text));
        });
    out.field("reference", a.id, b.id);
    out.field("deadline", optionalText(a.deadline, [](const DateTime& t) { return t.text; }),
              optionalText(b.deadline, [](const DateTime& t) { return t.text; }));
    out.field("currency", a.currency, b.currency);
    out.field("title", inQuotes(a.title), inQuotes(b.title));
    out.field("authority", inQuotes(a.authority), inQuotes(b.authority));
    return out;
}

/// What changed in a bid, by kind: prices, settings, declarations, answers, the bidder's details.
struct BidChanges {
    std::map<std::string, Details> byKind;

    Details& operator[](const std::string& kind) { return byKind[kind]; }
    [[nodiscard]] std::vector<std::string> kinds() const {
        static const std::vector<std::string> order{"prices",  "settings", "declarations",
                                                    "answers", "bidder",   "submission time"};
        std::vector<std::string> found;
        for (const std::string& kind : order) {
            if (const auto k = byKind.find(kind); k != byKind.end() && !k->second.empty()) {
                found.push_back(kind);
            }
        }
        return found;
    }
};

void settingChanges(const std::string& lot, const Setting& a, const Setting& b, const std::string& currency,
                    BidChanges& out) {
    const std::string setting = lot + ", setting " + a.urn + " ";
    out["prices"].field(setting + "weekly price", text::money(a.weeklyPrice, currency),
                        text::money(b.weeklyPrice, currency));
    Details& s = out["settings"];
    s.field(setting + "places offered", std::to_string(a.places), std::to_string(b.places));
    s.field(setting + "registered places", std::to_string(a.registeredPlaces), std::to_string(b.registeredPlaces));
    s.field(setting + "Ofsted rating", ratingText(a.ofstedRating), ratingText(b.ofstedRating));
    s.field(setting + "available from month", std::to_string(a.availableMonths), std::to_string(b.availableMonths));
    s.field(setting + "name", inQuotes(a.name), inQuotes(b.name));
    s.field(setting + "local authority", inQuotes(a.localAuthority), inQuotes(b.localAuthority));
}

void lotBidChanges(const LotBid& a, const LotBid& b, const std::string& currency, BidChanges& out) {
    const std::string lot = "lot " + a.lot;
    matchByKey(
        a.settings, b.settings, [](const Setting& s) { return s.urn; },
        [&](const Setting& s) { out["settings"].line(lot + ": setting " + s.urn + " withdrawn"); },
        [&](const Setting& s) {
            out["settings"].line(lot + ": setting " + s.urn + " added, " + std::to_string(s.places) + " places at " +
                                 text::money(s.weeklyPrice, currency) + " a week");
        },
        [&](const Setting& x, const Setting& y) { settingChanges(lot, x, y, currency, out); });
    out["settings"].field(lot + " provider's Ofsted rating", optionalText(a.ofstedRating, ratingText),
                          optionalText(b.ofstedRating, ratingText));
    const auto money = [&](Pence p) { return text::money(p, currency); };
    matchByKey(
        a.prices, b.prices, [](const BandPrice& p) { return p.band; },
        [&](const BandPrice& p) { out["prices"].line(lot + ", band " + p.band + ": price withdrawn"); },
        [&](const BandPrice& p) { out["prices"].line(lot + ", band " + p.band + ": price added, " + money(p.amount)); },
        [&](const BandPrice& x, const BandPrice& y) {
            out["prices"].field(lot + ", band " + x.band + " price", money(x.amount), money(y.amount));
        });
}

BidChanges bidChanges(const Bid& a, const Bid& b, const std::string& currency) {
    BidChanges out;
    matchByKey(
        a.lotBids, b.lotBids, [](const LotBid& l) { return l.lot; },
        [&](const LotBid& l) { out["settings"].line("bid for lot " + l.lot + " withdrawn"); },
        [&](const LotBid& l) { out["settings"].line("bid for lot " + l.lot + " added"); },
        [&](const LotBid& x, const LotBid& y) { lotBidChanges(x, y, currency, out); });
    const auto met = [](bool yes) { return std::string(yes ? "met" : "not met"); };
    matchByKey(
        a.declarations, b.declarations, [](const Declaration& d) { return d.requirement; },
        [&](const Declaration& d) { out["declarations"].line("declaration for " + d.requirement + " removed"); },
        [&](const Declaration& d) {
            out["declarations"].line("declaration for " + d.requirement + " added: " + met(d.met));
        },
        [&](const Declaration& x, const Declaration& y) {
            out["declarations"].field("declaration for " + x.requirement, met(x.met), met(y.met));
        });
    matchByKey(
        a.responses, b.responses, [](const Response& r) { return r.question; },
        [&](const Response& r) { out["answers"].line("answer to question " + r.question + " removed"); },
        [&](const Response& r) {
            out["answers"].line("answer to question " + r.question + " added: " + inQuotes(r.text));
        },
        [&](const Response& x, const Response& y) {
            out["answers"].field("answer to question " + x.question, inQuotes(x.text), inQuotes(y.text));
        });
    Details& bidder = out["bidder"];
    bidder.field("bidder name", inQuotes(a.bidderName), inQuotes(b.bidderName));
    bidder.field("company number", a.companyNumber, b.companyNumber);
    bidder.field("address", inQuotes(a.address), inQuotes(b.address));
    bidder.field("email", a.email, b.email);
    bidder.field("tender reference", a.tender, b.tender);
    out["submission time"].field("submitted", a.submitted.text, b.submitted.text);
    return out;
}

std::string bidWhat(const StoredBid& stored) {
    return stored.bid ? stored.bid->id : "the bid file " + stored.file;
}

/// "in run 1 it has 12 marks and 4 consensus scores", for a bid only one run read.
std::string marksOf(const std::optional<Scores>& scores, const std::string& bid, std::int64_t run) {
    if (!scores) {
        return "the scores of run " + std::to_string(run) + " cannot be read";
    }
    const auto marks =
        std::count_if(scores->marks.begin(), scores->marks.end(), [&](const Mark& mark) { return mark.bid == bid; });
    const auto consensus = std::count_if(scores->consensus.begin(), scores->consensus.end(),
                                         [&](const ConsensusScore& score) { return score.bid == bid; });
    return "in run " + std::to_string(run) + " it has " + std::to_string(marks) + (marks == 1 ? " mark" : " marks") +
           " and " + std::to_string(consensus) + (consensus == 1 ? " consensus score" : " consensus scores");
}

/// The warning for a bid whose stored bytes differ between the runs, naming what changed by kind.
Warning changedBid(const StoredBid& was, const StoredBid& now, const std::string& currency) {
    Warning warning;
    if (!was.bid || !now.bid) {
        warning.headline = bidWhat(now) + " changed after submission (it cannot be read, so what changed is not shown)";
    } else if (const BidChanges changes = bidChanges(*was.bid, *now.bid, currency); changes.kinds().empty()) {
        warning.headline = now.bid->id +
                           "'s file changed after submission, but every value read from it is the same (its layout, "
                           "spacing or comments changed)";
    } else {
        warning.headline = now.bid->id + " changed after submission: " + joinedWith(changes.kinds(), ", ");
        for (const std::string& kind : changes.kinds()) {
            const auto& lines = changes.byKind.at(kind).lines();
            warning.details.insert(warning.details.end(), lines.begin(), lines.end());
        }
    }
    // The fingerprints name the two stored copies, which replay and the log keep.
    warning.details.push_back("file " + now.file + ", SHA-256 " + shortened(was.sha256) + " -> " +
                              shortened(now.sha256));
    return warning;
}
}  // namespace

/// The tender and scores of a run, and its bids when `withBids` (a log of large packs need not
/// read every bid of every run to list them). A document with the same bytes as in `previous` (the
/// run listed before, which usually shares the tender and often the scores) is not read again.
RunDocuments readDocuments(AuditLog& log, const RunRecord& run, const StoredReaders& readers, bool withBids,
                           const RunDocuments* previous) {
    RunDocuments documents;
    for (const RunInput& input : run.inputs) {
        if (input.role == "tender") {
            documents.tenderFile = input.name;
            documents.tenderSha256 = input.sha256;
            documents.tender = previous && previous->tenderSha256 == input.sha256
                                   ? previous->tender
                                   : readWith(readers.tender, log, input.sha256);
        } else if (input.role == "scores") {
            documents.scoresFile = input.name;
            documents.scoresSha256 = input.sha256;
            documents.scores = previous && previous->scoresSha256 == input.sha256
                                   ? previous->scores
                                   : readWith(readers.scores, log, input.sha256);
        } else if (input.role == "bid" && withBids) {
            StoredBid stored{input.name, input.sha256, readWith(readers.bid, log, input.sha256)};
            std::string key = stored.bid && !stored.bid->id.empty() ? stored.bid->id : "file " + input.name;
            documents.bidOrder.push_back(key);
            documents.bids.emplace(std::move(key), std::move(stored));
        }
    }
    return documents;
}

void bidWarnings(const RunDocuments& before, const RunDocuments& after, std::int64_t from, std::int64_t to,
                 std::vector<Warning>& warnings) {
    const std::string currency = after.tender ? after.tender->currency : "GBP";
    const auto onlyIn = [&](const StoredBid& bid, std::int64_t in, std::int64_t notIn) {
        return bidWhat(bid) + " is in run " + std::to_string(in) + " but not in run " + std::to_string(notIn);
    };
    for (const std::string& key : after.bidOrder) {
        const StoredBid& now = after.bids.at(key);
        const auto old = before.bids.find(key);
        if (old == before.bids.end()) {
            warnings.push_back({onlyIn(now, to, from),
                                {"file " + now.file + (now.bid ? ", submitted " + now.bid->submitted.text : ""),
                                 marksOf(after.scores, key, to)}});
        } else if (old->second.sha256 != now.sha256) {
            warnings.push_back(changedBid(old->second, now, currency));
        }
    }
    for (const std::string& key : before.bidOrder) {
        if (after.bids.count(key) == 0) {
            const StoredBid& was = before.bids.at(key);
            warnings.push_back({onlyIn(was, from, to), {"file " + was.file, marksOf(before.scores, key, from)}});
        }
    }
}

void tenderWarning(const RunDocuments& before, const RunDocuments& after, std::vector<Warning>& warnings) {
    if (before.tenderSha256 == after.tenderSha256) {
        return;
    }
    const std::string file =
        "file " +
        (before.tenderFile == after.tenderFile ? after.tenderFile : before.tenderFile + " -> " + after.tenderFile) +
        ", SHA-256 " + shortened(before.tenderSha256) + " -> " + shortened(after.tenderSha256);
    if (!before.tender || !after.tender) {
        warnings.push_back({"The tender changed (it cannot be read, so what changed is not shown)", {file}});
        return;
    }
    const Details changes = tenderChanges(*before.tender, *after.tender);
    Warning warning{
        changes.empty() ? "The tender's file changed, but every value read from it is the same" : "The tender changed",
        changes.lines()};
    warning.details.push_back(file);
    warnings.push_back(std::move(warning));
}

namespace {

std::string evaluatorName(const Scores& scores, const std::string& id) {
    for (const Evaluator& evaluator : scores.evaluators) {
        if (evaluator.id == id) {
            return id + " (" + evaluator.name + ")";
        }
    }
    return id;
}

std::string questionsText(const Evaluator& evaluator) {
    return evaluator.questions ? (evaluator.questions->empty() ? "none" : joinedWith(*evaluator.questions, ", "))
                               : "every question";
}

/// The panel: evaluators, their assigned questions, recusals and the files rejected at opening.
Details panelChanges(const Scores& a, const Scores& b) {
    Details out;
    out.field("the scores' tender reference", a.tender, b.tender);
    matchByKey(
        a.evaluators, b.evaluators, [](const Evaluator& e) { return e.id; },
        [&](const Evaluator& e) { out.line("evaluator " + e.id + " (" + e.name + ") removed"); },
        [&](const Evaluator& e) { out.line("evaluator " + e.id + " (" + e.name + ") added"); },
        [&](const Evaluator& x, const Evaluator& y) {
            out.field("evaluator " + x.id + " name", inQuotes(x.name), inQuotes(y.name));
            out.field("evaluator " + x.id + " questions", questionsText(x), questionsText(y));
        });
    const auto recusalKey = [](const Recusal& r) { return r.evaluator + " " + r.bid; };
    matchByKey(
        a.recusals, b.recusals, recusalKey,
        [&](const Recusal& r) { out.line(r.evaluator + " no longer stands aside from " + r.bid); },
        [&](const Recusal& r) { out.line(r.evaluator + " stands aside from " + r.bid + ": " + inQuotes(r.reason)); },
        [&](const Recusal& x, const Recusal& y) {
            out.field(x.evaluator + " standing aside from " + x.bid + ", reason", inQuotes(x.reason),
                      inQuotes(y.reason));
        });
    matchByKey(
        a.rejected, b.rejected, [](const RejectedFile& r) { return r.file; },
        [&](const RejectedFile& r) { out.line("file " + r.file + " is no longer rejected at opening"); },
        [&](const RejectedFile& r) { out.line("file " + r.file + " rejected at opening: " + inQuotes(r.reason)); },
        [&](const RejectedFile& x, const RejectedFile& y) {
            out.field("file " + x.file + " rejected at opening, reason", inQuotes(x.reason), inQuotes(y.reason));
        });
    return out;
}

/// Marks and consensus scores changed, added or removed, each a warning; those of a bid in only one
/// of the runs (`bidsInOneRun`) are counted in that bid's warning instead.
void markWarnings(const Scores& a, const Scores& b, const std::set<std::string>& bidsInOneRun,
                  std::vector<Warning>& warnings) {
    const auto key = [](const Mark& m) { return m.bid + " " + m.question + " " + m.evaluator; };
    const auto what = [](const Mark& m) { return "the mark for " + m.bid + ", question " + m.question; };
    matchByKey(
        a.marks, b.marks, key,
        [&](const Mark& m) {
            if (bidsInOneRun.count(m.bid) != 0) {
                return;
            }
            warnings.push_back({"The mark of " + evaluatorName(a, m.evaluator) + " for " + m.bid + ", question " +
                                    m.question + " was removed (it was " + std::to_string(m.score) + ")",
                                {"rationale: " + inQuotes(m.rationale)}});
        },
        [&](const Mark& m) {
            if (bidsInOneRun.count(m.bid) != 0) {
                return;
            }
            warnings.push_back({evaluatorName(b, m.evaluator) + " added a mark for " + m.bid + ", question " +
                                    m.question + ": " + std::to_string(m.score),
                                {"rationale: " + inQuotes(m.rationale)}});
        },
        [&](const Mark& x, const Mark& y) {
            if (x.score == y.score && x.rationale == y.rationale) {
                return;
            }
            const std::string who = evaluatorName(b, y.evaluator);
            warnings.push_back({x.score == y.score ? who + " changed the rationale of " + what(y) + " (still " +
                                                         std::to_string(y.score) + ")"
                                                   : who + " changed " + what(y) + " from " + std::to_string(x.score) +
                                                         " to " + std::to_string(y.score),
                                {"before: " + inQuotes(x.rationale), "after:  " + inQuotes(y.rationale)}});
        });
    const auto consensusKey = [](const ConsensusScore& c) { return c.bid + " " + c.question; };
    const auto consensus = [](const ConsensusScore& c) {
        return "the consensus score for " + c.bid + ", question " + c.question;
    };
    const auto moderator = [&](const Scores& scores, const ConsensusScore& c) {
        return c.moderator.empty() ? std::string("not named") : evaluatorName(scores, c.moderator);
    };
    matchByKey(
        a.consensus, b.consensus, consensusKey,
        [&](const ConsensusScore& c) {
            if (bidsInOneRun.count(c.bid) != 0) {
                return;
            }
            warnings.push_back({"The panel removed " + consensus(c) + " (it was " + std::to_string(c.score) + ")",
                                {"rationale: " + inQuotes(c.rationale)}});
        },
        [&](const ConsensusScore& c) {
            if (bidsInOneRun.count(c.bid) != 0) {
                return;
            }
            warnings.push_back({"The panel added " + consensus(c) + ": " + std::to_string(c.score),
                                {"moderator: " + moderator(b, c), "rationale: " + inQuotes(c.rationale)}});
        },
        [&](const ConsensusScore& x, const ConsensusScore& y) {
            if (x.score == y.score && x.rationale == y.rationale && x.moderator == y.moderator) {
                return;
            }
            Warning warning{x.score == y.score ? "The panel changed the rationale of " + consensus(y) + " (still " +
                                                     std::to_string(y.score) + ")"
                                               : "The panel changed " + consensus(y) + " from " +
                                                     std::to_string(x.score) + " to " + std::to_string(y.score),
                            {}};
            if (x.moderator != y.moderator) {
                warning.details.push_back("moderator: " + moderator(a, x) + " -> " + moderator(b, y));
            } else {
                warning.details.push_back("moderator: " + moderator(b, y));
            }
            warning.details.push_back("before: " + inQuotes(x.rationale));
            warning.details.push_back("after:  " + inQuotes(y.rationale));
            warnings.push_back(std::move(warning));
        });
}

/// The bids (by id) that only one of the runs read.
std::set<std::string> bidsInOneRun(const RunDocuments& before, const RunDocuments& after) {
    std::set<std::string> bids;
    for (const auto& [key, bid] : before.bids) {
        if (after.bids.count(key) == 0) {
            bids.insert(key);
        }
    }
    for (const auto& [key, bid] : after.bids) {
        if (before.bids.count(key) == 0) {
            bids.insert(key);
        }
    }
    return bids;
}

}  // namespace

void scoresWarnings(const RunDocuments& before, const RunDocuments& after, std::vector<Warning>& warnings) {
    if (before.scoresSha256 == after.scoresSha256) {
        return;
    }
    if (!before.scores || !after.scores) {
        warnings.push_back({"The scores changed (they cannot be read, so what changed is not shown)",
                            {"file " + after.scoresFile + ", SHA-256 " + shortened(before.scoresSha256) + " -> " +
                             shortened(after.scoresSha256)}});
        return;
    }
    if (const Details panel = panelChanges(*before.scores, *after.scores); !panel.empty()) {
        warnings.push_back({"The panel changed", panel.lines()});
    }
    markWarnings(*before.scores, *after.scores, bidsInOneRun(before, after), warnings);
}

}  // namespace tenderscore::audit
