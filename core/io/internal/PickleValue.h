#pragma once
#include "io/internal/PickleObject.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dq {

class PickleDict;
struct PickleList;

// One value produced by the pickle machine (see Pickle.h). Containers, strings and
// objects are shared, as in Python: a value fetched from the memo twice, or a list that
// is filled after being memoized, is the same object everywhere. Copies are cheap.
class PickleValue {
public:
    enum class Kind { None, Bool, Int, Float, Bytes, Str, List, Tuple, Dict, Global, Object };

    PickleValue() = default; // None
    PickleValue(const PickleValue&) = default;
    PickleValue(PickleValue&& o) noexcept;
    // Both assignments are safe when the source lives inside the value being replaced.
    PickleValue& operator=(const PickleValue& o);
    PickleValue& operator=(PickleValue&& o) noexcept;
    ~PickleValue() = default;

    static PickleValue boolean(bool v);
    static PickleValue integer(std::int64_t v);
    static PickleValue real(double v);
    static PickleValue bytes(std::string v);
    static PickleValue str(std::string utf8);
    static PickleValue list(std::vector<PickleValue> items = {});
    static PickleValue tuple(std::vector<PickleValue> items = {});
    static PickleValue dict();
    static PickleValue global(std::shared_ptr<const PickleGlobal> g);
    static PickleValue object(std::shared_ptr<PickleObject> o);

    Kind kind() const { return kind_; }
    // Python's name for the kind ("NoneType", "int", "bytes", "tuple", ...); objects give
    // their typeName().
    std::string typeName() const;
    bool is(Kind k) const { return kind_ == k; }
    bool isNone() const { return kind_ == Kind::None; }

    // Accessors throw dq::Error("expected a <kind>, found <kind>") on a kind mismatch;
    // callers that know the file should check kind() first and word their own error.
    bool asBool() const;
    std::int64_t asInt() const; // Int only (not Bool)
    double asFloat() const; // Float or Int
    const std::string& asBytes() const;
    const std::string& asStr() const; // UTF-8
    const std::string& asText() const; // Bytes or Str: Python 2 files store text as bytes
    const std::vector<PickleValue>& items() const; // List or Tuple
    std::vector<PickleValue>& mutableItems(); // List or Tuple
    const PickleDict& asDict() const;
    PickleDict& mutableDict();
    const PickleGlobal& asGlobal() const;
    const std::shared_ptr<PickleObject>& asObject() const;
    // The object as T, or nullptr when this is not an object of that type.
    template <typename T>
    T* objectAs() const;

    // A Python-like repr (what Python's repr() prints for the same value loaded with
    // encoding='bytes'); cycles print as [...] / {...}, as in Python.
    std::string repr() const;

private:
    using Text = std::shared_ptr<const std::string>;
    using Data =
        std::variant<std::monostate, bool, std::int64_t, double, Text, std::shared_ptr<PickleList>,
                     std::shared_ptr<PickleDict>, std::shared_ptr<const PickleGlobal>, std::shared_ptr<PickleObject>>;
    PickleValue(Kind k, Data d) : kind_(k), data_(std::move(d)) { }
    [[noreturn]] void mismatch(const char* expected) const;
    void reprInto(std::string& out, std::vector<const void*>& path) const;
    friend struct PickleList;
    friend class PickleDict;
    friend void releasePickleValues(std::vector<PickleValue>&& pending);
    // Moves the children out when this value is the last owner of its container, so
    // that deep structures are torn down iteratively (no recursion, no stack overflow).
    void releaseChildren(std::vector<PickleValue>& into);

    Kind kind_ = Kind::None;
    Data data_;
};

// The storage of lists and tuples.
struct PickleList {
    std::vector<PickleValue> items;
    PickleList() = default;
    explicit PickleList(std::vector<PickleValue> v) : items(std::move(v)) { }
    PickleList(const PickleList&) = delete;
    PickleList& operator=(const PickleList&) = delete;
    ~PickleList();
};

// Tears down values without recursion (used by the containers' destructors).
void releasePickleValues(std::vector<PickleValue>&& pending);

template <typename T>
T* PickleValue::objectAs() const
{
    if (kind_ != Kind::Object)
        return nullptr;
    return dynamic_cast<T*>(std::get<std::shared_ptr<PickleObject>>(data_).get());
}

} // namespace dq
