// Tests of the masked autoencoder (core/pixel/internal/MaeModel.h, MaeCheckpoint.h): parity with
// the reference architecture (tests/fixtures/mae/make_mae_fixture.py writes models_mae.py
// in plain torch 1.13 and saves its weights, inputs and outputs), configuration
// inference, strict loading, patch layout and our own checkpoints.
// LibTorch before Qt: Qt's `slots` macro breaks torch's headers.
#include "pixel/internal/MaeCheckpoint.h"
#include "pixel/internal/MaeConfig.h"
#include "pixel/internal/MaeModel.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/nn.h>

#include "TestSupport.h"

#include "common/Error.h"
#include "io/Npy.h"
#include "pixel/ExpectedGrid.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

fs::path fixture(const char* name) { return dqtest::fixturesDir() / "mae" / name; }

torch::Tensor npy(const fs::path& p)
{
    const dq::NpyArray a = dq::readNpy(p);
    const auto dtype = a.dtype == dq::DType::Int64 ? torch::kLong : torch::kFloat;
    return torch::from_blob(const_cast<std::uint8_t*>(a.bytes.data()), a.shape, dtype).clone();
}

// The fixture's architecture (its heads cannot be told from the shapes).
dq::MaeConfig tinyConfig()
{
    dq::MaeConfig c;
    c.name = "tiny";
    c.imageSize = 16;
    c.patchSize = 4;
    c.channels = 3;
    c.embedDim = 32;
    c.depth = 2;
    c.heads = 4;
    c.decoderEmbedDim = 24;
    c.decoderDepth = 1;
    c.decoderHeads = 4;
    return c;
}

// Patch ids, one row per image.
torch::Tensor ids(std::int64_t rows, std::vector<std::int64_t> values)
{
    return torch::tensor(values, torch::kLong).reshape({rows, -1});
}

double maxAbs(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

// A state dict of the official shapes, without the memory (inference reads shapes only).
dq::NamedTensors officialShapes(int width, int depth, int patch, int grid)
{
    const auto shaped = [](std::vector<std::int64_t> s) { return torch::zeros({1}).expand(s); };
    dq::NamedTensors s;
    s.emplace_back("cls_token", shaped({1, 1, width}));
    s.emplace_back("pos_embed", shaped({1, grid * grid + 1, width}));
    s.emplace_back("patch_embed.proj.weight", shaped({width, 3, patch, patch}));
    for (int i = 0; i < depth; ++i)
        s.emplace_back("blocks." + std::to_string(i) + ".mlp.fc1.weight", shaped({4 * width, width}));
    s.emplace_back("decoder_embed.weight", shaped({512, width}));
    for (int i = 0; i < 8; ++i)
        s.emplace_back("decoder_blocks." + std::to_string(i) + ".norm1.weight", shaped({512}));
    return s;
}

} // namespace

class TestMaeModel : public QObject {
    Q_OBJECT

private slots:
    void parity_data();
    void parity();
    void officialNames();
    void positionEmbedding();
    void configInference_data();
    void configInference();
    void headsNeeded();
    void strictLoading();
    void configNames();
    void expectedGrids();
    void patchLayout();
    void reconstructKeepsPatches();
    void keepIdsChecked();
    void randomMasking();
    void seededInit();
    void saveLoadRoundtrip();
};

void TestMaeModel::parity_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("withConfig");
    QTest::newRow("zip, config given") << "tiny_mae.pth" << true;
    QTest::newRow("legacy, config given") << "tiny_mae_legacy.pth" << true;
    QTest::newRow("dq_config, inferred") << "tiny_mae_dq.pth" << false;
}

// The reference's forward_decoder output and reconstruction, to 1e-4.
void TestMaeModel::parity()
{
    QFETCH(QString, file);
    QFETCH(bool, withConfig);
    const fs::path path = fixture(file.toUtf8().constData());
    dq::MaeModel model = withConfig ? dq::loadMae(path, tinyConfig()) : dq::loadMae(path);
    QVERIFY(model->config().sameArchitecture(tinyConfig()));
    model->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor images = npy(fixture("input.npy"));
    const torch::Tensor keep = npy(fixture("keep_ids.npy"));
    QCOMPARE(keep.sizes().vec(), (std::vector<std::int64_t>{3, 9}));
    QVERIFY(!torch::equal(keep, std::get<0>(keep.sort(1)))); // the order is not ascending
    const torch::Tensor pred = model->predict(images, keep);
    const torch::Tensor expected = npy(fixture("pred.npy"));
    QCOMPARE(pred.sizes().vec(), (std::vector<std::int64_t>{3, 16, 48}));
    const double err = maxAbs(pred, expected);
    QVERIFY2(err < 1e-4, qPrintable(QString("prediction differs by %1").arg(err)));
    const double recErr = maxAbs(model->reconstruct(images, keep), npy(fixture("recon.npy")));
    QVERIFY2(recErr < 1e-4, qPrintable(QString("reconstruction differs by %1").arg(recErr)));
    // The kept ids' order does not matter (attention is permutation-equivariant).
    const torch::Tensor sortedPred = model->predict(images, std::get<0>(keep.sort(1)));
    QVERIFY(maxAbs(sortedPred, expected) < 1e-4);
    // An untrained model does not match: the comparison can fail.
    dq::MaeModel fresh(tinyConfig(), 1);
    QVERIFY(maxAbs(fresh->predict(images, keep), expected) > 1e-2);
}

// Every key of the official state dict, and nothing else, in the official order.
void TestMaeModel::officialNames()
{
    const dq::NamedTensors file = dq::stateDict(dq::readTorchCheckpoint(fixture("tiny_mae.pth")));
    dq::MaeModel model(tinyConfig());
    std::vector<std::string> ours, theirs;
    for (const auto& p : model->named_parameters())
        ours.push_back(p.key());
    for (const auto& b : model->named_buffers())
        ours.push_back(b.key());
    for (const auto& [name, t] : file)
        theirs.push_back(name);
    QCOMPARE(ours, theirs);
    QVERIFY(!model->pos_embed.requires_grad());
    QVERIFY(!model->decoder_pos_embed.requires_grad());
    QVERIFY(model->cls_token.requires_grad());
}

// The fixed sin-cos embeddings equal the reference's get_2d_sincos_pos_embed.
void TestMaeModel::positionEmbedding()
{
    std::map<std::string, torch::Tensor> file;
    for (const auto& [name, t] : dq::stateDict(dq::readTorchCheckpoint(fixture("tiny_mae.pth"))))
        file[name] = t;
    dq::MaeModel model(tinyConfig(), 7);
    QVERIFY(maxAbs(model->pos_embed, file.at("pos_embed")) < 1e-6);
    QVERIFY(maxAbs(model->decoder_pos_embed, file.at("decoder_pos_embed")) < 1e-6);
    QCOMPARE(model->pos_embed.sizes().vec(), (std::vector<std::int64_t>{1, 17, 32}));
    QCOMPARE(model->pos_embed[0][0].abs().sum().item<double>(), 0.0); // the class token's row
}

void TestMaeModel::configInference_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("patch");
    QTest::addColumn<int>("heads");
    QTest::newRow("base") << "base" << 768 << 12 << 16 << 12;
    QTest::newRow("large") << "large" << 1024 << 24 << 16 << 16;
    QTest::newRow("huge") << "huge" << 1280 << 32 << 14 << 16;
}

// The official widths give their heads and names; the shapes give the rest.
void TestMaeModel::configInference()
{
    QFETCH(QString, name);
    QFETCH(int, width);
    QFETCH(int, depth);
    QFETCH(int, patch);
    QFETCH(int, heads);
    const dq::MaeConfig c = dq::inferMaeConfig(officialShapes(width, depth, patch, 224 / patch), nullptr, "x.pth");
    QCOMPARE(QString::fromStdString(c.name), name);
    QCOMPARE(c.embedDim, width);
    QCOMPARE(c.depth, depth);
    QCOMPARE(c.heads, heads);
    QCOMPARE(c.patchSize, patch);
    QCOMPARE(c.imageSize, 224);
    QCOMPARE(c.channels, 3);
    QCOMPARE(c.decoderEmbedDim, 512);
    QCOMPARE(c.decoderDepth, 8);
    QCOMPARE(c.decoderHeads, 16);
    QCOMPARE(c.mlpRatio, 4.0);
    QVERIFY(c.sameArchitecture(dq::maeConfig(name.toStdString())));
    // The fixture's own dq_config gives the heads of other widths.
    const dq::MaeConfig tiny = dq::readMaeConfig(fixture("tiny_mae_dq.pth"));
    QVERIFY(tiny.sameArchitecture(tinyConfig()));
    QCOMPARE(tiny.name, std::string("tiny"));
    // A tensor the inference needs, missing: named.
    auto partial = officialShapes(width, depth, patch, 224 / patch);
    partial.erase(partial.begin() + 1);
    DQ_EXPECT_ERROR(dq::inferMaeConfig(partial, nullptr, "/m/x.pth"), "/m/x.pth", "no tensor pos_embed");
}

void TestMaeModel::headsNeeded()
{
    const std::string file = fixture("tiny_mae.pth").string();
    DQ_EXPECT_ERROR(dq::loadMae(fixture("tiny_mae.pth")), file.c_str(),
                    "cannot tell the attention heads of a 32-wide encoder", "give the configuration");
}

// A missing, an extra and a mis-shaped key are all named in one error.
void TestMaeModel::strictLoading()
{
    const fs::path bad = fixture("tiny_mae_bad.pth");
    const std::string badName = bad.string(), npyName = fixture("input.npy").string();
    DQ_EXPECT_ERROR(dq::loadMae(bad, tinyConfig()), badName.c_str(), "1 missing key (blocks.1.attn.qkv.bias)",
                    "1 unexpected key (head.weight)",
                    "decoder_blocks.0.mlp.fc2.weight has shape [24, 48] in the file but [24, 96] in the model");
    // The other architecture for good weights: every mis-shaped key is listed.
    dq::MaeConfig wider = tinyConfig();
    wider.decoderEmbedDim = 32;
    DQ_EXPECT_ERROR(dq::loadMae(fixture("tiny_mae.pth"), wider), "mask_token has shape [1, 1, 24] in the file",
                    "decoder_pred.weight has shape [48, 24] in the file but [48, 32] in the model");
    // Not a checkpoint at all.
    DQ_EXPECT_ERROR(dq::loadMae(fixture("input.npy")), npyName.c_str());
}

void TestMaeModel::configNames()
{
    const dq::MaeConfig base = dq::maeConfig("base");
    QCOMPARE(base.embedDim, 768);
    QCOMPARE(base.depth, 12);
    QCOMPARE(base.heads, 12);
    QCOMPARE(base.decoderEmbedDim, 512);
    QCOMPARE(base.decoderDepth, 8);
    QCOMPARE(base.decoderHeads, 16);
    QCOMPARE(base.imageSize, 224);
    QCOMPARE(base.grid(), (dq::PatchGrid{14, 14, 16}));
    QCOMPARE(dq::maeConfig("large").embedDim, 1024);
    QCOMPARE(dq::maeConfig("large").depth, 24);
    QCOMPARE(dq::maeConfig("huge").patchSize, 14);
    QCOMPARE(dq::maeConfig("huge").grid().count(), 256);
    const dq::MaeConfig compact = dq::maeConfig("compact", 32, 3);
    QCOMPARE(compact.patchSize, 4);
    QCOMPARE(compact.grid(), (dq::PatchGrid{8, 8, 4}));
    QCOMPARE(compact.channels, 3);
    QCOMPARE(dq::maeConfig("compact").imageSize, 28);
    QCOMPARE(dq::maeConfig("compact").channels, 1);
    bool usage = false;
    try {
        dq::maeConfig("giant");
    } catch (const dq::UsageError& e) {
        usage = QString(e.what()).contains("unknown name 'giant' (known: base, large, huge, compact)");
    }
    QVERIFY(usage);
    DQ_EXPECT_ERROR(dq::maeConfig("compact", 30), "image size 30 is not a multiple of the compact patch size 4");
    DQ_EXPECT_ERROR(dq::maeConfig("huge", 224 + 16), "not a multiple");
}

// The official layout: patch (r, c) row-major; within it pixel (i, j), channel last.
// The grid known before a model exists is the one the model then has: core's one rule,
// which DQ Studio's patch readout uses.
void TestMaeModel::expectedGrids()
{
    const dq::ImageShape fashion{28, 28, 1}, cifar{32, 32, 3}, imagenet{224, 224, 3}, wide{100, 60, 3};
    dq::ReconstructionSpec compact; // mae-compact, trained here
    for (const dq::ImageShape& s : {fashion, cifar, imagenet, wide}) {
        const dq::MaeConfig trained = dq::maeConfig("compact", dq::maeWorkingSize(s, 4), s.channels);
        QCOMPARE(*dq::expectedPatchGrid(s, compact), trained.grid());
    }
    QCOMPARE(*dq::expectedPatchGrid(fashion, compact), (dq::PatchGrid{7, 7, 4}));
    QCOMPARE(*dq::expectedPatchGrid(imagenet, compact), (dq::PatchGrid{56, 56, 4}));
    QCOMPARE(*dq::expectedPatchGrid(wide, compact), (dq::PatchGrid{25, 25, 4}));
    dq::ReconstructionSpec inpaint;
    inpaint.kind = dq::ReconstructionSpec::Kind::Inpaint;
    inpaint.inpaintMethod = "telea";
    QCOMPARE(*dq::expectedPatchGrid(cifar, inpaint), (dq::PatchGrid{8, 8, 4}));
    QCOMPARE(*dq::expectedPatchGrid(imagenet, inpaint), (dq::PatchGrid{14, 14, 16}));
    QCOMPARE(*dq::expectedPatchGrid(wide, inpaint), (dq::PatchGrid{6, 4, 16}));
    // A checkpoint holds its own patch size (ViT-H's is 14, not 16): no guess.
    dq::ReconstructionSpec official;
    official.kind = dq::ReconstructionSpec::Kind::Mae;
    official.file = "mae_visualize_vit_huge.pth";
    QVERIFY(!dq::expectedPatchGrid(imagenet, official));
    compact.file = "compact.pth";
    QVERIFY(!dq::expectedPatchGrid(fashion, compact));
}

void TestMaeModel::patchLayout()
{
    dq::MaeModel model(tinyConfig());
    const torch::Tensor images = torch::rand({2, 3, 16, 16});
    const torch::Tensor x = model->patchify(images);
    QCOMPARE(x.sizes().vec(), (std::vector<std::int64_t>{2, 16, 48}));
    QVERIFY(torch::equal(model->unpatchify(x), images));
    const int r = 2, c = 1, i = 3, j = 0, ch = 2;
    QCOMPARE(x[1][r * 4 + c][(i * 4 + j) * 3 + ch].item<float>(), images[1][ch][r * 4 + i][c * 4 + j].item<float>());
    DQ_EXPECT_ERROR(model->patchify(torch::rand({1, 3, 16, 12})), "expected images of N x 3 x 16 x 16", "[1, 3, 16, 12]");
    DQ_EXPECT_ERROR(model->unpatchify(torch::rand({1, 15, 48})), "expected N x 16 x 48");
}

void TestMaeModel::reconstructKeepsPatches()
{
    dq::MaeModel model(tinyConfig(), 3);
    const torch::Tensor images = torch::randn({2, 3, 16, 16});
    const torch::Tensor keep = ids(2, {9, 0, 4, 15, 3, 2, 1, 8});
    const torch::Tensor out = model->reconstruct(images, keep);
    QCOMPARE(out.sizes(), images.sizes());
    const torch::Tensor a = model->patchify(out), b = model->patchify(images);
    const torch::Tensor kept = model->droppedMask(keep).eq(0);
    QCOMPARE(kept.sum().item<std::int64_t>(), std::int64_t{8});
    for (int n = 0; n < 2; ++n)
        for (int p = 0; p < 16; ++p) {
            const bool isKept = kept[n][p].item<bool>();
            QCOMPARE(torch::equal(a[n][p], b[n][p]), isKept); // bit-exact where kept, predicted elsewhere
        }
    QVERIFY(!out.requires_grad());
}

void TestMaeModel::keepIdsChecked()
{
    dq::MaeModel model(tinyConfig());
    const torch::Tensor images = torch::zeros({1, 3, 16, 16});
    DQ_EXPECT_ERROR(model->predict(images, ids(1, {1, 1})), "repeated");
    DQ_EXPECT_ERROR(model->predict(images, ids(1, {1, 16})), "[0, 16)");
    DQ_EXPECT_ERROR(model->predict(images, torch::zeros({1, 2})), "int64");
    DQ_EXPECT_ERROR(model->predict(images, torch::zeros({2, 2}, torch::kLong)), "expected 1 x k");
    // Every patch kept, or none: both run.
    QCOMPARE(model->predict(images, torch::arange(16).unsqueeze(0)).size(1), std::int64_t{16});
    QCOMPARE(model->predict(images, torch::zeros({1, 0}, torch::kLong)).size(1), std::int64_t{16});
}

// The official forward: int(L * (1 - ratio)) kept, loss over the dropped patches only.
void TestMaeModel::randomMasking()
{
    dq::MaeModel model(tinyConfig(), 5);
    const torch::Tensor images = torch::randn({4, 3, 16, 16});
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(11);
    const dq::MaeOutput out = model->forwardRandomMasking(images, 0.75, gen);
    QCOMPARE(out.pred.sizes().vec(), (std::vector<std::int64_t>{4, 16, 48}));
    QVERIFY(torch::equal(out.mask.sum(1), torch::full({4}, 12.0f)));
    const torch::Tensor perPatch = (out.pred - model->patchify(images)).pow(2).mean(-1);
    const double manual = ((perPatch * out.mask).sum() / 48.0).item<double>();
    QVERIFY(std::abs(out.loss.item<double>() - manual) < 1e-6);
    out.loss.backward();
    QVERIFY(model->cls_token.grad().defined() && model->mask_token.grad().defined());
    QVERIFY(!model->pos_embed.grad().defined());
    // The same generator state gives the same masks; the global generator is not used.
    at::Generator g1 = at::make_generator<at::CPUGeneratorImpl>(11);
    torch::manual_seed(99);
    const torch::Tensor before = torch::rand({3});
    torch::manual_seed(99);
    const dq::MaeOutput again = model->forwardRandomMasking(images, 0.75, g1);
    QVERIFY(torch::equal(again.mask, out.mask));
    QVERIFY(torch::equal(torch::rand({3}), before));
    DQ_EXPECT_ERROR(model->forwardRandomMasking(images, 0.0, gen), "mask ratio");
    // norm_pix_loss: targets normalised per patch.
    dq::MaeConfig npl = tinyConfig();
    npl.normPixLoss = true;
    dq::MaeModel normed(npl, 5);
    const torch::Tensor t = normed->patchify(images);
    const torch::Tensor nt = (t - t.mean(-1, true)) / (t.var(-1, true, true) + 1e-6).sqrt();
    const torch::Tensor zero = torch::zeros({4, 16});
    zero.slice(1, 0, 8).fill_(1.0);
    QVERIFY(std::abs(normed->loss(images, nt, zero).item<double>()) < 1e-10);
    QVERIFY(model->loss(images, nt, zero).item<double>() > 1e-3);
}

// Weights from an explicit seed: reproducible, seed-dependent, global generator untouched.
void TestMaeModel::seededInit()
{
    torch::manual_seed(42);
    const torch::Tensor expected = torch::rand({4});
    torch::manual_seed(42);
    dq::MaeModel a(tinyConfig(), 1), b(tinyConfig(), 1), c(tinyConfig(), 2);
    QVERIFY(torch::equal(torch::rand({4}), expected));
    const auto pa = a->named_parameters(), pb = b->named_parameters(), pc = c->named_parameters();
    for (const auto& p : pa) {
        QVERIFY(torch::equal(p.value(), pb[p.key()]));
        if (p.value().dim() > 1 && p.key().find("pos_embed") == std::string::npos)
            QVERIFY2(!torch::equal(p.value(), pc[p.key()]), p.key().c_str());
    }
    // initialize_weights: xavier_uniform for Linear, biases 0, LayerNorm 1/0, tokens ~ N(0, 0.02).
    const torch::Tensor qkv = a->blocks[0]->as<dq::MaeBlock>()->attn->qkv->weight;
    const double bound = std::sqrt(6.0 / (32 + 96));
    QVERIFY(qkv.abs().max().item<double>() <= bound);
    QVERIFY(qkv.abs().max().item<double>() > 0.9 * bound);
    QCOMPARE(a->blocks[0]->as<dq::MaeBlock>()->attn->qkv->bias.abs().sum().item<double>(), 0.0);
    QCOMPARE(a->norm->weight.sum().item<double>(), 32.0);
    const double sd = a->mask_token.std().item<double>();
    QVERIFY2(sd > 0.01 && sd < 0.03, qPrintable(QString::number(sd)));
}

// saveMae writes what loadMae and Python's torch.load read back.
void TestMaeModel::saveLoadRoundtrip()
{
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "sub" / "mae.pth";
    fs::create_directories(file.parent_path());
    dq::MaeConfig config = dq::maeConfig("compact", 28, 1);
    config.mean = {0.286f};
    config.std = {0.353f};
    dq::MaeModel model(config, 9);
    dq::MaeTrainingRecord record;
    record.cacheKeyText = "{\"k\":1}";
    record.epochLoss = {0.1, 0.3}; // not floats: kept as doubles
    record.device = "cpu";
    dq::saveMae(model, file, record);
    QVERIFY(fs::is_regular_file(file));
    const dq::MaeModel back = dq::loadMae(file);
    QVERIFY(back->config().sameArchitecture(config));
    QCOMPARE(back->config().name, std::string("compact"));
    QCOMPARE(back->config().mean, config.mean);
    QCOMPARE(back->config().std, config.std);
    const auto original = model->named_parameters();
    for (const auto& p : back->named_parameters())
        QVERIFY2(torch::equal(p.value(), original[p.key()]), p.key().c_str());
    QVERIFY(!back->pos_embed.requires_grad());
    const dq::MaeTrainingRecord r = dq::readMaeTrainingRecord(file);
    QCOMPARE(r.cacheKeyText, record.cacheKeyText);
    QCOMPARE(r.epochLoss, record.epochLoss);
    QCOMPARE(r.device, std::string("cpu"));

    // Python's torch.load, where Debian's python3-torch is installed.
    if (!fs::exists("/usr/bin/python3"))
        QSKIP("no /usr/bin/python3 to read the checkpoint with torch.load");
    QProcess py;
    py.start("/usr/bin/python3", {"-c",
                                  "import sys, torch\n"
                                  "c = torch.load(sys.argv[1])\n"
                                  "m = c['model']; d = c['dq_config']\n"
                                  "print(len(m), tuple(m['pos_embed'].shape), d['heads'], d['name'], d['mean'],"
                                  " d['training']['epoch_loss'], float(m['decoder_pred.bias'].sum()))",
                                  QString::fromStdString(file.string())});
    QVERIFY(py.waitForFinished(60000));
    const QString out = QString::fromUtf8(py.readAllStandardOutput()).trimmed();
    const QString err = QString::fromUtf8(py.readAllStandardError());
    if (err.contains("No module named 'torch'"))
        QSKIP("/usr/bin/python3 has no torch");
    QVERIFY2(py.exitCode() == 0, qPrintable(err));
    const auto count = static_cast<int>(model->named_parameters().size());
    QVERIFY2(out.startsWith(QString("%1 (1, 50, 128) 4 compact [0.28600001335144043] [0.1, 0.3] 0.0").arg(count)),
             qPrintable(out));
}

QTEST_GUILESS_MAIN(TestMaeModel)
#include "tst_MaeModel.moc"
