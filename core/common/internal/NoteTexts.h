#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace dq {

class JobContext;

// The texts of the context's notes from the `first`-th on, each text once, in order: the
// "notes" lists of pixel.json and evaluation.json (the codes stay with the context).
std::vector<std::string> noteTextsSince(const JobContext& context, std::size_t first);

} // namespace dq
