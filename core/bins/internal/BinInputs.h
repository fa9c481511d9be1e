#pragma once
#include "bins/BinsFolder.h"
#include "submodular/SimilaritySpace.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace dq {

struct NpyArray;

// Features ready for the engine: the similarity space over them, their labels (may be
// empty) and what to record about them.
struct BinInputs {
    std::shared_ptr<const SimilaritySpace> space;
    std::vector<int> labels;
    BinsInputInfo info;
    // The float32 matrices behind the space (features; or the factors b, e), for keys
    // that depend on their content.
    std::vector<std::shared_ptr<const NpyArray>> matrices;
};

// Labels from a 1-D integer .npy of `rows` entries (checked against the features).
std::vector<int> loadLabels(const std::filesystem::path& labels, std::int64_t rows, const std::filesystem::path& features);

// Dense N x D float32/float64 features (float64 is converted to float32, the precision
// the reference computes in). `labels` may be empty.
BinInputs loadDenseInputs(const std::filesystem::path& features, const std::filesystem::path& labels, Kernel kernel);
// Gradient factors b (N x C) and e (N x D) from two .npy files.
BinInputs loadGradientInputs(const std::filesystem::path& b, const std::filesystem::path& e,
                             const std::filesystem::path& labels, Kernel kernel);
// Features already in memory (N x D float32), e.g. pixels of a dataset.
BinInputs denseInputsFromArray(NpyArray features, std::vector<int> labels, const std::string& source, Kernel kernel);
// The same without a copy: the space shares the matrix.
BinInputs denseInputsFromArray(std::shared_ptr<const NpyArray> features, std::vector<int> labels, const std::string& source,
                               Kernel kernel);

} // namespace dq
