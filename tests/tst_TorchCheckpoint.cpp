// Tests of the PyTorch checkpoint reader (core/io/internal/TorchCheckpoint.h) on files written by
// torch.save itself (Debian's python3-torch 1.13): tests/fixtures/make_checkpoint_fixtures.py.
#include "io/internal/PickleDict.h"
#include "io/internal/TorchCheckpoint.h"
#include "io/internal/TorchPickle.h"

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "io/Npy.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using namespace std::string_literals;

namespace {

fs::path checkpoints() { return dqtest::fixturesDir() / "checkpoints"; }

at::Tensor npyTensor(const dq::NpyArray& a)
{
    auto* data = const_cast<std::uint8_t*>(a.bytes.data());
    switch (a.dtype) {
    case dq::DType::Float64:
        return at::from_blob(data, a.shape, at::kDouble).clone();
    case dq::DType::Float32:
        return at::from_blob(data, a.shape, at::kFloat).clone();
    case dq::DType::Int64:
        return at::from_blob(data, a.shape, at::kLong).clone();
    default:
        throw std::runtime_error("unexpected npy dtype");
    }
}

std::map<std::string, at::Tensor> byName(const dq::NamedTensors& v) { return {v.begin(), v.end()}; }

const dq::PickleValue& entry(const dq::TorchCheckpoint& c, const char* key)
{
    const dq::PickleDict* d = dq::checkpointDict(c.root);
    if (!d || !d->findText(key))
        throw std::runtime_error(std::string("no entry ") + key);
    return *d->findText(key);
}

// What reading a damaged file gives: "loaded", "error" (a dq::Error naming the file) or
// what went wrong instead (a crash would end the test).
QString outcome(const fs::path& file)
{
    try {
        (void)dq::readTorchCheckpoint(file);
        return "loaded";
    } catch (const dq::Error& e) {
        const QString msg = QString::fromStdString(e.what());
        if (!msg.startsWith(QString::fromStdString(file.string() + ": ")))
            return "message does not name the file: " + msg;
        return "error";
    } catch (const std::exception& e) {
        return QString("not a dq::Error: ") + e.what();
    }
}

// A zip checkpoint whose data.pkl is `pickle`, written with LibTorch's own writer.
void writeZipCheckpoint(const fs::path& path, const std::string& pickle)
{
    caffe2::serialize::PyTorchStreamWriter writer(path.string());
    writer.writeRecord("data.pkl", pickle.data(), pickle.size());
    writer.writeEndOfFile();
}

std::string unicode(const std::string& s)
{
    std::string out = "X";
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((s.size() >> (8 * i)) & 0xff);
    return out + s;
}

const std::string kOrderedDict = "ccollections\nOrderedDict\n)R";

} // namespace

class TestTorchCheckpoint : public QObject {
    Q_OBJECT

private slots:
    void formats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("legacy");
        QTest::newRow("zip") << "tensors_zip.pth" << false;
        QTest::newRow("legacy") << "tensors_legacy.pth" << true;
    }

    // Every tensor equals the values Python wrote beside it, with its dtype and shape.
    void formats()
    {
        QFETCH(QString, file);
        QFETCH(bool, legacy);
        const auto c = dq::readTorchCheckpoint(checkpoints() / file.toStdString());
        QCOMPARE(c.format, legacy ? dq::TorchCheckpoint::Format::Legacy : dq::TorchCheckpoint::Format::Zip);
        const auto state = dq::stateDict(c);
        const std::vector<std::string> order = {"transposed", "shared_a", "shared_b", "every_other", "float64",  "float16",
                                                "bfloat16",   "int64",    "int32",    "int16",       "int8",     "uint8",
                                                "bool",       "param",    "scalar",   "empty",       "old_style"};
        QCOMPARE(state.size(), order.size());
        const std::map<std::string, at::ScalarType> dtypes = {{"float64", at::kDouble},    {"float16", at::kHalf},
                                                              {"bfloat16", at::kBFloat16}, {"int64", at::kLong},
                                                              {"int32", at::kInt},         {"int16", at::kShort},
                                                              {"int8", at::kChar},         {"uint8", at::kByte},
                                                              {"bool", at::kBool}};
        for (std::size_t i = 0; i < order.size(); ++i) {
            const auto& [name, t] = state[i];
            QCOMPARE(name, order[i]);
            QVERIFY(t.device().is_cpu());
            const auto dt = dtypes.count(name) ? dtypes.at(name) : at::kFloat;
            QVERIFY2(t.scalar_type() == dt, name.c_str());
            const at::Tensor expected = npyTensor(dq::readNpy(checkpoints() / "tensors" / (name + ".npy")));
            QVERIFY2(t.sizes() == expected.sizes(), name.c_str());
            const at::Tensor got = t.to(expected.scalar_type());
            QVERIFY2(at::equal(got, expected), name.c_str());
        }
        // int64 values beyond 2^53 survive exactly.
        QCOMPARE(byName(state).at("int64")[2].item<std::int64_t>(), std::int64_t{1} << 62);
    }

    void viewsAndSharedStorages_data() { formats_data(); }

    void viewsAndSharedStorages()
    {
        QFETCH(QString, file);
        const auto t = byName(dq::stateDict(dq::readTorchCheckpoint(checkpoints() / file.toStdString())));
        const at::Tensor& tr = t.at("transposed");
        QCOMPARE(tr.sizes().vec(), (std::vector<std::int64_t>{4, 3}));
        QCOMPARE(tr.strides().vec(), (std::vector<std::int64_t>{1, 4}));
        QVERIFY(!tr.is_contiguous());
        at::Tensor a = t.at("shared_a");
        const at::Tensor& b = t.at("shared_b");
        const at::Tensor& odd = t.at("every_other");
        QCOMPARE(a.storage_offset(), 0);
        QCOMPARE(b.storage_offset(), 4);
        QCOMPARE(odd.storage_offset(), 1);
        QCOMPARE(odd.strides().vec(), (std::vector<std::int64_t>{2}));
        QVERIFY(a.storage().is_alias_of(b.storage()));
        QVERIFY(a.storage().is_alias_of(odd.storage()));
        QCOMPARE(a.storage().nbytes(), std::size_t{40}); // one storage of 10 float32
        // Writing through one view shows in the others, as in PyTorch.
        a[4].fill_(100.0);
        QCOMPARE(b[0][0].item<float>(), 100.0f);
        const at::Tensor& old = t.at("old_style"); // torch._utils._rebuild_tensor
        QCOMPARE(old.storage_offset(), 5);
        QCOMPARE(old.strides().vec(), (std::vector<std::int64_t>{4, 1}));
        QVERIFY(old.storage().is_alias_of(tr.storage()));
        QCOMPARE(t.at("scalar").dim(), 0);
        QCOMPARE(t.at("empty").sizes().vec(), (std::vector<std::int64_t>{0, 3}));
    }

    void parameter()
    {
        const auto c = dq::readTorchCheckpoint(checkpoints() / "tensors_zip.pth");
        const auto* p = entry(c, "param").objectAs<dq::PickledTensor>();
        QVERIFY(p && p->isParameter());
        QVERIFY(!entry(c, "int8").objectAs<dq::PickledTensor>()->isParameter());
    }

    // The same state_dict() in both formats: an OrderedDict with its _metadata.
    void stateDictBothFormats()
    {
        const auto zip = dq::readTorchCheckpoint(checkpoints() / "model_zip.pth");
        const auto legacy = dq::readTorchCheckpoint(checkpoints() / "model_legacy.pth");
        const auto* od = zip.root.objectAs<dq::PickledOrderedDict>();
        QVERIFY(od);
        QVERIFY(od->attributes().is(dq::PickleValue::Kind::Dict));
        QVERIFY(od->attributes().asDict().findText("_metadata"));
        const auto a = dq::stateDict(zip);
        const auto b = dq::stateDict(legacy);
        QCOMPARE(a.size(), std::size_t{9});
        QCOMPARE(b.size(), a.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].first, b[i].first);
            QVERIFY(at::equal(a[i].second, b[i].second));
        }
        QCOMPARE(a[0].first, std::string("features.0.weight"));
        QCOMPARE(a[0].second.sizes().vec(), (std::vector<std::int64_t>{4, 3, 3, 3}));
        const auto nbt = byName(a).at("features.1.num_batches_tracked");
        QCOMPARE(nbt.scalar_type(), at::kLong);
        QCOMPARE(nbt.item<std::int64_t>(), std::int64_t{3});
    }

    void nestedKeys()
    {
        const auto nested = dq::readTorchCheckpoint(checkpoints() / "model_nested.pth");
        const auto plain = dq::stateDict(dq::readTorchCheckpoint(checkpoints() / "model_zip.pth"));
        const auto found = dq::stateDict(nested); // finds 'model'
        const auto named = dq::stateDict(nested, "model");
        QCOMPARE(found.size(), plain.size());
        QCOMPARE(named.size(), plain.size());
        for (std::size_t i = 0; i < plain.size(); ++i)
            QVERIFY(at::equal(found[i].second, plain[i].second) && at::equal(named[i].second, plain[i].second));
        QCOMPARE(entry(nested, "epoch").asInt(), std::int64_t{3});
        QCOMPARE(entry(nested, "step").asInt(), std::int64_t{7}); // numpy.int64
        const std::string file = (checkpoints() / "model_nested.pth").string();
        DQ_EXPECT_ERROR(dq::stateDict(nested, "ema"), file.c_str(), "no entry 'ema'", "keys are model, epoch, step");
        DQ_EXPECT_ERROR(dq::stateDict(nested, "epoch"), "entry 'epoch'", "is a int, not a state dict");

        // As a DataParallel training script saves: 'state_dict' and argparse arguments.
        const auto wrapped = dq::readTorchCheckpoint(checkpoints() / "model_wrapped_legacy.pth");
        const auto sd = dq::stateDict(wrapped);
        QCOMPARE(sd.size(), plain.size());
        QCOMPARE(sd[0].first, std::string("module.features.0.weight"));
        const auto* args = entry(wrapped, "args").objectAs<dq::PickledNamespace>();
        QVERIFY(args);
        QCOMPARE(args->items().findText("lr")->asFloat(), 0.1);
        QCOMPARE(args->items().findText("arch")->asStr(), std::string("net"));
        QCOMPARE(entry(wrapped, "best_acc").asFloat(), 0.875); // numpy.float64

        // A dict holding no state dict: the error lists what it holds.
        dq::TorchCheckpoint noWeights;
        noWeights.source = "run.pth";
        noWeights.root = dq::PickleValue::dict();
        noWeights.root.mutableDict().set(dq::PickleValue::str("epoch"), dq::PickleValue::integer(3));
        DQ_EXPECT_ERROR(dq::stateDict(noWeights), "run.pth: no state dict found", "keys epoch");
    }

    // Python's pickle would run os.system here; this reader refuses the global and runs
    // nothing.
    void refusesCode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zip") << "evil_zip.pth";
        QTest::newRow("legacy") << "evil_legacy.pth";
    }

    void refusesCode()
    {
        QFETCH(QString, file);
        const fs::path marker = "/tmp/dq-checkpoint-pwned";
        fs::remove(marker);
        const fs::path path = checkpoints() / file.toStdString();
        const std::string name = path.string();
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(path), name.c_str(), "refused pickle global posix.system",
                        "(a checkpoint may only contain tensors and plain containers)");
        QVERIFY(!fs::exists(marker));
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("fragments");
        QTest::newRow("short storage") << "checkpoints/short_storage.pth"
                                       << QStringList{"record data/0 holds 428 bytes",
                                                      "torch.FloatStorage of 108 elements needs 432"};
        QTest::newRow("missing record") << "checkpoints/missing_record.pth"
                                        << QStringList{"record data/0 is missing from the archive"};
        QTest::newRow("overrun") << "checkpoints/overrun.pth"
                                 << QStringList{"tensor of shape [10] (stride [1], offset 0) needs element 9",
                                                "which has only 6 elements", "storage shorter than the tensor needs"};
        QTest::newRow("complex") << "checkpoints/complex.pth"
                                 << QStringList{"unsupported storage type torch.ComplexFloatStorage",
                                                "supported: torch.FloatStorage"};
        QTest::newRow("legacy count") << "checkpoints/legacy_bad_count.pth"
                                      << QStringList{"holds 7 elements", "but the pickle says 6"};
        QTest::newRow("torchscript") << "checkpoints/torchscript.pt"
                                     << QStringList{"a TorchScript archive (torch.jit.save)"};
        QTest::newRow("npy") << "npy/f4.npy" << QStringList{"a .npy file, not a PyTorch checkpoint"};
        QTest::newRow("python pickle") << "cifar10/cifar-10-batches-py/batches.meta"
                                       << QStringList{"not a PyTorch checkpoint"};
        QTest::newRow("absent") << "checkpoints/absent.pth" << QStringList{"no such file"};
    }

    void badFiles()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, fragments);
        const fs::path path = dqtest::fixturesDir() / file.toStdString();
        try {
            (void)dq::readTorchCheckpoint(path);
            QFAIL("no error");
        } catch (const dq::Error& e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.startsWith(QString::fromStdString(path.string() + ": ")), qPrintable(msg));
            for (const auto& f : fragments)
                QVERIFY2(msg.contains(f), qPrintable(msg + " lacks " + f));
        }
    }

    void emptyAndTextFiles()
    {
        QTemporaryDir dir;
        const fs::path empty = fs::path(dir.path().toStdString()) / "empty.pth";
        const fs::path text = fs::path(dir.path().toStdString()) / "text.pth";
        dqtest::writeBytes(empty, "");
        dqtest::writeBytes(text, "hello, this is no checkpoint\n");
        const std::string emptyName = empty.string(), textName = text.string();
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(empty), emptyName.c_str(), "empty file");
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(text), textName.c_str(), "not a PyTorch checkpoint");
    }

    // Every prefix of a file is an error naming the file, never a crash or another
    // exception.
    void truncated_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zip") << "model_zip.pth";
        QTest::newRow("legacy") << "tensors_legacy.pth";
        QTest::newRow("legacy model") << "model_legacy.pth";
    }

    void truncated()
    {
        QFETCH(QString, file);
        const std::string bytes = dq::readFileBytes(checkpoints() / file.toStdString());
        QTemporaryDir dir;
        const fs::path cut = fs::path(dir.path().toStdString()) / "cut.pth";
        // A zip archive is read from its end (the central directory): every cut there,
        // a sample elsewhere.
        const bool zip = bytes.compare(0, 2, "PK") == 0;
        for (std::size_t n = 1; n < bytes.size(); n += zip && n + 300 < bytes.size() ? 17 : 1) {
            dqtest::writeBytes(cut, bytes.substr(0, n));
            const QString got = outcome(cut);
            QVERIFY2(got == "error", qPrintable(QString::number(n) + " bytes: " + got));
        }
        dqtest::writeBytes(cut, bytes.substr(0, bytes.size() / 2));
        const std::string cutName = cut.string();
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(cut), cutName.c_str(), "truncated");
    }

    // Hostile structures: refused, without a stack overflow or a leak.
    void hostileStructures()
    {
        QTemporaryDir dir;
        const fs::path file = fs::path(dir.path().toStdString()) / "hostile.pth";
        const std::string name = file.string();
        // od0['k'] = od1, od1['k'] = od2, ... 100,000 deep.
        std::string deep = "\x80\x02";
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            deep += kOrderedDict + unicode("k");
        deep += kOrderedDict + std::string(n, 's') + ".";
        writeZipCheckpoint(file, deep);
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(file), name.c_str(), "objects nested more than 64 deep");
        // od['k'] = od
        writeZipCheckpoint(file, "\x80\x02" + kOrderedDict + "q\x00"s + unicode("k") + "h\x00s."s);
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(file), name.c_str(), "self-referencing objects are not supported");
        // A storage of 2^60 elements in a record of 8 bytes.
        writeZipCheckpoint(file, "\x80\x02(" + unicode("storage") + "ctorch\nFloatStorage\n" + unicode("0") +
                                     unicode("cpu") + "\x8a\x08" + std::string(7, '\0') + "\x10" + "tQ.");
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(file), name.c_str(), "record data/0 is missing");
        // An accepted function called with the wrong arguments.
        writeZipCheckpoint(file, "\x80\x02"
                                 "ctorch._utils\n_rebuild_tensor_v2\n(K\x01tR.");
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(file), name.c_str(),
                        "torch._utils._rebuild_tensor_v2 takes 6 to 7 arguments, found 1");
        // Another torch global: refused like any other.
        writeZipCheckpoint(file, "\x80\x02"
                                 "ctorch\nload\n.");
        DQ_EXPECT_ERROR(dq::readTorchCheckpoint(file), name.c_str(), "refused pickle global torch.load");
    }

    // Each byte of a legacy file flipped in turn: a clean load or a dq::Error.
    void corrupted()
    {
        const std::string bytes = dq::readFileBytes(checkpoints() / "tensors_legacy.pth");
        QTemporaryDir dir;
        const fs::path bad = fs::path(dir.path().toStdString()) / "bad.pth";
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            std::string b = bytes;
            b[i] = static_cast<char>(b[i] ^ 0x5a);
            dqtest::writeBytes(bad, b);
            const QString got = outcome(bad);
            QVERIFY2(got == "error" || got == "loaded", qPrintable(QString::number(i) + ": " + got));
        }
    }
};

QTEST_APPLESS_MAIN(TestTorchCheckpoint)
#include "tst_TorchCheckpoint.moc"
