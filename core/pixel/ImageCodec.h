#pragma once
#include <cstdint>
#include <string>

namespace dq {

struct Image;

// The standard still-image codecs DQ's storage is compared with, through OpenCV.
enum class ImageCodec { Png, WebpLossless, Jpeg, Webp };

const char* imageCodecName(ImageCodec codec); // "png", "webp-lossless", "jpeg", "webp"

// An 8-bit image (1, 3 or 4 channels, RGB(A) order) in `codec`. `quality`: JPEG and WebP
// 1-100 (JPEG with optimised Huffman tables: smaller files, the same pixels); PNG the zlib level 0-9 (-1: 9, the smallest);
// ignored for lossless WebP (its slowest, smallest setting). Throws dq::Error.
std::string encodeImage(const Image& image, ImageCodec codec, int quality = -1);

// Back to pixels with `channels` (1, 3 or 4; RGB(A) order). Throws dq::Error naming
// `source` when the bytes do not decode.
Image decodeImage(const std::string& bytes, int channels, const std::string& source);

// "jpeg" or "webp" (the lossy codecs a byte budget can be fitted with); throws
// dq::FieldError on `field` (its detail led by `subject` when given) for any other name.
ImageCodec parseLossyCodec(const std::string& name, const std::string& field, const std::string& subject = {});

// PNG at OpenCV's fast default level, as the images/ folders are written.
std::string encodePng(const Image& image);

// The bytes of the selected images stored one file per image, losslessly.
struct LosslessSizes {
    std::int64_t png = 0; // PNG at level 9
    std::int64_t webpLossless = 0; // lossless WebP
    void add(const Image& image);
    // The smaller of the two and its codec name.
    std::int64_t bestBytes() const { return webpLossless > 0 && webpLossless < png ? webpLossless : png; }
    const char* bestCodec() const;
};

} // namespace dq
