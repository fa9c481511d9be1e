// dq restore: the reconstructed images from the stored kept patches alone.
#include "pixel/PixelQuantizer.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "pixel/internal/QuantizedReader.h"
#include "pixel/internal/ReconstructionFolder.h"
#include "pixel/internal/Reconstructor.h"
#include "common/JobContext.h"

#include <algorithm>
#include <chrono>

namespace fs = std::filesystem;

namespace dq {

RestoreResult restoreQuantized(const fs::path& quantized, const PixelParams& p, const fs::path& out, JobContext& context)
{
    Progress& progress = context.progress();
    const CancelToken& cancel = context.cancel();
    if (p.batchSize < 1)
        throw FieldError("batch", "must be at least 1");
    refuseForeignFolder(out, kReconstructionManifest);
    // Replacing `out` must not delete the stored patches being read.
    std::error_code ec;
    const fs::path in = fs::weakly_canonical(fs::absolute(quantized), ec), to = fs::weakly_canonical(fs::absolute(out), ec);
    if (std::mismatch(to.begin(), to.end(), in.begin(), in.end()).first == to.end())
        throw FieldError("out", out.string() + " holds the quantized folder " + quantized.string() +
                                    " that is being restored: choose another output folder");
    const QuantizedReader reader(quantized);
    const QuantizedHeader& h = reader.header();
    ReconstructionSpec spec = parseReconstructionSpec(p.recon.empty() ? h.reconstruction : p.recon);
    // The compact MAE the pixel run trained is found through the checkpoint it recorded.
    if (spec.kind == ReconstructionSpec::Kind::MaeCompact && spec.file.empty()) {
        if (h.checkpoint.empty())
            throw FieldError("recon", quantized.string() + " records no compact MAE checkpoint: name one with "
                                                           "mae-compact:FILE");
        spec.file = h.checkpoint;
    }
    configureThreads();
    const auto start = std::chrono::steady_clock::now();
    ReconstructorContext ctx;
    ctx.native = h.shape;
    ctx.datasetSpec = h.datasetSpec;
    ctx.datasetName = h.datasetName;
    // Inpainting works on the grid the folder was cut into, unless --patch-size says otherwise.
    const bool inpaint = spec.kind == ReconstructionSpec::Kind::Inpaint;
    ctx.patchSize = p.patchSize > 0 || !inpaint ? p.patchSize : h.grid.patchSize;
    ctx.device = p.device;
    ctx.seed = p.seed;
    ctx.cacheDir = p.cacheDir;
    const std::unique_ptr<Reconstructor> recon = makeReconstructor(spec, ctx, context);
    if (!(recon->grid() == h.grid))
        throw FieldError("recon", spec.text() + " works on " + std::to_string(recon->grid().rows) + "x" +
                                      std::to_string(recon->grid().cols) + " patches, " + quantized.string() +
                                      " was cut into " + std::to_string(h.grid.rows) + "x" + std::to_string(h.grid.cols) +
                                      " (choose another reconstruction" + (inpaint ? " or patch size)" : ")"));
    ReconstructionFolderWriter folder(out, h.classNames, h.datasetSize);
    const std::int64_t n = reader.count();
    progress.setStage("restoring", n);
    for (std::int64_t first = 0; first < n; first += p.batchSize) {
        cancel.throwIfCancelled();
        const std::int64_t end = std::min(n, first + p.batchSize);
        std::vector<PartialImage> batch;
        for (std::int64_t i = first; i < end; ++i)
            batch.push_back({reader.partialImage(i), reader.keptIds(i), reader.pixelMask(i)});
        const std::vector<Image> restored = recon->reconstruct(batch);
        for (std::int64_t i = first; i < end; ++i)
            folder.add(reader.index(i), reader.label(i), restored[static_cast<std::size_t>(i - first)]);
        progress.update(end);
    }
    progress.finishStage();
    cancel.throwIfCancelled();
    folder.commit();
    RestoreResult r;
    r.out = out;
    r.images = n;
    r.reconstruction = recon->describe();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

} // namespace dq
