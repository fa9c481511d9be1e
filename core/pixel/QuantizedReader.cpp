#include "pixel/QuantizedReader.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "io/Npy.h"
#include "pixel/QuantizedFormat.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

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
        throw Error(dir_.string(), fs::exists(dir_, ec) ? "is not a folder (expected a quantized folder)" : "no such folder");
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
                            std::to_string(index) + " out of range [0, " + std::to_string(header_.datasetSize) + ")");
        const std::int64_t label = labels_[static_cast<std::size_t>(i)];
        if (label < -1 || (!header_.classNames.empty() && label >= static_cast<std::int64_t>(header_.classNames.size())))
            throw Error((dir_ / quantized::kLabelsFile).string(), "entry " + std::to_string(i) + ": label " +
                            std::to_string(label) + " out of range [-1, " + std::to_string(header_.classNames.size()) + ")");
    }

    const fs::path keptFile = dir_ / quantized::kKeptFile;
    const NpyArray keptArray = readNpy(keptFile);
    const DType ids = patches > 256 ? DType::UInt16 : DType::UInt8;
    if (keptArray.dtype != ids)
        throw Error(keptFile.string(), std::string("dtype ") + dtypeName(keptArray.dtype) + ", expected " +
                                           dtypeName(ids) + " for a grid of " + std::to_string(patches) + " patches");
    if (keptArray.shape != std::vector<std::int64_t>{n, k})
        throw Error(keptFile.string(), "shape is " + shapeText(keptArray.shape) + ", expected (" + std::to_string(n) +
                                           ", " + std::to_string(k) + ") (images x kept patches, from meta.json)");
    kept_ = keptArray.toVector<std::uint16_t>();

    // Pixel bytes of each image from its kept patches, checked against pixels.npy's length.
    const ImageShape& s = header_.shape;
    const std::vector<std::int64_t> perPatch = patchPixelCounts(header_.grid, s.height, s.width);
    offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
    for (std::int64_t i = 0; i < n; ++i) {
        std::int64_t pixels = 0;
        for (int j = 0; j < k; ++j) {
            const int id = kept_[static_cast<std::size_t>(i * k + j)];
            if (id >= patches || (j > 0 && id <= kept_[static_cast<std::size_t>(i * k + j - 1)]))
                throw Error(keptFile.string(), "row " + std::to_string(i) + ": patch ids must be strictly ascending and below " +
                                                   std::to_string(patches) + " (found " + std::to_string(id) + ")");
            pixels += perPatch[static_cast<std::size_t>(id)];
        }
        offsets_[static_cast<std::size_t>(i) + 1] = offsets_[static_cast<std::size_t>(i)] + pixels * s.channels;
    }
    const fs::path pixelsFile = dir_ / quantized::kPixelsFile;
    const NpyFileInfo pixelsInfo = inspectNpy(pixelsFile);
    if (pixelsInfo.dtype != DType::UInt8)
        throw Error(pixelsFile.string(), std::string("dtype ") + dtypeName(pixelsInfo.dtype) + ", expected uint8");
    if (pixelsInfo.shape.size() != 1)
        throw Error(pixelsFile.string(), "shape is " + shapeText(pixelsInfo.shape) + ", expected one dimension");
    if (pixelsInfo.shape[0] != offsets_.back())
        throw Error(pixelsFile.string(), "holds " + std::to_string(pixelsInfo.shape[0]) + " bytes, but the kept patches of " +
                                             keptFile.filename().string() + " cover " + std::to_string(offsets_.back()) +
                                             " pixel bytes");
    pixelsDataOffset_ = pixelsInfo.dataOffset;
    pixelsFd_ = ::open(pixelsFile.c_str(), O_RDONLY | O_CLOEXEC);
    if (pixelsFd_ < 0)
        throw Error(pixelsFile.string(), std::string("cannot open: ") + std::strerror(errno));

    patchOfPixel_.resize(static_cast<std::size_t>(s.height) * s.width);
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x)
            patchOfPixel_[static_cast<std::size_t>(y) * s.width + x] = patchOfPixel(header_.grid, s.height, s.width, y, x);
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

std::vector<std::uint8_t> QuantizedReader::pixelMask(std::int64_t i) const
{
    const std::vector<int> ids = keptIds(i);
    std::vector<std::uint8_t> kept(static_cast<std::size_t>(header_.grid.count()), 0);
    for (int id : ids)
        kept[static_cast<std::size_t>(id)] = 1;
    std::vector<std::uint8_t> mask(patchOfPixel_.size());
    for (std::size_t p = 0; p < mask.size(); ++p)
        mask[p] = kept[static_cast<std::size_t>(patchOfPixel_[p])];
    return mask;
}

Image QuantizedReader::partialImage(std::int64_t i) const
{
    const std::vector<std::uint8_t> mask = pixelMask(i);
    const ImageShape& s = header_.shape;
    const std::size_t c = static_cast<std::size_t>(s.channels);
    const std::int64_t begin = offsets_[static_cast<std::size_t>(i)];
    std::vector<std::uint8_t> stored(static_cast<std::size_t>(offsets_[static_cast<std::size_t>(i) + 1] - begin));
    readAt(pixelsFd_, pixelsDataOffset_ + static_cast<std::uint64_t>(begin), stored.data(), stored.size(),
           dir_ / quantized::kPixelsFile);
    Image img;
    img.height = s.height;
    img.width = s.width;
    img.channels = s.channels;
    img.pixels.assign(mask.size() * c, 0);
    const std::uint8_t* in = stored.data();
    for (std::size_t p = 0; p < mask.size(); ++p)
        if (mask[p]) {
            std::memcpy(img.pixels.data() + p * c, in, c);
            in += c;
        }
    return img;
}

} // namespace dq
