#include "analysis/PcaProjection.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "features/FeaturesFolder.h"
#include "io/Npy.h"
#include "submodular/internal/SeededRandom.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace dq {
namespace {

constexpr int kOversampling = 8;
constexpr int kPowerIterations = 4;
constexpr std::uint64_t kStream = 0x50434131; // "PCA1"

// D x l standard normal draws (Box-Muller on SplitMix64), the same on every machine.
at::Tensor gaussianTest(std::int64_t d, std::int64_t l)
{
    SeededRandom rng(0, kStream);
    at::Tensor t = at::empty({d, l}, at::kFloat);
    float* p = t.data_ptr<float>();
    const double twoPi = 6.283185307179586;
    for (std::int64_t i = 0; i < d * l; ++i) {
        const double u1 = (static_cast<double>(rng.next() >> 11) + 1.0) * 0x1.0p-53; // (0, 1]
        const double u2 = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
        p[i] = static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(twoPi * u2));
    }
    return t;
}

at::Tensor orthonormal(const at::Tensor& a) { return std::get<0>(at::linalg_qr(a, "reduced")); }

} // namespace

Projection pcaProjection(const NpyArray& features, Progress& progress, const CancelToken& cancel, std::int64_t rows)
{
    if (features.shape.size() != 2)
        throw Error("projection",
                    "expected an N x D feature matrix, got " + std::to_string(features.shape.size()) + " dimensions");
    if (features.dtype != DType::Float32 && features.dtype != DType::Float64)
        throw Error("projection", std::string("expected float32 or float64 features, got ") + dtypeName(features.dtype));
    const std::int64_t n = rows > 0 ? std::min(rows, features.rows()) : features.rows();
    const std::int64_t d = features.shape[1];
    Projection out;
    out.rows = n;
    out.x.assign(static_cast<std::size_t>(n), 0.f);
    out.y.assign(static_cast<std::size_t>(n), 0.f);
    if (n < 2 || d < 1)
        return out;

    progress.setStage("projection", kPowerIterations + 2);
    at::Tensor x;
    if (features.dtype == DType::Float32)
        x = at::from_blob(const_cast<float*>(features.data<float>()), {n, d}, at::kFloat);
    else
        x = at::from_blob(const_cast<double*>(features.data<double>()), {n, d}, at::kDouble).to(at::kFloat);
    const at::Tensor mu = x.sum(0, true, at::kDouble).div_(static_cast<double>(n)).to(at::kFloat); // 1 x D
    // Products with the centred matrix Xc = X - 1 mu, without forming it.
    const auto mulX = [&](const at::Tensor& q) { return at::mm(x, q).sub_(at::mm(mu, q)); }; // N x l
    const auto mulXt = [&](const at::Tensor& p) { return at::mm(x.t(), p).sub_(at::mm(mu.t(), p.sum(0, true))); }; // D x l

    const std::int64_t l = std::min<std::int64_t>({d, n, 2 + kOversampling});
    at::Tensor q = orthonormal(mulX(gaussianTest(d, l)));
    progress.advance();
    for (int it = 0; it < kPowerIterations; ++it) {
        cancel.throwIfCancelled();
        q = orthonormal(mulX(orthonormal(mulXt(q))));
        progress.advance();
    }
    cancel.throwIfCancelled();
    // B = Q^T Xc (l x D); its right singular vectors approximate those of Xc.
    const at::Tensor b = mulXt(q).t().to(at::kDouble);
    const auto svd = at::linalg_svd(b, false);
    const at::Tensor s = std::get<1>(svd);
    at::Tensor v = std::get<2>(svd).narrow(0, 0, std::min<std::int64_t>(2, l)).t().contiguous(); // D x k
    for (std::int64_t k = 0; k < v.size(1); ++k) {
        at::Tensor col = v.select(1, k);
        const std::int64_t peak = col.abs().argmax().item<std::int64_t>();
        if (col[peak].item<double>() < 0)
            col.neg_();
    }
    const at::Tensor coords = mulX(v.to(at::kFloat)).contiguous(); // N x k
    double total = -static_cast<double>(n) * mu.to(at::kDouble).pow(2).sum().item<double>();
    for (std::int64_t r = 0; r < n; r += 4096) // in chunks: no second copy of a large matrix
        total += x.narrow(0, r, std::min<std::int64_t>(4096, n - r)).square().sum(at::kDouble).item<double>();
    const float* c = coords.data_ptr<float>();
    const std::int64_t k = coords.size(1);
    for (std::int64_t i = 0; i < n; ++i) {
        out.x[static_cast<std::size_t>(i)] = c[i * k];
        if (k > 1)
            out.y[static_cast<std::size_t>(i)] = c[i * k + 1];
    }
    for (std::int64_t j = 0; j < std::min<std::int64_t>(k, 2); ++j)
        out.explained[j] = total > 0 ? std::pow(s[j].item<double>(), 2) / total : 0.0;
    progress.advance();
    progress.finishStage();
    return out;
}

Projection projectFeaturesFolder(const FeaturesFolder& folder, Progress& progress, const CancelToken& cancel)
{
    const std::filesystem::path file = folder.mode == FeatureMode::Gradient ? folder.e : folder.features;
    if (file.empty())
        throw Error(folder.dir.string(), "the features folder holds no matrix to project");
    const NpyArray a = readNpy(file);
    cancel.throwIfCancelled();
    Projection p = pcaProjection(a, progress, cancel);
    p.source = file.filename().string() + " (" + std::to_string(a.shape.size() == 2 ? a.shape[1] : 0) + "-d)";
    return p;
}

} // namespace dq
