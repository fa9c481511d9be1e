#pragma once
#include "datasets/Dataset.h"
#include "text/InstructionDataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace dqui {

// Instruction data (a text: spec) as the window's train split: an unlabelled dataset of
// N records without images, so that everything written for datasets (sizes, recent
// lists, projects) works unchanged; the records themselves are in data().
class InstructionRecords : public dq::Dataset {
public:
    InstructionRecords(dq::InstructionDataset data, std::filesystem::path embeddingsFile, double readSeconds);

    const dq::InstructionDataset& data() const { return data_; }
    // The N x D .npy given with the data; empty: the Features stage computes TF-IDF.
    const std::filesystem::path& embeddingsFile() const { return embeddingsFile_; }
    double readSeconds() const { return readSeconds_; }

    std::int64_t size() const override { return data_.size(); }
    const std::vector<std::string>& classNames() const override { return noClasses_; }
    int label(std::int64_t) const override { return -1; }
    // Throws dq::Error: records are text.
    dq::Image image(std::int64_t i) const override;
    dq::ImageShape imageShape() const override { return {1, 1, 0}; }
    dq::SampleKind kind() const override { return dq::SampleKind::Features; }
    std::string split() const override { return "train"; }
    // Of every byte of the data file, and of the embeddings file when there is one.
    std::string fingerprint() const override { return fingerprint_; }

private:
    dq::InstructionDataset data_;
    std::filesystem::path embeddingsFile_;
    double readSeconds_ = 0;
    std::vector<std::string> noClasses_;
    std::string fingerprint_;
};

} // namespace dqui
