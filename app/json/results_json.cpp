#include "json/results_json.hpp"

#include <algorithm>
#include <map>

#include "json/json_writer.hpp"

namespace tenderscore::json {

namespace {

void codes(JsonWriter& out, const std::vector<Code>& values) {
    out.beginArray();
    for (const Code& value : values) {
        out.string(spell(value));
    }
    out.endArray();
}

void optionalScore(JsonWriter& out, const std::optional<Scaled>& value) {
    if (value) {
        out.string(toString(*value));
    } else {
        out.null();
    }
}

void lotBid(JsonWriter& out, const Pack& pack, const Lot& lot, const LotBidResult& row) {
    const Bid& bid = pack.bids[row.bid];
    out.beginObject();
    out.key("bid").string(bid.id);
    out.key("bidder").string(bid.bidderName);
    out.key("status").string(row.compliant() ? "compliant" : "excluded");
    out.key("reasons");
    codes(out, row.reasons);
    out.key("notes");
    codes(out, row.notes);
    out.key("flags");
    codes(out, row.flags);
    out.key("evaluatedPrice");
    if (row.evaluatedPrice) {
        out.string(formatPence(roundToPence(*row.evaluatedPrice)));
    } else {
        out.null();
    }
    out.key("priceScore");
    optionalScore(out, row.priceScore);
    out.key("qualityScore");
    optionalScore(out, row.qualityScore);
    out.key("totalScore");
    optionalScore(out, row.totalScore);
    out.key("rank");
    if (row.rank) {
        out.number(*row.rank);
    } else {
        out.null();
    }
    out.key("awardedPlaces");
    if (row.awardedPlaces) {
        out.number(*row.awardedPlaces);
    } else {
        out.null();
    }
    if (lot.award == LotAward::Framework) {
        out.key("admitted");
        if (row.admitted) {
            out.boolean(*row.admitted);
        } else {
            out.null();
        }
    }
    out.endObject();
}

/// Version 2, section 3: the lot's margin and its decisive changes (section 2.7).
void sensitivity(JsonWriter& out, const Pack& pack, const LotSensitivity& sensitivity) {
    out.key("sensitivity");
    out.beginObject();
    if (sensitivity.margin) {
        out.key("margin").number(*sensitivity.margin);
    } else {
        out.key("margin").null();
    }
    out.key("decisive");
    out.beginArray();
    for (const DecisiveChange& decisive : sensitivity.decisive) {
        const QualityChange& change = decisive.change;
        out.beginObject();
        out.key("bid").string(pack.bids[change.bid].id);
        out.key("question").string(pack.tender.evaluation.questions[change.question].id);
        if (change.evaluator) {
            out.key("evaluator").string(pack.scores.evaluators[*change.evaluator].id);
        } else {
            out.key("evaluator").null();
        }
        out.key("from").number(change.from);
        out.key("to").number(change.to);
        out.endObject();
    }
    out.endArray();
    out.endObject();
}

void lot(JsonWriter& out, const Pack& pack, const LotResult& result) {
    const Lot& lot = pack.tender.lots[result.lot];
    const bool framework = lot.award == LotAward::Framework;
    out.beginObject();
    out.key("lot").string(lot.id);
    out.key("award").string(awardName(lot.award));
    out.key("unit").string(unitName(lot.unit));
    out.key("bids");
    out.beginArray();
    for (const LotBidResult& row : result.bids) {
        lotBid(out, pack, lot, row);
    }
    out.endArray();
    out.key("awards");
    out.beginArray();
    for (const Award& award : result.awards) {
        out.beginObject();
        out.key("bid").string(pack.bids[award.bid].id);
        out.key("urn").string(pack.bids[award.bid].lotBids[award.lotBid].settings[award.setting].urn);
        out.key("places").number(award.places);
        out.key("weeklyPrice").string(formatPence(award.weeklyPrice));
        out.endObject();
    }
    out.endArray();
    // A framework lot books no places: its places, cost and value do not apply (version 2, section 3).
    if (framework) {
        out.key("awardedPlaces").null();
        out.key("providers").number(result.providers);
        out.key("annualCost").null();
        out.key("contractValue").null();
    } else {
        out.key("awardedPlaces").number(result.awardedPlaces);
        out.key("providers").number(result.providers);
        out.key("annualCost").string(formatPence(result.annualCost));
        out.key("contractValue").string(formatPence(result.contractValue));
    }
    out.key("flags");
    codes(out, result.flags);
    sensitivity(out, pack, result.sensitivity);
    out.endObject();
}

/// The rejected files' hashes by file name (the name without its folder), in byte order.
std::map<std::string, std::string> rejectedHashes(const PackFiles& files) {
    std::map<std::string, std::string> hashes;
    for (const InputFile& file : files.rejected) {
        const std::size_t slash = file.name.find_last_of('/');
        hashes.emplace(slash == std::string::npos ? file.name : file.name.substr(slash + 1), file.sha256);
    }
    return hashes;
}

}  // namespace

std::string resultsJson(const Pack& pack, const PackFiles& files, const Result& result) {
    JsonWriter out;
    out.beginObject();
    out.key("format").string(resultsFormat);
    out.key("tender").string(pack.tender.id);
    out.key("inputs");
    out.beginObject();
    out.key("tender").string("sha256:" + files.tender.sha256);
    out.key("scores").string(files.scores ? "sha256:" + files.scores->sha256 : "");
    out.key("bids");
    out.beginObject();
    std::map<std::string, std::string> bidHashes;
    for (std::size_t i = 0; i < pack.bids.size(); ++i) {
        bidHashes.emplace(pack.bids[i].id, files.bids[i].sha256);
    }
    for (const auto& [id, hash] : bidHashes) {
        out.key(id).string("sha256:" + hash);
    }
    out.endObject();
    out.key("rejected");
    out.beginObject();
    for (const auto& [file, hash] : rejectedHashes(files)) {
        out.key(file).string("sha256:" + hash);
    }
    out.endObject();
    out.endObject();
    out.key("rejectedAtOpening");
    out.beginArray();
    std::vector<const RejectedFile*> rejected;
    for (const RejectedFile& file : pack.scores.rejected) {
        rejected.push_back(&file);
    }
    std::sort(rejected.begin(), rejected.end(),
              [](const RejectedFile* a, const RejectedFile* b) { return a->file < b->file; });
    for (const RejectedFile* file : rejected) {
        out.beginObject();
        out.key("file").string(file->file);
        out.key("reason").string(file->reason);
        out.endObject();
    }
    out.endArray();
    out.key("lots");
    out.beginArray();
    for (const LotResult& lotResult : result.lots) {
        lot(out, pack, lotResult);
    }
    out.endArray();
    out.endObject();
    return out.finish();
}

}  // namespace tenderscore::json
