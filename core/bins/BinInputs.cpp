#include "bins/internal/BinInputs.h"

#include "common/Error.h"
#include "common/Fingerprint.h"
#include "io/Npy.h"
#include "submodular/internal/DenseSimilaritySpace.h"
#include "submodular/internal/FactoredGradientSpace.h"

#include <chrono>

namespace fs = std::filesystem;

namespace dq {
namespace {

// A 2-D float32 matrix, converted from float64 when needed.
std::shared_ptr<NpyArray> loadMatrix(const fs::path& path)
{
    auto a = std::make_shared<NpyArray>(readNpy(path));
    if (a->shape.size() != 2)
        throw Error(path.string(), "expected a 2-D array (samples x features), got shape " + shapeText(a->shape));
    if (a->dtype == DType::Float64) {
        *a = NpyArray::fromVector(a->toVector<float>(), a->shape);
    } else if (a->dtype != DType::Float32) {
        throw Error(path.string(), std::string("expected float32 or float64 features, got ") + dtypeName(a->dtype));
    }
    return a;
}

std::string fingerprintOf(const std::vector<fs::path>& files)
{
    Fingerprint fp;
    for (const auto& f : files)
        if (!f.empty())
            fp.addFileSample(f);
    return fp.hex();
}

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

std::vector<int> loadLabels(const fs::path& labels, std::int64_t rows, const fs::path& features)
{
    const NpyArray a = readNpy(labels);
    if (a.shape.size() != 1)
        throw Error(labels.string(), "expected a 1-D array of labels, got shape " + shapeText(a.shape));
    if (a.dtype == DType::Float32 || a.dtype == DType::Float64)
        throw Error(labels.string(), std::string("expected integer labels, got ") + dtypeName(a.dtype));
    if (a.shape[0] != rows)
        throw Error(labels.string(), std::to_string(a.shape[0]) + " labels for the " + std::to_string(rows) + " rows of " +
                                         features.string());
    const std::vector<std::int64_t> v = a.toVector<std::int64_t>();
    std::vector<int> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] < 0 || v[i] > 1000000)
            throw Error(labels.string(), "label of row " + std::to_string(i) + " is " + std::to_string(v[i]) +
                                             " (expected a class number >= 0)");
        out[i] = static_cast<int>(v[i]);
    }
    return out;
}

BinInputs denseInputsFromArray(NpyArray features, std::vector<int> labels, const std::string& source, Kernel kernel)
{
    return denseInputsFromArray(std::make_shared<const NpyArray>(std::move(features)), std::move(labels), source, kernel);
}

BinInputs denseInputsFromArray(std::shared_ptr<const NpyArray> a, std::vector<int> labels, const std::string& source,
                               Kernel kernel)
{
    if (a->shape.size() != 2 || a->dtype != DType::Float32)
        throw Error(source, "expected a 2-D float32 matrix (samples x features), got shape " + shapeText(a->shape));
    BinInputs in;
    in.info.rows = a->shape.at(0);
    in.info.dim = a->shape.at(1);
    in.space = std::make_shared<DenseSimilaritySpace>(a, a->data<float>(), in.info.rows, in.info.dim, kernel, source);
    in.labels = std::move(labels);
    in.info.features = source;
    in.matrices = {a};
    return in;
}

BinInputs loadDenseInputs(const fs::path& features, const fs::path& labels, Kernel kernel)
{
    const auto t0 = std::chrono::steady_clock::now();
    std::shared_ptr<NpyArray> a = loadMatrix(features);
    BinInputs in;
    in.info.rows = a->shape[0];
    in.info.dim = a->shape[1];
    if (!labels.empty())
        in.labels = loadLabels(labels, in.info.rows, features);
    in.space =
        std::make_shared<DenseSimilaritySpace>(a, a->data<float>(), in.info.rows, in.info.dim, kernel, features.string());
    in.info.features = features.string();
    in.info.labels = labels.string();
    in.matrices = {a};
    in.info.fingerprint = fingerprintOf({features, labels});
    in.info.loadSeconds = secondsSince(t0);
    return in;
}

BinInputs loadGradientInputs(const fs::path& b, const fs::path& e, const fs::path& labels, Kernel kernel)
{
    const auto t0 = std::chrono::steady_clock::now();
    std::shared_ptr<NpyArray> ba = loadMatrix(b);
    std::shared_ptr<NpyArray> ea = loadMatrix(e);
    if (ba->shape[0] != ea->shape[0])
        throw Error(e.string(),
                    std::to_string(ea->shape[0]) + " rows but " + b.string() + " has " + std::to_string(ba->shape[0]));
    struct Both {
        std::shared_ptr<NpyArray> b, e;
    };
    auto owner = std::make_shared<Both>(Both{ba, ea});
    BinInputs in;
    in.info.rows = ba->shape[0];
    in.info.dim = ba->shape[1] + ba->shape[1] * ea->shape[1];
    if (!labels.empty())
        in.labels = loadLabels(labels, in.info.rows, b);
    in.space = std::make_shared<FactoredGradientSpace>(owner, ba->data<float>(), ea->data<float>(), in.info.rows,
                                                       ba->shape[1], ea->shape[1], kernel, b.string());
    in.info.features = b.string() + "," + e.string();
    in.info.labels = labels.string();
    in.info.representation = "gradient (b, e factors)";
    in.matrices = {ba, ea};
    in.info.fingerprint = fingerprintOf({b, e, labels});
    in.info.loadSeconds = secondsSince(t0);
    return in;
}

} // namespace dq
