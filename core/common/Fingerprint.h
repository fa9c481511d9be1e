#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dq {

// A stable 64-bit FNV-1a hash, printed as 16 hex digits. Not cryptographic: it tells
// "same inputs" from "different inputs" for caches and manifests.
class Fingerprint {
public:
    void add(std::string_view bytes);
    void add(std::uint64_t value);
    // Adds the file's size and a sample of its bytes (head, middle, tail; 64 KiB each),
    // so that fingerprinting a large dataset stays cheap.
    void addFileSample(const std::filesystem::path& path);
    // Adds every byte of the file (model and weights files: small enough to read once).
    // Throws dq::Error naming `option` and the file when it cannot be read.
    void addWholeFile(const std::filesystem::path& path, const std::string& option);
    std::uint64_t value() const { return hash_; }
    std::string hex() const;

private:
    std::uint64_t hash_ = 1469598103934665603ULL;
};

} // namespace dq
