#include "evaluation/internal/TrainingSubsets.h"

#include "bins/BinSampler.h"
#include "bins/BinsFolder.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Fingerprint.h"
#include "common/NumberText.h"
#include "evaluation/internal/CodecSubset.h"
#include "datasets/internal/ImageFolderDataset.h"
#include "io/Npy.h"
#include "pixel/internal/ReconstructionFolder.h"
#include "common/Progress.h"
#include "features/internal/ScoreSeedFeatures.h"
#include "selection/internal/ClassBudgets.h"
#include "selection/internal/CoresetSelection.h"
#include "selection/internal/StratifiedRandom.h"
#include "common/JobContext.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace dq {
namespace {

std::string count(std::int64_t n) { return std::to_string(n); }

std::vector<std::int64_t> classCountsOf(const Dataset& train, const std::vector<std::int64_t>& indices)
{
    std::vector<std::int64_t> counts(static_cast<std::size_t>(train.classCount()), 0);
    for (const std::int64_t i : indices) {
        const int label = train.label(i);
        if (label >= 0)
            ++counts[static_cast<std::size_t>(label)];
    }
    return counts;
}

// Every index in [0, n) and none twice; names the first offender and its position.
void checkIndices(const std::vector<std::int64_t>& indices, std::int64_t n, const std::string& where)
{
    if (indices.empty())
        throw Error(where, "the subset is empty");
    std::map<std::int64_t, std::size_t> seen;
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const std::int64_t i = indices[k];
        if (i < 0 || i >= n)
            throw Error(where, "index " + count(i) + " at position " + count(static_cast<std::int64_t>(k)) +
                                   " is outside the training split (" + count(n) + " samples)");
        const auto [at, fresh] = seen.emplace(i, k);
        if (!fresh)
            throw Error(where, "index " + count(i) + " appears twice (positions " +
                                   count(static_cast<std::int64_t>(at->second)) + " and " +
                                   count(static_cast<std::int64_t>(k)) + ")");
    }
}

std::vector<std::int64_t> readIndexFile(const fs::path& file)
{
    const std::string where = file.string();
    const NpyArray a = readNpy(file);
    if (a.dtype != DType::Int64 && a.dtype != DType::Int32 && a.dtype != DType::UInt16 && a.dtype != DType::UInt8)
        throw Error(where, std::string("expected integer indices, found ") + dtypeName(a.dtype));
    if (a.shape.size() != 1)
        throw Error(where, "expected a 1-D array of indices, found shape " + shapeText(a.shape));
    return a.toVector<std::int64_t>();
}

ResolvedSubset fromIndices(const SubsetSpec& spec, const Dataset& train)
{
    const bool inMemory = spec.path.empty();
    const std::string where = inMemory ? "subset '" + spec.name + "'" : spec.path.string();
    ResolvedSubset r;
    r.spec = spec;
    r.spec.indices.clear();
    r.source = inMemory ? spec.name : where;
    r.indices = inMemory ? spec.indices : readIndexFile(spec.path);
    checkIndices(r.indices, train.size(), where);
    std::sort(r.indices.begin(), r.indices.end());
    r.classCounts = classCountsOf(train, r.indices);
    r.contentKey = indicesContentKey(r.indices);
    return r;
}

// A folder of reconstructed images (ReconstructionFolderWriter): every manifest row must
// name a train index, its label and class, and an image of the train split's size.
ResolvedSubset fromReconstructedFolder(const SubsetSpec& spec, const Dataset& train, const CancelToken& cancel)
{
    const fs::path manifest = spec.path / kReconstructionManifest;
    std::error_code ec;
    if (!fs::is_regular_file(manifest, ec))
        throw Error(spec.path.string(), "not a folder of reconstructed images (no manifest.csv: expected the folder "
                                        "dq pixel or DQ Studio's export wrote)");
    const auto folder = ImageFolderDataset::fromManifest(spec.path);
    const std::vector<std::int64_t>& source = folder->sourceIndices();
    if (source.size() != static_cast<std::size_t>(folder->size()))
        throw Error(manifest.string(), "no 'index' column: the images cannot be paired with the dataset's samples");
    checkIndices(source, train.size(), manifest.string());

    const ImageShape shape = train.imageShape();
    Fingerprint fp;
    fp.add(std::string_view("reconstructed"));
    for (std::int64_t k = 0; k < folder->size(); ++k) {
        cancel.throwIfCancelled(); // every image is decoded and checked: a large folder takes a while
        const std::int64_t i = source[static_cast<std::size_t>(k)];
        const int label = train.label(i);
        const std::string want =
            label >= 0 ? ReconstructionFolderWriter::sanitiseClassName(train.classNames()[static_cast<std::size_t>(label)])
                       : std::string("(unlabelled)");
        const std::string got = folder->classNames()[static_cast<std::size_t>(folder->label(k))];
        if (got != want)
            throw Error(folder->file(k).string(), "is filed under class '" + got + "', but training sample " + count(i) +
                                                      " is of class '" + want + "'");
        const Image image = folder->image(k);
        if (train.fixedShape() &&
            !(image.height == shape.height && image.width == shape.width && image.channels == shape.channels))
            throw Error(folder->file(k).string(), "is " + count(image.height) + " x " + count(image.width) + " x " +
                                                      count(image.channels) + ", but the dataset's images are " +
                                                      count(shape.height) + " x " + count(shape.width) + " x " +
                                                      count(shape.channels));
        fp.add(static_cast<std::uint64_t>(i));
        fp.add(std::string_view(reinterpret_cast<const char*>(image.pixels.data()), image.pixels.size()));
    }
    // Ascending train indices, the replacement reordered to match, so that a folder trains
    // in the same order as the index file of the same samples: only the images differ.
    std::vector<std::int64_t> order(source.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
        return source[static_cast<std::size_t>(a)] < source[static_cast<std::size_t>(b)];
    });
    ResolvedSubset r;
    r.spec = spec;
    r.source = spec.path.string();
    for (const std::int64_t k : order)
        r.indices.push_back(source[static_cast<std::size_t>(k)]);
    // Sample k of the replacement is folder sample order[k]; the view keeps the folder alive.
    struct FolderView {
        std::shared_ptr<const ImageFolderDataset> folder;
        SubsetDataset view;
    };
    auto held = std::make_shared<FolderView>(FolderView{folder, SubsetDataset(*folder, order, nullptr, fp.hex())});
    r.replacement = std::shared_ptr<const Dataset>(held, &held->view);
    r.classCounts = classCountsOf(train, r.indices);
    r.contentKey = fp.hex();
    return r;
}

ResolvedSubset fromFullSplit(const SubsetSpec& spec, const Dataset& train, std::int64_t limit)
{
    ResolvedSubset r;
    r.spec = spec;
    const bool first = limit > 0 && limit < train.size();
    r.source = first ? "the first " + count(limit) + " samples of the " + train.split() + " split"
                     : "the whole " + train.split() + " split";
    r.indices.resize(static_cast<std::size_t>(first ? limit : train.size()));
    std::iota(r.indices.begin(), r.indices.end(), 0);
    r.classCounts = classCountsOf(train, r.indices);
    r.contentKey = "full:" + count(static_cast<std::int64_t>(r.indices.size()));
    return r;
}

const BinsFolderContent& binsOf(const EvaluationParams& p, const Dataset& train, BinsFolderContent& held)
{
    if (held.datasetSize > 0)
        return held;
    held = readBinsFolder(p.bins);
    // Bins of the first trainLimit samples (DQ Studio's "use the first N") share that pool.
    const std::int64_t pool = p.trainLimit > 0 ? std::min(p.trainLimit, train.size()) : train.size();
    if (held.datasetSize != pool)
        throw Error(p.bins.string(),
                    "bins of " + count(held.datasetSize) + " samples, but " +
                        (pool == train.size() ? "the training split has " + count(pool)
                                              : "the evaluation draws from the first " + count(pool) + " training samples"));
    for (std::size_t i = 0; i < held.labels.size(); ++i)
        if (held.labels[i] != train.label(static_cast<std::int64_t>(i)))
            throw Error(p.bins.string(), "label of sample " + count(static_cast<std::int64_t>(i)) + " is " +
                                             std::to_string(held.labels[i]) + " in the bins, " +
                                             std::to_string(train.label(static_cast<std::int64_t>(i))) +
                                             " in the dataset: the bins were made from other data");
    return held;
}

ResolvedSubset fromSweep(const SubsetSpec& spec, const EvaluationParams& p, const Dataset& train, BinsFolderContent& held)
{
    const BinsFolderContent& bins = binsOf(p, train, held);
    const SampleResult s = sampleBins(bins.bins, bins.labels, bins.datasetSize, spec.ratio, p.sampleSeed);
    ResolvedSubset r;
    r.spec = spec;
    r.source =
        p.bins.string() + " at ratio " + pythonFloatText(spec.ratio) + " (sample seed " + std::to_string(p.sampleSeed) + ")";
    r.indices = s.indices;
    if (r.indices.empty())
        throw FieldError("ratios", "ratio " + pythonFloatText(spec.ratio) + " keeps no sample of " + p.bins.string());
    std::sort(r.indices.begin(), r.indices.end());
    r.classCounts = classCountsOf(train, r.indices);
    r.contentKey = indicesContentKey(r.indices);
    return r;
}

// The features folder of the methods, read once and checked against the training split.
const SelectionInputs& selectionInputsOf(const EvaluationParams& p, const Dataset& train,
                                         std::optional<SelectionInputs>& held)
{
    if (held)
        return *held;
    if (p.features.empty())
        throw FieldError("features", "the methods other than dq and random select from a features folder of the "
                                     "training split (dq features): none was given");
    held = loadSelectionInputs(p.features);
    const std::int64_t rows = held->folder.rows;
    const std::int64_t pool = p.trainLimit > 0 ? std::min(p.trainLimit, train.size()) : train.size();
    if (rows != pool)
        throw Error(p.features.string(), "features of " + count(rows) + " samples, but the methods draw from " +
                                             count(pool) + " training samples (the same pool as random and the full split)");
    if (held->labels.empty())
        throw Error(p.features.string(), "has no labels.npy: per-class budgets need the labels");
    for (std::int64_t i = 0; i < rows; ++i)
        if (held->labels[static_cast<std::size_t>(i)] != train.label(i))
            throw Error(p.features.string(), "label of sample " + count(i) +
                                                 " differs from the dataset's: the "
                                                 "features were made from other data");
    return *held;
}

SelectionParams selectionFor(const SubsetSpec& spec, const EvaluationParams& p)
{
    SelectionParams s = p.selection;
    s.method = parseSelectionMethod(spec.method);
    s.ratio = spec.ratio;
    s.seed = p.sampleSeed;
    s.features = p.features;
    s.budgetBins = p.bins;
    s.balance = true;
    return s;
}

// The features folders of the further trainings EL2N and GraNd are averaged over (the
// features' own excluded), made once for all the methods and ratios that average.
const std::vector<fs::path>& otherScoreTrainings(const EvaluationParams& p, std::optional<std::vector<fs::path>>& held,
                                                 JobContext& context)
{
    if (held)
        return *held;
    held.emplace();
    if (p.scoreSeeds > 1) {
        ScoreSeedOptions o;
        o.seeds = p.scoreSeeds;
        o.device = p.device;
        o.cacheDir = p.cacheDir;
        *held = scoreSeedFolders(p.features, o, context); // the trainings' notes carry features.* codes
        held->erase(held->begin());
    }
    return *held;
}

ResolvedSubset fromSelection(const SubsetSpec& spec, const EvaluationParams& p, const Dataset& train,
                             std::optional<SelectionInputs>& held, std::optional<std::vector<fs::path>>& trainings,
                             JobContext& context)
{
    const SelectionInputs& in = selectionInputsOf(p, train, held);
    const SelectionParams params = selectionFor(spec, p);
    const std::vector<fs::path> none;
    const std::vector<fs::path>& others = averagesScoreTrainings(params) ? otherScoreTrainings(p, trainings, context) : none;
    const SelectionResult s = selectCoreset(in, params, context.progress(), context.cancel(), others);
    ResolvedSubset r;
    r.spec = spec;
    r.source = s.method + " from " + p.features.string() + " at ratio " + pythonFloatText(spec.ratio) + " (seed " +
               std::to_string(p.sampleSeed) + ", " + s.budgetSource + ")";
    r.indices = s.indices;
    if (r.indices.empty())
        throw FieldError("ratios", "ratio " + pythonFloatText(spec.ratio) + " keeps no sample");
    r.classCounts = classCountsOf(train, r.indices);
    r.contentKey = indicesContentKey(r.indices);
    return r;
}

// A random subset with the methods' budgets at spec.ratio, drawn anew for every seed.
ResolvedSubset randomWithBudgets(const SubsetSpec& spec, const EvaluationParams& p, const Dataset& train)
{
    std::vector<int> labels(
        static_cast<std::size_t>(p.trainLimit > 0 ? std::min(p.trainLimit, train.size()) : train.size()));
    for (std::size_t i = 0; i < labels.size(); ++i)
        labels[i] = train.label(static_cast<std::int64_t>(i));
    const ClassBudgets b = classBudgets(labels, static_cast<std::int64_t>(labels.size()), spec.ratio, true, p.bins);
    ResolvedSubset r;
    r.spec = spec;
    r.source = "random, " + b.source + " at ratio " + pythonFloatText(spec.ratio);
    r.classCounts = b.perClass;
    r.classCounts.resize(static_cast<std::size_t>(train.classCount()), 0);
    r.contentKey = "random";
    return r;
}

// A codec subset over the samples of its own index file or folder, or of an earlier subset.
ResolvedSubset fromCodec(const SubsetSpec& spec, const std::vector<ResolvedSubset>& earlier, const Dataset& train,
                         const CancelToken& cancel)
{
    if (!spec.path.empty()) {
        std::error_code ec;
        const bool folder = fs::is_directory(spec.path, ec);
        const ResolvedSubset paired =
            folder ? fromReconstructedFolder(SubsetSpec::reconstructed(spec.name, spec.path), train, cancel)
                   : fromIndices(SubsetSpec::indexFile(spec.name, spec.path), train);
        return codecSubset(spec, paired, folder ? spec.path : fs::path(), train, cancel);
    }
    const auto like =
        std::find_if(earlier.begin(), earlier.end(), [&](const ResolvedSubset& r) { return r.spec.name == spec.like; });
    if (spec.like.empty() || like == earlier.end())
        throw FieldError("subset", spec.name + ": no subset named '" + spec.like + "' before it to pair with");
    const fs::path folder = like->spec.kind == SubsetKind::Reconstructed ? like->spec.path : fs::path();
    return codecSubset(spec, *like, folder, train, cancel);
}

} // namespace

std::string indicesContentKey(const std::vector<std::int64_t>& indices)
{
    Fingerprint fp;
    fp.add(std::string_view("indices"));
    fp.add(std::string_view(reinterpret_cast<const char*>(indices.data()), indices.size() * sizeof(std::int64_t)));
    return fp.hex();
}

std::vector<std::int64_t> drawLikeCounts(const Dataset& train, const std::vector<std::int64_t>& classCounts,
                                         std::uint64_t seed, std::int64_t pool)
{
    std::vector<int> labels(static_cast<std::size_t>(train.size()));
    for (std::int64_t i = 0; i < train.size(); ++i)
        labels[static_cast<std::size_t>(i)] = train.label(i);
    try {
        return drawPerClass(labels, classCounts, seed, pool);
    } catch (const Error& e) {
        throw Error(std::string(e.what()) + " (" + train.split() + " split)");
    }
}

std::vector<ResolvedSubset> resolveSubsets(const EvaluationParams& p, const Dataset& train)
{
    const CancelToken cancel;
    JobContext context(Progress::none(), cancel);
    return resolveSubsets(p, train, context);
}

std::vector<ResolvedSubset> resolveSubsets(const EvaluationParams& p, const Dataset& train, JobContext& context)
{
    const CancelToken& cancel = context.cancel();
    std::vector<SubsetSpec> specs = p.subsets;
    const bool dqMethod = p.methods.empty() || std::find(p.methods.begin(), p.methods.end(), "dq") != p.methods.end();
    if (!p.ratios.empty() && p.bins.empty() && dqMethod)
        throw FieldError("ratios", "needs the bins folder to draw the subsets from");
    if (!p.bins.empty() && p.ratios.empty())
        throw FieldError("bins", "needs the keep ratios of the sweep");
    if (!p.methods.empty() && p.ratios.empty())
        throw FieldError("methods", "needs the keep ratios of the comparison");
    for (const std::string& m : p.methods)
        if (m != "dq")
            parseSelectionMethod(m); // the error names the known ones
    if (p.scoreSeeds < 1)
        throw FieldError("score-seeds", "must be at least 1, got " + std::to_string(p.scoreSeeds));
    for (const double ratio : p.ratios) {
        if (!(ratio > 0.0 && ratio <= 1.0))
            throw FieldError("ratios", "every ratio must lie in (0, 1], got " + pythonFloatText(ratio));
        if (p.methods.empty()) {
            specs.push_back(SubsetSpec::swept(ratio));
            if (p.sweepRandom) {
                specs.push_back(SubsetSpec::randomLike(specs.back().name));
                specs.back().ratio = ratio;
            }
            continue;
        }
        for (const std::string& m : p.methods)
            specs.push_back(m == "dq"       ? SubsetSpec::swept(ratio)
                            : m == "random" ? SubsetSpec::randomBudgets(ratio)
                                            : SubsetSpec::selected(m, ratio));
    }
    if (specs.empty())
        throw FieldError("subset", "nothing to evaluate: give a subset, the full split, or bins with keep ratios");
    if (train.classCount() == 0)
        throw Error(train.split(), "the training split has no labels: an evaluation trains a classifier");

    std::set<std::string> names;
    for (const SubsetSpec& s : specs) {
        if (s.name.empty())
            throw FieldError("subset", "every subset needs a name (NAME=FILE)");
        if (!names.insert(s.name).second)
            throw FieldError("subset", "two subsets are named '" + s.name + "'");
    }
    std::vector<ResolvedSubset> out;
    BinsFolderContent bins;
    std::optional<SelectionInputs> selection;
    std::optional<std::vector<fs::path>> scoreTrainings;
    for (const SubsetSpec& s : specs) {
        switch (s.kind) {
        case SubsetKind::Indices:
            out.push_back(fromIndices(s, train));
            break;
        case SubsetKind::Reconstructed:
            out.push_back(fromReconstructedFolder(s, train, cancel));
            break;
        case SubsetKind::Full:
            out.push_back(fromFullSplit(s, train, p.trainLimit));
            break;
        case SubsetKind::Swept:
            out.push_back(fromSweep(s, p, train, bins));
            break;
        case SubsetKind::Selected:
            out.push_back(fromSelection(s, p, train, selection, scoreTrainings, context));
            break;
        case SubsetKind::Codec:
            out.push_back(fromCodec(s, out, train, cancel));
            break;
        case SubsetKind::Random: {
            if (s.like.empty()) {
                out.push_back(randomWithBudgets(s, p, train));
                break;
            }
            const auto like =
                std::find_if(out.begin(), out.end(), [&](const ResolvedSubset& r) { return r.spec.name == s.like; });
            if (like == out.end())
                throw FieldError("random-like", "no subset named '" + s.like + "' before it");
            ResolvedSubset r;
            r.spec = s;
            r.source = "random, the class counts of " + s.like;
            r.classCounts = like->classCounts;
            r.contentKey = "random";
            out.push_back(std::move(r));
            break;
        }
        }
    }
    return out;
}

SubsetDataset::SubsetDataset(const Dataset& train, std::vector<std::int64_t> indices,
                             std::shared_ptr<const Dataset> replacement, std::string fingerprint)
        : train_(train), indices_(std::move(indices)), replacement_(std::move(replacement)),
          fingerprint_(std::move(fingerprint))
{ }

int SubsetDataset::label(std::int64_t i) const { return train_.label(indices_.at(static_cast<std::size_t>(i))); }

Image SubsetDataset::image(std::int64_t i) const
{
    return replacement_ ? replacement_->image(i) : train_.image(indices_.at(static_cast<std::size_t>(i)));
}

} // namespace dq
