#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "datasets/DatasetSpec.h"
#include "io/Npy.h"
#include "pixel/internal/QuantizedReader.h"

#include <QProcess>

#include <fstream>
#include <stdexcept>

namespace dqtest {

std::filesystem::path fixturesDir() { return DQ_FIXTURES_DIR; }
std::filesystem::path fashionMnistDir() { return DQ_FASHION_MNIST_DIR; }

void writeBytes(const std::filesystem::path& path, const std::string& bytes)
{
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write test file " + path.string());
}

namespace {

std::string bigEndian32(std::uint32_t v)
{
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

void writeIdxSplit(const dq::Dataset& data, int count, int dropClass, const std::filesystem::path& images,
                   const std::filesystem::path& labels)
{
    std::string pixels, classes;
    std::uint32_t kept = 0;
    const dq::ImageShape shape = data.imageShape();
    for (std::int64_t i = 0; i < data.size() && kept < static_cast<std::uint32_t>(count); ++i) {
        if (data.label(i) == dropClass)
            continue;
        const dq::Image image = data.image(i);
        pixels.append(reinterpret_cast<const char*>(image.pixels.data()), image.pixels.size());
        classes.push_back(static_cast<char>(data.label(i)));
        ++kept;
    }
    writeBytes(images, bigEndian32(0x803) + bigEndian32(kept) + bigEndian32(static_cast<std::uint32_t>(shape.height)) +
                           bigEndian32(static_cast<std::uint32_t>(shape.width)) + pixels);
    writeBytes(labels, bigEndian32(0x801) + bigEndian32(kept) + classes);
}

} // namespace

std::string writeSmallFashionMnist(const std::filesystem::path& dir, int trainCount, int testCount, int dropTestClass)
{
    const dq::DatasetBundle full = dq::openDataset("fashion-mnist:" + fashionMnistDir().string());
    writeIdxSplit(*full.train, trainCount, -1, dir / "train-images-idx3-ubyte", dir / "train-labels-idx1-ubyte");
    writeIdxSplit(*full.test, testCount, dropTestClass, dir / "t10k-images-idx3-ubyte", dir / "t10k-labels-idx1-ubyte");
    return "idx:" + dir.string();
}

CliResult runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(DQ_CLI_PATH), args);
    CliResult r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("dq did not finish within 120 s");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void downgradeQuantizedToVersion1(const std::filesystem::path& dir)
{
    std::vector<std::uint8_t> pixels;
    {
        const dq::QuantizedReader r(dir);
        const dq::QuantizedHeader& h = r.header();
        const dq::PatchLayout layout(h.grid, h.shape.height, h.shape.width);
        for (std::int64_t i = 0; i < r.count(); ++i) {
            const std::vector<std::uint8_t> kept = layout.gatherKept(r.partialImage(i), r.keptIds(i));
            pixels.insert(pixels.end(), kept.begin(), kept.end());
        }
    }
    dq::writeNpy(dir / "pixels.npy", dq::NpyArray::fromVector(pixels));
    std::filesystem::remove(dir / "pixels.zlib");
    std::filesystem::remove(dir / "pixel_streams.npy");
    std::string meta = dq::readFileBytes(dir / "meta.json");
    const std::string from = "\"version\": 2", to = "\"version\": 1";
    const auto at = meta.find(from);
    if (at == std::string::npos)
        throw std::runtime_error((dir / "meta.json").string() + ": no version 2 to downgrade");
    meta.replace(at, from.size(), to);
    writeBytes(dir / "meta.json", meta);
}

} // namespace dqtest
