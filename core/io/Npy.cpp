#include "io/Npy.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <type_traits>
#include <utility>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "NpyArray holds little-endian data in native order: a big-endian host needs swaps"
#endif

namespace dq {

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    // Python's repr of a tuple: (), (5,), (3, 4).
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1)
        s += ",";
    return s + ")";
}

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicLen = 6;
constexpr std::size_t kAlign = 64; // numpy >= 1.24 aligns the data to 64 bytes
constexpr std::size_t kGrowthDigits = 21; // numpy's spare room after the shape
constexpr int kMaxDepth = 32; // nesting limit of the header parser

template <typename T>
struct DTypeTraits;
template <>
struct DTypeTraits<std::uint8_t> {
    static constexpr DType value = DType::UInt8;
};
template <>
struct DTypeTraits<std::uint16_t> {
    static constexpr DType value = DType::UInt16;
};
template <>
struct DTypeTraits<std::int32_t> {
    static constexpr DType value = DType::Int32;
};
template <>
struct DTypeTraits<std::int64_t> {
    static constexpr DType value = DType::Int64;
};
template <>
struct DTypeTraits<float> {
    static constexpr DType value = DType::Float32;
};
template <>
struct DTypeTraits<double> {
    static constexpr DType value = DType::Float64;
};

// Number of elements, or -1 when a dimension is negative or elements * itemSize would
// overflow int64.
std::int64_t checkedNumel(const std::vector<std::int64_t>& shape, std::size_t itemSize)
{
    const std::int64_t limit = std::numeric_limits<std::int64_t>::max() / static_cast<std::int64_t>(itemSize);
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        if (d < 0)
            return -1;
    for (std::int64_t d : shape) {
        if (d == 0)
            return 0;
        if (n > limit / d)
            return -1;
        n *= d;
    }
    return n;
}

// ---- The header: a Python dict literal --------------------------------------------------

struct PyValue {
    enum class Kind { Dict, Tuple, List, Str, Int, Bool, None } kind = Kind::None;
    std::string text; // Str: the string; Int: the digits as written
    std::int64_t integer = 0; // Int
    bool overflow = false; // Int did not fit int64
    bool boolean = false; // Bool
    std::vector<PyValue> items; // Tuple, List
    std::vector<std::pair<std::string, PyValue>> dict; // Dict
};

class HeaderParser {
public:
    HeaderParser(std::string_view text, const std::string& source) : s_(text), source_(source) { }

    PyValue parseAll()
    {
        PyValue v = parseValue(0);
        skipSpace();
        if (pos_ != s_.size())
            fail("unexpected text after the dict at offset " + std::to_string(pos_));
        return v;
    }

    [[noreturn]] void fail(const std::string& what) const { throw Error(source_, "malformed header: " + what); }

private:
    void skipSpace()
    {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

    [[noreturn]] void unexpected() const
    {
        if (pos_ >= s_.size())
            fail("unexpected end of header");
        const unsigned char c = static_cast<unsigned char>(s_[pos_]);
        std::string shown = c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c)) : "\\x" + std::to_string(c);
        fail("unexpected character '" + shown + "' at offset " + std::to_string(pos_));
    }

    PyValue parseValue(int depth)
    {
        if (depth > kMaxDepth)
            fail("nested too deeply");
        skipSpace();
        const char c = peek();
        if (c == '{')
            return parseDict(depth);
        if (c == '(' || c == '[')
            return parseSequence(depth);
        if (c == '\'' || c == '"')
            return parseString();
        if (c == '-' || c == '+' || (c >= '0' && c <= '9'))
            return parseInt();
        if (std::isalpha(static_cast<unsigned char>(c)))
            return parseName();
        unexpected();
    }

    PyValue parseDict(int depth)
    {
        PyValue v;
        v.kind = PyValue::Kind::Dict;
        ++pos_;
        for (;;) {
            skipSpace();
            if (peek() == '}')
                break;
            PyValue key = parseValue(depth + 1);
            if (key.kind != PyValue::Kind::Str)
                fail("dict keys must be strings");
            skipSpace();
            if (peek() != ':')
                unexpected();
            ++pos_;
            v.dict.emplace_back(key.text, parseValue(depth + 1));
            skipSpace();
            if (peek() == ',')
                ++pos_;
            else if (peek() != '}')
                unexpected();
        }
        ++pos_;
        return v;
    }

    // A tuple, a list, or a parenthesised value such as (3) (which is 3, not a tuple).
    PyValue parseSequence(int depth)
    {
        const char close = peek() == '(' ? ')' : ']';
        PyValue v;
        v.kind = close == ')' ? PyValue::Kind::Tuple : PyValue::Kind::List;
        bool comma = false;
        ++pos_;
        for (;;) {
            skipSpace();
            if (peek() == close)
                break;
            v.items.push_back(parseValue(depth + 1));
            skipSpace();
            if (peek() == ',') {
                comma = true;
                ++pos_;
            } else if (peek() != close) {
                unexpected();
            }
        }
        ++pos_;
        if (close == ')' && v.items.size() == 1 && !comma)
            return std::move(v.items[0]);
        return v;
    }

    PyValue parseString()
    {
        const char quote = s_[pos_++];
        PyValue v;
        v.kind = PyValue::Kind::Str;
        while (pos_ < s_.size() && s_[pos_] != quote) {
            if (s_[pos_] == '\\' && pos_ + 1 < s_.size())
                ++pos_; // only plain escapes matter here: \' \" and \\ .
            v.text += s_[pos_++];
        }
        if (pos_ >= s_.size())
            fail("unterminated string");
        ++pos_;
        return v;
    }

    PyValue parseInt()
    {
        PyValue v;
        v.kind = PyValue::Kind::Int;
        const std::size_t start = pos_;
        const bool negative = s_[pos_] == '-';
        if (s_[pos_] == '-' || s_[pos_] == '+')
            ++pos_;
        if (!std::isdigit(static_cast<unsigned char>(peek())))
            unexpected();
        // Accumulate as a negative number so that INT64_MIN fits.
        std::int64_t acc = 0;
        const std::int64_t min = std::numeric_limits<std::int64_t>::min();
        while (std::isdigit(static_cast<unsigned char>(peek()))) {
            const int digit = s_[pos_++] - '0';
            if (acc < (min + digit) / 10)
                v.overflow = true;
            else
                acc = acc * 10 - digit;
        }
        v.text = std::string(s_.substr(start, pos_ - start));
        if (peek() == 'L' || peek() == 'l') // Python 2 wrote shapes such as (3L, 4L)
            ++pos_;
        if (peek() == '.' || peek() == 'e' || peek() == 'E' || std::isalpha(static_cast<unsigned char>(peek())))
            unexpected();
        if (!negative) {
            if (acc == min)
                v.overflow = true;
            else
                acc = -acc;
        }
        v.integer = acc;
        return v;
    }

    PyValue parseName()
    {
        const std::size_t start = pos_;
        while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')
            ++pos_;
        const std::string_view name = s_.substr(start, pos_ - start);
        PyValue v;
        if (name == "True" || name == "False") {
            v.kind = PyValue::Kind::Bool;
            v.boolean = name == "True";
        } else if (name == "None") {
            v.kind = PyValue::Kind::None;
        } else {
            pos_ = start;
            fail("unexpected name '" + std::string(name) + "' at offset " + std::to_string(start));
        }
        return v;
    }

    std::string_view s_;
    const std::string& source_;
    std::size_t pos_ = 0;
};

// numpy's type code, for messages: "<c8" -> "complex64".
std::string describeTypeCode(const std::string& code)
{
    if (code.empty())
        return "empty type code";
    const char kind = code[0];
    const std::string bits = code.size() > 1 && std::isdigit(static_cast<unsigned char>(code[1]))
                                 ? std::to_string(std::atoi(code.c_str() + 1) * 8)
                                 : std::string();
    switch (kind) {
    case 'b':
        return "bool";
    case 'i':
        return "int" + bits;
    case 'u':
        return "uint" + bits;
    case 'f':
        return "float" + bits;
    case 'c':
        return "complex" + bits;
    case 'O':
        return "Python object";
    case 'U':
        return "unicode string";
    case 'S':
    case 'a':
        return "byte string";
    case 'V':
        return "raw bytes (void)";
    case 'M':
        return "datetime64";
    case 'm':
        return "timedelta64";
    default:
        return "unknown type";
    }
}

struct Descr {
    DType dtype = DType::Float32;
    bool bigEndian = false;
};

Descr parseDescr(const PyValue& v, const std::string& source)
{
    const std::string supported = "; supported: uint8, uint16, int32, int64, float32, float64";
    if (v.kind == PyValue::Kind::List)
        throw Error(source, "unsupported dtype: structured arrays (a list 'descr') are not"
                            " supported" +
                                supported);
    if (v.kind != PyValue::Kind::Str)
        throw Error(source, "malformed header: 'descr' must be a string such as '<f4'");
    const std::string& d = v.text;
    char order = '=';
    std::string code = d;
    if (!d.empty() && (d[0] == '<' || d[0] == '>' || d[0] == '|' || d[0] == '=')) {
        order = d[0];
        code = d.substr(1);
    }
    Descr r;
    bool known = true;
    if (code == "u1")
        r.dtype = DType::UInt8;
    else if (code == "u2")
        r.dtype = DType::UInt16;
    else if (code == "i4")
        r.dtype = DType::Int32;
    else if (code == "i8")
        r.dtype = DType::Int64;
    else if (code == "f4")
        r.dtype = DType::Float32;
    else if (code == "f8")
        r.dtype = DType::Float64;
    else
        known = false;
    if (!known)
        throw Error(source, "unsupported dtype '" + d + "' (" + describeTypeCode(code) + ")" + supported);
    if (order == '|' && dtypeSize(r.dtype) > 1)
        throw Error(source, "unsupported dtype '" + d + "': a multi-byte type needs a byte order, '<' or '>'");
    r.bigEndian = order == '>' && dtypeSize(r.dtype) > 1;
    return r;
}

struct Header {
    Descr descr;
    bool fortranOrder = false;
    std::vector<std::int64_t> shape;
};

Header parseHeader(std::string_view text, const std::string& source)
{
    HeaderParser parser(text, source);
    const PyValue dict = parser.parseAll();
    if (dict.kind != PyValue::Kind::Dict)
        parser.fail("expected a dict such as {'descr': '<f4', 'fortran_order': False, "
                    "'shape': (3, 4), }");
    const PyValue* descr = nullptr;
    const PyValue* fortran = nullptr;
    const PyValue* shape = nullptr;
    for (const auto& [key, value] : dict.dict) {
        const PyValue** slot = key == "descr"           ? &descr
                               : key == "fortran_order" ? &fortran
                               : key == "shape"         ? &shape
                                                        : nullptr;
        if (!slot)
            parser.fail("unexpected key '" + key + "'");
        if (*slot)
            parser.fail("duplicate key '" + key + "'");
        *slot = &value;
    }
    const std::pair<const char*, const PyValue*> required[] = {{"descr", descr},
                                                               {"fortran_order", fortran},
                                                               {"shape", shape}};
    for (const auto& [name, value] : required)
        if (!value)
            parser.fail(std::string("missing key '") + name + "'");

    Header h;
    h.descr = parseDescr(*descr, source);
    if (fortran->kind != PyValue::Kind::Bool)
        parser.fail("'fortran_order' must be True or False");
    h.fortranOrder = fortran->boolean;
    if (shape->kind != PyValue::Kind::Tuple)
        parser.fail("'shape' must be a tuple of integers such as (3, 4)");
    for (const PyValue& d : shape->items) {
        if (d.kind != PyValue::Kind::Int)
            parser.fail("'shape' must be a tuple of integers such as (3, 4)");
        if (d.overflow)
            throw Error(source, "'shape' dimension " + d.text + " is too large");
        if (d.integer < 0)
            throw Error(source, "'shape' has a negative dimension (" + d.text + ")");
        h.shape.push_back(d.integer);
    }
    if (checkedNumel(h.shape, dtypeSize(h.descr.dtype)) < 0)
        throw Error(source, "'shape' " + shapeText(h.shape) +
                                " is too large: its size in "
                                "bytes overflows 64 bits");
    return h;
}

std::uint64_t readLittleEndian(std::string_view bytes, std::size_t at, std::size_t n)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return v;
}

void byteSwap(std::vector<std::uint8_t>& bytes, std::size_t itemSize)
{
    for (std::size_t at = 0; at + itemSize <= bytes.size(); at += itemSize)
        for (std::size_t i = 0; i < itemSize / 2; ++i)
            std::swap(bytes[at + i], bytes[at + itemSize - 1 - i]);
}

template <std::size_t Size>
void fortranToC(const std::uint8_t* src, std::uint8_t* dst, const std::vector<std::int64_t>& shape, std::int64_t numel)
{
    const std::size_t n = shape.size();
    std::vector<std::int64_t> stride(n), index(n, 0); // strides in the Fortran source
    std::int64_t s = 1;
    for (std::size_t k = 0; k < n; ++k) {
        stride[k] = s;
        s *= shape[k];
    }
    std::int64_t from = 0;
    for (std::int64_t c = 0; c < numel; ++c) {
        std::memcpy(dst + c * Size, src + from * Size, Size);
        for (std::size_t k = n; k-- > 0;) { // advance the C-order index, last axis fastest
            from += stride[k];
            if (++index[k] < shape[k])
                break;
            from -= stride[k] * shape[k];
            index[k] = 0;
        }
    }
}

std::vector<std::uint8_t> fortranToC(const std::vector<std::uint8_t>& src, const std::vector<std::int64_t>& shape,
                                     std::size_t itemSize)
{
    std::vector<std::uint8_t> dst(src.size());
    const std::int64_t numel = static_cast<std::int64_t>(src.size() / itemSize);
    switch (itemSize) {
    case 1:
        fortranToC<1>(src.data(), dst.data(), shape, numel);
        break;
    case 4:
        fortranToC<4>(src.data(), dst.data(), shape, numel);
        break;
    default:
        fortranToC<8>(src.data(), dst.data(), shape, numel);
        break;
    }
    return dst;
}

std::string encode(const NpyArray& a, const std::string& where)
{
    const std::size_t itemSize = dtypeSize(a.dtype);
    const std::int64_t numel = checkedNumel(a.shape, itemSize);
    if (numel < 0)
        throw Error(where, "invalid shape " + shapeText(a.shape) + ": negative dimension or size overflow");
    const std::uint64_t need = static_cast<std::uint64_t>(numel) * itemSize;
    if (a.bytes.size() != need)
        throw Error(where, "an array of shape " + shapeText(a.shape) + " and dtype " + dtypeName(a.dtype) + " needs " +
                               std::to_string(need) + " bytes, but holds " + std::to_string(a.bytes.size()));
    const std::string descr = npyDescr(a.dtype);
    // The same bytes as numpy's write_array: sorted keys, spare room, space padding.
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(a.shape) + ", }";
    if (!a.shape.empty()) {
        const std::size_t digits = std::to_string(a.shape[0]).size();
        if (digits < kGrowthDigits)
            header.append(kGrowthDigits - digits, ' ');
    }
    const std::size_t hlen = header.size() + 1;
    int major = 1;
    std::size_t lenBytes = 2;
    std::size_t pad = kAlign - (kMagicLen + 2 + lenBytes + hlen) % kAlign;
    if (hlen + pad > 0xffff) {
        major = 2;
        lenBytes = 4;
        pad = kAlign - (kMagicLen + 2 + lenBytes + hlen) % kAlign;
    }
    std::string out(kMagic, kMagicLen);
    out += static_cast<char>(major);
    out += '\0';
    const std::uint64_t total = hlen + pad;
    for (std::size_t i = 0; i < lenBytes; ++i)
        out += static_cast<char>((total >> (8 * i)) & 0xff);
    out += header;
    out.append(pad, ' ');
    out += '\n';
    out.append(reinterpret_cast<const char*>(a.bytes.data()), a.bytes.size());
    return out;
}

void checkBytes(const NpyArray& a)
{
    const std::int64_t n = checkedNumel(a.shape, dtypeSize(a.dtype));
    if (n < 0 || a.bytes.size() < static_cast<std::uint64_t>(n) * dtypeSize(a.dtype))
        throw Error("NpyArray", "shape " + shapeText(a.shape) + " of " + dtypeName(a.dtype) + " does not match its " +
                                    std::to_string(a.bytes.size()) + " bytes");
}

template <typename To, typename From>
To convert(From v)
{
    if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
        if (std::isnan(v))
            return 0;
        if (v <= static_cast<From>(std::numeric_limits<To>::min()))
            return std::numeric_limits<To>::min();
        if (v >= static_cast<From>(std::numeric_limits<To>::max()))
            return std::numeric_limits<To>::max();
    }
    return static_cast<To>(v);
}

template <typename To, typename From>
void convertAll(const std::vector<std::uint8_t>& bytes, std::vector<To>& out)
{
    for (std::size_t i = 0; i < out.size(); ++i) {
        From v;
        std::memcpy(&v, bytes.data() + i * sizeof(From), sizeof(From));
        out[i] = convert<To>(v);
    }
}

} // namespace

std::size_t dtypeSize(DType t)
{
    switch (t) {
    case DType::UInt8:
        return 1;
    case DType::UInt16:
        return 2;
    case DType::Int32:
        return 4;
    case DType::Float32:
        return 4;
    case DType::Int64:
        return 8;
    case DType::Float64:
        return 8;
    }
    return 1;
}

const char* dtypeName(DType t)
{
    switch (t) {
    case DType::UInt8:
        return "uint8";
    case DType::UInt16:
        return "uint16";
    case DType::Int32:
        return "int32";
    case DType::Int64:
        return "int64";
    case DType::Float32:
        return "float32";
    case DType::Float64:
        return "float64";
    }
    return "unknown";
}

std::string npyDescr(DType t)
{
    switch (t) {
    case DType::UInt8:
        return "|u1";
    case DType::UInt16:
        return "<u2";
    case DType::Int32:
        return "<i4";
    case DType::Int64:
        return "<i8";
    case DType::Float32:
        return "<f4";
    case DType::Float64:
        return "<f8";
    }
    return "|u1";
}

template <typename T>
DType dtypeOf()
{
    return DTypeTraits<T>::value;
}

std::int64_t NpyArray::numel() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    return n;
}

std::int64_t NpyArray::rowSize() const
{
    std::int64_t n = 1;
    for (std::size_t i = 1; i < shape.size(); ++i)
        n *= shape[i];
    return n;
}

template <typename T>
const T* NpyArray::data() const
{
    if (dtypeOf<T>() != dtype)
        throw Error("NpyArray",
                    std::string("requested ") + dtypeName(dtypeOf<T>()) + " data, but the array holds " + dtypeName(dtype));
    return reinterpret_cast<const T*>(bytes.data());
}

template <typename T>
T* NpyArray::data()
{
    return const_cast<T*>(static_cast<const NpyArray*>(this)->data<T>());
}

template <typename T>
std::vector<T> NpyArray::toVector() const
{
    checkBytes(*this);
    std::vector<T> out(static_cast<std::size_t>(numel()));
    switch (dtype) {
    case DType::UInt8:
        convertAll<T, std::uint8_t>(bytes, out);
        break;
    case DType::UInt16:
        convertAll<T, std::uint16_t>(bytes, out);
        break;
    case DType::Int32:
        convertAll<T, std::int32_t>(bytes, out);
        break;
    case DType::Int64:
        convertAll<T, std::int64_t>(bytes, out);
        break;
    case DType::Float32:
        convertAll<T, float>(bytes, out);
        break;
    case DType::Float64:
        convertAll<T, double>(bytes, out);
        break;
    }
    return out;
}

template <typename T>
NpyArray NpyArray::fromVector(const std::vector<T>& values, std::vector<std::int64_t> shape)
{
    if (shape.empty())
        shape = {static_cast<std::int64_t>(values.size())};
    const std::int64_t n = checkedNumel(shape, sizeof(T));
    if (n < 0)
        throw Error("NpyArray::fromVector", "invalid shape " + shapeText(shape) + ": negative dimension or size overflow");
    if (static_cast<std::uint64_t>(n) != values.size())
        throw Error("NpyArray::fromVector", "shape " + shapeText(shape) + " holds " + std::to_string(n) + " elements, but " +
                                                std::to_string(values.size()) + " values were given");
    NpyArray a;
    a.dtype = dtypeOf<T>();
    a.shape = std::move(shape);
    a.bytes.resize(values.size() * sizeof(T));
    if (!values.empty())
        std::memcpy(a.bytes.data(), values.data(), a.bytes.size());
    return a;
}

namespace {

// Where a .npy file's data lies, from its first bytes (magic, version, header).
struct Layout {
    Header header;
    std::size_t dataOffset = 0;
    std::uint64_t dataBytes = 0;
};

// Bytes needed before the header length is known.
constexpr std::size_t kPrefixProbe = kMagicLen + 2 + 4;

// `bytes` holds at least the magic, version, header length and header (when the file is
// that long); `fileSize` is the size of the whole file.
Layout parseLayout(std::string_view bytes, std::uint64_t fileSize, const std::string& source)
{
    if (bytes.size() < kMagicLen || bytes.substr(0, kMagicLen) != std::string_view(kMagic, kMagicLen))
        throw Error(source, "not a .npy file (bad magic: expected \\x93NUMPY)");
    if (bytes.size() < kMagicLen + 2)
        throw Error(source, "truncated header: the file ends after " + std::to_string(bytes.size()) + " bytes");
    const int major = static_cast<unsigned char>(bytes[6]);
    const int minor = static_cast<unsigned char>(bytes[7]);
    if (major < 1 || major > 3 || minor != 0)
        throw Error(source, "unsupported .npy format version " + std::to_string(major) + "." + std::to_string(minor) +
                                " (supported: 1.0, 2.0, 3.0)");
    const std::size_t lenBytes = major == 1 ? 2 : 4;
    const std::size_t prefix = kMagicLen + 2 + lenBytes;
    if (bytes.size() < prefix)
        throw Error(source, "truncated header: the file ends after " + std::to_string(bytes.size()) + " bytes");
    const std::uint64_t headerLen = readLittleEndian(bytes, kMagicLen + 2, lenBytes);
    if (bytes.size() - prefix < headerLen)
        throw Error(source, "truncated header: expected " + std::to_string(headerLen) + " bytes of header, found " +
                                std::to_string(bytes.size() - prefix));
    Layout l;
    l.header = parseHeader(bytes.substr(prefix, headerLen), source);
    l.dataOffset = prefix + headerLen;
    const std::size_t itemSize = dtypeSize(l.header.descr.dtype);
    l.dataBytes = static_cast<std::uint64_t>(checkedNumel(l.header.shape, itemSize)) * itemSize;
    const std::uint64_t found = fileSize - l.dataOffset;
    if (found < l.dataBytes)
        throw Error(source,
                    "truncated: expected " + std::to_string(l.dataBytes) + " bytes of data, found " + std::to_string(found));
    if (found > l.dataBytes)
        throw Error(source, "trailing bytes: expected " + std::to_string(l.dataBytes) + " bytes of data, found " +
                                std::to_string(found) + " (" + std::to_string(found - l.dataBytes) + " extra)");
    return l;
}

// Byte order and memory order as the rest of DQ Studio expects them.
void normalise(NpyArray& a, const Header& h)
{
    const std::size_t itemSize = dtypeSize(h.descr.dtype);
    if (h.descr.bigEndian)
        byteSwap(a.bytes, itemSize);
    if (h.fortranOrder && a.shape.size() > 1 && !a.bytes.empty())
        a.bytes = fortranToC(a.bytes, a.shape, itemSize);
}

} // namespace

NpyArray decodeNpy(std::string_view bytes, const std::string& source)
{
    const Layout l = parseLayout(bytes, bytes.size(), source);
    NpyArray a;
    a.dtype = l.header.descr.dtype;
    a.shape = l.header.shape;
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data() + l.dataOffset);
    a.bytes.assign(data, data + l.dataBytes);
    normalise(a, l.header);
    return a;
}

std::string encodeNpy(const NpyArray& array) { return encode(array, "encodeNpy"); }

namespace {

void readAt(std::ifstream& in, std::uint64_t offset, char* dst, std::uint64_t n, const std::string& source)
{
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(dst, static_cast<std::streamsize>(n));
    if (static_cast<std::uint64_t>(in.gcount()) != n)
        throw Error(source, "read failed");
}

// Opens `path` and reads its layout (magic, version, header); the stream is left open.
Layout openLayout(const std::filesystem::path& path, std::ifstream& in)
{
    const std::string source = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(source, "file not found");
    if (std::filesystem::is_directory(path, ec))
        throw Error(source, "is a folder, expected a file");
    const std::uint64_t fileSize = std::filesystem::file_size(path, ec);
    if (ec)
        throw Error(source, "cannot read file size: " + ec.message());
    in.open(path, std::ios::binary);
    if (!in)
        throw Error(source, "cannot open");
    std::string head(static_cast<std::size_t>(std::min<std::uint64_t>(fileSize, kPrefixProbe)), '\0');
    readAt(in, 0, head.data(), head.size(), source);
    if (head.size() >= kMagicLen + 4 && head.compare(0, kMagicLen, kMagic, kMagicLen) == 0) {
        // Extend to the whole header where the file holds it.
        const int major = static_cast<unsigned char>(head[6]);
        const std::size_t lenBytes = major == 1 ? 2 : 4;
        if (head.size() >= kMagicLen + 2 + lenBytes) {
            const std::uint64_t want =
                std::min<std::uint64_t>(fileSize,
                                        kMagicLen + 2 + lenBytes + readLittleEndian(head, kMagicLen + 2, lenBytes));
            head.resize(static_cast<std::size_t>(want));
            readAt(in, 0, head.data(), head.size(), source);
        }
    }
    return parseLayout(head, fileSize, source);
}

} // namespace

// Reads the header first and the data straight into the array, so that a large feature
// file occupies its own size in memory once, not twice.
NpyArray readNpy(const std::filesystem::path& path)
{
    std::ifstream in;
    const Layout l = openLayout(path, in);
    NpyArray a;
    a.dtype = l.header.descr.dtype;
    a.shape = l.header.shape;
    a.bytes.resize(static_cast<std::size_t>(l.dataBytes));
    if (l.dataBytes > 0)
        readAt(in, l.dataOffset, reinterpret_cast<char*>(a.bytes.data()), l.dataBytes, path.string());
    normalise(a, l.header);
    return a;
}

std::int64_t NpyFileInfo::numel() const
{
    std::int64_t n = 1;
    for (const std::int64_t d : shape)
        n *= d;
    return n;
}

NpyFileInfo inspectNpy(const std::filesystem::path& path)
{
    std::ifstream in;
    const Layout l = openLayout(path, in);
    NpyFileInfo info;
    info.dtype = l.header.descr.dtype;
    info.shape = l.header.shape;
    info.dataOffset = l.dataOffset;
    info.fortranOrder = l.header.fortranOrder;
    info.bigEndian = l.header.descr.bigEndian;
    return info;
}

void writeNpy(const std::filesystem::path& path, const NpyArray& array)
{
    writeFileAtomically(path, encode(array, path.string()));
}

#define DQ_NPY_INSTANTIATE(T)                                                                                               \
    template DType dtypeOf<T>();                                                                                            \
    template const T* NpyArray::data<T>() const;                                                                            \
    template T* NpyArray::data<T>();                                                                                        \
    template std::vector<T> NpyArray::toVector<T>() const;                                                                  \
    template NpyArray NpyArray::fromVector<T>(const std::vector<T>&, std::vector<std::int64_t>);

DQ_NPY_INSTANTIATE(std::uint8_t)
DQ_NPY_INSTANTIATE(std::uint16_t)
DQ_NPY_INSTANTIATE(std::int32_t)
DQ_NPY_INSTANTIATE(std::int64_t)
DQ_NPY_INSTANTIATE(float)
DQ_NPY_INSTANTIATE(double)

} // namespace dq
