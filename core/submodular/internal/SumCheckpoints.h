#pragma once
// Core-private: checkpoints of a running sum, for GraphCutFunction's group-wise bounds.
#include <cstdint>
#include <functional>
#include <vector>

namespace dq {

class ParallelEvaluator;

// Copies of a running sum S taken at some steps. For the difference R = S_now - S_c since a
// checkpoint, R = sigma m + R_perp along a fixed unit direction m, it keeps proven bounds of
// sigma and |R_perp|. On data around a common direction R_perp is a sum of nearly
// independent residuals, so |R_perp| grows like the square root of the number of picks,
// while the per-pick bounds add up linearly.
class SumCheckpoints {
public:
    struct Drift {
        double sigmaLow = 0, sigmaHigh = 0; // <R, m> lies in [sigmaLow, sigmaHigh]
        double perpHigh = 0; // |R_perp| <= perpHigh
        std::int64_t steps = 0;
    };

    explicit SumCheckpoints(std::vector<double> direction);

    // A checkpoint of `sum` at `step`; returns its id.
    int add(const std::vector<double>& sum, std::int64_t step);
    void release(int id);
    int live() const;
    // Recomputes every live checkpoint's drift to `sum` (O(d) each), shared out over
    // `threads` when given; `alongside` runs on the calling thread meanwhile.
    void update(const std::vector<double>& sum, std::int64_t step, ParallelEvaluator* threads = nullptr,
                const std::function<void()>& alongside = {});
    // As of the last update.
    const Drift& since(int id) const { return slots_[static_cast<std::size_t>(id)].drift; }
    // From checkpoint `older` to checkpoint `newer`.
    Drift between(int older, int newer) const;

private:
    Drift driftOf(const double* now, const double* then, std::int64_t steps) const;

    struct Slot {
        std::vector<double> sum;
        std::int64_t step = 0;
        bool used = false;
        Drift drift;
    };
    std::vector<double> m_;
    std::vector<Slot> slots_;
    double rel_ = 0; // relative rounding bound of the O(d) sums
    std::vector<std::size_t> live_; // update()'s list of the used slots
    // between()'s last answer (a merge asks once per group); add() and release() clear it.
    mutable int cachedOlder_ = -1, cachedNewer_ = -1;
    mutable Drift cachedBetween_;
};

} // namespace dq
