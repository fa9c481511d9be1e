#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dq {

// Element types DQ Studio reads and writes in .npy files.
enum class DType { UInt8, UInt16, Int32, Int64, Float32, Float64 };

std::size_t dtypeSize(DType t);
// A shape as Python prints a tuple: (), (5,), (3, 4); for messages.
std::string shapeText(const std::vector<std::int64_t>& shape);
const char* dtypeName(DType t); // numpy's name: "uint8", "int32", ...
std::string npyDescr(DType t); // numpy's type string, little-endian: "|u1", "<u2", "<f4", ...
// The DType of a C++ element type (uint8_t, uint16_t, int32_t, int64_t, float, double).
template <typename T>
DType dtypeOf();

// An n-dimensional array as stored in a .npy file, always held in C (row-major) order
// and native little-endian byte order after reading.
struct NpyArray {
    DType dtype = DType::Float32;
    std::vector<std::int64_t> shape;
    std::vector<std::uint8_t> bytes;

    std::int64_t numel() const;
    std::int64_t rows() const { return shape.empty() ? 1 : shape[0]; }
    // Elements per row (product of all dimensions but the first).
    std::int64_t rowSize() const;

    // The elements as T; throws dq::Error when T is not the array's dtype.
    template <typename T>
    const T* data() const;
    template <typename T>
    T* data();

    // All elements converted to T (any supported dtype to any other). Integers convert as
    // numpy's astype does (narrowing wraps); floating point to integer truncates toward
    // zero, clamps to T's range and maps NaN to 0 (numpy leaves those undefined).
    template <typename T>
    std::vector<T> toVector() const;

    // Shape defaults to 1-D {values.size()}; throws dq::Error when the shape's product
    // differs from values.size() or a dimension is negative.
    template <typename T>
    static NpyArray fromVector(const std::vector<T>& values, std::vector<std::int64_t> shape = {});
};

// Parses .npy bytes (format versions 1.0, 2.0, 3.0; C or Fortran order; '<', '>', '|'
// byte orders). `source` names the file in error messages.
NpyArray decodeNpy(std::string_view bytes, const std::string& source);
// Serialises as format 1.0 (2.0 when the header needs it), C order, little-endian.
std::string encodeNpy(const NpyArray& array);

NpyArray readNpy(const std::filesystem::path& path);

// A .npy file's header without its data, for reading parts of the data in place; the
// file's size is checked against the shape. Throws dq::Error naming the file.
struct NpyFileInfo {
    DType dtype = DType::UInt8;
    std::vector<std::int64_t> shape;
    std::uint64_t dataOffset = 0;
    bool fortranOrder = false;
    bool bigEndian = false;
    std::int64_t numel() const;
};
NpyFileInfo inspectNpy(const std::filesystem::path& path);
// Written atomically.
void writeNpy(const std::filesystem::path& path, const NpyArray& array);

} // namespace dq
