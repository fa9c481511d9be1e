#pragma once
#include "io/internal/PickleValue.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dq {

// A pickled dict: items in insertion order (as Python 3.7+ and OrderedDict keep them),
// keys compared as Python compares them (1 == 1.0 == True; b'a' != 'a').
class PickleDict {
public:
    PickleDict() = default;
    PickleDict(const PickleDict&) = delete;
    PickleDict& operator=(const PickleDict&) = delete;
    ~PickleDict();

    // d[key] = value; an existing key keeps its position. Throws dq::Error for an
    // unhashable key (list, dict, object).
    void set(PickleValue key, PickleValue value);
    const PickleValue* find(const PickleValue& key) const;
    void clear();
    // The value under a text key stored as str or as bytes (Python 2 files use bytes).
    const PickleValue* findText(std::string_view key) const;

    std::size_t size() const { return items_.size(); }
    const std::vector<std::pair<PickleValue, PickleValue>>& items() const { return items_; }

private:
    friend class PickleValue;
    std::vector<std::pair<PickleValue, PickleValue>> items_;
    std::unordered_map<std::string, std::size_t> index_; // hash key -> position
};

} // namespace dq
