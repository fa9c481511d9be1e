#include "models/internal/PretrainedWeights.h"

#include "common/Error.h"

#include "io/internal/TorchCheckpoint.h"
#include "models/internal/StateDict.h"

namespace dq {

std::string loadPretrainedWeights(ImageClassifier& net, const std::filesystem::path& file)
{
    // nn.DataParallel checkpoints prefix every key with "module.".
    NamedTensors state = renameKeyPrefix(stateDict(readTorchCheckpoint(file)), "module.", "");
    // The head's state_dict names ("fc." for ResNet, "classifier." for ConvNet).
    std::string headPrefix;
    for (const auto& p : net.named_parameters())
        if (p.value().is_same(net.head()->weight))
            headPrefix = p.key().substr(0, p.key().size() - std::string("weight").size());
    std::string note;
    for (auto& [name, tensor] : state) {
        if (name != headPrefix + "weight" && name != headPrefix + "bias")
            continue;
        const torch::Tensor own = name == headPrefix + "weight" ? net.head()->weight : net.head()->bias;
        if (tensor.dim() >= 1 && own.dim() >= 1 && tensor.size(0) != own.size(0) &&
            tensor.sizes().slice(1) == own.sizes().slice(1)) {
            note = file.string() + ": its head has " + std::to_string(tensor.size(0)) + " classes, the data " +
                   std::to_string(own.size(0)) + ": the head is replaced by a fresh seeded one (as the reference does)";
            tensor = own.detach().clone();
        }
    }
    loadStateDict(net, state, file.string(), true);
    return note;
}

} // namespace dq
