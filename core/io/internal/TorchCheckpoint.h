#pragma once
// Core-private (includes ATen): PyTorch checkpoints (.pth, .pt) read with no Python.
#include "io/internal/PickleValue.h"

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace dq {

class PickleDict;

// Tensors by name, in the file's order (a state_dict()).
using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

// What torch.save wrote. root is made of plain values (dict, list, tuple, int, float,
// str, bytes, None) and objects (TorchPickle.h): collections.OrderedDict, tensors
// (torch.Tensor, torch.nn.parameter.Parameter), argparse.Namespace, numpy arrays (numpy
// scalars are read as plain numbers).
// Every tensor is on the CPU, whatever device it was saved from; tensors that shared a
// storage in the file share it here (views keep their offsets and strides).
struct TorchCheckpoint {
    enum class Format { Zip, Legacy }; // torch >= 1.6 default; _use_new_zipfile_serialization=False
    std::string source; // the file, for messages
    Format format = Format::Zip;
    PickleValue root;
};

// Reads a torch.save file in either format. A checkpoint is untrusted input: the pickle
// may only name the globals a checkpoint needs (collections.OrderedDict, the tensor and
// parameter rebuilders of torch._utils, torch.*Storage, argparse.Namespace, numpy arrays
// and scalars); any other is refused, e.g. "<file>: refused pickle global posix.system
// (a checkpoint may only contain tensors and plain containers)". Nothing is ever run.
// Throws dq::Error naming the file for a truncated or corrupt archive, a missing
// record, a storage shorter than its tensors need, an unsupported storage type, a file
// that is no checkpoint (a TorchScript archive, a .npy file, ...).
TorchCheckpoint readTorchCheckpoint(const std::filesystem::path& path);

// The tensor a value holds, or nullptr.
const at::Tensor* checkpointTensor(const PickleValue& v);
// The items of a dict or collections.OrderedDict, or nullptr.
const PickleDict* checkpointDict(const PickleValue& v);

// The state dict of a checkpoint: with `key` empty, the root when it maps names to
// tensors, else the first of the root's entries 'state_dict', 'model',
// 'model_state_dict' that does; with a key, the root's entry of that name. Throws
// dq::Error naming the file and listing the root's keys when there is none, or naming
// the entry that is not a tensor.
NamedTensors stateDict(const TorchCheckpoint& checkpoint, const std::string& key = "");

} // namespace dq
