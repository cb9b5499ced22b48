#include "fuzz_pack.hpp"

#include <stdexcept>

#include "xml/readers.hpp"

namespace tenderscore::fuzz {

namespace {

constexpr const char* tenderXml =
    R"(<tender xmlns="urn:tenderscore:tender:1" id="ECC-RES-2023" deadline="2023-10-02T12:00:00Z">
  <title>Block contracts for mainstream residential placements</title>
  <authority>Essex County Council</authority>
  <contract startDate="2024-04-01" initialYears="1" extensionYears="2" weeksPerYear="52.14" annualUpliftPercent="3"/>
  <evaluation priceWeight="70" qualityWeight="30" priceMethod="lowest-over-bid" consensus="moderated" decimals="2">
    <quality scaleMax="5" minScoreEach="2">
      <question id="Q1" weight="10">Safeguarding</question>
      <question id="Q2" weight="8">Local</question>
      <question id="Q3" weight="7">Co-production</question>
      <question id="Q4" weight="5">Workforce</question>
    </quality>
    <abnormallyLow belowMeanPercent="25"/>
  </evaluation>
  <requirement id="OFSTED-REG">Registered</requirement>
  <requirement id="INSURANCE">Insured</requirement>
  <lot id="L1" minPlaces="6" maxPlaces="18" maxPlacesPerSetting="5" maxProviders="8" maxWeeklyPrice="5963.00"
       annualBudget="5600000" minOfstedRating="Good">
    <phase byMonth="0" places="6"/>
  </lot>
</tender>
)";

}  // namespace

const Tender& referenceTender() {
    static const Tender tender = [] {
        Diagnostics errors;
        auto source = xml::XmlSource::parse(tenderXml, "tender.xml", "tender", xml::tenderNamespace, errors);
        auto read = source ? xml::readTender(*source, errors) : std::nullopt;
        if (!read || !errors.empty()) {
            throw std::logic_error("the fuzzers' reference tender does not read");
        }
        return *read;
    }();
    return tender;
}

std::vector<std::string> splitDocuments(std::string_view input) {
    static constexpr std::string_view separator = "\n=====\n";
    std::vector<std::string> documents;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = input.find(separator, start);
        documents.emplace_back(
            input.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) {
            break;
        }
        start = end + separator.size();
    }
    return documents;
}

}  // namespace tenderscore::fuzz
