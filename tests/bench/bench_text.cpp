// Benchmarks of instruction data (issue: instruction datasets). One JSON line per
// measurement, as benchmarking.md asks.
//   bench_text [--work DIR] [--pairs N] [--only SUBSTRING]
// Inputs are generated once into DIR (default /tmp/dq-bench) with fixed seeds:
// - synthetic_alpaca_52002.json: 52,002 Alpaca-style records (JSON list, indent 4). Each
//   has a log-uniform total of 20 to 300 words (mean about 100), split into instruction
//   (8 + 10%), an input for 40% of the records (20%) and the output (the rest); words drawn
//   from a Zipf(1.1) vocabulary of 50,000 pseudo-words (word k spells k in base 26, so
//   frequent words are short), sentences of about 12 words.
// - text_52002x1536.npy: unit vectors around one direction, cosine to the mean about 0.85
//   (SyntheticFeatures.h), the shape of the reference's OpenAI embeddings.
#include "BenchRunner.h"
#include "SyntheticFeatures.h"

#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "io/Npy.h"
#include "submodular/internal/SeededRandom.h"
#include "text/InstructionReader.h"
#include "text/TfidfEmbedding.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace dqbench;

namespace {

constexpr std::int64_t kRecords = 52002;

using Options = BenchOptions;

std::string dqPath() { return DQ_CLI_PATH; }

void ensure(const fs::path& path, const std::function<void()>& make)
{
    if (!fs::exists(path)) {
        std::fprintf(stderr, "generating %s\n", path.c_str());
        make();
    }
}

double uniform(dq::SeededRandom& rng) { return static_cast<double>(rng.next() >> 11) * 0x1.0p-53; }

std::string pseudoWord(std::size_t k)
{
    std::string w;
    for (++k; k > 0; k /= 26)
        w += static_cast<char>('a' + (k - 1) % 26);
    return w;
}

class ZipfWords {
public:
    ZipfWords(std::size_t vocabulary, double s)
    {
        double sum = 0;
        for (std::size_t k = 1; k <= vocabulary; ++k)
            cdf_.push_back(sum += 1.0 / std::pow(static_cast<double>(k), s));
        for (auto& c : cdf_)
            c /= sum;
        for (std::size_t k = 0; k < vocabulary; ++k)
            words_.push_back(pseudoWord(k));
    }
    const std::string& draw(dq::SeededRandom& rng) const
    {
        const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), uniform(rng));
        return words_[std::min<std::size_t>(static_cast<std::size_t>(it - cdf_.begin()), words_.size() - 1)];
    }

private:
    std::vector<double> cdf_;
    std::vector<std::string> words_;
};

std::string sentenceText(const ZipfWords& z, dq::SeededRandom& rng, std::int64_t words)
{
    std::string s;
    for (std::int64_t i = 0; i < words; ++i) {
        std::string w = z.draw(rng);
        const bool start = i % 12 == 0;
        if (start)
            w[0] = static_cast<char>(w[0] - 32);
        s += (i ? " " : "") + w;
        if (i % 12 == 11 || i + 1 == words)
            s += ".";
    }
    return s;
}

void writeSyntheticAlpaca(const fs::path& path)
{
    const ZipfWords z(50000, 1.1);
    dq::SeededRandom rng(2024);
    std::string out = "[\n";
    for (std::int64_t i = 0; i < kRecords; ++i) {
        const auto total = static_cast<std::int64_t>(std::exp(std::log(20.0) + uniform(rng) * std::log(300.0 / 20.0)));
        const std::int64_t instruction = std::min<std::int64_t>(total, 8 + total / 10);
        const std::int64_t input = uniform(rng) < 0.4 ? total / 5 : 0;
        const std::int64_t output = std::max<std::int64_t>(1, total - instruction - input);
        out += "    {\n        \"instruction\": \"" + sentenceText(z, rng, instruction) + "\",\n        \"input\": \"" +
               (input ? sentenceText(z, rng, input) : std::string()) + "\",\n        \"output\": \"" +
               sentenceText(z, rng, output) + "\"\n    }" + (i + 1 < kRecords ? ",\n" : "\n");
    }
    dq::writeFileAtomically(path, out + "]");
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double peakRssMb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

double timed(const std::function<void()>& f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// In-process: the measured and the baseline region alternately, after one warm-up each.
void compareInProcess(const std::string& bench, const std::string& input, const std::function<void()>& measured,
                      const std::function<void()>& baseline, const std::string& baselineName, int pairs)
{
    measured();
    baseline();
    std::vector<double> a, b, ratios;
    for (int i = 0; i < pairs; ++i) {
        a.push_back(timed(measured));
        b.push_back(timed(baseline));
        ratios.push_back(a.back() / std::max(b.back(), 1e-6));
    }
    std::printf("{\"bench\": \"%s\", \"input\": \"%s\", \"wall_s\": %.3f, \"wall_min_s\": %.3f, \"wall_max_s\": %.3f, "
                "\"peak_rss_mb\": %.0f, \"baseline\": \"%s\", \"baseline_wall_s\": %.3f, \"ratio\": %.4f, "
                "\"ratio_min\": %.4f, \"ratio_max\": %.4f, \"pairs\": %d, \"threads\": %d, \"git\": \"%s\", "
                "\"date\": \"%s\"}\n",
                bench.c_str(), input.c_str(), median(a), *std::min_element(a.begin(), a.end()),
                *std::max_element(a.begin(), a.end()), peakRssMb(), baselineName.c_str(), median(b), median(ratios),
                *std::min_element(ratios.begin(), ratios.end()), *std::max_element(ratios.begin(), ratios.end()), pairs,
                dq::availableCores(), gitRevision().c_str(), today().c_str());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    o.work = "/tmp/dq-bench";
    if (!parseBenchOptions(argc, argv, "bench_text", o))
        return 2;
    try {
        fs::create_directories(o.work);
        dq::configureThreads(0);
        const fs::path data = o.work / "synthetic_alpaca_52002.json";
        ensure(data, [&] { writeSyntheticAlpaca(data); });
        const std::string dataInfo = "52002 synthetic Alpaca records (log-uniform 20-300 words, Zipf 1.1 vocabulary)";

        // TF-IDF embedding in process (dim 512); baseline: reading and checking the JSON.
        if (o.wanted("tfidf-embed")) {
            const dq::InstructionDataset d = dq::readInstructionDataset(data);
            std::vector<dq::TextSegments> docs;
            for (const auto& r : d.records)
                docs.push_back({r.instruction, r.input, r.output});
            compareInProcess(
                "tfidf-embed", dataInfo + ", unigrams+bigrams, dim 512",
                [&] { dq::tfidfEmbedding(docs, dq::TfidfParams{}, dq::Progress::none(), dq::CancelToken()); },
                [&] { dq::readInstructionDataset(data); }, "readInstructionDataset (read only)", o.pairs);
        }
        // The whole command with TF-IDF (recomputed every run), baseline the random subset.
        const fs::path out = o.work / "text_out.json";
        const std::string common =
            dqPath() + " text --data " + data.string() + " --ratio 0.1 --bins 10 --out " + out.string();
        if (o.wanted("dq-text-tfidf")) {
            compareAndPrint("dq-text-tfidf", dataInfo + ", --embed tfidf (dim 512, no cache), 10 bins, ratio 0.1",
                            common + " --embed tfidf --no-cache --cache-dir " + (o.work / "cache").string(),
                            common + " --random", "dq text --random (read only)", std::max(1, o.pairs / 2));
        }
        // The reference's shape: 52,002 x 1,536 embeddings, 10 bins, ratio 0.1; baseline: the
        // same command with --random, which reads and checks the data and the embeddings.
        if (o.wanted("dq-text-embeddings")) {
            const fs::path emb = o.work / "text_52002x1536.npy";
            ensure(emb, [&] { dq::writeNpy(emb, unitVectorsAroundDirection(kRecords, 1536, 0.85, 7)); });
            compareAndPrint("dq-text-embeddings",
                            dataInfo + ", 52002x1536 unit embeddings (cos 0.85 to the mean), 10 bins, ratio 0.1",
                            common + " --embeddings " + emb.string(), common + " --embeddings " + emb.string() + " --random",
                            "dq text --random (read only)", o.pairs);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_text: %s\n", e.what());
        return 1;
    }
    return 0;
}
