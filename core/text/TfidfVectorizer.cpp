#include "text/TfidfVectorizer.h"

#include "common/internal/ParallelFor.h"
#include "common/Progress.h"
#include "text/internal/TermTable.h"
#include "text/internal/WordTokenizer.h"

#include <algorithm>
#include <cmath>

namespace dq {
namespace {

// SplitMix64's finaliser: spreads FNV's weak low bits over the whole word.
std::uint64_t mix(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t nonZero(std::uint64_t k) { return k == 0 ? 1 : k; }

} // namespace

TfidfVectorizer::TfidfVectorizer() : df_(std::make_unique<TermTable>()) { }
TfidfVectorizer::~TfidfVectorizer() = default;
TfidfVectorizer::TfidfVectorizer(TfidfVectorizer&&) noexcept = default;
TfidfVectorizer& TfidfVectorizer::operator=(TfidfVectorizer&&) noexcept = default;

std::uint64_t TfidfVectorizer::unigramKey(std::string_view token)
{
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a
    for (const char c : token) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return nonZero(mix(h));
}

std::uint64_t TfidfVectorizer::bigramKey(std::uint64_t first, std::uint64_t second)
{
    return nonZero(mix(first * 0x9E3779B97F4A7C15ULL + ((second << 29) | (second >> 35)) + 0x632BE59BD9B4E019ULL));
}

void TfidfVectorizer::countTerms(const TextSegments& document, TermScratch& s)
{
    s.keys.clear();
    for (const std::string_view segment : document) {
        WordTokenizer::tokenize(segment, s.buffer, s.spans);
        std::uint64_t previous = 0;
        for (std::size_t k = 0; k < s.spans.size(); ++k) {
            const auto [b, e] = s.spans[k];
            const std::uint64_t key = unigramKey(std::string_view(s.buffer).substr(b, e - b));
            s.keys.push_back(key);
            if (k > 0)
                s.keys.push_back(bigramKey(previous, key));
            previous = key;
        }
    }
    std::sort(s.keys.begin(), s.keys.end());
    s.counts.clear();
    for (std::size_t i = 0; i < s.keys.size();) {
        std::size_t j = i + 1;
        while (j < s.keys.size() && s.keys[j] == s.keys[i])
            ++j;
        s.counts.emplace_back(s.keys[i], static_cast<std::uint32_t>(j - i));
        i = j;
    }
}

void TfidfVectorizer::fit(const std::vector<TextSegments>& documents, int threads, Progress& progress,
                          const CancelToken& cancel)
{
    const auto n = static_cast<std::int64_t>(documents.size());
    const int workers = resolveThreads(threads, n);
    std::vector<TermTable> tables(static_cast<std::size_t>(workers), TermTable(1 << 16));
    std::vector<TermScratch> scratch(static_cast<std::size_t>(workers));
    progress.setStage("tfidf: counting terms", n);
    parallelChunks(
        n, 256, workers,
        [&](std::int64_t begin, std::int64_t end, int w) {
            TermScratch& s = scratch[static_cast<std::size_t>(w)];
            TermTable& t = tables[static_cast<std::size_t>(w)];
            for (std::int64_t i = begin; i < end; ++i) {
                countTerms(documents[static_cast<std::size_t>(i)], s);
                for (const auto& [key, count] : s.counts)
                    t.add(key);
            }
        },
        progress, 0, cancel);
    // Integer counts: the merge order does not change the result.
    for (std::size_t w = 1; w < tables.size(); ++w) {
        tables[0].merge(tables[w]);
        tables[w] = TermTable();
    }
    *df_ = std::move(tables[0]);
    documents_ = n;
    progress.finishStage();
}

std::int64_t TfidfVectorizer::vocabularySize() const { return static_cast<std::int64_t>(df_->size()); }

std::uint32_t TfidfVectorizer::documentFrequency(std::uint64_t term) const { return df_->find(term); }

double TfidfVectorizer::idf(std::uint64_t term) const
{
    const double df = documentFrequency(term);
    return std::log((1.0 + static_cast<double>(documents_)) / (1.0 + df)) + 1.0;
}

void TfidfVectorizer::transform(const TextSegments& document, std::vector<TermWeight>& out, TermScratch& s) const
{
    countTerms(document, s);
    out.clear();
    double norm2 = 0;
    for (const auto& [key, count] : s.counts) {
        const double w = (1.0 + std::log(static_cast<double>(count))) * idf(key);
        out.push_back({key, w});
        norm2 += w * w;
    }
    if (norm2 > 0) {
        const double inv = 1.0 / std::sqrt(norm2);
        for (auto& tw : out)
            tw.weight *= inv;
    }
}

std::vector<TermWeight> TfidfVectorizer::transform(const TextSegments& document) const
{
    TermScratch s;
    std::vector<TermWeight> out;
    transform(document, out, s);
    return out;
}

} // namespace dq
