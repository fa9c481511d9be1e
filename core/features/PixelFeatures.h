#pragma once
#include "io/Npy.h"

namespace dq {

class Dataset;
class Progress;
class CancelToken;

// Raw pixels as features: one float32 row per image, its H*W*C values in row-major HWC
// order divided by 255 (the feature of the reference's Fashion-MNIST parity runs).
// Every image must have the first image's shape.
NpyArray pixelFeatures(const Dataset& dataset, Progress& progress, const CancelToken& cancel);

} // namespace dq
