// The route table: every call of the contract (docs/server.md), who may make it, in which phases,
// and what a caller may never do with it whatever the phase (its guard).
#include "server/handlers.hpp"

namespace tenderscore::server {

const std::vector<Route>& routes() {
    constexpr unsigned staff = Admin | Auditor;
    constexpr unsigned readers = Admin | Auditor | Moderator;
    static const std::vector<Route> table{
        // Signing in and out.
        {"POST", "/api/session", Public, AnyPhase, nullptr, login},
        {"DELETE", "/api/session", AnyUser, AnyPhase, logout},
        // Setting an evaluation up.
        {"POST", "/api/evaluations", Admin, AnyPhase, createEvaluation},
        {"PUT", "/api/evaluations/{id}/bids/{file}", Admin, Setup, putBid},
        {"POST", "/api/evaluations/{id}/rejections", Admin, Setup | Scoring, postRejection},
        {"PUT", "/api/evaluations/{id}/panel", Admin, Setup, putPanel},
        {"POST", "/api/evaluations/{id}/open-scoring", Admin, Setup, openScoring},
        // Each evaluator's scoring.
        {"PUT", "/api/evaluations/{id}/declaration", Panel, Scoring, putDeclaration},
        {"GET", "/api/evaluations/{id}/worklist", Panel, Scoring, getWorklist},
        {"PUT", "/api/evaluations/{id}/marks/{bid}/{question}", Panel, Scoring, putMark, nullptr, mayMark},
        {"POST", "/api/evaluations/{id}/submit", Panel, Scoring, submitMarks},
        // The panel's progress.
        {"GET", "/api/evaluations/{id}", staff | Panel, AnyPhase, getEvaluation},
        {"POST", "/api/evaluations/{id}/reopen", Admin, Scoring, reopenMark},
        {"POST", "/api/evaluations/{id}/open-moderation", Admin | Moderator, Scoring, openModeration},
        // Moderation, runs and sign-off.
        {"GET", "/api/evaluations/{id}/moderation", readers, Moderation | SignedOff, getModeration},
        {"PUT", "/api/evaluations/{id}/consensus/{bid}/{question}", Moderator, Moderation, putConsensus, nullptr,
         mayModerate},
        {"POST", "/api/evaluations/{id}/runs", Admin, Moderation, postRun},
        {"GET", "/api/evaluations/{id}/runs/{n}/{file}", readers, AnyPhase, getRunFile},
        {"POST", "/api/evaluations/{id}/approvals", Admin, Moderation, postApproval},
        // The record.
        {"GET", "/api/evaluations/{id}/events", staff, AnyPhase, getEvents},
        {"GET", "/api/evaluations/{id}/scores.xml", staff, AnyPhase, getScoresAt},
    };
    return table;
}

}  // namespace tenderscore::server
