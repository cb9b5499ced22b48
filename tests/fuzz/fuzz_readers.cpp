// libFuzzer targets for the three readers. One source, three programs: FUZZ_DOCUMENT selects which
// document the input is read as (tender, bid or scores). Every input must be either read or
// refused with diagnostics; a crash, a sanitizer report, a hang or a leak is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evaluation/evaluate.hpp"
#include "fuzz_pack.hpp"
#include "xml/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tenderscore;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    Diagnostics errors;
#if FUZZ_DOCUMENT == 1
    if (auto source = xml::XmlSource::parse(bytes, "tender.xml", "tender", xml::tenderNamespace, errors)) {
        if (auto tender = xml::readTender(*source, errors); tender && errors.empty()) {
            (void)validate(*tender, nullptr, nullptr);
        }
    }
#elif FUZZ_DOCUMENT == 2
    if (auto source = xml::XmlSource::parse(bytes, "bid.xml", "bid", xml::bidNamespace, errors)) {
        if (auto bid = xml::readBid(*source, errors); bid && errors.empty()) {
            const std::vector<Bid> bids{*bid};
            (void)validate(fuzz::referenceTender(), &bids, nullptr);
        }
    }
#else
    if (auto source = xml::XmlSource::parse(bytes, "scores.xml", "scores", xml::scoresNamespace, errors)) {
        if (auto scores = xml::readScores(*source, errors); scores && errors.empty()) {
            (void)validate(fuzz::referenceTender(), nullptr, &*scores);
        }
    }
#endif
    for (const Diagnostic& error : errors) {
        (void)describe(error);
    }
    return 0;
}
