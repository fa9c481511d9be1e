// dq-studio: DQ Studio's desktop application.
//   dq-studio [PROJECT.dqproj | --dataset SPEC] [--language en|zh_CN] [--screenshot-tour DIR]
#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "StudioApplication.h"
#include "common/Settings.h"
#include "common/ThreadWaitPolicy.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char** argv)
{
    dq::useShortThreadSpin(argv); // before anything else: the process may be started again
    QApplication app(argc, argv);
    dqui::setStudioIdentity(); // before --version is answered
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("DQ Studio: interactive dataset compression by Dataset Quantization"));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption dataset(QStringLiteral("dataset"),
                                     QStringLiteral("Open this dataset spec (fashion-mnist, idx:DIR, cifar10:DIR, "
                                                    "imagefolder:DIR, npy:F.npy[,L.npy], text:DATA.json[,EMBEDDINGS.npy])."),
                                     QStringLiteral("SPEC"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral(
                                          "Interface language: en or zh_CN (default: the setting, else the system's)."),
                                      QStringLiteral("CODE"));
    const QCommandLineOption tour(QStringLiteral("screenshot-tour"),
                                  QStringLiteral(
                                      "Walk through the views on Fashion-MNIST, save a PNG of each into DIR, quit."),
                                  QStringLiteral("DIR"));
    cli.addOptions({dataset, language, tour});
    cli.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .dqproj project to open."),
                              QStringLiteral("[PROJECT.dqproj]"));
    cli.process(app);
    if (cli.positionalArguments().size() > 1 || (cli.isSet(dataset) && !cli.positionalArguments().isEmpty())) {
        std::fprintf(stderr, "dq-studio: give one project or --dataset, not both\n");
        return 2;
    }

    dqui::initStudio(app, cli.value(language));
    dqui::MainWindow window;
    if (cli.isSet(tour)) {
        auto* t = new dqui::ScreenshotTour(&window, cli.value(tour), &window);
        QObject::connect(t, &dqui::ScreenshotTour::done, &app, [](int code) { QCoreApplication::exit(code); });
        t->start();
        return app.exec();
    }
    window.show();
    if (!dqui::Settings::boolean(dqui::Setting::TourSeen))
        window.startTour(); // the first start offers the guided walkthrough
    if (!cli.positionalArguments().isEmpty()) {
        QString error;
        if (!window.openProject(cli.positionalArguments().first(), &error)) {
            std::fprintf(stderr, "dq-studio: %s\n", qPrintable(error));
            return 2;
        }
    } else if (cli.isSet(dataset)) {
        window.openDataset(cli.value(dataset));
    } else {
        window.restoreLastSession(); // the last dataset and parameters, if any
    }
    return app.exec();
}
