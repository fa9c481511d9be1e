#pragma once
#include <string>

namespace dq {

// Now, in UTC, as ISO 8601 ("2026-12-01T14:05:00Z"), for the "created" field of manifests.
std::string utcTimestamp();

} // namespace dq
