#include "common/Settings.h"

#include <QByteArray>
#include <QMetaType>
#include <QSettings>

#include <memory>

namespace dqui {
namespace {

struct SettingSpec {
    Setting setting;
    const char* key;
    QVariant defaultValue;
    QMetaType::Type type;
};

const SettingSpec& spec(Setting s)
{
    static const SettingSpec table[] = {
        {Setting::Language, "ui/language", QString(), QMetaType::QString},
        {Setting::RecentDatasets, "recent/datasets", QStringList(), QMetaType::QStringList},
        {Setting::RecentProjects, "recent/projects", QStringList(), QMetaType::QStringList},
        {Setting::LastDirectory, "recent/lastDirectory", QString(), QMetaType::QString},
        {Setting::WindowGeometry, "window/geometry", QByteArray(), QMetaType::QByteArray},
        {Setting::WindowState, "window/state", QByteArray(), QMetaType::QByteArray},
        {Setting::CurrentView, "window/currentView", 0, QMetaType::Int},
        {Setting::TourSeen, "ui/tourSeen", false, QMetaType::Bool},
        {Setting::LastParameters, "session/parameters", QString(), QMetaType::QString},
    };
    for (const SettingSpec& e : table)
        if (e.setting == s)
            return e;
    return table[0]; // unreachable: every Setting has a row
}

std::unique_ptr<QSettings>& storage()
{
    static std::unique_ptr<QSettings> s;
    return s;
}

} // namespace

QSettings& Settings::store()
{
    auto& s = storage();
    if (!s)
        s = std::make_unique<QSettings>();
    return *s;
}

void Settings::useFile(const QString& iniFile)
{
    storage() =
        iniFile.isEmpty() ? std::make_unique<QSettings>() : std::make_unique<QSettings>(iniFile, QSettings::IniFormat);
}

QString Settings::key(Setting s) { return QString::fromLatin1(spec(s).key); }

QVariant Settings::value(Setting s)
{
    const SettingSpec& e = spec(s);
    QVariant v = store().value(QString::fromLatin1(e.key), e.defaultValue);
    // A value of the wrong type (edited by hand, an older version) reads as the default.
    if (!v.convert(QMetaType(e.type)))
        return e.defaultValue;
    return v;
}

void Settings::setValue(Setting s, const QVariant& v)
{
    const SettingSpec& e = spec(s);
    QVariant typed = v;
    if (!typed.convert(QMetaType(e.type)))
        typed = e.defaultValue;
    store().setValue(QString::fromLatin1(e.key), typed);
}

void Settings::pushRecent(Setting s, const QString& entry, int limit)
{
    QStringList list = stringList(s);
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > limit)
        list.removeLast();
    setValue(s, list);
}

} // namespace dqui
