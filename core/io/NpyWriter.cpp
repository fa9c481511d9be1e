#include "io/internal/NpyWriter.h"

#include "common/Error.h"

#include <limits>

namespace dq {
namespace {

constexpr std::size_t kPrefixBytes = 10; // magic, version 1.0, 2-byte header length
constexpr std::size_t kAlign = 64;

std::vector<std::int64_t> withRows(std::int64_t rows, const std::vector<std::int64_t>& rowShape)
{
    std::vector<std::int64_t> shape{rows};
    shape.insert(shape.end(), rowShape.begin(), rowShape.end());
    return shape;
}

std::string dictText(const std::string& descr, const std::vector<std::int64_t>& shape)
{
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
}

} // namespace

NpyWriter::NpyWriter(std::filesystem::path file, DType dtype, std::vector<std::int64_t> rowShape, std::int64_t rows)
        : file_(std::move(file)), dtype_(dtype), rowShape_(std::move(rowShape)), announced_(rows)
{
    rowBytes_ = dtypeSize(dtype_);
    for (const std::int64_t d : rowShape_) {
        if (d < 0)
            throw Error(file_.string(), "negative dimension in the row shape " + shapeText(rowShape_));
        rowBytes_ *= static_cast<std::uint64_t>(d);
    }
    // Room for the widest row count: the header is rewritten in place at close.
    const std::size_t dict =
        dictText(npyDescr(dtype_), withRows(std::numeric_limits<std::int64_t>::max(), rowShape_)).size() + 1;
    headerBytes_ = (kPrefixBytes + dict + kAlign - 1) / kAlign * kAlign;
    if (headerBytes_ - kPrefixBytes > 0xffff)
        throw Error(file_.string(), "the shape " + shapeText(rowShape_) + " does not fit a format 1.0 header");
    out_.open(file_, std::ios::binary | std::ios::trunc);
    const std::string reserved(headerBytes_, ' ');
    out_.write(reserved.data(), static_cast<std::streamsize>(reserved.size()));
    if (!out_)
        throw Error(file_.string(), "cannot create the file");
}

NpyWriter NpyWriter::forShape(std::filesystem::path file, DType dtype, const std::vector<std::int64_t>& shape)
{
    if (shape.empty())
        return NpyWriter(std::move(file), dtype, {}, 1);
    return NpyWriter(std::move(file), dtype, std::vector<std::int64_t>(shape.begin() + 1, shape.end()), shape[0]);
}

void NpyWriter::append(const void* data, std::size_t bytes)
{
    if (announced_ >= 0 && rowBytes_ > 0 && bytes_ + bytes > static_cast<std::uint64_t>(announced_) * rowBytes_)
        throw Error(file_.string(), "more rows than the " + std::to_string(announced_) + " announced");
    out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
    if (!out_)
        throw Error(file_.string(), "cannot write the file (disk full?)");
    bytes_ += bytes;
}

void NpyWriter::writeRows(const void* rows, std::int64_t count)
{
    append(rows, static_cast<std::size_t>(count) * rowBytes_);
}

void NpyWriter::writeRowsAt(std::int64_t firstRow, const void* rows, std::int64_t count)
{
    if (announced_ < 0)
        throw Error(file_.string(), "rows out of order need the row count announced");
    if (firstRow < 0 || count < 0 || firstRow + count > announced_)
        throw Error(file_.string(), "rows " + std::to_string(firstRow) + " .. " + std::to_string(firstRow + count) +
                                        " outside the " + std::to_string(announced_) + " announced");
    const std::uint64_t bytes = static_cast<std::uint64_t>(count) * rowBytes_;
    out_.seekp(static_cast<std::streamoff>(headerBytes_ + static_cast<std::uint64_t>(firstRow) * rowBytes_));
    out_.write(static_cast<const char*>(rows), static_cast<std::streamsize>(bytes));
    if (!out_)
        throw Error(file_.string(), "cannot write the file (disk full?)");
    bytes_ += bytes;
}

std::string NpyWriter::header(std::int64_t rows) const
{
    std::string dict = dictText(npyDescr(dtype_), withRows(rows, rowShape_));
    const std::size_t dictBytes = headerBytes_ - kPrefixBytes;
    dict.append(dictBytes - 1 - dict.size(), ' ');
    dict += '\n';
    std::string h = "\x93NUMPY";
    h += '\x01';
    h += '\x00';
    h += static_cast<char>(dictBytes & 0xff);
    h += static_cast<char>(dictBytes >> 8);
    return h + dict;
}

void NpyWriter::close(std::int64_t rows)
{
    const std::int64_t expected = rows >= 0 ? rows : announced_;
    if (announced_ >= 0 && rows >= 0 && rows != announced_)
        throw Error(file_.string(), std::to_string(rows) + " rows at close, " + std::to_string(announced_) + " announced");
    const std::uint64_t whole = rowBytes_ > 0 ? bytes_ / rowBytes_ : 0;
    if (rowBytes_ > 0 && whole * rowBytes_ != bytes_)
        throw Error(file_.string(),
                    std::to_string(bytes_) + " bytes written: not whole rows of " + std::to_string(rowBytes_) + " bytes");
    const std::int64_t n = expected >= 0 ? expected : static_cast<std::int64_t>(whole);
    if (rowBytes_ > 0 && static_cast<std::uint64_t>(n) != whole)
        throw Error(file_.string(), std::to_string(whole) + " rows written of " + std::to_string(n));
    if (rowBytes_ == 0 && bytes_ != 0)
        throw Error(file_.string(), "bytes written for rows of no elements");
    const std::string h = header(n);
    out_.seekp(0);
    out_.write(h.data(), static_cast<std::streamsize>(h.size()));
    out_.flush();
    out_.close();
    if (!out_)
        throw Error(file_.string(), "cannot write the file (disk full?)");
}

void writeNpyRows(const std::filesystem::path& file, const NpyArray& array)
{
    NpyWriter w = NpyWriter::forShape(file, array.dtype, array.shape);
    w.writeRows(array.bytes.data(), array.shape.empty() ? 1 : array.shape[0]);
    w.close();
}

} // namespace dq
