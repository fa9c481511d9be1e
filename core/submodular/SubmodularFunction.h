#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace dq {

class CancelToken;
class ParallelEvaluator;

// A set function over the positions 0 .. size()-1 of one pool (the samples still
// available in one class), with the state of the current selection. The greedy
// optimisers drive it through gain() and select().
class SubmodularFunction {
public:
    virtual ~SubmodularFunction() = default;

    virtual std::int64_t size() const = 0;
    // Marginal gain of adding position p to the current selection.
    virtual double gain(std::int64_t p) const = 0;
    // Gains of many positions at once; may be faster than calling gain() in a loop.
    virtual void gains(const std::vector<std::int64_t>& positions, std::vector<double>& out,
                       const CancelToken& cancel) const;
    virtual void select(std::int64_t p) = 0;
    // True when gain() may be called from several threads at once (between selects).
    virtual bool concurrentGains() const { return false; }
    // A proven lower bound on how much every gain falls with each pick (negative where
    // gains may rise, by at most its magnitude). Lazy greedy subtracts it from its stale
    // bounds, so it stays exact and its bounds stay tight; reason() says how it is known.
    virtual double minGainDecreasePerPick() const { return 0.0; }
    // Finer knowledge of the same kind: positions fall into groups, and after each pick
    // every gain of a group falls by at least groupDecrease(group, picked). Lazy greedy
    // keeps one queue per group, so that each group's bounds fall at their own rate.
    virtual int groupCount() const { return 1; }
    virtual int groupOf(std::int64_t p) const { return 0; }
    virtual double groupDecrease(int group, std::int64_t picked) const { return minGainDecreasePerPick(); }
    // Cheap proven upper bounds of gain(p) as computed (a compact sketch of the pool), for a
    // lazy greedy whose stale bounds leave many candidates to re-evaluate. enableQuickBounds
    // prepares them (false where the function has none; `threads`, when given, may share the
    // upkeep each select then does). quickUpperBound may then be called between selects,
    // from several threads at once for different positions, for levels 1 .. quickLevels():
    // each tighter and dearer than the one before, all far cheaper than gain().
    virtual bool enableQuickBounds(ParallelEvaluator* threads) { return false; }
    // Frees them and their per-select upkeep (and forgets `threads`); reason() still says
    // they were used.
    virtual void disableQuickBounds() { }
    virtual int quickLevels() const { return 0; }
    virtual double quickUpperBound(std::int64_t p, int level) const { return std::numeric_limits<double>::infinity(); }
    // A hint that quickUpperBound(p, 1) comes soon (the sketch is read from memory meanwhile).
    virtual void prefetchQuick(std::int64_t p) const { }
    // False while quickUpperBound(p, ...) would first have to make p's part of the sketch
    // (many times the cost of a bound).
    virtual bool quickBoundReady(std::int64_t p) const { return true; }
    // Checkpoints of the selection, where the function can bound how far every gain of a
    // group has fallen since one, more tightly than the sum of groupDecrease over the picks.
    // A function whose enableQuickBounds() returned true has them; elsewhere checkpoint()
    // returns -1.
    virtual int checkpoint() { return -1; }
    virtual void releaseCheckpoint(int id) { }
    // Proven bounds of (gain then - gain now) for every position of `group`: a lower bound
    // since checkpoint `id` (as of the last select), and a lower or an upper bound from
    // checkpoint `older` to `newer`.
    virtual double fallSince(int id, int group) const { return -std::numeric_limits<double>::infinity(); }
    virtual double fallBetween(int older, int newer, int group, bool upper) const
    {
        return upper ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    virtual std::string reason() const = 0;
};

enum class FunctionKind { GraphCut, FacilityLocation, LogDeterminant };
const char* functionName(FunctionKind k);
FunctionKind parseFunction(const std::string& name); // throws UsageError naming --function

} // namespace dq
