#include "views/InstructionTableModel.h"

#include "common/Palette.h"
#include "pipeline/InstructionRecords.h"

#include <QColor>
#include <QFont>

namespace dqui {
namespace {

constexpr int kShownChars = 240; // of a cell; the view elides further

// The first line of `text`, shortened, with an ellipsis when anything was left out.
QString oneLine(const std::string& text)
{
    std::size_t end = text.find('\n');
    const bool cut = end != std::string::npos || text.size() > kShownChars * 4;
    end = std::min<std::size_t>(end == std::string::npos ? text.size() : end, kShownChars * 4);
    QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(end));
    const bool shortened = s.size() > kShownChars;
    if (shortened)
        s.truncate(kShownChars);
    if (cut || shortened)
        s += QChar(0x2026);
    return s;
}

// Rich text, so that the tooltip wraps long records.
QString tooltip(const std::string& text)
{
    if (text.empty())
        return {};
    QString html = QString::fromStdString(text).toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QStringLiteral("<qt>") + html + QStringLiteral("</qt>");
}

} // namespace

InstructionTableModel::InstructionTableModel(QObject* parent) : QAbstractTableModel(parent) { }

void InstructionTableModel::setRecords(std::shared_ptr<const InstructionRecords> records)
{
    beginResetModel();
    records_ = std::move(records);
    binOf_.clear();
    selected_.clear();
    folded_.clear();
    endResetModel();
}

void InstructionTableModel::setBins(std::vector<int> binOf)
{
    if (binOf.size() != static_cast<std::size_t>(rowCount()))
        binOf.clear();
    if (binOf == binOf_)
        return;
    binOf_ = std::move(binOf);
    if (rowCount() > 0)
        emit dataChanged(index(0, Bin), index(rowCount() - 1, Bin));
}

void InstructionTableModel::setSelected(std::vector<char> selected)
{
    if (selected.size() != static_cast<std::size_t>(rowCount()))
        selected.clear();
    if (selected == selected_)
        return;
    selected_ = std::move(selected);
    if (rowCount() > 0)
        emit dataChanged(index(0, Selected), index(rowCount() - 1, Selected));
}

void InstructionTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, Bin), index(rowCount() - 1, Selected));
}

const std::string& InstructionTableModel::field(int row, int column) const
{
    static const std::string none;
    if (!records_ || row < 0 || row >= rowCount())
        return none;
    const dq::InstructionRecord& r = records_->data().records[static_cast<std::size_t>(row)];
    switch (column) {
    case Instruction:
        return r.instruction;
    case Input:
        return r.input;
    case Output:
        return r.output;
    default:
        return none;
    }
}

int InstructionTableModel::binOf(int row) const
{
    return row >= 0 && static_cast<std::size_t>(row) < binOf_.size() ? binOf_[static_cast<std::size_t>(row)] : -2;
}

bool InstructionTableModel::isSelected(int row) const
{
    return row >= 0 && static_cast<std::size_t>(row) < selected_.size() && selected_[static_cast<std::size_t>(row)];
}

bool InstructionTableModel::contains(int row, const QString& folded) const
{
    if (!records_ || row < 0 || row >= rowCount())
        return false;
    if (folded_.empty()) {
        folded_.reserve(static_cast<std::size_t>(rowCount()));
        for (const dq::InstructionRecord& r : records_->data().records)
            folded_.push_back(QString::fromStdString(r.instruction + '\n' + r.input + '\n' + r.output).toCaseFolded());
    }
    return folded_[static_cast<std::size_t>(row)].contains(folded);
}

int InstructionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !records_ ? 0 : static_cast<int>(records_->size());
}

int InstructionTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant InstructionTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !records_)
        return {};
    const int row = index.row(), column = index.column();
    if (column <= Output) {
        switch (role) {
        case Qt::DisplayRole:
            return oneLine(field(row, column));
        case Qt::ToolTipRole:
            return tooltip(field(row, column));
        case FullTextRole:
            return QString::fromStdString(field(row, column));
        default:
            return {};
        }
    }
    if (column == Bin) {
        const int b = binOf(row);
        switch (role) {
        case Qt::DisplayRole:
            return b >= 0 ? QVariant(b) : b == -1 ? QVariant(QStringLiteral("–")) : QVariant();
        case Qt::DecorationRole:
            return b >= 0 ? QVariant(Palette::category(b)) : QVariant();
        case Qt::ToolTipRole:
            return b >= 0    ? tr("Bin %1: bin 0 holds the records that stand for the whole data best").arg(b)
                   : b == -1 ? tr("In no bin: one of the N mod K records left over, never selected")
                             : QVariant();
        case BinRole:
            return b;
        case Qt::TextAlignmentRole:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (column == Selected) {
        const bool kept = isSelected(row);
        switch (role) {
        case Qt::DisplayRole:
            return kept ? tr("kept") : QVariant();
        case Qt::ForegroundRole:
            return kept ? QVariant(QColor(46, 125, 50)) : QVariant();
        case SelectedRole:
            return kept;
        default:
            return {};
        }
    }
    return {};
}

QVariant InstructionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section) : QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Instruction:
            return tr("Instruction");
        case Input:
            return tr("Input");
        case Output:
            return tr("Output");
        case Bin:
            return tr("Bin");
        case Selected:
            return tr("Selected");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case Instruction:
            return tr("What the record asks for");
        case Input:
            return tr("The context given with the instruction (often empty)");
        case Output:
            return tr("The answer the model learns to give");
        case Bin:
            return tr("The bin of the record (Bins stage); 0 holds the most typical records");
        case Selected:
            return tr("Whether the sample keeps the record (Sample stage)");
        }
    }
    return {};
}

} // namespace dqui
