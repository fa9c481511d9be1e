#pragma once
#include "datasets/Dataset.h"
#include "pixel/internal/QuantizedStorage.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

namespace dq {

class AtomicDirectory;
class NpyWriter;

// Writes a quantized folder (see QuantizedStorage.h) image by image: each image's kept
// pixels go compressed straight to pixels.zlib, so only the ids, indices, labels and
// stream sizes are held in memory. The
// folder appears at commit(); destroyed without commit() (failure, cancel), nothing of it
// is left behind.
class QuantizedWriter {
public:
    // Throws dq::Error for an impossible header (empty shape or grid, k out of range).
    QuantizedWriter(const std::filesystem::path& dir, const QuantizedHeader& header);
    ~QuantizedWriter();
    QuantizedWriter(const QuantizedWriter&) = delete;
    QuantizedWriter& operator=(const QuantizedWriter&) = delete;

    // One image: its dataset index, label, the ids of its kept patches (ascending, exactly
    // header.keptPerImage of them) and its native pixels (of header.shape).
    void add(std::int64_t index, int label, const std::vector<int>& keptIds, const Image& native);
    std::int64_t count() const { return static_cast<std::int64_t>(indices_.size()); }
    // Writes the remaining files and meta.json, and moves the folder into place.
    QuantizedSummary commit();

    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    QuantizedHeader header_;
    std::unique_ptr<AtomicDirectory> staging_;
    std::ofstream streams_; // pixels.zlib
    std::unique_ptr<NpyWriter> kept_;
    PatchLayout layout_;
    std::vector<std::int64_t> indices_;
    std::vector<std::int64_t> labels_;
    std::vector<std::int32_t> streamBytes_;
    std::int64_t keptPixels_ = 0;
    std::int64_t compressedBytes_ = 0;
    std::vector<std::uint8_t> buffer_;
    bool committed_ = false;
};

} // namespace dq
