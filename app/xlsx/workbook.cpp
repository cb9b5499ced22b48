#include "xlsx/workbook.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "evaluation/explain.hpp"
#include "format/text.hpp"
#include "io/output_set.hpp"
#include "xlsx/book.hpp"

namespace tenderscore::xlsx {

namespace {

// The method's parameters live in visible cells on the Summary sheet, named so that every
// formula reads like the method: =ROUND(PriceWeight*J5/I5,Decimals).
constexpr int parameterCol = 2;

std::string methodName(PriceMethod method) {
    switch (method) {
    case PriceMethod::LowestOverBid:
        return "lowest-over-bid";
    case PriceMethod::LinearFromLowest:
        return "linear-from-lowest";
    case PriceMethod::CeilingLinear:
        return "ceiling-linear";
    }
    return "";
}

std::string consensusName(ConsensusRule rule) {
    switch (rule) {
    case ConsensusRule::Moderated:
        return "moderated";
    case ConsensusRule::Mean:
        return "mean";
    case ConsensusRule::Median:
        return "median";
    }
    return "";
}

std::string tieBreakText(const std::vector<TieBreakKey>& keys) {
    std::string text;
    for (const TieBreakKey key : keys) {
        text += key == TieBreakKey::Quality ? "quality, " : key == TieBreakKey::Price ? "price, " : "submitted, ";
    }
    return text + "then bid id";
}

std::string isoTime(std::time_t time) {
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

double value(const Fraction& fraction) {
    return toDouble(fraction);
}
double value(const Scaled& scaled) {
    return toDouble(toFraction(scaled));
}
double poundsOf(const Fraction& pence) {
    return toDouble(pence / 100);
}
double poundsOf(Pence pence) {
    return toDouble(pounds(pence));
}

/// Where the other sheets put the figures the Summary refers to.
struct Cells {
    std::map<std::pair<std::size_t, std::size_t>, int> priceRow;  // (lot, bid) -> row on Price
    std::map<std::size_t, int> qualityRow;                        // bid -> first row on Quality
    int qualityCol = 0;                                           // the bid's quality score on Quality
    std::map<std::size_t, std::pair<int, int>> awardRows;         // lot -> rows on Award
};

// Column positions of each table, so formulas and writers agree.
namespace price {
enum Col { Lot, Bid, Bidder, Urn, Setting, Offered, Bookable, Weekly, Evaluated, Lowest, Ceiling, Score, Last = Score };
}
namespace award {
enum Col {
    Lot,
    Step,
    Bid,
    Bidder,
    Urn,
    Setting,
    Bookable,
    Awarded,
    Why,
    Weekly,
    Cost,
    PlacesSoFar,
    ProvidersSoFar,
    CostSoFar,
    Last = CostSoFar
};
}

class WorkbookWriter {
public:
    WorkbookWriter(Book& book, const Pack& pack, const PackFiles& files, const Result& result, const RunInfo& run)
        : _book(book), _pack(pack), _files(files), _result(result), _run(run), _f(book.formats()) {}

    void write() {
        // Sheets in reading order; the Summary is filled last because it refers to the others.
        lxw_worksheet* summary = _book.addSheet("Summary");
        lxw_worksheet* price = _book.addSheet("Price");
        lxw_worksheet* quality = _book.addSheet("Quality");
        lxw_worksheet* compliance = _book.addSheet("Compliance");
        lxw_worksheet* award = _book.addSheet("Award");
        lxw_worksheet* audit = _book.addSheet("Audit");
        writeParameters(summary);
        writePrice(price);
        writeQuality(quality);
        writeCompliance(compliance);
        writeAward(award);
        writeSummary(summary);
        writeAudit(audit);
    }

private:
    const Tender& tender() const { return _pack.tender; }
    const EvaluationRules& rules() const { return _pack.tender.evaluation; }

    void header(lxw_worksheet* sheet, int row, std::initializer_list<const char*> titles) {
        _book.headerRow(sheet, row);
        int col = 0;
        for (const char* title : titles) {
            _book.text(sheet, row, col++, title, _f.header);
        }
    }

    void parameter(lxw_worksheet* sheet, int& row, const char* label, const char* name, double number,
                   lxw_format* format = nullptr) {
        _book.text(sheet, row, 1, label);
        _book.number(sheet, row, parameterCol, number, format);
        if (name != nullptr) {
            _book.defineName(name, "=Summary!" + cellRef(row, parameterCol, true));
        }
        ++row;
    }

    void parameterText(lxw_worksheet* sheet, int& row, const char* label, const std::string& text) {
        _book.text(sheet, row, 1, label);
        _book.text(sheet, row, parameterCol, text);
        ++row;
    }

    void writeParameters(lxw_worksheet* sheet) {
        const Contract& contract = tender().contract;
        int row = 0;
        _book.text(sheet, row++, 0, tender().title.empty() ? tender().id : tender().title, _f.heading);
        ++row;
        parameterText(sheet, row, "Authority", tender().authority);
        parameterText(sheet, row, "Reference", tender().id);
        parameterText(sheet, row, "Method",
                      "Price " + toPlainDecimal(rules().priceWeight) + " : quality " +
                          toPlainDecimal(rules().qualityWeight) + "; price method " + methodName(rules().priceMethod) +
                          "; consensus " + consensusName(rules().consensus) + "; scores rounded half-up to " +
                          std::to_string(rules().decimals) + " decimals; ties broken by " +
                          tieBreakText(rules().tieBreak));
        ++row;
        _book.text(sheet, row++, 1, "Method parameters", _f.bold);
        parameter(sheet, row, "Price weight", "PriceWeight", value(rules().priceWeight));
        parameter(sheet, row, "Quality weight", "QualityWeight", value(rules().qualityWeight));
        parameterText(sheet, row, "Price method", methodName(rules().priceMethod));
        parameterText(sheet, row, "Consensus rule", consensusName(rules().consensus));
        parameter(sheet, row, "Decimals (rounding half-up)", "Decimals", rules().decimals);
        parameter(sheet, row, "Quality marks out of", "ScaleMax", rules().scaleMax);
        parameter(sheet, row, "Minimum score on each question", "MinScoreEach", value(rules().minScoreEach));
        parameter(sheet, row, "Minimum quality score (% of quality weight)", "MinQualityPercent",
                  value(rules().minQualityPercent));
        parameter(sheet, row, "Weeks per year", "WeeksPerYear", value(contract.weeksPerYear));
        parameter(sheet, row, "Annual uplift (%)", "UpliftPercent", value(contract.annualUpliftPercent));
        const int initialRow = row;
        parameter(sheet, row, "Initial years", nullptr, contract.initialYears);
        parameter(sheet, row, "Extension years", nullptr, contract.extensionYears);
        _book.text(sheet, row, 1, "Contract years");
        _book.formula(sheet, row, parameterCol,
                      "=" + cellRef(initialRow, parameterCol) + "+" + cellRef(initialRow + 1, parameterCol),
                      contract.initialYears + contract.extensionYears);
        _book.defineName("ContractYears", "=Summary!" + cellRef(row, parameterCol, true));
        ++row;
        parameterText(sheet, row, "Tie-break", tieBreakText(rules().tieBreak));
        _summaryRow = row + 1;
    }

    std::string priceScoreFormula(int row) const {
        const std::string p = cellRef(row, price::Evaluated);
        const std::string l = cellRef(row, price::Lowest);
        const std::string c = cellRef(row, price::Ceiling);
        switch (rules().priceMethod) {
        case PriceMethod::LowestOverBid:
            return "=ROUND(PriceWeight*" + l + "/" + p + ",Decimals)";
        case PriceMethod::LinearFromLowest:
            return "=ROUND(PriceWeight*MAX(0,(2*" + l + "-" + p + ")/" + l + "),Decimals)";
        case PriceMethod::CeilingLinear:
            return "=ROUND(IF(" + c + "=" + l + ",PriceWeight,PriceWeight*(" + c + "-" + p + ")/(" + c + "-" + l +
                   ")),Decimals)";
        }
        return "";
    }

    /// The bid's evaluated price, the lot's lowest, the ceiling and the price score, on its first row
    /// (rows are written in order, as libxlsxwriter's constant-memory mode requires).
    void writeBidPrice(lxw_worksheet* sheet, const LotResult& lotResult, const Lot& lot, const LotBidResult& bidRow,
                       int first, int last, int lotFirst, int lotLast) {
        _cells.priceRow[{lotResult.lot, bidRow.bid}] = first;
        _book.formula(sheet, first, price::Evaluated,
                      "=SUMPRODUCT(" + rangeRef(first, last, price::Bookable) + "," +
                          rangeRef(first, last, price::Weekly) + ")/SUM(" + rangeRef(first, last, price::Bookable) +
                          ")",
                      poundsOf(*bidRow.evaluatedPrice), _f.exact);
        _book.formula(sheet, first, price::Lowest, "=MIN(" + rangeRef(lotFirst, lotLast, price::Evaluated, true) + ")",
                      poundsOf(*lotResult.lowestPrice), _f.exact);
        if (lot.maxWeeklyPrice) {
            _book.number(sheet, first, price::Ceiling, poundsOf(*lot.maxWeeklyPrice), _f.money);
        }
        _book.formula(sheet, first, price::Score, priceScoreFormula(first), value(*bidRow.priceScore), _f.score);
    }

    void writePrice(lxw_worksheet* sheet) {
        header(sheet, 0,
               {"Lot", "Bid", "Bidder", "URN", "Setting", "Places offered", "Bookable places", "Weekly price",
                "Evaluated price", "Lowest in lot", "Ceiling", "Price score"});
        int row = 1;
        for (const LotResult& lotResult : _result.lots) {
            const Lot& lot = tender().lots[lotResult.lot];
            const int lotFirst = row;
            int lotLast = row;
            for (const LotBidResult& bidRow : lotResult.bids) {
                if (bidRow.compliant()) {
                    lotLast += static_cast<int>(bidRow.eligible.size());
                }
            }
            --lotLast;
            for (const LotBidResult& bidRow : lotResult.bids) {
                if (!bidRow.compliant()) {
                    continue;
                }
                const Bid& bid = _pack.bids[bidRow.bid];
                const LotBid& lotBid = bid.lotBids[bidRow.lotBid];
                const int first = row;
                const int last = row + static_cast<int>(bidRow.eligible.size()) - 1;
                for (const EligibleSetting& entry : bidRow.eligible) {
                    const Setting& setting = lotBid.settings[entry.setting];
                    _book.text(sheet, row, price::Lot, lot.id);
                    _book.text(sheet, row, price::Bid, bid.id);
                    _book.text(sheet, row, price::Bidder, bid.bidderName);
                    _book.text(sheet, row, price::Urn, setting.urn);
                    _book.text(sheet, row, price::Setting, setting.name);
                    _book.number(sheet, row, price::Offered, setting.places);
                    _book.number(sheet, row, price::Bookable, entry.bookable);
                    _book.number(sheet, row, price::Weekly, poundsOf(setting.weeklyPrice), _f.money);
                    if (row == first) {
                        writeBidPrice(sheet, lotResult, lot, bidRow, first, last, lotFirst, lotLast);
                    }
                    ++row;
                }
            }
        }
        _book.column(sheet, price::Lot, price::Bid, 10);
        _book.column(sheet, price::Bidder, price::Bidder, 32);
        _book.column(sheet, price::Urn, price::Urn, 11);
        _book.column(sheet, price::Setting, price::Setting, 22);
        _book.column(sheet, price::Offered, price::Bookable, 9);
        _book.column(sheet, price::Weekly, price::Ceiling, 13);
        _book.column(sheet, price::Score, price::Score, 10);
        _book.finishTable(sheet, 0, row - 1, price::Last);
    }

    static constexpr double questionTextWidth = 30;
    static constexpr double rationaleWidth = 30;
    static constexpr double answerWidth = 50;
    static constexpr double consensusWidth = 34;
    static constexpr double reasonsWidth = 40;
    static constexpr double declarationsWidth = 36;

    void writeQuality(lxw_worksheet* sheet) {
        const auto& evaluators = _pack.scores.evaluators;
        const auto& questions = rules().questions;
        const int answerCol = 5;
        const int firstMarkCol = 6;
        const int consensusCol = firstMarkCol + 2 * static_cast<int>(evaluators.size());
        const int consensusTextCol = consensusCol + 1;
        const int moderatorCol = consensusCol + 2;
        const int scoreCol = consensusCol + 3;
        const int weightedCol = consensusCol + 4;
        const int qualityCol = consensusCol + 5;
        const int hotspotCol = consensusCol + 6;
        _cells.qualityCol = qualityCol;
        _book.headerRow(sheet, 0);
        _book.text(sheet, 0, 0, "Bid", _f.header);
        _book.text(sheet, 0, 1, "Bidder", _f.header);
        _book.text(sheet, 0, 2, "Question", _f.header);
        _book.text(sheet, 0, 3, "Question text", _f.header);
        _book.text(sheet, 0, 4, "Weight", _f.header);
        _book.text(sheet, 0, answerCol, "Bidder's answer", _f.header);
        for (std::size_t e = 0; e < evaluators.size(); ++e) {
            const int col = firstMarkCol + 2 * static_cast<int>(e);
            const std::string who = evaluators[e].id + (evaluators[e].name.empty() ? "" : " " + evaluators[e].name);
            _book.text(sheet, 0, col, evaluators[e].id + " mark", _f.header);
            _book.text(sheet, 0, col + 1, who + ": rationale", _f.header);
        }
        _book.text(sheet, 0, consensusCol, "Consensus score", _f.header);
        _book.text(sheet, 0, consensusTextCol, "Consensus rationale", _f.header);
        _book.text(sheet, 0, moderatorCol, "Moderator", _f.header);
        _book.text(sheet, 0, scoreCol, "Question score (" + consensusName(rules().consensus) + ")", _f.header);
        _book.text(sheet, 0, weightedCol, "Weighted score", _f.header);
        _book.text(sheet, 0, qualityCol, "Quality score", _f.header);
        _book.text(sheet, 0, hotspotCol, "Moderation hotspot", _f.header);

        // Marks and consensus in (bid, question, evaluator) order, looked up by binary search: no
        // copies of their keys (a pack's marks are validated unique before anything is written).
        const auto byBidQuestion = [](const auto* a, const auto* b) {
            return std::tie(a->bid, a->question) < std::tie(b->bid, b->question);
        };
        std::vector<const Mark*> marks;
        marks.reserve(_pack.scores.marks.size());
        for (const Mark& mark : _pack.scores.marks) {
            marks.push_back(&mark);
        }
        std::sort(marks.begin(), marks.end(), byBidQuestion);
        std::vector<const ConsensusScore*> consensus;
        consensus.reserve(_pack.scores.consensus.size());
        for (const ConsensusScore& c : _pack.scores.consensus) {
            consensus.push_back(&c);
        }
        std::sort(consensus.begin(), consensus.end(), byBidQuestion);
        Mark key;
        ConsensusScore consensusKey;
        std::vector<std::size_t> order;
        for (std::size_t b = 0; b < _pack.bids.size(); ++b) {
            if (_result.quality[b]) {
                order.push_back(b);
            }
        }
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return _pack.bids[a].id < _pack.bids[b].id; });

        const Fraction spreadLimit = Fraction(rules().scaleMax) / 2;
        int row = 1;
        for (const std::size_t b : order) {
            const Bid& bid = _pack.bids[b];
            const BidQuality& quality = *_result.quality[b];
            const int first = row;
            const Scaled rounded = roundHalfUp(quality.score, rules().decimals);
            const bool belowTotal = quality.score < rules().qualityWeight * rules().minQualityPercent / 100;
            for (std::size_t q = 0; q < questions.size(); ++q) {
                const Question& question = questions[q];
                const auto answer = std::find_if(bid.responses.begin(), bid.responses.end(),
                                                 [&](const Response& r) { return r.question == question.id; });
                const std::string_view answerText =
                    answer == bid.responses.end() ? std::string_view() : std::string_view(answer->text);
                key.bid = bid.id;
                key.question = question.id;
                const auto [marksFrom, marksTo] = std::equal_range(marks.begin(), marks.end(), &key, byBidQuestion);
                const auto markOf = [&, from = marksFrom, to = marksTo](const Evaluator& evaluator) -> const Mark* {
                    const auto found =
                        std::find_if(from, to, [&](const Mark* m) { return m->evaluator == evaluator.id; });
                    return found == to ? nullptr : *found;
                };
                consensusKey.bid = bid.id;
                consensusKey.question = question.id;
                const auto consensusAt =
                    std::lower_bound(consensus.begin(), consensus.end(), &consensusKey, byBidQuestion);
                const ConsensusScore* agreed =
                    consensusAt != consensus.end() && !byBidQuestion(&consensusKey, *consensusAt) ? *consensusAt
                                                                                                  : nullptr;
                // Row height first: rows are written in order (constant-memory mode).
                int lines =
                    std::max(Book::linesFor(question.text, questionTextWidth), Book::linesFor(answerText, answerWidth));
                for (const Evaluator& evaluator : evaluators) {
                    if (const Mark* mark = markOf(evaluator)) {
                        lines = std::max(lines, Book::linesFor(mark->rationale, rationaleWidth));
                    }
                }
                if (agreed != nullptr) {
                    lines = std::max(lines, Book::linesFor(agreed->rationale, consensusWidth));
                }
                _book.rowLines(sheet, row, lines);
                _book.text(sheet, row, 0, bid.id);
                _book.text(sheet, row, 1, bid.bidderName);
                _book.text(sheet, row, 2, question.id);
                _book.text(sheet, row, 3, question.text, _f.wrap);
                _book.number(sheet, row, 4, value(question.weight));
                _book.text(sheet, row, answerCol, answerText, _f.wrap);
                int lowest = rules().scaleMax;
                int highest = 0;
                bool anyMark = false;
                for (std::size_t e = 0; e < evaluators.size(); ++e) {
                    const int col = firstMarkCol + 2 * static_cast<int>(e);
                    const Mark* mark = markOf(evaluators[e]);
                    if (mark == nullptr) {
                        continue;
                    }
                    _book.number(sheet, row, col, mark->score);
                    _book.text(sheet, row, col + 1, mark->rationale, _f.wrap);
                    lowest = std::min(lowest, mark->score);
                    highest = std::max(highest, mark->score);
                    anyMark = true;
                }
                if (agreed != nullptr) {
                    _book.number(sheet, row, consensusCol, agreed->score);
                    _book.text(sheet, row, consensusTextCol, agreed->rationale, _f.wrap);
                    _book.text(sheet, row, moderatorCol, agreed->moderator);
                }
                std::string markCells;
                for (std::size_t e = 0; e < evaluators.size(); ++e) {
                    markCells += (e == 0 ? "" : ",") + cellRef(row, firstMarkCol + 2 * static_cast<int>(e));
                }
                std::string scoreFormula;
                switch (rules().consensus) {
                case ConsensusRule::Moderated:
                    scoreFormula = "=" + cellRef(row, consensusCol);
                    break;
                case ConsensusRule::Mean:
                    scoreFormula = "=AVERAGE(" + markCells + ")";
                    break;
                case ConsensusRule::Median:
                    scoreFormula = "=MEDIAN(" + markCells + ")";
                    break;
                }
                const Fraction& score = quality.questionScores[q];
                _book.formula(sheet, row, scoreCol, scoreFormula, value(score),
                              score < rules().minScoreEach ? _f.scoreBelow : nullptr);
                _book.formula(sheet, row, weightedCol,
                              "=" + cellRef(row, 4) + "*" + cellRef(row, scoreCol) + "/ScaleMax",
                              value(question.weight * score / rules().scaleMax));
                if (!markCells.empty()) {
                    const bool hotspot = anyMark && Fraction(highest - lowest) > spreadLimit;
                    _book.formulaText(sheet, row, hotspotCol,
                                      "=IF(COUNT(" + markCells + ")=0,\"\",IF(MAX(" + markCells + ")-MIN(" + markCells +
                                          ")>ScaleMax/2,\"hotspot\",\"\"))",
                                      hotspot ? "hotspot" : "", hotspot ? _f.flag : nullptr);
                }
                if (q == 0) {
                    const int last = first + static_cast<int>(questions.size()) - 1;
                    _book.formula(sheet, first, qualityCol,
                                  "=ROUND(SUM(" + rangeRef(first, last, weightedCol) + "),Decimals)", value(rounded),
                                  belowTotal ? _f.scoreBelow : _f.score);
                }
                ++row;
            }
            _cells.qualityRow[b] = first;
            if (questions.empty()) {
                _book.text(sheet, row, 0, bid.id);
                _book.text(sheet, row, 1, bid.bidderName);
                _book.formula(sheet, row, qualityCol, "=0", 0, _f.score);  // no questions: Q is an empty sum
                ++row;
            }
        }
        _book.column(sheet, 0, 0, 10);
        _book.column(sheet, 1, 1, 28);
        _book.column(sheet, 2, 2, 9);
        _book.column(sheet, 3, 3, questionTextWidth);
        _book.column(sheet, 4, 4, 8);
        _book.column(sheet, answerCol, answerCol, answerWidth);
        for (std::size_t e = 0; e < evaluators.size(); ++e) {
            const int col = firstMarkCol + 2 * static_cast<int>(e);
            _book.column(sheet, col, col, 8);
            _book.column(sheet, col + 1, col + 1, rationaleWidth);
        }
        _book.column(sheet, consensusCol, consensusCol, 10);
        _book.column(sheet, consensusTextCol, consensusTextCol, consensusWidth);
        _book.column(sheet, moderatorCol, hotspotCol, 11);
        _book.finishTable(sheet, 0, row - 1, hotspotCol);
    }

    void writeCompliance(lxw_worksheet* sheet) {
        header(sheet, 0,
               {"Bid", "Bidder", "Company number", "Submitted", "Lot", "Status", "Reasons", "Notes", "Reason codes",
                "Note codes", "Declarations"});
        std::vector<std::pair<std::string, const LotBidResult*>> rows;
        for (const LotResult& lotResult : _result.lots) {
            for (const LotBidResult& bidRow : lotResult.bids) {
                rows.emplace_back(_pack.bids[bidRow.bid].id, &bidRow);
            }
        }
        std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        int row = 1;
        for (const auto& [id, bidRow] : rows) {
            const Bid& bid = _pack.bids[bidRow->bid];
            std::string declarations;
            for (const Requirement& requirement : tender().requirements) {
                const auto found = std::find_if(bid.declarations.begin(), bid.declarations.end(),
                                                [&](const Declaration& d) { return d.requirement == requirement.id; });
                const char* state = found == bid.declarations.end() ? "not declared" : found->met ? "met" : "not met";
                declarations += (declarations.empty() ? "" : "; ") + requirement.id + ": " + state;
            }
            auto codes = [](const std::vector<std::string>& list) {
                std::string joined;
                for (const std::string& code : list) {
                    joined += (joined.empty() ? "" : " ") + code;
                }
                return joined;
            };
            _book.rowLines(sheet, row,
                           std::max({Book::linesFor(text::describeCodes(bidRow->reasons), reasonsWidth),
                                     Book::linesFor(text::describeCodes(bidRow->notes), reasonsWidth),
                                     Book::linesFor(declarations, declarationsWidth)}));
            _book.text(sheet, row, 0, bid.id);
            _book.text(sheet, row, 1, bid.bidderName);
            _book.text(sheet, row, 2, bid.companyNumber);
            _book.text(sheet, row, 3, bid.submitted.text);
            _book.text(sheet, row, 4, bid.lotBids[bidRow->lotBid].lot);
            _book.text(sheet, row, 5, bidRow->compliant() ? "compliant" : "excluded",
                       bidRow->compliant() ? nullptr : _f.flag);
            _book.text(sheet, row, 6, text::describeCodes(bidRow->reasons), _f.wrap);
            _book.text(sheet, row, 7, text::describeCodes(bidRow->notes), _f.wrap);
            _book.text(sheet, row, 8, codes(bidRow->reasons), _f.wrap);
            _book.text(sheet, row, 9, codes(bidRow->notes), _f.wrap);
            _book.text(sheet, row, 10, declarations, _f.wrap);
            ++row;
        }
        _book.column(sheet, 0, 0, 10);
        _book.column(sheet, 1, 1, 28);
        _book.column(sheet, 2, 4, 12);
        _book.column(sheet, 5, 5, 11);
        _book.column(sheet, 6, 7, reasonsWidth);
        _book.column(sheet, 8, 9, 24);
        _book.column(sheet, 10, 10, declarationsWidth);
        _book.finishTable(sheet, 0, row - 1, 10);
    }

    void writeAward(lxw_worksheet* sheet) {
        header(sheet, 0,
               {"Lot", "Step", "Bid", "Bidder", "URN", "Setting", "Bookable places", "Places awarded",
                "Why fewer than bookable", "Weekly price", "Annual cost (exact)", "Places so far", "Providers so far",
                "Annual cost so far (exact)"});
        int row = 1;
        for (const LotResult& lotResult : _result.lots) {
            const Lot& lot = tender().lots[lotResult.lot];
            const int first = row;
            int step = 0;
            for (const AwardStep& walk : lotResult.walk) {
                const Bid& bid = _pack.bids[walk.bid];
                _book.text(sheet, row, award::Lot, lot.id);
                _book.number(sheet, row, award::Step, ++step);
                _book.text(sheet, row, award::Bid, bid.id);
                _book.text(sheet, row, award::Bidder, bid.bidderName);
                Pence weekly = 0;
                if (walk.setting) {
                    const Setting& setting = bid.lotBids[walk.lotBid].settings[*walk.setting];
                    weekly = setting.weeklyPrice;
                    _book.text(sheet, row, award::Urn, setting.urn);
                    _book.text(sheet, row, award::Setting, setting.name);
                    _book.number(sheet, row, award::Bookable, walk.bookable);
                    _book.number(sheet, row, award::Weekly, poundsOf(weekly), _f.money);
                }
                _book.number(sheet, row, award::Awarded, walk.awarded);
                const std::string why = walk.limit == AwardLimit::ProviderCap ? "provider cap: bid skipped"
                                                                              : std::string(awardLimitName(walk.limit));
                _book.text(sheet, row, award::Why, why, walk.limit == AwardLimit::None ? nullptr : _f.flag);
                const Fraction cost = tender().contract.weeksPerYear * static_cast<long>(weekly) * walk.awarded;
                _book.formula(sheet, row, award::Cost,
                              "=" + cellRef(row, award::Awarded) + "*" + cellRef(row, award::Weekly) + "*WeeksPerYear",
                              poundsOf(cost), _f.exact);
                _book.formula(sheet, row, award::PlacesSoFar,
                              "=SUM(" + cellRef(first, award::Awarded, true) + ":" + cellRef(row, award::Awarded) + ")",
                              walk.placesSoFar);
                _book.number(sheet, row, award::ProvidersSoFar, walk.providersSoFar);
                _book.formula(sheet, row, award::CostSoFar,
                              "=SUM(" + cellRef(first, award::Cost, true) + ":" + cellRef(row, award::Cost) + ")",
                              poundsOf(walk.annualCostSoFar), _f.exact);
                ++row;
            }
            _cells.awardRows[lotResult.lot] = {first, row - 1};
        }
        _book.column(sheet, award::Lot, award::Bid, 9);
        _book.column(sheet, award::Bidder, award::Bidder, 28);
        _book.column(sheet, award::Urn, award::Urn, 11);
        _book.column(sheet, award::Setting, award::Setting, 20);
        _book.column(sheet, award::Bookable, award::Awarded, 9);
        _book.column(sheet, award::Why, award::Why, 22);
        _book.column(sheet, award::Weekly, award::CostSoFar, 15);
        _book.finishTable(sheet, 0, row - 1, award::Last);
    }

    /// "SUM(Award!$H$2:$H$9)" over one lot's rows of a column of the Award sheet ("0" when none).
    std::string awardSum(std::size_t lot, int col, const std::string& function = "SUM") const {
        const auto [first, last] = _cells.awardRows.at(lot);
        if (last < first) {
            return "0";
        }
        return function + "(Award!" + rangeRef(first, last, col, true) + ")";
    }

    void writeSummary(lxw_worksheet* sheet) {
        int row = _summaryRow;
        const std::string& currency = tender().currency;
        for (const LotResult& lotResult : _result.lots) {
            const Lot& lot = tender().lots[lotResult.lot];
            ++row;
            _book.text(sheet, row++, 0, "Lot " + lot.id + (lot.name.empty() ? "" : ": " + lot.name), _f.heading);
            header(sheet, row++,
                   {"Rank", "Bidder", "Bid", "Evaluated price (per place-week)", "Price score", "Quality score",
                    "Total score", "Places awarded", "Annual cost"});
            const int first = row;
            const auto [awardFirst, awardLast] = _cells.awardRows.at(lotResult.lot);
            std::map<std::size_t, Fraction> costByBid;  // one pass over the awards, not one per bid
            for (const Award& a : lotResult.awards) {
                costByBid[a.bid] += tender().contract.weeksPerYear * static_cast<long>(a.weeklyPrice) * a.places;
            }
            for (const LotBidResult& bidRow : lotResult.bids) {
                if (!bidRow.compliant()) {
                    continue;
                }
                const Bid& bid = _pack.bids[bidRow.bid];
                const int priceRow = _cells.priceRow.at({lotResult.lot, bidRow.bid});
                const int qualityRow = _cells.qualityRow.at(bidRow.bid);
                const auto found = costByBid.find(bidRow.bid);
                const Fraction cost = found == costByBid.end() ? Fraction(0) : found->second;
                _book.number(sheet, row, 0, *bidRow.rank);
                _book.text(sheet, row, 1, bid.bidderName);
                _book.text(sheet, row, 2, bid.id);
                _book.formula(sheet, row, 3, "=Price!" + cellRef(priceRow, price::Evaluated, true),
                              poundsOf(*bidRow.evaluatedPrice), _f.money);
                _book.formula(sheet, row, 4, "=Price!" + cellRef(priceRow, price::Score, true),
                              value(*bidRow.priceScore), _f.score);
                _book.formula(sheet, row, 5, "=Quality!" + cellRef(qualityRow, _cells.qualityCol, true),
                              value(*bidRow.qualityScore), _f.score);
                _book.formula(sheet, row, 6, "=ROUND(" + cellRef(row, 4) + "+" + cellRef(row, 5) + ",Decimals)",
                              value(*bidRow.totalScore), _f.score);
                const std::string bidCell = cellRef(row, 2);
                if (awardLast >= awardFirst) {
                    const std::string bids = "Award!" + rangeRef(awardFirst, awardLast, award::Bid, true);
                    _book.formula(sheet, row, 7,
                                  "=SUMIF(" + bids + "," + bidCell + ",Award!" +
                                      rangeRef(awardFirst, awardLast, award::Awarded, true) + ")",
                                  *bidRow.awardedPlaces);
                    _book.formula(sheet, row, 8,
                                  "=ROUND(SUMIF(" + bids + "," + bidCell + ",Award!" +
                                      rangeRef(awardFirst, awardLast, award::Cost, true) + "),2)",
                                  poundsOf(roundToPence(cost)), _f.money);
                } else {
                    _book.number(sheet, row, 7, 0);
                    _book.number(sheet, row, 8, 0, _f.money);
                }
                ++row;
            }
            const int last = row - 1;
            ++row;
            auto figure = [&](const char* label, const std::string& note) {
                _book.text(sheet, row, 1, label, _f.bold);
                _book.text(sheet, row, 3, note);
            };
            figure("Places awarded",
                   "between " + std::to_string(lot.minPlaces) + " and " + std::to_string(lot.maxPlaces));
            _book.formula(sheet, row++, 2, "=" + awardSum(lotResult.lot, award::Awarded), lotResult.awardedPlaces);
            figure("Providers", lot.maxProviders ? "at most " + std::to_string(*lot.maxProviders) : "no cap");
            if (last >= first) {
                _book.formula(sheet, row++, 2, "=COUNTIF(" + rangeRef(first, last, 7) + ",\">0\")",
                              lotResult.providers);
            } else {
                _book.number(sheet, row++, 2, 0);
            }
            figure("Annual cost",
                   lot.annualBudget ? "budget " + text::money(*lot.annualBudget, currency) : "no budget set");
            _book.formula(sheet, row++, 2, "=ROUND(" + awardSum(lotResult.lot, award::Cost) + ",2)",
                          poundsOf(lotResult.annualCost), _f.money);
            const int years = tender().contract.initialYears + tender().contract.extensionYears;
            figure("Contract value", std::to_string(years) + (years == 1 ? " year" : " years") +
                                         ", annual cost uplifted each year, rounded once");
            const std::string exactAnnual = awardSum(lotResult.lot, award::Cost);
            _book.formula(sheet, row++, 2,
                          "=ROUND(IF(UpliftPercent=0," + exactAnnual + "*ContractYears," + exactAnnual +
                              "*((1+UpliftPercent/100)^ContractYears-1)/(UpliftPercent/100)),2)",
                          poundsOf(lotResult.contractValue), _f.money);
            _book.text(sheet, row, 1, "Flags", _f.bold);
            std::string words;
            for (const std::string& flag : lotResult.flags) {
                words += (words.empty() ? "" : "; ") + explain(flag);
            }
            for (const LotBidResult& bidRow : lotResult.bids) {
                for (const std::string& flag : bidRow.flags) {
                    words += (words.empty() ? "" : "; ") + _pack.bids[bidRow.bid].id + ": " + explain(flag);
                }
            }
            _book.text(sheet, row++, 2, words.empty() ? "none" : words, words.empty() ? nullptr : _f.flag);
            bool anyExcluded = false;
            for (const LotBidResult& bidRow : lotResult.bids) {
                if (bidRow.compliant()) {
                    continue;
                }
                if (!anyExcluded) {
                    ++row;
                    _book.text(sheet, row++, 1, "Excluded bids", _f.bold);
                    anyExcluded = true;
                }
                const Bid& bid = _pack.bids[bidRow.bid];
                _book.text(sheet, row, 1, bid.bidderName);
                _book.text(sheet, row, 2, bid.id);
                _book.text(sheet, row++, 3, text::describeCodes(bidRow.reasons));
            }
            if (last >= first) {
                ++row;
                addChart(sheet, lot, row, first, last);
                row += chartRows;
            }
        }
        _book.column(sheet, 0, 0, 6);
        _book.column(sheet, 1, 1, 40);
        _book.column(sheet, 2, 2, 14);
        _book.column(sheet, 3, 8, 14);
        worksheet_freeze_panes(sheet, 1, 0);
        _book.finishSheet(sheet);
    }

    static constexpr int chartRows = 16;

    void addChart(lxw_worksheet* sheet, const Lot& lot, int at, int first, int last) {
        lxw_chart* chart = _book.addChart(LXW_CHART_BAR_STACKED);
        const auto row = [](int r) { return static_cast<lxw_row_t>(r); };
        for (const auto& [col, name] : {std::pair<int, const char*>{4, "Price score"}, {5, "Quality score"}}) {
            lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
            if (series == nullptr) {
                throw io::OutputError("cannot add a chart series");
            }
            chart_series_set_categories(series, "Summary", row(first), 1, row(last), 1);
            chart_series_set_values(series, "Summary", row(first), static_cast<lxw_col_t>(col), row(last),
                                    static_cast<lxw_col_t>(col));
            chart_series_set_name(series, name);
        }
        chart_title_set_name(chart, ("Lot " + lot.id + ": price and quality scores in rank order").c_str());
        chart_axis_set_reverse(chart->y_axis);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        _book.insertChart(sheet, at, 1, chart, 1.6, 1.1);
    }

    void writeAudit(lxw_worksheet* sheet) {
        int row = 0;
        _book.text(sheet, row++, 0, "Audit", _f.heading);
        ++row;
        auto line = [&](const char* label, const std::string& text) {
            _book.text(sheet, row, 0, label, _f.bold);
            _book.text(sheet, row++, 1, text);
        };
        line("Tool", "tenderscore " + _run.toolVersion);
        line("Run time (UTC)", isoTime(_run.runTime));
        line("Tender", tender().id);
        line("results.json SHA-256", _run.resultsSha256());
        line("Audit log before this run",
             _run.logCheckpoint.empty() ? "not recorded in an audit log" : _run.logCheckpoint);
        ++row;
        _book.text(sheet, row, 0, "Input file", _f.header);
        _book.text(sheet, row, 1, "Role", _f.header);
        _book.text(sheet, row++, 2, "SHA-256", _f.header);
        auto input = [&](const InputFile& file, const std::string& role) {
            _book.text(sheet, row, 0, file.name);
            _book.text(sheet, row, 1, role);
            _book.text(sheet, row++, 2, file.sha256);
        };
        input(_files.tender, "tender");
        for (std::size_t b = 0; b < _files.bids.size(); ++b) {
            input(_files.bids[b], "bid " + _pack.bids[b].id);
        }
        if (_files.scores) {
            input(*_files.scores, "scores");
        }
        ++row;
        _book.text(sheet, row++, 0, "Method parameters", _f.bold);
        line("Price : quality", toPlainDecimal(rules().priceWeight) + " : " + toPlainDecimal(rules().qualityWeight));
        line("Price method", methodName(rules().priceMethod));
        line("Consensus rule", consensusName(rules().consensus));
        line("Decimals", std::to_string(rules().decimals) + " (half-up)");
        line("Quality scale", "0 to " + std::to_string(rules().scaleMax));
        line("Minimum score on each question", toPlainDecimal(rules().minScoreEach));
        line("Minimum quality (% of quality weight)", toPlainDecimal(rules().minQualityPercent));
        line("Tie-break", tieBreakText(rules().tieBreak));
        line("Abnormally low below mean by (%)", rules().abnormallyLowBelowMeanPercent
                                                     ? toPlainDecimal(*rules().abnormallyLowBelowMeanPercent)
                                                     : "not applied");
        line("Weeks per year", toPlainDecimal(tender().contract.weeksPerYear));
        line("Annual uplift (%)", toPlainDecimal(tender().contract.annualUpliftPercent));
        line("Contract years",
             std::to_string(tender().contract.initialYears) + " + " + std::to_string(tender().contract.extensionYears));
        _book.column(sheet, 0, 0, 36);
        _book.column(sheet, 1, 1, 48);
        _book.column(sheet, 2, 2, 68);
        _book.finishSheet(sheet);
    }

    Book& _book;
    const Pack& _pack;
    const PackFiles& _files;
    const Result& _result;
    const RunInfo& _run;
    const Formats& _f;
    Cells _cells;
    int _summaryRow = 0;
};

}  // namespace

void writeWorkbook(const std::filesystem::path& file, const Pack& pack, const PackFiles& files, const Result& result,
                   const RunInfo& run) {
    const Tender& tender = pack.tender;
    Book::Properties properties;
    properties.title = tender.title.empty() ? tender.id : tender.title;
    properties.subject = "Tender evaluation " + tender.id;
    properties.author = tender.authority.empty() ? "tenderscore" : tender.authority;
    properties.created = run.runTime;
    properties.currency = tender.currency;
    properties.decimals = tender.evaluation.decimals;
    Book book(file, properties);
    WorkbookWriter(book, pack, files, result, run).write();
    book.close();
}

}  // namespace tenderscore::xlsx
