#include "pixel/QuantizedWriter.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Timestamp.h"
#include "io/Npy.h"
#include "io/NpyWriter.h"
#include "pixel/QuantizedFormat.h"

#include <map>

namespace fs = std::filesystem;

namespace dq {
namespace {

std::string shapeString(int h, int w, int c)
{
    return std::to_string(h) + " x " + std::to_string(w) + " x " + std::to_string(c);
}

} // namespace

QuantizedWriter::QuantizedWriter(const fs::path& dir, const QuantizedHeader& header)
    : dir_(dir), header_(header)
{
    const std::string where = dir_.string();
    const ImageShape& s = header_.shape;
    if (s.height <= 0 || s.width <= 0 || s.channels <= 0)
        throw Error(where, "invalid native image shape " + shapeString(s.height, s.width, s.channels));
    const PatchGrid& g = header_.grid;
    if (g.rows <= 0 || g.cols <= 0 || g.patchSize <= 0)
        throw Error(where, "invalid patch grid " + std::to_string(g.rows) + " x " + std::to_string(g.cols) +
                               " of " + std::to_string(g.patchSize) + " pixels");
    if (static_cast<std::int64_t>(g.rows) * g.cols > quantized::kMaxPatches)
        throw Error(where, "the patch grid has more than " + std::to_string(quantized::kMaxPatches) + " patches");
    checkMaskRatio(header_.maskRatio, "mask ratio");
    if (header_.keptPerImage < 0)
        header_.keptPerImage = keptPatchCount(g.count(), header_.maskRatio);
    if (header_.keptPerImage > g.count())
        throw Error(where, std::to_string(header_.keptPerImage) + " kept patches per image, but the grid has only " +
                               std::to_string(g.count()));

    patchOfPixel_.resize(static_cast<std::size_t>(s.height) * s.width);
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x)
            patchOfPixel_[static_cast<std::size_t>(y) * s.width + x] = patchOfPixel(g, s.height, s.width, y, x);

    staging_ = std::make_unique<AtomicDirectory>(dir_);
    // Row counts are known at commit only.
    pixels_ = std::make_unique<NpyWriter>(staging_->staging() / quantized::kPixelsFile, DType::UInt8,
                                          std::vector<std::int64_t>{});
    const DType ids = g.count() > 256 ? DType::UInt16 : DType::UInt8;
    kept_ = std::make_unique<NpyWriter>(staging_->staging() / quantized::kKeptFile, ids,
                                        std::vector<std::int64_t>{header_.keptPerImage});
}

QuantizedWriter::~QuantizedWriter() = default;

void QuantizedWriter::add(std::int64_t index, int label, const std::vector<int>& keptIds, const Image& native)
{
    const std::string where = dir_.string();
    if (committed_)
        throw Error(where, "add() after commit()");
    const std::string sample = "sample " + std::to_string(index);
    const ImageShape& s = header_.shape;
    if (native.height != s.height || native.width != s.width || native.channels != s.channels ||
        native.pixels.size() != static_cast<std::size_t>(s.height) * s.width * s.channels)
        throw Error(where, sample + ": image is " + shapeString(native.height, native.width, native.channels) +
                               ", expected the dataset's native " + shapeString(s.height, s.width, s.channels));
    if (index < 0 || (header_.datasetSize > 0 && index >= header_.datasetSize))
        throw Error(where, sample + ": index out of range [0, " + std::to_string(header_.datasetSize) + ")");
    if (label < -1 || (!header_.classNames.empty() && label >= static_cast<int>(header_.classNames.size())))
        throw Error(where, sample + ": label " + std::to_string(label) + " out of range [-1, " +
                               std::to_string(header_.classNames.size()) + ")");
    if (static_cast<int>(keptIds.size()) != header_.keptPerImage)
        throw Error(where, sample + ": " + std::to_string(keptIds.size()) + " kept patches, expected " +
                               std::to_string(header_.keptPerImage));
    const int patches = header_.grid.count();
    std::vector<std::uint8_t> kept(static_cast<std::size_t>(patches), 0);
    for (std::size_t k = 0; k < keptIds.size(); ++k) {
        const int id = keptIds[k];
        if (id < 0 || id >= patches)
            throw Error(where, sample + ": kept patch id " + std::to_string(id) + " out of range [0, " +
                                   std::to_string(patches) + ")");
        if (k > 0 && id <= keptIds[k - 1])
            throw Error(where, sample + ": kept patch ids must be strictly ascending");
        kept[static_cast<std::size_t>(id)] = 1;
    }

    const std::size_t c = static_cast<std::size_t>(s.channels);
    buffer_.resize(native.pixels.size());
    std::uint8_t* out = buffer_.data();
    const std::uint8_t* in = native.pixels.data();
    for (std::size_t p = 0; p < patchOfPixel_.size(); ++p, in += c)
        if (kept[static_cast<std::size_t>(patchOfPixel_[p])])
            for (std::size_t k = 0; k < c; ++k)
                *out++ = in[k];
    const std::size_t bytes = static_cast<std::size_t>(out - buffer_.data());
    pixels_->append(buffer_.data(), bytes);
    keptPixels_ += static_cast<std::int64_t>(bytes / c);

    if (patches > 256) {
        std::vector<std::uint16_t> row(keptIds.begin(), keptIds.end());
        kept_->append(row.data(), row.size() * sizeof(std::uint16_t));
    } else {
        std::vector<std::uint8_t> row(keptIds.begin(), keptIds.end());
        kept_->append(row.data(), row.size());
    }
    indices_.push_back(index);
    labels_.push_back(label);
}

QuantizedSummary QuantizedWriter::commit()
{
    if (committed_)
        throw Error(dir_.string(), "commit() called twice");
    const fs::path dir = staging_->staging();
    const std::int64_t n = count();
    const ImageShape& s = header_.shape;
    const std::int64_t pixelsPerImage = static_cast<std::int64_t>(s.height) * s.width;
    const std::int64_t pixelBytes = keptPixels_ * s.channels;
    const std::int64_t idBytes = n * header_.keptPerImage * (header_.grid.count() > 256 ? 2 : 1);
    pixels_->close(pixelBytes);
    kept_->close(n);
    writeNpy(dir / quantized::kIndicesFile, NpyArray::fromVector(indices_));
    writeNpy(dir / quantized::kLabelsFile, NpyArray::fromVector(labels_));

    QuantizedSummary summary;
    summary.count = n;
    summary.originalBytes = n * pixelsPerImage * s.channels;
    summary.payloadBytes = pixelBytes + idBytes;
    summary.keepRatio = n > 0 ? static_cast<double>(keptPixels_) / static_cast<double>(n * pixelsPerImage) : 0.0;
    header_.count = n;
    header_.created = utcTimestamp();

    std::map<std::string, std::int64_t> files;
    std::int64_t dataFiles = 0;
    for (const char* name : {quantized::kIndicesFile, quantized::kLabelsFile, quantized::kKeptFile, quantized::kPixelsFile}) {
        files[name] = static_cast<std::int64_t>(fs::file_size(dir / name));
        dataFiles += files[name];
    }
    // meta.json counts itself: iterate until its size no longer changes (a digit more at most).
    std::string meta;
    std::int64_t metaBytes = 0;
    for (int round = 0; round < 8; ++round) {
        files[quantized::kMetaFile] = metaBytes;
        summary.storedBytes = dataFiles + metaBytes;
        meta = quantized::encodeMeta(header_, summary, files);
        if (static_cast<std::int64_t>(meta.size()) == metaBytes)
            break;
        metaBytes = static_cast<std::int64_t>(meta.size());
    }
    writeFileAtomically(dir / quantized::kMetaFile, meta);

    std::int64_t onDisk = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            onDisk += static_cast<std::int64_t>(entry.file_size());
    if (onDisk != summary.storedBytes)
        throw Error((dir / quantized::kMetaFile).string(), "byte accounting is off: " + std::to_string(onDisk) +
                                                                " bytes on disk, " + std::to_string(summary.storedBytes) +
                                                                " recorded");
    staging_->commit();
    committed_ = true;
    return summary;
}

} // namespace dq
