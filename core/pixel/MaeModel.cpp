#include "pixel/internal/MaeModel.h"

#include "common/Error.h"
#include "models/internal/DeviceProbe.h"
#include "models/internal/DeviceTransfer.h"
#include "models/internal/ParameterInit.h"
#include "io/internal/TorchPickle.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <cmath>
#include <vector>

namespace dq {
namespace {

// Drawn on the CPU and copied, so that a seed gives the same weights on every device.
void xavierUniform(const torch::Tensor& weight2d, at::Generator& gen)
{
    const double bound = std::sqrt(6.0 / static_cast<double>(weight2d.size(0) + weight2d.size(1)));
    torch::Tensor cpu = torch::empty(weight2d.sizes(), weight2d.options().device(torch::kCPU));
    cpu.uniform_(-bound, bound, gen);
    weight2d.copy_(cpu);
}

void normal002(const torch::Tensor& t, at::Generator& gen)
{
    torch::Tensor cpu = torch::empty(t.sizes(), t.options().device(torch::kCPU));
    cpu.normal_(0.0, 0.02, gen);
    t.copy_(cpu);
}

// The official get_1d_sincos_pos_embed_from_grid for positions 0..grid-1 of one axis.
std::vector<double> sinCos1d(int dim, int position)
{
    std::vector<double> out(static_cast<std::size_t>(dim));
    const int half = dim / 2;
    for (int d = 0; d < half; ++d) {
        const double omega = 1.0 / std::pow(10000.0, static_cast<double>(d) / half);
        out[static_cast<std::size_t>(d)] = std::sin(position * omega);
        out[static_cast<std::size_t>(d + half)] = std::cos(position * omega);
    }
    return out;
}

// LibTorch's Linear and Conv2d draw their default weights from the global generator as
// they are built; its state is put back afterwards so that building a model does not
// shift anyone's random stream (our own weights come from a seeded generator).
class GlobalGeneratorRestore {
public:
    GlobalGeneratorRestore() : gen_(at::detail::getDefaultCPUGenerator())
    {
        std::lock_guard<std::mutex> lock(gen_.mutex());
        state_ = gen_.get_state();
    }
    ~GlobalGeneratorRestore()
    {
        std::lock_guard<std::mutex> lock(gen_.mutex());
        gen_.set_state(state_);
    }
    GlobalGeneratorRestore(const GlobalGeneratorRestore&) = delete;
    GlobalGeneratorRestore& operator=(const GlobalGeneratorRestore&) = delete;

private:
    at::Generator gen_;
    at::Tensor state_;
};

} // namespace

torch::Tensor maeSinCosPositions(int dim, int grid)
{
    if (dim % 4 != 0)
        throw Error("MAE configuration",
                    "the sin-cos position embedding needs a width divisible by 4, not " + std::to_string(dim));
    torch::Tensor pos = torch::zeros({grid * grid + 1, dim}, torch::kFloat);
    float* out = pos.data_ptr<float>();
    for (int row = 0; row < grid; ++row)
        for (int col = 0; col < grid; ++col) {
            float* e = out + static_cast<std::size_t>(1 + row * grid + col) * static_cast<std::size_t>(dim);
            const std::vector<double> w = sinCos1d(dim / 2, col), h = sinCos1d(dim / 2, row);
            for (int d = 0; d < dim / 2; ++d) {
                e[d] = static_cast<float>(w[static_cast<std::size_t>(d)]);
                e[dim / 2 + d] = static_cast<float>(h[static_cast<std::size_t>(d)]);
            }
        }
    return pos;
}

MaeModelImpl::MaeModelImpl(const MaeConfig& c, std::uint64_t seed, bool initialize) : config_(c)
{
    if (c.patchSize <= 0 || c.imageSize <= 0 || c.imageSize % c.patchSize != 0 || c.channels <= 0)
        throw Error("MAE configuration", "image size " + std::to_string(c.imageSize) +
                                             " must be a positive multiple of the patch size " +
                                             std::to_string(c.patchSize) + ", with at least one channel");
    if (c.embedDim <= 0 || c.decoderEmbedDim <= 0 || c.depth < 0 || c.decoderDepth < 0 || c.mlpRatio <= 0)
        throw Error("MAE configuration", "widths and the MLP ratio must be positive: " + c.describe());
    const int grid = c.imageSize / c.patchSize;
    const GlobalGeneratorRestore keepGlobalStream;
    // Registered in the official order, so that state_dict() lists the keys as Python does.
    patch_embed = register_module("patch_embed", std::make_shared<torch::nn::Module>());
    proj =
        patch_embed->register_module("proj",
                                     torch::nn::Conv2d(
                                         torch::nn::Conv2dOptions(c.channels, c.embedDim, c.patchSize).stride(c.patchSize)));
    cls_token = register_parameter("cls_token", torch::zeros({1, 1, c.embedDim}));
    pos_embed = register_parameter("pos_embed", maeSinCosPositions(c.embedDim, grid).unsqueeze(0), false);
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.depth; ++i)
        blocks->push_back(MaeBlock(c.embedDim, c.heads, c.mlpRatio));
    norm = register_module("norm", maeLayerNorm(c.embedDim));
    decoder_embed = register_module("decoder_embed", torch::nn::Linear(c.embedDim, c.decoderEmbedDim));
    mask_token = register_parameter("mask_token", torch::zeros({1, 1, c.decoderEmbedDim}));
    decoder_pos_embed =
        register_parameter("decoder_pos_embed", maeSinCosPositions(c.decoderEmbedDim, grid).unsqueeze(0), false);
    decoder_blocks = register_module("decoder_blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.decoderDepth; ++i)
        decoder_blocks->push_back(MaeBlock(c.decoderEmbedDim, c.decoderHeads, c.mlpRatio));
    decoder_norm = register_module("decoder_norm", maeLayerNorm(c.decoderEmbedDim));
    decoder_pred =
        register_module("decoder_pred", torch::nn::Linear(c.decoderEmbedDim, c.patchSize * c.patchSize * c.channels));
    if (initialize)
        initializeWeights(seed);
}

void MaeModelImpl::initializeWeights(std::uint64_t seed)
{
    torch::NoGradGuard noGrad;
    at::Generator gen = seededGenerator(seed);
    xavierUniform(proj->weight.view({proj->weight.size(0), -1}), gen);
    // The official code leaves the patch projection's bias at Conv2d's default.
    const double bound = 1.0 / std::sqrt(static_cast<double>(proj->weight[0].numel()));
    torch::Tensor bias = torch::empty(proj->bias.sizes(), proj->bias.options().device(torch::kCPU));
    proj->bias.copy_(bias.uniform_(-bound, bound, gen));
    normal002(cls_token, gen);
    normal002(mask_token, gen);
    // self.apply(_init_weights): LayerNorms keep weight 1 and bias 0.
    for (const auto& m : modules(false)) {
        if (auto* linear = m->as<torch::nn::Linear>()) {
            xavierUniform(linear->weight, gen);
            if (linear->bias.defined())
                linear->bias.zero_();
        }
    }
}

void MaeModelImpl::checkImages(const torch::Tensor& images) const
{
    const int s = config_.imageSize;
    if (images.dim() != 4 || images.size(1) != config_.channels || images.size(2) != s || images.size(3) != s)
        throw Error("MAE input", "expected images of N x " + std::to_string(config_.channels) + " x " + std::to_string(s) +
                                     " x " + std::to_string(s) + ", got " + torchShapeText(images.sizes().vec()));
}

void MaeModelImpl::checkKeepIds(const torch::Tensor& keepIds, std::int64_t batch) const
{
    const std::int64_t patches = config_.patchCount();
    if (keepIds.dim() != 2 || keepIds.size(0) != batch || keepIds.scalar_type() != torch::kLong)
        throw Error("MAE keep ids", "expected " + std::to_string(batch) + " x k int64 patch ids, got " +
                                        torchShapeText(keepIds.sizes().vec()) + " " +
                                        std::string(c10::toString(keepIds.scalar_type())));
    if (keepIds.size(1) > patches)
        throw Error("MAE keep ids",
                    std::to_string(keepIds.size(1)) + " ids per image but only " + std::to_string(patches) + " patches");
    if (keepIds.numel() == 0)
        return;
    if (keepIds.min().item<std::int64_t>() < 0 || keepIds.max().item<std::int64_t>() >= patches)
        throw Error("MAE keep ids", "patch ids must lie in [0, " + std::to_string(patches) + ")");
    const torch::Tensor sorted = std::get<0>(keepIds.sort(1));
    if (keepIds.size(1) > 1 && sorted.slice(1, 1).eq(sorted.slice(1, 0, -1)).any().item<bool>())
        throw Error("MAE keep ids", "a patch id is repeated within an image");
}

torch::Tensor MaeModelImpl::patchify(const torch::Tensor& images) const
{
    checkImages(images);
    const std::int64_t n = images.size(0), c = config_.channels, p = config_.patchSize;
    const std::int64_t h = config_.imageSize / p;
    return images.reshape({n, c, h, p, h, p}).permute({0, 2, 4, 3, 5, 1}).reshape({n, h * h, p * p * c});
}

torch::Tensor MaeModelImpl::unpatchify(const torch::Tensor& x) const
{
    const std::int64_t c = config_.channels, p = config_.patchSize, h = config_.imageSize / p;
    if (x.dim() != 3 || x.size(1) != h * h || x.size(2) != p * p * c)
        throw Error("MAE patches", "expected N x " + std::to_string(h * h) + " x " + std::to_string(p * p * c) + ", got " +
                                       torchShapeText(x.sizes().vec()));
    const std::int64_t n = x.size(0);
    return x.reshape({n, h, h, p, p, c}).permute({0, 5, 1, 3, 2, 4}).reshape({n, c, h * p, h * p});
}

torch::Tensor MaeModelImpl::encode(const torch::Tensor& images, const torch::Tensor& keepIds)
{
    torch::Tensor x = proj->forward(images).flatten(2).transpose(1, 2); // N x L x D
    x = x + pos_embed.slice(1, 1);
    x = x.gather(1, keepIds.unsqueeze(-1).expand({-1, -1, x.size(2)}));
    const torch::Tensor cls = (cls_token + pos_embed.slice(1, 0, 1)).expand({x.size(0), -1, -1});
    x = torch::cat({cls, x}, 1);
    for (const auto& block : *blocks)
        x = block->as<MaeBlock>()->forward(x);
    return norm->forward(x);
}

torch::Tensor MaeModelImpl::decode(const torch::Tensor& latent, const torch::Tensor& keepIds)
{
    torch::Tensor x = decoder_embed->forward(latent);
    const std::int64_t n = x.size(0), d = x.size(2), patches = config_.patchCount();
    // The official concatenation of mask tokens and unshuffling gather, as one scatter:
    // every dropped position gets the mask token, every kept one its encoded token.
    torch::Tensor full = mask_token.expand({n, patches, d});
    full = full.scatter(1, keepIds.unsqueeze(-1).expand({-1, -1, d}), x.slice(1, 1));
    x = torch::cat({x.slice(1, 0, 1), full}, 1) + decoder_pos_embed;
    for (const auto& block : *decoder_blocks)
        x = block->as<MaeBlock>()->forward(x);
    return decoder_pred->forward(decoder_norm->forward(x)).slice(1, 1);
}

torch::Tensor MaeModelImpl::predict(const torch::Tensor& images, const torch::Tensor& keepIds)
{
    checkImages(images);
    checkKeepIds(keepIds, images.size(0));
    const torch::Tensor ids = toDevice(keepIds, images.device());
    probeTensor("mae", images);
    probeTensor("mae", ids);
    return decode(encode(images, ids), ids);
}

torch::Tensor MaeModelImpl::droppedMask(const torch::Tensor& keepIds) const
{
    torch::Tensor mask = torch::ones({keepIds.size(0), config_.patchCount()}, keepIds.options().dtype(torch::kFloat));
    return mask.scatter_(1, keepIds, 0.0);
}

torch::Tensor MaeModelImpl::reconstruct(const torch::Tensor& images, const torch::Tensor& keepIds)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor pred = predict(images, keepIds);
    const torch::Tensor dropped = droppedMask(keepIds.to(images.device())).unsqueeze(-1).gt(0.5);
    return unpatchify(torch::where(dropped, pred.to(images.scalar_type()), patchify(images)));
}

torch::Tensor MaeModelImpl::loss(const torch::Tensor& images, const torch::Tensor& pred, const torch::Tensor& mask) const
{
    torch::Tensor target = patchify(images);
    if (config_.normPixLoss) {
        const torch::Tensor mean = target.mean(-1, true);
        const torch::Tensor var = target.var(-1, true, true);
        target = (target - mean) / (var + 1e-6).sqrt();
    }
    const torch::Tensor perPatch = (pred - target).pow(2).mean(-1);
    return (perPatch * mask).sum() / mask.sum();
}

MaeOutput MaeModelImpl::forwardRandomMasking(const torch::Tensor& images, double maskRatio, at::Generator& generator)
{
    checkImages(images);
    if (!(maskRatio > 0.0 && maskRatio < 1.0))
        throw Error("mask ratio", "training needs a ratio of dropped patches in (0, 1), not " + std::to_string(maskRatio));
    const std::int64_t n = images.size(0), patches = config_.patchCount();
    const std::int64_t keep = keptPatchCount(static_cast<int>(patches), maskRatio);
    // Drawn from the CPU generator on purpose, then moved: the same seed masks the same
    // patches on the CPU and on a GPU.
    const torch::Tensor noise = torch::rand({n, patches}, generator, torch::kFloat);
    const torch::Tensor keepIds = toDevice(noise.argsort(std::int64_t{1}, false).slice(1, 0, keep), images.device());
    probeTensor("mae", images);
    probeTensor("mae", keepIds);
    MaeOutput out;
    out.pred = decode(encode(images, keepIds), keepIds);
    out.mask = droppedMask(keepIds);
    out.loss = loss(images, out.pred, out.mask);
    return out;
}

} // namespace dq
