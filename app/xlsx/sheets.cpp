#include "xlsx/sheets.hpp"

namespace tenderscore::xlsx {

void header(const SheetContext& c, lxw_worksheet* sheet, int row, std::initializer_list<Title> titles) {
    c.book.headerRow(sheet, row);
    for (const Title& title : titles) {
        c.book.text(sheet, row, title.col, title.text, c.f.header);
    }
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
    (void)std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);  // always fits
    return buffer;
}

}  // namespace tenderscore::xlsx
