#pragma once
#include "pipeline/Results.h"

#include <QStringList>

#include <tuple>
#include <type_traits>

namespace dqui {

// Every stage's latest result, one slot per result type (DatasetState, FeaturesState,
// ...). Stage jobs write their slot in StageJob::apply on the GUI thread; the pipeline
// and the stage table read the slots. A new dataset clears every other slot: their
// results were made from the old one.
class PipelineState {
public:
    template <class R>
    const std::shared_ptr<const R>& get() const
    {
        return std::get<std::shared_ptr<const R>>(results_);
    }
    template <class R>
    void set(std::shared_ptr<const R> result)
    {
        if constexpr (std::is_same_v<R, DatasetState>)
            results_ = {};
        std::get<std::shared_ptr<const R>>(results_) = std::move(result);
    }

    const DatasetPtr& dataset() const { return get<DatasetState>(); }
    QStringList exported; // the files the last export wrote

private:
    std::tuple<DatasetPtr, FeaturesPtr, BinsPtr, SamplePtr, PixelPtr, EvaluationPtr, ComparisonPtr> results_;
};

} // namespace dqui
