#pragma once
#include <QString>

class QApplication;

namespace dqui {

// What dq-studio and the GUI tests set up before the first window: names for QSettings,
// the icon, the compiled-in resources and the language from the settings (or
// `language`, when given).
void initStudio(QApplication& app, const QString& language = QString());

// The names and version (with the git commit) alone: for --version, before initStudio.
void setStudioIdentity();

} // namespace dqui
