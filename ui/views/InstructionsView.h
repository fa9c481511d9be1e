#pragma once
#include "pipeline/Results.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace dqui {

class InstructionFilterModel;
class InstructionTableModel;
class ScatterView;

// The Instructions view of instruction data: the records in a table that a search field
// filters, beside the embedding scatter (a PCA of the embeddings, coloured by bin, the
// kept records emphasised). A rectangle or lasso in the scatter shows only those records
// in the table; records selected in the table light up in the scatter.
class InstructionsView : public QWidget {
    Q_OBJECT

public:
    explicit InstructionsView(QWidget* parent = nullptr);

    void setResults(DatasetPtr dataset, FeaturesPtr features, BinsPtr bins, SamplePtr sample);

    QLineEdit* searchField() const { return search_; }
    QComboBox* keptFilter() const { return show_; }
    QTableView* table() const { return table_; }
    ScatterView* scatter() const { return scatter_; }
    InstructionTableModel* model() const { return model_; }
    InstructionFilterModel* filter() const { return filter_; }
    QString summaryText() const;
    QString countText() const;
    // Selects the record's row (clearing the filters that hide it) and scrolls to it.
    void showRecord(qint64 record);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void retranslate();
    void updateSummary();
    void updateCount();
    void onScatterSelection(const QVector<qint64>& records);
    void onRowsSelected();

    DatasetPtr dataset_;
    FeaturesPtr features_;
    BinsPtr bins_;
    SamplePtr sample_;
    InstructionTableModel* model_;
    InstructionFilterModel* filter_;
    QLabel *summary_, *searchLabel_, *showLabel_, *count_, *emptyScatter_;
    QLineEdit* search_;
    QComboBox* show_;
    QTimer* searchTimer_;
    QTableView* table_;
    ScatterView* scatter_;
    QStackedWidget* scatterStack_;
    QSplitter* splitter_;
    QVector<qint64> picked_; // the scatter's rectangle or lasso
    bool syncing_ = false;
    bool splitterSized_ = false;
};

} // namespace dqui
