#pragma once
#include "io/Npy.h"

#include <filesystem>
#include <string>
#include <vector>

namespace dq {

class Progress;
class CancelToken;

// A sentence encoder the user provides as a TorchScript file. The contract:
//   forward(self, texts: List[str]) -> Tensor      # shape (len(texts), D), floating point
// e.g. torch.jit.script(MyEncoder()).save("encoder.pt"), where the module tokenises in
// TorchScript itself. Each text is the record's text as the reference embedded it
// (InstructionDataset::text: instruction, input when not empty, output, joined by spaces).
// Texts go in batches of `batchSize`; the rows come back as float32, checked for shape
// and finiteness. Runs on the CPU with gradients off.
struct TorchScriptEncoderParams {
    std::filesystem::path model;
    int batchSize = 64;
};

// Declared for the engine's text pipeline, defined in libdqtorch; the light `dq` defines it
// by handing the command over to dq-torch (app/cli), as for datasets/ImageFileDecoder.h.
NpyArray encodeWithTorchScript(const TorchScriptEncoderParams& params, const std::vector<std::string>& texts,
                               Progress& progress, const CancelToken& cancel);

} // namespace dq
