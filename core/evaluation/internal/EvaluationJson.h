#pragma once
// Core-private: one run as JSON, shared by evaluation.json and the run cache.
#include "evaluation/EvaluationParams.h"

#include <nlohmann/json.hpp>

namespace dq {

nlohmann::json seedRunJson(const SeedRun& run);
// Throws nlohmann::json::exception for a missing or mistyped field.
SeedRun seedRunFrom(const nlohmann::json& j);

} // namespace dq
