#include "SyntheticFeatures.h"

#include <cmath>
#include <random>

namespace dqbench {

dq::NpyArray unitVectorsAroundDirection(std::int64_t n, std::int64_t d, double cosToMean, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> m(static_cast<std::size_t>(d));
    double norm = 0;
    for (auto& x : m) {
        x = g(rng);
        norm += static_cast<double>(x) * x;
    }
    for (auto& x : m)
        x = static_cast<float>(x / std::sqrt(norm));
    // |g / sqrt(d)| is about 1, so cos(v, m) = 1 / sqrt(1 + tau^2).
    const double tau = std::sqrt(1.0 / (cosToMean * cosToMean) - 1.0);
    const float scale = static_cast<float>(tau / std::sqrt(static_cast<double>(d)));
    dq::NpyArray a;
    a.dtype = dq::DType::Float32;
    a.shape = {n, d};
    a.bytes.resize(static_cast<std::size_t>(n * d) * 4);
    float* out = a.data<float>();
    for (std::int64_t i = 0; i < n; ++i) {
        float* row = out + i * d;
        double s = 0;
        for (std::int64_t k = 0; k < d; ++k) {
            row[k] = m[static_cast<std::size_t>(k)] + scale * g(rng);
            s += static_cast<double>(row[k]) * row[k];
        }
        const float inv = static_cast<float>(1.0 / std::sqrt(s));
        for (std::int64_t k = 0; k < d; ++k)
            row[k] *= inv;
    }
    return a;
}

dq::NpyArray clusteredReluFeatures(std::int64_t n, std::int64_t d, int classes, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> means(static_cast<std::size_t>(classes * d));
    for (auto& x : means)
        x = g(rng);
    dq::NpyArray a;
    a.dtype = dq::DType::Float32;
    a.shape = {n, d};
    a.bytes.resize(static_cast<std::size_t>(n * d) * 4);
    float* out = a.data<float>();
    for (std::int64_t i = 0; i < n; ++i) {
        const float* mean = means.data() + (i % classes) * d;
        for (std::int64_t k = 0; k < d; ++k)
            out[i * d + k] = std::max(0.0f, mean[k] + g(rng));
    }
    return a;
}

std::vector<std::int64_t> roundRobinLabels(std::int64_t n, int classes)
{
    std::vector<std::int64_t> l(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        l[static_cast<std::size_t>(i)] = i % classes;
    return l;
}

} // namespace dqbench
