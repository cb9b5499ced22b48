#include <gtest/gtest.h>

#include "xml/readers.hpp"

namespace tenderscore::xml {
namespace {

using Strings = std::vector<std::string>;

const char* const validTender = R"(<tender xmlns="urn:tenderscore:tender:1" id="T1" deadline="2023-10-02T12:00:00Z">
  <title>Block contracts</title>
  <authority>Essex County Council</authority>
  <contract initialYears="1" extensionYears="2" annualUpliftPercent="3"/>
  <evaluation priceWeight="70" qualityWeight="30">
    <quality scaleMax="5" minScoreEach="2">
      <question id="Q1" weight="30">Safeguarding</question>
    </quality>
  </evaluation>
  <requirement id="INSURANCE">Insurance</requirement>
  <lot id="L1" maxPlaces="18" maxWeeklyPrice="5963.00"/>
</tender>
)";

struct Read {
    std::optional<Tender> tender;
    std::optional<Bid> bid;
    Strings errors;
};

/// Every problem in report order (by line), as the command prints them.
Strings describeAll(Diagnostics errors) {
    sortForReport(errors);
    Strings text;
    for (const Diagnostic& d : errors) {
        text.push_back(describe(d));
    }
    return text;
}

/// Parses `xml` as the document `root` and reads it with `readDocument` into `target`.
template <typename Document, typename ReadDocument>
Read readAs(const std::string& xml, const char* root, const char* ns, ReadDocument readDocument,
            std::optional<Document> Read::*target) {
    Read read;
    Diagnostics errors;
    if (auto source = XmlSource::parse(xml, std::string(root) + ".xml", root, ns, errors)) {
        read.*target = readDocument(*source, errors);
    }
    read.errors = describeAll(errors);
    return read;
}

Read tenderFrom(const std::string& xml) {
    return readAs(xml, "tender", tenderNamespace, readTender, &Read::tender);
}

Read bidFrom(const std::string& xml) {
    return readAs(xml, "bid", bidNamespace, readBid, &Read::bid);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
}

TEST(Readers, ReadsAValidTender) {
    const Read read = tenderFrom(validTender);
    ASSERT_TRUE(read.errors.empty()) << read.errors.front();
    const Tender& t = *read.tender;
    EXPECT_EQ(t.id, "T1");
    EXPECT_EQ(t.title, "Block contracts");
    EXPECT_EQ(t.contract.weeksPerYear, ratio(5214, 100));
    EXPECT_EQ(t.contract.extensionYears, 2);
    EXPECT_EQ(t.evaluation.priceWeight, 70);
    EXPECT_EQ(t.evaluation.minScoreEach, 2);
    ASSERT_EQ(t.evaluation.questions.size(), 1U);
    EXPECT_EQ(t.evaluation.questions[0].at.line, 7);
    EXPECT_EQ(t.lots[0].maxWeeklyPrice, 596300);
    EXPECT_FALSE(t.lots[0].maxProviders);
}

TEST(Readers, APrefixBoundToOurNamespaceReadsTheSameAsTheDefault) {
    std::string prefixed = validTender;
    prefixed = replaced(prefixed, "<tender xmlns=", "<ts:tender xmlns:ts=");
    prefixed = replaced(prefixed, "</tender>", "</ts:tender>");
    for (const char* name :
         {"title", "authority", "contract", "evaluation", "quality", "question", "requirement", "lot"}) {
        std::string open = std::string("<") + name;
        std::size_t pos = 0;
        while ((pos = prefixed.find(open, pos)) != std::string::npos) {
            const char next = prefixed[pos + open.size()];
            if (next == ' ' || next == '>' || next == '/') {
                prefixed.replace(pos, open.size(), std::string("<ts:") + name);
            }
            pos += open.size();
        }
        const std::string close = std::string("</") + name + ">";
        while ((pos = prefixed.find(close)) != std::string::npos) {
            prefixed.replace(pos, close.size(), std::string("</ts:") + name + ">");
        }
    }
    const Read read = tenderFrom(prefixed);
    ASSERT_TRUE(read.errors.empty()) << read.errors.front();
    EXPECT_EQ(read.tender->evaluation.questions[0].text, "Safeguarding");
    EXPECT_EQ(read.tender->lots[0].id, "L1");
}

TEST(Readers, RefusesADoctype) {
    const Read read = tenderFrom("<!DOCTYPE tender [<!ENTITY x \"boom\">]>\n" + std::string(validTender));
    EXPECT_EQ(read.errors, Strings{"tender.xml:1:1: error [doctype]: a DOCTYPE is not allowed (entities are never "
                                   "expanded, external files never read)"});
}

TEST(Readers, RefusesAWrongOrMissingNamespace) {
    EXPECT_EQ(
        tenderFrom(replaced(validTender, "urn:tenderscore:tender:1", "urn:tenderscore:tender:2")).errors,
        Strings{"tender.xml:1:1: error [namespace]: <tender> must be in namespace urn:tenderscore:tender:1; it is "
                "in urn:tenderscore:tender:2"});
    EXPECT_EQ(
        tenderFrom(replaced(validTender, " xmlns=\"urn:tenderscore:tender:1\"", "")).errors,
        Strings{"tender.xml:1:1: error [namespace]: <tender> must be in namespace urn:tenderscore:tender:1; it is "
                "in no namespace"});
}

TEST(Readers, RefusesMalformedXmlWithItsLine) {
    EXPECT_EQ(tenderFrom(replaced(validTender, "</authority>", "</authorty>")).errors,
              Strings{"tender.xml:3:36: error [xml]: the file is not well-formed XML: Start-end tags mismatch"});
}

TEST(Readers, RefusesEmptyFilesTwoRootsAndInvalidUtf8) {
    EXPECT_EQ(tenderFrom("").errors,
              Strings{"tender.xml:1:1: error [xml]: the file is empty; expected a <tender> document"});
    EXPECT_EQ(tenderFrom(std::string(validTender) + "<tender/>\n").errors,
              Strings{"tender.xml:13:1: error [xml]: a second root element <tender> follows the document element"});
    EXPECT_EQ(tenderFrom(replaced(validTender, "Essex", "Es\xC3\x28sex")).errors,
              Strings{"tender.xml:3:16: error [encoding]: the file is not valid UTF-8 (byte 130)"});
}

TEST(Readers, ReportsEveryBadValueWithItsLineAndRule) {
    std::string xml = replaced(validTender, "initialYears=\"1\"", "initialYears=\"1.5\"");
    xml = replaced(xml, "maxWeeklyPrice=\"5963.00\"", "maxWeeklyPrice=\"5,963.00\" colour=\"red\"");
    xml = replaced(xml, "weight=\"30\"", "weight=\"-30\"");
    xml = replaced(xml, "id=\"INSURANCE\"", "id=\"INSURANCE 10M\"");
    EXPECT_EQ(
        tenderFrom(xml).errors,
        (Strings{
            "tender.xml:4:3: error [int]: attribute 'initialYears' must be a whole number (digits only); got '1.5'",
            "tender.xml:7:7: error [decimal]: attribute 'weight' must be a decimal (digits with at most 6 "
            "decimals; no sign or exponent); got '-30'",
            "tender.xml:10:3: error [id]: attribute 'id' must be an id (1-64 characters from A-Z a-z 0-9 . _ -); "
            "got 'INSURANCE 10M'",
            "tender.xml:11:3: error [unknown-attribute]: <lot> has no attribute 'colour'",
            "tender.xml:11:3: error [money]: attribute 'maxWeeklyPrice' must be money (pounds as digits with at "
            "most two decimals, greater than zero; no sign, exponent, spaces or separators); got '5,963.00'"}));
}

TEST(Readers, ReportsMissingAndMisplacedElements) {
    std::string xml = replaced(validTender, "  <title>Block contracts</title>\n", "");
    xml = replaced(
        xml,
        "  <requirement id=\"INSURANCE\">Insurance</requirement>\n  <lot id=\"L1\" maxPlaces=\"18\" "
        "maxWeeklyPrice=\"5963.00\"/>",
        "  <lot id=\"L1\" maxPlaces=\"18\"/>\n  <requirement id=\"INSURANCE\">Insurance</requirement>\n  <surprise/>");
    EXPECT_EQ(tenderFrom(xml).errors,
              (Strings{"tender.xml:1:1: error [missing-element]: <tender> needs a <title> element",
                       "tender.xml:10:3: error [element-order]: <requirement> is out of order inside <tender>",
                       "tender.xml:11:3: error [unknown-element]: <tender> cannot contain <surprise>"}));
}

TEST(Readers, IgnoresExtensionsInOtherNamespaces) {
    const std::string xml = replaced(validTender, "<lot id=\"L1\"",
                                     "<x:note xmlns:x=\"urn:example:ext\"><x:any/></x:note>\n  <lot x:colour=\"red\" "
                                     "xmlns:x=\"urn:example:ext\" id=\"L1\"");
    const Read read = tenderFrom(xml);
    EXPECT_TRUE(read.errors.empty()) << read.errors.front();
}

TEST(Readers, ReadsABidAndRefusesItsBadValues) {
    const std::string bid =
        R"(<b:bid xmlns:b="urn:tenderscore:bid:1" id="BID-004" tender="T1" submitted="2023-10-01T16:20:00+01:00">
  <b:bidder name="Oakwood Care Ltd"/>
  <b:declaration requirement="INSURANCE" met="true"/>
  <b:lotBid lot="L1">
    <b:setting urn="SC123456" name="Oak House" registeredPlaces="4" ofstedRating="Good" places="3" weeklyPrice="5450.5"/>
  </b:lotBid>
  <b:response question="Q1">=HYPERLINK("http://example")</b:response>
</b:bid>
)";
    const Read good = bidFrom(bid);
    ASSERT_TRUE(good.errors.empty()) << good.errors.front();
    EXPECT_EQ(good.bid->submitted.epochSeconds, 1696173600);
    EXPECT_EQ(good.bid->lotBids[0].settings[0].weeklyPrice, 545050);
    EXPECT_EQ(good.bid->responses[0].text, "=HYPERLINK(\"http://example\")");

    std::string bad = replaced(bid, "weeklyPrice=\"5450.5\"", "weeklyPrice=\"0\"");
    bad = replaced(bad, "ofstedRating=\"Good\"", "ofstedRating=\"Excellent\"");
    bad = replaced(bad, "met=\"true\"", "met=\"yes\"");
    bad = replaced(bad, "submitted=\"2023-10-01T16:20:00+01:00\"", "submitted=\"2023-10-01 16:20\"");
    EXPECT_EQ(
        bidFrom(bad).errors,
        (Strings{"bid.xml:1:1: error [dateTime]: attribute 'submitted' must be an ISO 8601 date and time with a zone "
                 "(2023-10-02T12:00:00Z); got '2023-10-01 16:20'",
                 "bid.xml:3:3: error [boolean]: attribute 'met' must be true or false; got 'yes'",
                 "bid.xml:5:5: error [rating]: attribute 'ofstedRating' must be one of Outstanding, Good, "
                 "RequiresImprovement, Inadequate, NotYetInspected; got 'Excellent'",
                 "bid.xml:5:5: error [money]: attribute 'weeklyPrice' must be money (pounds as digits with at most "
                 "two decimals, greater than zero; no sign, exponent, spaces or separators); got '0'"}));
}

TEST(Readers, ReadsTextInAnyFormAndRefusesTextAmongElementsWhereItStands) {
    // Text split by a comment, CDATA before and after plain text, and escapes: all of it, in order.
    const std::string bid =
        R"(<bid xmlns="urn:tenderscore:bid:1" id="B" tender="T1" submitted="2023-10-01T16:20:00Z">
  <bidder name="Oakwood Care Ltd"/>
  <lotBid lot="L1">
    <setting urn="SC123456" name="Oak House" registeredPlaces="4" ofstedRating="Good" places="3" weeklyPrice="5450"/>
  </lotBid>
  <response question="Q1">Named <!-- a note --> leads &amp; outcomes</response>
  <response question="Q2"><![CDATA[<b>staff</b>]]> and training <![CDATA[&]]> supervision</response>
</bid>
)";
    const Read good = bidFrom(bid);
    ASSERT_TRUE(good.errors.empty()) << good.errors.front();
    EXPECT_EQ(good.bid->responses[0].text, "Named  leads & outcomes");
    EXPECT_EQ(good.bid->responses[1].text, "<b>staff</b> and training & supervision");

    // Stray text is reported at the line and column where it starts, before or between elements.
    std::string stray = replaced(bid, "<bidder", "stray <bidder");
    stray = replaced(stray, "</lotBid>", "more</lotBid>");
    EXPECT_EQ(bidFrom(stray).errors,
              (Strings{"bid.xml:2:3: error [unexpected-text]: <bid> holds elements, not text",
                       "bid.xml:5:3: error [unexpected-text]: <lotBid> holds elements, not text"}));
}

TEST(Readers, RefusesABidWithoutLotBidsOrSettings) {
    const std::string bid = R"(<bid xmlns="urn:tenderscore:bid:1" id="B" tender="T1" submitted="2023-10-01T16:20:00Z">
  <bidder name="Oakwood Care Ltd"/>
  <lotBid lot="L1"/>
</bid>
)";
    EXPECT_EQ(bidFrom(bid).errors,
              Strings{"bid.xml:3:3: error [missing-element]: <lotBid> needs at least one <setting> element"});
}

}  // namespace
}  // namespace tenderscore::xml
