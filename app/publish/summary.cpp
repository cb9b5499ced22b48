#include "publish/summary.hpp"

#include <algorithm>

#include "evaluation/exact.hpp"
#include "publish/html.hpp"
#include "publish/words.hpp"

namespace tenderscore::publish {

namespace {

const char* const styleSheet = R"css(
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45;
       color: #111; max-width: 50em; margin: 1.5em auto; padding: 0 1em; }
.masthead { display: flex; justify-content: space-between; border-bottom: 2px solid #1d4f7a; color: #1d4f7a;
            font-size: 9.5pt; padding-bottom: 0.3em; margin-bottom: 1em; }
h1 { font-size: 18pt; margin: 0.2em 0; color: #1d4f7a; }
h2 { font-size: 13.5pt; margin: 1.4em 0 0.4em; color: #1d4f7a; border-bottom: 1px solid #c8d3de; }
h3 { font-size: 11.5pt; margin: 1.1em 0 0.3em; }
.subtitle { font-size: 11pt; margin: 0 0 1em; }
dl.facts { display: grid; grid-template-columns: 12em 1fr; gap: 0.15em 1em; margin: 0.5em 0 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.outcome { border-left: 4px solid #1d4f7a; background: #eef3f8; padding: 0.5em 0.9em; margin: 0.6em 0; }
.outcome.unsuccessful { border-left-color: #8a4b08; background: #fbf3ea; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
th, td { border: 1px solid #9aa7b4; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
thead th { background: #e3ebf3; }
tbody th { font-weight: normal; background: #f6f8fa; }
.note { font-size: 9.5pt; color: #333; }
@page { size: A4; margin: 22mm 16mm 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  .masthead { display: none; }
  h2, h3, caption { break-after: avoid; }
  tr, .outcome { break-inside: avoid; }
}
)css";

/// The running header and footer of every printed page: the council, the tender and the bid.
std::string printHeader(const Pack& pack, const Bid& bid) {
    return "@page {\n  @top-left { content: " + cssString(pack.tender.authority) +
           "; font-size: 8.5pt; color: #1d4f7a; }\n  @top-right { content: " +
           cssString("Tender " + pack.tender.id + " \xC2\xB7 assessment summary for " + bid.id) +
           "; font-size: 8.5pt; color: #1d4f7a; }\n"
           "  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font-size: 8.5pt; }\n}\n";
}

std::string outcomeLine(const Pack& pack, const LotAssessment& view) {
    const Lot& lot = pack.tender.lots[view.lot->lot];
    const std::string name = "Lot " + lot.id + (lot.name.empty() ? "" : " (" + lot.name + ")");
    const LotBidResult& row = *view.row;
    std::string text;
    switch (view.outcome) {
    case Outcome::NotAssessed:
        text = name + ": your tender was excluded before it was scored, so it was not assessed further.";
        break;
    case Outcome::Excluded:
        text = name + ": your tender was scored on quality and then excluded by a quality threshold.";
        break;
    case Outcome::ExcludedInLot:
        text = name + ": your tender was excluded in this lot, so it was not ranked in it. The reasons are below.";
        break;
    case Outcome::Successful:
        text = name + ": your tender is successful. It ranked " + ordinal(*row.rank) + " of " +
               std::to_string(view.ranked) + " and is to be awarded " + count(*row.awardedPlaces, "place", "places") +
               ".";
        break;
    case Outcome::Unsuccessful:
        text = name + ": your tender is not successful. It ranked " + ordinal(*row.rank) + " of " +
               std::to_string(view.ranked) + " but is awarded no places.";
        break;
    case Outcome::Admitted:
        text = name + ": your tender is admitted to the framework, ranked " + ordinal(*row.rank) + " of " +
               std::to_string(view.ranked) + ". Call-offs go to the admitted providers in rank order.";
        break;
    case Outcome::NotAdmitted:
        text = name + ": your tender is not admitted to the framework. " + view.reasons.front();
        break;
    }
    const bool good = view.outcome == Outcome::Successful || view.outcome == Outcome::Admitted;
    return "<p class=\"outcome" + std::string(good ? "" : " unsuccessful") + "\">" + escape(text) + "</p>\n";
}

std::string bidderFacts(const Bid& bid, std::int64_t date) {
    std::string out = "<dl class=\"facts\">\n";
    auto fact = [&out](const std::string& term, const std::string& value) {
        out += "<dt>" + escape(term) + "</dt><dd>" + escape(value) + "</dd>\n";
    };
    fact("Supplier", bid.bidderName);
    fact("Address", bid.address.empty() ? "not given in the tender" : bid.address);
    fact("Company number", bid.companyNumber.empty() ? "not given in the tender" : bid.companyNumber);
    if (!bid.email.empty()) {
        fact("Email", bid.email);
    }
    fact("Your tender", bid.id + ", submitted " + instantText(bid.submitted));
    fact("Date of this summary", dayText(date));
    out += "</dl>\n";
    return out;
}

}  // namespace

std::string summaryHtml(const Pack& pack, const Result& result, const BidderAssessment& bidder, std::int64_t date) {
    const Tender& tender = pack.tender;
    const Bid& bid = pack.bids[bidder.bid];
    std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + escape("Assessment summary for " + bid.bidderName + " (" + bid.id + "), tender " + tender.id) +
           "</title>\n<style>" + std::string(styleSheet) + printHeader(pack, bid) + "</style>\n</head>\n<body>\n";
    out += "<header class=\"masthead\"><span>" + escape(tender.authority) + "</span><span>" +
           escape("Tender " + tender.id) + "</span></header>\n<main>\n";
    out += "<h1>Assessment summary</h1>\n<p class=\"subtitle\">" + escape(tender.title) + ": " +
           escape(tender.authority) + ", tender " + escape(tender.id) + "</p>\n";
    out +=
        "<p>We must tell every supplier whose tender we received how it was assessed, before we publish the "
        "contract award notice (Procurement Act 2023, section 50; Procurement Regulations 2024, regulation 31). "
        "This summary is for you alone: it gives your own scores in full and, beside them, the scores of the "
        "successful tenders";
    const bool frameworks = std::any_of(tender.lots.begin(), tender.lots.end(), isFramework);
    out += frameworks ? " (in a framework lot, the tenders admitted to the framework).</p>\n" : ".</p>\n";
    out += bidderFacts(bid, date);
    out += "<h2>The outcome</h2>\n";
    for (const LotAssessment& view : bidder.lots) {
        out += outcomeLine(pack, view);
    }
    out += part::criteria(pack);
    for (const LotAssessment& view : bidder.lots) {
        out += part::lot(pack, result, view);
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace tenderscore::publish
