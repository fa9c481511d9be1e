#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

struct BinParams;
struct BinResult;

// Where the features came from, for the manifest.
struct BinsInputInfo {
    std::string features; // path(s)
    std::string labels; // path, or empty
    std::string fingerprint; // of the inputs
    std::int64_t rows = 0;
    std::int64_t dim = 0;
    std::string representation = "dense"; // or "gradient (b, e factors)"
    double loadSeconds = 0;
};

// What a bins folder holds, read back.
struct BinsFolderContent {
    std::string name;
    std::int64_t datasetSize = 0;
    std::vector<std::vector<std::int64_t>> bins;
    std::vector<int> labels; // empty when the bins were made without labels
};

// "select_indices_<name>_exp<b>.npy", the reference's file name.
std::string binFileName(const std::string& name, int bin);

// Writes one int64 .npy per bin, labels.npy (when there are labels) and bins.json, all at
// once: the folder appears complete or not at all. Refuses to replace a non-empty folder
// that is not a bins folder.
void writeBinsFolder(const std::filesystem::path& dir, const std::string& name, const BinResult& result,
                     const BinParams& params, const BinsInputInfo& input, const std::vector<int>& labels);

// Reads and checks a folder written by writeBinsFolder (bins.json plus the .npy files).
BinsFolderContent readBinsFolder(const std::filesystem::path& dir);

} // namespace dq
