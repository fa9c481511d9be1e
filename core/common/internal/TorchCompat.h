#pragma once
// The LibTorch calls whose spelling differs between Debian's LibTorch 1.13 and LibTorch
// 2.x, each behind one name that compiles against both (docs/libtorch-compat.md lists
// every torch API the code uses and what was checked). Chosen by what the headers
// declare, not by version numbers, so a later 2.x that keeps the API keeps working.
#include <c10/core/Storage.h>

#include <utility>

namespace dq {
namespace torchcompat_detail {

// 2.1 made Storage::data() const (const void*) and added mutable_data() for writers.
template <typename S>
auto mutableBytes(const S& s, int) -> decltype(s.mutable_data())
{
    return s.mutable_data();
}

template <typename S>
void* mutableBytes(const S& s, long)
{
    return s.data(); // 1.13: data() is the writable pointer
}

} // namespace torchcompat_detail

// The writable bytes of a storage (1.13: data(); 2.x: mutable_data()).
inline void* mutableStorageBytes(const c10::Storage& storage) { return torchcompat_detail::mutableBytes(storage, 0); }

} // namespace dq
