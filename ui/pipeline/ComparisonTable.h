#pragma once
#include "evaluation/EvaluationParams.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace dqui {

// A comparison's subsets (named <method>-<ratio>) arranged as methods x keep ratios, for
// the Compare view, the report and the tour; and how DQ Studio words it.
class ComparisonTable {
    Q_DECLARE_TR_FUNCTIONS(ComparisonTable)

public:
    explicit ComparisonTable(const dq::EvaluationResult& result);

    const QStringList& methods() const { return methods_; } // in the order run
    const std::vector<double>& ratios() const { return ratios_; } // ascending
    // The subset of a method at a ratio; null when it is missing.
    const dq::SubsetResult* cell(const QString& method, double ratio) const;
    // The method with the highest mean final accuracy at `ratio` (empty: none).
    QString best(double ratio) const;
    // "12.5%" for a keep ratio.
    static QString ratioText(double ratio);
    // In plain words: where DQ stands at every ratio, against the best method and random.
    QString summary() const;

private:
    struct Entry {
        QString method;
        double ratio = 0;
        const dq::SubsetResult* subset = nullptr;
    };
    QStringList methods_;
    std::vector<double> ratios_;
    std::vector<Entry> entries_;
};

} // namespace dqui
