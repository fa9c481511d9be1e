#include "pipeline/PixelStage.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Fingerprint.h"
#include "features/FeatureExtractor.h"
#include "pipeline/SharedPixelSessions.h"
#include "pipeline/TextStages.h"
#include "pixel/ExpectedGrid.h"
#include "pixel/PixelSession.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <optional>

namespace fs = std::filesystem;

namespace dqui {

QString PixelStage::unavailableReason(const DatasetState* dataset)
{
    if (!dataset)
        return tr("Open a dataset of images first.");
    if (TextStages::isInstructions(dataset))
        return tr("Instruction data has no pixels: the Pixels stage applies to images only.");
    if (!dataset->images)
        return tr("Precomputed features hold no pixels: the Pixels stage applies to images only.");
    return {};
}

dq::PixelParams PixelStage::params(const DatasetState& dataset, const StudioParameters& s, const fs::path& cacheDir)
{
    dq::PixelParams p;
    p.maskRatio = s.maskRatio;
    p.cam = s.cam.toStdString();
    p.camTargetLabel = s.camTarget == QLatin1String("label");
    p.camModel = s.camModel().toStdString();
    p.camWeights = s.camWeights().toStdString();
    p.camEpochs = s.camEpochs();
    p.recon = s.recon.toStdString();
    p.trainLimit = s.limit;
    p.device = s.device.toStdString();
    p.seed = s.seed;
    p.cacheDir = cacheDir;
    p.datasetSpec = dataset.spec.toStdString();
    p.datasetName = dataset.bundle.name;
    // Folders of mixed sizes need one size; the first image's is the natural choice.
    if (dataset.bundle.train && !dataset.train().fixedShape()) {
        const dq::ImageShape shape = dataset.train().imageShape();
        p.imageSize = std::max(shape.height, shape.width);
    }
    return p;
}

dq::PatchGrid PixelStage::expectedGrid(const DatasetState& dataset, const StudioParameters& p)
{
    if (!dataset.bundle.train || !dataset.images)
        return {};
    std::optional<dq::PatchGrid> grid;
    try {
        grid = dq::expectedPatchGrid(dataset.train().imageShape(), dq::parseReconstructionSpec(p.recon.toStdString()));
    } catch (const dq::Error&) {
        return {}; // a checkpoint that is not there: the panel says so, no grid to show
    }
    if (grid)
        return *grid;
    // A checkpoint's grid is its own: known once a session (the view's or the stage's) loaded it.
    if (const auto session = SharedPixelSessions::instance().find(p.pixelSessionKey(dataset.key)))
        return session->grid();
    return {};
}

fs::path PixelStage::folderFor(const QString& key, const fs::path& cacheDir)
{
    dq::Fingerprint fp;
    fp.add(std::string_view("dq-studio pixel " DQ_VERSION));
    fp.add(key.toStdString());
    return (cacheDir.empty() ? dq::defaultCacheDir() : cacheDir) / "pixel" / fp.hex();
}

bool PixelStage::readResult(const fs::path& folder, dq::PixelResult& r)
{
    std::error_code ec;
    if (!fs::is_regular_file(folder / "pixel.json", ec) || !fs::is_regular_file(folder / "manifest.csv", ec) ||
        !fs::is_regular_file(folder / "quantized" / "meta.json", ec))
        return false;
    QJsonObject j;
    try {
        j = QJsonDocument::fromJson(QByteArray::fromStdString(dq::readFileBytes(folder / "pixel.json"))).object();
    } catch (const std::exception&) {
        return false;
    }
    if (j.value(QLatin1String("format")).toString() != QLatin1String("dq-pixel"))
        return false;
    const QJsonObject grid = j.value(QLatin1String("grid")).toObject();
    const QJsonObject counts = j.value(QLatin1String("counts")).toObject();
    const QJsonObject ratios = j.value(QLatin1String("ratios")).toObject();
    const QJsonObject bytes = j.value(QLatin1String("bytes")).toObject();
    const QJsonObject quality = j.value(QLatin1String("quality")).toObject();
    const QJsonObject params = j.value(QLatin1String("parameters")).toObject();
    // A folder from before the compressed storage and its lossless accounting: run again.
    const QJsonObject lossless = bytes.value(QLatin1String("original_best_lossless")).toObject();
    if (lossless.isEmpty())
        return false;
    r = dq::PixelResult();
    r.out = folder;
    r.images = counts.value(QLatin1String("images")).toInteger();
    r.datasetSize = j.value(QLatin1String("dataset")).toObject().value(QLatin1String("size")).toInteger();
    r.grid = {grid.value(QLatin1String("rows")).toInt(), grid.value(QLatin1String("cols")).toInt(),
              grid.value(QLatin1String("patch_size")).toInt()};
    r.keptPatches = counts.value(QLatin1String("kept_patches_per_image")).toInt();
    r.sampleRatio = ratios.value(QLatin1String("sample")).toDouble();
    r.patchKeepRatio = ratios.value(QLatin1String("patch_keep")).toDouble();
    r.finalKeepRatio = ratios.value(QLatin1String("final_keep")).toDouble();
    r.pixelKeepRatio = ratios.value(QLatin1String("pixel_keep")).toDouble();
    r.originalBytes = static_cast<std::uint64_t>(bytes.value(QLatin1String("original")).toInteger());
    r.storedBytes = static_cast<std::uint64_t>(bytes.value(QLatin1String("stored")).toInteger());
    r.datasetBytes = static_cast<std::uint64_t>(bytes.value(QLatin1String("dataset_raw")).toInteger());
    r.pngBytes = static_cast<std::uint64_t>(bytes.value(QLatin1String("original_png")).toInteger());
    r.webpLosslessBytes = static_cast<std::uint64_t>(bytes.value(QLatin1String("original_webp_lossless")).toInteger());
    r.bestLosslessBytes = static_cast<std::uint64_t>(lossless.value(QLatin1String("bytes")).toInteger());
    r.bestLosslessCodec = lossless.value(QLatin1String("codec")).toString().toStdString();
    // null (no finite value) reads as NaN, as core reports it
    r.meanPsnr = quality.value(QLatin1String("psnr_mean_db")).toDouble(std::nan(""));
    r.meanSsim = quality.value(QLatin1String("ssim_mean")).toDouble(std::nan(""));
    r.camModel = params.value(QLatin1String("cam_model")).toString().toStdString();
    r.device = params.value(QLatin1String("device")).toString().toStdString();
    r.reconstruction = j.value(QLatin1String("reconstruction")).toString().toStdString();
    r.seconds = j.value(QLatin1String("seconds")).toObject().value(QLatin1String("cam_and_reconstruction")).toDouble();
    r.imagesPerSecond = j.value(QLatin1String("images_per_second")).toDouble();
    return r.images > 0 && r.grid.count() > 0;
}

} // namespace dqui
