#pragma once
// Core-private: the images pixel quantization stores, at the dataset's own size or at the
// size the user asked for (needed for folders of mixed sizes).
#include "datasets/Dataset.h"

namespace dq {

// The shape every stored image has: the dataset's (fixed) shape, or imageSize x imageSize.
// Throws dq::UsageError(--image-size) for a folder of mixed sizes without one.
ImageShape storedShape(const Dataset& data, int imageSize);

// Image i, already `decoded`, at `shape` (area-resized when the dataset's differs).
// Throws dq::Error naming the image when its channel count differs from the shape's.
Image storedImage(const Dataset& data, std::int64_t i, const Image& decoded, const ImageShape& shape);

// An image resized to height x width (area when shrinking, bilinear when growing).
Image resizedImage(const Image& image, int height, int width);

} // namespace dq
