// extractFeatures on the real Fashion-MNIST (small prefixes): gradient, embedding and
// pixel features, the cache (reuse, --no-cache, corrupt entries), selection training and
// its weights cache, and bad input.
#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "features/FeatureExtractor.h"
#include "features/FeaturesFolder.h"
#include "io/Npy.h"
#include "common/JobContext.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace dq;
namespace fs = std::filesystem;

namespace {

// A binary PGM (gray) or PPM (RGB) image of one colour.
std::string netpbm(int w, int h, int channels, std::uint8_t value)
{
    std::string s = (channels == 1 ? "P5\n" : "P6\n") + std::to_string(w) + " " + std::to_string(h) + "\n255\n";
    s.append(static_cast<std::size_t>(w * h * channels), static_cast<char>(value));
    return s;
}

// extractFeatures in a context of its own; its notes in *notes when asked.
FeatureResult extract(const Dataset& data, const FeatureParams& p, std::vector<Note>* notes = nullptr,
                      Progress& progress = Progress::none(), const CancelToken& cancel = CancelToken())
{
    JobContext context(progress, cancel);
    FeatureResult r = extractFeatures(data, p, context);
    if (notes)
        *notes = context.notes();
    return r;
}

bool anyNote(const std::vector<Note>& notes, const char* code, const char* text)
{
    for (const auto& n : notes)
        if (n.code == code && n.text.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

class FeatureExtractorTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    DatasetBundle fmnist_;

    FeatureParams params(const char* cache, std::int64_t limit = 300) const
    {
        FeatureParams p;
        p.model = "convnet";
        p.limit = limit;
        p.device = "cpu";
        p.cacheDir = dir_ / cache;
        p.datasetSpec = fmnist_.spec;
        p.datasetName = fmnist_.name;
        return p;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        configureThreads();
        fmnist_ = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
    }

    void gradientFeatures()
    {
        FeatureParams p = params("cache-g");
        p.out = dir_ / "g";
        const FeatureResult r = extract(*fmnist_.train, p);
        QCOMPARE(r.mode, FeatureMode::Gradient);
        QCOMPARE(r.folder, p.out);
        QVERIFY(!r.fromCache);
        const NpyArray b = readNpy(r.b), e = readNpy(r.e), l = readNpy(r.labels);
        QCOMPARE(b.shape, (std::vector<std::int64_t>{300, 10}));
        QCOMPARE(e.shape, (std::vector<std::int64_t>{300, 2048}));
        const auto labels = l.toVector<std::int64_t>();
        for (std::int64_t i = 0; i < 300; ++i)
            QCOMPARE(labels[static_cast<std::size_t>(i)], std::int64_t(fmnist_.train->label(i)));
        // b is the softmax Jacobian applied to a vector: every row sums to 0, none is 0.
        const auto bv = b.toVector<float>();
        for (int row = 0; row < 300; ++row) {
            double sum = 0, norm = 0;
            for (int c = 0; c < 10; ++c) {
                sum += bv[static_cast<std::size_t>(row * 10 + c)];
                norm += std::abs(bv[static_cast<std::size_t>(row * 10 + c)]);
            }
            QVERIFY(std::abs(sum) < 1e-6);
            QVERIFY(norm > 1e-4);
        }
        // ReLU then average pooling: e >= 0, and images differ.
        const auto ev = e.toVector<float>();
        QVERIFY(*std::min_element(ev.begin(), ev.end()) >= 0.0f);
        QVERIFY(!std::equal(ev.begin(), ev.begin() + 2048, ev.begin() + 2048));
        const FeaturesFolder f = readFeaturesFolder(r.folder);
        QCOMPARE(f.rows, std::int64_t(300));
        QCOMPARE(f.datasetName, std::string("FashionMNIST"));
    }

    void cacheIsReusedAndRepaired()
    {
        FeatureParams p = params("cache-c", 200);
        const FeatureResult first = extract(*fmnist_.train, p);
        QVERIFY(!first.fromCache);
        QCOMPARE(first.folder.parent_path(), p.cacheDir / "features");
        const std::string e1 = readFileBytes(first.e);
        QVERIFY(findCachedFeatures(*fmnist_.train, p).has_value());

        const FeatureResult second = extract(*fmnist_.train, p);
        QVERIFY(second.fromCache);
        QCOMPARE(second.folder, first.folder);

        p.reuseCache = false; // --no-cache: recomputed, same values
        const FeatureResult forced = extract(*fmnist_.train, p);
        QVERIFY(!forced.fromCache);
        QCOMPARE(readFileBytes(forced.e), e1);

        // Other parameters, other entry.
        FeatureParams other = params("cache-c", 200);
        other.seed = 1;
        QVERIFY(!findCachedFeatures(*fmnist_.train, other).has_value());

        // A damaged entry is recomputed, with a note.
        p.reuseCache = true;
        fs::resize_file(first.e, fs::file_size(first.e) - 100);
        QVERIFY(!findCachedFeatures(*fmnist_.train, p).has_value());
        std::vector<Note> notes;
        const FeatureResult repaired = extract(*fmnist_.train, p, &notes);
        QVERIFY(!repaired.fromCache);
        QVERIFY(anyNote(notes, "features.cache-repaired", "corrupt"));
        QCOMPARE(notes.front().where, first.folder.string());
        QCOMPARE(readFileBytes(repaired.e), e1);
        dqtest::writeBytes(repaired.folder / "features.json", "{ not json");
        const FeatureResult again = extract(*fmnist_.train, p);
        QVERIFY(!again.fromCache);
        QCOMPARE(readFileBytes(again.e), e1);
        QVERIFY(extract(*fmnist_.train, p).fromCache);
    }

    void embeddingAndPixels()
    {
        FeatureParams p = params("cache-e", 100);
        p.mode = FeatureMode::Embedding;
        const FeatureResult e = extract(*fmnist_.train, p);
        QVERIFY(e.b.empty());
        QCOMPARE(e.features.filename().string(), std::string("embedding.npy"));
        QCOMPARE(readNpy(e.features).shape, (std::vector<std::int64_t>{100, 2048}));

        p.model = "pixels";
        p.mode = FeatureMode::Auto;
        const FeatureResult px = extract(*fmnist_.train, p);
        QCOMPARE(px.mode, FeatureMode::Pixels);
        const NpyArray a = readNpy(px.features);
        QCOMPARE(a.shape, (std::vector<std::int64_t>{100, 784}));
        const Image img = fmnist_.train->image(42);
        QCOMPARE(a.toVector<float>()[42 * 784 + 400], img.pixels[400] / 255.0f);
    }

    // Selection training lowers the loss (a small TorchScript network: the ConvNet needs
    // more data than a test can afford to settle at the reference's lr 0.1).
    void trainingLowersLoss()
    {
        FeatureParams p = params("cache-l", 1024);
        p.model = "torchscript:" + (dqtest::fixturesDir() / "torchscript" / "tiny.pt").string();
        p.epochs = 4;
        p.mode = FeatureMode::Embedding;
        const FeatureResult r = extract(*fmnist_.train, p);
        QCOMPARE(r.epochLoss.size(), std::size_t(4));
        QVERIFY2(r.epochLoss[3] < 0.8 * r.epochLoss[0],
                 qPrintable(QString("%1 -> %2").arg(r.epochLoss[0]).arg(r.epochLoss[3])));
        QVERIFY(r.trainImagesPerSecond > 0);
    }

    // Trained weights are cached and reused; a damaged weights file is trained again.
    void trainedWeightsAreCached()
    {
        FeatureParams p = params("cache-t", 256);
        p.epochs = 1;
        std::vector<std::string> stages;
        Progress progress(
            [&](const ProgressEvent& e) {
                if (stages.empty() || stages.back() != e.stage)
                    stages.push_back(e.stage);
            },
            0);
        const FeatureResult r = extract(*fmnist_.train, p, nullptr, progress);
        QCOMPARE(stages, (std::vector<std::string>{"training", "features"}));
        QCOMPARE(r.epochLoss.size(), std::size_t(1));
        QVERIFY(!r.weightsFromCache);
        const std::string e1 = readFileBytes(r.e);
        FeatureParams untrained = params("cache-t", 256);
        QVERIFY(readFileBytes(extract(*fmnist_.train, untrained).e) != e1);

        FeatureParams q = p; // other features of the same training: the weights come from the cache
        q.mode = FeatureMode::Embedding;
        const FeatureResult emb = extract(*fmnist_.train, q);
        QVERIFY(emb.weightsFromCache);
        QVERIFY(emb.epochLoss.empty());
        QCOMPARE(readFileBytes(emb.features), e1); // same N x D float32 values, same header

        // A damaged weights file is trained again, to the same weights (same seed).
        std::vector<fs::path> weights;
        for (const auto& f : fs::directory_iterator(p.cacheDir / "weights"))
            weights.push_back(f.path());
        QCOMPARE(weights.size(), std::size_t(1));
        dqtest::writeBytes(weights[0], "garbage");
        fs::remove_all(emb.folder);
        std::vector<Note> notes;
        const FeatureResult retrained = extract(*fmnist_.train, q, &notes);
        QVERIFY(!retrained.weightsFromCache);
        QVERIFY(anyNote(notes, "features.weights-cache-repaired", "training again"));
        QCOMPARE(readFileBytes(retrained.features), e1);
    }

    void badInput()
    {
        FeatureParams p = params("cache-bad", 10);
        p.model = "vgg16";
        DQ_EXPECT_FIELD_ERROR(extract(*fmnist_.train, p), "model", "vgg16");
        p = params("cache-bad", 10);
        p.mode = FeatureMode::Pixels;
        DQ_EXPECT_FIELD_ERROR(extract(*fmnist_.train, p), "mode", "pixels");
        p = params("cache-bad", 10);
        p.device = "tpu";
        DQ_EXPECT_FIELD_ERROR(extract(*fmnist_.train, p), "device", "tpu");
        p = params("cache-bad", 10);
        p.weights = dir_ / "missing.pth";
        DQ_EXPECT_ERROR(extract(*fmnist_.train, p), "missing.pth", "no such weights file");
        // CUDA requested: on a machine without it, a clear error; with it, features on it.
        p = params("cache-bad", 10);
        p.device = "cuda";
        try {
            const FeatureResult r = extract(*fmnist_.train, p);
            QVERIFY(r.device.rfind("cuda", 0) == 0);
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("device: cuda requested but CUDA is not available"), e.what());
        }
        // A cancelled job leaves nothing behind.
        p = params("cache-cancel", 10);
        p.out = dir_ / "cancelled";
        CancelToken cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, extract(*fmnist_.train, p, nullptr, Progress::none(), cancel));
        QVERIFY(!fs::exists(p.out));
        QVERIFY(!fs::exists(p.cacheDir / "features") || fs::is_empty(p.cacheDir / "features"));
        // An --out folder that holds something else is not replaced.
        p = params("cache-bad", 10);
        p.out = dir_ / "foreign";
        dqtest::writeBytes(p.out / "notes.txt", "mine");
        DQ_EXPECT_ERROR(extract(*fmnist_.train, p), "foreign", "refusing");
    }

    // An ImageFolder whose first image is gray gets a 1-channel model; a colour image later
    // is an error naming its file. Gray images for a 3-channel model are repeated.
    void imageChannelMismatch()
    {
        const fs::path root = dir_ / "folder";
        dqtest::writeBytes(root / "a" / "0.pgm", netpbm(20, 20, 1, 100));
        dqtest::writeBytes(root / "a" / "1.pgm", netpbm(20, 20, 1, 120));
        dqtest::writeBytes(root / "b" / "2.ppm", netpbm(20, 20, 3, 200));
        const DatasetBundle folder = openDataset("imagefolder:" + root.string());
        FeatureParams p = params("cache-folder", 0);
        p.datasetSpec = folder.spec;
        p.datasetName = folder.name;
        DQ_EXPECT_ERROR(extract(*folder.train, p), "image 2", "2.ppm", "3 channel(s) but the model takes 1");
        p.model = "resnet18-imagenet"; // 3 channels: gray is repeated, colour fits
        p.imageSize = 32;
        const FeatureResult r = extract(*folder.train, p);
        QCOMPARE(r.rows, std::int64_t(3));
        QCOMPARE(r.input.channels, 3);
        QCOMPARE(r.input.normalization, std::string("imagenet"));
    }
};

QTEST_GUILESS_MAIN(FeatureExtractorTest)
#include "tst_FeatureExtractor.moc"
