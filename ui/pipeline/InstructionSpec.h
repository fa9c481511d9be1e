#pragma once
#include <QString>

namespace dqui {

// The dataset spec of instruction data: text:DATA.json[,EMBEDDINGS.npy]. DATA is a JSON
// list of records or JSON Lines (Alpaca-style instruction, input, output); without an
// embeddings file (N x D .npy, one row per record) the Features stage computes TF-IDF
// embeddings, as `dq text --embed tfidf` does.
struct InstructionSpec {
    QString data;
    QString embeddings; // empty: TF-IDF

    static bool matches(const QString& spec); // starts with "text:"
    // Throws dq::UsageError naming the spec when it holds no data file.
    static InstructionSpec parse(const QString& spec);
    QString toString() const;
};

} // namespace dqui
