#include "format/ranking.hpp"

#include <algorithm>
#include <map>

#include "evaluation/explain.hpp"
#include "format/sensitivity_words.hpp"
#include "format/text.hpp"

namespace tenderscore::text {

namespace {

constexpr std::size_t bidderWidth = 30;

/// Left-aligns (or right-aligns) `value` in `width` characters, cutting it with "~" when longer.
std::string cell(const std::string& value, std::size_t width, bool right = false) {
    std::string shown = value;
    if (text::displayWidth(shown) > width) {
        std::size_t cut = 0;
        std::size_t chars = 0;
        while (cut < shown.size() && chars < width - 1) {
            ++cut;
            while (cut < shown.size() && (static_cast<unsigned char>(shown[cut]) & 0xC0U) == 0x80U) {
                ++cut;
            }
            ++chars;
        }
        shown = shown.substr(0, cut) + "~";
    }
    const std::string padding(width - text::displayWidth(shown), ' ');
    return right ? padding + shown : shown + padding;
}

std::string scoreText(const std::optional<Scaled>& value) {
    return value ? toString(*value) : "-";
}

std::string priceHeading(PriceUnit unit) {
    switch (unit) {
    case PriceUnit::Week:
        return "Price/wk";
    case PriceUnit::Day:
        return "Price/day";
    case PriceUnit::Hour:
        return "Price/hr";
    }
    return "Price";
}

std::string providerCount(int providers) {
    return std::to_string(providers) + (providers == 1 ? " provider" : " providers");
}

void printAwards(std::ostream& out, const Tender& tender, const Lot& lot, const LotResult& lotResult) {
    out << "Awarded " << lotResult.awardedPlaces << " places (lot needs " << lot.minPlaces << " to " << lot.maxPlaces
        << ") to " << providerCount(lotResult.providers);
    if (lot.maxProviders) {
        out << " (at most " << *lot.maxProviders << ")";
    }
    out << "\nAnnual cost " << text::money(lotResult.annualCost, tender.currency);
    if (lot.annualBudget) {
        out << " (budget " << text::money(*lot.annualBudget, tender.currency) << ")";
    }
    const int years = tender.contract.initialYears + tender.contract.extensionYears;
    out << "; contract value " << text::money(lotResult.contractValue, tender.currency) << " over " << years
        << (years == 1 ? " year\n" : " years\n");
}

/// A framework lot books no places: it admits providers, whose rank orders the call-offs.
void printAdmissions(std::ostream& out, const Lot& lot, const LotResult& lotResult) {
    out << "Framework: admitted " << providerCount(lotResult.providers);
    if (lot.minProviders > 0 || lot.maxProviders) {
        out << " (";
        if (lot.minProviders > 0) {
            out << "at least " << lot.minProviders << (lot.maxProviders ? ", " : "");
        }
        if (lot.maxProviders) {
            out << "at most " << *lot.maxProviders;
        }
        out << ")";
    }
    out << "; call-offs go to them in rank order, priced per " << unitName(lot.unit) << " in " << lot.bands.size()
        << (lot.bands.size() == 1 ? " band\n" : " bands\n");
}

}  // namespace

void printRanking(std::ostream& out, const Pack& pack, const Result& result) {
    const Tender& tender = pack.tender;
    out << "Tender " << text::terminalSafe(tender.id) << ": " << text::terminalSafe(tender.title) << "\n";
    if (!tender.authority.empty()) {
        out << text::terminalSafe(tender.authority) << "\n";
    }
    for (const LotResult& lotResult : result.lots) {
        const Lot& lot = tender.lots[lotResult.lot];
        out << "\nLot " << lot.id << (lot.name.empty() ? "" : ": " + text::terminalSafe(lot.name)) << "\n";
        std::size_t idWidth = 3;
        for (const LotBidResult& row : lotResult.bids) {
            idWidth = std::max(idWidth, pack.bids[row.bid].id.size());
        }
        const bool framework = lot.award == LotAward::Framework;
        out << cell("Rank", 4, true) << "  " << cell("Bid", idWidth) << "  " << cell("Bidder", bidderWidth) << "  "
            << cell(priceHeading(lot.unit), 12, true) << "  " << cell("Price", 8, true) << "  "
            << cell("Quality", 8, true) << "  " << cell("Total", 8, true) << "  "
            << (framework ? cell("Admitted", 8, true) : cell("Places", 6, true)) << "\n";
        for (const LotBidResult& row : lotResult.bids) {
            if (!row.compliant()) {
                continue;
            }
            const Bid& bid = pack.bids[row.bid];
            out << cell(std::to_string(*row.rank), 4, true) << "  " << cell(bid.id, idWidth) << "  "
                << cell(text::terminalSafe(bid.bidderName), bidderWidth) << "  "
                << cell(text::groupedPounds(roundToPence(*row.evaluatedPrice)), 12, true) << "  "
                << cell(scoreText(row.priceScore), 8, true) << "  " << cell(scoreText(row.qualityScore), 8, true)
                << "  " << cell(scoreText(row.totalScore), 8, true) << "  "
                << (framework ? cell(*row.admitted ? "yes" : "no", 8, true)
                              : cell(std::to_string(*row.awardedPlaces), 6, true));
            for (const Code& flag : row.flags) {
                out << "  " << spell(flag);
            }
            out << "\n";
        }
        for (const LotBidResult& row : lotResult.bids) {
            if (row.compliant()) {
                continue;
            }
            const Bid& bid = pack.bids[row.bid];
            out << cell("-", 4, true) << "  " << cell(bid.id, idWidth) << "  "
                << cell(text::terminalSafe(bid.bidderName), bidderWidth)
                << "  excluded: " << text::terminalSafe(text::describeCodes(row.reasons)) << "\n";
        }
        if (framework) {
            printAdmissions(out, lot, lotResult);
        } else {
            printAwards(out, tender, lot, lotResult);
        }
        std::map<std::string, const Code*> flagged;  // each flag once, in the order of its spelling
        for (const LotBidResult& row : lotResult.bids) {
            for (const Code& flag : row.flags) {
                flagged.emplace(spell(flag), &flag);
            }
        }
        for (const Code& flag : lotResult.flags) {
            flagged.emplace(spell(flag), &flag);
        }
        for (const auto& [spelled, flag] : flagged) {
            out << "Flag " << spelled << ": " << explain(*flag) << "\n";
        }
        out << "Margin " << (lotResult.sensitivity.margin ? std::to_string(*lotResult.sensitivity.margin) : "none")
            << ": " << marginWords(lotResult.sensitivity, tender.evaluation.consensus, lot.award) << "\n";
    }
}

}  // namespace tenderscore::text
