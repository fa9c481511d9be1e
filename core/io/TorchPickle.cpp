#include "io/internal/TorchPickle.h"

#include "common/Error.h"
#include "io/internal/PickleDict.h"

#include <algorithm>
#include <utility>

namespace dq {

namespace {

using Kind = PickleValue::Kind;

const TorchStorageType kStorageTypes[] = {
    {"FloatStorage", at::kFloat, 4},       {"DoubleStorage", at::kDouble, 8}, {"HalfStorage", at::kHalf, 2},
    {"BFloat16Storage", at::kBFloat16, 2}, {"LongStorage", at::kLong, 8},     {"IntStorage", at::kInt, 4},
    {"ShortStorage", at::kShort, 2},       {"CharStorage", at::kChar, 1},     {"ByteStorage", at::kByte, 1},
    {"BoolStorage", at::kBool, 1},
};

std::string dtypeText(at::ScalarType t)
{
    switch (t) {
    case at::kFloat:
        return "float32";
    case at::kDouble:
        return "float64";
    case at::kHalf:
        return "float16";
    case at::kBFloat16:
        return "bfloat16";
    case at::kLong:
        return "int64";
    case at::kInt:
        return "int32";
    case at::kShort:
        return "int16";
    case at::kChar:
        return "int8";
    case at::kByte:
        return "uint8";
    case at::kBool:
        return "bool";
    default:
        return c10::toString(t);
    }
}

} // namespace

std::string torchShapeText(const std::vector<std::int64_t>& v)
{
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + std::to_string(v[i]);
    return out + "]";
}

const TorchStorageType* findTorchStorageType(const std::string& name)
{
    for (const auto& t : kStorageTypes)
        if (name == t.name)
            return &t;
    return nullptr;
}

std::string supportedTorchStorageTypes()
{
    std::string out;
    for (const auto& t : kStorageTypes)
        out += (out.empty() ? "torch." : ", torch.") + std::string(t.name);
    return out;
}

PickledStorage::PickledStorage(const TorchStorageType& type, std::string key, c10::Storage storage, std::int64_t offset,
                               std::int64_t numel)
        : type_(type), key_(std::move(key)), storage_(std::move(storage)), offset_(offset), numel_(numel)
{ }

std::string PickledStorage::repr() const
{
    return "<" + typeName() + " '" + key_ + "' of " + std::to_string(numel_) + " elements>";
}

std::string PickledTensor::repr() const
{
    return std::string(parameter_ ? "Parameter" : "tensor") + "(shape=" + torchShapeText(tensor_.sizes().vec()) +
           ", dtype=" + dtypeText(tensor_.scalar_type()) + ")";
}

std::vector<PickleValue> PickledMapping::children() const
{
    std::vector<PickleValue> out;
    for (const auto& [k, v] : items().items()) {
        out.push_back(k);
        out.push_back(v);
    }
    return out;
}

std::string PickledOrderedDict::repr() const { return "OrderedDict(" + std::to_string(items().size()) + " items)"; }

void PickledOrderedDict::setItem(const PickleValue& key, const PickleValue& value) { items_.mutableDict().set(key, value); }

void PickledOrderedDict::setState(const PickleValue& state)
{
    if (!state.is(Kind::Dict))
        throw Error("collections.OrderedDict attributes must be a dict, found " + state.typeName());
    attributes_ = state;
}

std::vector<PickleValue> PickledOrderedDict::children() const
{
    auto out = PickledMapping::children();
    out.push_back(attributes_);
    return out;
}

void PickledOrderedDict::release()
{
    PickledMapping::release();
    attributes_ = PickleValue();
}

std::string PickledNamespace::repr() const { return "Namespace(" + std::to_string(items().size()) + " attributes)"; }

void PickledNamespace::setState(const PickleValue& state)
{
    if (!state.is(Kind::Dict))
        throw Error("argparse.Namespace state must be a dict, found " + state.typeName());
    items_ = state;
}

void swapElementBytes(void* data, std::int64_t numel, int itemSize)
{
    auto* p = static_cast<unsigned char*>(data);
    if (itemSize <= 1)
        return;
    for (std::int64_t i = 0; i < numel; ++i, p += itemSize)
        std::reverse(p, p + itemSize);
}

} // namespace dq
