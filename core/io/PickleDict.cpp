#include "io/internal/PickleDict.h"

#include "common/Error.h"

#include <cmath>
#include <cstdio>

namespace dq {

namespace {

// A prefix-free encoding of a hashable key, equal exactly when Python's == holds for
// keys of these kinds (bool, int and integral float compare equal, as in Python).
bool hashKey(const PickleValue& v, std::string& out)
{
    using K = PickleValue::Kind;
    switch (v.kind()) {
    case K::None:
        out += 'N';
        return true;
    case K::Bool:
        out += v.asBool() ? "i1;" : "i0;";
        return true;
    case K::Int:
        out += "i" + std::to_string(v.asInt()) + ";";
        return true;
    case K::Float: {
        const double d = v.asFloat();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) {
            out += "i" + std::to_string(static_cast<std::int64_t>(d)) + ";";
        } else {
            char b[32];
            std::snprintf(b, sizeof b, "f%a;", d);
            out += b;
        }
        return true;
    }
    case K::Bytes:
    case K::Str: {
        const auto& s = v.asText();
        out += (v.kind() == K::Bytes ? "b" : "s") + std::to_string(s.size()) + ":" + s;
        return true;
    }
    case K::Global: {
        const auto name = v.asGlobal().qualifiedName();
        out += "g" + std::to_string(name.size()) + ":" + name;
        return true;
    }
    case K::Tuple:
        out += "t" + std::to_string(v.items().size()) + "(";
        for (const auto& x : v.items())
            if (!hashKey(x, out))
                return false;
        out += ')';
        return true;
    case K::List:
    case K::Dict:
    case K::Object:
        return false;
    }
    return false;
}

std::string textKey(char tag, std::string_view s) { return tag + std::to_string(s.size()) + ":" + std::string(s); }

} // namespace

PickleDict::~PickleDict() { clear(); }

void PickleDict::set(PickleValue key, PickleValue value)
{
    std::string h;
    if (!hashKey(key, h))
        throw Error("unhashable dict key of type " + key.typeName());
    const auto [it, inserted] = index_.emplace(std::move(h), items_.size());
    if (inserted)
        items_.emplace_back(std::move(key), std::move(value));
    else
        items_[it->second].second = std::move(value);
}

void PickleDict::clear()
{
    std::vector<PickleValue> pending;
    for (auto& [k, v] : items_) {
        pending.push_back(std::move(k));
        pending.push_back(std::move(v));
    }
    items_.clear();
    index_.clear();
    releasePickleValues(std::move(pending));
}

const PickleValue* PickleDict::find(const PickleValue& key) const
{
    std::string h;
    if (!hashKey(key, h))
        return nullptr;
    const auto it = index_.find(h);
    return it == index_.end() ? nullptr : &items_[it->second].second;
}

const PickleValue* PickleDict::findText(std::string_view key) const
{
    for (const char tag : {'s', 'b'}) {
        const auto it = index_.find(textKey(tag, key));
        if (it != index_.end())
            return &items_[it->second].second;
    }
    return nullptr;
}

} // namespace dq
