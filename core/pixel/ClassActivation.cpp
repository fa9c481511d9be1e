#include "pixel/internal/ClassActivation.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "models/internal/DeviceProbe.h"
#include "models/internal/DeviceTransfer.h"
#include "pixel/internal/CamNetwork.h"
#include "submodular/internal/SeededRandom.h"
#include "io/internal/TorchPickle.h"

#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/functional/upsampling.h>

namespace F = torch::nn::functional;

namespace dq {
namespace {

constexpr std::uint64_t kRandomScoreStream = 0x43414D52414E44ULL; // "CAMRAND"

torch::Tensor camWeights(const torch::Tensor& a, const torch::Tensor& g, CamMethod method)
{
    if (method == CamMethod::GradCam)
        return g.mean({2, 3});
    // pytorch-grad-cam's GradCAMPlusPlus.get_cam_weights (eq. 19 of Chattopadhay et al.).
    const torch::Tensor g2 = g * g;
    const torch::Tensor g3 = g2 * g;
    const torch::Tensor sumA = a.sum({2, 3}, /*keepdim=*/true);
    torch::Tensor aij = g2 / (2 * g2 + sumA * g3 + 1e-6);
    aij = torch::where(g != 0, aij, torch::zeros_like(aij));
    return (torch::relu(g) * aij).sum({2, 3});
}

torch::Tensor resizeMaps(const torch::Tensor& maps, int height, int width)
{
    if (maps.size(1) == height && maps.size(2) == width)
        return maps;
    const bool shrink = height <= maps.size(1) && width <= maps.size(2);
    auto o = F::InterpolateFuncOptions().size(std::vector<std::int64_t>{height, width});
    if (shrink)
        o.mode(torch::kArea);
    else
        o.mode(torch::kBilinear).align_corners(false);
    return F::interpolate(maps.unsqueeze(1), o).squeeze(1);
}

} // namespace

CamBatch computeCams(CamNetwork& net, const torch::Tensor& images, CamMethod method, const torch::Tensor& labels)
{
    if (method == CamMethod::Random)
        throw FieldError("cam", "random scores have no class-activation map (randomPatchScores gives them)");
    c10::InferenceMode notInference(false); // also turns grad mode on
    probeTensor("cam", images);
    torch::Tensor a;
    {
        torch::NoGradGuard noGrad; // only the feature map's own gradient is needed
        a = net.featureMap(images);
    }
    const std::int64_t n = images.size(0);
    if (a.dim() != 4 || a.size(0) != n)
        throw Error("feature map", "has shape " + torchShapeText(a.sizes().vec()) + " for " + std::to_string(n) +
                                       " images; expected N x K x h x w");
    // A leaf of its own: the backward stops here and never reaches the parameters.
    const torch::Tensor leaf = a.detach().requires_grad_(true);
    const torch::Tensor logits = net.logitsFromFeatureMap(leaf);
    if (logits.dim() != 2 || logits.size(0) != n)
        throw Error("logits",
                    "have shape " + torchShapeText(logits.sizes().vec()) + " for " + std::to_string(n) + " images");
    CamBatch out;
    out.predicted = logits.detach().argmax(1);
    if (labels.defined()) {
        // Checked where the labels are (the host, from the pixel step), then moved: a check
        // on the GPU would wait for the forward pass.
        const torch::Tensor targets = labels.to(torch::kLong).flatten();
        if (targets.size(0) != n)
            throw Error("labels", std::to_string(targets.size(0)) + " labels for " + std::to_string(n) + " images");
        if (n > 0 && (targets.min().item<std::int64_t>() < 0 || targets.max().item<std::int64_t>() >= logits.size(1)))
            throw Error("labels",
                        "a target class is outside [0, " + std::to_string(logits.size(1)) + ") of the network's logits");
        out.targets = toDevice(targets, logits.device());
        probeTensor("cam", out.targets);
    } else {
        out.targets = out.predicted;
    }
    const torch::Tensor selected = logits.gather(1, out.targets.unsqueeze(1)).sum();
    const torch::Tensor g = torch::autograd::grad({selected}, {leaf})[0].to(torch::kFloat);
    const torch::Tensor af = leaf.detach().to(torch::kFloat);
    const torch::Tensor w = camWeights(af, g, method);
    const torch::Tensor cam = torch::relu((w.unsqueeze(-1).unsqueeze(-1) * af).sum(1));
    out.maps = scaleCams(cam);
    return out;
}

torch::Tensor scaleCams(const torch::Tensor& maps)
{
    const torch::Tensor flat = maps.flatten(1);
    const torch::Tensor shifted = flat - std::get<0>(flat.min(1, /*keepdim=*/true));
    const torch::Tensor top = std::get<0>(shifted.max(1, /*keepdim=*/true));
    return (shifted / (top + 1e-7)).view_as(maps);
}

torch::Tensor camImages(const torch::Tensor& maps, int imageHeight, int imageWidth)
{
    if (maps.dim() != 3)
        throw Error("CAM maps", "have shape " + torchShapeText(maps.sizes().vec()) + "; expected N x h x w");
    if (imageHeight <= 0 || imageWidth <= 0)
        throw Error("CAM maps", "image size must be positive");
    torch::NoGradGuard noGrad;
    const torch::Tensor m = maps.to(torch::kFloat);
    if (m.size(1) == imageHeight && m.size(2) == imageWidth)
        return scaleCams(m);
    const auto o = F::InterpolateFuncOptions()
                       .size(std::vector<std::int64_t>{imageHeight, imageWidth})
                       .mode(torch::kBilinear)
                       .align_corners(false);
    return scaleCams(F::interpolate(m.unsqueeze(1), o).squeeze(1));
}

torch::Tensor patchScores(const torch::Tensor& maps, int imageHeight, int imageWidth, const PatchGrid& grid)
{
    if (grid.rows <= 0 || grid.cols <= 0 || grid.patchSize <= 0)
        throw Error("patch grid", "needs positive rows, columns and patch size");
    torch::NoGradGuard noGrad;
    const torch::Tensor image = camImages(maps, imageHeight, imageWidth);
    const torch::Tensor work = resizeMaps(image, grid.workHeight(), grid.workWidth());
    const torch::Tensor pooled =
        F::adaptive_avg_pool2d(work.unsqueeze(1),
                               F::AdaptiveAvgPool2dFuncOptions(std::vector<std::int64_t>{grid.rows, grid.cols}));
    return pooled.flatten(1).to(torch::kCPU).contiguous();
}

torch::Tensor randomPatchScores(const std::vector<std::int64_t>& sampleIndices, int patches, std::uint64_t seed)
{
    if (patches < 0)
        throw Error("patches", "must be 0 or more");
    torch::Tensor out = torch::empty({static_cast<std::int64_t>(sampleIndices.size()), patches}, torch::kFloat);
    float* dst = out.data_ptr<float>();
    for (std::size_t r = 0; r < sampleIndices.size(); ++r) {
        if (sampleIndices[r] < 0)
            throw Error("sample " + std::to_string(sampleIndices[r]), "a sample index must be 0 or more");
        SeededRandom random(seed, kRandomScoreStream + static_cast<std::uint64_t>(sampleIndices[r]));
        for (int p = 0; p < patches; ++p)
            *dst++ = static_cast<float>(random.next() >> 40) * 0x1.0p-24f; // 24 bits: exact floats in [0, 1)
    }
    return out;
}

} // namespace dq
