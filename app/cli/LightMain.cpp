// dq, the light front: the command line with libdqengine alone (no LibTorch, no OpenCV),
// so that dq --version, dq info, dq bins --features, dq sample and dq text --embed tfidf
// start in milliseconds. It parses every command (CommandCatalog); what needs LibTorch,
// image decoding or a launch across processes it hands over to dq-torch (TorchHandOver.h).
#include "CliMain.h"
#include "TorchHandOver.h"

#include "common/Threads.h"
#include "distributed/ProcessGroupSession.h"

#include <CLI/CLI.hpp>

#include <string>

namespace {

std::string optionValue(const CLI::App& command, const std::string& name)
{
    const CLI::Option* o = command.get_option_no_throw(name);
    return o && o->count() > 0 ? o->results().back() : std::string();
}

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool launchedAcrossProcesses(const dq::DistributedOptions& dist)
{
    try {
        const auto launch = dq::readLaunchEnvironment(dist.overrides);
        return launch && launch->size > 1;
    } catch (const std::exception&) {
        return true; // dq-torch reads it again and says what is wrong
    }
}

bool runsHere(const CLI::App& command, const dq::DistributedOptions& dist)
{
    if (launchedAcrossProcesses(dist))
        return false;
    const std::string name = command.get_name();
    if (name == "info") // an ImageFolder's image shape needs image decoding
        return !startsWith(optionValue(command, "--dataset"), "imagefolder:");
    if (name == "bins") // features of --dataset: pixels of decoded images, or a network
        return optionValue(command, "--dataset").empty();
    if (name == "text")
        return !startsWith(optionValue(command, "--embed"), "torchscript:");
    return name == "sample";
}

} // namespace

int main(int argc, char** argv)
{
    const dqcli::CliBinary binary{
        dqcli::lightCommands, runsHere, dqcli::handOverToTorch, dq::setWorkerThreads, nullptr, nullptr, nullptr};
    return dqcli::runProcessCli(argc, argv, binary);
}
