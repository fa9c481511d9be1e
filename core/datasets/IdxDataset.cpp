#include "datasets/internal/IdxDataset.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Fingerprint.h"

#include <algorithm>
#include <cstdio>

namespace fs = std::filesystem;

namespace dq {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

std::uint32_t bigEndian32(const std::string& b, std::size_t at)
{
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}

std::string hex32(std::uint32_t v)
{
    char out[16];
    std::snprintf(out, sizeof out, "0x%08x", v);
    return out;
}

// Reads the file and checks its magic and header length; returns the decoded bytes.
std::string readIdx(const fs::path& file, std::uint32_t expectedMagic, std::size_t headerBytes)
{
    std::string bytes = readFileBytes(file, true);
    const std::string where = file.string();
    if (bytes.size() < 4)
        throw Error(where, "truncated: expected " + std::to_string(headerBytes) + " bytes of IDX header, found " +
                               std::to_string(bytes.size()));
    const std::uint32_t magic = bigEndian32(bytes, 0);
    if (magic != expectedMagic) {
        std::string what = std::string("not an IDX ") + (expectedMagic == kImagesMagic ? "images" : "labels") +
                           " file: magic " + hex32(magic) + ", expected " + hex32(expectedMagic);
        if (magic == kLabelsMagic)
            what += " (this is an IDX labels file)";
        else if (magic == kImagesMagic)
            what += " (this is an IDX images file)";
        throw Error(where, what);
    }
    if (bytes.size() < headerBytes)
        throw Error(where, "truncated: expected " + std::to_string(headerBytes) + " bytes of IDX header, found " +
                               std::to_string(bytes.size()));
    return bytes;
}

void checkPayload(const fs::path& file, const char* what, std::uint64_t expected, std::uint64_t found)
{
    if (found < expected)
        throw Error(file.string(), "truncated: expected " + std::to_string(expected) + " bytes of " + what + ", found " +
                                       std::to_string(found));
    if (found > expected)
        throw Error(file.string(), std::to_string(found - expected) + " unexpected bytes after the " +
                                       std::to_string(expected) + " bytes of " + what);
}

std::vector<std::string> numberedClasses(int count)
{
    std::vector<std::string> names;
    for (int k = 0; k < count; ++k)
        names.push_back(std::to_string(k));
    return names;
}

int maxLabel(const std::vector<std::uint8_t>& labels)
{
    return labels.empty() ? -1 : *std::max_element(labels.begin(), labels.end());
}

std::string contentFingerprint(const IdxImages& images, const std::vector<std::uint8_t>& labels)
{
    Fingerprint f;
    f.add(std::string_view("idx"));
    f.add(static_cast<std::uint64_t>(images.count));
    f.add(static_cast<std::uint64_t>(images.height));
    f.add(static_cast<std::uint64_t>(images.width));
    f.add(std::string_view(reinterpret_cast<const char*>(labels.data()), labels.size()));
    f.add(std::string_view(reinterpret_cast<const char*>(images.pixels.data()), images.pixels.size()));
    return f.hex();
}

// Finds e.g. train-images-idx3-ubyte[.gz] or train-images.idx3-ubyte[.gz]; empty if none.
fs::path findIdxFile(const fs::path& dir, const std::string& prefix, const std::string& kind)
{
    for (const char* sep : {"-", "."})
        for (const char* ext : {"", ".gz"}) {
            const fs::path p = dir / (prefix + sep + kind + "-ubyte" + ext);
            std::error_code ec;
            if (fs::is_regular_file(p, ec))
                return p;
        }
    return {};
}

struct RawSplit {
    fs::path imagesFile, labelsFile;
    IdxImages images;
    std::vector<std::uint8_t> labels;
};

// Both files of a split, or nothing when neither exists and the split is optional.
bool readSplit(const fs::path& dir, const std::string& prefix, bool required, RawSplit& out)
{
    out.imagesFile = findIdxFile(dir, prefix + "-images", "idx3");
    out.labelsFile = findIdxFile(dir, prefix + "-labels", "idx1");
    if (out.imagesFile.empty() && out.labelsFile.empty() && !required)
        return false;
    if (out.imagesFile.empty())
        throw Error(dir.string(),
                    "missing " + prefix + "-images-idx3-ubyte[.gz] (or " + prefix + "-images.idx3-ubyte[.gz])");
    if (out.labelsFile.empty())
        throw Error(dir.string(),
                    "missing " + prefix + "-labels-idx1-ubyte[.gz] (or " + prefix + "-labels.idx1-ubyte[.gz])");
    out.images = readIdxImages(out.imagesFile);
    out.labels = readIdxLabels(out.labelsFile);
    if (static_cast<std::int64_t>(out.labels.size()) != out.images.count)
        throw Error(out.labelsFile.string(), std::to_string(out.labels.size()) + " labels, but " + out.imagesFile.string() +
                                                 " holds " + std::to_string(out.images.count) + " images");
    return true;
}

std::string folderName(const fs::path& dir)
{
    fs::path p = dir.lexically_normal();
    if (p.filename().empty())
        p = p.parent_path();
    if (p.filename().empty() || p.filename() == "." || p.filename() == "..") {
        std::error_code ec;
        const fs::path abs = fs::weakly_canonical(dir, ec);
        if (!ec && !abs.filename().empty())
            return abs.filename().string();
    }
    return p.filename().string();
}

} // namespace

IdxImages readIdxImages(const fs::path& file)
{
    std::string bytes = readIdx(file, kImagesMagic, 16);
    IdxImages out;
    const std::uint32_t n = bigEndian32(bytes, 4);
    const std::uint32_t h = bigEndian32(bytes, 8);
    const std::uint32_t w = bigEndian32(bytes, 12);
    if (n == 0)
        throw Error(file.string(), "holds no images");
    if (h == 0 || w == 0 || h > 65535 || w > 65535)
        throw Error(file.string(), "impossible image size " + std::to_string(h) + " x " + std::to_string(w));
    const std::uint64_t expected = std::uint64_t(n) * h * w; // < 2^64: each factor < 2^32, h*w < 2^32
    checkPayload(file, "pixels", expected, bytes.size() - 16);
    out.count = n;
    out.height = static_cast<int>(h);
    out.width = static_cast<int>(w);
    out.pixels.assign(bytes.begin() + 16, bytes.end());
    return out;
}

std::vector<std::uint8_t> readIdxLabels(const fs::path& file)
{
    std::string bytes = readIdx(file, kLabelsMagic, 8);
    const std::uint32_t n = bigEndian32(bytes, 4);
    checkPayload(file, "labels", n, bytes.size() - 8);
    return std::vector<std::uint8_t>(bytes.begin() + 8, bytes.end());
}

IdxDataset::IdxDataset(IdxImages images, std::vector<std::uint8_t> labels, std::vector<std::string> classNames,
                       std::string split, std::string fingerprint)
        : images_(std::move(images)), labels_(std::move(labels)), classNames_(std::move(classNames)),
          split_(std::move(split)), fingerprint_(std::move(fingerprint))
{
    if (static_cast<std::int64_t>(labels_.size()) != images_.count)
        throw Error(split_, std::to_string(labels_.size()) + " labels for " + std::to_string(images_.count) + " images");
    const int top = maxLabel(labels_);
    if (top >= static_cast<int>(classNames_.size()))
        throw Error(split_, "label " + std::to_string(top) + " is out of range for " + std::to_string(classNames_.size()) +
                                " classes");
}

std::shared_ptr<IdxDataset> IdxDataset::open(const fs::path& imagesFile, const fs::path& labelsFile,
                                             const std::string& split, std::vector<std::string> classNames)
{
    IdxImages images = readIdxImages(imagesFile);
    std::vector<std::uint8_t> labels = readIdxLabels(labelsFile);
    if (static_cast<std::int64_t>(labels.size()) != images.count)
        throw Error(labelsFile.string(), std::to_string(labels.size()) + " labels, but " + imagesFile.string() + " holds " +
                                             std::to_string(images.count) + " images");
    if (classNames.empty())
        classNames = numberedClasses(maxLabel(labels) + 1);
    else if (maxLabel(labels) >= static_cast<int>(classNames.size()))
        throw Error(labelsFile.string(), "label " + std::to_string(maxLabel(labels)) + " is out of range for " +
                                             std::to_string(classNames.size()) + " classes");
    std::string fp = contentFingerprint(images, labels);
    return std::make_shared<IdxDataset>(std::move(images), std::move(labels), std::move(classNames), split, std::move(fp));
}

int IdxDataset::label(std::int64_t i) const
{
    if (i < 0 || i >= images_.count)
        throw Error(split_,
                    "sample index " + std::to_string(i) + " out of range [0, " + std::to_string(images_.count) + ")");
    return labels_[static_cast<std::size_t>(i)];
}

Image IdxDataset::image(std::int64_t i) const
{
    if (i < 0 || i >= images_.count)
        throw Error(split_,
                    "sample index " + std::to_string(i) + " out of range [0, " + std::to_string(images_.count) + ")");
    Image img;
    img.height = images_.height;
    img.width = images_.width;
    img.channels = 1;
    const std::size_t n = static_cast<std::size_t>(images_.height) * static_cast<std::size_t>(images_.width);
    const auto first = images_.pixels.begin() + static_cast<std::ptrdiff_t>(n * static_cast<std::size_t>(i));
    img.pixels.assign(first, first + static_cast<std::ptrdiff_t>(n));
    return img;
}

const std::vector<std::string>& fashionMnistClassNames()
{
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

fs::path defaultFashionMnistDir() { return "/usr/share/datasets/fashion-mnist"; }

DatasetBundle openIdxFolder(const fs::path& dir, const std::string& spec, const std::string& name,
                            std::vector<std::string> classNames)
{
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw Error(dir.string(), "no such folder");
    if (!fs::is_directory(dir, ec))
        throw Error(dir.string(), "is not a folder (expected a folder of IDX files)");
    RawSplit train, test;
    readSplit(dir, "train", true, train);
    const bool hasTest = readSplit(dir, "t10k", false, test);
    if (hasTest && (test.images.height != train.images.height || test.images.width != train.images.width))
        throw Error(test.imagesFile.string(), "images are " + std::to_string(test.images.height) + " x " +
                                                  std::to_string(test.images.width) + ", but " + train.imagesFile.string() +
                                                  " holds " + std::to_string(train.images.height) + " x " +
                                                  std::to_string(train.images.width));
    const int top = std::max(maxLabel(train.labels), hasTest ? maxLabel(test.labels) : -1);
    if (classNames.empty())
        classNames = numberedClasses(top + 1);
    for (const RawSplit* s : {&train, &test})
        if ((s == &train || hasTest) && maxLabel(s->labels) >= static_cast<int>(classNames.size()))
            throw Error(s->labelsFile.string(), "label " + std::to_string(maxLabel(s->labels)) + " is out of range for " +
                                                    std::to_string(classNames.size()) + " classes");
    DatasetBundle b;
    b.name = name.empty() ? folderName(dir) : name;
    b.spec = spec;
    std::string fp = contentFingerprint(train.images, train.labels);
    b.train =
        std::make_shared<IdxDataset>(std::move(train.images), std::move(train.labels), classNames, "train", std::move(fp));
    if (hasTest) {
        fp = contentFingerprint(test.images, test.labels);
        b.test =
            std::make_shared<IdxDataset>(std::move(test.images), std::move(test.labels), classNames, "test", std::move(fp));
    }
    return b;
}

DatasetBundle openFashionMnist(const fs::path& dir, const std::string& spec)
{
    const fs::path where = dir.empty() ? defaultFashionMnistDir() : dir;
    std::error_code ec;
    if (dir.empty() && !fs::is_directory(where, ec))
        throw Error(where.string(), "not found; install the Debian package dataset-fashion-mnist "
                                    "(packaging/install-deps.sh) or give fashion-mnist:DIR");
    return openIdxFolder(where, spec, "FashionMNIST", fashionMnistClassNames());
}

} // namespace dq
