#pragma once
#include <QAbstractTableModel>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace dqui {

class InstructionRecords;

// The records of instruction data as table rows: instruction, input and output (one line,
// shortened; the full text in the tooltip), the bin and whether the sample keeps it. Rows
// are produced only when a view asks for them, so 52,002 Alpaca records cost nothing
// until shown. The vertical header is the record index, as in the exported index files.
class InstructionTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Instruction, Input, Output, Bin, Selected, ColumnCount };
    enum Role { FullTextRole = Qt::UserRole + 1, BinRole, SelectedRole };

    explicit InstructionTableModel(QObject* parent = nullptr);

    void setRecords(std::shared_ptr<const InstructionRecords> records);
    // Per record: its bin (-1: left over, in no bin); empty: no bins yet.
    void setBins(std::vector<int> binOf);
    // Per record: 1 when kept; empty: no sample yet.
    void setSelected(std::vector<char> selected);
    void retranslate();

    const InstructionRecords* records() const { return records_.get(); }
    const std::string& field(int row, int column) const;
    int binOf(int row) const; // -2 without bins
    bool isSelected(int row) const;
    bool hasBins() const { return !binOf_.empty(); }
    bool hasSample() const { return !selected_.empty(); }
    // Whether the instruction, input or output of record `row` holds `folded` (a case-folded
    // search text). The folded texts are made on the first search.
    bool contains(int row, const QString& folded) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const InstructionRecords> records_;
    std::vector<int> binOf_;
    std::vector<char> selected_;
    mutable std::vector<QString> folded_;
};

} // namespace dqui
