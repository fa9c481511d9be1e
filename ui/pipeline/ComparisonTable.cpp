#include "pipeline/ComparisonTable.h"

#include "common/Format.h"
#include "pipeline/ComparisonMethods.h"
#include "pipeline/EvaluationText.h"

#include <algorithm>
#include <cmath>

namespace dqui {
namespace {

bool sameRatio(double a, double b) { return std::abs(a - b) < 1e-12; }

} // namespace

ComparisonTable::ComparisonTable(const dq::EvaluationResult& result)
{
    for (const dq::SubsetResult& s : result.subsets) {
        const QString m = ComparisonMethods::methodOf(s.name);
        if (m.isEmpty())
            continue;
        const double r = ComparisonMethods::ratioOf(s.name);
        entries_.push_back({m, r, &s});
        if (!methods_.contains(m))
            methods_ << m;
        if (std::none_of(ratios_.begin(), ratios_.end(), [&](double x) { return sameRatio(x, r); }))
            ratios_.push_back(r);
    }
    std::sort(ratios_.begin(), ratios_.end());
}

const dq::SubsetResult* ComparisonTable::cell(const QString& method, double ratio) const
{
    for (const Entry& e : entries_)
        if (e.method == method && sameRatio(e.ratio, ratio))
            return e.subset;
    return nullptr;
}

QString ComparisonTable::best(double ratio) const
{
    QString out;
    double top = -1;
    for (const QString& m : methods_)
        if (const dq::SubsetResult* s = cell(m, ratio); s && s->finalAccuracy.mean > top) {
            top = s->finalAccuracy.mean;
            out = m;
        }
    return out;
}

QString ComparisonTable::ratioText(double ratio) { return QString::number(100.0 * ratio, 'g', 4) + QStringLiteral("%"); }

QString ComparisonTable::summary() const
{
    QStringList parts;
    for (const double r : ratios_) {
        const dq::SubsetResult* dq = cell(QStringLiteral("dq"), r);
        const QString top = best(r);
        const dq::SubsetResult* bestSubset = cell(top, r);
        if (!bestSubset)
            continue;
        const int runs = static_cast<int>(bestSubset->runs.size());
        if (!dq) {
            parts << tr("at %1 %2 trains best (%3)")
                         .arg(ratioText(r), ComparisonMethods::displayName(top),
                              EvaluationText::accuracy(bestSubset->finalAccuracy, runs));
            continue;
        }
        int rank = 1;
        for (const QString& m : methods_)
            if (const dq::SubsetResult* s = cell(m, r); s && s->finalAccuracy.mean > dq->finalAccuracy.mean)
                ++rank;
        if (top == QLatin1String("dq"))
            parts << tr("at %1 DQ trains best (%2)").arg(ratioText(r), EvaluationText::accuracy(dq->finalAccuracy, runs));
        else
            parts << tr("at %1 DQ ranks %2 of %3 (%4; best %5, %6)")
                         .arg(ratioText(r))
                         .arg(rank)
                         .arg(methods_.size())
                         .arg(EvaluationText::accuracy(dq->finalAccuracy, runs), ComparisonMethods::displayName(top),
                              EvaluationText::accuracy(bestSubset->finalAccuracy, runs));
    }
    if (parts.isEmpty())
        return {};
    QString text = parts.join(QStringLiteral("; "));
    text[0] = text[0].toUpper();
    return text + tr(". Final-epoch test accuracy, mean ± standard deviation over seeds.");
}

} // namespace dqui
