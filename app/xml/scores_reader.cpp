#include "xml/readers.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace tenderscore::xml {

namespace {

constexpr int maxScore = 100;

}  // namespace

std::optional<Scores> readScores(const XmlSource& source, Diagnostics& errors) {
    ElementReader root(source, source.root(), errors, {"tender"});
    Scores scores;
    scores.at = root.at();
    assign(scores.tender, root.id("tender"));
    const std::vector<pugi::xml_node> children =
        root.children({{{"evaluator"}, 0, many}, {{"mark", "consensus"}, 0, many}});
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
            ElementReader e(source, child, errors, {"id", "name"});
            Evaluator evaluator;
            evaluator.at = e.at();
            assign(evaluator.id, e.id("id"));
            assign(evaluator.name, e.text("name", false));
            (void)e.children({});
            scores.evaluators.push_back(std::move(evaluator));
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
