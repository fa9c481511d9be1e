#pragma once
#include "pipeline/PipelineState.h"
#include "pipeline/Stage.h"
#include "pipeline/StudioParameters.h"

#include <QList>

#include <filesystem>
#include <functional>
#include <memory>

namespace dqui {

class StageJob;

// What a stage's job factory is given: the results so far, the panel's parameters and
// the key that its result will carry.
struct StageContext {
    const PipelineState& state;
    const StudioParameters& params;
    QString key;
    std::filesystem::path cacheDir;
    std::function<void(const dq::EpochUpdate&)> onEpoch; // any thread: Evaluate's live curves
};

// One stage for one kind of data: everything the pipeline needs to know about it. An
// entry that only says why the stage does not apply (`unavailable`) has no key, inputs,
// result or job.
struct StageEntry {
    Stage stage = Stage::Features;
    // Empty when the stage applies to the open data, else why not (the stage list's
    // tooltip); null: it always applies.
    QString (*unavailable)(const DatasetState* dataset) = nullptr;
    // The key its result must carry to be up to date: what the result depends on.
    QString (*key)(const StudioParameters& params, const QString& datasetKey) = nullptr;
    // The stages whose results its job reads: they run before it, and its result is up
    // to date only while theirs are.
    QList<Stage> (*inputs)(const StudioParameters& params, const DatasetState& dataset) = nullptr;
    // The key of its result in the state, or null while there is none.
    const QString* (*resultKey)(const PipelineState& state) = nullptr;
    std::shared_ptr<StageJob> (*makeJob)(const StageContext& context) = nullptr;
    QList<View> views; // the views that draw its result: their freshness bar follows it
};

// The key of the result of type R in the state, for StageEntry::resultKey.
template <class R>
const QString* resultKeyOf(const PipelineState& state)
{
    const auto& r = state.get<R>();
    return r ? &r->key : nullptr;
}

// The stages of the open data, in run order, chosen when a dataset opens: images, precomputed
// features (npy:, no pixels to drop or classifier to train) or instruction data (TextStages).
class StageSet {
public:
    StageSet() = default; // no dataset open: no stages
    static StageSet forData(const DatasetState& dataset);

    const QList<StageEntry>& entries() const { return entries_; }
    const StageEntry* find(Stage stage) const; // null when the set has no such stage

    // The stage does not apply to this kind of data: `why` says so.
    static StageEntry notApplicable(Stage stage, QString (*why)(const DatasetState*));

private:
    explicit StageSet(QList<StageEntry> entries) : entries_(std::move(entries)) { }

    QList<StageEntry> entries_;
};

} // namespace dqui
