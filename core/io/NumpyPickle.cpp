#include "io/internal/NumpyPickle.h"

#include "common/Error.h"

#include <cstdio>
#include <set>

namespace dq {

namespace {

using Kind = PickleValue::Kind;

void expectArgs(const std::vector<PickleValue>& args, std::size_t n, const char* signature)
{
    if (args.size() != n)
        throw Error("expected " + std::string(signature) + ", got " + std::to_string(args.size()) + " argument(s)");
}

std::string shapeString(const std::vector<std::int64_t>& shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

bool isFlag(const PickleValue& v) { return v.is(Kind::Bool) || v.is(Kind::Int); }
bool flagValue(const PickleValue& v) { return v.is(Kind::Bool) ? v.asBool() : v.asInt() != 0; }

std::vector<std::int64_t> shapeOf(const PickleValue& v)
{
    if (!v.is(Kind::Tuple) && !v.is(Kind::List))
        throw Error("numpy array shape must be a tuple, found " + v.typeName());
    std::vector<std::int64_t> shape;
    for (const auto& d : v.items()) {
        if (!d.is(Kind::Int) || d.asInt() < 0)
            throw Error("numpy array shape " + v.repr() + " is not a tuple of non-negative ints");
        shape.push_back(d.asInt());
    }
    return shape;
}

std::shared_ptr<const PickledNumpyDtype> dtypeOf(const PickleValue& v)
{
    if (v.objectAs<PickledNumpyDtype>() == nullptr)
        throw Error("expected a numpy.dtype, found " + v.typeName());
    return std::static_pointer_cast<const PickledNumpyDtype>(v.asObject());
}

// Python 3 writes bytes at protocol 2 as _codecs.encode(bytes.decode('latin1'), 'latin1').
PickleValue codecsEncode(const std::vector<PickleValue>& args)
{
    expectArgs(args, 2, "_codecs.encode(text, 'latin1')");
    if (!args[0].is(Kind::Str) || !args[1].is(Kind::Str))
        throw Error("_codecs.encode expects (str, str), found (" + args[0].typeName() + ", " + args[1].typeName() + ")");
    const auto& enc = args[1].asStr();
    if (enc != "latin1" && enc != "latin-1" && enc != "iso-8859-1")
        throw Error("_codecs.encode with encoding '" + enc + "' (only latin1 is allowed)");
    const auto& s = args[0].asStr(); // valid UTF-8: the machine checked it
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if ((c & 0xe0) == 0xc0 && c <= 0xc3 && i + 1 < s.size()) {
            out += static_cast<char>(((c & 0x1f) << 6) | (static_cast<unsigned char>(s[++i]) & 0x3f));
        } else {
            throw Error("_codecs.encode: text has a character beyond latin1");
        }
    }
    return PickleValue::bytes(std::move(out));
}

PickleValue emptyBytes(const std::vector<PickleValue>& args)
{
    if (!args.empty())
        throw Error("bytes() with arguments is not allowed (only b'' is written this way)");
    return PickleValue::bytes({});
}

PickleValue reconstruct(const std::vector<PickleValue>& args)
{
    expectArgs(args, 3, "_reconstruct(numpy.ndarray, shape, typecode)");
    if (!args[0].is(Kind::Global) || args[0].asGlobal().qualifiedName() != "numpy.ndarray")
        throw Error("_reconstruct of " + args[0].repr() + " (only numpy.ndarray is allowed)");
    shapeOf(args[1]);
    if (!args[2].is(Kind::Bytes) && !args[2].is(Kind::Str))
        throw Error("_reconstruct typecode must be bytes, found " + args[2].typeName());
    return PickleValue::object(std::make_shared<PickledNumpyArray>());
}

PickleValue makeDtype(const std::vector<PickleValue>& args)
{
    expectArgs(args, 3, "numpy.dtype(code, align, copy)");
    if (!args[0].is(Kind::Bytes) && !args[0].is(Kind::Str))
        throw Error("numpy.dtype code must be a str, found " + args[0].typeName());
    if (!isFlag(args[1]) || !isFlag(args[2]))
        throw Error("numpy.dtype align and copy must be bools");
    return PickleValue::object(std::make_shared<PickledNumpyDtype>(args[0].asText()));
}

PickleValue fromBuffer(const std::vector<PickleValue>& args)
{
    expectArgs(args, 4, "_frombuffer(buffer, dtype, shape, order)");
    if (!args[0].is(Kind::Bytes))
        throw Error("_frombuffer buffer must be bytes, found " + args[0].typeName());
    if (!args[3].is(Kind::Str) && !args[3].is(Kind::Bytes))
        throw Error("_frombuffer order must be 'C' or 'F', found " + args[3].typeName());
    const auto& order = args[3].asText();
    if (order != "C" && order != "F")
        throw Error("_frombuffer order must be 'C' or 'F', found '" + order + "'");
    auto arr = std::make_shared<PickledNumpyArray>();
    arr->assign(dtypeOf(args[1]), shapeOf(args[2]), order == "F", args[0]);
    return PickleValue::object(std::move(arr));
}

std::shared_ptr<const PickleGlobal> makeGlobal(const std::string& module, const std::string& name,
                                               std::function<PickleValue(const std::vector<PickleValue>&)> call)
{
    auto g = std::make_shared<PickleGlobal>();
    g->module = module;
    g->name = name;
    g->call = std::move(call);
    return g;
}

} // namespace

PickledNumpyDtype::PickledNumpyDtype(std::string code) : code_(std::move(code))
{
    static const std::string kinds = "biufc";
    if (code_.size() < 2 || kinds.find(code_[0]) == std::string::npos ||
        code_.find_first_not_of("0123456789", 1) != std::string::npos || code_.size() > 4)
        throw Error("unsupported numpy dtype '" + code_ + "' (only bool, int, uint, float and complex)");
    itemSize_ = std::stoi(code_.substr(1));
    static const std::set<std::string> known = {"b1", "i1", "i2", "i4", "i8", "u1", "u2",
                                                "u4", "u8", "f2", "f4", "f8", "c8", "c16"};
    if (!known.count(code_))
        throw Error("unsupported numpy dtype '" + code_ + "'");
    byteOrder_ = itemSize_ == 1 ? '|' : '=';
}

void PickledNumpyDtype::setState(const PickleValue& state)
{
    // numpy's layouts by length: 9 and 8 (versions 4, 3: version, byte order, subarray,
    // names, fields, elsize, alignment, flags[, metadata]), 7, 6 (older, fewer fields) and 5
    // (version 0, byte order first).
    const std::size_t n = state.is(Kind::Tuple) ? state.items().size() : 0;
    if (n < 5 || n > 9)
        throw Error("numpy.dtype state must be a tuple of 5 to 9 items, found " + state.repr());
    const auto& s = state.items();
    const std::size_t at = n == 5 ? 0 : 1;
    if (!s[at].is(Kind::Str) && !s[at].is(Kind::Bytes))
        throw Error("numpy.dtype byte order must be a str, found " + s[at].typeName());
    const auto& order = s[at].asText();
    if (order.size() != 1 || std::string("<>|=").find(order[0]) == std::string::npos)
        throw Error("numpy.dtype byte order '" + order + "' is not one of < > | =");
    // Subarray, names and fields are None for plain numeric dtypes.
    for (std::size_t i = at + 1; i <= at + (n >= 7 ? 3 : 2); ++i)
        if (!s[i].isNone())
            throw Error("structured numpy dtypes are not supported");
    byteOrder_ = order[0];
}

std::string PickledNumpyDtype::name() const
{
    const int bits = itemSize_ * 8;
    switch (kind()) {
    case 'b':
        return "bool";
    case 'i':
        return "int" + std::to_string(bits);
    case 'u':
        return "uint" + std::to_string(bits);
    case 'f':
        return "float" + std::to_string(bits);
    default:
        return "complex" + std::to_string(bits);
    }
}

void PickledNumpyArray::setState(const PickleValue& state)
{
    if (!state.is(Kind::Tuple) || (state.items().size() != 5 && state.items().size() != 4))
        throw Error("numpy.ndarray state must be a tuple (version, shape, dtype, is_fortran, data), found " +
                    state.typeName() + " of " + std::to_string(state.is(Kind::Tuple) ? state.items().size() : 0) + " items");
    const auto& all = state.items();
    const std::size_t o = all.size() == 5 ? 1 : 0;
    if (o && (!all[0].is(Kind::Int) || all[0].asInt() != 1))
        throw Error("numpy.ndarray state version " + all[0].repr() + " (expected 1)");
    if (!isFlag(all[o + 2]))
        throw Error("numpy.ndarray is_fortran must be a bool, found " + all[o + 2].typeName());
    if (all[o + 3].is(Kind::List))
        throw Error("numpy object arrays are not supported");
    assign(dtypeOf(all[o + 1]), shapeOf(all[o]), flagValue(all[o + 2]), all[o + 3]);
}

void PickledNumpyArray::assign(std::shared_ptr<const PickledNumpyDtype> dtype, std::vector<std::int64_t> shape,
                               bool fortranOrder, PickleValue data)
{
    if (!data.is(Kind::Bytes))
        throw Error("numpy array data must be bytes, found " + data.typeName());
    std::uint64_t need = static_cast<std::uint64_t>(dtype->itemSize());
    for (const auto d : shape) {
        if (d != 0 && need > (std::uint64_t{1} << 62) / static_cast<std::uint64_t>(d))
            throw Error("numpy array shape " + shapeString(shape) + " is too large");
        need *= static_cast<std::uint64_t>(d);
    }
    if (data.asBytes().size() != need)
        throw Error("numpy array data has " + std::to_string(data.asBytes().size()) + " bytes, but shape " +
                    shapeString(shape) + " of " + dtype->name() + " needs " + std::to_string(need));
    dtype_ = std::move(dtype);
    shape_ = std::move(shape);
    fortranOrder_ = fortranOrder;
    data_ = std::move(data);
}

const PickledNumpyDtype& PickledNumpyArray::dtype() const
{
    if (!dtype_)
        throw Error("numpy.ndarray was never given its state (no BUILD)");
    return *dtype_;
}

std::int64_t PickledNumpyArray::numel() const
{
    std::int64_t n = 1;
    for (const auto d : shape_)
        n *= d;
    return n;
}

std::string_view PickledNumpyArray::bytes() const
{
    if (!data_.is(Kind::Bytes))
        return {};
    return data_.asBytes();
}

std::string PickledNumpyArray::shapeText() const { return shapeString(shape_); }

std::string PickledNumpyArray::repr() const
{
    if (!built())
        return "<numpy.ndarray without state>";
    return "array(shape=" + shapeText() + ", dtype=" + dtype_->name() + ")";
}

PickleResolver numpyArrayResolver()
{
    return [](const std::string& module, const std::string& name) -> std::shared_ptr<const PickleGlobal> {
        const bool core = module == "numpy.core.multiarray" || module == "numpy._core.multiarray";
        const bool numeric = module == "numpy.core.numeric" || module == "numpy._core.numeric";
        if (core && name == "_reconstruct")
            return makeGlobal(module, name, reconstruct);
        if (numeric && name == "_frombuffer")
            return makeGlobal(module, name, fromBuffer);
        if (module == "numpy" && name == "ndarray")
            return makeGlobal(module, name, nullptr); // only an argument of _reconstruct
        if (module == "numpy" && name == "dtype")
            return makeGlobal(module, name, makeDtype);
        if (module == "_codecs" && name == "encode")
            return makeGlobal(module, name, codecsEncode);
        if ((module == "__builtin__" || module == "builtins") && name == "bytes")
            return makeGlobal(module, name, emptyBytes);
        return nullptr;
    };
}

PickleOptions numpyPickleOptions()
{
    PickleOptions o;
    o.resolver = numpyArrayResolver();
    o.refusalHint = "only numpy array reconstruction is allowed";
    return o;
}

} // namespace dq
