#pragma once
// Core-private: the subsets of an evaluation, read and checked before any training.
#include "datasets/Dataset.h"
#include "evaluation/EvaluationParams.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dq {

class ImageFolderDataset;
class JobContext;

struct ResolvedSubset {
    SubsetSpec spec;
    std::string source; // for reports: the file, folder, bins folder or template
    std::vector<std::int64_t> indices; // ascending train indices; empty for Random (drawn per seed)
    // Reconstructed: the folder's images, replacement->image(k) standing for indices[k].
    std::shared_ptr<const Dataset> replacement;
    std::vector<std::int64_t> classCounts;
    std::string contentKey; // hash of the indices (and the replacement images' bytes)
    std::int64_t storedBytes = 0; // Codec: the encoded files' total
};

// Reads and checks every subset of `params` (and the sweep's), in order: index files
// (1-D integers, in range, no repeats; the first offender named), reconstructed folders
// (manifest.csv rows that match the train split's indices, labels, classes and image
// size), random subsets (the template named must exist), the full split, the sweep from
// a bins folder of this split, the methods' selections from the features folder (run here,
// reporting on the context's progress; EL2N and GraNd averaged over params.scoreSeeds
// trainings, made or read from the cache as dq select --score-seeds makes them). Throws
// dq::Error naming the file, dq::FieldError naming the parameter.
std::vector<ResolvedSubset> resolveSubsets(const EvaluationParams& params, const Dataset& train, JobContext& context);
std::vector<ResolvedSubset> resolveSubsets(const EvaluationParams& params, const Dataset& train);

// The cache's name for a list of train indices (16 hex digits).
std::string indicesContentKey(const std::vector<std::int64_t>& indices);

// A random subset with `classCounts[c]` samples of every class c of `train`, drawn
// uniformly without replacement (SplitMix64 seeded with `seed` and a stream per class,
// partial Fisher-Yates over the class's samples in ascending order); ascending.
// Only the first `pool` samples are drawn from (0: all).
std::vector<std::int64_t> drawLikeCounts(const Dataset& train, const std::vector<std::int64_t>& classCounts,
                                         std::uint64_t seed, std::int64_t pool = 0);

// The samples of a subset as a dataset of their own: sample k is train sample indices[k],
// or replacement sample k where there is a replacement (same label, same size).
class SubsetDataset : public Dataset {
public:
    SubsetDataset(const Dataset& train, std::vector<std::int64_t> indices, std::shared_ptr<const Dataset> replacement,
                  std::string fingerprint);

    std::int64_t size() const override { return static_cast<std::int64_t>(indices_.size()); }
    const std::vector<std::string>& classNames() const override { return train_.classNames(); }
    int label(std::int64_t i) const override;
    Image image(std::int64_t i) const override;
    ImageShape imageShape() const override { return train_.imageShape(); }
    bool fixedShape() const override { return train_.fixedShape(); }
    std::string split() const override { return train_.split(); }
    std::string fingerprint() const override { return fingerprint_; }

private:
    const Dataset& train_;
    std::vector<std::int64_t> indices_;
    std::shared_ptr<const Dataset> replacement_;
    std::string fingerprint_;
};

} // namespace dq
