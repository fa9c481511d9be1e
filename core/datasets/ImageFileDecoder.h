#pragma once
#include "datasets/Dataset.h"

#include <filesystem>

namespace dq {

// Decodes an image file (any format OpenCV's imgcodecs reads) into an 8-bit Image: gray
// stays 1 channel, colour becomes RGB (alpha dropped), 16-bit is scaled to 8-bit. Throws
// dq::Error naming the file when it cannot be read or decoded.
//
// The engine (libdqengine) declares it; libdqtorch defines it (ImageFileDecoder.cpp), so
// that the engine and the light `dq` never load imgcodecs and the ~250 libraries behind
// it. The light `dq` defines it by handing the command over to dq-torch (app/cli).
Image decodeImageFile(const std::filesystem::path& path);

} // namespace dq
