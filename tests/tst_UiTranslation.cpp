// The Chinese translation: complete in the .ts file, compiled into the application, and
// switched live: every visible text of the window changes, and back.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "StudioApplication.h"
#include "common/Language.h"
#include "common/Settings.h"
#include "panels/ParametersPanel.h"
#include "panels/StagePanel.h"
#include "tour/TourPanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

// Visible texts of a window: labels, buttons, group boxes, tabs, combo items, menus.
QStringList visibleTexts(QWidget* root)
{
    QStringList out;
    for (auto* l : root->findChildren<QLabel*>())
        out << l->text();
    for (auto* b : root->findChildren<QAbstractButton*>())
        out << b->text() << b->toolTip();
    for (auto* g : root->findChildren<QGroupBox*>())
        out << g->title();
    for (auto* t : root->findChildren<QTabWidget*>())
        for (int i = 0; i < t->count(); ++i)
            out << t->tabText(i) << t->tabToolTip(i);
    for (auto* c : root->findChildren<QComboBox*>())
        for (int i = 0; i < c->count(); ++i)
            out << c->itemText(i);
    for (auto* a : root->findChildren<QAction*>())
        out << a->text() << a->toolTip();
    for (auto* w : root->findChildren<QWidget*>())
        out << w->toolTip();
    out.removeAll(QString());
    return out;
}

} // namespace

class UiTranslationTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
    }

    void tsFileIsComplete()
    {
        QFile f(QStringLiteral(DQ_SOURCE_DIR "/translations/dqstudio_zh_CN.ts"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        int messages = 0;
        QStringList missing;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!type.isEmpty() || text.trimmed().isEmpty())
                    missing << source;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 250);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(" | "))));
    }

    void chineseChangesTheVisibleTextAndBack()
    {
        dqui::MainWindow w;
        w.show();
        w.startTour();
        QCOMPARE(w.views()->tabText(1), QStringLiteral("Embedding"));
        const QString englishTour = w.tourPanel()->titleText();
        QVERIFY(dqui::Language::apply(QStringLiteral("zh_CN")));
        QCOMPARE(dqui::Language::current(), QStringLiteral("zh_CN"));
        QTRY_COMPARE(w.views()->tabText(1), QStringLiteral("嵌入图")); // LanguageChange events are posted
        QCOMPARE(w.stagePanel()->runAllButton()->text(), QStringLiteral("全部运行"));
        QVERIFY(w.tourPanel()->titleText() != englishTour);
        QVERIFY(w.windowTitle().contains(QStringLiteral("DQ Studio")));

        // No English left: every text with an English word is a name (models, datasets).
        static const QRegularExpression word(QStringLiteral("[A-Za-z]{4,}"));
        static const QStringList names = {"Studio", "Fashion", "MNIST", "CIFAR", "GraphCut", "ConvNet", "ResNet", "ImageNet",
                                          "TorchScript", "CUDA", "numpy", "load", "select", "indices", "ratio",
                                          "FashionMNIST", "torch", "save", "idx3", "ubyte", "idx1", "train", "images",
                                          "labels", "fashion", "mnist", "cifar10", "imagefolder", "data", "batches", "JSON",
                                          "HTML", "report", "index", "html", "bins", "json", "parameters", "PyTorch",
                                          "Lasso", "torchvision", "ImageFolder", "FEATURES", "LABELS", "Dataset",
                                          "Quantization", "Zhou", "ICCV", "README", "English", "gzip", "Python", "Shift",
                                          "cifar",
                                          // the pixel stage's methods and the official MAE file's name
                                          "GradCAM", "Telea", "Navier", "Stokes", "visualize", "large", "ganloss",
                                          // the standard codecs the Storage view compares with, and its quality measures
                                          "JPEG", "WebP", "PSNR", "SSIM",
                                          // the selection methods' names (Paul et al.)
                                          "GraNd"};
        QStringList english;
        for (const QString& t : visibleTexts(&w)) {
            auto it = word.globalMatch(t);
            while (it.hasNext()) {
                const QString m = it.next().captured();
                if (!names.contains(m)) {
                    english << t;
                    break;
                }
            }
        }
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral("\n"))));

        QVERIFY(dqui::Language::apply(QStringLiteral("en")));
        QTRY_COMPARE(w.views()->tabText(1), QStringLiteral("Embedding"));
        QCOMPARE(w.tourPanel()->titleText(), englishTour);
    }

    void unknownLanguagesKeepEnglish()
    {
        QVERIFY(!dqui::Language::apply(QStringLiteral("xx_YY")));
        QCOMPARE(dqui::Language::current(), QStringLiteral("en"));
    }
};

QTEST_MAIN(UiTranslationTest)
#include "tst_UiTranslation.moc"
