#pragma once
// Core-private: finished evaluation runs kept on disk by everything they depend on, so that
// re-running an evaluation (the command line or DQ Studio) only trains what is new.
#include "evaluation/EvaluationParams.h"

#include <filesystem>
#include <optional>
#include <string>

namespace dq {

class RunCache {
public:
    // folder: <cache dir>/evaluation. Nothing is created until a run is stored.
    explicit RunCache(std::filesystem::path folder) : folder_(std::move(folder)) { }

    // keyText: the canonical text of everything the run depends on.
    std::optional<SeedRun> find(const std::string& keyText) const;
    // Written atomically; a failure to write is not an error of the evaluation (returns false).
    bool store(const std::string& keyText, const SeedRun& run) const;

private:
    std::filesystem::path fileOf(const std::string& keyText) const;
    std::filesystem::path folder_;
};

} // namespace dq
