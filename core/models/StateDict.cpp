#include "models/internal/StateDict.h"

#include "common/Error.h"

#include <torch/nn/module.h>
#include <torch/utils.h>

#include <map>
#include <set>

namespace dq {

namespace {

std::string shapeText(at::IntArrayRef s)
{
    std::string out = "[";
    for (std::size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

std::string countedList(std::size_t n, const char* what, const std::vector<std::string>& keys)
{
    std::string out = std::to_string(n) + " " + what + (n == 1 ? "" : "s") + " (";
    for (std::size_t i = 0; i < keys.size(); ++i)
        out += (i ? ", " : "") + keys[i];
    return out + ")";
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

} // namespace

std::string StateDictReport::summary() const
{
    std::vector<std::string> parts;
    if (!missing.empty())
        parts.push_back(countedList(missing.size(), "missing key", missing));
    if (!unexpected.empty()) {
        std::string u = countedList(unexpected.size(), "unexpected key", unexpected);
        bool allModule = true;
        for (const auto& k : unexpected)
            allModule = allModule && startsWith(k, "module.");
        if (allModule && !missing.empty())
            u += " (the file's keys start with 'module.', as nn.DataParallel saves them: strip that prefix)";
        parts.push_back(u);
    }
    for (const auto& d : mismatchDetails)
        parts.push_back(d);
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? "; " : "") + parts[i];
    return out;
}

NamedTensors renameKeyPrefix(const NamedTensors& state, const std::string& from, const std::string& to)
{
    NamedTensors out;
    out.reserve(state.size());
    for (const auto& [k, t] : state)
        out.emplace_back(startsWith(k, from) ? to + k.substr(from.size()) : k, t);
    return out;
}

StateDictReport loadStateDict(torch::nn::Module& module, const NamedTensors& state, const std::string& source, bool strict)
{
    StateDictOptions options;
    options.strict = strict;
    return loadStateDict(module, state, source, options);
}

StateDictReport loadStateDict(torch::nn::Module& module, const NamedTensors& state, const std::string& source,
                              const StateDictOptions& options)
{
    NamedTensors renamed = state;
    for (const auto& [from, to] : options.renamePrefixes)
        renamed = renameKeyPrefix(renamed, from, to);

    // The model's tensors in its own order; parameters and buffers share one namespace.
    std::vector<std::pair<std::string, at::Tensor>> targets;
    for (const auto& item : module.named_parameters(true))
        if (item.value().defined())
            targets.emplace_back(item.key(), item.value());
    for (const auto& item : module.named_buffers(true))
        if (item.value().defined())
            targets.emplace_back(item.key(), item.value());

    std::map<std::string, const at::Tensor*> file;
    for (const auto& [k, t] : renamed)
        if (!file.emplace(k, &t).second)
            throw Error(source, "key " + k + " appears twice after renaming");

    StateDictReport report;
    std::set<std::string> inModel;
    std::vector<std::pair<at::Tensor, const at::Tensor*>> copies;
    for (const auto& [name, target] : targets) {
        inModel.insert(name);
        const auto it = file.find(name);
        if (it == file.end()) {
            report.missing.push_back(name);
        } else if (it->second->sizes() != target.sizes()) {
            report.mismatched.push_back(name);
            report.mismatchDetails.push_back(name + " has shape " + shapeText(it->second->sizes()) + " in the file but " +
                                             shapeText(target.sizes()) + " in the model");
        } else {
            report.loaded.push_back(name);
            copies.emplace_back(target, it->second);
        }
    }
    for (const auto& [k, t] : renamed)
        if (!inModel.count(k))
            report.unexpected.push_back(k);

    if (options.strict && !report.complete())
        throw Error(source, report.summary());
    torch::NoGradGuard noGrad;
    for (auto& [target, value] : copies)
        target.copy_(*value);
    return report;
}

} // namespace dq
