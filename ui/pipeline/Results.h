#pragma once
// What each stage produced, shared read-only between the pipeline, the views and the
// workers (std::shared_ptr<const ...>): a result is never changed after its stage ends.
#include "analysis/PcaProjection.h"
#include "bins/BinGenerator.h"
#include "bins/BinProfile.h"
#include "bins/BinSampler.h"
#include "datasets/Dataset.h"
#include "evaluation/EvaluationParams.h"
#include "features/FeatureExtractor.h"
#include "pixel/PixelQuantizer.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace dq {
class PixelSession;
struct TextEmbeddings;
struct TextSelection;
} // namespace dq

namespace dqui {

class InstructionRecords;

struct DatasetState {
    QString spec;
    dq::DatasetBundle bundle; // bundle.train is what the stages work on
    std::vector<int> labels; // of the train split
    std::vector<std::int64_t> classCounts; // of the train split
    std::int64_t sampleBytes = 0; // one sample as raw 8-bit pixels (features: float32 row)
    bool images = true; // false for precomputed features (npy:)
    QString key; // spec and fingerprint
    std::shared_ptr<const InstructionRecords> instructions; // instruction data (text:), else null

    const dq::Dataset& train() const { return *bundle.train; }
    std::int64_t size() const { return bundle.train ? bundle.train->size() : 0; }
};

struct FeaturesState {
    QString key;
    std::int64_t rows = 0; // the first `rows` samples of the train split
    std::int64_t dim = 0;
    QString mode; // "pixels", "gradient", "embedding", "features"
    dq::FeatureResult result; // empty for precomputed features
    dq::Projection projection; // PCA of the features (core/analysis)
    std::vector<int> labels; // rows entries
    std::shared_ptr<const dq::TextEmbeddings> embeddings; // instruction data: the N x D matrix
    double seconds = 0;
};

struct BinsState {
    QString key;
    QString name; // e.g. "FashionMNIST", used in file names
    QString folder; // the bins folder (in the cache), as dq bins writes it
    std::vector<std::vector<std::int64_t>> bins;
    std::vector<dq::BinStats> stats;
    std::vector<dq::BinProfile> profiles; // per bin, from the features (empty for instruction data)
    std::vector<int> binOf; // per row: its bin, or -1
    std::vector<int> labels; // per row (empty without labels)
    bool fromCache = false;
    std::shared_ptr<const dq::TextSelection> text; // instruction data: the engine's report (no sample yet)
    double seconds = 0;
};

struct SampleState {
    QString key;
    dq::SampleResult result;
    std::vector<char> selected; // per row: 1 when kept
};

struct PixelState {
    QString key;
    QString folder; // in the cache: images/, manifest.csv, quantized/, pixel.json
    dq::PixelResult result; // counts, ratios, bytes, PSNR/SSIM of the kept images
    // The models behind the result, kept loaded for the pixel view's previews (preview()
    // is thread-safe), with the key of what they depend on.
    std::shared_ptr<dq::PixelSession> session;
    QString sessionKey;
    bool fromCache = false; // the folder was there from an earlier run
    double seconds = 0;
};

struct EvaluationState {
    QString key;
    dq::EvaluationResult result; // per subset: class counts, every run's curve, final/best mean and spread
};

// DQ against the field: every method's subset at every keep ratio (named <method>-<ratio>,
// with its indices except random's), trained by the Evaluate recipe.
struct ComparisonState {
    QString key;
    dq::EvaluationResult result;
};

// The train split's class names (empty for unlabelled data or no dataset).
QStringList classNames(const DatasetState* dataset);

using DatasetPtr = std::shared_ptr<const DatasetState>;
using FeaturesPtr = std::shared_ptr<const FeaturesState>;
using BinsPtr = std::shared_ptr<const BinsState>;

// What a Sample stage (images or instructions) draws from: the bins of `rows` samples.
struct SampleRequest {
    BinsPtr bins;
    std::int64_t rows = 0;
    double ratio = 0;
    quint64 seed = 0;
    QString key;
};
// The stage's state from its drawn indices: the kept mask over the rows.
std::shared_ptr<SampleState> sampleState(const SampleRequest& request, dq::SampleResult result);

using SamplePtr = std::shared_ptr<const SampleState>;
using PixelPtr = std::shared_ptr<const PixelState>;
using EvaluationPtr = std::shared_ptr<const EvaluationState>;
using ComparisonPtr = std::shared_ptr<const ComparisonState>;

} // namespace dqui
