#pragma once
#include "datasets/Dataset.h"
#include "pixel/ImageCodec.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dq {

// The file that marks a folder of reconstructed images (see below).
inline constexpr const char* kReconstructionManifest = "manifest.csv";

class AtomicDirectory;

// Writes a folder of reconstructed images that torchvision's ImageFolder reads directly:
//   DIR/images/<class>/<index>.png   at the dataset's native size (grey stays grey)
//   DIR/manifest.csv                 index,label,class,path: one row per image, in the
//                                    order added; label and class are the source
//                                    dataset's, path is relative to DIR
// <class> is the class name made safe as a folder name; <index> is zero-padded to the
// digits of (dataset size - 1), so that file names sort in index order. imagefolder:DIR
// reads such a folder back in manifest order. Everything is written into a staging
// folder and appears at commit(); destroyed without commit(), nothing is left behind.
class ReconstructionFolderWriter {
public:
    // datasetSize: samples in the split the indices refer to (> 0).
    ReconstructionFolderWriter(const std::filesystem::path& dir, std::vector<std::string> classNames,
                               std::int64_t datasetSize);
    ~ReconstructionFolderWriter();
    ReconstructionFolderWriter(const ReconstructionFolderWriter&) = delete;
    ReconstructionFolderWriter& operator=(const ReconstructionFolderWriter&) = delete;

    // Writes images/<class>/<index>.png and returns that path relative to DIR. Throws
    // dq::Error for an index out of range or written before, a label that is no class,
    // an image of other than 1, 3 or 4 channels (RGB(A) order).
    std::string add(std::int64_t index, int label, const Image& image);
    // Other outputs of the same job (pixel.json, quantized/, cam/ overlays) go into the
    // staging folder: write under path() directly, or through addFile().
    const std::filesystem::path& path() const;
    // Writes bytes to path() / relativePath (folders created); relativePath must stay
    // inside the folder.
    void addFile(const std::string& relativePath, std::string_view bytes);
    std::int64_t count() const { return static_cast<std::int64_t>(rows_.size()); }
    // Writes manifest.csv and moves the folder into place.
    void commit();

    const std::filesystem::path& dir() const { return dir_; }

    // A class name as a folder name: '/', '\\' and control characters become '_', "",
    // "." and ".." become "_".
    static std::string sanitiseClassName(const std::string& name);
    // The digits of (datasetSize - 1), at least 1.
    static int indexDigits(std::int64_t datasetSize);
    // A CSV field, quoted (RFC 4180) when it holds a comma, quote, CR, LF or edge spaces.
    static std::string csvField(const std::string& field);

private:
    struct Row {
        std::int64_t index;
        int label;
        std::string path;
    };
    std::filesystem::path dir_;
    std::vector<std::string> classNames_;
    std::vector<std::string> folders_;
    std::int64_t datasetSize_;
    int digits_;
    std::unique_ptr<AtomicDirectory> staging_;
    std::vector<Row> rows_;
    std::set<std::int64_t> written_;
    bool committed_ = false;
};

} // namespace dq
