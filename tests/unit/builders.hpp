// Small builders for the model, so each test states only the figures it is about.
#pragma once

#include <string>
#include <vector>

#include "evaluation/code.hpp"
#include "evaluation/model.hpp"
#include "evaluation/values.hpp"

namespace tenderscore::testing {

inline Fraction dec(const std::string& text) {
    return *parseDecimal(text);
}
inline Pence pounds(const std::string& text) {
    return *parseMoney(text);
}
inline DateTime at(const std::string& text) {
    return *parseDateTime(text);
}

/// Codes as results.json spells them, so that a test states them as a reader of results.json would.
inline std::vector<std::string> spelled(const std::vector<Code>& codes) {
    std::vector<std::string> text;
    text.reserve(codes.size());
    for (const Code& code : codes) {
        text.push_back(spell(code));
    }
    return text;
}

/// A tender with one lot "L1" (maxPlaces 18), price 70 : quality 30, one question Q1 of weight 30.
inline Tender tender() {
    Tender t;
    t.id = "T1";
    t.title = "Test tender";
    t.deadline = at("2023-10-02T12:00:00Z");
    t.evaluation.priceWeight = 70;
    t.evaluation.qualityWeight = 30;
    t.evaluation.questions.push_back(Question{"Q1", Fraction(30), "Question one", {}});
    Lot lot;
    lot.id = "L1";
    lot.maxPlaces = 18;
    t.lots.push_back(lot);
    return t;
}

inline Setting setting(const std::string& urn, int places, const std::string& weeklyPrice, Rating rating = Rating::Good,
                       int registered = 0, int availableMonths = 0) {
    Setting s;
    s.urn = urn;
    s.name = "Home " + urn;
    s.places = places;
    s.registeredPlaces = registered == 0 ? places : registered;
    s.ofstedRating = rating;
    s.weeklyPrice = pounds(weeklyPrice);
    s.availableMonths = availableMonths;
    return s;
}

inline Bid bid(const std::string& id, std::vector<LotBid> lotBids,
               const std::string& submitted = "2023-10-01T09:00:00Z") {
    Bid b;
    b.id = id;
    b.tender = "T1";
    b.submitted = at(submitted);
    b.bidderName = "Provider " + id;
    b.lotBids = std::move(lotBids);
    return b;
}

inline LotBid lotBid(const std::string& lot, std::vector<Setting> settings) {
    return LotBid{lot, std::move(settings), {}};
}

inline Scores scoresFor(const std::vector<Bid>& bids, const Tender& t, int score) {
    Scores s;
    s.tender = t.id;
    // A moderator assigned no question to mark (questions=""): the consensus scores are the record.
    s.evaluators.push_back(Evaluator{"E1", "Evaluator", std::vector<std::string>{}, false, {}});
    for (const Bid& b : bids) {
        for (const Question& q : t.evaluation.questions) {
            s.consensus.push_back(ConsensusScore{b.id, q.id, score, "E1", "", {}});
        }
    }
    return s;
}

}  // namespace tenderscore::testing
