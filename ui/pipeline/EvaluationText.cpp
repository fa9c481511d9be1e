#include "pipeline/EvaluationText.h"

#include "common/Format.h"

#include <cctype>
#include <cmath>

namespace dqui {
namespace {

const dq::SubsetResult* find(const dq::EvaluationResult& r, const char* name)
{
    for (const dq::SubsetResult& s : r.subsets)
        if (s.name == name)
            return &s;
    return nullptr;
}

} // namespace

QString EvaluationText::reconstructionCost(const dq::EvaluationResult& r)
{
    const dq::SubsetResult* dq = find(r, "dq");
    const dq::SubsetResult* recon = find(r, "dq-reconstructed");
    if (!dq || !recon)
        return {};
    const int seeds = static_cast<int>(dq->runs.size());
    const double cost = dq->finalAccuracy.mean - recon->finalAccuracy.mean;
    const double spread = std::max(dq->finalAccuracy.std, recon->finalAccuracy.std);
    QString text = tr("Trained on the reconstructed images a fresh network reached %1, on the same images "
                      "unreconstructed %2")
                       .arg(accuracy(recon->finalAccuracy, seeds), accuracy(dq->finalAccuracy, seeds));
    if (seeds < 2)
        return text + tr(" (one seed: no spread to compare with).");
    if (cost > spread)
        return text + tr(": the reconstruction costs %1 points, more than the spread over seeds.")
                          .arg(QString::number(100 * cost, 'f', 1));
    return text + tr(": a difference within the spread over seeds.");
}

bool EvaluationText::isSweep(const std::string& name)
{
    const std::string rest = name.rfind("random-", 0) == 0 ? name.substr(7) : name;
    return rest.size() > 3 && rest.rfind("dq-", 0) == 0 && std::isdigit(static_cast<unsigned char>(rest[3]));
}

QString EvaluationText::subsetName(const std::string& name)
{
    if (name == "dq")
        return tr("DQ");
    if (name == "dq-reconstructed")
        return tr("DQ, reconstructed");
    if (name == "random-dq")
        return tr("Random");
    if (name == "full")
        return tr("Whole training set");
    return QString::fromStdString(name);
}

QString EvaluationText::accuracy(const dq::MeanStd& m, int runs)
{
    if (runs > 1)
        return tr("%1 ± %2").arg(Format::percent(m.mean, 1), Format::percent(m.std, 1));
    return Format::percent(m.mean, 1);
}

QString EvaluationText::summary(const dq::EvaluationResult& r)
{
    const dq::SubsetResult* dq = find(r, "dq");
    if (!dq)
        return {};
    const int seeds = static_cast<int>(dq->runs.size());
    QString text = tr("%1 images chosen by DQ teach a fresh network to %2 test accuracy")
                       .arg(Format::count(dq->images), accuracy(dq->finalAccuracy, seeds));
    if (const dq::SubsetResult* random = find(r, "random-dq")) {
        text += tr("; %1 chosen at random to %2").arg(Format::count(random->images), accuracy(random->finalAccuracy, seeds));
        const double diff = dq->finalAccuracy.mean - random->finalAccuracy.mean;
        const double spread = std::max(dq->finalAccuracy.std, random->finalAccuracy.std);
        if (seeds > 1 && std::abs(diff) <= spread)
            text += tr(" (a difference within the spread over seeds)");
    }
    if (const dq::SubsetResult* recon = find(r, "dq-reconstructed"))
        text +=
            tr("; the same images after patch dropping and reconstruction to %1").arg(accuracy(recon->finalAccuracy, seeds));
    if (const dq::SubsetResult* full = find(r, "full"))
        text += tr("; all %1 images to %2").arg(Format::count(full->images), accuracy(full->finalAccuracy, seeds));
    text += seeds == 1 ? tr(" (final epoch, one seed).") : tr(" (final epoch, mean of %1 seeds).").arg(seeds);
    return text;
}

} // namespace dqui
