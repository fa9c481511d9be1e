#pragma once
// Core-private: pixel.json, the record of one pixel-quantization run.
#include "pixel/PixelQuantizer.h"

#include <string>

namespace dq {

struct QualityTotals;

// Parameters, counts and ratios from the real counts, bytes original / stored,
// reconstruction quality and timings, as pretty-printed JSON.
std::string pixelReportJson(const PixelParams& params, const PixelResult& result, const QualityTotals& quality,
                            double totalSeconds);

} // namespace dq
