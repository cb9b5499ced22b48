#include "xml/readers.hpp"

#include <algorithm>
#include <cstring>
#include <sstream>
#include <string_view>

namespace tenderscore::xml {

namespace {

constexpr int maxScore = 100;

/// The text of a recusal or a rejection: the panel's reason, which the record needs.
std::string reasonOf(ElementReader& e, const char* what) {
    std::string reason = e.content();
    if (isBlank(reason)) {
        e.error("reason",
                std::string(what) + " needs its reason as the element's text, not only spaces or invisible characters");
    }
    return reason;
}

/// The questions an evaluator is assigned: ids separated by whitespace, each once. A list with
/// something else in it is reported and read as unknown (nothing), so that no mark is called
/// unassigned, nor missing, because of it: the pack is refused anyway.
std::optional<std::vector<std::string>> assignedQuestions(ElementReader& e, const std::string& list) {
    std::vector<std::string> questions;
    bool valid = true;
    std::istringstream words(list);
    std::string word;
    while (words >> word) {
        if (!isId(word)) {
            e.error("id", "attribute 'questions' lists '" + word + "', which is not an id");
            valid = false;
        } else if (std::find(questions.begin(), questions.end(), word) != questions.end()) {
            e.error("assignment", "attribute 'questions' lists question '" + word + "' more than once");
        } else {
            questions.push_back(word);
        }
    }
    return valid ? std::optional<std::vector<std::string>>(std::move(questions)) : std::nullopt;
}

Evaluator readEvaluator(const XmlSource& source, pugi::xml_node node, Diagnostics& errors) {
    ElementReader e(source, node, errors, {"id", "name", "questions"});
    Evaluator evaluator;
    evaluator.at = e.at();
    assign(evaluator.id, e.id("id"));
    assign(evaluator.name, e.text("name", false));
    if (const auto list = e.text("questions", false)) {
        evaluator.questions = assignedQuestions(e, *list);
        evaluator.questionsUnread = !evaluator.questions;
    }
    (void)e.children({});
    return evaluator;
}

}  // namespace

std::optional<Scores> readScores(const XmlSource& source, Diagnostics& errors) {
    ElementReader root(source, source.root(), errors, {"tender"});
    Scores scores;
    scores.at = root.at();
    assign(scores.tender, root.id("tender"));
    const std::vector<pugi::xml_node> children = root.children(
        {{{"evaluator"}, 0, many}, {{"recusal"}, 0, many}, {{"rejected"}, 0, many}, {{"mark", "consensus"}, 0, many}});
    // Sized once: the scores of a large pack are the biggest document, and growing its lists by
    // doubling would hold two copies of each at once.
    const auto count = [&](const char* wanted) {
        return static_cast<std::size_t>(std::count_if(children.begin(), children.end(), [&](pugi::xml_node child) {
            return std::strcmp(XmlSource::localName(child), wanted) == 0;
        }));
    };
    scores.marks.reserve(count("mark"));
    scores.consensus.reserve(count("consensus"));
    for (const pugi::xml_node child : children) {
        const std::string_view name = XmlSource::localName(child);
        if (name == "evaluator") {
            scores.evaluators.push_back(readEvaluator(source, child, errors));
        } else if (name == "recusal") {
            ElementReader e(source, child, errors, {"evaluator", "bid"});
            Recusal recusal;
            recusal.at = e.at();
            assign(recusal.evaluator, e.id("evaluator"));
            assign(recusal.bid, e.id("bid"));
            recusal.reason = reasonOf(e, "a recusal");
            scores.recusals.push_back(std::move(recusal));
        } else if (name == "rejected") {
            ElementReader e(source, child, errors, {"file"});
            RejectedFile rejected;
            rejected.at = e.at();
            assign(rejected.file, e.text("file"));
            if (rejected.file.empty() || rejected.file.find_first_of("/\\") != std::string::npos ||
                rejected.file == "." || rejected.file == "..") {
                e.error("rejected-file",
                        "attribute 'file' must name a file in the bids folder, without a folder part; got '" +
                            rejected.file + "'");
            }
            rejected.reason = reasonOf(e, "a rejected file");
            scores.rejected.push_back(std::move(rejected));
        } else if (name == "mark") {
            ElementReader e(source, child, errors, {"bid", "question", "evaluator", "score"});
            Mark mark;
            mark.at = e.at();
            assign(mark.bid, e.id("bid"));
            assign(mark.question, e.id("question"));
            assign(mark.evaluator, e.id("evaluator"));
            assign(mark.score, e.integer("score", true, 0, maxScore));
            mark.rationale = e.content();
            scores.marks.push_back(std::move(mark));
        } else {
            ElementReader e(source, child, errors, {"bid", "question", "score", "moderator"});
            ConsensusScore consensus;
            consensus.at = e.at();
            assign(consensus.bid, e.id("bid"));
            assign(consensus.question, e.id("question"));
            assign(consensus.score, e.integer("score", true, 0, maxScore));
            assign(consensus.moderator, e.id("moderator", false));
            consensus.rationale = e.content();
            scores.consensus.push_back(std::move(consensus));
        }
        source.release(child);
    }
    return scores;
}

std::optional<Scores> readScoresBytes(std::string bytes, const std::string& name, const ReadLimits& limits) {
    Diagnostics errors;
    const auto source = XmlSource::parse(std::move(bytes), name, "scores", scoresNamespace, errors, limits);
    return source ? readScores(*source, errors) : std::nullopt;
}

}  // namespace tenderscore::xml
