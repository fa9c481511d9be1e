#include "StudioApplication.h"

#include "BuildInfo.h"

#include "common/Language.h"
#include "common/Settings.h"
#include "common/WheelGuard.h"

#include <QApplication>
#include <QIcon>

// Resources of a static library are registered by name, outside any namespace.
static void initDqStudioResources() { Q_INIT_RESOURCE(dqstudio); }

namespace dqui {

void setStudioIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("dq-studio"));
    QCoreApplication::setApplicationName(QStringLiteral("DQ Studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DQ_VERSION " (git " DQ_GIT_COMMIT ")"));
    QGuiApplication::setDesktopFileName(QStringLiteral(DQ_APP_ID)); // the .desktop file's name
}

void initStudio(QApplication& app, const QString& language)
{
    initDqStudioResources();
    setStudioIdentity();
    app.setWindowIcon(QIcon(QStringLiteral(":/icons/dq-studio.svg")));
    WheelGuard::install(app);
    Language::apply(language.isEmpty() ? Settings::string(Setting::Language) : language);
}

} // namespace dqui
