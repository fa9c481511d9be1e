#include "io/internal/PickleValue.h"

#include "common/Error.h"
#include "io/internal/PickleDict.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace dq {

namespace {

const char* kindName(PickleValue::Kind k)
{
    switch (k) {
    case PickleValue::Kind::None:
        return "NoneType";
    case PickleValue::Kind::Bool:
        return "bool";
    case PickleValue::Kind::Int:
        return "int";
    case PickleValue::Kind::Float:
        return "float";
    case PickleValue::Kind::Bytes:
        return "bytes";
    case PickleValue::Kind::Str:
        return "str";
    case PickleValue::Kind::List:
        return "list";
    case PickleValue::Kind::Tuple:
        return "tuple";
    case PickleValue::Kind::Dict:
        return "dict";
    case PickleValue::Kind::Global:
        return "global";
    case PickleValue::Kind::Object:
        return "object";
    }
    return "?";
}

// Python's repr() of a float: the shortest digits that round-trip, in fixed notation
// for exponents in [-4, 16) and scientific notation otherwise.
std::string floatRepr(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string sci(buf, res.ptr);
    const auto e = sci.find('e');
    std::string mantissa = sci.substr(0, e);
    const int exp = std::stoi(sci.substr(e + 1));
    std::string sign;
    if (mantissa[0] == '-') {
        sign = "-";
        mantissa.erase(0, 1);
    }
    std::string digits = mantissa;
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    if (exp < -4 || exp >= 16) {
        std::string out = sign + digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
        return out + ebuf;
    }
    if (exp < 0)
        return sign + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    const auto intDigits = static_cast<std::size_t>(exp) + 1;
    if (digits.size() <= intDigits)
        return sign + digits + std::string(intDigits - digits.size(), '0') + ".0";
    return sign + digits.substr(0, intDigits) + "." + digits.substr(intDigits);
}

void appendHex(std::string& out, unsigned v)
{
    char b[8];
    std::snprintf(b, sizeof b, "\\x%02x", v & 0xffU);
    out += b;
}

// Python's quoting: single quotes unless the text has ' and no ".
char quoteFor(const std::string& s)
{
    return s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
}

void escapeAscii(std::string& out, unsigned char c, char quote)
{
    if (c == '\\' || c == static_cast<unsigned char>(quote)) {
        out += '\\';
        out += static_cast<char>(c);
    } else if (c == '\t') {
        out += "\\t";
    } else if (c == '\n') {
        out += "\\n";
    } else if (c == '\r') {
        out += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
        appendHex(out, c);
    } else {
        out += static_cast<char>(c);
    }
}

std::string bytesRepr(const std::string& s)
{
    const char q = quoteFor(s);
    std::string out = "b";
    out += q;
    for (const unsigned char c : s)
        escapeAscii(out, c, q);
    out += q;
    return out;
}

std::string strRepr(const std::string& s)
{
    const char q = quoteFor(s);
    std::string out(1, q);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            escapeAscii(out, c, q);
        } else if (c == 0xc2 && i + 1 < s.size() &&
                   (static_cast<unsigned char>(s[i + 1]) < 0xa1 || static_cast<unsigned char>(s[i + 1]) == 0xad)) {
            // U+0080..U+00A0 and U+00AD are not printable: Python writes \xNN.
            appendHex(out, static_cast<unsigned char>(s[++i]));
        } else {
            out += static_cast<char>(c);
        }
    }
    out += q;
    return out;
}

} // namespace

PickleValue::PickleValue(PickleValue&& o) noexcept : kind_(o.kind_), data_(std::move(o.data_))
{
    o.kind_ = Kind::None;
    o.data_ = std::monostate{};
}

PickleValue& PickleValue::operator=(const PickleValue& o)
{
    PickleValue copy(o);
    std::swap(kind_, copy.kind_);
    data_.swap(copy.data_);
    return *this; // the old value dies with `copy`, after o was read
}

PickleValue& PickleValue::operator=(PickleValue&& o) noexcept
{
    PickleValue moved(std::move(o));
    std::swap(kind_, moved.kind_);
    data_.swap(moved.data_);
    return *this;
}

PickleValue PickleValue::boolean(bool v) { return {Kind::Bool, v}; }
PickleValue PickleValue::integer(std::int64_t v) { return {Kind::Int, v}; }
PickleValue PickleValue::real(double v) { return {Kind::Float, v}; }
PickleValue PickleValue::bytes(std::string v) { return {Kind::Bytes, std::make_shared<const std::string>(std::move(v))}; }
PickleValue PickleValue::str(std::string utf8) { return {Kind::Str, std::make_shared<const std::string>(std::move(utf8))}; }
PickleValue PickleValue::list(std::vector<PickleValue> items)
{
    return {Kind::List, std::make_shared<PickleList>(std::move(items))};
}
PickleValue PickleValue::tuple(std::vector<PickleValue> items)
{
    return {Kind::Tuple, std::make_shared<PickleList>(std::move(items))};
}
PickleValue PickleValue::dict() { return {Kind::Dict, std::make_shared<PickleDict>()}; }
PickleValue PickleValue::global(std::shared_ptr<const PickleGlobal> g) { return {Kind::Global, std::move(g)}; }
PickleValue PickleValue::object(std::shared_ptr<PickleObject> o) { return {Kind::Object, std::move(o)}; }

std::string PickleValue::typeName() const
{
    if (kind_ == Kind::Object)
        return asObject()->typeName();
    return kindName(kind_);
}

void PickleValue::mismatch(const char* expected) const
{
    throw Error("expected " + std::string(expected) + ", found " + typeName());
}

bool PickleValue::asBool() const
{
    if (kind_ != Kind::Bool)
        mismatch("a bool");
    return std::get<bool>(data_);
}

std::int64_t PickleValue::asInt() const
{
    if (kind_ != Kind::Int)
        mismatch("an int");
    return std::get<std::int64_t>(data_);
}

double PickleValue::asFloat() const
{
    if (kind_ == Kind::Int)
        return static_cast<double>(std::get<std::int64_t>(data_));
    if (kind_ != Kind::Float)
        mismatch("a float");
    return std::get<double>(data_);
}

const std::string& PickleValue::asBytes() const
{
    if (kind_ != Kind::Bytes)
        mismatch("bytes");
    return *std::get<Text>(data_);
}

const std::string& PickleValue::asStr() const
{
    if (kind_ != Kind::Str)
        mismatch("a str");
    return *std::get<Text>(data_);
}

const std::string& PickleValue::asText() const
{
    if (kind_ != Kind::Str && kind_ != Kind::Bytes)
        mismatch("a str or bytes");
    return *std::get<Text>(data_);
}

const std::vector<PickleValue>& PickleValue::items() const
{
    if (kind_ != Kind::List && kind_ != Kind::Tuple)
        mismatch("a list or tuple");
    return std::get<std::shared_ptr<PickleList>>(data_)->items;
}

std::vector<PickleValue>& PickleValue::mutableItems()
{
    if (kind_ != Kind::List && kind_ != Kind::Tuple)
        mismatch("a list or tuple");
    return std::get<std::shared_ptr<PickleList>>(data_)->items;
}

const PickleDict& PickleValue::asDict() const
{
    if (kind_ != Kind::Dict)
        mismatch("a dict");
    return *std::get<std::shared_ptr<PickleDict>>(data_);
}

PickleDict& PickleValue::mutableDict()
{
    if (kind_ != Kind::Dict)
        mismatch("a dict");
    return *std::get<std::shared_ptr<PickleDict>>(data_);
}

const PickleGlobal& PickleValue::asGlobal() const
{
    if (kind_ != Kind::Global)
        mismatch("a global");
    return *std::get<std::shared_ptr<const PickleGlobal>>(data_);
}

const std::shared_ptr<PickleObject>& PickleValue::asObject() const
{
    if (kind_ != Kind::Object)
        mismatch("an object");
    return std::get<std::shared_ptr<PickleObject>>(data_);
}

std::string PickleValue::repr() const
{
    std::string out;
    std::vector<const void*> path;
    reprInto(out, path);
    return out;
}

void PickleValue::reprInto(std::string& out, std::vector<const void*>& path) const
{
    switch (kind_) {
    case Kind::None:
        out += "None";
        return;
    case Kind::Bool:
        out += std::get<bool>(data_) ? "True" : "False";
        return;
    case Kind::Int:
        out += std::to_string(std::get<std::int64_t>(data_));
        return;
    case Kind::Float:
        out += floatRepr(std::get<double>(data_));
        return;
    case Kind::Bytes:
        out += bytesRepr(asBytes());
        return;
    case Kind::Str:
        out += strRepr(asStr());
        return;
    case Kind::Global:
        out += "<global " + asGlobal().qualifiedName() + ">";
        return;
    case Kind::Object:
        out += asObject()->repr();
        return;
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dict:
        break;
    }
    const bool isDict = kind_ == Kind::Dict;
    const void* id = isDict ? static_cast<const void*>(&asDict()) : static_cast<const void*>(&items());
    // Cycles print as Python prints them; very deep nesting is cut short, not recursed.
    if (std::find(path.begin(), path.end(), id) != path.end() || path.size() > 200) {
        out += isDict ? "{...}" : kind_ == Kind::List ? "[...]" : "(...)";
        return;
    }
    path.push_back(id);
    if (isDict) {
        out += '{';
        bool first = true;
        for (const auto& [k, v] : asDict().items()) {
            out += first ? "" : ", ";
            first = false;
            k.reprInto(out, path);
            out += ": ";
            v.reprInto(out, path);
        }
        out += '}';
    } else {
        const auto& xs = items();
        out += kind_ == Kind::List ? '[' : '(';
        for (std::size_t i = 0; i < xs.size(); ++i) {
            out += i ? ", " : "";
            xs[i].reprInto(out, path);
        }
        if (kind_ == Kind::Tuple && xs.size() == 1)
            out += ',';
        out += kind_ == Kind::List ? ']' : ')';
    }
    path.pop_back();
}

void PickleValue::releaseChildren(std::vector<PickleValue>& into)
{
    if (kind_ == Kind::List || kind_ == Kind::Tuple) {
        auto& p = std::get<std::shared_ptr<PickleList>>(data_);
        if (p && p.use_count() == 1) {
            for (auto& v : p->items)
                into.push_back(std::move(v));
            p->items.clear();
        }
    } else if (kind_ == Kind::Dict) {
        auto& p = std::get<std::shared_ptr<PickleDict>>(data_);
        if (p && p.use_count() == 1) {
            for (auto& [k, v] : p->items_) {
                into.push_back(std::move(k));
                into.push_back(std::move(v));
            }
            p->items_.clear();
            p->index_.clear();
        }
    }
}

void releasePickleValues(std::vector<PickleValue>&& pending)
{
    std::vector<PickleValue> work = std::move(pending);
    while (!work.empty()) {
        PickleValue v = std::move(work.back());
        work.pop_back();
        v.releaseChildren(work);
    } // v goes here with no children left: its container's destructor does not recurse
}

PickleList::~PickleList()
{
    if (!items.empty())
        releasePickleValues(std::move(items));
}

void PickleObject::setState(const PickleValue&) { throw Error(typeName() + " does not accept BUILD state"); }

void PickleObject::setItem(const PickleValue&, const PickleValue&)
{
    throw Error(typeName() + " does not support item assignment (SETITEM)");
}

void PickleObject::append(const PickleValue&) { throw Error(typeName() + " does not support APPEND"); }

} // namespace dq
