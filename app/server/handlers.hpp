// The handlers of the route table (routes.cpp). Each is reached only after the router has checked
// the session, the CSRF token, the role, the panel, the route's guard (what the caller may never
// do: a question not assigned, a bid recused from) and the phase; each checks what is particular
// to its call (the body, the bid and question named, what is complete) and records one log entry
// for a change.
#pragma once

#include "server/json_io.hpp"
#include "server/router.hpp"

namespace tenderscore::server {

// Sessions (handlers_session.cpp).
Reply login(Store& store, const ServerConfig& config, const Request& request);
Reply logout(Context& context);

// Setting up (handlers_setup.cpp).
Reply createEvaluation(Context& context);
Reply putBid(Context& context);
Reply postRejection(Context& context);
Reply putPanel(Context& context);
Reply openScoring(Context& context);

// Scoring (handlers_scoring.cpp).
Reply getEvaluation(Context& context);
Reply putDeclaration(Context& context);
Reply getWorklist(Context& context);
Reply putMark(Context& context);
/// The guard of a mark: 403 for a question not assigned to the caller or a bid they are recused
/// from, in every phase, declared or not.
void mayMark(Context& context);
Reply submitMarks(Context& context);
Reply reopenMark(Context& context);
Reply openModeration(Context& context);

// Moderation, runs and sign-off (handlers_moderation.cpp).
Reply getModeration(Context& context);
Reply putConsensus(Context& context);
/// The guard of a consensus: 403 for a bid the moderator is recused from, in every phase.
void mayModerate(Context& context);
Reply postRun(Context& context);
Reply getRunFile(Context& context);
Reply postApproval(Context& context);

// The record (handlers_record.cpp).
Reply getEvents(Context& context);
Reply getScoresAt(Context& context);

// Shared checks (handlers_common.cpp).
/// The bid named, not rejected: its file and bidder; 404 when there is none.
struct BidInfo {
    std::string file;
    std::string bidder;
};
[[nodiscard]] BidInfo requireBid(Context& context, const std::string& bid);
[[nodiscard]] QuestionInfo requireQuestion(Context& context, const std::string& question);
[[nodiscard]] bool isRecused(Context& context, const std::string& member, const std::string& bid);
/// A score of the tender's scale from the body's "score" (400 otherwise).
[[nodiscard]] std::int64_t requireScore(Context& context, const Poco::JSON::Object::Ptr& body);
/// A mark or a consensus given, recorded with the one it replaces ("previous": score, rationale
/// and, for a consensus, moderator; null when there was none); answers the score as given, 201
/// when there was none before, 200 when it replaced one.
struct Scored {
    std::string bid;
    std::string question;
    std::int64_t score = 0;
    std::string rationale;
};
Reply recordScore(Context& context, const char* type, const Scored& scored, const std::optional<Row>& previous);
/// A file name without a folder part.
void requireFileName(const std::string& file);
/// A panel member's user, name, questions (null for every question) and moderator flag, as
/// members of the object `out` has open: the shape of the panel call's "evaluators".
void memberFields(JsonOut& out, const PanelMember& member);

}  // namespace tenderscore::server
