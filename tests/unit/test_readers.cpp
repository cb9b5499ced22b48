#include <gtest/gtest.h>

#include <random>

#include "xml/line_index.hpp"
#include "xml/readers.hpp"
#include "xml/uri.hpp"

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

/// The problems of parsing `xml` as a tender under `limits`, and whether it could be parsed.
std::pair<bool, Strings> parseTender(const std::string& xml, const ReadLimits& limits) {
    Diagnostics errors;
    const bool parsed = XmlSource::parse(xml, "tender.xml", "tender", tenderNamespace, errors, limits).has_value();
    return {parsed, describeAll(errors)};
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

TEST(Readers, RefusesABidWithoutLotBidsAndLeavesAnEmptyLotBidToTheTender) {
    const std::string noLotBid =
        R"(<bid xmlns="urn:tenderscore:bid:1" id="B" tender="T1" submitted="2023-10-01T16:20:00Z">
  <bidder name="Oakwood Care Ltd"/>
</bid>
)";
    EXPECT_EQ(bidFrom(noLotBid).errors,
              Strings{"bid.xml:1:1: error [missing-element]: <bid> needs at least one <lotBid> element"});
    // Whether a lot bid needs settings (a places lot) or band prices (a framework lot, where none
    // priced is a bid excluded band by band) is the tender's to say: checkBids reports it.
    const std::string emptyLotBid =
        R"(<bid xmlns="urn:tenderscore:bid:1" id="B" tender="T1" submitted="2023-10-01T16:20:00Z">
  <bidder name="Oakwood Care Ltd"/>
  <lotBid lot="L1"/>
</bid>
)";
    EXPECT_EQ(bidFrom(emptyLotBid).errors, Strings{});
}

TEST(Readers, RefusesCharacterReferencesToWhatIsNotAnXmlCharacter) {
    // pugixml would turn &#0; into a NUL that ends the id early: "T" instead of "T1&#0;X".
    EXPECT_EQ(tenderFrom(replaced(validTender, "id=\"T1\"", "id=\"T1&#0;X\"")).errors,
              Strings{"tender.xml:1:48: error [xml]: the character reference &#0; is to U+0000, which XML does "
                      "not allow"});
    for (const char* reference : {"&#xD800;", "&#x110000;", "&#xFFFE;", "&#4294967361;", "&#x1B;"}) {
        const Read read = tenderFrom(replaced(validTender, "Block contracts", reference));
        ASSERT_EQ(read.errors.size(), 1U) << reference;
        EXPECT_NE(read.errors[0].find(std::string("the character reference ") + reference), std::string::npos)
            << read.errors[0];
    }
}

TEST(Readers, ListsEveryCharacterAndReferenceProblemOfAFile) {
    std::string xml = replaced(validTender, "Block contracts", "Fish & chips &nbsp; a ]]> b \x1b[2J");
    xml = replaced(xml, "Essex County Council", "Essex &#;");
    xml = replaced(xml, "maxWeeklyPrice=\"5963.00\"", "name=\"a<b\" maxWeeklyPrice=\"5963.00\"");
    EXPECT_EQ(tenderFrom(xml).errors,
              (Strings{"tender.xml:2:15: error [xml]: a '&' must start a reference such as &amp; or &#160;; write "
                       "&amp; for the character itself",
                       "tender.xml:2:23: error [xml]: the entity &nbsp; is not defined: XML has only &amp; &lt; &gt; "
                       "&quot; &apos; (write a character reference such as &#160; instead)",
                       "tender.xml:2:32: error [xml]: ']]>' is not allowed in text (write ]]&gt;)",
                       "tender.xml:2:38: error [xml]: the control character U+001B is not allowed in XML, not even as "
                       "a reference",
                       "tender.xml:3:20: error [xml]: a character reference must be &#digits; or &#xhex-digits; (a "
                       "lower-case x)",
                       "tender.xml:11:38: error [xml]: '<' is not allowed in an attribute value (write &lt;)"}));
}

TEST(Readers, RefusesWhatMustNotStandOutsideTheDocumentElement) {
    EXPECT_EQ(tenderFrom(" <?xml version=\"1.0\"?>\n" + std::string(validTender)).errors,
              Strings{"tender.xml:1:2: error [xml]: the XML declaration must be at the very start of the file, with "
                      "nothing before it"});
    EXPECT_EQ(tenderFrom(std::string(validTender) + "trailing").errors,
              Strings{"tender.xml:13:1: error [xml]: text outside the document element"});
    EXPECT_EQ(tenderFrom("<!-- a -- b -->" + std::string(validTender)).errors,
              Strings{"tender.xml:1:8: error [xml]: '--' is not allowed inside a comment"});
}

TEST(Readers, RefusesAnElementInNoNamespaceRatherThanIgnoringIt) {
    const std::string xml = replaced(validTender, "<requirement id", "<requirement xmlns=\"\" id");
    EXPECT_EQ(tenderFrom(xml).errors,
              Strings{"tender.xml:10:3: error [namespace]: <requirement> is in no namespace (an xmlns=\"\" on it or "
                      "around it?); inside <tender> an element must be in urn:tenderscore:tender:1, or in another "
                      "namespace as an extension"});
}

TEST(Readers, ResolvesNamespacesDeclaredAnywhere) {
    // A prefix for our namespace declared on the root, the default namespace changed below it, an
    // extension holding elements in no namespace: read through the tree's namespace check.
    std::string xml = replaced(validTender, "<tender xmlns=\"urn:tenderscore:tender:1\"",
                               "<tender xmlns=\"urn:tenderscore:tender:1\" xmlns:t=\"urn:tenderscore:tender:1\"");
    xml = replaced(xml, "<authority>Essex County Council</authority>",
                   "<t:authority>Essex County Council</t:authority>\n  <x:e xmlns:x=\"urn:x\"><a xmlns=\"\"/></x:e>");
    xml = replaced(xml, "<lot id", "<lot xmlns=\"urn:tenderscore:tender:1\" id");
    const Read read = tenderFrom(xml);
    ASSERT_TRUE(read.errors.empty()) << read.errors.front();
    EXPECT_EQ(read.tender->authority, "Essex County Council");
    EXPECT_EQ(read.tender->lots.size(), 1U);

    EXPECT_EQ(tenderFrom(replaced(xml, "<t:authority>", "<t:authority t:colour=\"red\">")).errors,
              Strings{"tender.xml:3:3: error [unknown-attribute]: <authority> has no attribute 't:colour'"});
    EXPECT_EQ(tenderFrom(replaced(xml, "<a xmlns=\"\"/>", "<a xmlns:p=\"\"/>")).errors,
              Strings{"tender.xml:4:27: error [namespace]: xmlns:p=\"\" is not allowed: XML 1.0 cannot undeclare a "
                      "prefix"});
}

TEST(Readers, RefusesAnAttributeTwiceOnAnyElement) {
    EXPECT_EQ(
        tenderFrom(replaced(validTender, "<lot id=\"L1\"", "<x:e xmlns:x=\"urn:x\" a=\"1\" a=\"2\"/><lot id=\"L1\""))
            .errors,
        Strings{"tender.xml:11:30: error [xml]: attribute 'a' appears more than once"});
    EXPECT_EQ(tenderFrom(replaced(validTender, "<lot id=\"L1\"",
                                  "<x:e xmlns:x=\"urn:x\" xmlns:y=\"urn:x\" x:a=\"1\" y:a=\"2\"/><lot id=\"L1\""))
                  .errors,
              Strings{"tender.xml:11:48: error [namespace]: attributes 'x:a' and 'y:a' are the same attribute (urn:x "
                      "a)"});
}

TEST(Readers, CountsNodesBeforeParsing) {
    ReadLimits limits;
    limits.maxNodes = 100;
    EXPECT_TRUE(parseTender(validTender, limits).first);
    limits.maxNodes = 20;
    EXPECT_EQ(parseTender(validTender, limits),
              std::make_pair(false, Strings{"tender.xml:7:25: error [nodes]: the file has more than 20 elements, "
                                            "attributes and pieces of text (the limit limits.maxNodes)"}));
    limits.maxNodes = 100;
    limits.maxDepth = 2;
    EXPECT_EQ(parseTender(validTender, limits),
              std::make_pair(false, Strings{"tender.xml:6:5: error [depth]: elements are nested more than 2 deep"}));
}

TEST(Readers, ListsAtMostAThousandProblemsOfAFile) {
    std::string many;
    for (int i = 0; i < 1500; ++i) {
        many += "<surprise/>";
    }
    const Read read = tenderFrom(replaced(validTender, "<lot id", many + "<lot id"));
    ASSERT_EQ(read.errors.size(), maxProblemsPerFile + 1);
    EXPECT_EQ(read.errors.back(),
              "tender.xml:11:11003: error [xml]: further problems in this file are not listed (the first 1000 are)");
}

TEST(Readers, AcceptsTheLargestValuesAndRefusesOnePast) {
    std::string xml =
        replaced(validTender, "initialYears=\"1\" extensionYears=\"2\" annualUpliftPercent=\"3\"",
                 "initialYears=\"25\" extensionYears=\"25\" weeksPerYear=\"53\" annualUpliftPercent=\"10\"");
    xml = replaced(xml, "maxPlaces=\"18\" maxWeeklyPrice=\"5963.00\"",
                   "maxPlaces=\"1000000\" maxWeeklyPrice=\"1000000\"");
    const Read read = tenderFrom(xml);
    ASSERT_TRUE(read.errors.empty()) << read.errors.front();
    EXPECT_EQ(read.tender->contract.initialYears + read.tender->contract.extensionYears, 50);
    EXPECT_EQ(read.tender->lots[0].maxWeeklyPrice, 100000000);

    xml = replaced(xml, "initialYears=\"25\" extensionYears=\"25\" weeksPerYear=\"53\" annualUpliftPercent=\"10\"",
                   "initialYears=\"26\" extensionYears=\"26\" weeksPerYear=\"53.000001\" annualUpliftPercent=\"10.1\"");
    xml = replaced(xml, "maxPlaces=\"1000000\" maxWeeklyPrice=\"1000000\"",
                   "maxPlaces=\"1000001\" maxWeeklyPrice=\"1000000.01\"");
    EXPECT_EQ(
        tenderFrom(xml).errors,
        (Strings{"tender.xml:4:3: error [range]: attribute 'initialYears' must be from 1 to 25; got '26'",
                 "tender.xml:4:3: error [range]: attribute 'extensionYears' must be from 0 to 25; got '26'",
                 "tender.xml:4:3: error [range]: attribute 'weeksPerYear' must be greater than 0 and at most 53",
                 "tender.xml:4:3: error [range]: attribute 'annualUpliftPercent' must be from 0 to 10; got '10.1'",
                 "tender.xml:11:3: error [range]: attribute 'maxPlaces' must be from 1 to 1000000; got '1000001'",
                 "tender.xml:11:3: error [range]: attribute 'maxWeeklyPrice' must be at most 1000000.00; got "
                 "'1000000.01'"}));
}

TEST(LineIndex, GivesTheLineAndColumnOfEveryByte) {
    // Lines of every length, some longer than the index's blocks, with CR LF and empty lines.
    std::mt19937 random(7);
    std::string text;
    while (text.size() < 20000) {
        text.append(random() % 3 == 0 ? random() % 1500 : random() % 40, 'x');
        text += random() % 4 == 0 ? "\r\n" : "\n";
    }
    const LineIndex index(text);
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
        const LineIndex::Position at = index.at(offset);
        ASSERT_EQ(std::make_pair(at.line, at.column), std::make_pair(line, column)) << "offset " << offset;
        if (offset < text.size() && text[offset] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
}

TEST(Uri, NamespaceNamesAreUriReferencesAsXmllintReadsThem) {
    for (const char* uri :
         {"urn:x", "http://a/b?c#d", "a:b",        "./a:b", "urn:x%41", "http://[::1]/", "urn:x?a?b",    "#frag",
          "?q",    "//host",         "mailto:a@b", "a:",    "a/b:c",    "http://a:b@h/", "http://[zz]/", "urn:a&b",
          "x#",    "http:///a",      "urn:x#[a]",  ""}) {
        EXPECT_TRUE(isUriReference(uri)) << uri;
    }
    for (const char* uri : {"-urn:x",     "1a:b",          "a b",           "urn:x%",    "urn:x%4",      "urn:[x]",
                            "http://[x/", "http://a@b@c/", "http://h:80x/", "urn:x#a#b", "urn:\xC3\xA9", "urn:{x}",
                            "urn:x|y",    "urn:x\\y",      "urn:x^",        ":",         ":a",           "http://h/[x]",
                            "http://h:/", "%zz",           "urn:x\x7F"}) {
        EXPECT_FALSE(isUriReference(uri)) << uri;
    }
}

}  // namespace
}  // namespace tenderscore::xml
