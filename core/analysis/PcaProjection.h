#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

struct NpyArray;
struct FeaturesFolder;
class Progress;
class CancelToken;

// A 2-D picture of N feature rows: their coordinates on the first two principal axes.
struct Projection {
    std::int64_t rows = 0;
    std::vector<float> x, y;
    double explained[2] = {0, 0}; // fraction of the total variance along each axis
    std::string source; // what was projected, e.g. "pixels.npy (784-d)"
};

// PCA of the first `rows` rows (0: all) of an N x D float32/float64 array: the centred
// rows projected on the top two right singular vectors, found by seeded randomized
// subspace iteration (Halko, Martinsson, Tropp 2011: 8 extra directions, 4 power
// iterations), so that the same features always give the same picture. The centred
// matrix is never formed. Each axis's largest loading is made positive.
Projection pcaProjection(const NpyArray& features, Progress& progress, const CancelToken& cancel, std::int64_t rows = 0);

// The projection of a features folder: its pixels or embedding; for gradient features
// the embedding e (the factor that carries the image's content).
Projection projectFeaturesFolder(const FeaturesFolder& folder, Progress& progress, const CancelToken& cancel);

} // namespace dq
