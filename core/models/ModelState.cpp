#include "models/internal/ModelState.h"

#include "common/Error.h"

#include <ATen/core/Dict.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <set>

namespace dq {
namespace {

std::string shapeText(at::IntArrayRef s)
{
    std::string out = "[";
    for (std::size_t k = 0; k < s.size(); ++k)
        out += (k ? ", " : "") + std::to_string(s[k]);
    return out + "]";
}

} // namespace

std::string serializeState(const std::vector<NamedTensor>& state)
{
    c10::Dict<std::string, at::Tensor> dict;
    for (const auto& t : state)
        dict.insert(t.name, t.tensor.detach().to(torch::kCPU).contiguous());
    const std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
    return std::string(bytes.begin(), bytes.end());
}

void restoreState(const std::vector<NamedTensor>& into, const std::string& bytes, const std::string& source)
{
    c10::IValue v;
    try {
        v = torch::jit::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
    } catch (const std::exception& e) {
        std::string what = e.what();
        what = what.substr(0, what.find('\n'));
        throw Error(source, "not a saved model state: " + what);
    }
    if (!v.isGenericDict())
        throw Error(source, "not a saved model state (expected a dict of tensors)");
    const c10::impl::GenericDict dict = v.toGenericDict();
    std::set<std::string> expected;
    torch::NoGradGuard noGrad;
    for (const auto& t : into) {
        expected.insert(t.name);
        auto it = dict.find(c10::IValue(t.name));
        if (it == dict.end())
            throw Error(source, "missing key '" + t.name + "'");
        if (!it->value().isTensor())
            throw Error(source, "key '" + t.name + "' is not a tensor");
        const at::Tensor saved = it->value().toTensor();
        if (saved.sizes() != t.tensor.sizes())
            throw Error(source, "key '" + t.name + "' has shape " + shapeText(saved.sizes()) + ", the model's is " +
                                    shapeText(t.tensor.sizes()));
        t.tensor.copy_(saved);
    }
    for (const auto& entry : dict)
        if (!entry.key().isString() || !expected.count(entry.key().toStringRef()))
            throw Error(source, "unexpected key '" + (entry.key().isString() ? entry.key().toStringRef() : "?") + "'");
}

} // namespace dq
