#include "common/Language.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace dqui {
namespace {

struct Installed {
    std::unique_ptr<QTranslator> app, qt;
    QString code = QStringLiteral("en");
};

Installed& installed()
{
    static Installed i;
    return i;
}

QString systemCode()
{
    const QString name = QLocale::system().name(); // e.g. "zh_CN", "de_DE"
    for (const auto& e : Language::available())
        if (e.code == name || (name.startsWith(QLatin1String("zh")) && e.code == QLatin1String("zh_CN")))
            return e.code;
    return QStringLiteral("en");
}

} // namespace

QList<Language::Entry> Language::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("中文 (简体)"), QStringLiteral("Chinese, simplified")}};
}

bool Language::hasFont(const QString& code)
{
    if (!code.startsWith(QLatin1String("zh")))
        return true;
    return !QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty();
}

QString Language::menuText(const Entry& e)
{
    return hasFont(e.code) ? e.native : QStringLiteral("%1 · %2").arg(e.native, e.english);
}

QString Language::current() { return installed().code; }

bool Language::apply(const QString& requested)
{
    const QString code = requested.isEmpty() || requested == QLatin1String("system") ? systemCode() : requested;
    Installed& i = installed();
    if (i.app)
        QCoreApplication::removeTranslator(i.app.get());
    if (i.qt)
        QCoreApplication::removeTranslator(i.qt.get());
    i.app.reset();
    i.qt.reset();
    i.code = QStringLiteral("en");
    if (code == QLatin1String("en"))
        return true;

    auto app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral(":/i18n/dqstudio_%1.qm").arg(code)))
        return false;
    // Qt's own strings (standard buttons, file dialogs), when the system has them.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt.get());
    else
        qt.reset();
    QCoreApplication::installTranslator(app.get());
    i.app = std::move(app);
    i.qt = std::move(qt);
    i.code = code;
    return true;
}

} // namespace dqui
