#pragma once
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <QCoreApplication>
#include <QString>

#include <filesystem>

namespace dqui {

// What the Pixel stage needs from the rest of the studio: whether it applies to the open
// data, core's parameters made from the panel's, the patch grid to expect before any
// model is built, and its folder in the cache.
class PixelStage {
    Q_DECLARE_TR_FUNCTIONS(PixelStage)

public:
    // Empty when the stage applies (image data), else the reason, for tooltips.
    static QString unavailableReason(const DatasetState* dataset);
    static bool applies(const DatasetState* dataset) { return dataset && unavailableReason(dataset).isEmpty(); }

    // The studio's feature model, epochs, seed, limit, device and cache folder go to the
    // CAM classifier and the compact MAE, so that their caches are the Features stage's.
    static dq::PixelParams params(const DatasetState& dataset, const StudioParameters& p,
                                  const std::filesystem::path& cacheDir);

    // The grid before the models exist, by core's rule (dq::expectedPatchGrid); for a
    // checkpoint, the grid of a live session that loaded it, else none (0 patches: the
    // readout leaves the patch count out rather than guess it).
    static dq::PatchGrid expectedGrid(const DatasetState& dataset, const StudioParameters& p);

    // <cache>/pixel/<16 hex digits of the key>
    static std::filesystem::path folderFor(const QString& key, const std::filesystem::path& cacheDir);
    // A finished folder's pixel.json back into a result; false when it is missing or
    // not a complete pixel folder (then it is computed again).
    static bool readResult(const std::filesystem::path& folder, dq::PixelResult& out);
};

} // namespace dqui
