#include "pixel/internal/MaeCheckpoint.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "io/internal/PickleDict.h"
#include "models/internal/StateDict.h"
#include "io/internal/TorchPickle.h"

#include <ATen/core/Dict.h>
#include <ATen/core/List.h>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickler.h>

#include <cmath>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace dq {
namespace {

constexpr int kFormatVersion = 1;

class StateView {
public:
    StateView(const NamedTensors& state, std::string source) : source_(std::move(source))
    {
        for (const auto& [name, t] : state)
            byName_.emplace(name, t);
    }
    const at::Tensor& get(const std::string& key, std::int64_t dims) const
    {
        const auto it = byName_.find(key);
        if (it == byName_.end())
            throw Error(source_, "no tensor " + key + ": not a masked-autoencoder (MAE) checkpoint");
        if (it->second.dim() != dims)
            throw Error(source_, key + " has shape " + torchShapeText(it->second.sizes().vec()) + ", expected " +
                                     std::to_string(dims) + " dimensions");
        return it->second;
    }
    const at::Tensor* find(const std::string& key) const
    {
        const auto it = byName_.find(key);
        return it == byName_.end() ? nullptr : &it->second;
    }
    // Blocks named prefix.N.*: the highest N + 1.
    int count(const std::string& prefix) const
    {
        int n = 0;
        for (const auto& entry : byName_) {
            const std::string& k = entry.first;
            if (k.compare(0, prefix.size(), prefix) != 0)
                continue;
            const std::size_t dot = k.find('.', prefix.size());
            const std::string digits = k.substr(prefix.size(), dot - prefix.size());
            if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 6)
                n = std::max(n, std::stoi(digits) + 1);
        }
        return n;
    }

private:
    std::map<std::string, at::Tensor> byName_;
    std::string source_;
};

const PickleValue* entry(const PickleValue* dict, const char* key)
{
    const PickleDict* d = dict ? checkpointDict(*dict) : nullptr;
    return d ? d->findText(key) : nullptr;
}

int intEntry(const PickleValue* dict, const char* key, const std::string& source)
{
    const PickleValue* v = entry(dict, key);
    if (!v)
        return 0;
    if (!v->is(PickleValue::Kind::Int) || v->asInt() <= 0 || v->asInt() > 1000000)
        throw Error(source, std::string("dq_config['") + key + "'] must be a positive int, found " + v->repr());
    return static_cast<int>(v->asInt());
}

std::vector<double> numbersEntry(const PickleValue* dict, const char* key, const std::string& source)
{
    std::vector<double> out;
    const PickleValue* v = entry(dict, key);
    if (!v || v->isNone())
        return out;
    if (!v->is(PickleValue::Kind::List) && !v->is(PickleValue::Kind::Tuple))
        throw Error(source, std::string("dq_config['") + key + "'] must be a list of floats, found " + v->typeName());
    for (const auto& item : v->items()) {
        if (!item.is(PickleValue::Kind::Float) && !item.is(PickleValue::Kind::Int))
            throw Error(source, std::string("dq_config['") + key + "'] must hold numbers, found " + item.typeName());
        out.push_back(item.asFloat());
    }
    return out;
}

std::vector<float> floatsEntry(const PickleValue* dict, const char* key, const std::string& source)
{
    const std::vector<double> v = numbersEntry(dict, key, source);
    return std::vector<float>(v.begin(), v.end());
}

const PickleValue* dqConfigOf(const TorchCheckpoint& ckpt) { return entry(&ckpt.root, "dq_config"); }

int officialHeads(int width) { return width == 768 ? 12 : (width == 1024 || width == 1280) ? 16 : 0; }

void applyNormalization(MaeConfig& c, const PickleValue* dq, const std::string& source)
{
    c.mean = floatsEntry(dq, "mean", source);
    c.std = floatsEntry(dq, "std", source);
    if (c.mean.size() != c.std.size() || (!c.mean.empty() && static_cast<int>(c.mean.size()) != c.channels))
        throw Error(source, "dq_config: mean and std must hold one value per channel (" + std::to_string(c.channels) + ")");
    for (float s : c.std)
        if (!(s > 0))
            throw Error(source, "dq_config: std values must be positive");
}

// A Python list of floats; typed lists would be pickled as torch.jit._pickle calls.
c10::IValue floatList(const std::vector<double>& values)
{
    c10::impl::GenericList list(c10::AnyType::get());
    for (double v : values)
        list.push_back(c10::IValue(v));
    return list;
}

} // namespace

MaeConfig inferMaeConfig(const NamedTensors& state, const PickleValue* dq, const std::string& source)
{
    const StateView s(state, source);
    MaeConfig c;
    const at::Tensor& patch = s.get("patch_embed.proj.weight", 4);
    c.embedDim = static_cast<int>(patch.size(0));
    c.channels = static_cast<int>(patch.size(1));
    c.patchSize = static_cast<int>(patch.size(2));
    if (patch.size(3) != patch.size(2))
        throw Error(source,
                    "patch_embed.proj.weight has shape " + torchShapeText(patch.sizes().vec()) + ": patches must be square");
    const at::Tensor& pos = s.get("pos_embed", 3);
    const auto grid = static_cast<std::int64_t>(std::lround(std::sqrt(static_cast<double>(pos.size(1) - 1))));
    if (pos.size(0) != 1 || grid < 1 || grid * grid + 1 != pos.size(1) || pos.size(2) != c.embedDim)
        throw Error(source, "pos_embed has shape " + torchShapeText(pos.sizes().vec()) + ", expected [1, grid^2 + 1, " +
                                std::to_string(c.embedDim) + "] for a square patch grid");
    c.imageSize = static_cast<int>(grid) * c.patchSize;
    c.depth = s.count("blocks.");
    c.decoderDepth = s.count("decoder_blocks.");
    c.decoderEmbedDim = static_cast<int>(s.get("decoder_embed.weight", 2).size(0));
    const at::Tensor* fc1 = s.find(c.depth > 0 ? "blocks.0.mlp.fc1.weight" : "decoder_blocks.0.mlp.fc1.weight");
    if (fc1 && fc1->dim() == 2 && fc1->size(1) > 0)
        c.mlpRatio = static_cast<double>(fc1->size(0)) / static_cast<double>(fc1->size(1));

    c.heads = intEntry(dq, "heads", source);
    c.decoderHeads = intEntry(dq, "decoder_heads", source);
    if (c.heads == 0 && (c.heads = officialHeads(c.embedDim)) == 0)
        throw Error(source, "cannot tell the attention heads of a " + std::to_string(c.embedDim) +
                                "-wide encoder (the official 768, 1024 and 1280 have 12, 16 and 16; the "
                                "checkpoint has no dq_config): give the configuration");
    if (c.decoderHeads == 0 && (c.decoderHeads = c.decoderEmbedDim == 512 ? 16 : 0) == 0)
        throw Error(source, "cannot tell the attention heads of a " + std::to_string(c.decoderEmbedDim) +
                                "-wide decoder (the official 512 has 16; the checkpoint has no dq_config): give "
                                "the configuration");
    if (const PickleValue* v = entry(dq, "norm_pix_loss"); v && v->is(PickleValue::Kind::Bool))
        c.normPixLoss = v->asBool();
    applyNormalization(c, dq, source);

    c.name = "custom";
    if (const PickleValue* v = entry(dq, "name"); v && v->is(PickleValue::Kind::Str))
        c.name = v->asStr();
    else
        for (const char* n : {"base", "large", "huge"})
            if (maeConfig(n).sameArchitecture(c))
                c.name = n;
    return c;
}

MaeModel loadMae(const fs::path& file, const MaeConfig& expected)
{
    const TorchCheckpoint ckpt = readTorchCheckpoint(file);
    const NamedTensors state = stateDict(ckpt);
    MaeConfig c = expected;
    if (c.mean.empty())
        applyNormalization(c, dqConfigOf(ckpt), file.string());
    MaeModel model(c, 0, false);
    loadStateDict(*model, state, file.string(), true);
    return model;
}

MaeModel loadMae(const fs::path& file)
{
    const TorchCheckpoint ckpt = readTorchCheckpoint(file);
    const NamedTensors state = stateDict(ckpt);
    MaeModel model(inferMaeConfig(state, dqConfigOf(ckpt), file.string()), 0, false);
    loadStateDict(*model, state, file.string(), true);
    return model;
}

MaeConfig readMaeConfig(const fs::path& file)
{
    const TorchCheckpoint ckpt = readTorchCheckpoint(file);
    return inferMaeConfig(stateDict(ckpt), dqConfigOf(ckpt), file.string());
}

MaeTrainingRecord readMaeTrainingRecord(const fs::path& file)
{
    const TorchCheckpoint ckpt = readTorchCheckpoint(file);
    MaeTrainingRecord r;
    const PickleValue* t = entry(dqConfigOf(ckpt), "training");
    if (!t)
        return r;
    if (const PickleValue* v = entry(t, "cache_key_text"); v && v->is(PickleValue::Kind::Str))
        r.cacheKeyText = v->asStr();
    if (const PickleValue* v = entry(t, "device"); v && v->is(PickleValue::Kind::Str))
        r.device = v->asStr();
    if (const PickleValue* v = entry(t, "seconds"); v && v->is(PickleValue::Kind::Float))
        r.seconds = v->asFloat();
    if (const PickleValue* v = entry(t, "images_per_second"); v && v->is(PickleValue::Kind::Float))
        r.imagesPerSecond = v->asFloat();
    r.epochLoss = numbersEntry(t, "epoch_loss", file.string());
    return r;
}

void saveMae(const MaeModel& model, const fs::path& file, const MaeTrainingRecord& record)
{
    const MaeConfig& c = model->config();
    c10::impl::GenericDict weights(c10::StringType::get(), c10::TensorType::get());
    for (const auto& p : model->named_parameters())
        weights.insert(p.key(), p.value().detach().to(at::kCPU).contiguous());
    for (const auto& b : model->named_buffers())
        weights.insert(b.key(), b.value().detach().to(at::kCPU).contiguous());

    c10::impl::GenericDict config(c10::StringType::get(), c10::AnyType::get());
    config.insert("format", "dq-mae");
    config.insert("format_version", kFormatVersion);
    config.insert("name", c.name);
    config.insert("image_size", c.imageSize);
    config.insert("patch_size", c.patchSize);
    config.insert("channels", c.channels);
    config.insert("embed_dim", c.embedDim);
    config.insert("depth", c.depth);
    config.insert("heads", c.heads);
    config.insert("decoder_embed_dim", c.decoderEmbedDim);
    config.insert("decoder_depth", c.decoderDepth);
    config.insert("decoder_heads", c.decoderHeads);
    config.insert("mlp_ratio", c.mlpRatio);
    config.insert("norm_pix_loss", c.normPixLoss);
    config.insert("mean", floatList(std::vector<double>(c.mean.begin(), c.mean.end())));
    config.insert("std", floatList(std::vector<double>(c.std.begin(), c.std.end())));
    if (!record.cacheKeyText.empty() || !record.epochLoss.empty()) {
        c10::impl::GenericDict t(c10::StringType::get(), c10::AnyType::get());
        t.insert("cache_key_text", record.cacheKeyText);
        t.insert("epoch_loss", floatList(record.epochLoss));
        t.insert("seconds", record.seconds);
        t.insert("images_per_second", record.imagesPerSecond);
        t.insert("device", record.device);
        config.insert("training", t);
    }
    c10::impl::GenericDict root(c10::StringType::get(), c10::AnyType::get());
    root.insert("model", weights);
    root.insert("dq_config", config);

    // torch::jit::pickle_save would tag the containers with torch.jit._pickle calls that
    // a strict checkpoint reader refuses; an untagged pickle is what torch.save writes.
    std::vector<char> pickle;
    torch::jit::Pickler pickler([&](const char* data, std::size_t size) { pickle.insert(pickle.end(), data, data + size); },
                                nullptr, nullptr, nullptr, nullptr, false);
    pickler.protocol();
    pickler.pushIValue(root);
    pickler.stop();
    std::string bytes;
    {
        caffe2::serialize::PyTorchStreamWriter writer([&](const void* data, std::size_t size) {
            bytes.append(static_cast<const char*>(data), size);
            return size;
        });
        torch::jit::writeArchiveAndTensors("data", pickle.data(), pickle.size(), pickler.tensorData(), writer);
        writer.writeEndOfFile();
    }
    writeFileAtomically(file, bytes);
}

} // namespace dq
