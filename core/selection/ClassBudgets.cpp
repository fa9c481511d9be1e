#include "selection/internal/ClassBudgets.h"

#include "bins/BinSampler.h"
#include "bins/BinsFolder.h"
#include "bins/internal/PythonRound.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/NumberText.h"

#include <cmath>
#include <numeric>

namespace dq {

int classCountOf(const std::vector<int>& labels, const std::string& source)
{
    int classes = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0)
            throw Error(source, "label of sample " + std::to_string(i) + " is " + std::to_string(labels[i]) +
                                    " (selection needs a label >= 0 for every sample)");
        classes = std::max(classes, labels[i] + 1);
    }
    return classes;
}

ClassBudgets classBudgets(const std::vector<int>& labels, std::int64_t rows, double ratio, bool balance,
                          const std::filesystem::path& binsDir)
{
    if (!(ratio > 0.0 && ratio <= 1.0) || !std::isfinite(ratio))
        throw FieldError("ratio", "must lie in (0, 1], got " + pythonFloatText(ratio));
    if ((balance || !binsDir.empty()) && labels.empty())
        throw FieldError("balance", "class-balanced budgets need labels.npy in the features folder");
    const int classes = labels.empty() ? 0 : classCountOf(labels, "labels.npy");
    std::vector<std::int64_t> perClass(static_cast<std::size_t>(classes), 0);
    ClassBudgets b;
    if (!binsDir.empty()) {
        const BinsFolderContent bins = readBinsFolder(binsDir);
        if (bins.datasetSize != rows)
            throw Error(binsDir.string(), "bins of " + std::to_string(bins.datasetSize) +
                                              " samples, but the features have " + std::to_string(rows) + " rows");
        if (!bins.labels.empty() && bins.labels != labels)
            throw Error(binsDir.string(),
                        "its labels differ from the features' labels.npy: the bins were made from other data");
        // The seed only picks members, never counts: any seed gives dq sample's counts.
        const SampleResult s = sampleBins(bins.bins, labels, rows, ratio, 0);
        for (const std::int64_t i : s.indices)
            ++perClass[static_cast<std::size_t>(labels[static_cast<std::size_t>(i)])];
        b.source = "dq sample's per-class counts from " + binsDir.string();
    } else if (classes > 0) {
        std::vector<std::int64_t> sizes(static_cast<std::size_t>(classes), 0);
        for (const int l : labels)
            ++sizes[static_cast<std::size_t>(l)];
        for (std::size_t c = 0; c < sizes.size(); ++c)
            perClass[c] = pythonRound(ratio * static_cast<double>(sizes[c]));
        b.source = "round(ratio x class size)";
    }
    if (balance) {
        b.perClass = perClass;
    } else {
        b.perClass = {binsDir.empty() ? pythonRound(ratio * static_cast<double>(rows))
                                      : std::accumulate(perClass.begin(), perClass.end(), std::int64_t{0})};
        b.source = binsDir.empty() ? "round(ratio x n), one pool" : b.source + ", summed into one pool";
    }
    return b;
}

} // namespace dq
