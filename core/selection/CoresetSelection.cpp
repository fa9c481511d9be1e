#include "selection/internal/CoresetSelection.h"

#include "bins/internal/BinInputs.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/internal/ParallelFor.h"
#include "common/Progress.h"
#include "features/internal/FeaturesRecipe.h"
#include "selection/internal/ClassBudgets.h"
#include "selection/internal/Herding.h"
#include "selection/internal/KCenterGreedy.h"
#include "selection/internal/LogitScores.h"
#include "selection/internal/ModerateSelection.h"
#include "selection/internal/ScoreSelection.h"
#include "selection/internal/StratifiedRandom.h"
#include "submodular/internal/FunctionFactory.h"
#include "submodular/Greedy.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace fs = std::filesystem;

namespace dq {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool needsScores(const SelectionParams& p)
{
    return p.method == SelectionMethod::Uncertainty || p.method == SelectionMethod::El2n ||
           p.method == SelectionMethod::Grand || p.method == SelectionMethod::Forgetting ||
           p.method == SelectionMethod::Aum || p.method == SelectionMethod::Ccs;
}

bool fromDynamics(ScoreKind k) { return k == ScoreKind::Forgetting || k == ScoreKind::Aum; }

ScoreKind scoreOf(const SelectionParams& p)
{
    switch (p.method) {
    case SelectionMethod::El2n:
        return ScoreKind::El2n;
    case SelectionMethod::Grand:
        return ScoreKind::Grand;
    case SelectionMethod::Forgetting:
        return ScoreKind::Forgetting;
    case SelectionMethod::Aum:
        return ScoreKind::Aum;
    case SelectionMethod::Uncertainty: {
        const ScoreKind s = p.scoreGiven ? p.score : ScoreKind::LeastConfidence;
        if (s != ScoreKind::LeastConfidence && s != ScoreKind::Margin && s != ScoreKind::Entropy)
            throw FieldError("score", std::string("uncertainty takes least-confidence, margin or entropy, not ") +
                                          scoreKindName(s) + " (use the method " + scoreKindName(s) + ")");
        return s;
    }
    default:
        return p.score;
    }
}

std::string methodLabel(const SelectionParams& p)
{
    std::string label = selectionMethodName(p.method);
    if (p.method == SelectionMethod::Uncertainty || p.method == SelectionMethod::Ccs)
        label += std::string(":") + scoreKindName(scoreOf(p));
    if (p.method == SelectionMethod::Herding && p.herding == HerdingRule::DeepCoreArgMax)
        label += ":deepcore-argmax";
    if (p.method == SelectionMethod::Submodular)
        label += std::string(":") + functionName(p.function);
    return label;
}

void checkScoreInputs(const SelectionInputs& in, const SelectionParams& p, ScoreKind kind)
{
    const std::string where = in.folder.dir.string();
    if (fromDynamics(kind) && in.forgetting.empty())
        throw FieldError("features", where + " has no forgetting.npy and aum.npy, which " + scoreKindName(kind) +
                                         " needs: compute the features with a network (convnet, resnet18 or "
                                         "torchscript:FILE) trained for 1 epoch or more (several: forgetting counts "
                                         "transitions between presentations)");
    if (!fromDynamics(kind) && in.logits.shape.empty())
        throw FieldError("features", where + " has no logits.npy, which the method " + selectionMethodName(p.method) +
                                         " needs: compute the features with a network (convnet, resnet18 or "
                                         "torchscript:FILE), trained for 1 epoch or more for trained scores");
    if (in.folder.epochs < 1)
        throw FieldError("features", where + " holds the logits of an untrained network (epochs 0): the method " +
                                         std::string(selectionMethodName(p.method)) +
                                         " scores need a trained one; compute the features after 1 epoch or more");
    if (in.labels.empty())
        throw FieldError("features", where + " has no labels.npy: scores need every sample's label");
}

// Forgetting events (larger: harder) or AUM negated (a low margin is hard).
std::vector<double> dynamicsScores(const SelectionInputs& in, ScoreKind kind)
{
    const std::vector<float>& v = kind == ScoreKind::Forgetting ? in.forgetting : in.aum;
    const fs::path& file = kind == ScoreKind::Forgetting ? in.folder.forgetting : in.folder.aum;
    std::vector<double> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!std::isfinite(v[i]))
            throw Error(file.string(), "the score of sample " + std::to_string(i) + " is NaN or infinite");
        out[i] = kind == ScoreKind::Forgetting ? v[i] : -static_cast<double>(v[i]);
    }
    return out;
}

// Paul et al.'s average over trainings: the scores of `others` (each read and checked
// like the inputs) added to `scores` (the inputs'), then the mean.
void averageOverSeeds(std::vector<double>& scores, const SelectionInputs& in, const SelectionParams& p, ScoreKind kind,
                      const std::vector<fs::path>& others, ScoreTrainings& averaged)
{
    averaged.seeds = {readFeaturesRecipe(in.folder.dir).seed};
    averaged.folders = {in.folder.dir.string()};
    for (const fs::path& folder : others) {
        const SelectionInputs other = loadSelectionInputs(folder);
        const std::string where = other.folder.dir.string();
        checkScoreInputs(other, p, kind);
        if (other.labels != in.labels)
            throw Error(where, "its labels differ from " + in.folder.dir.string() +
                                   "'s: the trainings averaged over must be of the same data");
        if (kind == ScoreKind::Grand && other.embedding.shape[1] != in.embedding.shape[1])
            throw Error(where, "embeddings of " + std::to_string(other.embedding.shape[1]) + " columns, not " +
                                   std::to_string(in.embedding.shape[1]) + " as " + in.folder.dir.string());
        const std::vector<double> s =
            logitScores(kind, other.logits.data<float>(), other.folder.rows, other.logits.shape[1], other.labels,
                        other.embedding.data<float>(), other.embedding.shape[1], other.folder.logits.string());
        for (std::size_t i = 0; i < scores.size(); ++i)
            scores[i] += s[i];
        averaged.seeds.push_back(readFeaturesRecipe(folder).seed);
        averaged.folders.push_back(where);
    }
    if (!others.empty())
        for (double& v : scores)
            v /= static_cast<double>(others.size() + 1);
}

void summarise(SelectionResult& r, const std::string& name, const std::vector<double>& scores)
{
    if (scores.empty())
        return;
    ScoreSummary& s = r.score;
    s.name = name;
    auto fill = [&](auto begin, auto end, double& lo, double& mean, double& hi) {
        lo = INFINITY;
        hi = -INFINITY;
        double sum = 0;
        std::int64_t n = 0;
        for (auto it = begin; it != end; ++it, ++n) {
            const double v = scores[static_cast<std::size_t>(*it)];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
        }
        mean = n ? sum / static_cast<double>(n) : 0;
    };
    std::vector<std::int64_t> all(scores.size());
    std::iota(all.begin(), all.end(), 0);
    fill(all.begin(), all.end(), s.min, s.mean, s.max);
    fill(r.indices.begin(), r.indices.end(), s.selectedMin, s.selectedMean, s.selectedMax);
}

} // namespace

bool averagesScoreTrainings(const SelectionParams& p)
{
    return needsScores(p) && (scoreOf(p) == ScoreKind::El2n || scoreOf(p) == ScoreKind::Grand);
}

void checkScoreSeeds(const SelectionParams& p, int seeds)
{
    if (seeds < 1)
        throw FieldError("score-seeds", "must be at least 1, got " + std::to_string(seeds));
    if (seeds > 1 && !averagesScoreTrainings(p))
        throw FieldError("score-seeds", std::string("averages el2n and grand over trainings (Paul et al.): choose "
                                                    "the method el2n, grand or ccs with the score el2n or grand, not ") +
                                            methodLabel(p));
}

SelectionInputs loadSelectionInputs(const fs::path& features)
{
    const auto t0 = Clock::now();
    SelectionInputs in;
    in.folder = readFeaturesFolder(features);
    const FeaturesFolder& f = in.folder;
    const fs::path embedding = f.mode == FeatureMode::Gradient ? f.e : f.features;
    in.embeddingFile = embedding.filename().string();
    in.embedding = readNpy(embedding);
    if (in.embedding.dtype != DType::Float32 || in.embedding.shape.size() != 2)
        throw Error(embedding.string(), "expected a 2-D float32 array, found " + std::string(dtypeName(in.embedding.dtype)) +
                                            " " + shapeText(in.embedding.shape));
    if (!f.logits.empty()) {
        in.logits = readNpy(f.logits);
        if (in.logits.dtype != DType::Float32 || in.logits.shape.size() != 2 || in.logits.shape[0] != f.rows)
            throw Error(f.logits.string(), "expected " + std::to_string(f.rows) + " rows of float32 logits, found " +
                                               std::string(dtypeName(in.logits.dtype)) + " " + shapeText(in.logits.shape));
    }
    if (!f.labels.empty())
        in.labels = loadLabels(f.labels, f.rows, embedding);
    for (auto [file, into] : {std::pair{&f.forgetting, &in.forgetting}, std::pair{&f.aum, &in.aum}}) {
        if (file->empty())
            continue;
        const NpyArray a = readNpy(*file);
        if (a.dtype != DType::Float32 || a.shape != std::vector<std::int64_t>{f.rows})
            throw Error(file->string(), "expected " + std::to_string(f.rows) + " float32 scores, found " +
                                            std::string(dtypeName(a.dtype)) + " " + shapeText(a.shape));
        *into = a.toVector<float>();
    }
    in.loadSeconds = secondsSince(t0);
    return in;
}

SelectionResult selectCoreset(const SelectionInputs& in, const SelectionParams& p, Progress& progress,
                              const CancelToken& cancel, const std::vector<fs::path>& others, ScoreTrainings* averaged)
{
    const auto t0 = Clock::now();
    SelectionResult r;
    r.method = methodLabel(p);
    const std::int64_t n = in.folder.rows;
    r.datasetSize = n;
    const ClassBudgets budgets = classBudgets(in.labels, n, p.ratio, p.balance, p.budgetBins);
    r.classBudgets = budgets.perClass;
    r.budgetSource = budgets.source;

    // The pools: every class, or all samples.
    std::vector<std::vector<std::int64_t>> pools(budgets.perClass.size());
    for (std::int64_t i = 0; i < n; ++i)
        pools[p.balance ? static_cast<std::size_t>(in.labels[static_cast<std::size_t>(i)]) : 0].push_back(i);
    for (std::size_t c = 0; c < pools.size(); ++c)
        if (budgets.perClass[c] > static_cast<std::int64_t>(pools[c].size()))
            throw FieldError(p.budgetBins.empty() ? "ratio" : "budget-bins",
                             (p.budgetBins.empty() ? std::string() : p.budgetBins.string() + ": ") + "a budget of " +
                                 std::to_string(budgets.perClass[c]) + " for " +
                                 (p.balance ? "class " + std::to_string(c) : std::string("the pool")) + " of only " +
                                 std::to_string(pools[c].size()) + " samples");

    std::vector<double> scores;
    checkScoreSeeds(p, static_cast<int>(others.size()) + 1);
    if (needsScores(p)) {
        const ScoreKind kind = scoreOf(p);
        checkScoreInputs(in, p, kind);
        if (fromDynamics(kind)) {
            scores = dynamicsScores(in, kind);
            r.featuresUsed = kind == ScoreKind::Forgetting ? "forgetting.npy" : "aum.npy";
        } else {
            scores = logitScores(kind, in.logits.data<float>(), n, in.logits.shape[1], in.labels, in.embedding.data<float>(),
                                 in.embedding.shape[1], in.folder.logits.string());
            r.featuresUsed = kind == ScoreKind::Grand ? "logits.npy, " + in.embeddingFile : "logits.npy";
        }
        r.score.name = kind == ScoreKind::Aum ? "aum, negated (larger: harder)" : scoreKindName(kind);
        if (kind == ScoreKind::El2n || kind == ScoreKind::Grand) {
            ScoreTrainings trainings;
            averageOverSeeds(scores, in, p, kind, others, trainings);
            if (!others.empty())
                r.score.name += ", mean of " + std::to_string(others.size() + 1) + " trainings";
            if (averaged)
                *averaged = std::move(trainings);
        }
    } else if (p.method != SelectionMethod::Random) {
        r.featuresUsed = in.embeddingFile;
    }

    std::shared_ptr<const SimilaritySpace> space;
    if (p.method == SelectionMethod::Submodular) {
        const FeaturesFolder& f = in.folder;
        const BinInputs bi = f.mode == FeatureMode::Gradient ? loadGradientInputs(f.b, f.e, f.labels, Kernel::Cosine)
                                                             : loadDenseInputs(f.features, f.labels, Kernel::Cosine);
        space = bi.space;
        r.featuresUsed = bi.info.representation + ": " + bi.info.features;
    }

    const float* x = in.embedding.data<float>();
    const std::int64_t dim = in.embedding.shape[1];
    std::vector<std::vector<std::int64_t>> chosen(pools.size());
    std::vector<double> radius(pools.size(), 0.0);
    const auto selectPool = [&](std::size_t c) {
        const std::vector<std::int64_t>& pool = pools[c];
        const std::int64_t budget = budgets.perClass[c];
        std::vector<std::int64_t> positions;
        switch (p.method) {
        case SelectionMethod::Random:
            return; // drawn below, all classes at once
        case SelectionMethod::KCenter: {
            KCenterResult k = kCenterGreedy(x, dim, pool, budget, p.seed, 0x4B43454E00000000ULL + c, cancel);
            positions = std::move(k.picks);
            radius[c] = k.coveringRadius;
            break;
        }
        case SelectionMethod::Herding:
            positions = herding(x, dim, pool, budget, p.herding, cancel);
            break;
        case SelectionMethod::Moderate:
            positions = moderateSelection(x, dim, pool, budget, cancel).picks;
            break;
        case SelectionMethod::Uncertainty:
        case SelectionMethod::El2n:
        case SelectionMethod::Grand:
        case SelectionMethod::Forgetting:
        case SelectionMethod::Aum:
            positions = hardestByScore(scores, pool, budget);
            break;
        case SelectionMethod::Ccs:
            positions = coverageCentricSelection(scores, pool, budget, p.ccsHardFraction, p.ccsStrata, p.seed,
                                                 0x4343530000000000ULL + (static_cast<std::uint64_t>(c) << 16));
            break;
        case SelectionMethod::Submodular: {
            const auto f = makeSubmodularFunction(p.function, *space, pool, budget, p.lambda, 4LL << 30, cancel);
            positions = runGreedy(*f, budget, GreedyOptions{}, cancel).picks;
            break;
        }
        }
        for (const std::int64_t pos : positions)
            chosen[c].push_back(pool[static_cast<std::size_t>(pos)]);
    };
    const double loadSeconds = secondsSince(t0);
    const auto ts = Clock::now();
    if (p.method == SelectionMethod::Random) {
        const std::vector<int> onePool = p.balance ? std::vector<int>{} : std::vector<int>(static_cast<std::size_t>(n), 0);
        r.indices = drawPerClass(p.balance ? in.labels : onePool, budgets.perClass, p.seed);
        r.threads = 1;
    } else {
        progress.setStage("select", static_cast<std::int64_t>(pools.size()));
        progress.setDetail(r.method + (p.balance ? ", per class" : ", one pool"));
        r.threads = parallelChunks(
            static_cast<std::int64_t>(pools.size()), 1, p.threads,
            [&](std::int64_t begin, std::int64_t end, int) {
                for (std::int64_t c = begin; c < end; ++c)
                    selectPool(static_cast<std::size_t>(c));
            },
            progress, 0, cancel);
        progress.finishStage();
        for (const auto& c : chosen)
            r.indices.insert(r.indices.end(), c.begin(), c.end());
        std::sort(r.indices.begin(), r.indices.end());
    }
    r.selectSeconds = secondsSince(ts);
    if (p.method == SelectionMethod::KCenter)
        r.coveringRadius = *std::max_element(radius.begin(), radius.end());
    if (!in.labels.empty()) {
        r.classCounts.assign(static_cast<std::size_t>(classCountOf(in.labels, "labels.npy")), 0);
        for (const std::int64_t i : r.indices)
            ++r.classCounts[static_cast<std::size_t>(in.labels[static_cast<std::size_t>(i)])];
    }
    summarise(r, r.score.name, scores);
    r.loadSeconds = in.loadSeconds + loadSeconds;
    r.totalSeconds = r.loadSeconds + r.selectSeconds;
    return r;
}

} // namespace dq
