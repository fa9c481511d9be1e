// dq info: what a dataset spec opens (splits, classes, counts, shape, fingerprint).
#include "Command.h"
#include "CommandCatalog.h"

#include "common/Progress.h"
#include "datasets/DatasetSpec.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace dqcli {
namespace {

struct InfoOptions {
    std::string spec = "fashion-mnist";
};

nlohmann::json describeSplit(const dq::Dataset& d)
{
    nlohmann::json j;
    j["size"] = d.size();
    j["fingerprint"] = d.fingerprint();
    const dq::ImageShape s = d.imageShape();
    if (d.kind() == dq::SampleKind::Features) {
        j["kind"] = "features";
        j["feature_dim"] = s.channels;
    } else {
        j["kind"] = "images";
        j["image_shape"] = {s.height, s.width, s.channels};
        j["fixed_shape"] = d.fixedShape();
    }
    nlohmann::json counts = nlohmann::json::object();
    const auto c = d.classCounts();
    for (std::size_t k = 0; k < c.size(); ++k)
        counts[d.classNames()[k]] = c[k];
    j["class_counts"] = counts;
    return j;
}

void printText(const dq::DatasetBundle& b)
{
    std::cout << "name:    " << b.name << "\nspec:    " << b.spec << "\n";
    const auto& classes = b.train->classNames();
    std::cout << "classes: " << classes.size() << "\n";
    for (const auto& split : {b.train, b.test}) {
        if (!split)
            continue;
        const dq::ImageShape s = split->imageShape();
        std::cout << split->split() << ": " << split->size() << " samples, ";
        if (split->kind() == dq::SampleKind::Features)
            std::cout << "features of dimension " << s.channels;
        else
            std::cout << "images " << s.height << " x " << s.width << " x " << s.channels
                      << (split->fixedShape() ? "" : " (first image; sizes vary)");
        std::cout << ", fingerprint " << split->fingerprint() << "\n";
        const auto counts = split->classCounts();
        for (std::size_t k = 0; k < counts.size(); ++k)
            std::cout << "  " << k << " " << classes[k] << ": " << counts[k] << "\n";
    }
}

} // namespace

CommandRunner registerInfoCommand(CLI::App& parent)
{
    auto opts = std::make_shared<InfoOptions>();
    CLI::App* cmd = parent.add_subcommand("info", commandDescription("info"));
    cmd->add_option("--dataset,-d", opts->spec, "Dataset spec (see 'dq --help')")->capture_default_str();
    cmd->add_flag("--json", "Print JSON instead of text");
    return [opts](RunContext& ctx) {
        const dq::DatasetBundle b = dq::openDataset(opts->spec);
        if (ctx.json) {
            nlohmann::json j;
            j["name"] = b.name;
            j["spec"] = b.spec;
            j["classes"] = b.train->classNames();
            j["splits"] = nlohmann::json::object();
            for (const auto& split : {b.train, b.test})
                if (split)
                    j["splits"][split->split()] = describeSplit(*split);
            std::cout << j.dump(2) << std::endl;
        } else {
            printText(b);
        }
    };
}

} // namespace dqcli
