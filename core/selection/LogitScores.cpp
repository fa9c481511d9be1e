#include "selection/internal/LogitScores.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace dq {

std::vector<double> logitScores(ScoreKind kind, const float* logits, std::int64_t rows, std::int64_t classes,
                                const std::vector<int>& labels, const float* embedding, std::int64_t dim,
                                const std::string& source)
{
    std::vector<double> out(static_cast<std::size_t>(rows));
    std::vector<double> p(static_cast<std::size_t>(classes));
    for (std::int64_t i = 0; i < rows; ++i) {
        const float* z = logits + i * classes;
        double top = -INFINITY;
        for (std::int64_t c = 0; c < classes; ++c) {
            if (!std::isfinite(z[c]))
                throw Error(source, "row " + std::to_string(i) + " holds a NaN or infinite logit (class " +
                                        std::to_string(c) + "): the selection model diverged");
            top = std::max(top, static_cast<double>(z[c]));
        }
        double sum = 0;
        for (std::int64_t c = 0; c < classes; ++c)
            sum += (p[static_cast<std::size_t>(c)] = std::exp(static_cast<double>(z[c]) - top));
        for (double& v : p)
            v /= sum;
        double score = 0;
        switch (kind) {
        case ScoreKind::El2n:
        case ScoreKind::Grand: {
            const int y = labels[static_cast<std::size_t>(i)];
            if (y < 0 || y >= classes)
                throw Error(source, "label " + std::to_string(y) + " of sample " + std::to_string(i) +
                                        " is outside the logits' " + std::to_string(classes) + " classes");
            double s = 0;
            for (std::int64_t c = 0; c < classes; ++c) {
                const double d = p[static_cast<std::size_t>(c)] - (c == y ? 1.0 : 0.0);
                s += d * d;
            }
            score = std::sqrt(s);
            if (kind == ScoreKind::Grand) {
                const float* e = embedding + i * dim;
                double e2 = 0;
                for (std::int64_t j = 0; j < dim; ++j)
                    e2 += static_cast<double>(e[j]) * e[j];
                score *= std::sqrt(e2 + 1.0);
            }
            break;
        }
        case ScoreKind::LeastConfidence:
            score = 1.0 - *std::max_element(p.begin(), p.end());
            break;
        case ScoreKind::Margin: {
            double p1 = 0, p2 = 0;
            for (const double v : p) {
                if (v > p1) {
                    p2 = p1;
                    p1 = v;
                } else if (v > p2) {
                    p2 = v;
                }
            }
            score = 1.0 - (p1 - p2);
            break;
        }
        case ScoreKind::Forgetting:
        case ScoreKind::Aum:
            throw Error(source, std::string(scoreKindName(kind)) + " comes from the training dynamics, not the logits");
        case ScoreKind::Entropy:
            for (const double v : p)
                if (v > 0)
                    score -= v * std::log(v);
            break;
        }
        if (!std::isfinite(score))
            throw Error(source, "the " + std::string(scoreKindName(kind)) + " score of sample " + std::to_string(i) +
                                    " is not a number (an embedding row overflows)");
        out[static_cast<std::size_t>(i)] = score;
    }
    return out;
}

} // namespace dq
