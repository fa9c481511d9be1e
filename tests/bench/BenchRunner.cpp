#include "BenchRunner.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dqbench {
namespace {

std::string shellOutput(const std::string& cmd)
{
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[256];
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        ::pclose(p);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

} // namespace

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double runBaselineFigure(const std::string& command, const std::string& key)
{
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p)
        throw std::runtime_error("cannot start: " + command);
    char buf[512];
    while (std::fgets(buf, sizeof buf, p))
        out += buf;
    if (::pclose(p) != 0)
        throw std::runtime_error("baseline failed: " + command);
    const std::string field = "\"" + key + "\": ";
    const auto at = out.find(field);
    if (at == std::string::npos)
        throw std::runtime_error("baseline printed no " + key + ": " + command);
    return std::stod(out.substr(at + field.size()));
}

bool parseBenchOptions(int argc, char** argv, const char* program, BenchOptions& o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--work" && i + 1 < argc)
            o.work = argv[++i];
        else if (arg == "--pairs" && i + 1 < argc)
            o.pairs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--only" && i + 1 < argc)
            o.only = argv[++i];
        else {
            std::fprintf(stderr, "usage: %s [--work DIR] [--pairs N] [--only SUBSTRING]\n", program);
            return false;
        }
    }
    return true;
}

ProcessRun runMeasured(const std::string& command)
{
    const std::string log = "/tmp/dq-bench-time.txt";
    const std::string full = "/usr/bin/time -v -o " + log + " " + command + " >/dev/null 2>/tmp/dq-bench-stderr.txt";
    if (std::system(full.c_str()) != 0)
        throw std::runtime_error("benchmark command failed: " + command + " (see /tmp/dq-bench-stderr.txt)");
    std::ifstream in(log);
    ProcessRun r;
    std::string line;
    while (std::getline(in, line)) {
        if (line.find("Maximum resident set size") != std::string::npos)
            r.peakRssMb = std::stod(line.substr(line.rfind(':') + 1)) / 1024.0;
        if (line.find("Elapsed (wall clock)") != std::string::npos) {
            // h:mm:ss or m:ss.ss
            const std::string t = line.substr(line.rfind(": ") + 2);
            double secs = 0;
            std::stringstream ss(t);
            std::string part;
            while (std::getline(ss, part, ':'))
                secs = secs * 60 + std::stod(part);
            r.wallSeconds = secs;
        }
    }
    return r;
}

void compareAndPrint(const std::string& bench, const std::string& input, const std::string& measured,
                     const std::string& baseline, const std::string& baselineName, int pairs)
{
    pairs = std::max(1, pairs);
    runMeasured(measured); // warm-up: page cache, lazy binding
    runMeasured(baseline);
    std::vector<double> a, b, ratios, rss;
    for (int i = 0; i < pairs; ++i) {
        const ProcessRun ra = runMeasured(measured);
        const ProcessRun rb = runMeasured(baseline);
        a.push_back(ra.wallSeconds);
        b.push_back(rb.wallSeconds);
        rss.push_back(ra.peakRssMb);
        ratios.push_back(ra.wallSeconds / std::max(rb.wallSeconds, 1e-3));
    }
    std::printf("{\"bench\": \"%s\", \"input\": \"%s\", \"wall_s\": %.3f, \"wall_min_s\": %.3f, \"wall_max_s\": %.3f, "
                "\"peak_rss_mb\": %.0f, \"baseline\": \"%s\", \"baseline_wall_s\": %.3f, \"ratio\": %.4f, "
                "\"ratio_min\": %.4f, \"ratio_max\": %.4f, \"pairs\": %d, \"git\": \"%s\", \"date\": \"%s\"}\n",
                bench.c_str(), input.c_str(), median(a), *std::min_element(a.begin(), a.end()),
                *std::max_element(a.begin(), a.end()), *std::max_element(rss.begin(), rss.end()), baselineName.c_str(),
                median(b), median(ratios), *std::min_element(ratios.begin(), ratios.end()),
                *std::max_element(ratios.begin(), ratios.end()), pairs, gitRevision().c_str(), today().c_str());
    std::fflush(stdout);
}

std::string gitRevision()
{
    const std::string r = shellOutput("git -C " DQ_SOURCE_DIR " rev-parse --short HEAD 2>/dev/null");
    return r.empty() ? "unknown" : r;
}

std::string today()
{
    const std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
    return buf;
}

} // namespace dqbench
