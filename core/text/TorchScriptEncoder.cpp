#include "text/TorchScriptEncoder.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"

#include <torch/script.h>

#include <algorithm>
#include <cstring>

namespace dq {
namespace {

// c10::Error messages carry a C++ backtrace after the first lines; users need the reason.
std::string firstLines(const std::string& what)
{
    std::string m;
    std::size_t start = 0;
    for (int lines = 0; lines < 3 && start < what.size(); ++lines) {
        const std::size_t nl = what.find('\n', start);
        const std::string line = what.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (line.find("Exception raised from") != std::string::npos)
            break;
        if (!line.empty())
            m += (m.empty() ? "" : " ") + line;
        if (nl == std::string::npos)
            break;
        start = nl + 1;
    }
    return m;
}

torch::jit::Module loadModule(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error(path.string(), "no such TorchScript file");
    try {
        torch::jit::Module m = torch::jit::load(path.string(), torch::kCPU);
        m.eval();
        if (!m.find_method("forward"))
            throw Error(path.string(), "the TorchScript module has no forward method");
        return m;
    } catch (const c10::Error& e) {
        throw Error(path.string(),
                    "not a TorchScript module (save one with torch.jit.script(m).save(path)): " + firstLines(e.what()));
    }
}

} // namespace

NpyArray encodeWithTorchScript(const TorchScriptEncoderParams& params, const std::vector<std::string>& texts,
                               Progress& progress, const CancelToken& cancel)
{
    if (params.batchSize < 1)
        throw FieldError("batch-size", "must be at least 1");
    const std::string source = params.model.string();
    torch::jit::Module module = loadModule(params.model);
    c10::InferenceMode guard;
    const auto n = static_cast<std::int64_t>(texts.size());
    NpyArray out;
    out.dtype = DType::Float32;
    std::int64_t dim = -1;
    progress.setStage("encode", n);
    for (std::int64_t begin = 0; begin < n; begin += params.batchSize) {
        cancel.throwIfCancelled();
        const std::int64_t end = std::min<std::int64_t>(n, begin + params.batchSize);
        c10::List<std::string> batch;
        batch.reserve(static_cast<std::size_t>(end - begin));
        for (std::int64_t i = begin; i < end; ++i)
            batch.push_back(texts[static_cast<std::size_t>(i)]);
        c10::IValue result;
        try {
            result = module.forward({batch});
        } catch (const c10::Error& e) {
            throw Error(source, "forward(List[str]) failed on records " + std::to_string(begin) + ".." +
                                    std::to_string(end - 1) + ": " + firstLines(e.what()) +
                                    " (the contract: forward(self, texts: List[str]) -> Tensor of shape (N, D))");
        }
        if (!result.isTensor())
            throw Error(source, std::string("forward returned ") + result.tagKind() + "; expected a Tensor of shape (N, D)");
        torch::Tensor t = result.toTensor();
        if (t.dim() != 2 || t.size(0) != end - begin)
            throw Error(source, "forward returned a tensor of shape " + c10::str(t.sizes()) + " for " +
                                    std::to_string(end - begin) + " texts; expected (" + std::to_string(end - begin) +
                                    ", D)");
        if (!t.is_floating_point())
            throw Error(source, std::string("forward returned ") + c10::toString(t.scalar_type()) +
                                    " values; expected floating point");
        if (dim < 0) {
            dim = t.size(1);
            if (dim < 1)
                throw Error(source, "forward returned rows of dimension 0");
            out.shape = {n, dim};
            out.bytes.resize(static_cast<std::size_t>(n * dim) * sizeof(float));
        } else if (t.size(1) != dim) {
            throw Error(source, "forward returned " + std::to_string(t.size(1)) + " columns for records " +
                                    std::to_string(begin) + ".. after " + std::to_string(dim) + " before");
        }
        t = t.to(torch::kCPU, torch::kFloat32).contiguous();
        std::memcpy(out.bytes.data() + static_cast<std::size_t>(begin * dim) * sizeof(float), t.data_ptr<float>(),
                    static_cast<std::size_t>((end - begin) * dim) * sizeof(float));
        progress.update(end);
    }
    progress.finishStage();
    if (n == 0)
        out.shape = {0, 0};
    return out;
}

} // namespace dq
