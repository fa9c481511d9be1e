#pragma once
#include <QString>

#include <functional>

namespace dqui {

// One step of the "Try it" walkthrough: a title and a few plain sentences, and what
// "Show me" does (run a stage, switch to the view that shows it). The patch-dropping
// and reconstruction steps are two more of these once the pixel stage exists.
struct TourStep {
    QString title;
    QString text; // rich text
    QString actionLabel; // e.g. "Make the bins"
    std::function<void()> action; // may start a stage; the tour waits for nothing
    // When set, the text is computed each time the step is shown (from results measured
    // since), instead of `text`.
    std::function<QString()> textNow = {};
};

} // namespace dqui
