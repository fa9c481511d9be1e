#include "selection/SelectionParams.h"

#include "common/Error.h"
#include "common/FieldError.h"

namespace dq {
namespace {

struct MethodName {
    SelectionMethod method;
    const char* name;
};
constexpr MethodName kMethods[] = {
    {SelectionMethod::Random, "random"},
    {SelectionMethod::KCenter, "kcenter"},
    {SelectionMethod::Herding, "herding"},
    {SelectionMethod::Moderate, "moderate"},
    {SelectionMethod::Uncertainty, "uncertainty"},
    {SelectionMethod::El2n, "el2n"},
    {SelectionMethod::Grand, "grand"},
    {SelectionMethod::Forgetting, "forgetting"},
    {SelectionMethod::Aum, "aum"},
    {SelectionMethod::Ccs, "ccs"},
    {SelectionMethod::Submodular, "submodular"},
};

struct ScoreName {
    ScoreKind score;
    const char* name;
};
constexpr ScoreName kScores[] = {
    {ScoreKind::El2n, "el2n"},     {ScoreKind::Grand, "grand"},     {ScoreKind::LeastConfidence, "least-confidence"},
    {ScoreKind::Margin, "margin"}, {ScoreKind::Entropy, "entropy"}, {ScoreKind::Forgetting, "forgetting"},
    {ScoreKind::Aum, "aum"},
};

} // namespace

const char* selectionMethodName(SelectionMethod m)
{
    for (const MethodName& n : kMethods)
        if (n.method == m)
            return n.name;
    return "?";
}

const std::vector<std::string>& selectionMethodNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const MethodName& n : kMethods)
            v.emplace_back(n.name);
        return v;
    }();
    return names;
}

SelectionMethod parseSelectionMethod(const std::string& name)
{
    for (const MethodName& n : kMethods)
        if (name == n.name)
            return n.method;
    std::string all;
    for (const MethodName& n : kMethods)
        all += std::string(all.empty() ? "" : ", ") + n.name;
    throw FieldError("method", "unknown method '" + name + "' (expected " + all + ")");
}

const char* scoreKindName(ScoreKind s)
{
    for (const ScoreName& n : kScores)
        if (n.score == s)
            return n.name;
    return "?";
}

ScoreKind parseScoreKind(const std::string& name)
{
    for (const ScoreName& n : kScores)
        if (name == n.name)
            return n.score;
    throw FieldError("score", "unknown score '" + name +
                                  "' (expected el2n, grand, forgetting, aum, least-confidence, margin or entropy)");
}

} // namespace dq
