#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

namespace at {
class Tensor;
}

namespace dq {

// The processes of one job, as the rest of the code sees them: a rank in 0 .. size()-1
// and a few collectives. Every rank must call the same collectives in the same order.
// One process alone (no launcher) is a group of one whose collectives return at once;
// only MultiProcessGroup.cpp sees c10d. `what` names the step in error messages.
// A collective that fails (a rank died, hangs past the timeout, or failed) throws
// dq::Error naming the rank where it can be known.
class RankGroup {
public:
    virtual ~RankGroup() = default;

    int rank() const { return rank_; }
    int size() const { return size_; }
    int localRank() const { return localRank_; }
    bool multiProcess() const { return size_ > 1; }

    virtual void allReduceSum(std::vector<double>& values, const char* what) = 0;
    virtual void allReduceSum(std::vector<float>& values, const char* what) = 0;
    // In place; a CPU tensor of float or double.
    virtual void allReduceSum(at::Tensor& values, const char* what) = 0;
    // `bytes` becomes root's (any length).
    virtual void broadcast(std::vector<std::uint8_t>& bytes, int root, const char* what) = 0;
    // Every rank's bytes (any lengths), in rank order, on every rank.
    virtual std::vector<std::vector<std::uint8_t>> allGather(const std::vector<std::uint8_t>& bytes, const char* what) = 0;
    // Every rank's bytes on rank 0 (in rank order); other ranks get an empty list.
    virtual std::vector<std::vector<std::uint8_t>> gatherToRoot(const std::vector<std::uint8_t>& bytes,
                                                                const char* what) = 0;
    virtual void barrier(const char* what) = 0;

    // The end of the work: a barrier, then `write` runs on rank 0 alone (the only rank that
    // writes outputs, so none is left half-written by a rank that failed), then every rank
    // learns whether it succeeded; a failed write throws on every rank.
    virtual void commitOnRankZero(const std::function<void()>& write) = 0;

    // Typed forms of the byte collectives (trivially copyable elements).
    template <class T>
    std::vector<std::vector<T>> allGatherVectors(const std::vector<T>& mine, const char* what)
    {
        return unpack<T>(allGather(pack(mine), what));
    }
    template <class T>
    std::vector<std::vector<T>> gatherVectorsToRoot(const std::vector<T>& mine, const char* what)
    {
        return unpack<T>(gatherToRoot(pack(mine), what));
    }
    template <class T>
    void broadcastVector(std::vector<T>& values, int root, const char* what)
    {
        std::vector<std::uint8_t> bytes = pack(values);
        broadcast(bytes, root, what);
        values = unpackOne<T>(bytes);
    }

protected:
    RankGroup(int rank, int size, int localRank) : rank_(rank), size_(size), localRank_(localRank) { }

private:
    template <class T>
    static std::vector<std::uint8_t> pack(const std::vector<T>& v)
    {
        static_assert(std::is_trivially_copyable<T>::value, "collectives copy bytes");
        std::vector<std::uint8_t> bytes(v.size() * sizeof(T));
        if (!v.empty())
            std::memcpy(bytes.data(), v.data(), bytes.size());
        return bytes;
    }
    template <class T>
    static std::vector<T> unpackOne(const std::vector<std::uint8_t>& bytes)
    {
        std::vector<T> v(bytes.size() / sizeof(T));
        if (!v.empty())
            std::memcpy(v.data(), bytes.data(), v.size() * sizeof(T));
        return v;
    }
    template <class T>
    static std::vector<std::vector<T>> unpack(const std::vector<std::vector<std::uint8_t>>& all)
    {
        std::vector<std::vector<T>> out;
        out.reserve(all.size());
        for (const auto& bytes : all)
            out.push_back(unpackOne<T>(bytes));
        return out;
    }

    int rank_, size_, localRank_;
};

// The process's group: one process alone unless startProcessGroup() joined a launch
// (ProcessGroupSession.h).
RankGroup& rankGroup();
// Makes `group` the process's group (null: one process alone again). Only the process
// group session (libdqtorch) calls it; the group must outlive its use.
void setRankGroup(RankGroup* group);

// The contiguous share of `count` items that `rank` of `size` takes: the first count % size
// ranks take one more. Returns [begin, end).
std::pair<std::int64_t, std::int64_t> shardRange(std::int64_t count, int rank, int size);

} // namespace dq
