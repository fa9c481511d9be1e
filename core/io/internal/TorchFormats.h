#pragma once
// Core-private: the two container formats of torch.save, behind readTorchCheckpoint.
#include "io/internal/TorchCheckpoint.h"

#include <filesystem>
#include <string>

namespace dq {

// The zip archive of torch >= 1.6: <archive>/data.pkl and one record <archive>/data/<key>
// per storage, read with LibTorch's PyTorchStreamReader.
TorchCheckpoint readZipCheckpoint(const std::filesystem::path& path);

// The legacy stream (_use_new_zipfile_serialization=False), given the whole file: pickles
// of the magic number, the protocol version and the system information, the main
// pickle, the sorted list of storage keys, then per storage an 8-byte element count and
// the raw elements.
TorchCheckpoint readLegacyCheckpoint(const std::filesystem::path& path, const std::string& bytes);

} // namespace dq
