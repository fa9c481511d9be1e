#pragma once
#include "pipeline/Results.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QTableWidget;

namespace dqui {

class CompareChoices;

// DQ against the field: the methods and keep ratios to compare (CompareChoices), the
// final test accuracy against keep ratio with one line per method (the mean over the
// seeds, their spread as a band), a table of methods x ratios (mean ± std, the best of
// each ratio in bold), a sentence saying where DQ stands, and "Show kept by", which
// outlines one method's kept samples in the embedding scatter and the sample grid.
class ComparisonView : public QWidget {
    Q_OBJECT

public:
    explicit ComparisonView(QWidget* parent = nullptr);

    // A finished comparison (null: none). `current`: made with the present parameters.
    void setComparison(ComparisonPtr comparison, bool current);
    // The stage runs now (progress shows in the status bar).
    void setRunning(bool running, bool pipelineBusy);
    // Not for this data (empty: it applies).
    void setUnavailable(const QString& reason);
    // What the chosen methods miss from the Features stage (empty: nothing).
    void setMissingInputs(const QString& text);

    CompareChoices* choices() const { return choices_; }
    QCustomPlot* plot() const { return plot_; }
    QTableWidget* table() const { return table_; }
    QComboBox* keptByBox() const { return keptBy_; }
    QComboBox* keptRatioBox() const { return keptRatio_; }
    QString statusText() const;
    QString headlineText() const;
    // The samples "Show kept by" outlines (empty: none) and its name in words.
    const std::vector<std::int64_t>& keptIndices() const { return keptIndices_; }
    QString keptName() const;

signals:
    // "Show kept by" changed: outline these samples (empty: none) elsewhere.
    void keptChosen(const QString& name, const std::vector<std::int64_t>& indices);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void drawPlot();
    void fillTable();
    void refillKeptBy();
    void updateKept();

    ComparisonPtr comparison_;
    bool current_ = false, running_ = false;
    QString unavailable_, missing_;
    std::vector<std::int64_t> keptIndices_;
    CompareChoices* choices_;
    QLabel *status_, *headline_, *keptLabel_, *atLabel_;
    QCustomPlot* plot_;
    QTableWidget* table_;
    QComboBox *keptBy_, *keptRatio_;
};

} // namespace dqui
