#pragma once
// Core-private: the objects that the pickle of a PyTorch checkpoint builds
// (TorchCheckpoint.h, TorchUnpickler.h).
#include "io/internal/Pickle.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Storage.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dq {

// torch.FloatStorage and its kin: the element type of a storage.
struct TorchStorageType {
    const char* name; // "FloatStorage"
    at::ScalarType dtype;
    int itemSize;
};
// The storage type torch.<name>, or nullptr when it is not one this reader supports.
const TorchStorageType* findTorchStorageType(const std::string& name);
std::string supportedTorchStorageTypes(); // "torch.FloatStorage, torch.DoubleStorage, ..."

// One storage of the file: a typed buffer of numel() elements. A legacy storage view is
// a window (offset, numel) onto the buffer of another.
class PickledStorage : public PickleObject {
public:
    PickledStorage(const TorchStorageType& type, std::string key, c10::Storage storage, std::int64_t offset,
                   std::int64_t numel);
    std::string typeName() const override { return std::string("torch.") + type_.name; }
    std::string repr() const override;

    const TorchStorageType& type() const { return type_; }
    const std::string& key() const { return key_; }
    const c10::Storage& storage() const { return storage_; }
    std::int64_t offset() const { return offset_; } // in elements
    std::int64_t numel() const { return numel_; }

private:
    const TorchStorageType& type_;
    std::string key_;
    c10::Storage storage_;
    std::int64_t offset_;
    std::int64_t numel_;
};

class PickledTensor : public PickleObject {
public:
    PickledTensor(at::Tensor tensor, bool parameter) : tensor_(std::move(tensor)), parameter_(parameter) { }
    std::string typeName() const override { return parameter_ ? "torch.nn.parameter.Parameter" : "torch.Tensor"; }
    std::string repr() const override;

    const at::Tensor& tensor() const { return tensor_; }
    bool isParameter() const { return parameter_; }

private:
    at::Tensor tensor_;
    bool parameter_;
};

// An object that holds other values: collections.OrderedDict (its items) and
// argparse.Namespace (its attributes).
class PickledMapping : public PickleObject {
public:
    const PickleDict& items() const { return items_.asDict(); }
    // Every value this object holds (items and attributes), for the structure check.
    virtual std::vector<PickleValue> children() const;
    // Drops the contents: tears a graph of objects down without recursion or leaks.
    virtual void release() { items_.mutableDict().clear(); }

protected:
    PickleValue items_ = PickleValue::dict();
};

class PickledOrderedDict : public PickledMapping {
public:
    std::string typeName() const override { return "collections.OrderedDict"; }
    std::string repr() const override;
    void setItem(const PickleValue& key, const PickleValue& value) override;
    // BUILD of the instance attributes, e.g. {'_metadata': ...} on a state_dict().
    void setState(const PickleValue& state) override;
    const PickleValue& attributes() const { return attributes_; } // None or a dict

    std::vector<PickleValue> children() const override;
    void release() override;

private:
    PickleValue attributes_;
};

// argparse.Namespace: training scripts save their arguments next to the weights.
class PickledNamespace : public PickledMapping {
public:
    std::string typeName() const override { return "argparse.Namespace"; }
    std::string repr() const override;
    void setState(const PickleValue& state) override;
};

// Swaps the bytes of each element (big-endian files).
void swapElementBytes(void* data, std::int64_t numel, int itemSize);
// "[2, 3]", for messages.
std::string torchShapeText(const std::vector<std::int64_t>& v);

} // namespace dq
