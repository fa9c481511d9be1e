#include "submodular/internal/RowChecks.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dq {

void checkFiniteRows(const float* data, std::int64_t rows, std::int64_t dim, const std::string& source)
{
    for (std::int64_t i = 0; i < rows; ++i) {
        const float* r = data + i * dim;
        for (std::int64_t k = 0; k < dim; ++k)
            if (!std::isfinite(r[k]))
                throw Error(source, "row " + std::to_string(i) + ", column " + std::to_string(k) + " is " +
                                        (std::isnan(r[k]) ? "NaN" : "infinite") + " (features must be finite)");
    }
}

std::vector<double> rowNorms(const float* data, std::int64_t rows, std::int64_t dim)
{
    std::vector<double> norms(static_cast<std::size_t>(rows));
    for (std::int64_t i = 0; i < rows; ++i) {
        const float* r = data + i * dim;
        double s = 0;
        for (std::int64_t k = 0; k < dim; ++k)
            s += static_cast<double>(r[k]) * r[k];
        norms[static_cast<std::size_t>(i)] = std::sqrt(s);
    }
    return norms;
}

double minCosineToMeanDirection(const float* data, std::int64_t rows, std::int64_t dim, const std::vector<double>& norms)
{
    std::vector<double> mean(static_cast<std::size_t>(dim), 0.0);
    for (std::int64_t i = 0; i < rows; ++i) {
        const double n = norms[static_cast<std::size_t>(i)];
        if (n == 0)
            continue;
        const float* r = data + i * dim;
        for (std::int64_t k = 0; k < dim; ++k)
            mean[static_cast<std::size_t>(k)] += r[k] / n;
    }
    double mn = 0;
    for (const double v : mean)
        mn += v * v;
    mn = std::sqrt(mn);
    if (mn == 0)
        return rows > 0 ? -1.0 : 1.0;
    double minCos = 1.0;
    for (std::int64_t i = 0; i < rows; ++i) {
        const double n = norms[static_cast<std::size_t>(i)];
        if (n == 0)
            continue;
        const float* r = data + i * dim;
        double d = 0;
        for (std::int64_t k = 0; k < dim; ++k)
            d += r[k] * mean[static_cast<std::size_t>(k)];
        minCos = std::min(minCos, d / (n * mn));
    }
    return minCos;
}

double minPairCosine(const float* data, std::int64_t rows, std::int64_t dim, const std::vector<double>& norms,
                     std::string& how)
{
    const double toMean = std::clamp(minCosineToMeanDirection(data, rows, dim, norms), -1.0, 1.0);
    const double pi = std::acos(-1.0);
    double bound = std::cos(std::min(pi, 2.0 * std::acos(toMean)));
    char buf[160];
    std::snprintf(buf, sizeof buf, "every row within %.1f deg of the mean direction", std::acos(toMean) * 180 / pi);
    how = buf;
    if (bound < 0 && std::all_of(data, data + rows * dim, [](float v) { return v >= 0.0f; })) {
        bound = 0;
        how = "every feature value is >= 0";
    }
    if (std::any_of(norms.begin(), norms.end(), [](double n) { return n == 0; }) && bound > 0) {
        bound = 0;
        how += "; zero rows have cosine 0";
    }
    return bound;
}

} // namespace dq
