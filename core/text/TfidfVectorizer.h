#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dq {

class Progress;
class CancelToken;
class TermTable;

// A document as the texts of its fields; bigrams never cross from one field to the next.
using TextSegments = std::vector<std::string_view>;

struct TermWeight {
    std::uint64_t term;
    double weight;
};

// Reusable buffers of one thread.
struct TermScratch {
    std::string buffer;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    std::vector<std::uint64_t> keys;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> counts; // (term, count), terms ascending
};

// TF-IDF over word unigrams and bigrams (WordTokenizer), as scikit-learn's
// TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, smooth_idf=True, norm="l2") with
// that tokenizer: weight = (1 + ln tf) * (ln((1 + N) / (1 + df)) + 1), each row scaled to
// unit length. Terms are identified by a 64-bit hash of their text (unigramKey,
// bigramKey) instead of a vocabulary of strings: two of a few million terms collide with
// probability about 1e-7, and the memory is 12 bytes per term.
class TfidfVectorizer {
public:
    TfidfVectorizer();
    ~TfidfVectorizer();
    TfidfVectorizer(TfidfVectorizer&&) noexcept;
    TfidfVectorizer& operator=(TfidfVectorizer&&) noexcept;

    // Counts document frequencies (threads: 0 = workerThreads()); reports stage progress in documents.
    void fit(const std::vector<TextSegments>& documents, int threads, Progress& progress, const CancelToken& cancel);

    std::int64_t documents() const { return documents_; }
    std::int64_t vocabularySize() const;
    std::uint32_t documentFrequency(std::uint64_t term) const;
    double idf(std::uint64_t term) const;

    // The unit-length TF-IDF row of a document, terms ascending; empty without tokens.
    void transform(const TextSegments& document, std::vector<TermWeight>& out, TermScratch& scratch) const;
    std::vector<TermWeight> transform(const TextSegments& document) const;

    // Every distinct term of a document with its count, into scratch.counts.
    static void countTerms(const TextSegments& document, TermScratch& scratch);
    static std::uint64_t unigramKey(std::string_view token);
    static std::uint64_t bigramKey(std::uint64_t first, std::uint64_t second);

private:
    std::unique_ptr<TermTable> df_;
    std::int64_t documents_ = 0;
};

} // namespace dq
