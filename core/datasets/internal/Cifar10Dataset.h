#pragma once
#include "datasets/Dataset.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

// One split of CIFAR-10, held in memory: 32 x 32 RGB images stored HWC (the files keep
// CHW planes, 1024 R, 1024 G, 1024 B; they are interleaved once at load), and labels.
class Cifar10Dataset : public Dataset {
public:
    static constexpr int kSide = 32;
    static constexpr int kImageBytes = 3 * kSide * kSide;

    // hwcBatches hold the images batch by batch (kImageBytes each, labels.size() in all):
    // kept apart so that loading never needs a second copy of the whole split.
    Cifar10Dataset(std::string split, std::vector<std::string> classNames, std::vector<std::uint8_t> labels,
                   std::vector<std::vector<std::uint8_t>> hwcBatches, std::string fingerprint);

    std::int64_t size() const override { return static_cast<std::int64_t>(labels_.size()); }
    const std::vector<std::string>& classNames() const override { return classNames_; }
    int label(std::int64_t i) const override;
    Image image(std::int64_t i) const override;
    ImageShape imageShape() const override { return {kSide, kSide, 3}; }
    std::string split() const override { return split_; }
    std::string fingerprint() const override { return fingerprint_; }

private:
    void checkIndex(std::int64_t i) const;

    std::string split_;
    std::vector<std::string> classNames_;
    std::vector<std::uint8_t> labels_;
    std::vector<std::vector<std::uint8_t>> batches_;
    std::vector<std::int64_t> batchStart_; // index of each batch's first image
    std::string fingerprint_;
};

// Opens CIFAR-10 from `dir`, in either distribution:
//  - binary: data_batch_1.bin .. data_batch_5.bin, test_batch.bin (records of 1 label
//    byte + 3072 pixel bytes) and batches.meta.txt (class names, one per line);
//  - Python: data_batch_1 .. data_batch_5, test_batch and batches.meta, pickles read by
//    the strict pickle machine, which accepts only numpy array reconstruction.
// `dir` may also be a parent holding cifar-10-batches-bin/ or cifar-10-batches-py/ (the
// binary one is preferred when both are there). Returns name "CIFAR10" with train and
// test splits; throws dq::Error naming the file and the problem for bad data.
DatasetBundle openCifar10(const std::filesystem::path& dir, const std::string& spec);

} // namespace dq
