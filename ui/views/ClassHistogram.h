#pragma once
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPBarsGroup;

namespace dqui {

// Images per class as a bar chart; with a sample, the kept images per class beside them.
class ClassHistogram : public QWidget {
    Q_OBJECT

public:
    explicit ClassHistogram(QWidget* parent = nullptr);
    void setCounts(const QStringList& classNames, const std::vector<std::int64_t>& counts,
                   const std::vector<std::int64_t>& kept = {});
    QCustomPlot* plot() const { return plot_; }
    // Plotted values (tests).
    std::vector<double> plottedCounts() const;
    std::vector<double> plottedKept() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    QStringList names_;
    std::vector<std::int64_t> counts_, kept_;
    QCustomPlot* plot_;
    QCPBars* all_ = nullptr;
    QCPBars* kept_bars_ = nullptr;
    QCPBarsGroup* group_ = nullptr;
};

} // namespace dqui
