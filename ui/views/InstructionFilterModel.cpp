#include "views/InstructionFilterModel.h"

#include "views/InstructionTableModel.h"

namespace dqui {

InstructionFilterModel::InstructionFilterModel(QObject* parent) : QSortFilterProxyModel(parent) { }

void InstructionFilterModel::setRecordModel(InstructionTableModel* model)
{
    records_ = model;
    setSourceModel(model);
    // A new dataset: no pick of the old one applies.
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        only_.clear();
        restricted_ = false;
    });
}

void InstructionFilterModel::setSearch(const QString& text)
{
    if (text == search_)
        return;
    search_ = text;
    folded_ = text.trimmed().toCaseFolded();
    invalidateRowsFilter();
}

void InstructionFilterModel::setKeptFilter(KeptFilter filter)
{
    if (filter == kept_)
        return;
    kept_ = filter;
    invalidateRowsFilter();
}

void InstructionFilterModel::setRestriction(const QVector<qint64>& records)
{
    only_.clear();
    restricted_ = !records.isEmpty();
    if (restricted_ && records_) {
        only_.assign(static_cast<std::size_t>(records_->rowCount()), 0);
        for (qint64 i : records)
            if (i >= 0 && i < static_cast<qint64>(only_.size()))
                only_[static_cast<std::size_t>(i)] = 1;
    }
    invalidateRowsFilter();
}

qint64 InstructionFilterModel::recordAt(int row) const
{
    const QModelIndex source = mapToSource(index(row, 0));
    return source.isValid() ? source.row() : -1;
}

bool InstructionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    if (!records_)
        return false;
    if (restricted_ && (static_cast<std::size_t>(sourceRow) >= only_.size() || !only_[static_cast<std::size_t>(sourceRow)]))
        return false;
    if (kept_ != KeptFilter::All && records_->hasSample() && records_->isSelected(sourceRow) != (kept_ == KeptFilter::Kept))
        return false;
    return folded_.isEmpty() || records_->contains(sourceRow, folded_);
}

bool InstructionFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const int a = left.row(), b = right.row();
    switch (left.column()) {
    case InstructionTableModel::Bin:
        if (records_->binOf(a) != records_->binOf(b))
            return records_->binOf(a) < records_->binOf(b);
        break;
    case InstructionTableModel::Selected:
        if (records_->isSelected(a) != records_->isSelected(b))
            return records_->isSelected(a) < records_->isSelected(b);
        break;
    default: {
        // UTF-8 bytes sort as code points.
        const int c = records_->field(a, left.column()).compare(records_->field(b, left.column()));
        if (c != 0)
            return c < 0;
    }
    }
    return a < b;
}

} // namespace dqui
