#pragma once
#include "io/Npy.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace dq {

// Writes a .npy file (format 1.0, C order, little-endian) as its rows come, so that a
// large array (an N x D feature matrix, the kept pixels of a quantized dataset) is never
// held in memory. The row count is announced up front and checked at close, or left
// open (-1) and taken at close. Either way the header has room for any row count (128
// bytes for most shapes, data aligned to 64) and gets its final shape at close; a file
// that was not closed is not a valid .npy. Not atomic by itself: write into an
// AtomicDirectory's staging folder.
class NpyWriter {
public:
    // rowShape: the dimensions after the first; rows: the count announced, or -1.
    NpyWriter(std::filesystem::path file, DType dtype, std::vector<std::int64_t> rowShape, std::int64_t rows = -1);
    // The whole shape known: shape[0] rows of the rest (a 0-d shape: one element).
    static NpyWriter forShape(std::filesystem::path file, DType dtype, const std::vector<std::int64_t>& shape);

    // `count` whole rows.
    void writeRows(const void* rows, std::int64_t count);
    // Bytes of any length (rows may arrive in pieces); whole rows must be there at close.
    void append(const void* data, std::size_t bytes);
    // `count` whole rows at row `firstRow`, for rows that arrive out of order (every rank's
    // share of a feature matrix, round by round). Needs the row count announced; the caller
    // writes each row once, in this form only.
    void writeRowsAt(std::int64_t firstRow, const void* rows, std::int64_t count);
    // Writes the header for the rows written (checked against the announced count, or
    // against `rows` when given) and closes. Throws dq::Error naming the file.
    void close(std::int64_t rows = -1);

private:
    std::string header(std::int64_t rows) const;

    std::filesystem::path file_;
    DType dtype_;
    std::vector<std::int64_t> rowShape_;
    std::int64_t announced_;
    std::uint64_t rowBytes_ = 0, bytes_ = 0;
    std::size_t headerBytes_ = 0;
    std::ofstream out_;
};

// Writes a whole array with NpyWriter (no encoded copy in memory). Not atomic by itself.
void writeNpyRows(const std::filesystem::path& file, const NpyArray& array);

} // namespace dq
