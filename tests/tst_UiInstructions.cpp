// Instruction data in DQ Studio, as a user works with it: open an Alpaca-style JSON file
// from the spec field, Run all (TF-IDF embeddings, GraphCut bins with the dot kernel, the
// reference's per-bin sample), search the records, pick points in the scatter, select
// rows, export the subset. The exported subset is the one `dq text` (core's
// runTextPipeline) selects from the same file. 300 generated records keep it short.
#include "TestSupport.h"

#include "InstructionTabs.h"
#include "MainWindow.h"
#include "StudioApplication.h"
#include "UiTestSupport.h"
#include "common/Progress.h"
#include "common/Settings.h"
#include "dialogs/ExportDialog.h"
#include "io/Npy.h"
#include "panels/DatasetPanel.h"
#include "panels/MessageBar.h"
#include "panels/ParametersPanel.h"
#include "panels/StagePanel.h"
#include "pipeline/InstructionRecords.h"
#include "pipeline/Pipeline.h"
#include "pipeline/Project.h"
#include "text/InstructionReader.h"
#include "text/TextPipeline.h"
#include "views/CompositionView.h"
#include "views/DatasetView.h"
#include "views/ComparisonView.h"
#include "views/EvaluationView.h"
#include "views/InstructionFilterModel.h"
#include "views/InstructionTableModel.h"
#include "views/InstructionsView.h"
#include "views/PointCloudPlot.h"
#include "views/SampleGridView.h"
#include "views/ScatterView.h"
#include "views/StorageView.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <memory>
#include <random>
#include <set>

namespace fs = std::filesystem;
using dqui::InstructionTableModel;

namespace {

struct Record {
    std::string instruction, input, output;
};

// Six topics with their own words, so that TF-IDF finds structure; "volcano" appears in
// exactly seven records, in every field and in mixed case.
std::vector<Record> makeRecords(int n)
{
    static const char* words[6][8] = {{"bread", "flour", "oven", "yeast", "dough", "bake", "crust", "knead"},
                                      {"planet", "orbit", "star", "galaxy", "telescope", "comet", "moon", "gravity"},
                                      {"python", "function", "variable", "loop", "compiler", "debug", "syntax", "array"},
                                      {"guitar", "melody", "chord", "rhythm", "tempo", "piano", "harmony", "song"},
                                      {"soccer", "goal", "team", "league", "coach", "match", "player", "score"},
                                      {"garden", "tomato", "soil", "seed", "water", "compost", "harvest", "weed"}};
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> pick(0, 7);
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) {
        const auto w = [&] { return std::string(words[i % 6][pick(rng)]); };
        Record r;
        r.instruction = "Explain the " + w() + " and the " + w() + " number " + std::to_string(i) + ".";
        if (i % 3 != 0)
            r.input = "Consider the " + w() + " with a " + w() + ".";
        r.output = "The " + w() + " relates to the " + w() + ", the " + w() + " and the " + w() + ".";
        out.push_back(r);
    }
    if (n >= 300) {
        out[3].instruction += " Mention a volcano.";
        out[50].input += " Near a Volcano.";
        out[101].output += " A VOLCANO erupts.";
        out[150].instruction += " Or a VoLcAnO.";
        out[222].output += " The volcano sleeps.";
        out[260].input += " Under the VOLCANO.";
        out[299].output += " Volcano ash.";
    }
    return out;
}

// alpaca_data.json's layout: a list, four-space indents, fields in Alpaca's order.
std::string alpacaJson(const std::vector<Record>& records)
{
    std::string s = "[\n";
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        s += "    {\n        \"instruction\": \"" + r.instruction + "\",\n        \"input\": \"" + r.input +
             "\",\n        \"output\": \"" + r.output + "\"\n    }" + (i + 1 < records.size() ? ",\n" : "\n");
    }
    return s + "]\n";
}

std::string jsonLines(const std::vector<Record>& records)
{
    std::string s;
    for (const Record& r : records)
        s += "{\"instruction\": \"" + r.instruction + "\", \"input\": \"" + r.input + "\", \"output\": \"" + r.output +
             "\"}\n";
    return s;
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class UiInstructionsTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::unique_ptr<dqui::MainWindow> w_;
    std::vector<Record> records_;
    QString data_;

    dqui::InstructionsView* view() const { return w_->instructionTabs()->view(); }
    dqui::InstructionFilterModel* filter() const { return view()->filter(); }
    dqui::PointCloudPlot* plot() const { return view()->scatter()->plot(); }
    QPoint pixel(double x, double y) const
    {
        return QPointF(plot()->xAxis->coordToPixel(x), plot()->yAxis->coordToPixel(y)).toPoint();
    }
    std::set<qint64> shownRecords() const
    {
        std::set<qint64> out;
        for (int r = 0; r < filter()->rowCount(); ++r)
            out.insert(filter()->recordAt(r));
        return out;
    }
    QString openSpec(const QString& spec)
    {
        auto* edit = w_->datasetPanel()->findChild<QLineEdit*>(QStringLiteral("datasetSpec"));
        edit->setText(spec);
        return dqtest::runAndWait(w_->pipeline(), [&] { QTest::keyClick(edit, Qt::Key_Return); });
    }
    void setParameters(int bins, double ratio)
    {
        w_->parametersPanel()->binsBox()->setValue(bins);
        w_->parametersPanel()->ratioBox()->setValue(ratio);
    }
    QString exportInto(const QString& folder)
    {
        dqui::ExportDialog* dialog = w_->openExportDialog();
        if (!dialog)
            return QStringLiteral("no export dialog");
        dialog->findChild<QLineEdit*>(QStringLiteral("exportFolder"))->setText(folder);
        return dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(dialog->exportButton(), Qt::LeftButton); });
    }
    void screenshot(const char* name) { QVERIFY(dqtest::saveScreenshot(w_.get(), name)); }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        records_ = makeRecords(300);
        data_ = tmp_.filePath(QStringLiteral("alpaca300.json"));
        dqtest::writeBytes(data_.toStdString(), alpacaJson(records_));
        w_ = dqtest::makeTestWindow(tmp_, 1360, 860);
        QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
    }

    void cleanupTestCase() { w_.reset(); }

    void theInstructionsViewIsNoTabWithoutInstructionData()
    {
        QCOMPARE(w_->instructionTabs()->tabIndex(), -1);
        QVERIFY(!w_->instructionTabs()->view()->isVisible());
        QVERIFY(w_->datasetPanel()->instructionsButton()->isEnabled());
    }

    void opensInstructionDataFromTheSpecField()
    {
        const QString err = openSpec(QStringLiteral("text:") + data_);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const auto d = w_->pipeline()->dataset();
        QVERIFY(d && d->instructions);
        QCOMPARE(d->size(), std::int64_t(300));
        QCOMPARE(d->instructions->data().records[50].input, records_[50].input);
        QVERIFY(!d->images);

        QTabWidget* tabs = w_->views();
        const int tab = w_->instructionTabs()->tabIndex();
        QCOMPARE(tab, tabs->count() - 1); // the last tab
        QCOMPARE(tabs->tabText(tab), QStringLiteral("Instructions"));
        QCOMPARE(tabs->currentIndex(), tab);
        const QList<QWidget*> imageOnly{w_->datasetView(), w_->sampleGrid(),     w_->storageView(),
                                        w_->scatterView(), w_->evaluationView(), w_->comparisonView()};
        for (QWidget* v : imageOnly) {
            const int i = tabs->indexOf(v);
            QVERIFY(!tabs->isTabEnabled(i));
            QVERIFY2(tabs->tabToolTip(i).contains(QStringLiteral("Instructions view")), qPrintable(tabs->tabToolTip(i)));
        }
        QVERIFY(tabs->isTabEnabled(tabs->indexOf(w_->compositionView())));
        // A view asked for that does not apply: the Instructions view instead.
        w_->showView(dqui::MainWindow::View::Samples);
        QCOMPARE(tabs->currentIndex(), tab);

        QCOMPARE(view()->model()->rowCount(), 300);
        QCOMPARE(filter()->rowCount(), 300);
        QVERIFY(!view()->model()->index(0, InstructionTableModel::Bin).data().isValid()); // no bins yet
        QCOMPARE(view()
                     ->model()
                     ->index(7, InstructionTableModel::Instruction)
                     .data(InstructionTableModel::FullTextRole)
                     .toString(),
                 QString::fromStdString(records_[7].instruction));
        QVERIFY(view()->summaryText().contains(QStringLiteral("300 records")));
        QVERIFY(view()->countText().startsWith(QStringLiteral("300 of 300")));
    }

    void runAllBinsAndSamplesTheRecords()
    {
        setParameters(10, 0.1);
        QSignalSpy started(w_->pipeline(), &dqui::Pipeline::stageStarted);
        const QString err =
            dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(w_->stagePanel()->runAllButton(), Qt::LeftButton); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 3); // Features (embeddings), Bins, Sample

        const auto f = w_->pipeline()->features();
        const auto b = w_->pipeline()->bins();
        const auto s = w_->pipeline()->sample();
        QVERIFY(f && b && s);
        QCOMPARE(f->rows, std::int64_t(300));
        QCOMPARE(f->dim, std::int64_t(512));
        QCOMPARE(f->mode, QStringLiteral("tfidf"));
        QCOMPARE(b->bins.size(), std::size_t(10));
        for (const auto& bin : b->bins)
            QCOMPARE(bin.size(), std::size_t(30)); // N // K, one pool: no classes
        QCOMPARE(s->result.indices.size(), std::size_t(30)); // int(int(300 * 0.1) / 10) = 3 per bin
        QVERIFY(std::is_sorted(s->result.indices.begin(), s->result.indices.end()));

        // The table: every record in a bin, the kept ones marked.
        const InstructionTableModel* m = view()->model();
        int kept = 0;
        std::vector<int> perBin(10, 0);
        for (int r = 0; r < 300; ++r) {
            const int bin = m->index(r, InstructionTableModel::Bin).data(InstructionTableModel::BinRole).toInt();
            QVERIFY(bin >= 0 && bin < 10);
            QCOMPARE(bin, b->binOf[static_cast<std::size_t>(r)]);
            QCOMPARE(m->index(r, InstructionTableModel::Bin).data().toInt(), bin);
            ++perBin[static_cast<std::size_t>(bin)];
            kept += m->index(r, InstructionTableModel::Selected).data().toString() == QStringLiteral("kept");
        }
        QCOMPARE(perBin, std::vector<int>(10, 30));
        QCOMPARE(kept, 30);
        // The scatter: one point per record, coloured by bin, the kept ones emphasised.
        const dqui::PointCloud& cloud = view()->scatter()->cloud();
        QCOMPARE(cloud.size(), std::int64_t(300));
        QCOMPARE(cloud.colorIndex, b->binOf);
        QCOMPARE(cloud.kept, s->selected);
        // The bin sizes, counted in records.
        QCOMPARE(w_->compositionView()->plottedBinTotals(), std::vector<double>(10, 30.0));
        QCOMPARE(w_->compositionView()->plot()->yAxis->label(), QStringLiteral("records"));
        QVERIFY(view()->summaryText().contains(QStringLiteral("Kept 30 of 300 records")));
        screenshot("textui.png");
    }

    void searchFiltersTheRowsIgnoringCase()
    {
        QLineEdit* search = view()->searchField();
        QTest::keyClicks(search, QStringLiteral("volcano"));
        QTRY_COMPARE(filter()->rowCount(), 7);
        QCOMPARE(shownRecords(), (std::set<qint64>{3, 50, 101, 150, 222, 260, 299}));
        search->setText(QStringLiteral("VOLCANO ERUPTS"));
        QTRY_COMPARE(filter()->rowCount(), 1);
        QCOMPARE(filter()->recordAt(0), qint64(101));
        search->setText(QStringLiteral("no such words anywhere"));
        QTRY_COMPARE(filter()->rowCount(), 0);
        search->clear();
        QTRY_COMPARE(filter()->rowCount(), 300);

        view()->keptFilter()->setCurrentIndex(1); // kept records
        QCOMPARE(filter()->rowCount(), 30);
        for (qint64 r : shownRecords())
            QVERIFY(w_->pipeline()->sample()->selected[static_cast<std::size_t>(r)]);
        view()->keptFilter()->setCurrentIndex(0);
        QCOMPARE(filter()->rowCount(), 300);
    }

    void pickingPointsFiltersTheTableAndRowsLightUpPoints()
    {
        view()->scatter()->plot()->fitToPoints();
        plot()->replot();
        const QCPRange xr = plot()->xAxis->range(), yr = plot()->yAxis->range();
        const double midX = xr.center();
        plot()->setTool(dqui::PointCloudPlot::Tool::Rectangle);
        // A rectangle over the left half of the picture.
        QTest::mousePress(plot(), Qt::LeftButton, {}, pixel(xr.lower, yr.upper));
        QTest::mouseMove(plot(), pixel(midX, yr.center()));
        QTest::mouseRelease(plot(), Qt::LeftButton, {}, pixel(midX, yr.lower));
        const QVector<qint64> picked = view()->scatter()->selection();
        QVERIFY(!picked.isEmpty());
        QVERIFY(picked.size() < 300);
        const dqui::PointCloud& cloud = view()->scatter()->cloud();
        const double pixelWide = xr.size() / plot()->axisRect()->width();
        for (qint64 i : picked)
            QVERIFY(cloud.x[static_cast<std::size_t>(i)] <= midX + 2 * pixelWide);
        QCOMPARE(filter()->rowCount(), picked.size());
        QCOMPARE(shownRecords(), std::set<qint64>(picked.begin(), picked.end()));
        QVERIFY(view()->countText().contains(QStringLiteral("picked in the scatter")));

        // Rows selected in the table light up their points.
        QTableView* table = view()->table();
        table->selectionModel()->select(QItemSelection(filter()->index(0, 0), filter()->index(2, 0)),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        std::set<qint64> rows;
        for (int r = 0; r < 3; ++r)
            rows.insert(filter()->recordAt(r));
        std::set<qint64> lit;
        for (std::size_t i = 0; i < cloud.highlighted.size(); ++i)
            if (cloud.highlighted[i])
                lit.insert(static_cast<qint64>(i));
        QCOMPARE(lit, rows);
        screenshot("textui-pick.png");

        // Clearing the scatter's selection shows every record again.
        QToolButton* clear = nullptr;
        for (QToolButton* b : view()->scatter()->findChildren<QToolButton*>())
            if (b->text() == QStringLiteral("Clear selection"))
                clear = b;
        QVERIFY(clear);
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(filter()->rowCount(), 300);
        QVERIFY(view()->scatter()->selection().isEmpty());
        QVERIFY(!table->selectionModel()->hasSelection());
    }

    void clickingAPointShowsItsRecord()
    {
        view()->searchField()->setText(QStringLiteral("volcano"));
        QTRY_COMPARE(filter()->rowCount(), 7);
        view()->showRecord(42); // not among the search's rows: the search is cleared
        QCOMPARE(filter()->rowCount(), 300);
        const QModelIndexList rows = view()->table()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(filter()->mapToSource(rows.first()).row(), 42);
        view()->table()->clearSelection();
    }

    // The subset's manifest records the parameters: a sample drawn with others is refused.
    void exportRefusesAStaleSample()
    {
        const double ratio = w_->parametersPanel()->ratioBox()->value();
        w_->parametersPanel()->ratioBox()->setValue(0.2);
        const QString err = exportInto(tmp_.filePath(QStringLiteral("stale")));
        QVERIFY2(err.contains(QStringLiteral("changed since the Sample stage")), qPrintable(err));
        QVERIFY(!QDir(tmp_.filePath(QStringLiteral("stale"))).exists());
        w_->parametersPanel()->ratioBox()->setValue(ratio);
        QVERIFY(w_->pipeline()->isUpToDate(dqui::Stage::Sample));
    }

    void exportWritesTheSubsetThatDqTextSelects()
    {
        const QString folder = tmp_.filePath(QStringLiteral("export"));
        const QString err = exportInto(folder);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QString subset = QDir(folder).filePath(QStringLiteral("alpaca300_dq_0.1.json"));
        const QString indicesFile = QDir(folder).filePath(QStringLiteral("alpaca300_dq_0.1.indices.npy"));
        const QString meta = subset + QStringLiteral(".meta.json");
        QCOMPARE(w_->pipeline()->lastExport(), (QStringList{subset, indicesFile, meta}));
        QTRY_VERIFY(w_->findChild<dqui::ExportDialog*>()->resultText().contains(subset));

        const dq::NpyArray a = dq::readNpy(indicesFile.toStdString());
        QCOMPARE(a.dtype, dq::DType::Int64);
        const std::vector<std::int64_t> indices = a.toVector<std::int64_t>();
        QCOMPARE(indices, w_->pipeline()->sample()->result.indices);

        QJsonParseError perr;
        const QByteArray bytes = fileBytes(subset);
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
        QVERIFY2(doc.isArray(), qPrintable(perr.errorString()));
        QCOMPARE(doc.array().size(), 30);
        for (int k = 0; k < 30; ++k) {
            const Record& r = records_[static_cast<std::size_t>(indices[static_cast<std::size_t>(k)])];
            const QJsonObject o = doc.array().at(k).toObject();
            QCOMPARE(o.value(QStringLiteral("instruction")).toString().toStdString(), r.instruction);
            QCOMPARE(o.value(QStringLiteral("input")).toString().toStdString(), r.input);
            QCOMPARE(o.value(QStringLiteral("output")).toString().toStdString(), r.output);
        }
        // The input's own layout and field order.
        QVERIFY(bytes.startsWith("[\n    {\n        \"instruction\": "));
        QVERIFY(bytes.indexOf("\"instruction\"") < bytes.indexOf("\"input\""));
        QVERIFY(bytes.indexOf("\"input\"") < bytes.indexOf("\"output\""));

        const QJsonObject m = QJsonDocument::fromJson(fileBytes(meta)).object();
        QCOMPARE(m.value(QStringLiteral("format")).toString(), QStringLiteral("dq-text-subset"));
        QCOMPARE(m.value(QStringLiteral("method")).toString(), QStringLiteral("dq"));
        QCOMPARE(m.value(QStringLiteral("counts")).toObject().value(QStringLiteral("selected")).toInt(), 30);
        QCOMPARE(m.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("kernel")).toString(),
                 QStringLiteral("dot"));
        QCOMPARE(m.value(QStringLiteral("embeddings")).toObject().value(QStringLiteral("method")).toString(),
                 QStringLiteral("tfidf"));

        // dq text on the same file selects the same records into the same bins.
        dq::TextPipelineParams p;
        p.data = data_.toStdString();
        p.embedding.kind = dq::TextEmbeddingKind::Tfidf;
        p.useCache = false;
        p.ratio = 0.1;
        p.bins = 10;
        const dq::TextRun run = dq::runTextPipeline(p, dq::Progress::none(), dq::CancelToken());
        QCOMPARE(run.selection.indices, indices);
        QCOMPARE(run.selection.binOf, w_->pipeline()->bins()->binOf);
    }

    void projectsKeepTheInstructionSpec()
    {
        const QString file = tmp_.filePath(QStringLiteral("text.dqproj"));
        QString error;
        QVERIFY2(w_->saveProject(file, &error), qPrintable(error));
        dqui::Project p;
        QVERIFY2(dqui::Project::load(file, p, &error), qPrintable(error));
        QCOMPARE(p.dataset, QStringLiteral("text:") + QFileInfo(data_).absoluteFilePath());
        QCOMPARE(p.dataset, w_->pipeline()->dataset()->spec);
        QCOMPARE(p.parameters.bins, 10);
    }

    void jsonLinesWithAnEmbeddingsFile()
    {
        const std::vector<Record> records = makeRecords(60);
        const QString data = tmp_.filePath(QStringLiteral("small.jsonl"));
        const QString emb = tmp_.filePath(QStringLiteral("small.npy"));
        dqtest::writeBytes(data.toStdString(), jsonLines(records));
        std::vector<float> e(60 * 8);
        std::mt19937 rng(5);
        std::normal_distribution<float> g;
        for (int i = 0; i < 60; ++i) {
            double norm = 0;
            for (int k = 0; k < 8; ++k)
                norm += double(e[i * 8 + k] = g(rng) + (k == i % 4 ? 3.0f : 0.0f)) * e[i * 8 + k];
            for (int k = 0; k < 8; ++k)
                e[i * 8 + k] = float(e[i * 8 + k] / std::sqrt(norm));
        }
        dq::writeNpy(emb.toStdString(), dq::NpyArray::fromVector(e, {60, 8}));

        QString err = openSpec(QStringLiteral("text:%1,%2").arg(data, emb));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(view()->model()->rowCount(), 60);
        setParameters(3, 0.5);
        err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(w_->pipeline()->features()->mode, QStringLiteral("file"));
        QCOMPARE(w_->pipeline()->features()->dim, std::int64_t(8));
        QCOMPARE(view()->scatter()->cloud().size(), std::int64_t(60));

        const QString folder = tmp_.filePath(QStringLiteral("export-jsonl"));
        err = exportInto(folder);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QList<QByteArray> lines = fileBytes(QDir(folder).filePath(QStringLiteral("small_dq_0.5.jsonl"))).split('\n');
        QCOMPARE(lines.size(), 31); // 30 records, each with its line ending
        QVERIFY(lines.last().isEmpty());
        for (int k = 0; k < 30; ++k)
            QVERIFY(QJsonDocument::fromJson(lines[k]).isObject());

        dq::TextPipelineParams p;
        p.data = data.toStdString();
        p.embedding = dq::TextEmbeddingSpec::fromOptions(emb.toStdString(), "");
        p.useCache = false;
        p.ratio = 0.5;
        p.bins = 3;
        const dq::TextRun run = dq::runTextPipeline(p, dq::Progress::none(), dq::CancelToken());
        QCOMPARE(dq::readNpy(QDir(folder).filePath(QStringLiteral("small_dq_0.5.indices.npy")).toStdString())
                     .toVector<std::int64_t>(),
                 run.selection.indices);
    }

    void badDataFailsNamingTheFile()
    {
        const QString bad = QString::fromStdString((dqtest::fixturesDir() / "text" / "malformed.json").string());
        const QString err = openSpec(QStringLiteral("text:") + bad);
        QVERIFY(err.startsWith(QStringLiteral("failed: ")));
        QVERIFY2(err.contains(QStringLiteral("malformed.json")), qPrintable(err));
        QCOMPARE(w_->messageBar()->kind(), dqui::MessageBar::Kind::Error);
        QCOMPARE(w_->pipeline()->dataset()->size(), std::int64_t(60)); // the open data stays

        const QString missing =
            openSpec(QStringLiteral("text:") + data_ + QStringLiteral(",") + tmp_.filePath(QStringLiteral("none.npy")));
        QVERIFY2(missing.contains(QStringLiteral("none.npy")), qPrintable(missing));
    }

    // Duplicate records are kept with a warning: it reaches the message bar as a note with
    // its code, which is what a front end matches (never the English text).
    void recordWarningsReachTheUserWithTheirCode()
    {
        QSignalSpy notes(w_->pipeline(), &dqui::Pipeline::note);
        const QString dup = QString::fromStdString((dqtest::fixturesDir() / "text" / "duplicates.jsonl").string());
        const QString err = openSpec(QStringLiteral("text:") + dup);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes[0][1].toString(), QStringLiteral("text.records-warnings"));
        QVERIFY2(notes[0][0].toString().contains(QStringLiteral("duplicate of an earlier record")),
                 qPrintable(notes[0][0].toString()));
        QCOMPARE(w_->messageBar()->kind(), dqui::MessageBar::Kind::Info);
        QVERIFY2(w_->messageBar()->text().contains(QStringLiteral("duplicate")), qPrintable(w_->messageBar()->text()));
    }

    void imageDataBringsTheImageViewsBack()
    {
        std::vector<float> f(40 * 4);
        for (std::size_t i = 0; i < f.size(); ++i)
            f[i] = float(i % 7);
        const QString npy = tmp_.filePath(QStringLiteral("features.npy"));
        dq::writeNpy(npy.toStdString(), dq::NpyArray::fromVector(f, {40, 4}));
        const QString err = openSpec(QStringLiteral("npy:") + npy);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QTabWidget* tabs = w_->views();
        QCOMPARE(w_->instructionTabs()->tabIndex(), -1);
        QCOMPARE(tabs->count(), 8); // Dataset, Embedding, Bins, Samples, Pixels, Storage, Evaluate, Compare
        for (int i = 0; i < 8; ++i)
            QVERIFY(tabs->isTabEnabled(i));
        QCOMPARE(tabs->tabToolTip(0), QStringLiteral("The dataset: sizes, images per class, the images"));
        QCOMPARE(w_->compositionView()->plot()->yAxis->label(), QStringLiteral("images"));
        QCOMPARE(view()->model()->rowCount(), 0);
    }

    // Alpaca's size: the table, search and sort stay quick (figures printed, not asserted:
    // speed goals belong to benchmarks).
    void fiftyTwoThousandRecords()
    {
        std::string bytes = jsonLines(makeRecords(52002));
        auto data = dq::parseInstructionDataset(std::move(bytes), "alpaca-size.jsonl");
        auto d = std::make_shared<dqui::DatasetState>();
        d->instructions = std::make_shared<dqui::InstructionRecords>(std::move(data), fs::path(), 0.0);
        d->bundle.train = d->instructions;
        dqui::InstructionsView v;
        v.resize(1200, 700);
        v.show();
        QElapsedTimer t;
        t.start();
        v.setResults(d, nullptr, nullptr, nullptr);
        QCoreApplication::processEvents();
        const qint64 shown = t.restart();
        QCOMPARE(v.filter()->rowCount(), 52002);
        v.filter()->setSearch(QStringLiteral("volcano"));
        const qint64 firstSearch = t.restart();
        QCOMPARE(v.filter()->rowCount(), 7);
        v.filter()->setSearch(QStringLiteral("VOLCANO ERUPTS"));
        const qint64 search = t.restart();
        QCOMPARE(v.filter()->rowCount(), 1);
        v.filter()->setSearch(QString());
        t.restart();
        v.table()->sortByColumn(InstructionTableModel::Output, Qt::AscendingOrder);
        QCoreApplication::processEvents();
        const qint64 sort = t.restart();
        const auto* m = v.model();
        QVERIFY(m->field(int(v.filter()->recordAt(0)), InstructionTableModel::Output) <=
                m->field(int(v.filter()->recordAt(1)), InstructionTableModel::Output));
        QVector<qint64> half;
        for (qint64 i = 0; i < 52002; i += 2)
            half.push_back(i);
        t.restart();
        v.filter()->setRestriction(half);
        const qint64 restrict = t.restart();
        QCOMPARE(v.filter()->rowCount(), 26001);
        qInfo("52,002 records: shown in %lld ms, first search %lld ms, next search %lld ms, sort %lld ms, "
              "scatter pick of 26,001 %lld ms",
              shown, firstSearch, search, sort, restrict);
    }
};

QTEST_MAIN(UiInstructionsTest)
#include "tst_UiInstructions.moc"
