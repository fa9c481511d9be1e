#include "pixel/QuantizedStorage.h"

#include "common/Error.h"
#include "pixel/QuantizedFormat.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstring>

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace dq {

std::vector<std::int64_t> patchPixelCounts(const PatchGrid& grid, int height, int width)
{
    std::vector<std::int64_t> counts(static_cast<std::size_t>(std::max(0, grid.count())), 0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            ++counts[static_cast<std::size_t>(patchOfPixel(grid, height, width, y, x))];
    return counts;
}

namespace quantized {
namespace {

constexpr std::size_t kHeaderBytes = 128; // magic, version, length and dict: data aligned to 64

std::string shapeTuple(const std::vector<std::int64_t>& shape)
{
    std::string s = "(";
    for (std::size_t k = 0; k < shape.size(); ++k)
        s += (k ? ", " : "") + std::to_string(shape[k]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

} // namespace

NpyAppendWriter::NpyAppendWriter(fs::path file, std::string descr, std::size_t itemSize,
                                 std::vector<std::int64_t> rowShape)
    : file_(std::move(file)), descr_(std::move(descr)), itemSize_(itemSize), rowShape_(std::move(rowShape))
{
    out_.open(file_, std::ios::binary | std::ios::trunc);
    // The header's shape needs the final row count: reserve its bytes, rewrite at close.
    const std::string reserved(kHeaderBytes, ' ');
    out_.write(reserved.data(), static_cast<std::streamsize>(reserved.size()));
    if (!out_)
        throw Error(file_.string(), "cannot create the file");
}

void NpyAppendWriter::append(const void* data, std::size_t bytes)
{
    out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
    if (!out_)
        throw Error(file_.string(), "cannot write the file (disk full?)");
    bytes_ += bytes;
}

void NpyAppendWriter::finish(std::int64_t rows)
{
    std::vector<std::int64_t> shape{rows};
    shape.insert(shape.end(), rowShape_.begin(), rowShape_.end());
    std::uint64_t expected = itemSize_;
    for (std::int64_t d : shape)
        expected *= static_cast<std::uint64_t>(d);
    if (expected != bytes_)
        throw Error(file_.string(), std::to_string(bytes_) + " bytes written for shape " +
                                        shapeTuple(shape) + ", expected " + std::to_string(expected));
    std::string dict = "{'descr': '" + descr_ + "', 'fortran_order': False, 'shape': " + shapeTuple(shape) + ", }";
    const std::size_t dictBytes = kHeaderBytes - 10;
    if (dict.size() + 1 > dictBytes)
        throw Error(file_.string(), "shape " + shapeTuple(shape) + " does not fit the header");
    dict.append(dictBytes - 1 - dict.size(), ' ');
    dict += '\n';
    std::string header = "\x93NUMPY";
    header += '\x01';
    header += '\x00';
    header += static_cast<char>(dictBytes & 0xff);
    header += static_cast<char>(dictBytes >> 8);
    header += dict;
    out_.seekp(0);
    out_.write(header.data(), static_cast<std::streamsize>(header.size()));
    out_.flush();
    out_.close();
    if (!out_)
        throw Error(file_.string(), "cannot write the file (disk full?)");
}

std::int64_t NpyFileInfo::numel() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    return n;
}

bool descrIs(const std::string& descr, char kind, std::size_t size)
{
    std::string body = descr;
    if (!body.empty() && (body[0] == '<' || body[0] == '|' || body[0] == '='))
        body = body.substr(1);
    else if (!body.empty() && body[0] == '>' && size > 1)
        return false;
    else if (!body.empty() && body[0] == '>')
        body = body.substr(1);
    return body == std::string(1, kind) + std::to_string(size);
}

namespace {

// The value after 'key': in numpy's header dict, as raw text up to the matching
// terminator (a quoted string without its quotes, a tuple with its parentheses, a name).
std::string dictValue(const std::string& dict, const std::string& key, const std::string& source)
{
    std::size_t at = std::string::npos;
    for (const char q : {'\'', '"'}) {
        at = dict.find(std::string(1, q) + key + q);
        if (at != std::string::npos)
            break;
    }
    if (at == std::string::npos)
        throw Error(source, "malformed .npy header: no '" + key + "' entry");
    std::size_t p = dict.find(':', at + key.size() + 2);
    if (p == std::string::npos)
        throw Error(source, "malformed .npy header: no value for '" + key + "'");
    ++p;
    while (p < dict.size() && std::isspace(static_cast<unsigned char>(dict[p])))
        ++p;
    if (p >= dict.size())
        throw Error(source, "malformed .npy header: no value for '" + key + "'");
    const char c = dict[p];
    std::size_t end;
    if (c == '\'' || c == '"') {
        end = dict.find(c, p + 1);
        if (end == std::string::npos)
            throw Error(source, "malformed .npy header: unterminated '" + key + "'");
        return dict.substr(p + 1, end - p - 1);
    }
    if (c == '(') {
        end = dict.find(')', p);
        if (end == std::string::npos)
            throw Error(source, "malformed .npy header: unterminated '" + key + "'");
        return dict.substr(p, end - p + 1);
    }
    end = p;
    while (end < dict.size() && std::isalnum(static_cast<unsigned char>(dict[end])))
        ++end;
    return dict.substr(p, end - p);
}

std::vector<std::int64_t> parseShape(const std::string& tuple, const std::string& source)
{
    std::vector<std::int64_t> shape;
    std::size_t p = 1;
    while (p < tuple.size()) {
        while (p < tuple.size() && (std::isspace(static_cast<unsigned char>(tuple[p])) || tuple[p] == ','))
            ++p;
        if (p >= tuple.size() || tuple[p] == ')')
            break;
        std::size_t end = p;
        while (end < tuple.size() && std::isdigit(static_cast<unsigned char>(tuple[end])))
            ++end;
        if (end == p || end - p > 18)
            throw Error(source, "malformed .npy header: bad shape " + tuple);
        shape.push_back(std::stoll(tuple.substr(p, end - p)));
        p = end;
    }
    return shape;
}

} // namespace

NpyFileInfo inspectNpy(const fs::path& file)
{
    const std::string source = file.string();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw Error(source, fs::exists(file, ec) ? "is not a file" : "file not found");
    const std::uint64_t fileSize = fs::file_size(file, ec);
    std::ifstream in(file, std::ios::binary);
    char prefix[12] = {};
    in.read(prefix, 10);
    if (in.gcount() < 10 || std::memcmp(prefix, "\x93NUMPY", 6) != 0)
        throw Error(source, "not a .npy file (bad magic: expected \\x93NUMPY)");
    const int major = static_cast<unsigned char>(prefix[6]);
    if (major < 1 || major > 3)
        throw Error(source, "unsupported .npy format version " + std::to_string(major));
    std::uint64_t headerLen = static_cast<unsigned char>(prefix[8]) |
                              (static_cast<std::uint64_t>(static_cast<unsigned char>(prefix[9])) << 8);
    std::uint64_t offset = 10;
    if (major > 1) {
        in.read(prefix + 10, 2);
        headerLen |= (static_cast<std::uint64_t>(static_cast<unsigned char>(prefix[10])) << 16) |
                     (static_cast<std::uint64_t>(static_cast<unsigned char>(prefix[11])) << 24);
        offset = 12;
    }
    if (headerLen > 1u << 20 || offset + headerLen > fileSize)
        throw Error(source, "truncated .npy header");
    std::string dict(static_cast<std::size_t>(headerLen), '\0');
    in.read(dict.data(), static_cast<std::streamsize>(headerLen));
    if (!in)
        throw Error(source, "read failed");

    NpyFileInfo info;
    info.descr = dictValue(dict, "descr", source);
    if (dictValue(dict, "fortran_order", source) != "False")
        throw Error(source, "Fortran-ordered arrays are not supported here (expected C order)");
    info.shape = parseShape(dictValue(dict, "shape", source), source);
    info.dataOffset = offset + headerLen;
    std::size_t digits = info.descr.find_first_of("0123456789");
    info.itemSize = digits == std::string::npos ? 0 : static_cast<std::size_t>(std::atoi(info.descr.c_str() + digits));
    if (info.itemSize == 0 || info.itemSize > 16)
        throw Error(source, "unsupported dtype '" + info.descr + "'");
    const std::uint64_t expected = static_cast<std::uint64_t>(info.numel()) * info.itemSize;
    const std::uint64_t found = fileSize - info.dataOffset;
    if (found != expected)
        throw Error(source, (found < expected ? "truncated: expected " : "trailing bytes: expected ") +
                                std::to_string(expected) + " bytes of data for shape " + shapeTuple(info.shape) +
                                ", found " + std::to_string(found));
    return info;
}

std::string encodeMeta(const QuantizedHeader& h, const QuantizedSummary& s,
                       const std::map<std::string, std::int64_t>& fileBytes)
{
    ordered_json files = ordered_json::object();
    for (const auto& [name, bytes] : fileBytes)
        files[name] = bytes;
    const ordered_json meta = {
        {"format", kFormat},
        {"version", kVersion},
        {"created", h.created},
        {"dataset", {{"spec", h.datasetSpec}, {"name", h.datasetName}, {"fingerprint", h.fingerprint},
                     {"split", h.split}, {"size", h.datasetSize}}},
        {"image", {{"height", h.shape.height}, {"width", h.shape.width}, {"channels", h.shape.channels}}},
        {"patch_grid", {{"rows", h.grid.rows}, {"cols", h.grid.cols}, {"patch_size", h.grid.patchSize}}},
        {"mask_ratio", h.maskRatio},
        {"kept_patches_per_image", h.keptPerImage},
        {"kept_patches_dtype", h.grid.count() <= 256 ? "uint8" : "uint16"},
        {"class_names", h.classNames},
        {"reconstruction", {{"recon", h.reconstruction}, {"checkpoint", h.checkpoint}}},
        {"count", h.count},
        {"keep_ratio", s.keepRatio},
        {"bytes", {{"original", s.originalBytes}, {"payload", s.payloadBytes}, {"stored", s.storedBytes},
                   {"files", files}}},
    };
    return meta.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

namespace {

const ordered_json& field(const ordered_json& parent, const char* key, const std::string& path,
                          const std::string& source)
{
    const auto it = parent.find(key);
    if (it == parent.end())
        throw Error(source, "field '" + path + key + "' is missing");
    return *it;
}

std::string stringField(const ordered_json& parent, const char* key, const std::string& path, const std::string& source)
{
    const ordered_json& v = field(parent, key, path, source);
    if (!v.is_string())
        throw Error(source, "field '" + path + key + "' must be a string");
    return v.get<std::string>();
}

std::int64_t intField(const ordered_json& parent, const char* key, const std::string& path,
                      const std::string& source, std::int64_t min)
{
    const ordered_json& v = field(parent, key, path, source);
    if (!v.is_number_integer() || v.get<std::int64_t>() < min)
        throw Error(source, "field '" + path + key + "' must be an integer >= " + std::to_string(min));
    return v.get<std::int64_t>();
}

double numberField(const ordered_json& parent, const char* key, const std::string& path, const std::string& source)
{
    const ordered_json& v = field(parent, key, path, source);
    if (!v.is_number())
        throw Error(source, "field '" + path + key + "' must be a number");
    return v.get<double>();
}

const ordered_json& objectField(const ordered_json& parent, const char* key, const std::string& source)
{
    const ordered_json& v = field(parent, key, "", source);
    if (!v.is_object())
        throw Error(source, std::string("field '") + key + "' must be an object");
    return v;
}

int smallInt(std::int64_t v, const std::string& what, const std::string& source)
{
    if (v > (1 << 24))
        throw Error(source, "field '" + what + "' is implausibly large (" + std::to_string(v) + ")");
    return static_cast<int>(v);
}

} // namespace

QuantizedHeader decodeMeta(const std::string& bytes, const std::string& source, QuantizedSummary* summary)
{
    ordered_json meta;
    try {
        meta = ordered_json::parse(bytes);
    } catch (const ordered_json::exception& e) {
        throw Error(source, std::string("not valid JSON: ") + e.what());
    }
    if (!meta.is_object())
        throw Error(source, "expected a JSON object");
    const std::string format = stringField(meta, "format", "", source);
    if (format != kFormat)
        throw Error(source, "format is '" + format + "', expected '" + kFormat + "'");
    const std::int64_t version = intField(meta, "version", "", source, 0);
    if (version != kVersion)
        throw Error(source, "unsupported version " + std::to_string(version) + " (this build reads version " +
                                std::to_string(kVersion) + ")");
    QuantizedHeader h;
    h.created = stringField(meta, "created", "", source);
    const ordered_json& d = objectField(meta, "dataset", source);
    h.datasetSpec = stringField(d, "spec", "dataset.", source);
    h.datasetName = stringField(d, "name", "dataset.", source);
    h.fingerprint = stringField(d, "fingerprint", "dataset.", source);
    h.split = stringField(d, "split", "dataset.", source);
    h.datasetSize = intField(d, "size", "dataset.", source, 0);
    const ordered_json& im = objectField(meta, "image", source);
    h.shape.height = smallInt(intField(im, "height", "image.", source, 1), "image.height", source);
    h.shape.width = smallInt(intField(im, "width", "image.", source, 1), "image.width", source);
    h.shape.channels = smallInt(intField(im, "channels", "image.", source, 1), "image.channels", source);
    const ordered_json& g = objectField(meta, "patch_grid", source);
    h.grid.rows = smallInt(intField(g, "rows", "patch_grid.", source, 1), "patch_grid.rows", source);
    h.grid.cols = smallInt(intField(g, "cols", "patch_grid.", source, 1), "patch_grid.cols", source);
    h.grid.patchSize = smallInt(intField(g, "patch_size", "patch_grid.", source, 1), "patch_grid.patch_size", source);
    if (static_cast<std::int64_t>(h.grid.rows) * h.grid.cols > kMaxPatches)
        throw Error(source, "field 'patch_grid' has more than " + std::to_string(kMaxPatches) + " patches");
    h.maskRatio = numberField(meta, "mask_ratio", "", source);
    h.keptPerImage = smallInt(intField(meta, "kept_patches_per_image", "", source, 0), "kept_patches_per_image", source);
    if (h.keptPerImage > h.grid.count())
        throw Error(source, "field 'kept_patches_per_image' (" + std::to_string(h.keptPerImage) +
                                ") exceeds the grid's " + std::to_string(h.grid.count()) + " patches");
    const ordered_json& names = field(meta, "class_names", "", source);
    if (!names.is_array())
        throw Error(source, "field 'class_names' must be an array of strings");
    for (const auto& n : names) {
        if (!n.is_string())
            throw Error(source, "field 'class_names' must be an array of strings");
        h.classNames.push_back(n.get<std::string>());
    }
    if (const auto r = meta.find("reconstruction"); r != meta.end() && r->is_object()) {
        h.reconstruction = stringField(*r, "recon", "reconstruction.", source);
        h.checkpoint = stringField(*r, "checkpoint", "reconstruction.", source);
    }
    h.count = intField(meta, "count", "", source, 0);
    if (summary) {
        const ordered_json& b = objectField(meta, "bytes", source);
        summary->count = h.count;
        summary->keepRatio = numberField(meta, "keep_ratio", "", source);
        summary->originalBytes = intField(b, "original", "bytes.", source, 0);
        summary->payloadBytes = intField(b, "payload", "bytes.", source, 0);
        summary->storedBytes = intField(b, "stored", "bytes.", source, 0);
    }
    return h;
}

} // namespace quantized
} // namespace dq
