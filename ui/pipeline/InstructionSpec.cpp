#include "pipeline/InstructionSpec.h"

#include "common/Error.h"

namespace dqui {
namespace {

const QLatin1String kPrefix("text:");

} // namespace

bool InstructionSpec::matches(const QString& spec) { return spec.trimmed().startsWith(kPrefix); }

InstructionSpec InstructionSpec::parse(const QString& spec)
{
    const QString s = spec.trimmed();
    if (!s.startsWith(kPrefix))
        throw dq::UsageError(s.toStdString(), "not an instruction data spec (expected text:DATA.json[,EMBEDDINGS.npy])");
    InstructionSpec out;
    out.data = s.mid(kPrefix.size()).trimmed();
    // Only a last part ending in .npy is the embeddings: a data path may hold commas.
    const int comma = out.data.lastIndexOf(QLatin1Char(','));
    if (comma >= 0 && out.data.mid(comma + 1).trimmed().endsWith(QLatin1String(".npy"), Qt::CaseInsensitive)) {
        out.embeddings = out.data.mid(comma + 1).trimmed();
        out.data = out.data.left(comma).trimmed();
    }
    if (out.data.isEmpty())
        throw dq::UsageError(s.toStdString(), "names no data file (expected text:DATA.json[,EMBEDDINGS.npy])");
    return out;
}

QString InstructionSpec::toString() const
{
    return kPrefix + data + (embeddings.isEmpty() ? QString() : QLatin1Char(',') + embeddings);
}

} // namespace dqui
