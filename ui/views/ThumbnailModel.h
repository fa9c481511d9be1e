#pragma once
#include <QAbstractListModel>
#include <QStringList>
#include <QVector>

#include <vector>

namespace dqui {

class ThumbnailCache;

// The samples shown in a thumbnail grid, filtered by bin, class, kept or not, and the
// scatter's selection. Thumbnails come from a ThumbnailCache as they are decoded, so
// only the rows a view shows are ever loaded.
class ThumbnailModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { IndexRole = Qt::UserRole + 1, LabelRole, BinRole, KeptRole };
    enum class KeptFilter { All, Kept, NotKept };

    explicit ThumbnailModel(ThumbnailCache* cache, QObject* parent = nullptr);

    // rows: how many samples there are (the first `rows` of the dataset); the per-row
    // vectors may be empty (no labels, no bins, no sample yet).
    void setSamples(qint64 rows, std::vector<int> labels, std::vector<int> binOf, std::vector<char> kept,
                    QStringList classNames);
    void setFilter(int bin, int cls, KeptFilter kept);
    // Only these samples (empty with `only` false: no restriction).
    void setRestriction(const QVector<qint64>& indices, bool only);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    qint64 sampleAt(int row) const { return shown_.value(row, -1); }
    qint64 totalSamples() const { return rows_; }

private:
    void rebuild();
    void onReady(qint64 sample);
    QString tooltip(qint64 sample) const;

    ThumbnailCache* cache_;
    qint64 rows_ = 0;
    std::vector<int> labels_, binOf_;
    std::vector<char> kept_;
    QStringList classNames_;
    int bin_ = -1, class_ = -1;
    KeptFilter keptFilter_ = KeptFilter::All;
    QVector<qint64> restriction_;
    bool restricted_ = false;
    QVector<qint64> shown_;
    std::vector<int> rowOf_; // sample -> row, -1 when hidden
};

} // namespace dqui
