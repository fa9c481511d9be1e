#pragma once
// What dq select and dq evaluate --methods ask for and get back. No torch here.
#include "submodular/SubmodularFunction.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

// The coreset-selection methods (docs: coreset-methods.md; README "dq select").
enum class SelectionMethod {
    Random,
    KCenter,
    Herding,
    Moderate,
    Uncertainty,
    El2n,
    Grand,
    Forgetting,
    Aum,
    Ccs,
    Submodular
};
const char* selectionMethodName(SelectionMethod m); // "kcenter", ...
SelectionMethod parseSelectionMethod(const std::string& name); // throws FieldError("method")
const std::vector<std::string>& selectionMethodNames();

// A per-sample difficulty from the trained model's logits or its training: larger is harder.
enum class ScoreKind { El2n, Grand, LeastConfidence, Margin, Entropy, Forgetting, Aum };
// "el2n", "grand", "least-confidence", "margin", "entropy", "forgetting", "aum"
const char* scoreKindName(ScoreKind s);
ScoreKind parseScoreKind(const std::string& name); // throws FieldError("score")

// Herding's rule: Welling's / iCaRL's arg-min of || mu - (S + x) / (k + 1) || (the paper),
// or DeepCore's arg-max of the same norm (for parity with its published numbers).
enum class HerdingRule { Paper, DeepCoreArgMax };

struct SelectionParams {
    SelectionMethod method = SelectionMethod::Random;
    std::filesystem::path features; // a features folder (dq features)
    double ratio = 0.125;
    std::uint64_t seed = 0;
    bool balance = true; // per-class budgets; false: one pool
    std::filesystem::path budgetBins; // per-class budgets = what dq sample keeps from these bins
    ScoreKind score = ScoreKind::El2n; // uncertainty and ccs; uncertainty defaults to least-confidence
    bool scoreGiven = false; // --score was given (uncertainty takes its own default)
    HerdingRule herding = HerdingRule::Paper;
    double ccsHardFraction = 0.1; // CCS: the hardest fraction pruned first (beta)
    int ccsStrata = 50; // CCS: equal-width strata of the score range
    FunctionKind function = FunctionKind::GraphCut; // submodular
    double lambda = 1.0; // GraphCut's coverage weight
    int threads = 0; // classes in parallel; 0: workerThreads()
};

struct ScoreSummary {
    std::string name; // the score, empty when the method has none
    double min = 0, mean = 0, max = 0; // over all samples
    double selectedMin = 0, selectedMean = 0, selectedMax = 0; // over the selected
};

struct SelectionResult {
    std::string method; // the name, with the score or rule where it has one
    std::vector<std::int64_t> indices; // ascending
    std::int64_t datasetSize = 0;
    std::vector<std::int64_t> classBudgets; // per class (one entry without balance)
    std::vector<std::int64_t> classCounts; // per class of the selection (empty without labels)
    std::string budgetSource; // "round(ratio x class size)" or the bins folder
    ScoreSummary score;
    double coveringRadius = -1; // k-center: the largest distance to the nearest selected sample
    std::string featuresUsed; // which file(s) the method read
    double loadSeconds = 0, selectSeconds = 0, totalSeconds = 0;
    int threads = 1;
};

} // namespace dq
