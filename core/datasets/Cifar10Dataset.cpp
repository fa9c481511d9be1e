#include "datasets/internal/Cifar10Dataset.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Fingerprint.h"
#include "io/internal/NumpyPickle.h"

#include <algorithm>
#include <memory>

namespace fs = std::filesystem;

namespace dq {

namespace {

constexpr int kPlane = Cifar10Dataset::kSide * Cifar10Dataset::kSide;
constexpr std::size_t kImage = Cifar10Dataset::kImageBytes;
constexpr std::size_t kRecord = 1 + kImage;
const char* const kTrainBatches[] = {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5"};

enum class Form { Binary, Python };

struct Layout {
    fs::path dir;
    Form form = Form::Binary;
    std::string ext() const { return form == Form::Binary ? ".bin" : ""; }
    fs::path meta() const { return dir / (form == Form::Binary ? "batches.meta.txt" : "batches.meta"); }
    fs::path batch(const std::string& stem) const { return dir / (stem + ext()); }
};

// Labels and interleaved (HWC) pixels of one split, gathered batch by batch.
struct Split {
    std::vector<std::uint8_t> labels;
    std::vector<std::vector<std::uint8_t>> batches;
};

bool pathExists(const fs::path& p)
{
    std::error_code ec;
    return fs::exists(p, ec);
}

bool hasAnyFile(const fs::path& dir, Form form)
{
    const Layout l{dir, form};
    if (pathExists(l.meta()) || pathExists(l.batch("test_batch")))
        return true;
    for (const char* b : kTrainBatches)
        if (pathExists(l.batch(b)))
            return true;
    return false;
}

Layout locate(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(dir.string(), pathExists(dir) ? "not a folder (expected a CIFAR-10 folder)" : "does not exist");
    if (hasAnyFile(dir, Form::Binary))
        return {dir, Form::Binary};
    if (hasAnyFile(dir, Form::Python))
        return {dir, Form::Python};
    if (fs::is_directory(dir / "cifar-10-batches-bin", ec))
        return {dir / "cifar-10-batches-bin", Form::Binary};
    if (fs::is_directory(dir / "cifar-10-batches-py", ec))
        return {dir / "cifar-10-batches-py", Form::Python};
    throw Error(dir.string(), "not a CIFAR-10 folder: it has no data_batch_N.bin (binary) or data_batch_N "
                              "(Python) files and no cifar-10-batches-bin/ or cifar-10-batches-py/ folder");
}

void requireFile(const fs::path& p, const Layout& l)
{
    if (!pathExists(p))
        throw Error(p.string(), std::string("missing CIFAR-10 file (the ") + (l.form == Form::Binary ? "binary" : "Python") +
                                    " distribution has data_batch_1" + l.ext() + " .. data_batch_5" + l.ext() +
                                    ", test_batch" + l.ext() + " and " + l.meta().filename().string() + ")");
}

std::string range(std::size_t classes) { return "[0, " + std::to_string(classes) + ")"; }

void appendImageChw(std::vector<std::uint8_t>& hwc, const unsigned char* chw)
{
    const std::size_t base = hwc.size();
    hwc.resize(base + kImage);
    std::uint8_t* dst = hwc.data() + base;
    for (int c = 0; c < 3; ++c)
        for (int p = 0; p < kPlane; ++p)
            dst[static_cast<std::size_t>(p) * 3 + static_cast<std::size_t>(c)] =
                chw[static_cast<std::size_t>(c) * kPlane + static_cast<std::size_t>(p)];
}

// --- binary distribution ---

std::vector<std::string> readClassNamesText(const fs::path& path)
{
    const std::string text = readFileBytes(path);
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        const auto first = line.find_first_not_of(" \t\r");
        const auto last = line.find_last_not_of(" \t\r");
        if (first != std::string::npos)
            names.push_back(line.substr(first, last - first + 1));
        start = end + 1;
    }
    if (names.empty())
        throw Error(path.string(), "no class names (expected one per line)");
    return names;
}

void readBinaryBatch(const fs::path& path, std::size_t classes, Split& out)
{
    const std::string bytes = readFileBytes(path);
    if (bytes.empty() || bytes.size() % kRecord != 0)
        throw Error(path.string(), "size " + std::to_string(bytes.size()) + " bytes is not a whole number of " +
                                       std::to_string(kRecord) + "-byte records (1 label byte + " + std::to_string(kImage) +
                                       " pixel bytes)");
    const std::size_t n = bytes.size() / kRecord;
    std::vector<std::uint8_t> hwc;
    hwc.reserve(n * kImage);
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    for (std::size_t i = 0; i < n; ++i, p += kRecord) {
        if (p[0] >= classes)
            throw Error(path.string(), "record " + std::to_string(i) + ": label " + std::to_string(p[0]) + " out of range " +
                                           range(classes));
        out.labels.push_back(p[0]);
        appendImageChw(hwc, p + 1);
    }
    out.batches.push_back(std::move(hwc));
}

// --- Python distribution ---

const PickleValue& field(const PickleValue& dict, const fs::path& path, const char* key)
{
    if (!dict.is(PickleValue::Kind::Dict))
        throw Error(path.string(), "expected a pickled dict, found " + dict.typeName());
    const PickleValue* v = dict.asDict().findText(key);
    if (!v)
        throw Error(path.string(), std::string("the pickled dict has no '") + key + "' entry");
    return *v;
}

std::vector<std::string> readClassNamesPickle(const fs::path& path)
{
    const PickleValue meta = readPickleFile(path, numpyPickleOptions());
    const PickleValue& names = field(meta, path, "label_names");
    if (!names.is(PickleValue::Kind::List) && !names.is(PickleValue::Kind::Tuple))
        throw Error(path.string(), "'label_names' must be a list, found " + names.typeName());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < names.items().size(); ++i) {
        const auto& n = names.items()[i];
        if (!n.is(PickleValue::Kind::Bytes) && !n.is(PickleValue::Kind::Str))
            throw Error(path.string(), "label_names[" + std::to_string(i) + "] is a " + n.typeName() + ", not a name");
        out.push_back(n.asText());
    }
    if (out.empty())
        throw Error(path.string(), "'label_names' is empty");
    return out;
}

void readPythonBatch(const fs::path& path, std::size_t classes, Split& out)
{
    const PickleValue batch = readPickleFile(path, numpyPickleOptions());
    const PickleValue& labels = field(batch, path, "labels");
    const PickleValue& data = field(batch, path, "data");
    const auto* arr = data.objectAs<PickledNumpyArray>();
    if (!arr || !arr->built())
        throw Error(path.string(), "'data' must be a numpy array, found " + data.typeName());
    if (arr->dtype().code() != "u1")
        throw Error(path.string(), "'data' has dtype " + arr->dtype().name() + ", expected uint8");
    if (arr->shape().size() != 2 || arr->shape()[1] != static_cast<std::int64_t>(kImage))
        throw Error(path.string(), "'data' has shape " + arr->shapeText() + ", expected (N, 3072)");
    if (arr->fortranOrder() && arr->shape()[0] > 1)
        throw Error(path.string(), "'data' is a Fortran-ordered array (expected C order)");
    if (!labels.is(PickleValue::Kind::List) && !labels.is(PickleValue::Kind::Tuple))
        throw Error(path.string(), "'labels' must be a list of ints, found " + labels.typeName());
    const auto& ls = labels.items();
    const auto n = static_cast<std::size_t>(arr->shape()[0]);
    if (ls.size() != n)
        throw Error(path.string(), std::to_string(ls.size()) + " labels for " + std::to_string(n) + " images");
    for (std::size_t i = 0; i < n; ++i) {
        if (!ls[i].is(PickleValue::Kind::Int))
            throw Error(path.string(), "labels[" + std::to_string(i) + "] is a " + ls[i].typeName() + ", not an int");
        const auto v = ls[i].asInt();
        if (v < 0 || static_cast<std::uint64_t>(v) >= classes)
            throw Error(path.string(),
                        "labels[" + std::to_string(i) + "] = " + std::to_string(v) + " out of range " + range(classes));
    }
    const auto* px = reinterpret_cast<const unsigned char*>(arr->bytes().data());
    std::vector<std::uint8_t> hwc;
    hwc.reserve(n * kImage);
    for (std::size_t i = 0; i < n; ++i) {
        out.labels.push_back(static_cast<std::uint8_t>(ls[i].asInt()));
        appendImageChw(hwc, px + i * kImage);
    }
    out.batches.push_back(std::move(hwc));
}

std::shared_ptr<const Dataset> openSplit(const Layout& l, const std::string& splitName,
                                         const std::vector<std::string>& stems, const std::vector<std::string>& classNames)
{
    Split s;
    Fingerprint fp;
    fp.add("CIFAR10/" + splitName);
    fp.add(l.meta().filename().string());
    fp.addFileSample(l.meta());
    for (const auto& stem : stems) {
        const fs::path p = l.batch(stem);
        if (l.form == Form::Binary)
            readBinaryBatch(p, classNames.size(), s);
        else
            readPythonBatch(p, classNames.size(), s);
        fp.add(p.filename().string());
        fp.addFileSample(p);
    }
    return std::make_shared<Cifar10Dataset>(splitName, classNames, std::move(s.labels), std::move(s.batches), fp.hex());
}

} // namespace

Cifar10Dataset::Cifar10Dataset(std::string split, std::vector<std::string> classNames, std::vector<std::uint8_t> labels,
                               std::vector<std::vector<std::uint8_t>> hwcBatches, std::string fingerprint)
        : split_(std::move(split)), classNames_(std::move(classNames)), labels_(std::move(labels)),
          batches_(std::move(hwcBatches)), fingerprint_(std::move(fingerprint))
{
    std::int64_t start = 0;
    for (const auto& b : batches_) {
        if (b.size() % kImageBytes != 0)
            throw Error("CIFAR10 " + split_, "a pixel batch is not a whole number of images");
        batchStart_.push_back(start);
        start += static_cast<std::int64_t>(b.size() / kImageBytes);
    }
    if (start != size())
        throw Error("CIFAR10 " + split_, std::to_string(start) + " images for " + std::to_string(size()) + " labels");
}

void Cifar10Dataset::checkIndex(std::int64_t i) const
{
    if (i < 0 || i >= size())
        throw Error("CIFAR10 " + split_,
                    "sample " + std::to_string(i) + " out of range [0, " + std::to_string(size()) + ")");
}

int Cifar10Dataset::label(std::int64_t i) const
{
    checkIndex(i);
    return labels_[static_cast<std::size_t>(i)];
}

Image Cifar10Dataset::image(std::int64_t i) const
{
    checkIndex(i);
    Image img;
    img.height = kSide;
    img.width = kSide;
    img.channels = 3;
    // The last batch starting at or before i holds it (empty batches share a start).
    const auto b =
        static_cast<std::size_t>(std::upper_bound(batchStart_.begin(), batchStart_.end(), i) - batchStart_.begin() - 1);
    const auto begin =
        batches_[b].begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(i - batchStart_[b]) * kImageBytes);
    img.pixels.assign(begin, begin + kImageBytes);
    return img;
}

DatasetBundle openCifar10(const fs::path& dir, const std::string& spec)
{
    const Layout l = locate(dir);
    requireFile(l.meta(), l);
    std::vector<std::string> train(std::begin(kTrainBatches), std::end(kTrainBatches));
    for (const auto& stem : train)
        requireFile(l.batch(stem), l);
    requireFile(l.batch("test_batch"), l);

    const auto classNames = l.form == Form::Binary ? readClassNamesText(l.meta()) : readClassNamesPickle(l.meta());
    DatasetBundle b;
    b.name = "CIFAR10";
    b.spec = spec;
    b.train = openSplit(l, "train", train, classNames);
    b.test = openSplit(l, "test", {"test_batch"}, classNames);
    return b;
}

} // namespace dq
