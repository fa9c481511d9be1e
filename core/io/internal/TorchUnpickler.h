#pragma once
// Core-private: the unpickling context of PyTorch checkpoints, plugged into the strict
// pickle machine of Pickle.h.
#include "io/internal/TorchPickle.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dq {

// Unpickles the main pickle of one checkpoint: accepts only the globals a checkpoint
// needs and hands each storage (persistent id) to the format's loader once per key.
// Objects it made are torn down without recursion if the load fails.
class TorchUnpickler {
public:
    // Returns the whole storage `key` of `numel` elements; throws dq::Error(what).
    using StorageLoader =
        std::function<c10::Storage(const TorchStorageType& type, const std::string& key, std::int64_t numel)>;

    TorchUnpickler(std::string source, StorageLoader loader);
    ~TorchUnpickler();
    TorchUnpickler(const TorchUnpickler&) = delete;
    TorchUnpickler& operator=(const TorchUnpickler&) = delete;

    // Runs the machine over `bytes` (bytes after STOP are ignored) and checks the result:
    // no cycles through objects, nesting at most kMaxDepth objects deep.
    PickleValue load(std::string_view bytes);
    // The storages loaded, by key (not the legacy views onto them).
    const std::map<std::string, std::shared_ptr<PickledStorage>>& storages() const { return storages_; }

    static constexpr int kMaxDepth = 64;

private:
    PickleValue persistentLoad(const PickleValue& pid);
    void checkStructure(const PickleValue& root) const;
    void releaseAll();

    std::string source_;
    StorageLoader loader_;
    PickleOptions options_;
    std::map<std::string, std::shared_ptr<PickledStorage>> storages_;
    std::map<std::string, std::shared_ptr<PickledStorage>> views_;
    std::vector<std::shared_ptr<PickledMapping>> mappings_; // every one made, for release
    bool succeeded_ = false;
};

} // namespace dq
