#pragma once
#include <QString>
#include <QStringList>
#include <QVariant>

class QSettings;

namespace dqui {

// Every persistent setting of DQ Studio, in one typed table (Settings.cpp): its key in
// QSettings, its default and its type. Nothing else in the UI spells a settings key.
enum class Setting {
    Language, // "" follows the system; "en" or "zh_CN"
    RecentDatasets, // dataset spec strings, newest first
    RecentProjects, // .dqproj paths, newest first
    LastDirectory, // where the last file dialog was
    WindowGeometry,
    WindowState,
    CurrentView, // index of the views tab
    TourSeen, // the "Try it" walkthrough was offered once
    LastParameters // the parameters panel at the last change (JSON, as in a project)
};

class Settings {
public:
    static QVariant value(Setting s);
    static void setValue(Setting s, const QVariant& v);
    static QString string(Setting s) { return value(s).toString(); }
    static QStringList stringList(Setting s) { return value(s).toStringList(); }
    static bool boolean(Setting s) { return value(s).toBool(); }
    static int integer(Setting s) { return value(s).toInt(); }

    // Puts `entry` first in a list setting, without duplicates, at most `limit` long.
    static void pushRecent(Setting s, const QString& entry, int limit = 10);

    // The QSettings key of a setting, for tests and diagnostics.
    static QString key(Setting s);
    // Tests: keep the settings in this INI file instead of the user's (empty: the user's).
    static void useFile(const QString& iniFile);

private:
    static QSettings& store();
};

} // namespace dqui
