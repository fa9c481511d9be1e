// dq info: what a dataset spec opens (splits, classes, counts, shape, fingerprint).
#include "Command.h"

#include "common/Progress.h"
#include "datasets/DatasetSpec.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace dqcli {
namespace {

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

void printText(std::ostream& out, const dq::DatasetBundle& b)
{
    out << "name:    " << b.name << "\nspec:    " << b.spec << "\n";
    const auto& classes = b.train->classNames();
    out << "classes: " << classes.size() << "\n";
    for (const auto& split : {b.train, b.test}) {
        if (!split)
            continue;
        const dq::ImageShape s = split->imageShape();
        out << split->split() << ": " << split->size() << " samples, ";
        if (split->kind() == dq::SampleKind::Features)
            out << "features of dimension " << s.channels;
        else
            out << "images " << s.height << " x " << s.width << " x " << s.channels
                << (split->fixedShape() ? "" : " (first image; sizes vary)");
        out << ", fingerprint " << split->fingerprint() << "\n";
        const auto counts = split->classCounts();
        for (std::size_t k = 0; k < counts.size(); ++k)
            out << "  " << k << " " << classes[k] << ": " << counts[k] << "\n";
    }
}

class InfoCommand : public Command {
public:
    const char* name() const override { return "info"; }

    void declare(CLI::App& cmd) override
    {
        cmd.add_option("--dataset,-d", spec_, "Dataset spec (see 'dq --help')")->capture_default_str();
        cmd.add_flag("--json", "Print JSON instead of text");
    }

    void run(RunContext& ctx) override
    {
        const dq::DatasetBundle b = dq::openDataset(spec_);
        if (!ctx.json) {
            printText(ctx.out, b);
            return;
        }
        nlohmann::json j;
        j["name"] = b.name;
        j["spec"] = b.spec;
        j["classes"] = b.train->classNames();
        j["splits"] = nlohmann::json::object();
        for (const auto& split : {b.train, b.test})
            if (split)
                j["splits"][split->split()] = describeSplit(*split);
        ctx.out << j.dump(2) << std::endl;
    }

private:
    std::string spec_ = "fashion-mnist";
};

} // namespace

std::unique_ptr<Command> makeInfoCommand() { return std::make_unique<InfoCommand>(); }

} // namespace dqcli
