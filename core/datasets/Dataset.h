#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dq {

// An 8-bit image, H x W x C, row-major with interleaved channels (RGB order for colour).
struct Image {
    int height = 0;
    int width = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels;

    std::uint8_t at(int y, int x, int c = 0) const
    {
        return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c];
    }
};

struct ImageShape {
    int height = 0;
    int width = 0;
    int channels = 0;
    bool operator==(const ImageShape& o) const { return height == o.height && width == o.width && channels == o.channels; }
};

enum class SampleKind { Image, Features };

// One split (train or test) of a dataset. Implementations are immutable after
// construction; every const method may be called from several threads at once.
class Dataset {
public:
    virtual ~Dataset() = default;

    virtual std::int64_t size() const = 0;
    virtual const std::vector<std::string>& classNames() const = 0;
    // Class of sample i in [0, classCount()), or -1 for unlabelled samples.
    virtual int label(std::int64_t i) const = 0;
    // Sample i as an image. Feature datasets throw dq::Error.
    virtual Image image(std::int64_t i) const = 0;
    // The shape of every image; for folders of mixed sizes, that of the first image
    // (fixedShape() is then false). Feature datasets: {1, 1, feature dimension}.
    virtual ImageShape imageShape() const = 0;
    virtual bool fixedShape() const { return true; }
    virtual SampleKind kind() const { return SampleKind::Image; }
    // "train" or "test".
    virtual std::string split() const = 0;
    // Stable hash of the source files' sizes and a sample of their bytes (16 hex digits).
    virtual std::string fingerprint() const = 0;

    int classCount() const { return static_cast<int>(classNames().size()); }
    std::vector<int> labels() const;
    std::vector<std::int64_t> classCounts() const; // per class; unlabelled not counted
};

// What a dataset spec string opens: a name, the spec, and its splits. `test` is null
// where the source has no test split.
struct DatasetBundle {
    std::string name; // e.g. "FashionMNIST", used in output file names
    std::string spec; // the spec string as given
    std::shared_ptr<const Dataset> train;
    std::shared_ptr<const Dataset> test;

    // "train" or "test"; throws dq::Error when the split does not exist.
    std::shared_ptr<const Dataset> split(const std::string& name) const;
};

} // namespace dq
