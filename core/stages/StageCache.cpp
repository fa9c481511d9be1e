#include "stages/internal/StageCache.h"

#include "common/CacheDir.h"

#include <cstring>

namespace dq {

StageKey::StageKey(std::string_view stage) : stage_(stage)
{
    add("stage", stage);
    add("dq", std::string_view(DQ_VERSION));
}

StageKey& StageKey::add(std::string_view label, std::string_view value)
{
    // Lengths first: ("ab", "c") and ("a", "bc") must differ.
    fp_.add(static_cast<std::uint64_t>(label.size()));
    fp_.add(label);
    fp_.add(static_cast<std::uint64_t>(value.size()));
    fp_.add(value);
    return *this;
}

StageKey& StageKey::add(std::string_view label, std::int64_t value)
{
    return add(label, std::string_view(std::to_string(value)));
}

StageKey& StageKey::add(std::string_view label, double value)
{
    std::uint64_t bits = 0;
    static_assert(sizeof bits == sizeof value);
    std::memcpy(&bits, &value, sizeof bits);
    return add(label, std::string_view(std::to_string(bits)));
}

StageKey& StageKey::addBytes(std::string_view label, const void* data, std::size_t size)
{
    return add(label, std::string_view(static_cast<const char*>(data), size));
}

StageCache::StageCache(std::filesystem::path root) : root_(root.empty() ? defaultCacheDir() : std::move(root)) { }

std::filesystem::path StageCache::entry(const std::string& stage, const std::string& keyHex) const
{
    return root_ / "stages" / stage / keyHex;
}

} // namespace dq
