// The Pixels and Evaluation stages shared by dq and DQ Studio, on a small Fashion-MNIST.
// Pixels: DQ Studio's Pixels job and dq pixel run dq::runPixel, so the compact MAE that
// either trains is the other's, both ways; a damaged checkpoint is trained again with a
// coded note. Evaluation: DQ Studio's Compare job and dq evaluate --methods run
// dq::runEvaluation, so whichever trains first leaves its runs in the run cache for the
// other; --score-seeds reaches the methods from both (EL2N averaged over two selection
// trainings keeps exactly what dq select --score-seeds 2 keeps). Bad values are field
// errors that dq shows as its option and DQ Studio as the panel's label.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "io/Npy.h"
#include "pipeline/CompareJob.h"
#include "pipeline/JobRunner.h"
#include "pipeline/NoteText.h"
#include "pipeline/OpenDatasetJob.h"
#include "pipeline/PixelJob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace fs = std::filesystem;

class UiTorchStagesTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString spec_;
    dqui::DatasetPtr dataset_;
    std::shared_ptr<dqui::FeaturesState> features_;
    std::shared_ptr<dqui::BinsState> bins_;
    std::vector<std::int64_t> selectedTwo_; // dq select --score-seeds 2's indices
    std::shared_ptr<dqui::SampleState> sample_; // the first 20 training images

    // The Pixels stage without a CAM network to train: random patch scores, the compact
    // MAE trained on the 600 training images.
    dqui::StudioParameters pixelParams(double maskRatio = 0.2) const
    {
        dqui::StudioParameters p;
        p.limit = 600;
        p.device = QStringLiteral("cpu");
        p.cam = QStringLiteral("random");
        p.recon = QStringLiteral("mae-compact");
        p.maskRatio = maskRatio;
        return p;
    }

    // DQ Studio's Pixels job (its result folder keyed by `key`); its notes in `notes`.
    std::shared_ptr<dqui::PixelState> studioPixels(const fs::path& cache, const QString& key,
                                                   std::vector<dq::Note>* notes = nullptr)
    {
        dqui::PixelJob job(dataset_, sample_, pixelParams(), key, cache);
        dq::CancelToken cancel;
        job.run(dq::Progress::none(), cancel);
        if (notes)
            *notes = job.takeNotes();
        return job.result;
    }

    // dq pixel on the same images and parameters.
    dqtest::CliResult cliPixel(const fs::path& cache, const char* out, const QString& maskRatio = QStringLiteral("0.2"))
    {
        return dqtest::runCli({"pixel",
                               "--dataset",
                               spec_,
                               "--indices",
                               path("first20.npy"),
                               "--cam",
                               "random",
                               "--recon",
                               "mae-compact",
                               "--train-limit",
                               "600",
                               "--mask-ratio",
                               maskRatio,
                               "--device",
                               "cpu",
                               "--cache-dir",
                               QString::fromStdString(cache.string()),
                               "--out",
                               path(out),
                               "--json"});
    }

    static std::vector<fs::path> checkpoints(const fs::path& cache)
    {
        std::vector<fs::path> out;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(cache / "mae", ec))
            out.push_back(e.path());
        return out;
    }

    fs::path dir(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }
    QString path(const char* name) const { return QString::fromStdString(dir(name).string()); }

    dqui::StudioParameters compareParams(int scoreSeeds) const
    {
        dqui::StudioParameters p;
        p.model = QStringLiteral("convnet");
        p.epochs = 1;
        p.device = QStringLiteral("cpu");
        p.compareMethods = QStringLiteral("el2n");
        p.compareRatios = QStringLiteral("0.1");
        p.compareScoreSeeds = scoreSeeds;
        p.evalWidth = 8;
        p.evalEpochs = 1;
        p.evalSeeds = 1;
        return p;
    }

    std::shared_ptr<dqui::CompareJob> compareJob(int scoreSeeds) const
    {
        return std::make_shared<dqui::CompareJob>(dqui::CompareJob::Inputs{dataset_, features_, bins_},
                                                  compareParams(scoreSeeds), QStringLiteral("compare"), dir("cache"));
    }

    // dq evaluate --methods el2n on the Compare job's inputs and recipe; its --json.
    dqtest::CliResult cliEvaluate(const QString& scoreSeeds, const char* out) const
    {
        return dqtest::runCli({"evaluate",
                               "--dataset",
                               spec_,
                               "--features",
                               QString::fromStdString(features_->result.folder.string()),
                               "--bins",
                               bins_->folder,
                               "--methods",
                               "el2n",
                               "--ratios",
                               "0.1",
                               "--score-seeds",
                               scoreSeeds,
                               "--width",
                               "8",
                               "--epochs",
                               "1",
                               "--seeds",
                               "0",
                               "--device",
                               "cpu",
                               "--cache-dir",
                               path("cache"),
                               "--out",
                               path(out),
                               "--json"});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        spec_ = QString::fromStdString(dqtest::writeSmallFashionMnist(dir("fashion-mnist-small"), 600, 300));
        dq::CancelToken cancel;
        dqui::OpenDatasetJob open(spec_);
        open.run(dq::Progress::none(), cancel);
        dataset_ = open.result;
        sample_ = std::make_shared<dqui::SampleState>();
        for (std::int64_t i = 0; i < 20; ++i)
            sample_->result.indices.push_back(i);
        dq::writeNpy(dir("first20.npy"), dq::NpyArray::fromVector(sample_->result.indices));

        const auto bins = dqtest::runCli({"bins", "--dataset", spec_, "--bins", "4", "--out", path("bins")});
        QVERIFY2(bins.exitCode == 0, qPrintable(bins.err));
        bins_ = std::make_shared<dqui::BinsState>();
        bins_->folder = path("bins");

        // Two selection trainings (seeds 0 and 1), kept in the features cache.
        const auto select = dqtest::runCli(
            {"select",   "--dataset",   spec_,           "--method", "el2n",          "--ratio",    "0.1",
             "--epochs", "1",           "--score-seeds", "2",        "--budget-bins", path("bins"), "--device",
             "cpu",      "--cache-dir", path("cache"),   "--out",    path("select"),  "--json"});
        QVERIFY2(select.exitCode == 0, qPrintable(select.err));
        const QJsonObject j = QJsonDocument::fromJson(select.out.toUtf8()).object();
        QCOMPARE(j["parameters"].toObject()["score_features"].toArray().size(), 2);
        features_ = std::make_shared<dqui::FeaturesState>();
        features_->result.folder = j["features"].toString().toStdString();
        selectedTwo_ = dq::readNpy(dir("select") / j["indices_file"].toString().toStdString()).toVector<std::int64_t>();
        QVERIFY(!selectedTwo_.empty());
    }

    // DQ Studio's Pixels job first: dq pixel then restores with the compact MAE it trained.
    void pixelsStudioThenCommandLine()
    {
        const fs::path cache = dir("pixel-cache-studio-first");
        const auto studio = studioPixels(cache, QStringLiteral("pixels-studio-first"));
        QCOMPARE(studio->result.images, std::int64_t(20));
        QCOMPARE(checkpoints(cache).size(), std::size_t(1));
        const auto trained = fs::last_write_time(checkpoints(cache)[0]);

        const auto cli = cliPixel(cache, "pixel-after-studio");
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        const QJsonObject j = QJsonDocument::fromJson(cli.out.toUtf8()).object();
        QVERIFY2(j["cache"].toObject()["mae"].toBool(), qPrintable(cli.out));
        QCOMPARE(j["reconstruction"].toString().toStdString(), studio->result.reconstruction);
        QCOMPARE(j["counts"].toObject()["kept_patches_per_image"].toInt(), studio->result.keptPatches);
        QCOMPARE(checkpoints(cache).size(), std::size_t(1));
        QCOMPARE(fs::last_write_time(checkpoints(cache)[0]), trained);
    }

    // dq pixel first: DQ Studio's Pixels job trains nothing, and a damaged checkpoint is
    // trained again with the coded note, worded by DQ Studio and printed by dq.
    void pixelsCommandLineThenStudio()
    {
        const fs::path cache = dir("pixel-cache-cli-first");
        const auto cli = cliPixel(cache, "pixel-first");
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QVERIFY(!QJsonDocument::fromJson(cli.out.toUtf8()).object()["cache"].toObject()["mae"].toBool());
        QCOMPARE(checkpoints(cache).size(), std::size_t(1));
        const fs::path checkpoint = checkpoints(cache)[0];
        const auto trained = fs::last_write_time(checkpoint);

        std::vector<dq::Note> notes;
        {
            const auto studio = studioPixels(cache, QStringLiteral("pixels-cli-first"), &notes);
            QVERIFY(studio->result.maeFromCache);
            QVERIFY(studio->result.reconstruction.find(checkpoint.string()) != std::string::npos);
        } // the shared session goes with the result
        QVERIFY(notes.empty());
        QCOMPARE(fs::last_write_time(checkpoint), trained);

        dqtest::writeBytes(checkpoint, "not a checkpoint");
        studioPixels(cache, QStringLiteral("pixels-repaired"), &notes);
        QCOMPARE(notes.size(), std::size_t(1));
        QCOMPARE(notes[0].code, std::string("pixel.mae-cache-repaired"));
        QCOMPARE(notes[0].where, checkpoint.string());
        const QString shown = dqui::noteText(notes[0]);
        QVERIFY2(shown.contains(QString::fromStdString(checkpoint.string())) &&
                     shown != QString::fromStdString(notes[0].text),
                 qPrintable(shown));

        dqtest::writeBytes(checkpoint, "damaged again");
        const auto again = cliPixel(cache, "pixel-repaired");
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("dq: note: [pixel.mae-cache-repaired]")), qPrintable(again.err));
        const QJsonArray texts = QJsonDocument::fromJson(again.out.toUtf8()).object()["notes"].toArray();
        QCOMPARE(texts.size(), 1);
        QVERIFY2(texts[0].toString().contains("unreadable cached MAE"), qPrintable(again.out));
    }

    // The mask ratio's field error: the Pixels panel's label in DQ Studio, --mask-ratio in dq.
    void badMaskRatioNamesTheField()
    {
        dqui::JobRunner runner;
        QSignalSpy failed(&runner, &dqui::JobRunner::failed);
        runner.start(std::make_shared<dqui::PixelJob>(dataset_, sample_, pixelParams(1.5), QStringLiteral("bad-mask"),
                                                      dir("pixel-cache-studio-first")));
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.first().at(0).toString().startsWith(QStringLiteral("Mask ratio: must be in [0, 1)")),
                 qPrintable(failed.first().at(0).toString()));

        const auto cli = cliPixel(dir("pixel-cache-studio-first"), "never-pixel", QStringLiteral("1.5"));
        QCOMPARE(cli.exitCode, 2);
        QVERIFY2(cli.err.contains(QStringLiteral("dq: error: --mask-ratio: must be in [0, 1)")), qPrintable(cli.err));
    }

    // DQ Studio's Compare first: it keeps what dq select --score-seeds 2 keeps, and dq
    // evaluate then reads its run from the cache.
    void studioThenCommandLine()
    {
        auto job = compareJob(2);
        dq::CancelToken cancel;
        job->run(dq::Progress::none(), cancel);
        const dq::EvaluationResult& r = job->result->result;
        QCOMPARE(r.subsets.size(), std::size_t(1));
        QCOMPARE(r.subsets[0].name, std::string("el2n-0.1"));
        QCOMPARE(r.subsets[0].indices, selectedTwo_);
        QCOMPARE(r.scoreSeeds, 2);
        QVERIFY(!r.subsets[0].runs[0].fromCache);

        const auto cli = cliEvaluate("2", "eval-2");
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        const QJsonObject j = QJsonDocument::fromJson(cli.out.toUtf8()).object();
        QCOMPARE(j["score_seeds"].toInt(), 2);
        const QJsonObject subset = j["subsets"].toArray()[0].toObject();
        QCOMPARE(subset["name"].toString(), QStringLiteral("el2n-0.1"));
        const QJsonObject run = subset["runs"].toArray()[0].toObject();
        QVERIFY2(run["from_cache"].toBool(), qPrintable(cli.out));
        QCOMPARE(run["final_acc"].toDouble(), r.subsets[0].runs[0].finalAccuracy());
    }

    // dq evaluate first, with one score training (another selection, another run); DQ
    // Studio's Compare with one then reads it.
    void commandLineThenStudio()
    {
        const auto cli = cliEvaluate("1", "eval-1");
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        const QJsonObject j = QJsonDocument::fromJson(cli.out.toUtf8()).object();
        QCOMPARE(j["score_seeds"].toInt(), 1);
        const QJsonObject run = j["subsets"].toArray()[0].toObject()["runs"].toArray()[0].toObject();
        QVERIFY(!run["from_cache"].toBool());

        auto job = compareJob(1);
        dq::CancelToken cancel;
        job->run(dq::Progress::none(), cancel);
        const dq::SubsetResult& s = job->result->result.subsets.at(0);
        QVERIFY(s.indices != selectedTwo_); // one training's scores keep other samples
        QVERIFY(s.runs[0].fromCache);
        QCOMPARE(s.runs[0].finalAccuracy(), run["final_acc"].toDouble());
    }

    // The core's field id: dq names the option, DQ Studio the Compare view's label.
    void badScoreSeedsNameTheField()
    {
        dqui::JobRunner runner;
        QSignalSpy failed(&runner, &dqui::JobRunner::failed);
        runner.start(compareJob(0));
        QVERIFY(failed.wait(60000));
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("Score trainings: must be at least 1, got 0"));

        const auto cli = cliEvaluate("0", "never");
        QCOMPARE(cli.exitCode, 2);
        QVERIFY2(cli.err.contains(QStringLiteral("dq: error: --score-seeds: must be at least 1, got 0")),
                 qPrintable(cli.err));
        QVERIFY(!fs::exists(dir("never")));
    }
};

QTEST_MAIN(UiTorchStagesTest)
#include "tst_UiTorchStages.moc"
