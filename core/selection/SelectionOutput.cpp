#include "selection/SelectionOutput.h"

#include "common/AtomicFile.h"
#include "common/NumberText.h"
#include "io/Npy.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {

std::string selectionFileName(const std::string& name, SelectionMethod method, double ratio)
{
    return "select_indices_" + name + "_" + selectionMethodName(method) + "_" + pythonFloatText(ratio) + ".npy";
}

std::string selectionJson(const SelectionResult& r, const SelectionParams& p, const std::string& indicesFile,
                          const ScoreTrainings* trainings)
{
    json params{{"ratio", p.ratio},
                {"seed", p.seed},
                {"balance", p.balance},
                {"budget_bins", p.budgetBins.empty() ? json(nullptr) : json(p.budgetBins.string())}};
    switch (p.method) {
    case SelectionMethod::Herding:
        params["rule"] = p.herding == HerdingRule::Paper ? "paper (arg-min)" : "deepcore (arg-max)";
        break;
    case SelectionMethod::Ccs:
        params["hard_fraction"] = p.ccsHardFraction;
        params["strata"] = p.ccsStrata;
        break;
    case SelectionMethod::Submodular:
        params["function"] = functionName(p.function);
        params["lambda"] = p.lambda;
        params["greedy"] = "lazy";
        break;
    default:
        break;
    }
    if (trainings && !trainings->seeds.empty()) {
        params["score_seeds"] = trainings->seeds;
        params["score_features"] = trainings->folders;
    }
    json j{{"format", "dq-select"},
           {"format_version", 1},
           {"method", r.method},
           {"features", p.features.empty() ? json(nullptr) : json(fs::absolute(p.features).string())},
           {"features_used", r.featuresUsed},
           {"parameters", params},
           {"indices_file", indicesFile},
           {"count", r.indices.size()},
           {"dataset_size", r.datasetSize},
           {"true_ratio",
            r.datasetSize > 0 ? static_cast<double>(r.indices.size()) / static_cast<double>(r.datasetSize) : 0.0},
           {"budgets", r.classBudgets},
           {"budget_source", r.budgetSource},
           {"class_counts", r.classCounts},
           {"timings", {{"load_s", r.loadSeconds}, {"select_s", r.selectSeconds}, {"total_s", r.totalSeconds}}},
           {"threads", r.threads}};
    if (!r.score.name.empty())
        j["score"] = {{"name", r.score.name},
                      {"all", {{"min", r.score.min}, {"mean", r.score.mean}, {"max", r.score.max}}},
                      {"selected",
                       {{"min", r.score.selectedMin}, {"mean", r.score.selectedMean}, {"max", r.score.selectedMax}}}};
    if (r.coveringRadius >= 0)
        j["covering_radius"] = r.coveringRadius;
    return j.dump(2) + "\n";
}

fs::path writeSelection(const fs::path& dir, const std::string& name, const SelectionResult& r, const SelectionParams& p,
                        const ScoreTrainings* trainings)
{
    fs::create_directories(dir);
    const fs::path indices = dir / selectionFileName(name, p.method, p.ratio);
    writeNpy(indices, NpyArray::fromVector(r.indices));
    writeFileAtomically(dir / "select.json", selectionJson(r, p, indices.filename().string(), trainings));
    return indices;
}

} // namespace dq
