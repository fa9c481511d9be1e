#pragma once
#include <cstdint>
#include <vector>

namespace dq {

// Document frequencies by 64-bit term key: open addressing with linear probing, which
// is several times faster than std::unordered_map for millions of small entries. Key 0
// marks an empty slot (term keys are never 0).
class TermTable {
public:
    explicit TermTable(std::size_t expected = 1024);

    void add(std::uint64_t key, std::uint32_t by = 1);
    std::uint32_t find(std::uint64_t key) const; // 0 when absent
    std::size_t size() const { return size_; }
    // Adds every entry of `other`.
    void merge(const TermTable& other);

private:
    void grow();
    std::size_t slot(std::uint64_t key) const { return static_cast<std::size_t>(key) & mask_; }

    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> counts_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

} // namespace dq
