#pragma once
#include "io/Npy.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace dq {

// Writes a .npy file (format 1.0, C order, little-endian, numpy's header layout) block
// by block: the header for the final shape first, then the rows as they are computed,
// so that an N x D feature matrix never has to be held in memory. Not atomic by itself:
// write into an AtomicDirectory's staging folder.
class NpyRowWriter {
public:
    NpyRowWriter(std::filesystem::path file, DType dtype, std::vector<std::int64_t> shape);
    // `count` rows of rowSize elements each.
    void write(const void* rows, std::int64_t count);
    // Checks that every row was written and flushes; throws dq::Error naming the file.
    void close();

    std::int64_t rowsWritten() const { return written_; }

private:
    std::filesystem::path file_;
    DType dtype_;
    std::vector<std::int64_t> shape_;
    std::int64_t rowBytes_ = 0;
    std::int64_t written_ = 0;
    std::ofstream out_;
};

// Writes a whole array with NpyRowWriter (no encoded copy in memory).
void writeNpyRows(const std::filesystem::path& file, const NpyArray& array);

} // namespace dq
