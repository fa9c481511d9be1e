#include "pipeline/BinsManifest.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dqui {

std::vector<dq::BinStats> readBinStats(const std::filesystem::path& binsJson)
{
    const std::string bytes = dq::readFileBytes(binsJson);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(bytes), &err);
    if (!doc.isObject())
        throw dq::Error(binsJson.string(), "not valid JSON: " + err.errorString().toStdString());
    const QJsonValue bins = doc.object().value(QLatin1String("bins"));
    if (!bins.isArray())
        throw dq::Error(binsJson.string(), "\"bins\" is not a list");
    std::vector<dq::BinStats> out;
    for (const QJsonValue& v : bins.toArray()) {
        const QJsonObject b = v.toObject();
        dq::BinStats s;
        s.count = b.value(QLatin1String("count")).toInteger();
        for (const QJsonValue& c : b.value(QLatin1String("class_counts")).toArray())
            s.classCounts.push_back(c.toInteger());
        s.objective = b.value(QLatin1String("objective")).toDouble();
        s.evaluations = b.value(QLatin1String("evaluations")).toInteger();
        s.seconds = b.value(QLatin1String("seconds")).toDouble();
        s.greedy = b.value(QLatin1String("selected_greedily")).toBool(true);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace dqui
