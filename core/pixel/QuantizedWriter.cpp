#include "pixel/internal/QuantizedWriter.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/internal/Timestamp.h"
#include "io/Npy.h"
#include "io/internal/NpyWriter.h"
#include "pixel/internal/QuantizedFormat.h"

#include <map>

#include <zlib.h>

namespace fs = std::filesystem;

namespace dq {
namespace {

std::string shapeString(int h, int w, int c)
{
    return std::to_string(h) + " x " + std::to_string(w) + " x " + std::to_string(c);
}

} // namespace

QuantizedWriter::QuantizedWriter(const fs::path& dir, const QuantizedHeader& header) : dir_(dir), header_(header)
{
    const std::string where = dir_.string();
    const ImageShape& s = header_.shape;
    if (s.height <= 0 || s.width <= 0 || s.channels <= 0)
        throw Error(where, "invalid native image shape " + shapeString(s.height, s.width, s.channels));
    const PatchGrid& g = header_.grid;
    if (g.rows <= 0 || g.cols <= 0 || g.patchSize <= 0)
        throw Error(where, "invalid patch grid " + std::to_string(g.rows) + " x " + std::to_string(g.cols) + " of " +
                               std::to_string(g.patchSize) + " pixels");
    if (static_cast<std::int64_t>(g.rows) * g.cols > quantized::kMaxPatches)
        throw Error(where, "the patch grid has more than " + std::to_string(quantized::kMaxPatches) + " patches");
    checkMaskRatio(header_.maskRatio, "mask ratio");
    if (header_.keptPerImage < 0)
        header_.keptPerImage = keptPatchCount(g.count(), header_.maskRatio);
    if (header_.keptPerImage > g.count())
        throw Error(where, std::to_string(header_.keptPerImage) + " kept patches per image, but the grid has only " +
                               std::to_string(g.count()));

    layout_ = PatchLayout(g, s.height, s.width);

    staging_ = std::make_unique<AtomicDirectory>(dir_);
    const fs::path streams = staging_->staging() / quantized::kStreamsFile;
    streams_.open(streams, std::ios::binary | std::ios::trunc);
    if (!streams_)
        throw Error(streams.string(), "cannot create the file");
    // Row counts are known at commit only.
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
    for (std::size_t k = 0; k < keptIds.size(); ++k) {
        const int id = keptIds[k];
        if (id < 0 || id >= patches)
            throw Error(where, sample + ": kept patch id " + std::to_string(id) + " out of range [0, " +
                                   std::to_string(patches) + ")");
        if (k > 0 && id <= keptIds[k - 1])
            throw Error(where, sample + ": kept patch ids must be strictly ascending");
    }

    const std::vector<std::uint8_t> keptPixels = layout_.gatherKept(native, keptIds);
    uLongf compressed = compressBound(static_cast<uLong>(keptPixels.size()));
    buffer_.resize(compressed);
    if (compress2(buffer_.data(), &compressed, keptPixels.data(), static_cast<uLong>(keptPixels.size()),
                  quantized::kZlibLevel) != Z_OK)
        throw Error(where, sample + ": zlib could not compress the kept pixels");
    streams_.write(reinterpret_cast<const char*>(buffer_.data()), static_cast<std::streamsize>(compressed));
    if (!streams_)
        throw Error((staging_->staging() / quantized::kStreamsFile).string(), "write failed (disk full?)");
    streamBytes_.push_back(static_cast<std::int32_t>(compressed));
    compressedBytes_ += static_cast<std::int64_t>(compressed);
    keptPixels_ += static_cast<std::int64_t>(keptPixels.size()) / s.channels;

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
    const std::int64_t idBytes = n * header_.keptPerImage * (header_.grid.count() > 256 ? 2 : 1);
    streams_.close();
    if (!streams_)
        throw Error((dir / quantized::kStreamsFile).string(), "write failed (disk full?)");
    kept_->close(n);
    writeNpy(dir / quantized::kStreamBytesFile, NpyArray::fromVector(streamBytes_));
    writeNpy(dir / quantized::kIndicesFile, NpyArray::fromVector(indices_));
    writeNpy(dir / quantized::kLabelsFile, NpyArray::fromVector(labels_));

    QuantizedSummary summary;
    summary.count = n;
    summary.originalBytes = n * pixelsPerImage * s.channels;
    summary.payloadBytes = compressedBytes_ + idBytes;
    summary.keptPixelBytes = keptPixels_ * s.channels;
    summary.keepRatio = n > 0 ? static_cast<double>(keptPixels_) / static_cast<double>(n * pixelsPerImage) : 0.0;
    header_.count = n;
    header_.created = utcTimestamp();

    std::map<std::string, std::int64_t> files;
    std::int64_t dataFiles = 0;
    for (const char* name : {quantized::kIndicesFile, quantized::kLabelsFile, quantized::kKeptFile, quantized::kStreamsFile,
                             quantized::kStreamBytesFile}) {
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
