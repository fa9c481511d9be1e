#pragma once
// Private to QuantizedWriter and QuantizedReader (implemented in QuantizedStorage.cpp):
// the meta.json codec.
#include "pixel/internal/QuantizedStorage.h"

#include <cstdint>
#include <map>
#include <string>

namespace dq::quantized {

// meta.json: the header, the summary and the size of each data file.
std::string encodeMeta(const QuantizedHeader& header, const QuantizedSummary& summary,
                       const std::map<std::string, std::int64_t>& fileBytes);
// Throws dq::Error naming `source` and the field that is missing or wrong.
QuantizedHeader decodeMeta(const std::string& bytes, const std::string& source, QuantizedSummary* summary);

} // namespace dq::quantized
