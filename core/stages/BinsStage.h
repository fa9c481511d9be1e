#pragma once
#include "bins/BinGenerator.h"
#include "bins/BinsFolder.h"
#include "submodular/SimilaritySpace.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace dq {

struct BinInputs;
struct NpyArray;
class JobContext;

// What the bins are computed on: exactly one of a dense .npy, gradient factors, or a
// matrix already in memory (a dataset's pixels, a feature dataset's rows).
struct BinsSource {
    std::filesystem::path features; // N x D float32/float64 .npy
    std::filesystem::path gradientB, gradientE; // N x C and N x D factors
    std::filesystem::path labels; // 1-D integer .npy, or empty (with the files above)
    std::shared_ptr<const NpyArray> matrix; // N x D float32
    std::vector<int> matrixLabels; // with matrix; may be empty
    std::string source; // names the input in bins.json (default: the files)
    std::string matrixFingerprint; // of the data behind the matrix, for bins.json
    bool dropLabels = false; // data without classes: the unbalanced form's input
};

struct BinsParams {
    BinsSource source;
    BinParams engine; // bins, function, greedy, lambda, balance, memory, ranks
    Kernel kernel = Kernel::Cosine;
    std::string name = "bins"; // the file names of a new cache entry (select_indices_<name>_exp<b>.npy)
    std::filesystem::path cacheDir; // empty: defaultCacheDir()
    bool useCache = true; // false: nothing read or written (across ranks)
    bool reuseCache = true; // false: recompute and replace the entry
};

struct BinsResult {
    BinResult bins; // as computed (from the cache: when it was computed)
    std::vector<int> labels; // per row; empty without labels
    BinsInputInfo input; // of this call's inputs, for a bins.json written from it
    std::filesystem::path folder; // the cache entry, a bins folder as dq bins writes it; empty without a cache
    bool fromCache = false;
    std::string key; // 16 hex digits: the entry's name
};

// The Bins stage of dq bins and DQ Studio: loads the inputs, looks for an entry keyed by
// their content (the float32 matrices, the labels) and every parameter that changes the
// bins, else runs generateBins and stores the result atomically. A damaged entry is
// computed again with the note "bins.cache-repaired". Throws dq::Error (with a field id
// where a parameter is wrong) and dq::Cancelled.
BinsResult runBins(const BinsParams& params, JobContext& context);

// The key alone (for tests and tools): what the inputs' content and the parameters give.
std::string binsKey(const BinInputs& inputs, const BinsParams& params);

} // namespace dq
