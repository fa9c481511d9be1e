#pragma once
// Core-private (LibTorch): MAE checkpoints, the official ones (a torch.save of
// {'model': state_dict}, e.g. mae_visualize_vit_large_ganloss.pth) and DQ Studio's own,
// {'model': state_dict, 'dq_config': {...}}, which Python's torch.load reads too.
#include "io/internal/TorchCheckpoint.h"
#include "pixel/internal/MaeModel.h"

#include <filesystem>
#include <string>
#include <vector>

namespace dq {

// What DQ Studio's checkpoints record beside the architecture (dq_config['training']).
struct MaeTrainingRecord {
    std::string cacheKeyText; // the canonical text of everything the weights depend on
    std::vector<double> epochLoss; // mean loss per epoch
    double seconds = 0, imagesPerSecond = 0;
    std::string device;
};

// The configuration a state dict implies: widths, depths and patch size from the tensor
// shapes (patch_embed.proj.weight, pos_embed, blocks.N, decoder_embed.weight,
// decoder_blocks.N, blocks.0.mlp.fc1.weight); heads, name and normalisation from
// `dqConfig` (may be null) when given, else heads of the official widths (12 for 768,
// 16 for 1024 and 1280; 16 for the 512-wide decoder). Throws dq::Error naming `source`
// and the key when a tensor the inference needs is absent or mis-shaped, or when the
// heads cannot be told.
MaeConfig inferMaeConfig(const NamedTensors& state, const PickleValue* dqConfig, const std::string& source);

// Reads a checkpoint and builds the model it holds, loading every tensor strictly: a
// missing, unexpected or mis-shaped key is a dq::Error that names each one.
MaeModel loadMae(const std::filesystem::path& file);
// The same with the configuration known in advance (heads that cannot be inferred).
MaeModel loadMae(const std::filesystem::path& file, const MaeConfig& expected);
// The configuration a checkpoint holds, without building the model.
MaeConfig readMaeConfig(const std::filesystem::path& file);
// The training record of one of our checkpoints (empty for the official ones).
MaeTrainingRecord readMaeTrainingRecord(const std::filesystem::path& file);

// Writes {'model': state_dict, 'dq_config': {...}} atomically, in torch.save's zip
// format (CPU tensors).
void saveMae(const MaeModel& model, const std::filesystem::path& file, const MaeTrainingRecord& record = {});

} // namespace dq
