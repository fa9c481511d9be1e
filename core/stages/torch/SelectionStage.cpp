#include "stages/torch/SelectionStage.h"

#include "common/FieldError.h"
#include "features/FeaturesFolder.h"
#include "features/internal/ScoreSeedFeatures.h"
#include "selection/internal/ClassBudgets.h"
#include "selection/internal/CoresetSelection.h"
#include "common/JobContext.h"

namespace fs = std::filesystem;

namespace dq {
namespace {

// The folder given, or the dataset's features from the Features stage.
fs::path featuresFolder(const SelectionStageParams& p, JobContext& ctx, bool& fromCache)
{
    const bool dataset = p.dataset.data || !p.dataset.spec.empty();
    if (!p.selection.features.empty() && dataset)
        throw FieldError("features", "give either a features folder or a dataset with a model, not both");
    if (!p.selection.features.empty())
        return p.selection.features;
    if (!dataset)
        throw FieldError("features", "needs a features folder (dq features), or a dataset with a model");
    const FeaturesResult r = runFeatures(p.dataset, ctx);
    fromCache = r.fromCache;
    return r.folder;
}

} // namespace

SelectionStageResult runSelection(const SelectionStageParams& p, JobContext& ctx)
{
    // Every choice is checked before the features or the trainings are computed.
    if (!(p.selection.ratio > 0.0 && p.selection.ratio <= 1.0))
        classBudgets({}, 1, p.selection.ratio, false, {}); // the ratio's FieldError
    checkScoreSeeds(p.selection, p.scoreSeeds);
    SelectionStageResult r;
    SelectionParams s = p.selection;
    s.features = featuresFolder(p, ctx, r.featuresFromCache);
    r.features = s.features;
    std::vector<fs::path> others;
    if (p.scoreSeeds > 1) {
        ScoreSeedOptions seeds;
        seeds.seeds = p.scoreSeeds;
        seeds.device = p.dataset.network.device;
        seeds.cacheDir = p.dataset.network.cacheDir;
        others = scoreSeedFolders(s.features, seeds, ctx);
        others.erase(others.begin()); // the features' own
    }
    const SelectionInputs in = loadSelectionInputs(s.features);
    r.selection = selectCoreset(in, s, ctx.progress(), ctx.cancel(), others, &r.trainings);
    r.datasetName = in.folder.datasetName.empty() ? fs::absolute(s.features).filename().string() : in.folder.datasetName;
    return r;
}

} // namespace dq
