#include "evaluation/internal/EvaluationJson.h"

namespace dq {

nlohmann::json seedRunJson(const SeedRun& run)
{
    nlohmann::json epochs = nlohmann::json::array();
    for (const EpochRecord& e : run.epochs)
        epochs.push_back(
            {{"epoch", e.epoch}, {"train_loss", e.trainLoss}, {"test_loss", e.testLoss}, {"test_acc", e.testAccuracy}});
    return {{"seed", run.seed},
            {"epochs", epochs},
            {"steps", run.steps},
            {"seconds", run.seconds},
            {"from_cache", run.fromCache},
            {"final_acc", run.finalAccuracy()},
            {"best_acc", run.bestAccuracy()}};
}

SeedRun seedRunFrom(const nlohmann::json& j)
{
    SeedRun run;
    run.seed = j.at("seed").get<std::uint64_t>();
    run.steps = j.at("steps").get<std::int64_t>();
    run.seconds = j.at("seconds").get<double>();
    run.fromCache = j.value("from_cache", false);
    for (const nlohmann::json& e : j.at("epochs"))
        run.epochs.push_back({e.at("epoch").get<int>(), e.at("train_loss").get<double>(), e.at("test_loss").get<double>(),
                              e.at("test_acc").get<double>()});
    return run;
}

} // namespace dq
