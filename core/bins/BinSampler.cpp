#include "bins/BinSampler.h"

#include "bins/internal/PythonRound.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "submodular/internal/SeededRandom.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace dq {

SampleResult sampleBins(const std::vector<std::vector<std::int64_t>>& bins, const std::vector<int>& labels,
                        std::int64_t datasetSize, double ratio, std::uint64_t seed)
{
    if (!(ratio > 0.0 && ratio <= 1.0) || !std::isfinite(ratio))
        throw FieldError("ratio", "must lie in (0, 1], got " + std::to_string(ratio));
    SampleResult r;
    r.datasetSize = datasetSize;
    r.requestedRatio = ratio;
    for (std::size_t b = 0; b < bins.size(); ++b) {
        // Members grouped by class (one group without labels), each group ascending.
        std::map<int, std::vector<std::int64_t>> groups;
        for (const std::int64_t i : bins[b]) {
            if (i < 0 || i >= datasetSize)
                throw Error("bin " + std::to_string(b), "index " + std::to_string(i) + " outside the dataset of " +
                                                            std::to_string(datasetSize) + " samples");
            groups[labels.empty() ? 0 : labels[static_cast<std::size_t>(i)]].push_back(i);
        }
        std::int64_t drawn = 0;
        for (auto& [label, members] : groups) {
            std::sort(members.begin(), members.end());
            const auto k =
                static_cast<std::size_t>(std::min<std::int64_t>(pythonRound(ratio * static_cast<double>(members.size())),
                                                                static_cast<std::int64_t>(members.size())));
            SeededRandom rng(seed, static_cast<std::uint64_t>(b) * 65537 + static_cast<std::uint64_t>(label));
            for (std::size_t j = 0; j < k; ++j)
                std::swap(members[j], members[j + rng.below(members.size() - j)]);
            std::sort(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(k));
            r.indices.insert(r.indices.end(), members.begin(), members.begin() + static_cast<std::ptrdiff_t>(k));
            drawn += static_cast<std::int64_t>(k);
        }
        r.perBin.push_back(drawn);
    }
    r.trueRatio = datasetSize > 0 ? static_cast<double>(r.indices.size()) / static_cast<double>(datasetSize) : 0.0;
    return r;
}

} // namespace dq
