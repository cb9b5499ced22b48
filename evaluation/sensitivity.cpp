#include "evaluation/sensitivity.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <string_view>
#include <unordered_map>

#include "evaluation/award.hpp"
#include "evaluation/price.hpp"
#include "evaluation/quality.hpp"
#include "evaluation/ranking.hpp"

namespace tenderscore {

namespace {

constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

/// One quality input of a bid: which question, whose mark (none for a consensus score), its value.
struct Input {
    std::size_t question = 0;
    std::optional<std::size_t> evaluator;
    std::size_t slot = 0;  // the mark's place in BidBase::marks[question]
    int value = 0;
};

/// A bid that reaches 2.3: its inputs, as the quality of 2.3 reads them, and its rows.
struct BidBase {
    BidScores scores;  // the counted marks (evaluator order) and consensus of each question
    std::vector<Input> inputs;
    int questionsBelow = 0;  // questions whose score is below minScoreEach
    Scaled rounded;          // Q rounded as 2.5 rounds it
    struct Row {
        std::size_t lot = 0;
        std::size_t row = 0;  // position in LotResult::bids
    };
    std::vector<Row> rows;  // the lot bids 2.2 did not exclude, in lot order
};

/// A bid's quality as one change makes it.
struct ChangedQuality {
    std::size_t bid = 0;
    Input input;
    int to = 0;
    Fraction exact;
    Scaled rounded;
    bool passes = false;  // no QUALITY_* reason
};

/// What is known of a lot before any change: the positions of its ranked rows, and for a places
/// lot the state of the walk before each of them.
struct LotView {
    std::size_t ranked = 0;                 // compliant rows, at positions 0 .. ranked - 1 of LotResult::bids
    std::size_t open = 0;                   // rows at positions >= open take nothing (unbounded: every row can)
    std::optional<std::size_t> soleLowest;  // the one row whose price is L, when no other has it
    std::optional<Fraction> ceiling;
    bool cascades = false;  // a later lot caps a home this lot also offers
    // Places lots.
    std::vector<WalkState> before;        // [position]: the walk's state before it; [ranked]: after all
    std::vector<std::size_t> awardsFrom;  // [position]: its first award; [ranked]: the number of awards
    std::vector<int> constrainedBefore;   // [position]: rows before it that took less than they offered
    PlacesByUrn entering;                 // places awarded in earlier lots
    // Keyed by the homes' URNs as the pack holds them.
    std::unordered_map<std::string_view, std::vector<std::pair<std::size_t, int>>> awardsByUrn;  // (position, places)
    std::unordered_map<std::string_view, int> offeredBy;  // ranked rows offering each home
};

enum class Effect { Same, Changed, Rescore };

/// Where a change moves a bid's row in one lot: out of position `from`, into position `to` of the
/// order without it (either may be absent: leaving or entering the ranking).
struct Splice {
    std::size_t row = 0;
    std::optional<std::size_t> from;
    std::optional<std::size_t> to;
};

struct LotEffect {
    Effect effect = Effect::Same;
    Splice splice;
    std::optional<std::vector<OutcomeShift>> shifts;  // when already known
};

int placesOf(const std::vector<Award>& awards, std::size_t first, std::size_t last) {
    int places = 0;
    for (std::size_t a = first; a < last; ++a) {
        places += awards[a].places;
    }
    return places;
}

bool sameAwards(const std::vector<Award>& a, std::size_t aFirst, std::size_t aLast, const std::vector<Award>& b,
                std::size_t bFirst, std::size_t bLast) {
    if (aLast - aFirst != bLast - bFirst) {
        return false;
    }
    for (std::size_t i = 0; i < aLast - aFirst; ++i) {
        if (a[aFirst + i].setting != b[bFirst + i].setting || a[aFirst + i].places != b[bFirst + i].places) {
            return false;
        }
    }
    return true;
}

void sortShifts(const std::vector<Bid>& bids, std::vector<OutcomeShift>& shifts) {
    std::sort(shifts.begin(), shifts.end(),
              [&](const OutcomeShift& a, const OutcomeShift& b) { return bids[a.bid].id < bids[b.bid].id; });
}

class MarginSearch {
public:
    MarginSearch(const Pack& pack, const std::vector<std::vector<LotBidCompliance>>& compliance, Result& result)
        : _pack(pack), _rules(pack.tender.evaluation), _compliance(compliance), _result(result) {}

    void assess() {
        prepareBids();
        prepareLots();
        std::vector<bool> active(_result.lots.size(), true);
        for (int k = 1; k <= _rules.scaleMax; ++k) {
            if (std::none_of(active.begin(), active.end(), [](bool a) { return a; })) {
                break;
            }
            std::vector<std::vector<DecisiveChange>> found(_result.lots.size());
            for (const std::size_t b : candidates(k)) {
                for (const Input& input : _bases[b].inputs) {
                    for (const int to : {input.value - k, input.value + k}) {
                        if (to >= 0 && to <= _rules.scaleMax) {
                            tryChange(b, input, to, active, found);
                        }
                    }
                }
            }
            for (std::size_t l = 0; l < found.size(); ++l) {
                if (active[l] && !found[l].empty()) {
                    LotSensitivity& sensitivity = _result.lots[l].sensitivity;
                    sensitivity.margin = k;
                    sensitivity.decisive = std::move(found[l]);
                    sortDecisive(sensitivity.decisive);
                    active[l] = false;
                }
            }
        }
    }

private:
    // ---- what is known before any change ---------------------------------------------------

    void prepareBids() {
        const Scores& scores = _pack.scores;
        _bases.resize(_pack.bids.size());
        for (std::size_t b = 0; b < _pack.bids.size(); ++b) {
            const std::optional<BidQuality>& quality = _result.quality[b];
            if (!quality) {
                continue;
            }
            BidBase& base = _bases[b];
            const std::size_t questions = _rules.questions.size();
            base.scores.marks.resize(questions);
            base.scores.consensus.resize(questions);
            for (std::size_t q = 0; q < questions; ++q) {
                if (const auto& at = quality->positions.consensus[q]) {
                    base.scores.consensus[q] = scores.consensus[*at].score;
                }
                for (std::size_t e = 0; e < quality->positions.evaluators; ++e) {
                    if (const auto& at = quality->positions.mark(q, e)) {
                        base.scores.marks[q].push_back(scores.marks[*at].score);
                        if (_rules.consensus != ConsensusRule::Moderated) {
                            base.inputs.push_back(
                                Input{q, e, base.scores.marks[q].size() - 1, scores.marks[*at].score});
                        }
                    }
                }
                if (_rules.consensus == ConsensusRule::Moderated && base.scores.consensus[q]) {
                    base.inputs.push_back(Input{q, std::nullopt, 0, *base.scores.consensus[q]});
                }
                if (quality->questions[q].belowMinimum) {
                    ++base.questionsBelow;
                }
            }
            base.rounded = roundHalfUp(quality->score, _rules.decimals);
        }
        for (std::size_t l = 0; l < _result.lots.size(); ++l) {
            const std::vector<LotBidResult>& rows = _result.lots[l].bids;
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const LotBidResult& row = rows[r];
                if (_result.quality[row.bid] && _compliance[row.bid][row.lotBid].reasons.empty()) {
                    _bases[row.bid].rows.push_back(BidBase::Row{l, r});
                }
            }
        }
    }

    void prepareLots() {
        const Tender& tender = _pack.tender;
        _views.resize(_result.lots.size());
        PlacesByUrn awarded;
        std::vector<std::set<std::string_view>> homes(_result.lots.size());  // every home a lot's rows offer
        for (std::size_t l = 0; l < _result.lots.size(); ++l) {
            const LotResult& lot = _result.lots[l];
            const Lot& spec = tender.lots[lot.lot];
            LotView& view = _views[l];
            view.ranked = static_cast<std::size_t>(
                std::count_if(lot.bids.begin(), lot.bids.end(), [](const LotBidResult& r) { return r.compliant(); }));
            view.ceiling = priceCeiling(spec);
            std::size_t atLowest = 0;
            for (std::size_t p = 0; p < view.ranked; ++p) {
                if (*lot.bids[p].evaluatedPrice == *lot.lowestPrice) {
                    ++atLowest;
                    view.soleLowest = p;
                }
            }
            if (atLowest != 1) {
                view.soleLowest.reset();
            }
            for (const LotBidResult& row : lot.bids) {
                for (const EligibleSetting& entry : row.eligible) {
                    homes[l].insert(_pack.bids[row.bid].lotBids[row.lotBid].settings[entry.setting].urn);
                }
            }
            if (spec.award == LotAward::Framework) {
                view.open = spec.maxProviders ? static_cast<std::size_t>(std::max(0, *spec.maxProviders)) : unbounded;
                continue;
            }
            view.entering = awarded;
            prepareWalk(spec, lot, view);
            for (const Award& award : lot.awards) {
                awarded[_pack.bids[award.bid].lotBids[award.lotBid].settings[award.setting].urn] += award.places;
            }
        }
        for (std::size_t l = 0; l < _views.size(); ++l) {
            for (std::size_t later = l + 1; later < _views.size() && !_views[l].cascades; ++later) {
                const Lot& spec = tender.lots[_result.lots[later].lot];
                if (spec.award != LotAward::Places || !spec.maxPlacesPerSetting) {
                    continue;
                }
                _views[l].cascades = std::any_of(homes[l].begin(), homes[l].end(),
                                                 [&](std::string_view urn) { return homes[later].count(urn) > 0; });
            }
        }
    }

    void prepareWalk(const Lot& spec, const LotResult& lot, LotView& view) {
        const Fraction& weeks = _pack.tender.contract.weeksPerYear;
        view.before.assign(view.ranked + 1, WalkState{});
        view.awardsFrom.assign(view.ranked + 1, 0);
        view.constrainedBefore.assign(view.ranked + 1, 0);
        view.open = unbounded;
        WalkState state;
        std::size_t a = 0;
        for (std::size_t p = 0; p < view.ranked; ++p) {
            const LotBidResult& row = lot.bids[p];
            view.before[p] = state;
            view.awardsFrom[p] = a;
            if (view.open == unbounded && walkClosed(spec, state)) {
                view.open = p;
            }
            int offered = 0;
            for (const EligibleSetting& entry : row.eligible) {
                offered += entry.bookable;
                ++view.offeredBy[_pack.bids[row.bid].lotBids[row.lotBid].settings[entry.setting].urn];
            }
            int took = 0;
            for (; a < lot.awards.size() && lot.awards[a].bid == row.bid; ++a) {
                const Award& award = lot.awards[a];
                took += award.places;
                state.cost += weeks * static_cast<long>(award.weeklyPrice) * award.places;
                view.awardsByUrn[_pack.bids[row.bid].lotBids[row.lotBid].settings[award.setting].urn].emplace_back(
                    p, award.places);
            }
            if (took > 0) {
                state.places += took;
                ++state.providers;
            }
            view.constrainedBefore[p + 1] = view.constrainedBefore[p] + (took < offered ? 1 : 0);
        }
        view.before[view.ranked] = state;
        view.awardsFrom[view.ranked] = a;
        if (view.open == unbounded && walkClosed(spec, state)) {
            view.open = view.ranked;
        }
    }

    /// The bids whose changes of size k may move some lot's outcome: every row that can take
    /// something, the rows after them that one change can lift far enough, the row that sets a
    /// lowest price alone, and the rows that one change may bring back over the quality thresholds.
    [[nodiscard]] std::vector<std::size_t> candidates(int k) const {
        Fraction reach = 0;
        for (const Question& question : _rules.questions) {
            reach = std::max(reach, Fraction(question.weight * k / _rules.scaleMax));
        }
        mpz_class unit = 1;
        for (int d = 0; d < _rules.decimals; ++d) {
            unit *= 10;
        }
        const Fraction scaled = reach * unit;
        mpz_class slack;
        mpz_cdiv_q(slack.get_mpz_t(), scaled.get_num_mpz_t(), scaled.get_den_mpz_t());
        slack += 1;  // rounding may add one unit more than the exact change

        std::vector<bool> wanted(_pack.bids.size(), false);
        for (std::size_t l = 0; l < _result.lots.size(); ++l) {
            const LotView& view = _views[l];
            const std::vector<LotBidResult>& rows = _result.lots[l].bids;
            const std::size_t head = std::min(view.open, view.ranked);
            for (std::size_t p = 0; p < head; ++p) {
                wanted[rows[p].bid] = true;
            }
            if (head > 0 && head < view.ranked) {
                const mpz_class& closing = rows[head - 1].totalScore->units;
                for (std::size_t p = head; p < view.ranked && rows[p].totalScore->units + slack >= closing; ++p) {
                    wanted[rows[p].bid] = true;
                }
            }
            if (view.soleLowest) {
                wanted[rows[*view.soleLowest].bid] = true;
            }
            for (std::size_t r = view.ranked; r < rows.size(); ++r) {
                const std::size_t b = rows[r].bid;
                if (_result.quality[b] && _compliance[b][rows[r].lotBid].reasons.empty() &&
                    _bases[b].questionsBelow <= 1) {
                    wanted[b] = true;
                }
            }
        }
        std::vector<std::size_t> bids;
        for (std::size_t b = 0; b < wanted.size(); ++b) {
            if (wanted[b]) {
                bids.push_back(b);
            }
        }
        return bids;
    }

    // ---- one change ------------------------------------------------------------------------

    /// The bid's quality under the change, or nothing when no lot can see it (the question's score
    /// is unchanged, the bid stays excluded, or its rounded score stays the same).
    [[nodiscard]] std::optional<ChangedQuality> changeQuality(std::size_t b, const Input& input, int to) const {
        const BidBase& base = _bases[b];
        const BidQuality& quality = *_result.quality[b];
        const std::size_t q = input.question;
        std::optional<Fraction> score;
        if (input.evaluator) {
            std::vector<int> marks = base.scores.marks[q];
            marks[input.slot] = to;
            score = questionScore(_rules.consensus, marks, base.scores.consensus[q]);
        } else {
            score = questionScore(_rules.consensus, base.scores.marks[q], to);
        }
        const Fraction& was = quality.questions[q].score;
        if (*score == was) {
            return std::nullopt;
        }
        ChangedQuality changed;
        changed.bid = b;
        changed.input = input;
        changed.to = to;
        const Question& question = _rules.questions[q];
        changed.exact = quality.score - weightedScore(question, was, _rules.scaleMax) +
                        weightedScore(question, *score, _rules.scaleMax);
        const int below = base.questionsBelow - (belowQuestionMinimum(_rules, was) ? 1 : 0) +
                          (belowQuestionMinimum(_rules, *score) ? 1 : 0);
        changed.passes = below == 0 && !belowQualityMinimum(_rules, changed.exact);
        const bool passed = quality.reasons.empty();
        if (!passed && !changed.passes) {
            return std::nullopt;
        }
        changed.rounded = roundHalfUp(changed.exact, _rules.decimals);
        if (passed && changed.passes && changed.rounded == base.rounded) {
            return std::nullopt;
        }
        return changed;
    }

    void tryChange(std::size_t b, const Input& input, int to, const std::vector<bool>& active,
                   std::vector<std::vector<DecisiveChange>>& found) {
        const std::optional<ChangedQuality> changed = changeQuality(b, input, to);
        if (!changed) {
            return;
        }
        std::vector<std::optional<std::vector<OutcomeShift>>> shifts(_result.lots.size());
        std::optional<std::size_t> cascadeFrom;
        for (const BidBase::Row& at : _bases[b].rows) {
            LotEffect effect = effectIn(at.lot, at.row, *changed);
            if (effect.effect == Effect::Same) {
                continue;
            }
            if (_views[at.lot].cascades) {
                cascadeFrom = at.lot;  // this lot and the later ones are awarded again below
                break;
            }
            if (effect.effect == Effect::Rescore) {
                PlacesByUrn awarded = _views[at.lot].entering;
                shifts[at.lot] = compareLot(at.lot, rescoreLot(at.lot, &*changed, awarded), b);
                continue;
            }
            if (!active[at.lot]) {
                continue;
            }
            if (!effect.shifts) {
                effect.shifts = spliceShifts(at.lot, effect.splice);
            }
            if (!effect.shifts->empty()) {
                shifts[at.lot] = std::move(effect.shifts);
            }
        }
        if (cascadeFrom) {
            PlacesByUrn awarded = _views[*cascadeFrom].entering;
            for (std::size_t l = *cascadeFrom; l < _result.lots.size(); ++l) {
                shifts[l] = compareLot(l, rescoreLot(l, &*changed, awarded), b);
            }
        }
        for (std::size_t l = 0; l < shifts.size(); ++l) {
            if (active[l] && shifts[l]) {
                found[l].push_back(DecisiveChange{QualityChange{b, input.question, input.evaluator, input.value, to},
                                                  std::move(*shifts[l])});
            }
        }
    }

    /// How the change moves the bid's row in one lot, and whether the lot's outcome can change.
    [[nodiscard]] LotEffect effectIn(std::size_t l, std::size_t r, const ChangedQuality& changed) const {
        const LotView& view = _views[l];
        const LotResult& lot = _result.lots[l];
        const Lot& spec = _pack.tender.lots[lot.lot];
        const LotBidResult& row = lot.bids[r];
        const bool wasRanked = row.compliant();
        LotEffect result;
        result.splice.row = r;
        if (wasRanked) {
            result.splice.from = r;
        }
        if (!changed.passes) {  // leaves the ranking
            if (view.soleLowest == r) {
                result.effect = Effect::Rescore;  // L moves: every price score moves
            } else if (spec.award == LotAward::Framework) {
                result.effect = r < view.open ? Effect::Changed : Effect::Same;
            } else {
                const int took = placesOf(lot.awards, view.awardsFrom[r], view.awardsFrom[r + 1]);
                result.effect = took > 0 ? Effect::Changed : Effect::Same;
            }
            return result;
        }
        // Ranked after the change: where?
        Fraction price;
        Scaled priceScore;
        if (wasRanked) {
            price = *row.evaluatedPrice;
            priceScore = *row.priceScore;
        } else {
            price = evaluatedPrice(spec, _pack.bids, row);
            if (!lot.lowestPrice || price < *lot.lowestPrice) {
                result.effect = Effect::Rescore;  // enters below L: every price score moves
                return result;
            }
            priceScore = roundHalfUp(
                tenderscore::priceScore(_rules.priceMethod, _rules.priceWeight, price, *lot.lowestPrice, view.ceiling),
                _rules.decimals);
        }
        const Scaled total = priceScore + changed.rounded;
        const RankKey key{total.units, changed.rounded.units, price, row.bid};
        const auto ahead = std::partition_point(
            lot.bids.begin(), lot.bids.begin() + static_cast<std::ptrdiff_t>(view.ranked),
            [&](const LotBidResult& other) { return compareRank(_rules, _pack.bids, rankKey(other), key) < 0; });
        std::size_t to = static_cast<std::size_t>(ahead - lot.bids.begin());
        if (wasRanked && r < to) {
            --to;  // the row's old place was counted among those ahead of it
        }
        result.splice.to = to;
        if (wasRanked && to == r) {
            return result;  // the order is as it was
        }
        const std::size_t first = wasRanked ? std::min(r, to) : to;
        if (first >= view.open) {
            return result;  // only rows that take nothing moved
        }
        if (spec.award == LotAward::Framework) {
            result.effect = Effect::Changed;  // the admitted, in rank order, are another list
            return result;
        }
        if (wasRanked && settles(l, r, to, result)) {
            return result;
        }
        result.shifts = spliceShifts(l, result.splice);
        result.effect = result.shifts->empty() ? Effect::Same : Effect::Changed;
        return result;
    }

    /// Decides a move of a places lot's row from `from` to `to` without walking again, when every
    /// row it passes took all it offered and shares no home with it: then those rows take the same
    /// whatever the row's new place (moving up, the walk after them ends as it ended before, so no
    /// cap they met can bind sooner), and the outcome changes exactly when the row itself takes
    /// something else in its new place.
    bool settles(std::size_t l, std::size_t from, std::size_t to, LotEffect& result) const {
        const LotView& view = _views[l];
        const LotResult& lot = _result.lots[l];
        const Lot& spec = _pack.tender.lots[lot.lot];
        const LotBidResult& row = lot.bids[from];
        const std::size_t lo = to < from ? to : from + 1;  // the rows it passes: [lo, hi)
        const std::size_t hi = to < from ? from : to + 1;
        if (view.constrainedBefore[hi] != view.constrainedBefore[lo]) {
            return false;
        }
        PlacesByUrn homes;
        for (const EligibleSetting& entry : row.eligible) {
            const std::string& urn = _pack.bids[row.bid].lotBids[row.lotBid].settings[entry.setting].urn;
            if (spec.maxPlacesPerSetting && view.offeredBy.at(urn) > 1) {
                return false;
            }
            const auto entered = view.entering.find(urn);
            homes[urn] = entered == view.entering.end() ? 0 : entered->second;
        }
        if (to > from) {
            // Moving down past rows that took all they offered: they take it still, meeting every cap
            // later than before. The row then walks with what it left unused in the old order plus
            // nothing else: each of its settings gets what it got (no more, the walk being further
            // on; no less, the rows it passed having taken only places and money it left over).
            result.effect = Effect::Same;
            return true;
        }
        WalkState state = view.before[to];
        std::vector<Award> awards;
        walkRow(_pack.tender, spec, _pack.bids, row, state, homes, awards, nullptr);
        const bool same =
            sameAwards(awards, 0, awards.size(), lot.awards, view.awardsFrom[from], view.awardsFrom[from + 1]);
        result.effect = same ? Effect::Same : Effect::Changed;
        return true;
    }

    /// Walks a places lot again in the order the splice gives, from the first row that moved, and
    /// lists every bid that takes other places; a framework lot's admissions follow from positions.
    [[nodiscard]] std::vector<OutcomeShift> spliceShifts(std::size_t l, const Splice& splice) const {
        const LotResult& lot = _result.lots[l];
        const LotView& view = _views[l];
        const Lot& spec = _pack.tender.lots[lot.lot];
        if (spec.award == LotAward::Framework) {
            return admissionShifts(l, splice);
        }
        const std::size_t withoutFrom = view.ranked - (splice.from ? 1 : 0);
        const std::size_t length = withoutFrom + (splice.to ? 1 : 0);
        // The row at position t of the new order, as a position of the old one (ranked for the row moved).
        const auto oldPosition = [&](std::size_t t) -> std::size_t {
            if (splice.to) {
                if (t == *splice.to) {
                    return view.ranked;
                }
                if (t > *splice.to) {
                    --t;
                }
            }
            return splice.from && t >= *splice.from ? t + 1 : t;
        };
        const LotBidResult& moved = lot.bids[splice.row];
        const bool capped = spec.maxPlacesPerSetting.has_value();
        bool sharesHomes = false;                // whether the moved row offers a home another ranked row offers
        const int itself = splice.from ? 1 : 0;  // the moved row counts among those offering its homes if ranked
        for (const EligibleSetting& entry : moved.eligible) {
            const auto offered =
                view.offeredBy.find(_pack.bids[moved.bid].lotBids[moved.lotBid].settings[entry.setting].urn);
            sharesHomes = sharesHomes || (offered != view.offeredBy.end() && offered->second > itself);
        }
        const std::size_t start = std::min(splice.from.value_or(unbounded), splice.to.value_or(unbounded));
        WalkState state = view.before[start];
        PlacesByUrn homes;  // places of each home awarded so far, for the homes of the rows walked
        std::vector<std::pair<std::size_t, std::size_t>> skipped;  // old positions [first, last) taken as they were
        const auto homesBy = [&](const std::string& urn, std::size_t first, std::size_t last) {
            int places = 0;
            if (const auto here = view.awardsByUrn.find(urn); here != view.awardsByUrn.end()) {
                for (const auto& [at, n] : here->second) {
                    places += at >= first && at < last ? n : 0;
                }
            }
            return places;
        };
        std::vector<Award> awards;
        std::vector<std::pair<std::size_t, std::pair<std::size_t, std::size_t>>> walked;  // (row, awards range)
        std::size_t lastOld = start;  // the old positions [start, lastOld) are walked or skipped, but the moved row's
        bool movedWalked = false;
        for (std::size_t t = start; t < length && !walkClosed(spec, state);) {
            const std::size_t old = oldPosition(t);
            if (old != view.ranked && !(capped && sharesHomes)) {
                const std::size_t run = unchangedRun(spec, view, old, state, splice, t);
                if (run > 0) {
                    const WalkState& from = view.before[old];
                    const WalkState& to = view.before[old + run];
                    state.places += to.places - from.places;
                    state.providers += to.providers - from.providers;
                    state.cost += to.cost - from.cost;
                    if (capped) {
                        for (auto& [urn, places] : homes) {
                            places += homesBy(urn, old, old + run);
                        }
                        skipped.emplace_back(old, old + run);
                    }
                    t += run;
                    lastOld = old + run;
                    continue;
                }
            }
            const std::size_t r = old == view.ranked ? splice.row : old;
            const LotBidResult& row = lot.bids[r];
            if (capped) {
                for (const EligibleSetting& entry : row.eligible) {
                    const std::string& urn = _pack.bids[row.bid].lotBids[row.lotBid].settings[entry.setting].urn;
                    if (homes.count(urn) == 0) {
                        int places = awardedBefore(view, urn, start);
                        for (const auto& [first, last] : skipped) {
                            places += homesBy(urn, first, last);
                        }
                        homes[urn] = places;
                    }
                }
            }
            const std::size_t first = awards.size();
            walkRow(_pack.tender, spec, _pack.bids, row, state, homes, awards, nullptr);
            walked.emplace_back(r, std::make_pair(first, awards.size()));
            if (old == view.ranked) {
                movedWalked = true;
            } else {
                lastOld = old + 1;
            }
            ++t;
        }
        // Every row walked again, and every row that took places before and was not reached.
        std::vector<OutcomeShift> shifts;
        const auto oldRange = [&](std::size_t r) {
            return r < view.ranked ? std::make_pair(view.awardsFrom[r], view.awardsFrom[r + 1])
                                   : std::make_pair(std::size_t{0}, std::size_t{0});
        };
        const auto lost = [&](std::size_t p) {
            const auto [oldFirst, oldLast] = oldRange(p);
            if (oldLast > oldFirst) {
                shifts.push_back(OutcomeShift{lot.bids[p].bid, placesOf(lot.awards, oldFirst, oldLast), 0});
            }
        };
        for (const auto& [r, range] : walked) {
            const auto [oldFirst, oldLast] = oldRange(r);
            if (!sameAwards(awards, range.first, range.second, lot.awards, oldFirst, oldLast)) {
                shifts.push_back(OutcomeShift{lot.bids[r].bid, placesOf(lot.awards, oldFirst, oldLast),
                                              placesOf(awards, range.first, range.second)});
            }
        }
        for (std::size_t p = lastOld; p < view.ranked && p < view.open; ++p) {
            if (p != splice.from) {
                lost(p);
            }
        }
        if (splice.from && !movedWalked) {
            lost(*splice.from);
        }
        sortShifts(_pack.bids, shifts);
        return shifts;
    }

    /// How many rows from new position t (old position `old`) on take exactly what they took in the
    /// old order, without walking them: a run of rows in their old order that took all they offered
    /// and share no home with the moved row, while the walk, now `state` against the old walk's
    /// state at `old`, keeps each of them within the lot's places, providers and budget.
    [[nodiscard]] std::size_t unchangedRun(const Lot& spec, const LotView& view, std::size_t old,
                                           const WalkState& state, const Splice& splice, std::size_t t) const {
        std::size_t limit = std::min(view.ranked, view.open);
        if (splice.from && *splice.from > old) {
            limit = std::min(limit, *splice.from);
        }
        if (splice.to && *splice.to > t) {
            limit = std::min(limit, old + (*splice.to - t));
        }
        // Up to the next row that took less than it offered.
        const auto constrained = std::upper_bound(
            view.constrainedBefore.begin() + static_cast<std::ptrdiff_t>(old) + 1,
            view.constrainedBefore.begin() + static_cast<std::ptrdiff_t>(limit) + 1, view.constrainedBefore[old]);
        limit = static_cast<std::size_t>(constrained - view.constrainedBefore.begin()) - 1;
        if (limit <= old) {
            return 0;
        }
        const WalkState& base = view.before[old];
        const int morePlaces = state.places - base.places;
        const int moreProviders = state.providers - base.providers;
        const Fraction moreCost = state.cost - base.cost;
        const std::optional<Fraction> budget =
            spec.annualBudget ? std::optional<Fraction>(static_cast<long>(*spec.annualBudget)) : std::nullopt;
        // Whether the row at old position q still takes all it offered: the walk after it stays
        // within every limit (it did in the old order; the walk is now ahead by the differences).
        const auto fits = [&](std::size_t q) {
            const WalkState& after = view.before[q + 1];
            return (morePlaces <= 0 || after.places + morePlaces <= spec.maxPlaces) &&
                   (moreProviders <= 0 || !spec.maxProviders ||
                    after.providers + moreProviders <= *spec.maxProviders) &&
                   (sgn(moreCost) <= 0 || !budget || after.cost + moreCost <= *budget);
        };
        std::size_t low = old;
        std::size_t high = limit;  // rows [old, low) fit; rows from high on do not, or are out of the run
        while (low < high) {
            const std::size_t middle = low + (high - low) / 2;
            if (fits(middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low - old;
    }

    /// Places of `urn` awarded before position `position` of a places lot, earlier lots included.
    static int awardedBefore(const LotView& view, const std::string& urn, std::size_t position) {
        const auto entered = view.entering.find(urn);
        int places = entered == view.entering.end() ? 0 : entered->second;
        if (const auto here = view.awardsByUrn.find(urn); here != view.awardsByUrn.end()) {
            for (const auto& [at, n] : here->second) {
                if (at < position) {
                    places += n;
                }
            }
        }
        return places;
    }

    /// A framework lot: the moved bid's place among the admitted, and the bids admitted or no
    /// longer admitted because it moved.
    [[nodiscard]] std::vector<OutcomeShift> admissionShifts(std::size_t l, const Splice& splice) const {
        const LotResult& lot = _result.lots[l];
        const LotView& view = _views[l];
        const auto rankAt = [&](std::optional<std::size_t> p) {
            return p && *p < view.open ? static_cast<int>(*p) + 1 : 0;
        };
        std::vector<OutcomeShift> shifts;
        const int before = rankAt(splice.from);
        const int after = rankAt(splice.to);
        if (before != after) {
            shifts.push_back(OutcomeShift{lot.bids[splice.row].bid, before, after});
        }
        if (view.open < view.ranked) {
            const std::size_t cut = view.open;  // the first row not admitted
            const bool fromAdmitted = splice.from && *splice.from < cut;
            const bool toAdmitted = splice.to && *splice.to < cut;
            if (fromAdmitted && !toAdmitted) {
                shifts.push_back(OutcomeShift{lot.bids[cut].bid, 0, static_cast<int>(cut)});
            } else if (!fromAdmitted && toAdmitted) {
                shifts.push_back(OutcomeShift{lot.bids[cut - 1].bid, static_cast<int>(cut), 0});
            }
        } else if (view.open == view.ranked && !splice.from && splice.to && *splice.to < view.open) {
            shifts.push_back(OutcomeShift{lot.bids[view.ranked - 1].bid, static_cast<int>(view.ranked), 0});
        }
        sortShifts(_pack.bids, shifts);
        return shifts;
    }

    // ---- the slow path: a lot scored, ranked and awarded again -------------------------------

    /// The lot evaluated again from 2.4 on with the changed bid's quality (nullptr: as it was),
    /// carrying `awarded` from lot to lot as evaluate does.
    LotResult rescoreLot(std::size_t l, const ChangedQuality* changed, PlacesByUrn& awarded) const {
        const LotResult& base = _result.lots[l];
        const Lot& spec = _pack.tender.lots[base.lot];
        LotResult lot;
        lot.lot = base.lot;
        lot.bids = base.bids;
        std::optional<BidQuality> quality;
        if (changed != nullptr) {
            BidScores scores = _bases[changed->bid].scores;
            if (changed->input.evaluator) {
                scores.marks[changed->input.question][changed->input.slot] = changed->to;
            } else {
                scores.consensus[changed->input.question] = changed->to;
            }
            scores.positions.evaluators = 0;
            quality = assessQuality(_rules, std::move(scores));
        }
        for (LotBidResult& row : lot.bids) {
            row.flags.clear();
            row.rank.reset();
            row.admitted.reset();
            row.awardedPlaces.reset();
            row.annualCost.reset();
            if (quality && row.bid == changed->bid && _compliance[row.bid][row.lotBid].reasons.empty()) {
                row.reasons = quality->reasons;
                row.exactQualityScore = quality->score;
            }
        }
        lot.lowestPrice = scoreLotPrices(_rules, spec, _pack.bids, lot.bids);
        rankLot(_rules, _pack.bids, lot.bids);
        awardLot(_pack.tender, spec, _pack.bids, lot, awarded);
        return lot;
    }

    /// What differs between the lot's outcome and `other`'s (nothing: the same outcome), as shifts:
    /// in a places lot every bid whose awards differ; in a framework lot the changed bid's place
    /// among the admitted and every bid admitted or no longer admitted (the list may be empty when
    /// only the order of others among the admitted changed).
    [[nodiscard]] std::optional<std::vector<OutcomeShift>> compareLot(std::size_t l, const LotResult& other,
                                                                      std::size_t changedBid) const {
        const LotResult& lot = _result.lots[l];
        std::vector<OutcomeShift> shifts;
        if (_pack.tender.lots[lot.lot].award == LotAward::Framework) {
            const auto ranks = [](const LotResult& result) {
                std::unordered_map<std::size_t, int> ranked;
                int n = 0;
                for (const LotBidResult& row : result.bids) {
                    if (row.admitted && *row.admitted) {
                        ranked[row.bid] = ++n;
                    }
                }
                return ranked;
            };
            const auto was = ranks(lot);
            const auto now = ranks(other);
            const auto rankIn = [](const std::unordered_map<std::size_t, int>& ranked, std::size_t bid) {
                const auto found = ranked.find(bid);
                return found == ranked.end() ? 0 : found->second;
            };
            bool changed = was.size() != now.size();
            for (const auto& [bid, rank] : was) {
                const int after = rankIn(now, bid);
                changed = changed || after != rank;
                if (after == 0 || (bid == changedBid && after != rank)) {
                    shifts.push_back(OutcomeShift{bid, rank, after});
                }
            }
            for (const auto& [bid, rank] : now) {
                if (rankIn(was, bid) == 0) {
                    shifts.push_back(OutcomeShift{bid, 0, rank});
                }
            }
            if (!changed) {
                return std::nullopt;
            }
            sortShifts(_pack.bids, shifts);
            return shifts;
        }
        const auto byBid = [&](const LotResult& result) {
            std::unordered_map<std::size_t, std::vector<std::pair<std::size_t, int>>> awards;
            for (const Award& award : result.awards) {
                awards[award.bid].emplace_back(award.setting, award.places);
            }
            return awards;
        };
        const auto was = byBid(lot);
        const auto now = byBid(other);
        const auto placesIn = [](const std::vector<std::pair<std::size_t, int>>& list) {
            int n = 0;
            for (const auto& entry : list) {
                n += entry.second;
            }
            return n;
        };
        for (const auto& [bid, list] : was) {
            const auto found = now.find(bid);
            if (found == now.end() || found->second != list) {
                shifts.push_back(OutcomeShift{bid, placesIn(list), found == now.end() ? 0 : placesIn(found->second)});
            }
        }
        for (const auto& [bid, list] : now) {
            if (was.count(bid) == 0) {
                shifts.push_back(OutcomeShift{bid, 0, placesIn(list)});
            }
        }
        if (shifts.empty()) {
            return std::nullopt;
        }
        sortShifts(_pack.bids, shifts);
        return shifts;
    }

    void sortDecisive(std::vector<DecisiveChange>& decisive) const {
        const auto evaluatorId = [&](const std::optional<std::size_t>& e) -> const std::string& {
            static const std::string none;
            return e ? _pack.scores.evaluators[*e].id : none;
        };
        std::sort(decisive.begin(), decisive.end(), [&](const DecisiveChange& a, const DecisiveChange& b) {
            const QualityChange& x = a.change;
            const QualityChange& y = b.change;
            if (x.bid != y.bid) {
                return _pack.bids[x.bid].id < _pack.bids[y.bid].id;
            }
            if (x.question != y.question) {
                return x.question < y.question;
            }
            if (x.evaluator != y.evaluator) {
                return evaluatorId(x.evaluator) < evaluatorId(y.evaluator);
            }
            return x.to < y.to;
        });
    }

    const Pack& _pack;
    const EvaluationRules& _rules;
    const std::vector<std::vector<LotBidCompliance>>& _compliance;
    Result& _result;
    std::vector<BidBase> _bases;
    std::vector<LotView> _views;
};

}  // namespace

void assessSensitivity(const Pack& pack, const std::vector<std::vector<LotBidCompliance>>& compliance, Result& result) {
    MarginSearch(pack, compliance, result).assess();
}

}  // namespace tenderscore
