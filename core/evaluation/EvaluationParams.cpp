#include "evaluation/EvaluationParams.h"

#include "common/NumberText.h"

#include <algorithm>
#include <cmath>

namespace dq {

SubsetSpec SubsetSpec::indexFile(std::string name, std::filesystem::path file)
{
    SubsetSpec s;
    s.name = std::move(name);
    s.path = std::move(file);
    return s;
}

SubsetSpec SubsetSpec::inMemory(std::string name, std::vector<std::int64_t> indices)
{
    SubsetSpec s;
    s.name = std::move(name);
    s.indices = std::move(indices);
    return s;
}

SubsetSpec SubsetSpec::reconstructed(std::string name, std::filesystem::path folder)
{
    SubsetSpec s;
    s.name = std::move(name);
    s.kind = SubsetKind::Reconstructed;
    s.path = std::move(folder);
    return s;
}

SubsetSpec SubsetSpec::randomLike(const std::string& template_)
{
    SubsetSpec s;
    s.name = "random-" + template_;
    s.kind = SubsetKind::Random;
    s.like = template_;
    return s;
}

SubsetSpec SubsetSpec::full()
{
    SubsetSpec s;
    s.name = "full";
    s.kind = SubsetKind::Full;
    return s;
}

SubsetSpec SubsetSpec::swept(double ratio)
{
    SubsetSpec s;
    s.name = "dq-" + pythonFloatText(ratio);
    s.kind = SubsetKind::Swept;
    s.ratio = ratio;
    return s;
}

SubsetSpec SubsetSpec::selected(const std::string& method, double ratio)
{
    SubsetSpec s;
    s.name = method + "-" + pythonFloatText(ratio);
    s.kind = SubsetKind::Selected;
    s.method = method;
    s.ratio = ratio;
    return s;
}

SubsetSpec SubsetSpec::randomBudgets(double ratio)
{
    SubsetSpec s;
    s.name = "random-" + pythonFloatText(ratio);
    s.kind = SubsetKind::Random;
    s.ratio = ratio;
    return s;
}

SubsetSpec SubsetSpec::codecAtBytes(std::string name, std::string codec, std::int64_t bytes, std::filesystem::path source,
                                    std::string like)
{
    SubsetSpec s;
    s.name = std::move(name);
    s.kind = SubsetKind::Codec;
    s.codec = std::move(codec);
    s.codecBytes = bytes;
    s.path = std::move(source);
    s.like = std::move(like);
    return s;
}

const char* subsetKindName(SubsetKind kind)
{
    switch (kind) {
    case SubsetKind::Indices:
        return "indices";
    case SubsetKind::Reconstructed:
        return "reconstructed";
    case SubsetKind::Random:
        return "random";
    case SubsetKind::Full:
        return "full";
    case SubsetKind::Swept:
        return "sweep";
    case SubsetKind::Selected:
        return "selected";
    case SubsetKind::Codec:
        return "codec";
    }
    return "indices";
}

double SeedRun::bestAccuracy() const
{
    double best = 0;
    for (const EpochRecord& e : epochs)
        best = std::max(best, e.testAccuracy);
    return best;
}

MeanStd meanStd(const std::vector<double>& v)
{
    MeanStd m;
    if (v.empty())
        return m;
    for (const double x : v)
        m.mean += x;
    m.mean /= static_cast<double>(v.size());
    if (v.size() > 1) {
        double ss = 0;
        for (const double x : v)
            ss += (x - m.mean) * (x - m.mean);
        m.std = std::sqrt(ss / static_cast<double>(v.size() - 1));
    }
    return m;
}

} // namespace dq
