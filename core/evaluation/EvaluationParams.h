#pragma once
// What dq evaluate and DQ Studio's Evaluate stage ask for and get back. No torch here.
#include "selection/SelectionParams.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace dq {

// A training subset to judge (all of them index the dataset's train split).
enum class SubsetKind {
    Indices, // an index file (.npy, integer): dq sample's or another method's; or indices in memory
    Reconstructed, // a folder dq pixel / DQ Studio's export wrote: its images replace those indices' originals
    Random, // the per-class counts of another subset, drawn uniformly again for every seed
    Full, // the whole train split
    Swept, // drawn from a bins folder at one ratio (the ratio sweep), as dq sample draws
    Selected, // chosen by a coreset-selection method (dq select) at one ratio from the features
    Codec, // the samples of another subset, each stored in a lossy codec at a byte budget and decoded
};
// "indices", "reconstructed", "random", "full", "sweep", "selected", "codec"
const char* subsetKindName(SubsetKind kind);

struct SubsetSpec {
    std::string name;
    SubsetKind kind = SubsetKind::Indices;
    std::filesystem::path path; // Indices: the .npy; Reconstructed: the folder
    std::vector<std::int64_t> indices; // Indices without a path: the indices themselves
    std::string like; // Random: the name of the subset whose per-class counts it copies
                      // (empty: the selection budgets at `ratio`, as every method gets)
    double ratio = 0; // Swept, Selected (and Random without `like`): the keep ratio
    std::string method; // Selected: the selection method's name (selectionMethodNames())
    // Codec: "jpeg" or "webp"; the budget of all the files together (0: the stored bytes of
    // the quantized/ folder of the dq pixel folder it is paired with); the samples are those
    // of `path` (an index file or a reconstructed folder) or, without a path, of the subset
    // named `like`.
    std::string codec;
    std::int64_t codecBytes = 0;

    static SubsetSpec indexFile(std::string name, std::filesystem::path file);
    static SubsetSpec inMemory(std::string name, std::vector<std::int64_t> indices);
    static SubsetSpec reconstructed(std::string name, std::filesystem::path folder);
    static SubsetSpec randomLike(const std::string& template_); // named random-<template>
    static SubsetSpec full(); // named full
    static SubsetSpec swept(double ratio); // named dq-<ratio>
    static SubsetSpec selected(const std::string& method, double ratio); // named <method>-<ratio>
    static SubsetSpec randomBudgets(double ratio); // named random-<ratio>
    static SubsetSpec codecAtBytes(std::string name, std::string codec, std::int64_t bytes, std::filesystem::path source,
                                   std::string like = {});
};

// The training recipe: the reference's validate_cifar.py and DeepCore's, with a cosine
// schedule over all steps.
struct EvaluationRecipe {
    std::string model = "convnet"; // convnet | resnet18 (the CIFAR form)
    int width = 32; // ConvNet's channels per block (128 in the distillation papers)
    int epochs = 6;
    int batchSize = 128;
    double learningRate = 0.1;
    double momentum = 0.9;
    double weightDecay = 5e-4;
    bool nesterov = false;
    bool crop = true; // random crop after zero padding (2 pixels below 32 x 32, else 4)
    bool flip = true; // random horizontal flip
};

struct EvaluationParams {
    std::string datasetSpec;
    std::vector<SubsetSpec> subsets;
    // The ratio sweep: from this bins folder (dq bins), a subset per ratio drawn as dq sample
    // draws it (seed sampleSeed), each followed by a random subset of the same per-class
    // counts when sweepRandom.
    std::filesystem::path bins;
    std::vector<double> ratios;
    std::uint64_t sampleSeed = 0;
    bool sweepRandom = true;

    // The comparison: at every ratio, a subset per method ("dq": the sweep's; "random": drawn
    // anew per seed with the budgets; the others: selected from `features`, a features
    // folder of the training split, with seed sampleSeed). The per-class budgets are DQ's
    // (from `bins` when given), so every method keeps as many of each class as DQ.
    std::vector<std::string> methods;
    std::filesystem::path features;
    SelectionParams selection; // options of the methods (score, herding rule, ccs, function)
    // EL2N and GraNd (and CCS over them) averaged over this many selection trainings, the
    // features' own and those of seeds S + 1 .. S + n - 1 (dq select --score-seeds).
    int scoreSeeds = 1;

    // Random subsets and the full split come from the first trainLimit training samples
    // (DQ Studio's "use the first N images", so that they share DQ's pool); 0: all.
    std::int64_t trainLimit = 0;

    EvaluationRecipe recipe;
    std::vector<std::uint64_t> seeds{0, 1, 2};
    std::string device = "auto";
    std::filesystem::path cacheDir; // empty: defaultCacheDir(); runs are kept under evaluation/
    bool reuseCache = true;
};

struct EpochRecord {
    int epoch = 0; // 1-based
    double trainLoss = 0, testLoss = 0, testAccuracy = 0; // accuracy as a fraction
};

// One training of a fresh network on one subset with one seed.
struct SeedRun {
    std::uint64_t seed = 0;
    std::vector<EpochRecord> epochs;
    std::int64_t steps = 0; // optimiser steps in all
    double seconds = 0; // of the training that produced it (also when read from the cache)
    bool fromCache = false;
    double finalAccuracy() const { return epochs.empty() ? 0 : epochs.back().testAccuracy; }
    double bestAccuracy() const;
};

struct MeanStd {
    double mean = 0, std = 0; // std: the sample standard deviation (n - 1); 0 for one run
};
MeanStd meanStd(const std::vector<double>& values);

struct SubsetResult {
    std::string name;
    SubsetKind kind = SubsetKind::Indices;
    std::string source; // the file or folder, the subset it copies, or the bins folder
    double ratio = 0; // images / train split size
    std::int64_t images = 0;
    std::vector<std::int64_t> classCounts;
    std::int64_t storedBytes = 0; // Codec: the encoded files' total (0 for the other kinds)
    // The training indices, ascending, for subsets that are the same for every seed (not
    // random ones, drawn anew per seed; not written to evaluation.json): DQ Studio shows
    // which samples a method kept.
    std::vector<std::int64_t> indices;
    std::vector<SeedRun> runs;
    MeanStd finalAccuracy, bestAccuracy;
    double seconds = 0; // training time of all runs
};

struct EvaluationResult {
    std::string datasetName, datasetSpec;
    std::int64_t trainSize = 0, testSize = 0;
    std::string testSplit; // "test"
    std::vector<std::string> classNames;
    EvaluationRecipe recipe;
    std::vector<std::uint64_t> seeds;
    int scoreSeeds = 1; // the methods' score trainings (EvaluationParams::scoreSeeds)
    std::string device;
    int threads = 0;
    std::vector<SubsetResult> subsets;
    std::vector<std::string> notes; // the texts of the stage's notes, for evaluation.json
    double seconds = 0;
};

// Reported after every epoch of every run, from the worker thread (live curves).
struct EpochUpdate {
    int subset = 0; // index into EvaluationResult::subsets
    std::string name;
    std::uint64_t seed = 0;
    EpochRecord record;
};

} // namespace dq
