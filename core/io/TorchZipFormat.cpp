#include "io/internal/TorchFormats.h"

#include "common/Error.h"
#include "io/internal/TorchUnpickler.h"

#include <caffe2/serialize/inline_container.h>
#include <c10/util/Exception.h>

#include <cstdint>
#include <memory>
#include <string_view>

namespace dq {

namespace {

using caffe2::serialize::PyTorchStreamReader;

std::string firstLine(const std::string& s)
{
    const auto end = s.find('\n');
    return end == std::string::npos ? s : s.substr(0, end);
}

std::string recordText(PyTorchStreamReader& reader, const std::string& name)
{
    auto [ptr, size] = reader.getRecord(name);
    return std::string(static_cast<const char*>(ptr.get()), size);
}

} // namespace

TorchCheckpoint readZipCheckpoint(const std::filesystem::path& path)
{
    const std::string source = path.string();
    std::unique_ptr<PyTorchStreamReader> reader;
    try {
        reader = std::make_unique<PyTorchStreamReader>(source);
    } catch (const c10::Error& e) {
        throw Error(source, "not a readable checkpoint archive (truncated or corrupt zip file): " +
                                firstLine(e.what_without_backtrace()));
    }

    // LibTorch reports broken records as c10::Error; the user gets the file and record.
    auto guarded = [&](const std::string& what, auto&& f) {
        try {
            return f();
        } catch (const c10::Error& e) {
            throw Error(source, what + ": " + firstLine(e.what_without_backtrace()));
        }
    };
    // TorchScript archives hold a data.pkl too (the module object), next to its code.
    if (guarded("reading the archive", [&] { return reader->hasRecord("constants.pkl"); }))
        throw Error(source, "a TorchScript archive (torch.jit.save), not a torch.save checkpoint: "
                            "load it as a TorchScript model (torchscript:FILE)");
    if (!guarded("reading the archive", [&] { return reader->hasRecord("data.pkl"); }))
        throw Error(source, "the archive has no data.pkl record: not a torch.save checkpoint");
    // torch >= 2.1 records the byte order; older files are little-endian.
    bool bigEndian = false;
    if (guarded("reading the archive", [&] { return reader->hasRecord("byteorder"); })) {
        const std::string order = guarded("reading record byteorder", [&] { return recordText(*reader, "byteorder"); });
        if (order != "little" && order != "big")
            throw Error(source, "record byteorder holds '" + order + "', expected 'little' or 'big'");
        bigEndian = order == "big";
    }

    auto [pickle, pickleSize] = guarded("reading record data.pkl", [&] { return reader->getRecord("data.pkl"); });
    TorchUnpickler unpickler(source, [&](const TorchStorageType& type, const std::string& key, std::int64_t numel) {
        const std::string name = "data/" + key;
        if (!guarded("reading the archive", [&] { return reader->hasRecord(name); }))
            throw Error("record " + name + " is missing from the archive");
        auto [data, size] = guarded("reading record " + name, [&] { return reader->getRecord(name); });
        const auto item = static_cast<std::uint64_t>(type.itemSize);
        const auto n = static_cast<std::uint64_t>(numel);
        if (n > size / item || n * item != size)
            throw Error("record " + name + " holds " + std::to_string(size) + " bytes, but its torch." + type.name + " of " +
                        std::to_string(numel) + " elements needs " +
                        (n > UINT64_MAX / item ? "more than 2^64" : std::to_string(n * item)));
        if (bigEndian)
            swapElementBytes(data.get(), numel, type.itemSize);
        return c10::Storage(c10::Storage::use_byte_size_t(), size, std::move(data), nullptr, false);
    });
    TorchCheckpoint out;
    out.source = source;
    out.format = TorchCheckpoint::Format::Zip;
    out.root = unpickler.load(std::string_view(static_cast<const char*>(pickle.get()), pickleSize));
    return out;
}

} // namespace dq
