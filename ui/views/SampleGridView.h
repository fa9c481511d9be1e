#pragma once
#include "pipeline/Results.h"

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

class QComboBox;
class QLabel;
class QListView;

namespace dqui {

class ThumbnailCache;
class ThumbnailModel;

// The samples as a virtualised grid of thumbnails (model/view: only visible cells are
// painted and loaded), filtered by bin, class, kept or not, and the scatter selection.
class SampleGridView : public QWidget {
    Q_OBJECT

public:
    // Compared: the samples a compared selection method keeps; ComparedNotKept: those of
    // them the sample (DQ) does not keep.
    enum class Show { All, Kept, NotKept, ScatterSelection, Compared, ComparedNotKept };

    SampleGridView(ThumbnailCache* cache, QWidget* parent = nullptr);

    void setResults(DatasetPtr dataset, FeaturesPtr features, BinsPtr bins, SamplePtr sample);
    void setScatterSelection(const QVector<qint64>& indices);
    // The samples a compared selection method keeps (`name` as shown); empty: none.
    void setComparedKept(const QString& name, const std::vector<std::int64_t>& indices);
    void setShow(Show show);
    void setBinFilter(int bin);
    void setClassFilter(int cls);
    ThumbnailModel* model() const { return model_; }
    QListView* view() const { return view_; }

signals:
    void sampleActivated(qint64 index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void applyFilter();
    void refillCombos();
    void updateComparedItems();

    ThumbnailModel* model_;
    QListView* view_;
    QLabel *binLabel_, *classLabel_, *showLabel_, *count_;
    QComboBox *bin_, *class_, *show_;
    DatasetPtr dataset_;
    BinsPtr bins_;
    SamplePtr sample_;
    QVector<qint64> scatterSelection_;
    QString comparedName_;
    QVector<qint64> compared_;
};

} // namespace dqui
