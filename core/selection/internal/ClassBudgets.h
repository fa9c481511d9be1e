#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

struct ClassBudgets {
    std::vector<std::int64_t> perClass; // budget of every class (one entry for one pool)
    std::string source; // how they were computed, for select.json
};

// The budgets every method gets at `ratio`, the same for all of them:
// - with `bins` (a bins folder of the same samples): per class, what dq sample keeps at
//   that ratio (the sum over bins of round(ratio x the class's members in the bin));
// - else round(ratio x class size) per class (Python rounding, DeepCore's balance).
// Without balance one pool: the sum of the same, or round(ratio x n) without bins.
// `labels` may be empty only without balance and bins. Throws dq::UsageError naming
// --ratio for a ratio outside (0, 1], dq::Error naming the bins folder when its samples
// or labels differ from `labels`.
ClassBudgets classBudgets(const std::vector<int>& labels, std::int64_t rows, double ratio, bool balance,
                          const std::filesystem::path& bins);

// Class count implied by labels (largest + 1); throws dq::Error naming `source` for a
// negative label.
int classCountOf(const std::vector<int>& labels, const std::string& source);

} // namespace dq
