#include "features/NpyRowWriter.h"

#include "common/Error.h"

namespace dq {

NpyRowWriter::NpyRowWriter(std::filesystem::path file, DType dtype, std::vector<std::int64_t> shape)
    : file_(std::move(file)), dtype_(dtype), shape_(std::move(shape))
{
    if (shape_.empty())
        throw Error(file_.string(), "a row writer needs at least one dimension");
    rowBytes_ = static_cast<std::int64_t>(dtypeSize(dtype_));
    for (std::size_t k = 1; k < shape_.size(); ++k)
        rowBytes_ *= shape_[k];
    const char* descr = dtype_ == DType::Float32 ? "<f4"
                        : dtype_ == DType::Float64 ? "<f8"
                        : dtype_ == DType::Int64   ? "<i8"
                        : dtype_ == DType::Int32   ? "<i4"
                                                   : "|u1";
    std::string dims = "(";
    for (std::size_t k = 0; k < shape_.size(); ++k)
        dims += (k ? ", " : "") + std::to_string(shape_[k]);
    dims += shape_.size() == 1 ? ",)" : ")";
    std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
    const std::size_t total = (10 + header.size() + 1 + 63) / 64 * 64; // data aligned to 64 bytes
    header.append(total - 10 - header.size() - 1, ' ');
    header += '\n';
    std::string prefix = "\x93NUMPY";
    prefix += '\x01';
    prefix += '\x00';
    prefix += static_cast<char>(header.size() & 0xff);
    prefix += static_cast<char>(header.size() >> 8);
    out_.open(file_, std::ios::binary | std::ios::trunc);
    out_.write(prefix.data(), static_cast<std::streamsize>(prefix.size()));
    out_.write(header.data(), static_cast<std::streamsize>(header.size()));
    if (!out_)
        throw Error(file_.string(), "cannot create the file");
}

void NpyRowWriter::write(const void* rows, std::int64_t count)
{
    if (written_ + count > shape_[0])
        throw Error(file_.string(), "more rows than the " + std::to_string(shape_[0]) + " announced");
    out_.write(static_cast<const char*>(rows), static_cast<std::streamsize>(count * rowBytes_));
    if (!out_)
        throw Error(file_.string(), "cannot write the file (disk full?)");
    written_ += count;
}

void NpyRowWriter::close()
{
    if (written_ != shape_[0])
        throw Error(file_.string(), std::to_string(written_) + " rows written of " + std::to_string(shape_[0]));
    out_.flush();
    out_.close();
    if (!out_)
        throw Error(file_.string(), "cannot write the file (disk full?)");
}

void writeNpyRows(const std::filesystem::path& file, const NpyArray& array)
{
    NpyRowWriter w(file, array.dtype, array.shape.empty() ? std::vector<std::int64_t>{1} : array.shape);
    w.write(array.bytes.data(), array.shape.empty() ? 1 : array.shape[0]);
    w.close();
}

} // namespace dq
