#include "datasets/Dataset.h"

#include "common/Error.h"
#include "common/FieldError.h"

namespace dq {

std::vector<int> Dataset::labels() const
{
    std::vector<int> out(static_cast<std::size_t>(size()));
    for (std::int64_t i = 0; i < size(); ++i)
        out[static_cast<std::size_t>(i)] = label(i);
    return out;
}

std::vector<std::int64_t> Dataset::classCounts() const
{
    std::vector<std::int64_t> counts(static_cast<std::size_t>(classCount()), 0);
    for (std::int64_t i = 0; i < size(); ++i) {
        const int l = label(i);
        if (l >= 0 && l < classCount())
            ++counts[static_cast<std::size_t>(l)];
    }
    return counts;
}

std::shared_ptr<const Dataset> DatasetBundle::split(const std::string& which) const
{
    if (which == "train" && train)
        return train;
    if (which == "test" && test)
        return test;
    if (which != "train" && which != "test")
        throw FieldError("split", "unknown split '" + which + "' (expected train or test)");
    throw Error(spec, "has no " + which + " split");
}

} // namespace dq
