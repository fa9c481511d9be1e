#pragma once
// Private to QuantizedWriter and QuantizedReader (implemented in QuantizedStorage.cpp):
// the meta.json codec and the two .npy pieces core/io/Npy.h does not offer (uint16, and
// appending rows of a file whose length is known only at the end).
#include "pixel/QuantizedStorage.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace dq::quantized {

// Appends rows to a .npy file and writes the header for the final row count in finish().
// The header has a fixed 128-byte length (numpy pads headers with spaces anyway), so it
// is rewritten in place. Not atomic by itself: write into an AtomicDirectory's staging.
class NpyAppendWriter {
public:
    // descr: numpy's type string ("|u1", "<u2"); rowShape: the dimensions after the first.
    NpyAppendWriter(std::filesystem::path file, std::string descr, std::size_t itemSize,
                    std::vector<std::int64_t> rowShape);
    void append(const void* data, std::size_t bytes);
    // Writes the header for `rows` rows; the bytes appended must be exactly those rows.
    void finish(std::int64_t rows);

private:
    std::filesystem::path file_;
    std::string descr_;
    std::size_t itemSize_;
    std::vector<std::int64_t> rowShape_;
    std::uint64_t bytes_ = 0;
    std::ofstream out_;
};

// The header of a .npy file and where its data lies; the file's size is checked against
// the shape. Throws dq::Error naming the file.
struct NpyFileInfo {
    std::string descr; // as written, e.g. "<u2", "|u1"
    std::vector<std::int64_t> shape;
    std::uint64_t dataOffset = 0;
    std::size_t itemSize = 0;
    std::int64_t numel() const;
};
NpyFileInfo inspectNpy(const std::filesystem::path& file);
// True when descr is that of a little-endian (or byte-order-free) type of `kind` ('u',
// 'i', 'f') and `size` bytes: "<u2", "|u1", "u1", "=u2" on this little-endian host.
bool descrIs(const std::string& descr, char kind, std::size_t size);

// meta.json: the header, the summary and the size of each data file.
std::string encodeMeta(const QuantizedHeader& header, const QuantizedSummary& summary,
                       const std::map<std::string, std::int64_t>& fileBytes);
// Throws dq::Error naming `source` and the field that is missing or wrong.
QuantizedHeader decodeMeta(const std::string& bytes, const std::string& source,
                           QuantizedSummary* summary);

} // namespace dq::quantized
