#include "bins/BinGenerator.h"

#include "bins/internal/PoolSelection.h"
#include "bins/internal/PythonRound.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/internal/ParallelFor.h"
#include "common/Progress.h"
#include "submodular/internal/FunctionFactory.h"
#include "submodular/SimilaritySpace.h"

#include "common/Threads.h"
#include "distributed/RankGroup.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>

namespace dq {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int countClasses(const std::vector<int>& labels, std::int64_t n)
{
    int classes = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0)
            throw Error("labels", "label of sample " + std::to_string(i) + " is " + std::to_string(labels[i]) +
                                      " (labels must be >= 0)");
        classes = std::max(classes, labels[i] + 1);
    }
    return classes;
}

void validate(const SimilaritySpace& space, const std::vector<int>& labels, const BinParams& p, int classes)
{
    const std::int64_t n = space.size();
    if (p.bins < 1)
        throw FieldError("bins", "must be at least 1, got " + std::to_string(p.bins));
    if (!labels.empty() && static_cast<std::int64_t>(labels.size()) != n)
        throw Error("labels", std::to_string(labels.size()) + " labels for " + std::to_string(n) + " feature rows");
    if (p.balance && labels.empty())
        throw FieldError("labels", "class-balanced bins need labels");
    if (p.bins > n)
        throw FieldError("bins", std::to_string(p.bins) + " bins for " + std::to_string(n) + " samples");
    if (!(p.lambda > 0) || !std::isfinite(p.lambda))
        throw FieldError("lambda", "must be a positive number");
    if (p.greedy.kind == GreedyKind::Stochastic && !(p.greedy.epsilon > 0 && p.greedy.epsilon < 1))
        throw FieldError("epsilon", "must lie in (0, 1)");
    if (p.greedy.kind == GreedyKind::ApproximateLazy && !(p.greedy.beta > 0 && p.greedy.beta <= 1))
        throw FieldError("beta", "must lie in (0, 1]");
    if (p.balance) {
        std::vector<std::int64_t> counts(static_cast<std::size_t>(classes), 0);
        for (const int l : labels)
            ++counts[static_cast<std::size_t>(l)];
        for (int c = 0; c < classes; ++c)
            if (counts[static_cast<std::size_t>(c)] > 0 && counts[static_cast<std::size_t>(c)] < p.bins)
                throw FieldError("bins", std::to_string(p.bins) + " bins but class " + std::to_string(c) + " has only " +
                                             std::to_string(counts[static_cast<std::size_t>(c)]) + " samples");
    }
}

int allowedThreads(const BinParams& p) { return std::max(1, p.threads > 0 ? p.threads : workerThreads()); }

} // namespace

PoolSelection selectFromPool(const SimilaritySpace& space, const std::vector<std::int64_t>& pool, std::int64_t budget,
                             std::uint64_t stream, const BinParams& p, int threads, std::atomic<std::int64_t>& picked,
                             const CancelToken& cancel)
{
    std::unique_ptr<SubmodularFunction> f =
        makeSubmodularFunction(p.function, space, pool, budget, p.lambda, p.memoryLimitBytes, cancel);
    GreedyOptions options = p.greedy;
    options.seed = p.greedy.seed ^ (stream * 0x9E3779B97F4A7C15ULL);
    options.threads = threads;
    GreedyResult r =
        runGreedy(*f, budget, options, cancel, [&](std::int64_t) { picked.fetch_add(1, std::memory_order_relaxed); });
    PoolSelection sel;
    sel.chosen.reserve(r.picks.size());
    for (const std::int64_t pos : r.picks)
        sel.chosen.push_back(pool[static_cast<std::size_t>(pos)]);
    std::sort(sel.chosen.begin(), sel.chosen.end());
    for (const double g : r.gains)
        sel.objective += g;
    sel.evaluations = r.evaluations;
    sel.quickBounds = r.quickBounds;
    sel.reason = f->reason();
    return sel;
}

// Runs the pools' selections of one bin on up to `threads` threads. Pools are independent
// (disjoint samples, own function state), so the result does not depend on scheduling.
// The calling thread reports progress and forwards a cancel.
std::vector<PoolSelection> selectPools(const SimilaritySpace& space, const std::vector<std::vector<std::int64_t>>& pools,
                                       const std::vector<std::int64_t>& budgets, int bin, const BinParams& p,
                                       Progress& progress, const CancelToken& cancel)
{
    std::vector<PoolSelection> out(pools.size());
    std::atomic<std::int64_t> picked{0};
    const int allowed = allowedThreads(p);
    const int threads = resolveThreads(allowed, static_cast<std::int64_t>(pools.size()));
    // One pool (the unbalanced form) gets all threads inside its greedy instead.
    const int innerThreads = pools.size() == 1 ? allowed : 1;
    // Dense similarity blocks of pools selected at once share the memory limit.
    BinParams shared = p;
    shared.memoryLimitBytes = p.memoryLimitBytes / threads;
    const std::int64_t before = progress.current().done;
    progress.setDetail("bin " + std::to_string(bin + 1) + "/" + std::to_string(p.bins));
    parallelFor(
        static_cast<std::int64_t>(pools.size()), 1, threads,
        [&](std::int64_t c, std::int64_t, int, const CancelToken& stop) {
            const auto i = static_cast<std::size_t>(c);
            if (budgets[i] > 0)
                out[i] = selectFromPool(space, pools[i], budgets[i], static_cast<std::uint64_t>(bin) * 65537 + i, shared,
                                        innerThreads, picked, stop);
        },
        [&](std::int64_t) { progress.update(before + picked.load()); }, cancel);
    return out;
}

namespace {

std::string exactnessOf(GreedyKind kind, const std::string& reason, bool& exact)
{
    switch (kind) {
    case GreedyKind::Naive:
        return "naive greedy evaluates every candidate at every step";
    case GreedyKind::Lazy:
        return "lazy greedy equals the naive greedy: its stale bounds are upper bounds because " + reason;
    default:
        exact = false;
        return std::string(greedyName(kind)) + " greedy is an approximation";
    }
}

void finishStats(BinStats& s, const std::vector<std::int64_t>& bin, const std::vector<int>& labels, int classes)
{
    s.count = static_cast<std::int64_t>(bin.size());
    if (labels.empty())
        return;
    s.classCounts.assign(static_cast<std::size_t>(classes), 0);
    for (const std::int64_t i : bin)
        ++s.classCounts[static_cast<std::size_t>(labels[static_cast<std::size_t>(i)])];
}

} // namespace

BinResult generateBins(const SimilaritySpace& space, const std::vector<int>& labels, const BinParams& p, Progress& progress,
                       const CancelToken& cancel)
{
    const auto start = Clock::now();
    const std::int64_t n = space.size();
    const int classes = countClasses(labels, n);
    validate(space, labels, p, classes);

    BinResult result;
    result.greedyUsed = greedyName(p.greedy.kind);
    result.threads = allowedThreads(p);
    if (space.zeroRows() > 0)
        result.warnings.push_back(
            {"bins.zero-rows",
             {},
             std::to_string(space.zeroRows()) + " feature rows are all zero; their cosine to any sample is taken as 0"});

    std::vector<char> assigned(static_cast<std::size_t>(n), 0);
    const int greedyBins = p.balance ? p.bins - 1 : p.bins;
    const std::int64_t total = p.balance ? n : static_cast<std::int64_t>(p.bins) * (n / p.bins);
    progress.setStage("bins", total);

    // Pools of unassigned samples, per class (balanced) or one for all.
    auto poolsNow = [&]() {
        std::vector<std::vector<std::int64_t>> pools(p.balance ? static_cast<std::size_t>(classes) : 1);
        for (std::int64_t i = 0; i < n; ++i)
            if (!assigned[static_cast<std::size_t>(i)])
                pools[p.balance ? static_cast<std::size_t>(labels[static_cast<std::size_t>(i)]) : 0].push_back(i);
        return pools;
    };

    const std::int64_t coresetSize = pythonRound(static_cast<double>(n) / p.bins);
    for (int b = 0; b < greedyBins; ++b) {
        const auto binStart = Clock::now();
        std::vector<std::vector<std::int64_t>> pools = poolsNow();
        std::int64_t poolSize = 0;
        for (const auto& pool : pools)
            poolSize += static_cast<std::int64_t>(pool.size());
        const double fraction = static_cast<double>(coresetSize) / static_cast<double>(poolSize);
        std::vector<std::int64_t> budgets(pools.size());
        for (std::size_t c = 0; c < pools.size(); ++c) {
            const auto size = static_cast<std::int64_t>(pools[c].size());
            budgets[c] = std::min(size, p.balance ? pythonRound(fraction * static_cast<double>(size)) : n / p.bins);
        }
        const std::vector<PoolSelection> selections =
            p.group && p.group->multiProcess() ? selectPoolsAcrossRanks(space, pools, budgets, b, p, progress, cancel)
                                               : selectPools(space, pools, budgets, b, p, progress, cancel);
        std::vector<std::int64_t> bin;
        BinStats stats;
        for (const PoolSelection& sel : selections) {
            for (const std::int64_t i : sel.chosen)
                assigned[static_cast<std::size_t>(i)] = 1;
            bin.insert(bin.end(), sel.chosen.begin(), sel.chosen.end());
            stats.objective += sel.objective;
            stats.evaluations += sel.evaluations;
            stats.quickBounds += sel.quickBounds;
            if (result.exactness.empty() && !sel.reason.empty())
                result.exactness = exactnessOf(p.greedy.kind, sel.reason, result.exact);
        }
        finishStats(stats, bin, labels, classes);
        stats.seconds = secondsSince(binStart);
        result.bins.push_back(std::move(bin));
        result.stats.push_back(std::move(stats));
    }

    // Balanced: the last bin is the remainder. Unbalanced: N mod K samples stay unassigned.
    std::vector<std::int64_t> rest;
    for (const auto& pool : poolsNow())
        rest.insert(rest.end(), pool.begin(), pool.end());
    if (p.balance) {
        BinStats stats;
        stats.greedy = false;
        finishStats(stats, rest, labels, classes);
        result.bins.push_back(std::move(rest));
        result.stats.push_back(std::move(stats));
    } else {
        std::sort(rest.begin(), rest.end());
        result.unassigned = std::move(rest);
    }
    progress.finishStage();
    result.seconds = secondsSince(start);
    return result;
}

} // namespace dq
