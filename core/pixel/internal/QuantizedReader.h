#pragma once
#include "datasets/Dataset.h"
#include "pixel/internal/QuantizedStorage.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace dq {

// Reads a quantized folder of version 2 or 1 (see QuantizedStorage.h). The constructor
// validates all of it (missing files, dtypes, shapes, patch ids, the stored bytes against
// the masks and stream sizes, index and label lengths) and throws dq::Error naming the
// file and what is wrong. Pixels are read (and decompressed) image by image on demand;
// a damaged stream throws dq::Error naming the file and the image. Every const method
// may be called from several threads.
class QuantizedReader {
public:
    explicit QuantizedReader(const std::filesystem::path& dir);
    ~QuantizedReader();
    QuantizedReader(const QuantizedReader&) = delete;
    QuantizedReader& operator=(const QuantizedReader&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    const QuantizedHeader& header() const { return header_; }
    // The byte accounting recorded in meta.json.
    const QuantizedSummary& summary() const { return summary_; }
    std::int64_t count() const { return static_cast<std::int64_t>(indices_.size()); }

    // Of the i-th image written (0 <= i < count()); dq::Error when i is out of range.
    std::int64_t index(std::int64_t i) const;
    int label(std::int64_t i) const;
    std::vector<int> keptIds(std::int64_t i) const;
    // The native image with its dropped pixels set to 0.
    Image partialImage(std::int64_t i) const;
    // height * width bytes: 1 where the pixel was kept.
    std::vector<std::uint8_t> pixelMask(std::int64_t i) const;

private:
    void checkIndex(std::int64_t i) const;

    std::filesystem::path dir_;
    QuantizedHeader header_;
    QuantizedSummary summary_;
    std::vector<std::int64_t> indices_;
    std::vector<std::int64_t> labels_;
    std::vector<std::uint16_t> kept_; // count() x k
    // count() + 1 byte offsets into the pixel file's data: pixels.zlib's streams, or (version
    // 1) pixels.npy's raw kept pixels.
    std::vector<std::int64_t> offsets_;
    PatchLayout layout_;
    std::filesystem::path pixelsFile_;
    bool compressed_ = true;
    std::uint64_t pixelsDataOffset_ = 0;
    int pixelsFd_ = -1;
};

} // namespace dq
