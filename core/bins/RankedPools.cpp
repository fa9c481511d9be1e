#include "bins/internal/PoolSelection.h"

#include "bins/internal/ShardedGreedy.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "distributed/RankGroup.h"
#include "submodular/internal/FunctionFactory.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace dq {
namespace {

// Classes go whole to ranks, largest first to the least loaded (cost ~ size x budget),
// the same on every rank since it depends only on the sizes.
std::vector<int> ownersOf(const std::vector<std::vector<std::int64_t>>& pools, const std::vector<std::int64_t>& budgets,
                          int ranks)
{
    std::vector<std::size_t> order(pools.size());
    std::iota(order.begin(), order.end(), 0);
    auto cost = [&](std::size_t c) { return static_cast<double>(pools[c].size()) * static_cast<double>(budgets[c]); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cost(a) > cost(b); });
    std::vector<double> load(static_cast<std::size_t>(ranks), 0.0);
    std::vector<int> owner(pools.size(), 0);
    for (const std::size_t c : order) {
        const auto least = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
        owner[c] = least;
        load[static_cast<std::size_t>(least)] += cost(c);
    }
    return owner;
}

// A flat record of this rank's selections: [pool, count, chosen..., objective, evaluations,
// quick bounds, reason length, reason bytes] per pool.
class Record {
public:
    void put(const void* p, std::size_t n)
    {
        const auto* b = static_cast<const std::uint8_t*>(p);
        bytes.insert(bytes.end(), b, b + n);
    }
    template <class T>
    void put(T v)
    {
        put(&v, sizeof v);
    }
    std::vector<std::uint8_t> bytes;
};

class Reader {
public:
    explicit Reader(const std::vector<std::uint8_t>& b) : bytes_(b) { }
    bool done() const { return at_ >= bytes_.size(); }
    template <class T>
    T get()
    {
        T v;
        take(&v, sizeof v);
        return v;
    }
    void take(void* out, std::size_t n)
    {
        if (at_ + n > bytes_.size())
            throw Error("a rank's selections arrived truncated");
        std::memcpy(out, bytes_.data() + at_, n);
        at_ += n;
    }

private:
    const std::vector<std::uint8_t>& bytes_;
    std::size_t at_ = 0;
};

std::vector<PoolSelection> classesAcrossRanks(const SimilaritySpace& space,
                                              const std::vector<std::vector<std::int64_t>>& pools,
                                              const std::vector<std::int64_t>& budgets, int bin, const BinParams& p,
                                              Progress& progress, const CancelToken& cancel)
{
    RankGroup& group = *p.group;
    const std::vector<int> owner = ownersOf(pools, budgets, group.size());
    std::vector<std::int64_t> mine = budgets;
    for (std::size_t c = 0; c < pools.size(); ++c)
        if (owner[c] != group.rank())
            mine[c] = 0;
    const std::vector<PoolSelection> local = selectPools(space, pools, mine, bin, p, progress, cancel);
    Record rec;
    for (std::size_t c = 0; c < pools.size(); ++c) {
        if (mine[c] <= 0)
            continue;
        const PoolSelection& s = local[c];
        rec.put<std::int64_t>(static_cast<std::int64_t>(c));
        rec.put<std::int64_t>(static_cast<std::int64_t>(s.chosen.size()));
        rec.put(s.chosen.data(), s.chosen.size() * sizeof(std::int64_t));
        rec.put<double>(s.objective);
        rec.put<std::int64_t>(s.evaluations);
        rec.put<std::int64_t>(s.quickBounds);
        rec.put<std::int64_t>(static_cast<std::int64_t>(s.reason.size()));
        rec.put(s.reason.data(), s.reason.size());
    }
    std::vector<PoolSelection> all(pools.size());
    for (const auto& bytes : group.allGather(rec.bytes, "gathering the classes' selections of a bin")) {
        Reader in(bytes);
        while (!in.done()) {
            const auto c = static_cast<std::size_t>(in.get<std::int64_t>());
            PoolSelection& s = all.at(c);
            s.chosen.resize(static_cast<std::size_t>(in.get<std::int64_t>()));
            in.take(s.chosen.data(), s.chosen.size() * sizeof(std::int64_t));
            s.objective = in.get<double>();
            s.evaluations = in.get<std::int64_t>();
            s.quickBounds = in.get<std::int64_t>();
            s.reason.resize(static_cast<std::size_t>(in.get<std::int64_t>()));
            in.take(s.reason.data(), s.reason.size());
        }
    }
    return all;
}

PoolSelection poolAcrossRanks(const SimilaritySpace& space, const std::vector<std::int64_t>& pool, std::int64_t budget,
                              int bin, const BinParams& p, Progress& progress, const CancelToken& cancel)
{
    if (p.greedy.kind != GreedyKind::Naive && p.greedy.kind != GreedyKind::Lazy)
        throw FieldError("greedy",
                         std::string("across ranks the single pool (bins without class balance) is selected by the "
                                     "exact greedy: use lazy or naive, not ") +
                             greedyName(p.greedy.kind));
    PoolSelection sel;
    if (budget <= 0)
        return sel;
    std::unique_ptr<SubmodularFunction> f =
        makeSubmodularFunction(p.function, space, pool, budget, p.lambda, p.memoryLimitBytes, cancel);
    const std::int64_t before = progress.current().done;
    progress.setDetail("bin " + std::to_string(bin + 1) + "/" + std::to_string(p.bins));
    const GreedyResult r = shardedExactGreedy(*f, budget, *p.group, cancel, [&](std::int64_t picked) {
        if ((picked & 63) == 0 || picked == budget)
            progress.update(before + picked);
    });
    for (const std::int64_t pos : r.picks)
        sel.chosen.push_back(pool[static_cast<std::size_t>(pos)]);
    std::sort(sel.chosen.begin(), sel.chosen.end());
    for (const double g : r.gains)
        sel.objective += g;
    std::vector<double> evaluations{static_cast<double>(r.evaluations)};
    p.group->allReduceSum(evaluations, "counting the greedy's evaluations");
    sel.evaluations = static_cast<std::int64_t>(evaluations[0]);
    sel.reason = f->reason();
    return sel;
}

} // namespace

std::vector<PoolSelection> selectPoolsAcrossRanks(const SimilaritySpace& space,
                                                  const std::vector<std::vector<std::int64_t>>& pools,
                                                  const std::vector<std::int64_t>& budgets, int bin, const BinParams& p,
                                                  Progress& progress, const CancelToken& cancel)
{
    if (pools.size() == 1)
        return {poolAcrossRanks(space, pools[0], budgets[0], bin, p, progress, cancel)};
    return classesAcrossRanks(space, pools, budgets, bin, p, progress, cancel);
}

} // namespace dq
