#pragma once
#include "pipeline/Stage.h"

#include <QLabel>
#include <QList>

namespace dqui {

class Pipeline;

// A line above the views that says when the figures of the view on show are being
// computed (a stage they come from is running) or belong to other parameters (a stage
// they come from ran with other ones); hidden while they are current.
class FreshnessBar : public QLabel {
    Q_OBJECT

public:
    enum class State { Current, Computing, Outdated };

    explicit FreshnessBar(QWidget* parent = nullptr);
    // `sources`: the stages whose results the view on show draws.
    void refresh(const Pipeline& pipeline, const QList<Stage>& sources);
    State state() const { return state_; }

private:
    State state_ = State::Current;
};

} // namespace dqui
