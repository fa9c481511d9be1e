#include "models/internal/DataParallel.h"

#include "distributed/RankGroup.h"

#include <torch/torch.h>

namespace dq {

void sumGradientsAcrossRanks(FeatureModel& model, RankGroup& group)
{
    // Every rank reduces every parameter's gradient (a rank whose share was empty has none).
    std::vector<torch::Tensor> grads;
    for (torch::Tensor& p : model.parameters()) {
        if (!p.requires_grad())
            continue;
        if (!p.grad().defined())
            p.mutable_grad() = torch::zeros_like(p);
        grads.push_back(p.grad());
    }
    if (grads.empty())
        return;
    std::vector<torch::Tensor> flat;
    for (const torch::Tensor& g : grads)
        flat.push_back(g.reshape({-1}));
    torch::Tensor all = torch::cat(flat).to(torch::kCPU);
    group.allReduceSum(all, "summing the gradients of a training step");
    std::int64_t at = 0;
    for (torch::Tensor& g : grads) {
        const std::int64_t n = g.numel();
        g.copy_(all.slice(0, at, at + n).view_as(g));
        at += n;
    }
}

namespace {

bool isRunningStatistic(const std::string& name)
{
    return name.find("running_mean") != std::string::npos || name.find("running_var") != std::string::npos;
}

} // namespace

bool keepsBatchStatistics(FeatureModel& model)
{
    for (const NamedTensor& t : model.state())
        if (isRunningStatistic(t.name))
            return true;
    return false;
}

void averageRunningStatistics(FeatureModel& model, RankGroup& group)
{
    std::vector<torch::Tensor> stats;
    for (const NamedTensor& t : model.state())
        if (isRunningStatistic(t.name))
            stats.push_back(t.tensor);
    if (stats.empty())
        return;
    std::vector<torch::Tensor> flat;
    for (const torch::Tensor& s : stats)
        flat.push_back(s.reshape({-1}).to(torch::kCPU, torch::kDouble));
    torch::Tensor all = torch::cat(flat);
    group.allReduceSum(all, "averaging the BatchNorm statistics");
    all.div_(static_cast<double>(group.size()));
    std::int64_t at = 0;
    torch::NoGradGuard noGrad;
    for (torch::Tensor& s : stats) {
        const std::int64_t n = s.numel();
        s.copy_(all.slice(0, at, at + n).view_as(s));
        at += n;
    }
}

} // namespace dq
