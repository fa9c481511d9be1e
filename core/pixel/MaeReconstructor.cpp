#include "pixel/internal/MaeReconstructor.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "models/ModelInput.h"
#include "models/internal/Device.h"
#include "models/internal/DeviceTransfer.h"
#include "pixel/internal/MaeCheckpoint.h"
#include "pixel/internal/MaeModel.h"
#include "pixel/MaeTraining.h"
#include "pixel/internal/NativeImage.h"
#include "common/JobContext.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>

namespace fs = std::filesystem;

namespace dq {
namespace {

// Channels between the data and the model: gray repeated to RGB, RGB averaged to gray.
std::vector<float> toModelChannels(const Image& image, int channels)
{
    const std::size_t area = static_cast<std::size_t>(image.height) * image.width;
    std::vector<float> out(area * channels);
    for (std::size_t px = 0; px < area; ++px)
        for (int c = 0; c < channels; ++c) {
            float v;
            if (image.channels == channels)
                v = image.pixels[px * channels + c];
            else if (image.channels == 1)
                v = image.pixels[px];
            else {
                v = 0;
                for (int k = 0; k < image.channels; ++k)
                    v += image.pixels[px * image.channels + k];
                v /= static_cast<float>(image.channels);
            }
            out[static_cast<std::size_t>(c) * area + px] = v / 255.0f; // planar
        }
    return out;
}

Image fromModelChannels(const float* planar, int height, int width, int modelChannels, int channels)
{
    const std::size_t area = static_cast<std::size_t>(height) * width;
    Image out;
    out.height = height;
    out.width = width;
    out.channels = channels;
    out.pixels.resize(area * channels);
    auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    for (std::size_t px = 0; px < area; ++px)
        for (int c = 0; c < channels; ++c) {
            float v;
            if (modelChannels == channels)
                v = planar[static_cast<std::size_t>(c) * area + px];
            else if (modelChannels == 1)
                v = planar[px];
            else {
                v = 0;
                for (int k = 0; k < modelChannels; ++k)
                    v += planar[static_cast<std::size_t>(k) * area + px];
                v /= static_cast<float>(modelChannels);
            }
            out.pixels[px * channels + c] = byte(v);
        }
    return out;
}

class MaeReconstructor : public Reconstructor {
public:
    MaeReconstructor(MaeModel model, fs::path checkpoint, torch::Device device, std::string kind, bool fromCache)
            : model_(std::move(model)), checkpoint_(std::move(checkpoint)), device_(device), kind_(std::move(kind)),
              fromCache_(fromCache)
    {
        const MaeConfig& c = model_->config();
        mean_ = c.mean;
        std_ = c.std;
        // Official checkpoints record no normalisation: they were trained on ImageNet's.
        // Ours always record theirs (none: mean 0, std 1).
        if (mean_.empty()) {
            const ModelInput in = imagenetNormalization(c.channels);
            mean_ = in.mean;
            std_ = in.std;
        }
        model_->eval();
        model_->to(device_);
    }

    PatchGrid grid() const override { return model_->config().grid(); }
    std::string describe() const override
    {
        return kind_ + " (" + checkpoint_.string() + "; " + model_->config().describe() + ")";
    }
    std::string device() const override { return deviceName(device_); }
    fs::path checkpoint() const override { return checkpoint_; }
    bool fromCache() const override { return fromCache_; }

    std::vector<Image> reconstruct(const std::vector<PartialImage>& batch) override
    {
        if (batch.empty())
            return {};
        const MaeConfig& c = model_->config();
        const int size = c.imageSize, ch = c.channels;
        const auto n = static_cast<std::int64_t>(batch.size());
        const auto k = static_cast<std::int64_t>(batch[0].keptIds.size());
        torch::Tensor x = torch::empty({n, ch, size, size});
        torch::Tensor keep = torch::empty({n, k}, torch::kLong);
        for (std::int64_t i = 0; i < n; ++i) {
            const PartialImage& p = batch[static_cast<std::size_t>(i)];
            if (static_cast<std::int64_t>(p.keptIds.size()) != k)
                throw Error("reconstruction", "the images of a batch keep different numbers of patches");
            const std::vector<float> v = toModelChannels(resizedImage(p.pixels, size, size), ch);
            std::copy(v.begin(), v.end(), x[i].data_ptr<float>());
            for (std::int64_t j = 0; j < k; ++j)
                keep[i][j] = static_cast<std::int64_t>(p.keptIds[static_cast<std::size_t>(j)]);
        }
        const torch::Tensor mean = torch::tensor(mean_).view({1, ch, 1, 1});
        const torch::Tensor stdv = torch::tensor(std_).view({1, ch, 1, 1});
        torch::Tensor y;
        {
            c10::InferenceMode guard;
            // keep stays on the host: the model checks it there, then moves it.
            y = model_->reconstruct(toDevice((x - mean) / stdv, device_), keep);
            y = (y.to(torch::kCPU) * stdv + mean).contiguous();
        }
        std::vector<Image> out;
        out.reserve(batch.size());
        for (std::int64_t i = 0; i < n; ++i) {
            const PartialImage& p = batch[static_cast<std::size_t>(i)];
            Image img = fromModelChannels(y[i].data_ptr<float>(), size, size, ch, p.pixels.channels);
            img = resizedImage(img, p.pixels.height, p.pixels.width);
            // The stored pixels are exact: they go back as they are.
            for (std::size_t px = 0; px < p.keptMask.size(); ++px)
                if (p.keptMask[px])
                    std::copy_n(p.pixels.pixels.begin() + static_cast<std::ptrdiff_t>(px * img.channels), img.channels,
                                img.pixels.begin() + static_cast<std::ptrdiff_t>(px * img.channels));
            out.push_back(std::move(img));
        }
        return out;
    }

private:
    MaeModel model_;
    fs::path checkpoint_;
    torch::Device device_;
    std::string kind_;
    bool fromCache_;
    std::vector<float> mean_, std_;
};

} // namespace

std::unique_ptr<Reconstructor> makeMaeReconstructor(const ReconstructionSpec& spec, const ReconstructorContext& ctx,
                                                    JobContext& job)
{
    std::string deviceNote;
    const torch::Device device = resolveDevice(ctx.device, deviceNote);
    const std::string kind = spec.kind == ReconstructionSpec::Kind::Mae ? "mae" : "mae-compact";
    if (!spec.file.empty()) {
        std::error_code ec;
        if (!fs::is_regular_file(spec.file, ec))
            throw Error(spec.file.string(), "no such checkpoint file (the reconstruction's)");
        if (!deviceNote.empty())
            job.note("pixel.device-fallback", ctx.device, deviceNote);
        return std::make_unique<MaeReconstructor>(loadMae(spec.file), spec.file, device, kind, false);
    }
    if (!ctx.data)
        throw FieldError("recon", "mae-compact without a file needs the dataset to train on: name a checkpoint "
                                  "(mae-compact:FILE)");
    MaeTrainParams t;
    t.device = ctx.device;
    t.seed = ctx.seed;
    t.limit = ctx.trainLimit;
    t.cacheDir = ctx.cacheDir;
    t.datasetSpec = ctx.datasetSpec;
    t.datasetName = ctx.datasetName;
    if (ctx.maeEpochs > 0)
        t.epochs = ctx.maeEpochs;
    const MaeTrainResult r = trainMae(*ctx.data, t, job); // notes the device too
    return std::make_unique<MaeReconstructor>(loadMae(r.checkpoint), r.checkpoint, device, kind, r.fromCache);
}

} // namespace dq
