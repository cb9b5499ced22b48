// The pack as the evaluation's state holds it: the tender and bid files as uploaded, and a scores
// document written from the panel, its marks, consensus, recusals and rejections. The version 2
// elements of the scores document are written only where they are needed (an `evaluator/@questions`
// for a member with a restricted set, a `recusal` or `rejected` when there is one), so that a panel
// that needs none of them gives a version 1 pack.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/inputs.hpp"
#include "server/store.hpp"

namespace tenderscore::server {

struct PanelMember {
    std::string name;
    std::string display;
    bool everyQuestion = true;
    std::vector<std::string> questions;  // when not every question
    bool moderator = false;
    bool declared = false;
    bool submitted = false;
};

struct QuestionInfo {
    std::string id;
    std::string weight;
    std::string text;
};

[[nodiscard]] std::vector<PanelMember> panelOf(Db& db, const std::string& evaluation);
/// One user's place on the panel, when they have one.
[[nodiscard]] std::optional<PanelMember> memberOf(Db& db, const std::string& evaluation, const std::string& name);
[[nodiscard]] std::vector<QuestionInfo> questionsOf(Db& db, const std::string& evaluation);
/// The questions a member marks, in tender order.
[[nodiscard]] std::vector<std::string> assignedTo(const PanelMember& member,
                                                  const std::vector<QuestionInfo>& questions);

/// The scores document of the state.
[[nodiscard]] std::string scoresXml(Db& db, const std::string& evaluation);
/// Tender, bid files in name order (rejected files among them, as in a bids folder), scores.
[[nodiscard]] PackDocuments packDocuments(Db& db, const std::string& evaluation);

}  // namespace tenderscore::server
