#pragma once
#include "datasets/Dataset.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace dq {

class Fingerprint;

// A torchvision ImageFolder tree: ROOT/<class>/**/<image>. Classes are the sorted
// subfolder names; images are the files with an image extension (case-insensitive:
// .jpg .jpeg .png .ppm .bmp .pgm .tif .tiff .webp), found recursively (following links)
// and ordered as torchvision orders them. Images are decoded on demand, never all held.
class ImageFolderDataset : public Dataset {
public:
    // classNames empty: the sorted subfolders of root. Otherwise (a val/test split reusing
    // the train classes) every subfolder must be one of them; missing ones are allowed.
    ImageFolderDataset(const std::filesystem::path& root, std::string split, std::vector<std::string> classNames = {});

    std::int64_t size() const override { return static_cast<std::int64_t>(files_.size()); }
    const std::vector<std::string>& classNames() const override { return classNames_; }
    int label(std::int64_t i) const override;
    // Gray stays 1 channel; colour becomes RGB (alpha dropped); 16-bit is scaled to 8-bit.
    Image image(std::int64_t i) const override;
    // The first image's shape (decoded once, on first use).
    ImageShape imageShape() const override;
    bool fixedShape() const override { return false; }
    std::string split() const override { return split_; }
    std::string fingerprint() const override { return fingerprint_; }

    const std::filesystem::path& root() const { return root_; }
    // Path of sample i.
    std::filesystem::path file(std::int64_t i) const;

    // The image extensions accepted, lower case with the dot.
    static const std::vector<std::string>& imageExtensions();

    // True when dir holds manifest.csv and an images/ folder: a DQ Studio export
    // (ReconstructionFolderWriter).
    static bool isExport(const std::filesystem::path& dir);
    // Such an export, its samples in manifest order (rows index,label,class,path; path
    // relative to dir, under images/<class>/). Classes are the sorted folders of
    // dir/images and labels come from each file's folder, as torchvision's ImageFolder
    // gives them for dir/images; files the manifest does not list are not samples. root()
    // is dir/images. Throws dq::Error naming the manifest line of a bad row or missing file.
    static std::shared_ptr<ImageFolderDataset> fromManifest(const std::filesystem::path& dir, std::string split = "train");
    // For such an export with an 'index' column: the source dataset's index of every
    // sample, in manifest order; empty otherwise.
    const std::vector<std::int64_t>& sourceIndices() const { return sourceIndices_; }

private:
    struct Entry {
        std::string relativePath; // to root, generic form
        int label = 0;
    };
    ImageFolderDataset() = default;
    void checkIndex(std::int64_t i) const;
    // Hashes the entries' paths and sizes plus a few files' bytes into fingerprint_.
    void computeFingerprint(Fingerprint& fp);

    std::filesystem::path root_;
    std::string split_;
    std::vector<std::string> classNames_;
    std::vector<Entry> files_;
    std::string fingerprint_;
    std::vector<std::int64_t> sourceIndices_;
    mutable std::once_flag shapeOnce_;
    mutable ImageShape shape_;
};

// imagefolder:DIR. A DQ Studio export (DIR/manifest.csv and DIR/images) is read in
// manifest order (ImageFolderDataset::fromManifest) as the train split. With DIR/train (class folders) and DIR/val or
// DIR/test, those are the splits (val preferred; the test split uses the train classes); with DIR/train alone, that is the
// train split; otherwise DIR itself is the train split and there is no test.
DatasetBundle openImageFolder(const std::filesystem::path& dir, const std::string& spec);

} // namespace dq
