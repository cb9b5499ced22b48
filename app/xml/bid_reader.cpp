#include "xml/readers.hpp"

#include <string_view>

namespace tenderscore::xml {

namespace {

Setting readSetting(const XmlSource& source, pugi::xml_node node, Diagnostics& errors) {
    ElementReader e(source, node, errors,
                    {"urn", "name", "registeredPlaces", "ofstedRating", "places", "weeklyPrice", "availableMonths",
                     "localAuthority"});
    Setting setting;
    setting.at = e.at();
    assign(setting.urn, e.id("urn"));
    assign(setting.name, e.text("name", false));
    assign(setting.registeredPlaces, e.integer("registeredPlaces", true, 1, maxInt));
    assign(setting.ofstedRating, e.rating("ofstedRating"));
    assign(setting.places, e.integer("places", true, 1, maxInt));
    assign(setting.weeklyPrice, e.money("weeklyPrice", true, maxWeeklyPrice));
    assign(setting.availableMonths, e.integer("availableMonths", false, 0, maxInt));
    assign(setting.localAuthority, e.text("localAuthority", false));
    (void)e.children({});
    return setting;
}

BandPrice readPrice(const XmlSource& source, pugi::xml_node node, Diagnostics& errors) {
    ElementReader e(source, node, errors, {"band", "amount"});
    BandPrice price;
    price.at = e.at();
    assign(price.band, e.id("band"));
    assign(price.amount, e.money("amount", true, maxWeeklyPrice));
    (void)e.children({});
    return price;
}

}  // namespace

std::optional<Bid> readBid(const XmlSource& source, Diagnostics& errors) {
    ElementReader root(source, source.root(), errors, {"id", "tender", "submitted"});
    Bid bid;
    bid.at = root.at();
    assign(bid.id, root.id("id"));
    assign(bid.tender, root.id("tender"));
    assign(bid.submitted, root.dateTime("submitted"));
    const auto children =
        root.children({{{"bidder"}, 1, 1}, {{"declaration"}, 0, many}, {{"lotBid"}, 1, many}, {{"response"}, 0, many}});
    for (const pugi::xml_node child : children) {
        const std::string name = XmlSource::localName(child);
        if (name == "bidder") {
            ElementReader e(source, child, errors, {"name", "companyNumber", "address", "email"});
            assign(bid.bidderName, e.text("name"));
            if (bid.bidderName.empty()) {
                e.error("required-attribute", "attribute 'name' must not be empty");
            }
            assign(bid.companyNumber, e.text("companyNumber", false));
            assign(bid.address, e.text("address", false));
            assign(bid.email, e.text("email", false));
            (void)e.children({});
        } else if (name == "declaration") {
            ElementReader e(source, child, errors, {"requirement", "met"});
            Declaration declaration;
            declaration.at = e.at();
            assign(declaration.requirement, e.id("requirement"));
            assign(declaration.met, e.boolean("met"));
            (void)e.children({});
            bid.declarations.push_back(std::move(declaration));
        } else if (name == "lotBid") {
            ElementReader e(source, child, errors, {"lot", "ofstedRating"});
            LotBid lotBid;
            lotBid.at = e.at();
            assign(lotBid.lot, e.id("lot"));
            lotBid.ofstedRating = e.rating("ofstedRating", false);
            // Which of the two a lot bid holds depends on its lot (settings for places, prices for a
            // framework): the tender decides, in checkBids.
            for (const pugi::xml_node item : e.children({{{"setting"}, 0, many}, {{"price"}, 0, many}})) {
                if (std::string_view(XmlSource::localName(item)) == "setting") {
                    lotBid.settings.push_back(readSetting(source, item, errors));
                } else {
                    lotBid.prices.push_back(readPrice(source, item, errors));
                }
            }
            bid.lotBids.push_back(std::move(lotBid));
        } else {
            ElementReader e(source, child, errors, {"question"});
            Response response;
            response.at = e.at();
            assign(response.question, e.id("question"));
            response.text = e.content();
            bid.responses.push_back(std::move(response));
        }
    }
    return bid;
}

}  // namespace tenderscore::xml
