#include "io/internal/TorchCheckpoint.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "io/internal/PickleDict.h"
#include "io/internal/TorchFormats.h"
#include "io/internal/TorchPickle.h"

#include <fstream>
#include <system_error>

namespace dq {

namespace {

using Kind = PickleValue::Kind;

std::string fileHead(const std::filesystem::path& path, std::size_t n)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string(), "cannot open the file");
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

bool isText(const PickleValue& v) { return v.is(Kind::Str) || v.is(Kind::Bytes); }

std::string keyList(const PickleDict& d)
{
    std::string out;
    std::size_t shown = 0;
    for (const auto& [k, v] : d.items()) {
        if (shown == 20) {
            out += ", ... (" + std::to_string(d.size()) + " in all)";
            break;
        }
        out += (shown++ ? ", " : "") + (k.is(Kind::Str) ? k.asStr() : k.repr());
    }
    return out.empty() ? "(none)" : out;
}

bool isStateDict(const PickleValue& v)
{
    const PickleDict* d = checkpointDict(v);
    if (!d)
        return false;
    for (const auto& [k, x] : d->items())
        if (!isText(k) || !checkpointTensor(x))
            return false;
    return true;
}

NamedTensors namedTensors(const PickleDict& d, const std::string& source, const std::string& where)
{
    NamedTensors out;
    out.reserve(d.size());
    for (const auto& [k, v] : d.items()) {
        if (!isText(k))
            throw Error(source, "the state dict" + where + " has a key " + k.repr() + " that is not a str");
        const at::Tensor* t = checkpointTensor(v);
        if (!t)
            throw Error(source,
                        "entry '" + k.asText() + "' of the state dict" + where + " is a " + v.typeName() + ", not a tensor");
        out.emplace_back(k.asText(), *t);
    }
    return out;
}

} // namespace

TorchCheckpoint readTorchCheckpoint(const std::filesystem::path& path)
{
    const std::string source = path.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error(source, std::filesystem::exists(path, ec) ? "not a regular file" : "no such file");
    const std::string head = fileHead(path, 512);
    if (head.empty())
        throw Error(source, "empty file, not a PyTorch checkpoint");
    if (head.compare(0, 4, "PK\x03\x04") == 0)
        return readZipCheckpoint(path);
    if (static_cast<unsigned char>(head[0]) == 0x80)
        return readLegacyCheckpoint(path, readFileBytes(path));
    if (head.compare(0, 6, "\x93NUMPY") == 0)
        throw Error(source, "a .npy file, not a PyTorch checkpoint");
    if (head.size() >= 262 && head.compare(257, 5, "ustar") == 0)
        throw Error(source, "a checkpoint in the tar format of PyTorch < 0.4, which is not supported: "
                            "load it and save it again with a recent PyTorch");
    throw Error(source, "not a PyTorch checkpoint (neither the zip archive that torch.save writes nor its "
                        "legacy format)");
}

const at::Tensor* checkpointTensor(const PickleValue& v)
{
    const auto* t = v.objectAs<PickledTensor>();
    return t ? &t->tensor() : nullptr;
}

const PickleDict* checkpointDict(const PickleValue& v)
{
    if (v.is(Kind::Dict))
        return &v.asDict();
    if (const auto* od = v.objectAs<PickledOrderedDict>())
        return &od->items();
    return nullptr;
}

NamedTensors stateDict(const TorchCheckpoint& checkpoint, const std::string& key)
{
    const std::string& source = checkpoint.source;
    const PickleDict* root = checkpointDict(checkpoint.root);
    if (!root)
        throw Error(source, "the checkpoint holds a " + checkpoint.root.typeName() + ", not a dict of tensors");
    if (!key.empty()) {
        const PickleValue* v = root->findText(key);
        if (!v)
            throw Error(source, "the checkpoint has no entry '" + key + "'; its keys are " + keyList(*root));
        const PickleDict* d = checkpointDict(*v);
        if (!d)
            throw Error(source, "entry '" + key + "' of the checkpoint is a " + v->typeName() + ", not a state dict");
        return namedTensors(*d, source, " '" + key + "'");
    }
    if (isStateDict(checkpoint.root))
        return namedTensors(*root, source, "");
    for (const char* k : {"state_dict", "model", "model_state_dict"}) {
        const PickleValue* v = root->findText(k);
        if (v && isStateDict(*v))
            return namedTensors(*checkpointDict(*v), source, " '" + std::string(k) + "'");
    }
    throw Error(source, "no state dict found: the checkpoint is a dict with keys " + keyList(*root) +
                            ", and neither it nor its entry 'state_dict', 'model' or 'model_state_dict' "
                            "maps names to tensors");
}

} // namespace dq
