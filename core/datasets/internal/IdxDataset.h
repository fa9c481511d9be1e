#pragma once
#include "datasets/Dataset.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace dq {

// The decoded contents of an IDX images file (magic 0x00000803: uint8, N x H x W).
struct IdxImages {
    std::int64_t count = 0;
    int height = 0;
    int width = 0;
    std::vector<std::uint8_t> pixels; // count * height * width bytes
};

// Readers for single IDX files, gzip-compressed or raw. Throw dq::Error naming the file
// for a wrong magic, impossible dimensions, or a truncated or overlong file.
IdxImages readIdxImages(const std::filesystem::path& file);
std::vector<std::uint8_t> readIdxLabels(const std::filesystem::path& file); // magic 0x00000801

// One split of an MNIST-style dataset, held in memory (47 MB for 60,000 28 x 28 images).
class IdxDataset : public Dataset {
public:
    // Every label must be below classNames.size(). `fingerprint` identifies the files.
    IdxDataset(IdxImages images, std::vector<std::uint8_t> labels, std::vector<std::string> classNames, std::string split,
               std::string fingerprint);

    // Reads both files; class names "0".."max label" when none are given.
    static std::shared_ptr<IdxDataset> open(const std::filesystem::path& imagesFile, const std::filesystem::path& labelsFile,
                                            const std::string& split, std::vector<std::string> classNames = {});

    std::int64_t size() const override { return images_.count; }
    const std::vector<std::string>& classNames() const override { return classNames_; }
    int label(std::int64_t i) const override;
    Image image(std::int64_t i) const override;
    ImageShape imageShape() const override { return {images_.height, images_.width, 1}; }
    std::string split() const override { return split_; }
    std::string fingerprint() const override { return fingerprint_; }

    // All pixels, N x H x W, for stages that read the whole split at once.
    const std::vector<std::uint8_t>& pixels() const { return images_.pixels; }

private:
    IdxImages images_;
    std::vector<std::uint8_t> labels_;
    std::vector<std::string> classNames_;
    std::string split_;
    std::string fingerprint_;
};

// The ten Fashion-MNIST class names, in label order.
const std::vector<std::string>& fashionMnistClassNames();

// Where Debian's dataset-fashion-mnist package installs the files.
std::filesystem::path defaultFashionMnistDir();

// Opens a folder of IDX files: train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]
// (or the 'train-images.idx3-ubyte' spelling), and optionally the t10k-* test pair.
// Empty classNames: "0".."max label over both splits". `name` empty: the folder's name.
DatasetBundle openIdxFolder(const std::filesystem::path& dir, const std::string& spec, const std::string& name = {},
                            std::vector<std::string> classNames = {});

// Fashion-MNIST from dir (empty: defaultFashionMnistDir()), named "FashionMNIST".
DatasetBundle openFashionMnist(const std::filesystem::path& dir, const std::string& spec);

} // namespace dq
