// The Sign-off sheet, first in the book: the tender, the method in one paragraph, the panel with
// their assignments, recusals and rejected files, the run's identity, and a declaration and a
// signature block for each panel member and the approver. It is marked DRAFT: the approvals are
// recorded by the panel server, and until a run carries them this workbook is a draft.
#include <algorithm>
#include <set>

#include "format/text.hpp"
#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

namespace {

constexpr double labelWidth = 22;
constexpr double textWidth = 50;

const char* const memberDeclaration =
    "I declare that I marked the bids assigned to me on their merits against the published questions and "
    "method, that the marks and rationales recorded under my name are mine, and that I have declared every "
    "conflict of interest I have (recusals above).";
const char* const approverDeclaration =
    "I have reviewed this evaluation and approve the ranking and the award of places set out in this workbook.";

/// Writes down the sheet: a label and its text, a heading, a paragraph, a line to sign on.
class Lines {
public:
    Lines(const SheetContext& c, lxw_worksheet* sheet) : _c(c), _sheet(sheet) {}

    void line(const std::string& label, const std::string& text, lxw_format* format = nullptr) {
        _c.book.rowLines(_sheet, _row, std::max(Book::linesFor(label, labelWidth), Book::linesFor(text, textWidth)));
        _c.book.text(_sheet, _row, signoff::Label, label, _c.f.wrap);
        _c.book.text(_sheet, _row++, signoff::Text, text, format == nullptr ? _c.f.wrap : format);
    }
    void heading(const std::string& text) {
        ++_row;
        _c.book.text(_sheet, _row++, signoff::Label, text, _c.f.bold);
    }
    /// A line to write on: tall enough to sign.
    void blank(const std::string& label) {
        constexpr int signingLines = 2;
        _c.book.rowLines(_sheet, _row, signingLines);
        _c.book.text(_sheet, _row, signoff::Label, label, _c.f.signLabel);
        _c.book.text(_sheet, _row++, signoff::Text, "", _c.f.signLine);
    }
    void skip() { ++_row; }
    /// The mark at the top of the sheet, until the approvals are recorded.
    void draft() {
        const std::string why =
            "Not yet approved. The panel's approvals are recorded by the panel server; until they are, this "
            "workbook is a draft for the panel to check and sign.";
        _c.book.rowLines(_sheet, _row, std::max(2, Book::linesFor(why, textWidth)));
        _c.book.text(_sheet, _row, signoff::Label, "DRAFT", _c.f.draft);
        _c.book.text(_sheet, _row++, signoff::Text, why, _c.f.wrap);
    }

    [[nodiscard]] int row() const { return _row; }

private:
    const SheetContext& _c;
    lxw_worksheet* _sheet;
    int _row = 0;
};

std::string consensusWords(ConsensusRule rule) {
    switch (rule) {
    case ConsensusRule::Moderated:
        return "the mark the panel agreed at moderation";
    case ConsensusRule::Mean:
        return "the mean of the evaluators' marks";
    case ConsensusRule::Median:
        return "the median of the evaluators' marks";
    }
    return "";
}

/// How the lots' prices were evaluated and what they award, for places lots, framework lots or both.
struct LotWords {
    std::string eligibility;  // what was left out of a price or excluded a lot bid
    std::string price;        // the evaluated price
    std::string award;        // what the ranking decided
};

LotWords lotWords(const Tender& tender) {
    const bool places = std::any_of(tender.lots.begin(), tender.lots.end(),
                                    [](const Lot& lot) { return lot.award == LotAward::Places; });
    const bool framework = std::any_of(tender.lots.begin(), tender.lots.end(),
                                       [](const Lot& lot) { return lot.award == LotAward::Framework; });
    const std::string placesEligibility = "homes not eligible under a lot's rules were left out of its price";
    const std::string frameworkEligibility =
        "a framework lot bid without a price for every band, or above a band's ceiling, was excluded from the lot";
    const std::string placesPrice = "its evaluated price per place-week";
    const std::string frameworkPrice = "its band prices weighted by each band's expected volume";
    const std::string placesAward =
        "Places were then awarded in rank order within each lot's limits on places, places per home, providers "
        "and budget.";
    const std::string frameworkAward =
        "Providers were then admitted to each framework lot in rank order, up to its number of providers; the rank "
        "is the order of call-offs.";
    if (places && framework) {
        return {placesEligibility + "; " + frameworkEligibility,
                placesPrice + " (places lots) or " + frameworkPrice + " (framework lots)",
                placesAward + " " + frameworkAward};
    }
    return framework ? LotWords{frameworkEligibility, frameworkPrice, frameworkAward}
                     : LotWords{placesEligibility, placesPrice, placesAward};
}

/// The method in one paragraph, from the tender's parameters.
std::string methodParagraph(const Tender& tender) {
    const EvaluationRules& rules = tender.evaluation;
    const LotWords lots = lotWords(tender);
    return "Bids received after the deadline or not meeting a mandatory requirement were excluded, and " +
           lots.eligibility + ". Each compliant bid was scored out of " +
           toPlainDecimal(rules.priceWeight + rules.qualityWeight) + ": price " + toPlainDecimal(rules.priceWeight) +
           " by the " + std::string(priceMethodName(rules.priceMethod)) + " method on " + lots.price +
           ", and quality " + toPlainDecimal(rules.qualityWeight) + " from " + std::to_string(rules.questions.size()) +
           " weighted questions marked 0 to " + std::to_string(rules.scaleMax) + ", each question scoring " +
           consensusWords(rules.consensus) + " (at least " + toPlainDecimal(rules.minScoreEach) +
           " on each question and " + toPlainDecimal(rules.minQualityPercent) +
           "% of the quality weight overall). Scores were rounded half-up to " + std::to_string(rules.decimals) +
           " decimals and ties broken by " + tieBreakText(rules.tieBreak) + ". " + lots.award;
}

/// "all questions", or the evaluator's assigned questions.
std::string assignments(const Evaluator& evaluator) {
    if (!evaluator.questions) {
        return "all questions";
    }
    std::string list;
    for (const std::string& question : *evaluator.questions) {
        list += (list.empty() ? "" : ", ") + question;
    }
    return list.empty() ? "no questions" : "questions " + list;
}

void writeTender(const SheetContext& c, Lines& page) {
    const Tender& tender = c.tender();
    page.heading("The tender");
    page.line("Title", tender.title.empty() ? tender.id : tender.title);
    page.line("Authority", tender.authority);
    page.line("Reference", tender.id);
    page.line("Deadline for bids", tender.deadline ? tender.deadline->text : "not set");
    page.line("Contract start", tender.contract.startDate.empty() ? "not set" : tender.contract.startDate);
    for (const Lot& lot : tender.lots) {
        page.line("Lot " + lot.id, lot.name);
    }
    page.line("Method", methodParagraph(tender));
}

void writePanel(const SheetContext& c, Lines& page) {
    const Scores& scores = c.pack.scores;
    std::set<std::string> moderators;
    for (const ConsensusScore& agreed : scores.consensus) {
        if (!agreed.moderator.empty()) {
            moderators.insert(agreed.moderator);
        }
    }
    page.heading("The panel");
    if (scores.evaluators.empty()) {
        page.line("Evaluators", "none");
    }
    for (const Evaluator& evaluator : scores.evaluators) {
        page.line(evaluatorName(evaluator),
                  std::string(moderators.count(evaluator.id) != 0 ? "evaluator and moderator" : "evaluator") +
                      "; marks " + assignments(evaluator));
    }
    page.heading("Recusals");
    if (scores.recusals.empty()) {
        page.line("", "none");
    }
    for (const Recusal& recusal : scores.recusals) {
        const auto evaluator = std::find_if(scores.evaluators.begin(), scores.evaluators.end(),
                                            [&](const Evaluator& e) { return e.id == recusal.evaluator; });
        page.line(evaluator == scores.evaluators.end() ? recusal.evaluator : evaluatorName(*evaluator),
                  "stood aside from " + recusal.bid + ": " + recusal.reason);
    }
    page.heading("Files rejected at opening");
    if (scores.rejected.empty()) {
        page.line("", "none");
    }
    for (const RejectedFile& rejected : scores.rejected) {
        page.line(rejected.file, rejected.reason);
    }
}

void writeRun(const SheetContext& c, Lines& page) {
    page.heading("This run");
    page.line("Run time (UTC)", text::isoTime(c.run.runTime));
    page.line("Tool", "tenderscore " + c.run.toolVersion);
    page.line("results.json SHA-256", c.run.resultsSha256());
    const std::string& checkpoint = c.run.logCheckpoint;
    page.line("Audit log checkpoint before this run", checkpoint.empty() ? "not recorded in an audit log" : checkpoint);
}

/// A declaration and a block to sign; blocks are kept whole on one page.
void writeSignature(const SheetContext& c, lxw_worksheet* sheet, Lines& page, const std::string& who,
                    const std::string& role, const char* declaration) {
    page.skip();
    const int first = page.row();
    page.line("Declaration", declaration);
    if (who.empty()) {
        page.blank("Name");
        page.blank("Role");
    } else {
        page.line("Name", who);
        page.line("Role", role);
    }
    page.blank("Signature");
    page.blank("Date");
    c.book.keepTogether(sheet, first, page.row() - 1);
}

}  // namespace

void writeSignOffSheet(const SheetContext& c, lxw_worksheet* sheet) {
    Lines page(c, sheet);
    page.draft();
    writeTender(c, page);
    writePanel(c, page);
    writeRun(c, page);
    page.heading("Declarations and signatures");
    for (const Evaluator& evaluator : c.pack.scores.evaluators) {
        writeSignature(c, sheet, page, evaluatorName(evaluator), "Evaluator", memberDeclaration);
    }
    writeSignature(c, sheet, page, "", "", approverDeclaration);
    c.book.column(sheet, signoff::Label, signoff::Label, labelWidth);
    c.book.column(sheet, signoff::Text, signoff::Text, textWidth);
    c.book.finishSheet(sheet, Page{});  // portrait
}

}  // namespace tenderscore::xlsx
