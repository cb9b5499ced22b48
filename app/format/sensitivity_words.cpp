#include "format/sensitivity_words.hpp"

#include "format/text.hpp"

namespace tenderscore::text {

namespace {

std::string inputName(ConsensusRule rule) {
    return rule == ConsensusRule::Moderated ? "one consensus score" : "one evaluator's mark";
}

std::string outcomeName(LotAward award) {
    return award == LotAward::Framework ? "the admissions" : "the award";
}

std::string places(int n) {
    if (n == 0) {
        return "none";
    }
    return std::to_string(n) + (n == 1 ? " place" : " places");
}

std::string ordinal(int n) {
    const int lastTwo = n % 100;
    const int last = n % 10;
    const char* suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        suffix = last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
    }
    return std::to_string(n) + suffix;
}

/// One bid's part, as the change would leave it.
std::string shiftWords(const Pack& pack, const Lot& lot, const OutcomeShift& shift, bool first) {
    const std::string& bid = pack.bids[shift.bid].id;
    if (lot.award == LotAward::Framework) {
        if (shift.after == 0) {
            return bid + " would not have been admitted (it was " + ordinal(shift.before) + ")";
        }
        if (shift.before == 0) {
            return bid + " would have been admitted, " + ordinal(shift.after);
        }
        return bid + " would have been " + ordinal(shift.after) + " instead of " + ordinal(shift.before);
    }
    if (shift.before == shift.after) {
        return bid + (first ? " would have been awarded" : "") + " its " + places(shift.after) + " in other homes";
    }
    return bid + (first ? " would have been awarded " : " ") + places(shift.after) + " instead of " +
           std::to_string(shift.before);
}

/// "BID-002's consensus on Q1", "Erin Shaw's (E2) mark for BID-002 on Q1".
std::string inputWords(const Pack& pack, const QualityChange& change) {
    const std::string& bid = pack.bids[change.bid].id;
    const std::string& question = pack.tender.evaluation.questions[change.question].id;
    if (!change.evaluator) {
        return bid + "'s consensus on " + question;
    }
    const Evaluator& evaluator = pack.scores.evaluators[*change.evaluator];
    const std::string who = evaluator.name.empty() ? evaluator.id : evaluator.name + " (" + evaluator.id + ")";
    return who + "'s mark for " + bid + " on " + question;
}

}  // namespace

std::string marginWords(const LotSensitivity& sensitivity, ConsensusRule rule, LotAward award) {
    const std::string outcome = outcomeName(award);
    if (!sensitivity.margin) {
        return "No change to " + inputName(rule) + " changes " + outcome + ".";
    }
    const std::size_t ways = sensitivity.decisive.size();
    const std::string count = " (" + std::to_string(ways) + (ways == 1 ? " such change)." : " such changes).");
    const int margin = *sensitivity.margin;
    if (margin == 1) {
        return std::string("One mark decides ") + (award == LotAward::Framework ? "these admissions" : "this award") +
               ": moving " + inputName(rule) + " by 1 changes " + (award == LotAward::Framework ? "them" : "it") +
               count;
    }
    return "Moving " + inputName(rule) + " by " + std::to_string(margin) + " changes " + outcome +
           ", and no smaller change does" + count;
}

std::string marginNote(const LotSensitivity& sensitivity, LotAward award) {
    const std::string outcome = outcomeName(award);
    if (!sensitivity.margin) {
        return "no change to one mark changes " + outcome;
    }
    if (*sensitivity.margin == 1) {
        return "one mark decides " + outcome + " (Sensitivity sheet)";
    }
    return "the smallest change to one mark that changes " + outcome + " (Sensitivity sheet)";
}

std::string decisiveWords(const Pack& pack, const Lot& lot, const DecisiveChange& decisive) {
    const QualityChange& change = decisive.change;
    std::string text = "Had " + inputWords(pack, change) + " been " + std::to_string(change.to) + " instead of " +
                       std::to_string(change.from) + ", ";
    if (decisive.shifts.empty()) {
        return terminalSafe(text + "the providers admitted would have been called off in another order.");
    }
    for (std::size_t i = 0; i < decisive.shifts.size(); ++i) {
        if (i > 0) {
            text += i + 1 == decisive.shifts.size() ? " and " : ", ";
        }
        text += shiftWords(pack, lot, decisive.shifts[i], i == 0 || lot.award == LotAward::Framework);
    }
    return terminalSafe(text) + ".";
}

}  // namespace tenderscore::text
