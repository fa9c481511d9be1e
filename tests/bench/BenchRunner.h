#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace dqbench {

// The options every benchmark program takes: --work DIR (generated inputs, reused),
// --pairs N (measured/baseline pairs after one warm-up), --only SUBSTRING (bench names).
struct BenchOptions {
    std::filesystem::path work;
    int pairs = 5;
    std::string only;
    bool wanted(const std::string& bench) const { return only.empty() || bench.find(only) != std::string::npos; }
};

// Fills `o` from the command line (o.work holds the default on entry); prints the usage
// of `program` and returns false on anything else.
bool parseBenchOptions(int argc, char** argv, const char* program, BenchOptions& o);

// One whole-process run measured by /usr/bin/time -v: wall time and peak resident memory.
struct ProcessRun {
    double wallSeconds = 0;
    double peakRssMb = 0;
};

ProcessRun runMeasured(const std::string& command);

// Runs measured and baseline commands alternately (A B A B ...), `pairs` times after one
// warm-up pair, and prints the JSON line of benchmarking.md: medians, min, max, ratio.
void compareAndPrint(const std::string& bench, const std::string& input, const std::string& measured,
                     const std::string& baseline, const std::string& baselineName, int pairs);

// Runs a baseline program that prints one JSON line and returns its number `key` (e.g.
// "images_per_s"); throws std::runtime_error when it fails or prints no such number.
double runBaselineFigure(const std::string& command, const std::string& key);
// The median of a non-empty list.
double median(std::vector<double> values);

std::string gitRevision();
std::string today();

} // namespace dqbench
