// core/evaluation on real Fashion-MNIST images: fresh networks trained on subsets and
// tested on the test split; random twins, reconstructed folders, the sweep, the cache, cancel
// and bad input.
// Torch before Qt: Qt's `slots` macro breaks LibTorch's headers.
#include "evaluation/internal/RandomAugmentation.h"

#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "evaluation/EvaluationFolder.h"
#include "evaluation/internal/TrainingSubsets.h"
#include "io/Npy.h"
#include "pixel/internal/ReconstructionFolder.h"
#include "common/JobContext.h"
#include "stages/torch/EvaluationStage.h"
#include "submodular/internal/SeededRandom.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <set>

using namespace dq;
namespace fs = std::filesystem;

namespace {

// The Evaluation stage with a context of its own.
EvaluationResult evaluate(const EvaluationParams& p, Progress& progress, const CancelToken& cancel,
                          const std::function<void(const EpochUpdate&)>& onEpoch = {})
{
    JobContext context(progress, cancel);
    return runEvaluation(p, context, onEpoch);
}

} // namespace

class EvaluationTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    std::string spec_; // 1,200 training and 500 test images of Fashion-MNIST
    DatasetBundle data_;

    fs::path writeIndices(const std::string& name, const std::vector<std::int64_t>& indices)
    {
        const fs::path file = dir_ / name;
        writeNpy(file, NpyArray::fromVector(indices));
        return file;
    }

    // Every other of the first 1,200 training images: 600 images, all classes.
    std::vector<std::int64_t> evenIndices() const
    {
        std::vector<std::int64_t> v;
        for (std::int64_t i = 0; i < 1200; i += 2)
            v.push_back(i);
        return v;
    }

    EvaluationParams quickParams() const
    {
        EvaluationParams p;
        p.datasetSpec = spec_;
        p.recipe.width = 16;
        p.recipe.epochs = 2;
        p.recipe.batchSize = 32;
        p.seeds = {0};
        p.device = "cpu";
        p.cacheDir = dir_ / "cache";
        p.reuseCache = false;
        return p;
    }

    static std::vector<double> curve(const SeedRun& run)
    {
        std::vector<double> v;
        for (const EpochRecord& e : run.epochs)
            v.insert(v.end(), {e.trainLoss, e.testLoss, e.testAccuracy});
        return v;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        spec_ = dqtest::writeSmallFashionMnist(dir_ / "fashion-mnist-small", 1200, 500);
        data_ = openDataset(spec_);
        QCOMPARE(data_.train->size(), std::int64_t(1200));
        QCOMPARE(data_.test->size(), std::int64_t(500));
    }

    // A couple of epochs on 600 real images: far above chance (10%), and the figures add up.
    void trainsWellAboveChance()
    {
        EvaluationParams p = quickParams();
        p.subsets = {SubsetSpec::indexFile("even", writeIndices("even.npy", evenIndices()))};
        int epochsSeen = 0;
        const EvaluationResult r = evaluate(p, Progress::none(), CancelToken(), [&](const EpochUpdate& u) {
            QCOMPARE(u.name, std::string("even"));
            ++epochsSeen;
        });
        QCOMPARE(epochsSeen, 2);
        QCOMPARE(r.subsets.size(), std::size_t(1));
        const SubsetResult& s = r.subsets[0];
        QCOMPARE(s.images, std::int64_t(600));
        QCOMPARE(s.runs.size(), std::size_t(1));
        QCOMPARE(s.runs[0].epochs.size(), std::size_t(2));
        QCOMPARE(s.runs[0].steps, std::int64_t(2 * 19)); // ceil(600 / 32) per epoch
        QVERIFY2(s.finalAccuracy.mean > 0.5, qPrintable(QString::number(s.finalAccuracy.mean)));
        QCOMPARE(s.finalAccuracy.std, 0.0);
        QVERIFY(s.bestAccuracy.mean >= s.finalAccuracy.mean);
        QVERIFY(s.runs[0].epochs[1].trainLoss < s.runs[0].epochs[0].trainLoss);
        std::int64_t counted = 0;
        for (const std::int64_t c : s.classCounts)
            counted += c;
        QCOMPARE(counted, std::int64_t(600));
        QCOMPARE(r.testSize, std::int64_t(500));
    }

    // The same seed twice gives the same curves to the last bit; another seed does not.
    // A rank's share of a batch, augmented between the skipped draws of the rows before and
    // after it, gets the crops and flips those rows get in the whole batch, and leaves the
    // random stream where the whole batch leaves it.
    void shareOfABatchAugmentsAsTheWholeBatch()
    {
        const torch::Tensor batch = torch::randn({7, 2, 9, 9});
        const std::vector<float> fill{-1.0f, 2.0f};
        for (const auto& [crop, flip] : {std::pair{true, true}, {true, false}, {false, true}}) {
            dq::SeededRandom whole(11, 5), share(11, 5);
            const torch::Tensor all = dq::augmentBatch(batch, fill, 2, crop, flip, whole);
            dq::skipAugmentation(3, 2, crop, flip, share);
            const torch::Tensor mine = dq::augmentBatch(batch.slice(0, 3, 5), fill, 2, crop, flip, share);
            dq::skipAugmentation(2, 2, crop, flip, share);
            QVERIFY(torch::equal(mine, all.slice(0, 3, 5)));
            QCOMPARE(share.next(), whole.next());
        }
    }

    void deterministicPerSeed()
    {
        EvaluationParams p = quickParams();
        p.recipe.epochs = 1;
        p.subsets = {SubsetSpec::indexFile("even", writeIndices("even.npy", evenIndices()))};
        p.seeds = {3, 4};
        const EvaluationResult a = evaluate(p, Progress::none(), CancelToken());
        const EvaluationResult b = evaluate(p, Progress::none(), CancelToken());
        QCOMPARE(curve(a.subsets[0].runs[0]), curve(b.subsets[0].runs[0]));
        QCOMPARE(curve(a.subsets[0].runs[1]), curve(b.subsets[0].runs[1]));
        QVERIFY(curve(a.subsets[0].runs[0]) != curve(a.subsets[0].runs[1]));
        QVERIFY(a.subsets[0].finalAccuracy.std > 0);
    }

    // A random twin keeps the template's per-class counts, draws anew per seed, stays in range.
    void randomKeepsClassCounts()
    {
        const Dataset& train = *data_.train;
        std::vector<std::int64_t> counts(10, 0);
        for (std::int64_t i = 0; i < 300; ++i)
            ++counts[static_cast<std::size_t>(train.label(i))];
        const auto a = drawLikeCounts(train, counts, 0);
        const auto b = drawLikeCounts(train, counts, 1);
        QCOMPARE(a, drawLikeCounts(train, counts, 0));
        QVERIFY(a != b);
        for (const auto* draw : {&a, &b}) {
            QCOMPARE(draw->size(), std::size_t(300));
            QCOMPARE(std::set<std::int64_t>(draw->begin(), draw->end()).size(), std::size_t(300));
            std::vector<std::int64_t> got(10, 0);
            for (const std::int64_t i : *draw) {
                QVERIFY(i >= 0 && i < train.size());
                ++got[static_cast<std::size_t>(train.label(i))];
            }
            QCOMPARE(got, counts);
        }
        counts[0] = 100000;
        DQ_EXPECT_ERROR(drawLikeCounts(train, counts, 0), "needs 100000");
    }

    // The reference's sweep subsets: drawn from the bins like dq sample, nested as the
    // ratio grows, each with its random twin of equal class counts.
    void sweepNestsAndPairs()
    {
        const fs::path bins = dir_ / "bins";
        const auto made = dqtest::runCli({"bins", "--dataset", QString::fromStdString(spec_), "--bins", "4", "--out",
                                          QString::fromStdString(bins.string())});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        EvaluationParams p = quickParams();
        p.bins = bins;
        p.ratios = {0.05, 0.1, 0.25};
        const std::vector<ResolvedSubset> s = resolveSubsets(p, *data_.train);
        QCOMPARE(s.size(), std::size_t(6));
        QCOMPARE(s[0].spec.name, std::string("dq-0.05"));
        QCOMPARE(s[1].spec.name, std::string("random-dq-0.05"));
        QCOMPARE(s[1].classCounts, s[0].classCounts);
        for (std::size_t k = 2; k < s.size(); k += 2) {
            const auto& small = s[k - 2].indices;
            const auto& large = s[k].indices;
            QVERIFY(large.size() > small.size());
            QVERIFY(std::includes(large.begin(), large.end(), small.begin(), small.end()));
        }
        // Every bin gives its share: indices from all four bins in the smallest subset.
        const auto sampled = dqtest::runCli({"sample", "--bins", QString::fromStdString(bins.string()), "--ratio", "0.1",
                                             "--out", QString::fromStdString((dir_ / "s.npy").string())});
        QVERIFY2(sampled.exitCode == 0, qPrintable(sampled.err));
        std::vector<std::int64_t> fromSample = readNpy(dir_ / "s.npy").toVector<std::int64_t>();
        std::sort(fromSample.begin(), fromSample.end());
        QCOMPARE(s[2].indices, fromSample);

        p.ratios = {0.0};
        DQ_EXPECT_ERROR(resolveSubsets(p, *data_.train), "ratios: ", "(0, 1]");
        p.ratios = {1.5};
        DQ_EXPECT_ERROR(resolveSubsets(p, *data_.train), "ratios: ");
        p.bins.clear();
        p.ratios = {0.1};
        DQ_EXPECT_ERROR(resolveSubsets(p, *data_.train), "ratios: ", "bins folder");
    }

    // Bins of the first N samples (DQ Studio's "use the first N") with trainLimit N: the
    // sweep and the methods draw from those N; without the limit the sizes disagree.
    void binsOfTheFirstSamplesShareThatPool()
    {
        const fs::path bins = dir_ / "bins-first-600";
        const auto made = dqtest::runCli({"bins", "--dataset", QString::fromStdString(spec_), "--limit", "600", "--bins",
                                          "4", "--out", QString::fromStdString(bins.string())});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        EvaluationParams p = quickParams();
        p.bins = bins;
        p.ratios = {0.1};
        p.methods = {"dq", "random"};
        p.trainLimit = 600;
        const std::vector<ResolvedSubset> s = resolveSubsets(p, *data_.train);
        QCOMPARE(s.size(), std::size_t(2));
        QVERIFY(s[0].indices.size() > 40 && s[0].indices.size() < 80); // about 10% of 600
        QVERIFY(s[0].indices.back() < 600);
        QCOMPARE(s[1].classCounts, s[0].classCounts);
        p.trainLimit = 0;
        DQ_EXPECT_ERROR(resolveSubsets(p, *data_.train), "bins-first-600", "training split has 1200");
    }

    // --methods: one subset per method and ratio, every one with DQ's per-class counts;
    // then the whole comparison through dq evaluate, one table and one curves.csv.
    void methodsShareDqBudgets()
    {
        const QString spec = QString::fromStdString(spec_);
        const fs::path features = dir_ / "pixel-features", bins = dir_ / "bins-methods";
        auto r = dqtest::runCli({"features", "--dataset", spec, "--model", "pixels", "--cache-dir",
                                 QString::fromStdString((dir_ / "cache").string()), "--out",
                                 QString::fromStdString(features.string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = dqtest::runCli({"bins", "--dataset", spec, "--bins", "4", "--out", QString::fromStdString(bins.string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        EvaluationParams p = quickParams();
        p.bins = bins;
        p.features = features;
        p.ratios = {0.1};
        p.methods = {"dq", "random", "kcenter", "moderate"};
        const std::vector<ResolvedSubset> s = resolveSubsets(p, *data_.train);
        QCOMPARE(s.size(), std::size_t(4));
        QCOMPARE(s[0].spec.name, std::string("dq-0.1"));
        QCOMPARE(s[1].spec.name, std::string("random-0.1"));
        QCOMPARE(s[2].spec.name, std::string("kcenter-0.1"));
        QCOMPARE(s[3].spec.kind, SubsetKind::Selected);
        for (const ResolvedSubset& x : s)
            QCOMPARE(x.classCounts, s[0].classCounts);
        QVERIFY(s[1].indices.empty()); // drawn anew for every seed
        QVERIFY(s[2].indices != s[0].indices);

        p.features.clear();
        DQ_EXPECT_ERROR(resolveSubsets(p, *data_.train), "features: ", "dq features");
        p.features = features;
        p.methods = {"kcenter", "coreset"};
        DQ_EXPECT_ERROR(resolveSubsets(p, *data_.train), "method: unknown method 'coreset'");

        const fs::path out = dir_ / "compare";
        r = dqtest::runCli({"evaluate",
                            "--dataset",
                            spec,
                            "--methods",
                            "random,kcenter,herding",
                            "--ratios",
                            "0.05,0.1",
                            "--features",
                            QString::fromStdString(features.string()),
                            "--width",
                            "8",
                            "--epochs",
                            "1",
                            "--batch",
                            "32",
                            "--seeds",
                            "0",
                            "--device",
                            "cpu",
                            "--cache-dir",
                            QString::fromStdString((dir_ / "cache").string()),
                            "--out",
                            QString::fromStdString(out.string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* name : {"random-0.05", "kcenter-0.05", "herding-0.1"})
            QVERIFY2(r.out.contains(name), qPrintable(r.out));
        const std::string curves = readFileBytes(out / "curves.csv");
        QVERIFY(curves.find("herding-0.05,0,1,") != std::string::npos);
        QVERIFY(curves.find("random-0.1,0,1,") != std::string::npos);
    }

    // A reconstructed folder trains on its own images, paired with the right indices: the
    // originals written as a folder give the index file's curves exactly, altered images
    // give others.
    void reconstructedFolderIsUsed()
    {
        const Dataset& train = *data_.train;
        const std::vector<std::int64_t> idx = evenIndices();
        auto writeFolder = [&](const fs::path& dir, bool alter) {
            ReconstructionFolderWriter w(dir, train.classNames(), train.size());
            for (auto it = idx.rbegin(); it != idx.rend(); ++it) { // manifest order need not be index order
                Image image = train.image(*it);
                if (alter)
                    for (std::size_t k = 0; k < image.pixels.size() / 2; ++k)
                        image.pixels[k] = 0; // the top half blacked out
                w.add(*it, train.label(*it), image);
            }
            w.commit();
        };
        writeFolder(dir_ / "same", false);
        writeFolder(dir_ / "altered", true);
        EvaluationParams p = quickParams();
        p.recipe.epochs = 1;
        p.subsets = {SubsetSpec::indexFile("indices", writeIndices("even.npy", idx)),
                     SubsetSpec::reconstructed("same", dir_ / "same"),
                     SubsetSpec::reconstructed("altered", dir_ / "altered")};
        const EvaluationResult r = evaluate(p, Progress::none(), CancelToken());
        QCOMPARE(r.subsets[1].classCounts, r.subsets[0].classCounts);
        QCOMPARE(curve(r.subsets[1].runs[0]), curve(r.subsets[0].runs[0]));
        QVERIFY(curve(r.subsets[2].runs[0]) != curve(r.subsets[0].runs[0]));
        QVERIFY(r.subsets[2].finalAccuracy.mean < r.subsets[0].finalAccuracy.mean);
    }

    // A second evaluation reads every run from the cache: same curves, marked as cached.
    void cacheReusesRuns()
    {
        EvaluationParams p = quickParams();
        p.recipe.epochs = 1;
        p.reuseCache = true;
        p.cacheDir = dir_ / "cache-reuse";
        p.subsets = {SubsetSpec::indexFile("even", writeIndices("even.npy", evenIndices())), SubsetSpec::randomLike("even")};
        const EvaluationResult a = evaluate(p, Progress::none(), CancelToken());
        QVERIFY(!a.subsets[0].runs[0].fromCache);
        const EvaluationResult b = evaluate(p, Progress::none(), CancelToken());
        for (std::size_t k = 0; k < 2; ++k) {
            QVERIFY(b.subsets[k].runs[0].fromCache);
            QCOMPARE(curve(b.subsets[k].runs[0]), curve(a.subsets[k].runs[0]));
        }
        p.recipe.learningRate = 0.05; // another recipe: trained again
        const EvaluationResult c = evaluate(p, Progress::none(), CancelToken());
        QVERIFY(!c.subsets[0].runs[0].fromCache);
    }

    // A TorchScript architecture trains from a seeded initialisation, never the file's
    // weights: two files of the same architecture with other weights give the same curves.
    void torchScriptModelsTrainFromScratch()
    {
        const fs::path dir = dqtest::fixturesDir() / "torchscript";
        EvaluationParams p = quickParams();
        p.subsets = {SubsetSpec::indexFile("even", writeIndices("even.npy", evenIndices()))};
        p.recipe.model = "torchscript:" + (dir / "tiny.pt").string();
        const EvaluationResult a = evaluate(p, Progress::none(), CancelToken());
        p.recipe.model = "torchscript:" + (dir / "tuple_forward.pt").string();
        const EvaluationResult b = evaluate(p, Progress::none(), CancelToken());
        QCOMPARE(curve(b.subsets[0].runs[0]), curve(a.subsets[0].runs[0]));
        QVERIFY2(a.subsets[0].finalAccuracy.mean > 0.3, qPrintable(QString::number(a.subsets[0].finalAccuracy.mean)));
        // Seven classes in the file, ten in the data: a fresh head, also seeded.
        p.recipe.model = "torchscript:" + (dir / "seven_classes.pt").string();
        const EvaluationResult c = evaluate(p, Progress::none(), CancelToken());
        QVERIFY(c.subsets[0].finalAccuracy.mean > 0.3);
        p.recipe.model = "torchscript:" + (dir / "no_embed.pt").string();
        DQ_EXPECT_ERROR(evaluate(p, Progress::none(), CancelToken()), "no_embed.pt", "embed");
    }

    void cancelStopsBetweenBatches()
    {
        EvaluationParams p = quickParams();
        p.subsets = {SubsetSpec::indexFile("even", writeIndices("even.npy", evenIndices()))};
        CancelToken cancel;
        int epochs = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, evaluate(p, Progress::none(), cancel, [&](const EpochUpdate&) {
                                     ++epochs;
                                     cancel.cancel();
                                 }));
        QCOMPARE(epochs, 1);
    }

    void evaluationFolderRoundTrip()
    {
        EvaluationParams p = quickParams();
        p.recipe.epochs = 1;
        p.subsets = {SubsetSpec::indexFile("even", writeIndices("even.npy", evenIndices()))};
        const EvaluationResult r = evaluate(p, Progress::none(), CancelToken());
        writeEvaluationFolder(dir_ / "eval", r);
        const EvaluationResult back = readEvaluationJson(dir_ / "eval" / kEvaluationManifest);
        QCOMPARE(back.subsets.size(), std::size_t(1));
        QCOMPARE(back.subsets[0].name, std::string("even"));
        QCOMPARE(curve(back.subsets[0].runs[0]), curve(r.subsets[0].runs[0]));
        QCOMPARE(back.recipe.width, 16);
        const std::string csv = readFileBytes(dir_ / "eval" / "curves.csv");
        QVERIFY(csv.rfind("subset,seed,epoch,train_loss,test_loss,test_acc\neven,0,1,", 0) == 0);
        fs::create_directories(dir_ / "foreign");
        dqtest::writeBytes(dir_ / "foreign" / "notes.txt", "mine");
        DQ_EXPECT_ERROR(writeEvaluationFolder(dir_ / "foreign", r), "foreign", "is not empty");
        QVERIFY(fs::exists(dir_ / "foreign" / "notes.txt"));
    }

    // Bad input is refused before any training, naming the file or option.
    void badInput()
    {
        EvaluationParams p = quickParams();
        auto withSubset = [&](const fs::path& file) {
            EvaluationParams q = p;
            q.subsets = {SubsetSpec::indexFile("s", file)};
            return q;
        };
        DQ_EXPECT_ERROR(evaluate(withSubset(writeIndices("out.npy", {1, 5, 1200})), Progress::none(), CancelToken()),
                        "out.npy", "index 1200 at position 2", "outside");
        DQ_EXPECT_ERROR(evaluate(withSubset(writeIndices("twice.npy", {4, 9, 4})), Progress::none(), CancelToken()),
                        "twice.npy", "index 4 appears twice", "positions 0 and 2");
        DQ_EXPECT_ERROR(evaluate(withSubset(writeIndices("empty.npy", {})), Progress::none(), CancelToken()), "empty.npy",
                        "empty");
        writeNpy(dir_ / "float.npy", NpyArray::fromVector(std::vector<float>{1.0f, 2.0f}));
        DQ_EXPECT_ERROR(evaluate(withSubset(dir_ / "float.npy"), Progress::none(), CancelToken()), "float.npy", "integer");
        dqtest::writeBytes(dir_ / "trunc.npy", readFileBytes(writeIndices("full.npy", evenIndices())).substr(0, 200));
        DQ_EXPECT_ERROR(evaluate(withSubset(dir_ / "trunc.npy"), Progress::none(), CancelToken()), "trunc.npy");

        EvaluationParams random = p;
        random.subsets = {SubsetSpec::randomLike("x")};
        DQ_EXPECT_ERROR(evaluate(random, Progress::none(), CancelToken()), "random-like: ", "'x'");
        EvaluationParams none = p;
        DQ_EXPECT_ERROR(evaluate(none, Progress::none(), CancelToken()), "nothing to evaluate");
        EvaluationParams badRecipe = withSubset(writeIndices("even.npy", evenIndices()));
        badRecipe.recipe.epochs = 0;
        DQ_EXPECT_ERROR(evaluate(badRecipe, Progress::none(), CancelToken()), "epochs: ");
        badRecipe.recipe.epochs = 1;
        badRecipe.recipe.model = "resnet18-imagenet";
        DQ_EXPECT_ERROR(evaluate(badRecipe, Progress::none(), CancelToken()), "model: ");

        // A dataset without a test split, and one whose test split lacks a class.
        const fs::path noTest = dir_ / "mnist-notest";
        dqtest::writeSmallFashionMnist(noTest, 200, 10);
        fs::remove(noTest / "t10k-images-idx3-ubyte");
        fs::remove(noTest / "t10k-labels-idx1-ubyte");
        EvaluationParams q = p;
        q.datasetSpec = "idx:" + noTest.string();
        q.subsets = {SubsetSpec::full()};
        DQ_EXPECT_ERROR(evaluate(q, Progress::none(), CancelToken()), "no test split");
        q.datasetSpec = dqtest::writeSmallFashionMnist(dir_ / "mnist-no-class-3", 200, 100, 3);
        DQ_EXPECT_ERROR(evaluate(q, Progress::none(), CancelToken()), "has no test images");
    }

    // A reconstructed folder that does not match the dataset: wrong class, wrong size,
    // an index out of range; each named.
    void reconstructedFolderMismatch()
    {
        const Dataset& train = *data_.train;
        auto evaluateFolder = [&](const fs::path& dir) {
            EvaluationParams p = quickParams();
            p.subsets = {SubsetSpec::reconstructed("r", dir)};
            return evaluate(p, Progress::none(), CancelToken());
        };
        {
            ReconstructionFolderWriter w(dir_ / "wrong-class", train.classNames(), train.size());
            w.add(0, (train.label(0) + 1) % 10, train.image(0));
            w.commit();
        }
        DQ_EXPECT_ERROR(evaluateFolder(dir_ / "wrong-class"), "is filed under class", "training sample 0");
        {
            ReconstructionFolderWriter w(dir_ / "wrong-size", train.classNames(), train.size());
            Image small;
            small.height = small.width = 14;
            small.channels = 1;
            small.pixels.assign(14 * 14, 7);
            w.add(1, train.label(1), small);
            w.commit();
        }
        DQ_EXPECT_ERROR(evaluateFolder(dir_ / "wrong-size"), "is 14 x 14 x 1", "28 x 28 x 1");
        {
            ReconstructionFolderWriter w(dir_ / "other-dataset", train.classNames(), 60000);
            w.add(50000, 0, train.image(0));
            w.commit();
        }
        DQ_EXPECT_ERROR(evaluateFolder(dir_ / "other-dataset"), "manifest.csv", "index 50000", "outside");
        fs::create_directories(dir_ / "plain-folder");
        DQ_EXPECT_ERROR(evaluateFolder(dir_ / "plain-folder"), "plain-folder", "no manifest.csv");
    }
};

QTEST_GUILESS_MAIN(EvaluationTest)
#include "tst_Evaluation.moc"
