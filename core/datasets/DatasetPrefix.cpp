#include "datasets/DatasetPrefix.h"

#include "common/Error.h"
#include "common/Fingerprint.h"

namespace dq {

DatasetPrefix::DatasetPrefix(const Dataset& base, std::int64_t count)
        : base_(base), count_(count <= 0 || count > base.size() ? base.size() : count)
{
    if (count_ == base.size()) {
        fingerprint_ = base.fingerprint();
    } else {
        Fingerprint fp;
        fp.add(base.fingerprint());
        fp.add(static_cast<std::uint64_t>(count_));
        fingerprint_ = fp.hex();
    }
}

Image DatasetPrefix::image(std::int64_t i) const
{
    if (i < 0 || i >= count_)
        throw Error("sample " + std::to_string(i), "outside the first " + std::to_string(count_) + " samples");
    return base_.image(i);
}

} // namespace dq
