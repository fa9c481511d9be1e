#include "features/internal/ScoreSeedFeatures.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "features/FeatureExtractor.h"
#include "features/FeaturesFolder.h"
#include "features/internal/FeaturesRecipe.h"
#include "common/JobContext.h"

namespace fs = std::filesystem;

namespace dq {

std::vector<fs::path> scoreSeedFolders(const fs::path& baseDir, const ScoreSeedOptions& o, JobContext& ctx)
{
    if (o.seeds < 1)
        throw FieldError("score-seeds", "must be at least 1, got " + std::to_string(o.seeds));
    std::vector<fs::path> folders{baseDir};
    if (o.seeds == 1)
        return folders;
    const std::string where = baseDir.string();
    const FeaturesFolder folder = readFeaturesFolder(baseDir);
    const FeaturesRecipe base = readFeaturesRecipe(baseDir);
    if (base.datasetSpec.empty() || base.model.empty() || base.split.empty())
        throw FieldError("score-seeds", where + " does not record the dataset and model it was made from (dq features "
                                                "writes them): it cannot be trained again with other seeds");
    if (base.epochs < 1)
        throw FieldError("score-seeds", where + " comes from an untrained network (epochs 0): averaging scores over "
                                                "seeds needs features of a network trained for 1 epoch or more");
    const DatasetBundle bundle = openDataset(base.datasetSpec);
    const auto split = bundle.split(base.split);
    FeatureParams p;
    p.model = base.model;
    p.weights = base.weights;
    p.epochs = base.epochs;
    p.mode = base.mode;
    p.device = o.device;
    p.limit = base.limit;
    p.imageSize = base.imageSize;
    p.cacheDir = o.cacheDir;
    p.datasetSpec = base.datasetSpec;
    p.datasetName = bundle.name;
    for (int s = 1; s < o.seeds; ++s) {
        ctx.cancel().throwIfCancelled();
        p.seed = base.seed + static_cast<std::uint64_t>(s);
        const FeatureResult r = extractFeatures(*split, p, ctx);
        const FeaturesFolder f = readFeaturesFolder(r.folder);
        if (f.rows != folder.rows)
            throw Error(r.folder.string(), "holds " + std::to_string(f.rows) + " rows, but " + where + " holds " +
                                               std::to_string(folder.rows) + ": the dataset changed");
        folders.push_back(r.folder);
    }
    return folders;
}

} // namespace dq
