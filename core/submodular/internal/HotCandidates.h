#pragma once
// Core-private: the lazy greedy's candidates near the top when the function has quick bounds.
#include "submodular/internal/CohortQueues.h"
#include "submodular/internal/LazyQueues.h"

#include <cstdint>
#include <vector>

namespace dq {

class CancelToken;
class ParallelEvaluator;

// On diffuse data every stale bound of a candidate near the top is too loose after a single
// pick, so the same few thousand candidates are refreshed pick after pick. Here they stay
// out of the queues: all of them get a quick bound at every step in one pass (no queue
// operations, their sketch rows stay in cache), the best a finer quick bound and then an
// exact gain. Candidates that fall far below the pick go to the cold queues; the cold
// queues' best comes in whenever its bound beats the best here.
class HotCandidates {
public:
    // `queues` gives the steps and the groups' per-pick shifts; the candidates not here wait
    // in `cold`.
    HotCandidates(SubmodularFunction& f, LazyQueues& queues, CohortQueues& cold, ParallelEvaluator* pool);

    // The next pick: exact at the current step, and no other candidate's bound is higher
    // (or equal with a lower position), so it is the naive greedy's pick. It leaves the
    // set; the caller selects it. Counts the evaluations it made.
    Bound choose(std::int64_t& exactEvaluations, std::int64_t& quickBounds, const CancelToken& cancel);
    // Every candidate, here and in `cold`, back into the queues (between picks).
    void flush();

private:
    void refresh(std::int64_t& quickBounds);
    void pull(std::int64_t& quickBounds);
    void refineTop(std::int64_t& exactEvaluations, std::int64_t& quickBounds);
    void quickBoundsOf(std::size_t from, std::size_t to);
    void evict(double threshold);
    double threshold(double window);
    void removeAt(std::size_t i);
    void add(std::int32_t position, int group, double bound);
    bool beats(std::size_t a, std::size_t b) const; // a is above b in the pick order
    bool coldBeatsHot() const;

    SubmodularFunction& f_;
    LazyQueues& queues_;
    CohortQueues& cold_;
    ParallelEvaluator* pool_;

    // One entry per candidate: key/bound as in Bound (bound = key - shift at the step).
    std::vector<std::int32_t> position_, group_;
    std::vector<double> key_, bound_, quick_, scratch_;
    std::vector<char> level_; // of bound_: a quick bound's level, or kExact
    std::vector<std::int32_t> order_; // a max-heap of entries by beats()

    std::int64_t boundStep_ = 0; // the step the bounds here hold at
    std::size_t pullBatch_ = 16;
    double rate_ = 0; // how much one pick loosens a stale bound (moving average)
    bool rateKnown_ = false;
};

} // namespace dq
