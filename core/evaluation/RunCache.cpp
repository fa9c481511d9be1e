#include "evaluation/internal/RunCache.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Fingerprint.h"
#include "evaluation/internal/EvaluationJson.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace dq {

fs::path RunCache::fileOf(const std::string& keyText) const
{
    Fingerprint fp;
    fp.add(keyText);
    return folder_ / (fp.hex() + ".json");
}

std::optional<SeedRun> RunCache::find(const std::string& keyText) const
{
    const fs::path file = fileOf(keyText);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return std::nullopt;
    try {
        const nlohmann::json j = nlohmann::json::parse(readFileBytes(file));
        if (j.at("key").get<std::string>() != keyText) // a hash collision, or an edited file
            return std::nullopt;
        SeedRun run = seedRunFrom(j.at("run"));
        run.fromCache = true;
        return run;
    } catch (const std::exception&) { // truncated or edited: trained again, then replaced
        return std::nullopt;
    }
}

bool RunCache::store(const std::string& keyText, const SeedRun& run) const
{
    try {
        std::error_code ec;
        fs::create_directories(folder_, ec);
        SeedRun stored = run;
        stored.fromCache = false;
        const nlohmann::json j = {{"key", keyText}, {"run", seedRunJson(stored)}};
        writeFileAtomically(fileOf(keyText), j.dump(1));
        return true;
    } catch (const Error&) {
        return false;
    }
}

} // namespace dq
