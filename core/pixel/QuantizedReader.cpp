#include "pixel/internal/QuantizedReader.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "io/Npy.h"
#include "pixel/internal/QuantizedFormat.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

namespace fs = std::filesystem;

namespace dq {
namespace {

std::vector<std::int64_t> readInt64Vector(const fs::path& file, std::int64_t count)
{
    const NpyArray a = readNpy(file);
    if (a.dtype != DType::Int64)
        throw Error(file.string(), std::string("dtype is ") + dtypeName(a.dtype) + ", expected int64");
    if (a.shape != std::vector<std::int64_t>{count})
        throw Error(file.string(), "shape is " + shapeText(a.shape) + ", expected (" + std::to_string(count) +
                                       ",) for the " + std::to_string(count) + " images of meta.json");
    return a.toVector<std::int64_t>();
}

void readAt(int fd, std::uint64_t offset, std::uint8_t* out, std::size_t bytes, const fs::path& file)
{
    while (bytes > 0) {
        const ssize_t n = ::pread(fd, out, bytes, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw Error(file.string(), std::string("read failed: ") + (n < 0 ? std::strerror(errno) : "file shrank"));
        out += n;
        offset += static_cast<std::uint64_t>(n);
        bytes -= static_cast<std::size_t>(n);
    }
}

} // namespace

QuantizedReader::QuantizedReader(const fs::path& dir) : dir_(dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir_, ec))
        throw Error(dir_.string(),
                    fs::exists(dir_, ec) ? "is not a folder (expected a quantized folder)" : "no such folder");
    const fs::path metaFile = dir_ / quantized::kMetaFile;
    header_ = quantized::decodeMeta(readFileBytes(metaFile), metaFile.string(), &summary_);
    const std::int64_t n = header_.count;
    const int k = header_.keptPerImage;
    const int patches = header_.grid.count();

    indices_ = readInt64Vector(dir_ / quantized::kIndicesFile, n);
    labels_ = readInt64Vector(dir_ / quantized::kLabelsFile, n);
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t index = indices_[static_cast<std::size_t>(i)];
        if (index < 0 || (header_.datasetSize > 0 && index >= header_.datasetSize))
            throw Error((dir_ / quantized::kIndicesFile).string(), "entry " + std::to_string(i) + ": index " +
                                                                       std::to_string(index) + " out of range [0, " +
                                                                       std::to_string(header_.datasetSize) + ")");
        const std::int64_t label = labels_[static_cast<std::size_t>(i)];
        if (label < -1 || (!header_.classNames.empty() && label >= static_cast<std::int64_t>(header_.classNames.size())))
            throw Error((dir_ / quantized::kLabelsFile).string(), "entry " + std::to_string(i) + ": label " +
                                                                      std::to_string(label) + " out of range [-1, " +
                                                                      std::to_string(header_.classNames.size()) + ")");
    }

    const fs::path keptFile = dir_ / quantized::kKeptFile;
    const NpyArray keptArray = readNpy(keptFile);
    const DType ids = patches > 256 ? DType::UInt16 : DType::UInt8;
    if (keptArray.dtype != ids)
        throw Error(keptFile.string(), std::string("dtype ") + dtypeName(keptArray.dtype) + ", expected " + dtypeName(ids) +
                                           " for a grid of " + std::to_string(patches) + " patches");
    if (keptArray.shape != std::vector<std::int64_t>{n, k})
        throw Error(keptFile.string(), "shape is " + shapeText(keptArray.shape) + ", expected (" + std::to_string(n) + ", " +
                                           std::to_string(k) + ") (images x kept patches, from meta.json)");
    kept_ = keptArray.toVector<std::uint16_t>();

    // Pixel bytes of each image from its kept patches.
    const ImageShape& s = header_.shape;
    layout_ = PatchLayout(header_.grid, s.height, s.width);
    std::vector<std::int64_t> rawBytes(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        std::int64_t pixels = 0;
        for (int j = 0; j < k; ++j) {
            const int id = kept_[static_cast<std::size_t>(i * k + j)];
            if (id >= patches || (j > 0 && id <= kept_[static_cast<std::size_t>(i * k + j - 1)]))
                throw Error(keptFile.string(), "row " + std::to_string(i) +
                                                   ": patch ids must be strictly ascending and below " +
                                                   std::to_string(patches) + " (found " + std::to_string(id) + ")");
            pixels += layout_.pixelsPerPatch()[static_cast<std::size_t>(id)];
        }
        rawBytes[static_cast<std::size_t>(i)] = pixels * s.channels;
    }
    compressed_ = header_.version != quantized::kVersionRawPixels;
    offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
    if (compressed_) {
        // Each image's stream size, checked against pixels.zlib's length.
        const fs::path sizesFile = dir_ / quantized::kStreamBytesFile;
        const NpyArray sizes = readNpy(sizesFile);
        if (sizes.dtype != DType::Int32)
            throw Error(sizesFile.string(), std::string("dtype is ") + dtypeName(sizes.dtype) + ", expected int32");
        if (sizes.shape != std::vector<std::int64_t>{n})
            throw Error(sizesFile.string(), "shape is " + shapeText(sizes.shape) + ", expected (" + std::to_string(n) +
                                                ",) for the " + std::to_string(n) + " images of meta.json");
        const std::int32_t* bytes = sizes.data<std::int32_t>();
        for (std::int64_t i = 0; i < n; ++i) {
            if (bytes[i] <= 0)
                throw Error(sizesFile.string(), "entry " + std::to_string(i) + ": stream of " + std::to_string(bytes[i]) +
                                                    " bytes (a zlib stream has at least 8)");
            offsets_[static_cast<std::size_t>(i) + 1] = offsets_[static_cast<std::size_t>(i)] + bytes[i];
        }
        pixelsFile_ = dir_ / quantized::kStreamsFile;
        std::error_code ec;
        const auto size = fs::file_size(pixelsFile_, ec);
        if (ec)
            throw Error(pixelsFile_.string(), "file not found");
        if (static_cast<std::int64_t>(size) != offsets_.back())
            throw Error(pixelsFile_.string(), "holds " + std::to_string(size) + " bytes, but the streams of " +
                                                  sizesFile.filename().string() + " add up to " +
                                                  std::to_string(offsets_.back()) +
                                                  (static_cast<std::int64_t>(size) < offsets_.back() ? " (truncated)" : ""));
    } else {
        for (std::int64_t i = 0; i < n; ++i)
            offsets_[static_cast<std::size_t>(i) + 1] =
                offsets_[static_cast<std::size_t>(i)] + rawBytes[static_cast<std::size_t>(i)];
        pixelsFile_ = dir_ / quantized::kRawPixelsFile;
        const NpyFileInfo pixelsInfo = inspectNpy(pixelsFile_);
        if (pixelsInfo.dtype != DType::UInt8)
            throw Error(pixelsFile_.string(), std::string("dtype ") + dtypeName(pixelsInfo.dtype) + ", expected uint8");
        if (pixelsInfo.shape.size() != 1)
            throw Error(pixelsFile_.string(), "shape is " + shapeText(pixelsInfo.shape) + ", expected one dimension");
        if (pixelsInfo.shape[0] != offsets_.back())
            throw Error(pixelsFile_.string(), "holds " + std::to_string(pixelsInfo.shape[0]) +
                                                  " bytes, but the kept patches of " + keptFile.filename().string() +
                                                  " cover " + std::to_string(offsets_.back()) + " pixel bytes");
        pixelsDataOffset_ = pixelsInfo.dataOffset;
    }
    pixelsFd_ = ::open(pixelsFile_.c_str(), O_RDONLY | O_CLOEXEC);
    if (pixelsFd_ < 0)
        throw Error(pixelsFile_.string(), std::string("cannot open: ") + std::strerror(errno));
}

QuantizedReader::~QuantizedReader()
{
    if (pixelsFd_ >= 0)
        ::close(pixelsFd_);
}

void QuantizedReader::checkIndex(std::int64_t i) const
{
    if (i < 0 || i >= count())
        throw Error(dir_.string(), "image " + std::to_string(i) + " out of range [0, " + std::to_string(count()) + ")");
}

std::int64_t QuantizedReader::index(std::int64_t i) const
{
    checkIndex(i);
    return indices_[static_cast<std::size_t>(i)];
}

int QuantizedReader::label(std::int64_t i) const
{
    checkIndex(i);
    return static_cast<int>(labels_[static_cast<std::size_t>(i)]);
}

std::vector<int> QuantizedReader::keptIds(std::int64_t i) const
{
    checkIndex(i);
    const std::size_t k = static_cast<std::size_t>(header_.keptPerImage);
    const auto first = kept_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(i) * k);
    return std::vector<int>(first, first + static_cast<std::ptrdiff_t>(k));
}

std::vector<std::uint8_t> QuantizedReader::pixelMask(std::int64_t i) const { return layout_.keptMask(keptIds(i)); }

Image QuantizedReader::partialImage(std::int64_t i) const
{
    const std::vector<int> ids = keptIds(i);
    const ImageShape& s = header_.shape;
    const std::int64_t begin = offsets_[static_cast<std::size_t>(i)];
    std::vector<std::uint8_t> stored(static_cast<std::size_t>(offsets_[static_cast<std::size_t>(i) + 1] - begin));
    readAt(pixelsFd_, pixelsDataOffset_ + static_cast<std::uint64_t>(begin), stored.data(), stored.size(), pixelsFile_);
    if (!compressed_)
        return layout_.scatterKept(stored.data(), ids, s.channels);
    const std::size_t expected = static_cast<std::size_t>(layout_.keptPixels(ids) * s.channels);
    std::vector<std::uint8_t> kept(expected);
    uLongf outBytes = static_cast<uLongf>(expected);
    uLong inBytes = static_cast<uLong>(stored.size());
    const int rc = uncompress2(kept.data(), &outBytes, stored.data(), &inBytes);
    std::string problem;
    if (rc == Z_BUF_ERROR && outBytes == expected)
        problem = "its stream holds more than the " + std::to_string(expected) + " bytes of its kept pixels";
    else if (rc == Z_BUF_ERROR || (rc == Z_OK && outBytes != expected))
        problem = "its stream ends early (" + std::to_string(outBytes) + " of " + std::to_string(expected) +
                  " bytes of kept pixels)";
    else if (rc != Z_OK)
        problem =
            std::string("its zlib stream is corrupt (") + (rc == Z_DATA_ERROR ? "bad data or checksum" : zError(rc)) + ")";
    else if (inBytes != stored.size())
        problem = "its stream is followed by " + std::to_string(stored.size() - inBytes) + " stray bytes";
    if (!problem.empty())
        throw Error(pixelsFile_.string(), "image " + std::to_string(i) + " (sample " +
                                              std::to_string(indices_[static_cast<std::size_t>(i)]) + "): " + problem);
    return layout_.scatterKept(kept.data(), ids, s.channels);
}

} // namespace dq
