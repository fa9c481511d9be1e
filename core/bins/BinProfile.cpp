#include "bins/BinProfile.h"

#include <algorithm>
#include <cmath>

namespace dq {
namespace {

struct Centres {
    std::vector<double> mean; // classes x dim
    std::vector<double> norm; // classes
    int classes = 1;
};

Centres classCentres(const float* x, std::int64_t rows, std::int64_t dim, const std::vector<int>& labels)
{
    Centres c;
    if (!labels.empty())
        c.classes = std::max(1, *std::max_element(labels.begin(), labels.end()) + 1);
    c.mean.assign(static_cast<std::size_t>(c.classes * dim), 0.0);
    std::vector<std::int64_t> counts(static_cast<std::size_t>(c.classes), 0);
    for (std::int64_t i = 0; i < rows; ++i) {
        const int k = labels.empty() ? 0 : labels[static_cast<std::size_t>(i)];
        if (k < 0)
            continue;
        ++counts[static_cast<std::size_t>(k)];
        double* m = &c.mean[static_cast<std::size_t>(k * dim)];
        const float* r = x + i * dim;
        for (std::int64_t j = 0; j < dim; ++j)
            m[j] += r[j];
    }
    c.norm.assign(static_cast<std::size_t>(c.classes), 0.0);
    for (int k = 0; k < c.classes; ++k) {
        double* m = &c.mean[static_cast<std::size_t>(k * dim)];
        double n2 = 0;
        for (std::int64_t j = 0; j < dim; ++j) {
            m[j] /= std::max<std::int64_t>(1, counts[static_cast<std::size_t>(k)]);
            n2 += m[j] * m[j];
        }
        c.norm[static_cast<std::size_t>(k)] = std::sqrt(n2);
    }
    return c;
}

} // namespace

std::vector<BinProfile> profileBins(const float* x, std::int64_t rows, std::int64_t dim, const std::vector<int>& labels,
                                    const std::vector<std::vector<std::int64_t>>& bins, int examples)
{
    const bool labelled = !labels.empty() && static_cast<std::int64_t>(labels.size()) >= rows;
    const std::vector<int> none;
    const Centres c = classCentres(x, rows, dim, labelled ? labels : none);
    std::vector<BinProfile> out(bins.size());
    for (std::size_t b = 0; b < bins.size(); ++b) {
        BinProfile& p = out[b];
        // Per member: (similarity, row), by class.
        std::vector<std::vector<std::pair<double, std::int64_t>>> byClass(static_cast<std::size_t>(c.classes));
        double sum = 0, sum2 = 0, dist = 0;
        for (std::int64_t i : bins[b]) {
            if (i < 0 || i >= rows)
                continue;
            const int k = labelled ? labels[static_cast<std::size_t>(i)] : 0;
            if (k < 0)
                continue;
            const float* r = x + i * dim;
            const double* m = &c.mean[static_cast<std::size_t>(k * dim)];
            double dot = 0, n2 = 0, d2 = 0;
            for (std::int64_t j = 0; j < dim; ++j) {
                dot += r[j] * m[j];
                n2 += double(r[j]) * r[j];
                d2 += (r[j] - m[j]) * (r[j] - m[j]);
            }
            const double denom = std::sqrt(n2) * c.norm[static_cast<std::size_t>(k)];
            const double s = denom > 0 ? dot / denom : 0.0;
            sum += s;
            sum2 += s * s;
            dist += std::sqrt(d2);
            ++p.count;
            byClass[static_cast<std::size_t>(k)].push_back({s, i});
        }
        if (p.count > 0) {
            p.meanSimilarity = sum / p.count;
            p.spread = std::sqrt(std::max(0.0, sum2 / p.count - p.meanSimilarity * p.meanSimilarity));
            p.meanDistance = dist / p.count;
        }
        for (auto& members : byClass)
            std::sort(members.begin(), members.end());
        if (labelled) {
            for (int k = 0; k < c.classes && static_cast<int>(p.examples.size()) < examples; ++k) {
                const auto& members = byClass[static_cast<std::size_t>(k)];
                p.examples.push_back(members.empty() ? -1 : members[(members.size() - 1) / 2].second);
            }
        } else {
            const auto& members = byClass[0];
            const int n = std::min<int>(examples, static_cast<int>(members.size()));
            for (int e = 0; e < n; ++e) // from the least to the most similar
                p.examples.push_back(
                    members[static_cast<std::size_t>(n > 1 ? e * (members.size() - 1) / (n - 1) : 0)].second);
        }
    }
    return out;
}

} // namespace dq
