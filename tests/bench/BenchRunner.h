#pragma once
#include <string>
#include <vector>

namespace dqbench {

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

std::string gitRevision();
std::string today();

} // namespace dqbench
