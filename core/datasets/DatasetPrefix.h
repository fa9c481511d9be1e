#pragma once
#include "datasets/Dataset.h"

namespace dq {

// The first `count` samples of a dataset (--limit), as a Dataset of its own.
class DatasetPrefix : public Dataset {
public:
    DatasetPrefix(const Dataset& base, std::int64_t count);

    std::int64_t size() const override { return count_; }
    const std::vector<std::string>& classNames() const override { return base_.classNames(); }
    int label(std::int64_t i) const override { return base_.label(i); }
    Image image(std::int64_t i) const override;
    ImageShape imageShape() const override { return base_.imageShape(); }
    bool fixedShape() const override { return base_.fixedShape(); }
    SampleKind kind() const override { return base_.kind(); }
    std::string split() const override { return base_.split(); }
    // The base's fingerprint and the count.
    std::string fingerprint() const override { return fingerprint_; }

    const Dataset& base() const { return base_; }

private:
    const Dataset& base_;
    std::int64_t count_;
    std::string fingerprint_;
};

} // namespace dq
