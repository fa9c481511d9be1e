#pragma once
#include <QSortFilterProxyModel>
#include <QVector>

#include <vector>

namespace dqui {

class InstructionTableModel;

// The records the Instructions table shows: those whose instruction, input or output holds
// the search text (case-insensitive), kept or not by the sample, and only those picked in
// the scatter when there is such a pick. Sorting compares the records' own texts and
// numbers, not display strings, so that 52,002 rows sort at once.
class InstructionFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    enum class KeptFilter { All, Kept, NotKept };

    explicit InstructionFilterModel(QObject* parent = nullptr);
    void setRecordModel(InstructionTableModel* model);

    void setSearch(const QString& text);
    QString search() const { return search_; }
    void setKeptFilter(KeptFilter filter);
    // Only these records; empty: no restriction.
    void setRestriction(const QVector<qint64>& records);
    bool isRestricted() const { return restricted_; }
    // The source row (record index) of a row of this model.
    qint64 recordAt(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    InstructionTableModel* records_ = nullptr;
    QString search_, folded_;
    KeptFilter kept_ = KeptFilter::All;
    std::vector<char> only_;
    bool restricted_ = false;
};

} // namespace dqui
