#include "pipeline/Project.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace dqui {
namespace {

QString resolved(const QString& base, const QString& p)
{
    if (p.isEmpty() || QDir::isAbsolutePath(p))
        return p;
    return QDir::cleanPath(QDir(base).absoluteFilePath(p));
}

} // namespace

bool Project::save(const QString& path, QString* error) const
{
    const QJsonObject j{{QStringLiteral("format"), QStringLiteral("dq-project")},
                        {QStringLiteral("format_version"), 1},
                        {QStringLiteral("dataset"), dataset},
                        {QStringLiteral("parameters"), parameters.toJson()},
                        {QStringLiteral("results"), QJsonObject{{QStringLiteral("features"), featuresFolder},
                                                                {QStringLiteral("bins"), binsFolder},
                                                                {QStringLiteral("export"), exportFolder}}}};
    const QByteArray bytes = QJsonDocument(j).toJson(QJsonDocument::Indented);
    try {
        dq::writeFileAtomically(QFileInfo(path).absoluteFilePath().toStdString(),
                                std::string_view(bytes.constData(), bytes.size()));
    } catch (const dq::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

bool Project::load(const QString& path, Project& out, QString* error)
{
    const auto fail = [&](const QString& what) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, what);
        return false;
    };
    std::string bytes;
    try {
        bytes = dq::readFileBytes(path.toStdString());
    } catch (const dq::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(bytes), &err);
    if (!doc.isObject())
        return fail(tr("not a DQ Studio project (not valid JSON: %1)").arg(err.errorString()));
    const QJsonObject j = doc.object();
    if (j.value(QLatin1String("format")).toString() != QLatin1String("dq-project"))
        return fail(tr("not a DQ Studio project (\"format\" is not \"dq-project\")"));
    if (j.value(QLatin1String("format_version")).toInt() != 1)
        return fail(tr("unsupported project format version %1").arg(j.value(QLatin1String("format_version")).toInt()));
    Project p;
    p.dataset = j.value(QLatin1String("dataset")).toString();
    if (p.dataset.isEmpty())
        return fail(tr("\"dataset\" is missing"));
    QString perr;
    if (!StudioParameters::fromJson(j.value(QLatin1String("parameters")).toObject(), p.parameters, &perr))
        return fail(tr("parameters: %1").arg(perr));
    const QString base = QFileInfo(path).absolutePath();
    const QJsonObject r = j.value(QLatin1String("results")).toObject();
    p.featuresFolder = resolved(base, r.value(QLatin1String("features")).toString());
    p.binsFolder = resolved(base, r.value(QLatin1String("bins")).toString());
    p.exportFolder = resolved(base, r.value(QLatin1String("export")).toString());
    out = p;
    return true;
}

} // namespace dqui
