#pragma once
#include "pipeline/Results.h"

#include <QWidget>

class QLabel;
class QListView;

namespace dqui {

class ClassHistogram;
class ThumbnailCache;
class ThumbnailModel;

// The dataset at a glance: its splits and sizes, the images per class (and kept per
// class once sampled) and a grid of its images.
class DatasetView : public QWidget {
    Q_OBJECT

public:
    DatasetView(ThumbnailCache* cache, QWidget* parent = nullptr);
    void setResults(DatasetPtr dataset, SamplePtr sample);
    ClassHistogram* histogram() const { return histogram_; }
    ThumbnailModel* model() const { return model_; }

signals:
    void sampleActivated(qint64 index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    DatasetPtr dataset_;
    SamplePtr sample_;
    QLabel* summary_;
    ClassHistogram* histogram_;
    ThumbnailModel* model_;
    QListView* grid_;
};

} // namespace dqui
