#include "evaluation/internal/CodecSubset.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Fingerprint.h"
#include "common/Progress.h"
#include "pixel/internal/CodecBudget.h"
#include "pixel/internal/QuantizedStorage.h"

#include <cmath>
#include <cstdio>

namespace fs = std::filesystem;

namespace dq {
namespace {

constexpr double kTolerance = 0.02;

// Decoded images standing in for a subset's samples (sample k for the subset's k-th index).
class DecodedImages : public Dataset {
public:
    DecodedImages(const Dataset& train, std::vector<std::int64_t> indices, std::vector<Image> images,
                  std::string fingerprint)
            : train_(train), indices_(std::move(indices)), images_(std::move(images)), fingerprint_(std::move(fingerprint))
    { }
    std::int64_t size() const override { return static_cast<std::int64_t>(images_.size()); }
    const std::vector<std::string>& classNames() const override { return train_.classNames(); }
    int label(std::int64_t i) const override { return train_.label(indices_.at(static_cast<std::size_t>(i))); }
    Image image(std::int64_t i) const override { return images_.at(static_cast<std::size_t>(i)); }
    ImageShape imageShape() const override { return train_.imageShape(); }
    bool fixedShape() const override { return train_.fixedShape(); }
    std::string split() const override { return train_.split(); }
    std::string fingerprint() const override { return fingerprint_; }

private:
    const Dataset& train_;
    std::vector<std::int64_t> indices_;
    std::vector<Image> images_;
    std::string fingerprint_;
};

std::string percent(double fraction)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * fraction);
    return buf;
}

} // namespace

std::int64_t quantizedStoredBytes(const fs::path& pixelFolder, const std::string& field)
{
    const fs::path dir = pixelFolder / "quantized";
    std::error_code ec;
    if (pixelFolder.empty() || !fs::is_regular_file(dir / quantized::kMetaFile, ec))
        throw FieldError(field, "a budget of 'dq' bytes needs the dq pixel folder the subset is paired with, whose "
                                "quantized/ holds what DQ stored" +
                                    (pixelFolder.empty() ? std::string(" (the subset is an index file)")
                                                         : ": " + dir.string() + " has no meta.json"));
    std::int64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            bytes += static_cast<std::int64_t>(entry.file_size());
    return bytes;
}

ResolvedSubset codecSubset(const SubsetSpec& spec, const ResolvedSubset& paired, const fs::path& pairedFolder,
                           const Dataset& train, const CancelToken& cancel)
{
    const std::string field = "subset";
    const ImageCodec codec = parseLossyCodec(spec.codec, field, spec.name);
    if (spec.codecBytes < 0)
        throw FieldError(field, spec.name + ": the byte budget must be positive");
    const std::int64_t budget = spec.codecBytes > 0 ? spec.codecBytes : quantizedStoredBytes(pairedFolder, field);
    if (paired.indices.empty())
        throw FieldError(field, spec.name + ": the subset it is paired with (" + paired.spec.name +
                                    ") has no fixed "
                                    "samples (a random subset is drawn anew for every seed)");

    std::vector<Image> originals;
    originals.reserve(paired.indices.size());
    for (const std::int64_t i : paired.indices) {
        cancel.throwIfCancelled();
        originals.push_back(train.image(i));
    }
    const CodecFit fit = fitCodecBudget(originals, codec, budget, kTolerance, cancel, field, spec.name);
    if (!fit.withinTolerance)
        throw FieldError(field, spec.name + ": " + imageCodecName(codec) + " cannot store the " +
                                    std::to_string(originals.size()) + " images in " + std::to_string(budget) +
                                    " bytes within 2%: at quality " + std::to_string(fit.qualityLow) + " they take " +
                                    std::to_string(fit.bytes) + " (" + percent(fit.relativeError()) + ")");
    std::vector<Image> decoded = decodeFit(fit, originals, cancel);

    Fingerprint fp;
    fp.add(std::string_view("codec"));
    fp.add(std::string_view(imageCodecName(codec)));
    for (std::size_t k = 0; k < decoded.size(); ++k) {
        fp.add(static_cast<std::uint64_t>(paired.indices[k]));
        fp.add(std::string_view(reinterpret_cast<const char*>(decoded[k].pixels.data()), decoded[k].pixels.size()));
    }
    ResolvedSubset r;
    r.spec = spec;
    r.indices = paired.indices;
    r.classCounts = paired.classCounts;
    r.contentKey = fp.hex();
    r.storedBytes = fit.bytes;
    r.source =
        std::string(imageCodecName(codec)) + " of the samples of " + paired.source + ": " + std::to_string(fit.bytes) +
        " bytes for a budget of " + std::to_string(budget) + " (" + percent(fit.relativeError()) + "), quality " +
        (fit.imagesAtHigh > 0 ? std::to_string(fit.qualityHigh) + " for the first " + std::to_string(fit.imagesAtHigh) +
                                    " images, " + std::to_string(fit.qualityLow) + " for the rest"
                              : std::to_string(fit.qualityLow));
    r.replacement = std::make_shared<DecodedImages>(train, r.indices, std::move(decoded), r.contentKey);
    return r;
}

} // namespace dq
