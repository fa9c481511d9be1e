#pragma once
#include <cstdint>
#include <vector>

namespace dq {

// What sets one bin apart from the others, from the features the bins were made of. In
// the balanced form every bin holds the same number of each class, so counts say
// nothing; how close its members lie to their class's centre does.
struct BinProfile {
    std::int64_t count = 0;
    double meanSimilarity = 0; // mean cosine similarity of a member to its class centre
    double spread = 0; // standard deviation of that similarity over the members
    double meanDistance = 0; // mean Euclidean distance of a member to its class centre
    // Members that show the bin: with labels, one per class in class order (the member of
    // that class whose similarity is the bin's median for it; -1 where the bin has none of
    // the class); without labels, members at evenly spaced quantiles of the similarity.
    std::vector<std::int64_t> examples;
};

// Profiles `bins` (row indices into `features`, rows x dim, row-major) against the class
// centres (the mean feature of every row of a class; one centre of all rows without
// labels). `labels`: one per row, or empty. `examples`: the most members to show per
// bin. Plain C++, O(rows x dim); rows out of range are ignored.
std::vector<BinProfile> profileBins(const float* features, std::int64_t rows, std::int64_t dim,
                                    const std::vector<int>& labels, const std::vector<std::vector<std::int64_t>>& bins,
                                    int examples);

} // namespace dq
