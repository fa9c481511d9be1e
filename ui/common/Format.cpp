#include "common/Format.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace dqui {

QString Format::bytes(double b)
{
    const char* units[] = {QT_TRANSLATE_NOOP("Format", "B"), QT_TRANSLATE_NOOP("Format", "kB"),
                           QT_TRANSLATE_NOOP("Format", "MB"), QT_TRANSLATE_NOOP("Format", "GB"),
                           QT_TRANSLATE_NOOP("Format", "TB")};
    int u = 0;
    while (std::abs(b) >= 1000.0 && u < 4) {
        b /= 1000.0;
        ++u;
    }
    const QString number = u == 0 ? QLocale().toString(static_cast<qint64>(b)) : QLocale().toString(b, 'f', 1);
    return QCoreApplication::translate("Format", "%1 %2").arg(number, QCoreApplication::translate("Format", units[u]));
}

QString Format::count(qint64 n) { return QLocale().toString(n); }

QString Format::percent(double fraction, int decimals)
{
    return QCoreApplication::translate("Format", "%1%").arg(QLocale().toString(fraction * 100.0, 'f', decimals));
}

QString Format::duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("?");
    const qint64 s = static_cast<qint64>(std::llround(seconds));
    if (s < 60)
        return QCoreApplication::translate("Format", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("Format", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("Format", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString Format::pythonFloat(double value)
{
    QString s = QString::number(value, 'g', QLocale::FloatingPointShortest);
    if (!s.contains(QLatin1Char('.')) && !s.contains(QLatin1Char('e')) && !s.contains(QLatin1Char('n')))
        s += QLatin1String(".0");
    return s;
}

} // namespace dqui
