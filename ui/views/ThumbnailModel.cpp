#include "views/ThumbnailModel.h"

#include "views/ThumbnailCache.h"

namespace dqui {

ThumbnailModel::ThumbnailModel(ThumbnailCache* cache, QObject* parent) : QAbstractListModel(parent), cache_(cache)
{
    connect(cache_, &ThumbnailCache::ready, this, &ThumbnailModel::onReady);
}

void ThumbnailModel::setSamples(qint64 rows, std::vector<int> labels, std::vector<int> binOf, std::vector<char> kept,
                                QStringList classNames)
{
    rows_ = rows;
    labels_ = std::move(labels);
    binOf_ = std::move(binOf);
    kept_ = std::move(kept);
    classNames_ = std::move(classNames);
    rebuild();
}

void ThumbnailModel::setFilter(int bin, int cls, KeptFilter kept)
{
    bin_ = bin;
    class_ = cls;
    keptFilter_ = kept;
    rebuild();
}

void ThumbnailModel::setRestriction(const QVector<qint64>& indices, bool only)
{
    restriction_ = indices;
    restricted_ = only;
    rebuild();
}

void ThumbnailModel::rebuild()
{
    beginResetModel();
    shown_.clear();
    rowOf_.assign(static_cast<std::size_t>(std::max<qint64>(rows_, 0)), -1);
    const auto keep = [&](qint64 i) {
        const auto k = static_cast<std::size_t>(i);
        if (bin_ >= 0 && (k >= binOf_.size() || binOf_[k] != bin_))
            return false;
        if (class_ >= 0 && (k >= labels_.size() || labels_[k] != class_))
            return false;
        if (keptFilter_ != KeptFilter::All) {
            const bool kept = k < kept_.size() && kept_[k];
            if (kept != (keptFilter_ == KeptFilter::Kept))
                return false;
        }
        return true;
    };
    if (restricted_) {
        for (qint64 i : restriction_)
            if (i >= 0 && i < rows_ && keep(i))
                shown_.push_back(i);
    } else {
        for (qint64 i = 0; i < rows_; ++i)
            if (keep(i))
                shown_.push_back(i);
    }
    for (int r = 0; r < shown_.size(); ++r)
        rowOf_[static_cast<std::size_t>(shown_[r])] = r;
    endResetModel();
}

int ThumbnailModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : shown_.size(); }

QVariant ThumbnailModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= shown_.size())
        return {};
    const qint64 s = shown_[index.row()];
    const auto k = static_cast<std::size_t>(s);
    switch (role) {
    case Qt::DecorationRole:
        return cache_->thumbnail(s);
    case Qt::ToolTipRole:
        return tooltip(s);
    case Qt::DisplayRole:
    case LabelRole: {
        const int l = k < labels_.size() ? labels_[k] : -1;
        if (role == LabelRole)
            return l;
        return l >= 0 && l < classNames_.size() ? classNames_[l] : QStringLiteral("#%1").arg(s);
    }
    case IndexRole:
        return s;
    case BinRole:
        return k < binOf_.size() ? binOf_[k] : -1;
    case KeptRole:
        return k < kept_.size() && kept_[k];
    default:
        return {};
    }
}

QString ThumbnailModel::tooltip(qint64 s) const
{
    const auto k = static_cast<std::size_t>(s);
    QString t = tr("Image %1").arg(s);
    const int l = k < labels_.size() ? labels_[k] : -1;
    if (l >= 0)
        t += QStringLiteral("\n") + tr("Class: %1").arg(l < classNames_.size() ? classNames_[l] : QString::number(l));
    if (k < binOf_.size() && binOf_[k] >= 0)
        t += QStringLiteral("\n") + tr("Bin: %1").arg(binOf_[k]);
    if (!kept_.empty())
        t += QStringLiteral("\n") + (k < kept_.size() && kept_[k] ? tr("Kept in the sample") : tr("Not kept"));
    return t;
}

void ThumbnailModel::onReady(qint64 sample)
{
    if (sample < 0 || sample >= static_cast<qint64>(rowOf_.size()))
        return;
    const int r = rowOf_[static_cast<std::size_t>(sample)];
    if (r >= 0) {
        const QModelIndex i = index(r);
        emit dataChanged(i, i, {Qt::DecorationRole});
    }
}

} // namespace dqui
