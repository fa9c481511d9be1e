// The stage cache shared by dq and DQ Studio: DQ Studio's Bins job and dq bins run the
// same core stage (dq::runBins), its Features job and dq features dq::runFeatures, so on
// the same data and parameters whichever runs second reads the first one's entry. Real
// Fashion-MNIST (the first 1,000 images: pixels for the bins, an untrained ConvNet's
// gradient features), run through Studio's own jobs and the built dq executable, in both
// orders; a damaged entry is computed again with a coded note.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "bins/BinsFolder.h"
#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "common/Language.h"
#include "pipeline/BinsJob.h"
#include "pipeline/JobRunner.h"
#include "pipeline/NoteText.h"
#include "pipeline/SampleJob.h"
#include "pipeline/FeaturesJob.h"
#include "pipeline/OpenDatasetJob.h"
#include "pipeline/TextBinsJob.h"
#include "pipeline/TextEmbeddingsJob.h"
#include "pipeline/TextOpenJob.h"
#include "stages/BinsStage.h"
#include "common/JobContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace fs = std::filesystem;

class UiStageCacheTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    dqui::DatasetPtr dataset_;
    dqui::FeaturesPtr features_;
    dqui::StudioParameters params_;
    QString spec_;

    fs::path dir(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }

    // DQ Studio's Bins stage with `cache` as its cache folder.
    std::shared_ptr<dqui::BinsState> studioBins(const fs::path& cache, std::vector<dq::Note>* notes = nullptr)
    {
        dqui::BinsJob job(dataset_, features_, params_, params_.binsKey(dataset_->key), cache);
        dq::CancelToken cancel;
        job.run(dq::Progress::none(), cancel);
        if (notes)
            *notes = job.takeNotes();
        return job.result;
    }

    // The panel's parameters for network features: an untrained ConvNet (seconds on a CPU).
    dqui::StudioParameters convnetParams() const
    {
        dqui::StudioParameters p = params_;
        p.model = QStringLiteral("convnet");
        p.device = QStringLiteral("cpu");
        return p;
    }

    // DQ Studio's Features stage with `cache` as its cache folder.
    std::shared_ptr<dqui::FeaturesState> studioFeatures(const fs::path& cache, std::vector<dq::Note>* notes = nullptr)
    {
        const dqui::StudioParameters p = convnetParams();
        dqui::FeaturesJob job(dataset_, p, p.featuresKey(dataset_->key), cache);
        dq::CancelToken cancel;
        job.run(dq::Progress::none(), cancel);
        if (notes)
            *notes = job.takeNotes();
        return job.result;
    }

    // dq features on `spec` with the panel's parameters; its --json.
    QJsonObject cliFeatures(const QString& spec, const fs::path& cache, const fs::path& out)
    {
        const auto r = dqtest::runCli({"features", "--dataset", spec, "--model", "convnet", "--device", "cpu", "--limit",
                                       "1000", "--cache-dir", QString::fromStdString(cache.string()), "--out",
                                       QString::fromStdString(out.string()), "--json"});
        if (r.exitCode != 0)
            qWarning("dq features failed: %s", qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    // dq bins on the same images and parameters; its --json.
    QJsonObject cliBins(const fs::path& cache, const fs::path& out)
    {
        const auto r = dqtest::runCli({"bins", "--dataset", spec_, "--limit", "1000", "--bins", "5", "--cache-dir",
                                       QString::fromStdString(cache.string()), "--out", QString::fromStdString(out.string()),
                                       "--json"});
        if (r.exitCode != 0)
            qWarning("dq bins failed: %s", qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        spec_ = dqtest::fashionMnistSpec();
        params_.model = QStringLiteral("pixels");
        params_.limit = 1000;
        params_.bins = 5;
        dq::CancelToken cancel;
        dqui::OpenDatasetJob open(spec_);
        open.run(dq::Progress::none(), cancel);
        dataset_ = open.result;
        dqui::FeaturesJob features(dataset_, params_, params_.featuresKey(dataset_->key), dir("features-cache"));
        features.run(dq::Progress::none(), cancel);
        features_ = features.result;
        QCOMPARE(features_->rows, std::int64_t(1000));
    }

    // DQ Studio first, then dq bins: the command line reads Studio's entry.
    void studioThenCommandLine()
    {
        const fs::path cache = dir("cache-studio-first");
        const auto studio = studioBins(cache);
        QVERIFY(!studio->fromCache);
        QCOMPARE(studio->bins.size(), std::size_t(5));
        const QJsonObject j = cliBins(cache, dir("cli-after-studio"));
        QVERIFY2(j["from_cache"].toBool(), qPrintable(QJsonDocument(j).toJson()));
        QCOMPARE(j["cache_entry"].toString().toStdString(), studio->folder.toStdString());
        QCOMPARE(dq::readBinsFolder(dir("cli-after-studio")).bins, studio->bins);
    }

    // dq bins first (twice: the second reads the first's entry), then DQ Studio.
    void commandLineThenStudio()
    {
        const fs::path cache = dir("cache-cli-first");
        const QJsonObject first = cliBins(cache, dir("cli-1"));
        QVERIFY(first.contains("from_cache"));
        QVERIFY(!first["from_cache"].toBool());
        const QJsonObject second = cliBins(cache, dir("cli-2"));
        QVERIFY(second["from_cache"].toBool());
        for (int b = 0; b < 5; ++b) {
            const std::string file = dq::binFileName("FashionMNIST", b);
            QCOMPARE(dq::readFileBytes(dir("cli-2") / file), dq::readFileBytes(dir("cli-1") / file));
        }
        const auto studio = studioBins(cache);
        QVERIFY(studio->fromCache);
        QCOMPARE(studio->bins, dq::readBinsFolder(dir("cli-1")).bins);
        QCOMPARE(studio->stats.size(), std::size_t(5));
        QCOMPARE(studio->stats[0].count, std::int64_t(studio->bins[0].size()));
    }

    // A damaged entry is computed again, with the coded note, and repaired for the next run.
    void damagedEntryIsRecomputed()
    {
        const fs::path cache = dir("cache-damaged");
        const auto first = studioBins(cache);
        dqtest::writeBytes(fs::path(first->folder.toStdString()) / "bins.json", "{ not json");
        std::vector<dq::Note> notes;
        const auto again = studioBins(cache, &notes);
        QVERIFY(!again->fromCache);
        QCOMPARE(again->bins, first->bins);
        QCOMPARE(notes.size(), std::size_t(1));
        QCOMPARE(notes[0].code, std::string("bins.cache-repaired"));
        QVERIFY2(notes[0].text.find("bins.json") != std::string::npos, notes[0].text.c_str());
        // DQ Studio words the note by its code, naming the entry.
        const QString shown = dqui::noteText(notes[0]);
        QVERIFY2(shown.contains(first->folder) && shown != QString::fromStdString(notes[0].text), qPrintable(shown));
        QVERIFY(studioBins(cache)->fromCache);

        // The code, not the English text, is what a front end matches.
        dqtest::writeBytes(fs::path(first->folder.toStdString()) / "bins.json", "[]");
        const auto r = dqtest::runCli({"bins", "--dataset", spec_, "--limit", "1000", "--bins", "5", "--cache-dir",
                                       QString::fromStdString(cache.string()), "--out",
                                       QString::fromStdString(dir("cli-repaired").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("dq: note: [bins.cache-repaired]")), qPrintable(r.err));
        QCOMPARE(dq::readBinsFolder(dir("cli-repaired")).bins, first->bins);
    }

    // DQ Studio's Features stage first, then dq features: the command line reads Studio's
    // entry; a copy of the data in another folder is the same entry (keyed by content).
    void featuresStudioThenCommandLine()
    {
        const fs::path cache = dir("features-studio-first");
        const auto studio = studioFeatures(cache);
        QVERIFY(!studio->result.fromCache);
        QCOMPARE(studio->rows, std::int64_t(1000));
        QCOMPARE(studio->mode, QStringLiteral("gradient"));
        const QJsonObject j = cliFeatures(spec_, cache, dir("cli-features"));
        QVERIFY2(j["from_cache"].toBool(), qPrintable(QJsonDocument(j).toJson()));
        QCOMPARE(j["cache_key"].toString().toStdString(), studio->result.cacheKey);
        QCOMPARE(j["notes"].toArray().size(), qsizetype(0));
        QCOMPARE(dq::readFileBytes(dir("cli-features") / "e.npy"), dq::readFileBytes(studio->result.e));

        const fs::path copy = dir("copy") / "fashion-mnist";
        fs::create_directories(copy);
        for (const auto& f : fs::directory_iterator(dqtest::fashionMnistDir()))
            fs::copy_file(f.path(), copy / f.path().filename());
        const QJsonObject moved = cliFeatures(QStringLiteral("fashion-mnist:") + QString::fromStdString(copy.string()),
                                              cache, dir("cli-features-copy"));
        QVERIFY2(moved["from_cache"].toBool(), qPrintable(QJsonDocument(moved).toJson()));
        QCOMPARE(moved["cache_key"].toString().toStdString(), studio->result.cacheKey);
    }

    // dq features first, then DQ Studio's Features stage reads its entry.
    void featuresCommandLineThenStudio()
    {
        const fs::path cache = dir("features-cli-first");
        const QJsonObject j = cliFeatures(spec_, cache, dir("cli-features-first"));
        QVERIFY(j.contains("from_cache"));
        QVERIFY(!j["from_cache"].toBool());
        const auto studio = studioFeatures(cache);
        QVERIFY(studio->result.fromCache);
        QCOMPARE(studio->result.cacheKey, j["cache_key"].toString().toStdString());
        QCOMPARE(dq::readFileBytes(studio->result.b), dq::readFileBytes(dir("cli-features-first") / "b.npy"));
    }

    // A damaged features entry is computed again with the coded note, which DQ Studio
    // words itself and dq prints with its code.
    void damagedFeaturesAreRecomputed()
    {
        const fs::path cache = dir("features-damaged");
        const auto first = studioFeatures(cache);
        fs::resize_file(first->result.e, fs::file_size(first->result.e) - 100);
        std::vector<dq::Note> notes;
        const auto again = studioFeatures(cache, &notes);
        QVERIFY(!again->result.fromCache);
        QCOMPARE(notes.size(), std::size_t(1));
        QCOMPARE(notes[0].code, std::string("features.cache-repaired"));
        QCOMPARE(notes[0].where, first->result.folder.string());
        const QString shown = dqui::noteText(notes[0]);
        QVERIFY2(shown.contains(QString::fromStdString(first->result.folder.string())) &&
                     shown != QString::fromStdString(notes[0].text),
                 qPrintable(shown));
        QVERIFY(studioFeatures(cache)->result.fromCache);

        fs::resize_file(first->result.e, fs::file_size(first->result.e) - 100);
        const auto r = dqtest::runCli({"features", "--dataset", spec_, "--model", "convnet", "--device", "cpu", "--limit",
                                       "1000", "--cache-dir", QString::fromStdString(cache.string()), "--out",
                                       QString::fromStdString(dir("cli-features-repaired").string()), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("dq: note: [features.cache-repaired]")), qPrintable(r.err));
        const QJsonArray texts = QJsonDocument::fromJson(r.out.toUtf8()).object()["notes"].toArray();
        QCOMPARE(texts.size(), qsizetype(1)); // --json keeps the notes' texts
        QVERIFY2(texts[0].toString().contains(QStringLiteral("corrupt")), qPrintable(texts[0].toString()));
    }

    // A bad features parameter is a FieldError: DQ Studio shows the panel's label for it,
    // translated, and dq its option.
    void featuresFieldErrors()
    {
        auto failWith = [&] {
            dqui::StudioParameters p = convnetParams();
            p.device = QStringLiteral("tpu");
            dqui::JobRunner runner;
            QSignalSpy failed(&runner, &dqui::JobRunner::failed);
            runner.start(std::make_shared<dqui::FeaturesJob>(dataset_, p, p.featuresKey(dataset_->key), dir("never")));
            return failed.wait(10000) ? failed.first().at(0).toString() : QStringLiteral("no failure");
        };
        QCOMPARE(failWith(), QStringLiteral("Device: unknown device 'tpu' (expected auto, cpu, cuda or cuda:N)"));
        QVERIFY(dqui::Language::apply(QStringLiteral("zh_CN")));
        QCOMPARE(failWith(), QStringLiteral("设备: unknown device 'tpu' (expected auto, cpu, cuda or cuda:N)"));
        QVERIFY(dqui::Language::apply(QStringLiteral("en")));

        auto cli = [&](const QStringList& args) {
            return dqtest::runCli(QStringList{"features", "--dataset", spec_, "--limit", "1000", "--out",
                                              QString::fromStdString(dir("never").string())} +
                                  args);
        };
        auto r = cli({"--batch", "0"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("dq: error: --batch: must be positive")), qPrintable(r.err));
        r = cli({"--device", "tpu"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("dq: error: --device: unknown device 'tpu'")), qPrintable(r.err));
        QVERIFY(!fs::exists(dir("never")));
    }

    // Another parameter is another entry: nothing is read from the cache.
    void otherParametersMiss()
    {
        const fs::path cache = dir("cache-studio-first");
        const auto r = dqtest::runCli({"bins", "--dataset", spec_, "--limit", "1000", "--bins", "4", "--cache-dir",
                                       QString::fromStdString(cache.string()), "--out",
                                       QString::fromStdString(dir("cli-4").string()), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!QJsonDocument::fromJson(r.out.toUtf8()).object()["from_cache"].toBool());
    }

    // Instruction data: DQ Studio's Bins on TF-IDF embeddings, then dq text on the same
    // records and parameters reads them (and draws the same subset from them).
    void instructionBinsAreShared()
    {
        const fs::path cache = dir("cache-text");
        const QString data = QString::fromStdString((dqtest::fixturesDir() / "text" / "alpaca_small.jsonl").string());
        dqui::StudioParameters params;
        params.bins = 2;
        params.ratio = 0.5;
        dq::CancelToken cancel;
        dqui::TextOpenJob open(QStringLiteral("text:") + data);
        open.run(dq::Progress::none(), cancel);
        const dqui::DatasetPtr dataset = open.result;
        const QString key = dataset->key + QStringLiteral("|text-bins"); // the state's label; the cache keys by content
        dqui::TextEmbeddingsJob embed(dataset, params, key, cache);
        embed.run(dq::Progress::none(), cancel);
        dqui::TextBinsJob bins(dataset, embed.result, params, key, cache);
        bins.run(dq::Progress::none(), cancel);
        QVERIFY(!bins.result->fromCache);
        QCOMPARE(bins.result->bins.size(), std::size_t(2));

        const auto r = dqtest::runCli({"text", "--data", data, "--embed", "tfidf", "--ratio", "0.5", "--bins", "2",
                                       "--cache-dir", QString::fromStdString(cache.string()), "--out",
                                       QString::fromStdString(dir("text-subset.jsonl").string()), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(j["embeddings_from_cache"].toBool());
        QVERIFY2(j["bins_from_cache"].toBool(), qPrintable(r.out));

        dqui::TextBinsJob again(dataset, embed.result, params, key, cache);
        again.run(dq::Progress::none(), cancel);
        QVERIFY(again.result->fromCache);
        QCOMPARE(again.result->bins, bins.result->bins);
        QCOMPARE(again.result->binOf, bins.result->binOf);
    }

    // Core's error about the keep ratio names the field by its id; DQ Studio shows the
    // panel's label for it, translated, and dq its option.
    void fieldErrorsNameTheFieldTheFrontEndsWay()
    {
        const auto bins = studioBins(dir("cache-studio-first"));
        auto failWith = [&] {
            dqui::JobRunner runner;
            QSignalSpy failed(&runner, &dqui::JobRunner::failed);
            runner.start(std::make_shared<dqui::SampleJob>(dqui::SampleRequest{bins, 1000, 1.5, 0, QString()}));
            return failed.wait(10000) ? failed.first().at(0).toString() : QStringLiteral("no failure");
        };
        QCOMPARE(failWith(), QStringLiteral("Keep ratio: must lie in (0, 1], got 1.500000"));
        QVERIFY(dqui::Language::apply(QStringLiteral("zh_CN")));
        QCOMPARE(failWith(), QStringLiteral("保留比例: must lie in (0, 1], got 1.500000"));
        QVERIFY(dqui::Language::apply(QStringLiteral("en")));

        const auto r = dqtest::runCli({"sample", "--bins", QString::fromStdString(bins->folder.toStdString()), "--ratio",
                                       "1.5", "--out", QString::fromStdString(dir("never.npy").string())});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("dq: error: --ratio: must lie in (0, 1]")), qPrintable(r.err));
    }
};

QTEST_MAIN(UiStageCacheTest)
#include "tst_UiStageCache.moc"
