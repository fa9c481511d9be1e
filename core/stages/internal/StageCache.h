#pragma once
#include "common/Fingerprint.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace dq {

// The key of a stage result, built from what the result depends on: the content of its
// inputs (matrix bytes, dataset fingerprints, file contents) and every parameter that
// changes it. Never paths: the same data under another name is the same entry. Each
// value is added with a label, so that reordered or missing fields give another key.
class StageKey {
public:
    // Starts with the stage's name and dq's version (a new engine may give other results).
    explicit StageKey(std::string_view stage);

    StageKey& add(std::string_view label, std::string_view value);
    StageKey& add(std::string_view label, std::int64_t value);
    StageKey& add(std::string_view label, double value);
    StageKey& addBytes(std::string_view label, const void* data, std::size_t size);

    const std::string& stage() const { return stage_; }
    std::string hex() const { return fp_.hex(); }

private:
    std::string stage_;
    Fingerprint fp_;
};

// The stage results shared by dq and DQ Studio: <root>/stages/<stage>/<key>, where root is
// dq's --cache-dir, DQ Studio's cache folder or defaultCacheDir(). An entry is written
// atomically (a folder renamed into place) by the stage that owns it.
class StageCache {
public:
    explicit StageCache(std::filesystem::path root); // empty: defaultCacheDir()

    std::filesystem::path entry(const StageKey& key) const { return entry(key.stage(), key.hex()); }
    std::filesystem::path entry(const std::string& stage, const std::string& keyHex) const;
    const std::filesystem::path& root() const { return root_; }

private:
    std::filesystem::path root_;
};

} // namespace dq
