#include "datasets/DatasetSpec.h"

#include "common/Error.h"
#include "datasets/internal/Cifar10Dataset.h"
#include "datasets/internal/IdxDataset.h"
#include "datasets/internal/ImageFolderDataset.h"
#include "datasets/NpyFeatureDataset.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace dq {
namespace {

struct SpecForm {
    const char* prefix; // before the ':'
    const char* form; // as shown to the user
    const char* help;
    bool argumentOptional;
    std::function<DatasetBundle(const std::string& argument, const std::string& spec)> open;
};

const std::vector<SpecForm>& specForms()
{
    static const std::vector<SpecForm> forms = {
        {"fashion-mnist", "fashion-mnist[:DIR]", "Fashion-MNIST IDX files (default DIR /usr/share/datasets/fashion-mnist)",
         true, [](const std::string& a, const std::string& s) { return openFashionMnist(a, s); }},
        {"idx", "idx:DIR", "MNIST-style IDX files (train-*/t10k-*, gzip or raw)", false,
         [](const std::string& a, const std::string& s) { return openIdxFolder(a, s); }},
        {"cifar10", "cifar10:DIR", "CIFAR-10, binary (data_batch_N.bin) or Python (cifar-10-batches-py)", false,
         [](const std::string& a, const std::string& s) { return openCifar10(a, s); }},
        {"imagefolder", "imagefolder:DIR",
         "torchvision ImageFolder tree (DIR/train + DIR/val|test, or DIR alone; a DQ Studio export with manifest.csv in manifest order)",
         false, [](const std::string& a, const std::string& s) { return openImageFolder(a, s); }},
        {"npy", "npy:FEATURES.npy[,LABELS.npy]", "precomputed features (N x D) and optional labels (N)", false,
         [](const std::string& a, const std::string& s) { return openNpyFeatures(a, s); }},
    };
    return forms;
}

std::string acceptedForms()
{
    std::string out;
    const auto& forms = specForms();
    for (std::size_t k = 0; k < forms.size(); ++k)
        out += std::string(k == 0 ? "" : k + 1 == forms.size() ? " or " : ", ") + forms[k].form;
    return out;
}

} // namespace

DatasetBundle openDataset(const std::string& spec)
{
    const auto colon = spec.find(':');
    const std::string prefix = spec.substr(0, colon);
    const std::string argument = colon == std::string::npos ? std::string() : spec.substr(colon + 1);
    for (const SpecForm& f : specForms()) {
        if (prefix != f.prefix)
            continue;
        if (argument.empty() && (!f.argumentOptional || colon != std::string::npos))
            throw UsageError(spec, std::string("missing argument after '") + f.prefix + ":' (expected " + f.form + ")");
        return f.open(argument, spec);
    }
    throw UsageError("unknown dataset spec '" + spec + "' (expected " + acceptedForms() + ")");
}

std::string datasetSpecHelp()
{
    std::string out;
    for (const SpecForm& f : specForms()) {
        std::string form = f.form;
        form.resize(std::max<std::size_t>(form.size() + 2, 32), ' ');
        out += "  " + form + f.help + "\n";
    }
    return out;
}

} // namespace dq
