#include "io/internal/TorchUnpickler.h"

#include "common/Error.h"
#include "io/internal/NumpyPickle.h"
#include "io/internal/PickleDict.h"

#include <ATen/ops/empty.h>
#include <c10/util/Exception.h>
#include <c10/util/Half.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <unordered_map>
#include <utility>

namespace dq {

namespace {

using Kind = PickleValue::Kind;
using Args = std::vector<PickleValue>;

std::shared_ptr<const PickleGlobal> makeGlobal(const std::string& module, const std::string& name,
                                               std::function<PickleValue(const Args&)> call,
                                               std::function<PickleValue(const Args&)> construct = {})
{
    auto g = std::make_shared<PickleGlobal>();
    g->module = module;
    g->name = name;
    g->call = std::move(call);
    g->construct = std::move(construct);
    return g;
}

void needArgs(const std::string& fn, const Args& args, std::size_t lo, std::size_t hi)
{
    if (args.size() < lo || args.size() > hi)
        throw Error(fn + " takes " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi)) +
                    " arguments, found " + std::to_string(args.size()));
}

std::vector<std::int64_t> intTuple(const PickleValue& v, const char* what)
{
    if (!v.is(Kind::Tuple) && !v.is(Kind::List))
        throw Error(std::string(what) + " must be a tuple of ints, found " + v.typeName());
    std::vector<std::int64_t> out;
    for (const auto& x : v.items()) {
        if (!x.is(Kind::Int))
            throw Error(std::string(what) + " must be a tuple of ints, found an item of type " + x.typeName());
        out.push_back(x.asInt());
    }
    return out;
}

// None, {} or OrderedDict(): what the rebuilders get for hooks, metadata and state.
bool isEmptyMapping(const PickleValue& v)
{
    if (v.isNone())
        return true;
    if (v.is(Kind::Dict))
        return v.asDict().size() == 0;
    const auto* m = v.objectAs<PickledMapping>();
    return m && m->items().size() == 0;
}

void needEmpty(const PickleValue& v, const char* what)
{
    if (!isEmptyMapping(v))
        throw Error(std::string(what) + " must be empty, found " + v.repr());
}

// storage[offset:] viewed with `size` and `stride`, after checking that every element it
// reaches lies inside the storage.
at::Tensor viewStorage(const PickledStorage& s, std::int64_t offset, const std::vector<std::int64_t>& size,
                       const std::vector<std::int64_t>& stride)
{
    const std::string layout =
        "shape " + torchShapeText(size) + " (stride " + torchShapeText(stride) + ", offset " + std::to_string(offset) + ")";
    if (size.size() != stride.size())
        throw Error("tensor of " + layout + " has " + std::to_string(stride.size()) + " strides for " +
                    std::to_string(size.size()) + " dimensions");
    if (offset < 0 || offset > s.numel())
        throw Error("tensor of " + layout + " starts outside its " + s.typeName() + " of " + std::to_string(s.numel()) +
                    " elements");
    bool empty = false;
    for (std::size_t i = 0; i < size.size(); ++i) {
        if (size[i] < 0 || stride[i] < 0)
            throw Error("tensor of " + layout + " has a negative size or stride");
        empty = empty || size[i] == 0;
    }
    if (!empty) {
        std::int64_t last = offset; // the furthest element reached
        for (std::size_t i = 0; i < size.size(); ++i) {
            std::int64_t step = 0;
            if (__builtin_mul_overflow(size[i] - 1, stride[i], &step) || __builtin_add_overflow(last, step, &last))
                throw Error("tensor of " + layout + " is too large");
        }
        if (last >= s.numel())
            throw Error("tensor of " + layout + " needs element " + std::to_string(last) + " of its " + s.typeName() + " '" +
                        s.key() + "', which has only " + std::to_string(s.numel()) +
                        " elements (storage shorter than the tensor needs)");
    }
    try {
        at::Tensor t = at::empty({0}, at::TensorOptions().dtype(s.type().dtype));
        t.set_(s.storage(), s.offset() + offset, size, stride);
        return t;
    } catch (const c10::Error& e) {
        throw Error("tensor of " + layout + ": " + e.what_without_backtrace());
    }
}

// torch._utils._rebuild_tensor(storage, offset, size, stride) and _rebuild_tensor_v2
// (..., requires_grad, backward_hooks[, metadata]).
PickleValue rebuildTensor(const std::string& fn, const Args& a, bool v2)
{
    if (v2)
        needArgs(fn, a, 6, 7);
    else
        needArgs(fn, a, 4, 4);
    const auto* storage = a[0].objectAs<PickledStorage>();
    if (!storage)
        throw Error(fn + " needs a storage as its first argument, found " + a[0].typeName());
    if (!a[1].is(Kind::Int))
        throw Error(fn + " needs an int storage offset, found " + a[1].typeName());
    if (v2) {
        if (!a[4].is(Kind::Bool))
            throw Error(fn + " needs a bool requires_grad, found " + a[4].typeName());
        needEmpty(a[5], "backward hooks");
        if (a.size() == 7)
            needEmpty(a[6], "tensor metadata");
    }
    at::Tensor t = viewStorage(*storage, a[1].asInt(), intTuple(a[2], "tensor size"), intTuple(a[3], "tensor stride"));
    return PickleValue::object(std::make_shared<PickledTensor>(std::move(t), false));
}

// torch._utils._rebuild_parameter(data, requires_grad, backward_hooks) and
// _rebuild_parameter_with_state(..., state).
PickleValue rebuildParameter(const std::string& fn, const Args& a, bool withState)
{
    needArgs(fn, a, withState ? 4 : 3, withState ? 4 : 3);
    const auto* data = a[0].objectAs<PickledTensor>();
    if (!data)
        throw Error(fn + " needs a tensor as its first argument, found " + a[0].typeName());
    if (!a[1].is(Kind::Bool))
        throw Error(fn + " needs a bool requires_grad, found " + a[1].typeName());
    needEmpty(a[2], "backward hooks");
    if (withState)
        needEmpty(a[3], "parameter state");
    return PickleValue::object(std::make_shared<PickledTensor>(data->tensor(), true));
}

bool isTensorClass(const PickleValue& v, bool* parameter)
{
    if (!v.is(Kind::Global))
        return false;
    const auto name = v.asGlobal().qualifiedName();
    *parameter = name == "torch.nn.parameter.Parameter";
    return *parameter || name == "torch.Tensor";
}

// torch._tensor._rebuild_from_type_v2(func, new_type, args, state): how torch >= 1.12
// pickles a tensor with attributes or of a subclass; only plain tensors are accepted.
PickleValue rebuildFromType(const std::string& fn, const Args& a)
{
    needArgs(fn, a, 4, 4);
    if (!a[0].is(Kind::Global) || !a[0].asGlobal().call)
        throw Error(fn + " needs an accepted rebuild function, found " + a[0].typeName());
    bool parameter = false;
    if (!isTensorClass(a[1], &parameter))
        throw Error(fn + " accepts only torch.Tensor and torch.nn.parameter.Parameter, found " + a[1].repr());
    if (!a[2].is(Kind::Tuple))
        throw Error(fn + " needs an argument tuple, found " + a[2].typeName());
    needEmpty(a[3], "tensor state");
    PickleValue built = a[0].asGlobal().call(a[2].items());
    const auto* t = built.objectAs<PickledTensor>();
    if (!t)
        throw Error(fn + ": " + a[0].asGlobal().qualifiedName() + " did not give a tensor");
    if (parameter && !t->isParameter())
        return PickleValue::object(std::make_shared<PickledTensor>(t->tensor(), true));
    return built;
}

// numpy.core.multiarray.scalar(dtype, bytes): a numpy number (training scripts save
// metrics such as numpy.float64), read as a plain int, float or bool.
PickleValue numpyScalar(const std::string& fn, const Args& a)
{
    needArgs(fn, a, 2, 2);
    const auto* dtype = a[0].objectAs<PickledNumpyDtype>();
    if (!dtype || !a[1].is(Kind::Bytes))
        throw Error(fn + " needs a numpy.dtype and bytes, found " + a[0].typeName() + " and " + a[1].typeName());
    std::string raw = a[1].asBytes();
    if (raw.size() != static_cast<std::size_t>(dtype->itemSize()))
        throw Error(fn + ": " + std::to_string(raw.size()) + " bytes for a " + dtype->name());
    if (dtype->byteOrder() == '>')
        std::reverse(raw.begin(), raw.end());
    std::uint64_t u = 0;
    for (std::size_t i = raw.size(); i-- > 0;)
        u = (u << 8) | static_cast<unsigned char>(raw[i]);
    const int bits = 8 * dtype->itemSize();
    switch (dtype->kind()) {
    case 'b':
        return PickleValue::boolean(u != 0);
    case 'i': {
        if (bits < 64 && ((u >> (bits - 1)) & 1U))
            u |= ~std::uint64_t{0} << bits; // sign-extend
        return PickleValue::integer(static_cast<std::int64_t>(u));
    }
    case 'u':
        if (u > static_cast<std::uint64_t>(INT64_MAX))
            throw Error(fn + ": " + dtype->name() + " value beyond 64-bit signed integers");
        return PickleValue::integer(static_cast<std::int64_t>(u));
    case 'f':
        if (bits == 64) {
            double d;
            std::memcpy(&d, &u, 8);
            return PickleValue::real(d);
        }
        if (bits == 32) {
            float f;
            const auto w = static_cast<std::uint32_t>(u);
            std::memcpy(&f, &w, 4);
            return PickleValue::real(f);
        }
        return PickleValue::real(static_cast<float>(c10::Half(static_cast<unsigned short>(u), c10::Half::from_bits())));
    default:
        throw Error(fn + ": numpy " + dtype->name() + " scalars are not supported");
    }
}

} // namespace

TorchUnpickler::TorchUnpickler(std::string source, StorageLoader loader)
        : source_(std::move(source)), loader_(std::move(loader))
{
    const PickleResolver numpy = numpyArrayResolver();
    options_.refusalHint = "a checkpoint may only contain tensors and plain containers";
    options_.persistentLoad = [this](const PickleValue& pid) { return persistentLoad(pid); };
    options_.resolver = [this, numpy](const std::string& module,
                                      const std::string& name) -> std::shared_ptr<const PickleGlobal> {
        const std::string fn = module + "." + name;
        if (module == "collections" && name == "OrderedDict") {
            auto make = [this, fn](const Args& a) {
                needArgs(fn, a, 0, 0);
                auto d = std::make_shared<PickledOrderedDict>();
                mappings_.push_back(d);
                return PickleValue::object(d);
            };
            return makeGlobal(module, name, make, make);
        }
        if (module == "argparse" && name == "Namespace") {
            auto make = [this, fn](const Args& a) {
                needArgs(fn, a, 0, 0);
                auto n = std::make_shared<PickledNamespace>();
                mappings_.push_back(n);
                return PickleValue::object(n);
            };
            return makeGlobal(module, name, nullptr, make);
        }
        if (module == "torch._utils") {
            if (name == "_rebuild_tensor_v2" || name == "_rebuild_tensor") {
                const bool v2 = name == "_rebuild_tensor_v2";
                return makeGlobal(module, name, [fn, v2](const Args& a) { return rebuildTensor(fn, a, v2); });
            }
            if (name == "_rebuild_parameter" || name == "_rebuild_parameter_with_state") {
                const bool withState = name == "_rebuild_parameter_with_state";
                return makeGlobal(module, name,
                                  [fn, withState](const Args& a) { return rebuildParameter(fn, a, withState); });
            }
        }
        if (module == "torch._tensor" && name == "_rebuild_from_type_v2")
            return makeGlobal(module, name, [fn](const Args& a) { return rebuildFromType(fn, a); });
        if (fn == "torch.Tensor" || fn == "torch.nn.parameter.Parameter")
            return makeGlobal(module, name, nullptr); // only an argument of _rebuild_from_type_v2
        // Legacy files from CUDA runs may name torch.cuda.FloatStorage: it loads on the CPU.
        if ((module == "torch" || module == "torch.cuda") && name.size() > 7 &&
            name.compare(name.size() - 7, 7, "Storage") == 0) {
            if (!findTorchStorageType(name))
                throw Error("unsupported storage type " + fn + " (supported: " + supportedTorchStorageTypes() + ")");
            return makeGlobal(module, name, nullptr); // only an argument of persistent ids
        }
        if ((module == "numpy.core.multiarray" || module == "numpy._core.multiarray") && name == "scalar")
            return makeGlobal(module, name, [fn](const Args& a) { return numpyScalar(fn, a); });
        return numpy(module, name);
    };
}

TorchUnpickler::~TorchUnpickler()
{
    if (!succeeded_)
        releaseAll();
}

void TorchUnpickler::releaseAll()
{
    // mappings_ keeps every object alive while the links between them are cut, so that
    // neither a cycle leaks nor a deep chain is destroyed recursively.
    for (const auto& m : mappings_)
        m->release();
    mappings_.clear();
}

PickleValue TorchUnpickler::load(std::string_view bytes)
{
    PickleValue root;
    try {
        root = loadPickle(bytes, source_, options_);
        checkStructure(root);
    } catch (...) {
        releaseAll();
        throw;
    }
    succeeded_ = true;
    mappings_.clear();
    return root;
}

PickleValue TorchUnpickler::persistentLoad(const PickleValue& pid)
{
    if (!pid.is(Kind::Tuple) || pid.items().empty())
        throw Error("a persistent id must be a non-empty tuple, found " + pid.typeName());
    const auto& p = pid.items();
    if (!p[0].is(Kind::Str) && !p[0].is(Kind::Bytes))
        throw Error("a persistent id must start with its kind, found " + p[0].typeName());
    const std::string& kind = p[0].asText();
    if (kind == "module")
        throw Error("the file holds a whole pickled module (torch.save(model)); only state dicts can be "
                    "read: save model.state_dict() instead");
    if (kind != "storage")
        throw Error("unknown persistent id kind '" + kind + "'");
    if (p.size() != 5 && p.size() != 6)
        throw Error("a storage persistent id has 5 or 6 items, found " + std::to_string(p.size()));
    if (!p[1].is(Kind::Global))
        throw Error("a storage persistent id names its storage type, found " + p[1].typeName());
    const TorchStorageType* type = findTorchStorageType(p[1].asGlobal().name);
    if (!type)
        throw Error("unsupported storage type " + p[1].asGlobal().qualifiedName());
    if ((!p[2].is(Kind::Str) && !p[2].is(Kind::Bytes)) || (!p[3].is(Kind::Str) && !p[3].is(Kind::Bytes)) ||
        !p[4].is(Kind::Int))
        throw Error("a storage persistent id is (kind, type, key, location, numel), found " + pid.repr());
    const std::string& key = p[2].asText();
    const std::int64_t numel = p[4].asInt();
    if (numel < 0)
        throw Error("storage '" + key + "' has a negative size " + std::to_string(numel));

    auto it = storages_.find(key);
    if (it == storages_.end()) {
        auto s = std::make_shared<PickledStorage>(*type, key, loader_(*type, key, numel), 0, numel);
        it = storages_.emplace(key, std::move(s)).first;
    } else if (&it->second->type() != type || it->second->numel() != numel || it->second->offset() != 0) {
        throw Error("storage '" + key + "' is named twice with different types or sizes");
    }
    if (p.size() == 5 || p[5].isNone())
        return PickleValue::object(it->second);

    // A legacy storage view: (view_key, offset, view_size) into the storage `key`.
    const auto& view = p[5];
    if (!view.is(Kind::Tuple) || view.items().size() != 3 || !view.items()[1].is(Kind::Int) ||
        !view.items()[2].is(Kind::Int) || (!view.items()[0].is(Kind::Str) && !view.items()[0].is(Kind::Bytes)))
        throw Error("a storage view is (key, offset, size), found " + view.repr());
    const std::string& viewKey = view.items()[0].asText();
    const std::int64_t offset = view.items()[1].asInt();
    const std::int64_t size = view.items()[2].asInt();
    const auto& root = *it->second;
    auto v = views_.find(viewKey);
    if (v != views_.end()) {
        if (&v->second->type() != type || v->second->offset() != offset || v->second->numel() != size)
            throw Error("storage view '" + viewKey + "' is named twice with different bounds");
        return PickleValue::object(v->second);
    }
    if (offset < 0 || size < 0 || offset > root.numel() || size > root.numel() - offset)
        throw Error("storage view '" + viewKey + "' (offset " + std::to_string(offset) + ", size " + std::to_string(size) +
                    ") lies outside storage '" + key + "' of " + std::to_string(root.numel()) + " elements");
    auto s = std::make_shared<PickledStorage>(*type, viewKey, root.storage(), offset, size);
    return PickleValue::object(views_.emplace(viewKey, std::move(s)).first->second);
}

// Refuses cycles through objects (the machine refuses those of plain containers) and
// nesting of objects deeper than kMaxDepth: destroying objects recurses.
void TorchUnpickler::checkStructure(const PickleValue& root) const
{
    struct Frame {
        const void* id;
        bool object;
        std::vector<PickleValue> kids;
        std::size_t next = 0;
        int depth = 0; // deepest object nesting below
    };
    auto frameOf = [](const PickleValue& v, Frame& f) {
        if (v.is(Kind::List) || v.is(Kind::Tuple)) {
            f = {&v.items(), false, v.items()};
        } else if (v.is(Kind::Dict)) {
            f = {&v.asDict(), false, {}};
            for (const auto& [k, x] : v.asDict().items()) {
                f.kids.push_back(k);
                f.kids.push_back(x);
            }
        } else if (const auto* m = v.objectAs<PickledMapping>()) {
            f = {m, true, m->children()};
        } else {
            return false;
        }
        return true;
    };
    std::unordered_map<const void*, int> done; // node -> its depth
    std::unordered_map<const void*, bool> onPath;
    std::vector<Frame> path(1);
    if (!frameOf(root, path[0]))
        return;
    onPath[path[0].id] = true;
    while (!path.empty()) {
        Frame& f = path.back();
        if (f.next == f.kids.size()) {
            const int depth = f.depth + (f.object ? 1 : 0);
            if (depth > kMaxDepth)
                throw Error(source_, "objects nested more than " + std::to_string(kMaxDepth) + " deep");
            done[f.id] = depth;
            onPath.erase(f.id);
            path.pop_back();
            if (!path.empty())
                path.back().depth = std::max(path.back().depth, depth);
            continue;
        }
        Frame child;
        if (!frameOf(f.kids[f.next++], child))
            continue;
        if (onPath.count(child.id))
            throw Error(source_, "self-referencing objects are not supported");
        const auto d = done.find(child.id);
        if (d != done.end()) {
            f.depth = std::max(f.depth, d->second);
            continue;
        }
        onPath[child.id] = true;
        path.push_back(std::move(child));
    }
}

} // namespace dq
