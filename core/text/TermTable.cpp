#include "text/internal/TermTable.h"

namespace dq {

TermTable::TermTable(std::size_t expected)
{
    std::size_t cap = 16;
    while (cap < 2 * expected)
        cap <<= 1;
    keys_.assign(cap, 0);
    counts_.assign(cap, 0);
    mask_ = cap - 1;
}

void TermTable::add(std::uint64_t key, std::uint32_t by)
{
    if (2 * (size_ + 1) > keys_.size())
        grow();
    std::size_t s = slot(key);
    while (keys_[s] != 0 && keys_[s] != key)
        s = (s + 1) & mask_;
    if (keys_[s] == 0) {
        keys_[s] = key;
        ++size_;
    }
    counts_[s] += by;
}

std::uint32_t TermTable::find(std::uint64_t key) const
{
    for (std::size_t s = slot(key);; s = (s + 1) & mask_) {
        if (keys_[s] == key)
            return counts_[s];
        if (keys_[s] == 0)
            return 0;
    }
}

void TermTable::merge(const TermTable& other)
{
    for (std::size_t s = 0; s < other.keys_.size(); ++s)
        if (other.keys_[s] != 0)
            add(other.keys_[s], other.counts_[s]);
}

void TermTable::grow()
{
    std::vector<std::uint64_t> keys(keys_.size() * 2, 0);
    std::vector<std::uint32_t> counts(keys.size(), 0);
    keys_.swap(keys);
    counts_.swap(counts);
    mask_ = keys_.size() - 1;
    size_ = 0;
    for (std::size_t s = 0; s < keys.size(); ++s)
        if (keys[s] != 0)
            add(keys[s], counts[s]);
}

} // namespace dq
