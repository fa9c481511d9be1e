#pragma once
#include "bins/BinSampler.h"

#include <cstdint>
#include <vector>

namespace dq {

class JobContext;

struct SampleParams {
    std::vector<std::vector<std::int64_t>> bins; // of dq bins or the Bins stage
    std::vector<int> labels; // per row; empty: one group per bin
    std::int64_t datasetSize = 0;
    double ratio = 0.125; // of every bin (and class in it), in (0, 1]
    std::uint64_t seed = 0;
};

// The Sample stage of dq sample and DQ Studio: sampleBins (a bad ratio is a FieldError on
// "ratio"), with progress and cancel. No cache: drawing costs milliseconds, less
// than reading an entry back.
SampleResult runSample(const SampleParams& params, JobContext& context);

} // namespace dq
