#include "publish/assessment.hpp"

#include <algorithm>

#include "evaluation/explain.hpp"
#include "format/text.hpp"
#include "publish/words.hpp"

namespace tenderscore::publish {

namespace {

const Question* findQuestion(const Tender& tender, const std::string& id) {
    for (const Question& question : tender.evaluation.questions) {
        if (question.id == id) {
            return &question;
        }
    }
    return nullptr;
}

const Band* findBand(const Lot& lot, const std::string& id) {
    for (const Band& band : lot.bands) {
        if (band.id == id) {
            return &band;
        }
    }
    return nullptr;
}

/// The provider's own rating against the lot's minimum, for OFSTED_BELOW_MIN.
std::string providerRatingText(const Lot& lot, const LotBid& lotBid) {
    if (!lot.minOfstedRating) {
        return {};
    }
    const std::string minimum = " The lot admits providers rated " + ratingText(*lot.minOfstedRating) + " or better.";
    if (!lotBid.ofstedRating) {
        return " Your tender did not give your Ofsted rating." + minimum;
    }
    return " Your tender gave your Ofsted rating as " + ratingText(*lotBid.ofstedRating) + "." + minimum;
}

/// One reason code of the core as a sentence, with the facts of this tender that make it plain.
std::string reasonText(const Code& code, const Pack& pack, const Bid& bid, const Lot& lot, const LotBid& lotBid,
                       const std::optional<BidQuality>& quality) {
    const Tender& tender = pack.tender;
    std::string text = sentence(explain(code)) + ".";
    switch (code.kind) {
    case CodeKind::Late:
        if (tender.deadline) {
            text += " It was received on " + instantText(bid.submitted) + "; the deadline was " +
                    instantText(*tender.deadline) + ". A late tender cannot be assessed.";
        }
        break;
    case CodeKind::RequirementNotMet:
        for (const Requirement& requirement : tender.requirements) {
            if (requirement.id == code.detail) {
                text += " The requirement: \"" + requirement.text +
                        "\". Every requirement is pass or fail: a tender that does not declare one met cannot "
                        "be assessed further.";
            }
        }
        break;
    case CodeKind::QualityBelowMin:
        if (const Question* question = findQuestion(tender, code.detail); question != nullptr && quality) {
            const auto index = static_cast<std::size_t>(question - tender.evaluation.questions.data());
            text += " \"" + question->text + "\": your score " +
                    scoreText(quality->questions[index].score, tender.evaluation.decimals) + ", the minimum " +
                    toPlainDecimal(tender.evaluation.minScoreEach) + ".";
        }
        break;
    case CodeKind::QualityTotalBelowMin:
        if (quality) {
            text += " Your quality score " + roundedText(quality->score, tender.evaluation.decimals) + " of " +
                    toPlainDecimal(tender.evaluation.qualityWeight) + " is below the minimum of " +
                    toPlainDecimal(tender.evaluation.minQualityPercent) + "% of the quality weight.";
        }
        break;
    case CodeKind::NoEligibleSetting:
        text += " The reasons for each home are listed under \"Your homes\".";
        break;
    case CodeKind::ProviderOfstedBelowMin:
        text += providerRatingText(lot, lotBid);
        break;
    case CodeKind::BandNotPriced:
        if (const Band* band = findBand(lot, code.detail)) {
            text += " The band: \"" + band->description +
                    "\". Every band of the lot had to be priced, because the evaluated price weights every band.";
        }
        break;
    case CodeKind::BandOverPriceCeiling:
        if (const Band* band = findBand(lot, code.detail); band != nullptr && band->maxPrice) {
            for (const BandPrice& price : lotBid.prices) {
                if (price.band == band->id) {
                    text += " The band: \"" + band->description + "\": your price " +
                            text::money(price.amount, tender.currency) + " " + perUnit(lot) + ", the ceiling " +
                            text::money(*band->maxPrice, tender.currency) + ".";
                }
            }
        }
        break;
    default:
        break;
    }
    return text;
}

bool isQualityReason(const Code& code) {
    return code.kind == CodeKind::QualityBelowMin || code.kind == CodeKind::QualityTotalBelowMin;
}

/// Why a ranked lot bid got no places, from the steps the award walk took for it.
std::vector<std::string> noPlacesReasons(const Pack& pack, const LotResult& lot, const LotBidResult& row) {
    const Lot& tenderLot = pack.tender.lots[lot.lot];
    std::vector<std::string> reasons;
    for (const AwardStep& step : lot.walk) {
        if (step.bid == row.bid && step.lotBid == row.lotBid && step.limit != AwardLimit::None) {
            reasons.push_back(limitText(step, pack, tenderLot));
        }
    }
    if (reasons.empty()) {
        // The core records no step for a tender reached after the lot was full (awardLot stops
        // walking it); a compliant tender with no places and no step is that case.
        reasons.push_back("All " + count(tenderLot.maxPlaces, "place", "places") +
                          " of the lot had been awarded to higher-ranked tenders before your tender's turn.");
    }
    reasons.erase(std::unique(reasons.begin(), reasons.end()), reasons.end());
    return reasons;
}

/// Why a ranked lot bid of a framework lot is not admitted. The core admits in rank order while
/// fewer than maxProviders are admitted, so the limit is the only reason it has; it is stated, not
/// worked out again.
std::string notAdmittedReason(const Lot& lot, const LotBidResult& row, std::size_t ranked) {
    const std::string place = ordinal(*row.rank) + " of " + std::to_string(ranked);
    if (!lot.maxProviders) {
        return "Your tender ranked " + place + ".";
    }
    return "The framework admits at most " + count(*lot.maxProviders, "provider", "providers") +
           ", in rank order, and your tender ranked " + place + ".";
}

LotAssessment assessLot(const Pack& pack, const Result& result, const LotResult& lot, const LotBidResult& row) {
    LotAssessment view;
    view.lot = &lot;
    view.row = &row;
    for (const LotBidResult& other : lot.bids) {
        if (other.rank) {
            ++view.ranked;
        }
        if (isSuccessful(other)) {
            view.successful.push_back(&other);
        }
    }
    const Bid& bid = pack.bids[row.bid];
    const std::optional<BidQuality>& quality = result.quality[row.bid];
    if (!row.compliant()) {
        view.outcome = !quality                                                               ? Outcome::NotAssessed
                       : std::any_of(row.reasons.begin(), row.reasons.end(), isQualityReason) ? Outcome::Excluded
                                                                                              : Outcome::ExcludedInLot;
        for (const Code& reason : row.reasons) {
            view.reasons.push_back(
                reasonText(reason, pack, bid, pack.tender.lots[lot.lot], bid.lotBids[row.lotBid], quality));
        }
    } else if (isFramework(pack.tender.lots[lot.lot])) {
        view.outcome = row.admitted.value_or(false) ? Outcome::Admitted : Outcome::NotAdmitted;
        if (view.outcome == Outcome::NotAdmitted) {
            view.reasons.push_back(notAdmittedReason(pack.tender.lots[lot.lot], row, view.ranked));
        }
    } else if (isSuccessful(row)) {
        view.outcome = Outcome::Successful;
    } else {
        view.outcome = Outcome::Unsuccessful;
        view.reasons = noPlacesReasons(pack, lot, row);
    }
    return view;
}

}  // namespace

bool isSuccessful(const LotBidResult& row) {
    return row.awardedPlaces.value_or(0) > 0 || row.admitted.value_or(false);
}

bool isFramework(const Lot& lot) {
    return lot.award == LotAward::Framework;
}

std::string perUnit(const Lot& lot) {
    return "per " + std::string(unitName(lot.unit));
}

std::string homeName(const Setting& setting) {
    return setting.name.empty() ? setting.urn : setting.name + " (" + setting.urn + ")";
}

std::string limitText(const AwardStep& step, const Pack& pack, const Lot& lot) {
    const Bid& bid = pack.bids[step.bid];
    const std::string home =
        step.setting ? homeName(bid.lotBids[step.lotBid].settings[*step.setting]) : std::string("your homes");
    switch (step.limit) {
    case AwardLimit::None:
        return {};
    case AwardLimit::SettingCap:
        return home + " already had the most places one home may have (" +
               count(lot.maxPlacesPerSetting.value_or(0), "place", "places") + ", counting every lot).";
    case AwardLimit::LotFull:
        return "The lot's " + count(lot.maxPlaces, "place", "places") + " were then all awarded: only " +
               std::to_string(step.awarded) + " were left for " + home + ".";
    case AwardLimit::ProviderCap:
        return "The lot already had its most providers (" + std::to_string(lot.maxProviders.value_or(0)) +
               ") when your tender's turn came.";
    case AwardLimit::Budget:
        return "More places in " + home + " would have taken the lot's annual cost above its budget of " +
               text::money(lot.annualBudget.value_or(0), pack.tender.currency) + ".";
    }
    return {};
}

std::vector<BidderAssessment> assess(const Pack& pack, const Result& result) {
    std::vector<BidderAssessment> bidders(pack.bids.size());
    for (std::size_t bid = 0; bid < bidders.size(); ++bid) {
        bidders[bid].bid = bid;
    }
    for (const LotResult& lot : result.lots) {
        for (const LotBidResult& row : lot.bids) {
            bidders[row.bid].lots.push_back(assessLot(pack, result, lot, row));
        }
    }
    return bidders;
}

}  // namespace tenderscore::publish
