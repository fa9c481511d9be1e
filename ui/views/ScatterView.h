#pragma once
#include "pipeline/Results.h"
#include "views/PointCloud.h"

#include <QStringList>
#include <QWidget>

class QActionGroup;
class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace dqui {

class PointCloudPlot;

// The embedding scatter: a PCA picture of the features (computed in core), points
// coloured by bin (or class before there are bins), the kept samples emphasised, a
// class filter, rectangle and lasso selection, a click opens the sample.
class ScatterView : public QWidget {
    Q_OBJECT

public:
    explicit ScatterView(QWidget* parent = nullptr);

    void setResults(FeaturesPtr features, BinsPtr bins, SamplePtr sample, const QStringList& classNames);
    void setSelection(const QVector<qint64>& indices);
    const QVector<qint64>& selection() const { return selection_; }
    PointCloudPlot* plot() const { return plot_; }
    const PointCloud& cloud() const { return cloud_; }
    void setClassVisible(int cls, bool visible);
    // Outline the samples a compared selection method keeps (`name` as shown, e.g. "k-center
    // greedy at 12.5%"); empty indices: none.
    void setComparedKept(const QString& name, const std::vector<std::int64_t>& indices);
    QString comparedName() const { return comparedName_; }

signals:
    void selectionChanged(const QVector<qint64>& indices);
    void sampleActivated(qint64 index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void recolor();
    void rebuildClassMenu();
    void updateInfo();
    void onRegion(const QVector<qint64>& indices, bool additive);

    FeaturesPtr features_;
    BinsPtr bins_;
    SamplePtr sample_;
    QStringList classNames_;
    PointCloud cloud_;
    QVector<qint64> selection_;
    QString comparedName_;
    std::vector<std::int64_t> comparedIndices_;

    QStackedWidget* stack_;
    QLabel* empty_;
    PointCloudPlot* plot_;
    QActionGroup* tools_;
    QAction *pan_, *rect_, *lasso_, *clear_, *fit_;
    QToolButton *panButton_, *rectButton_, *lassoButton_, *clearButton_, *fitButton_;
    QPushButton* classButton_;
    QMenu* classMenu_;
    QList<QAction*> classActions_;
    QLabel* colorLabel_;
    QComboBox* colorBy_;
    QLabel* info_;
};

} // namespace dqui
