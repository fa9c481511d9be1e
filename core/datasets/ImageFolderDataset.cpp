#include "datasets/internal/ImageFolderDataset.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Fingerprint.h"
#include "datasets/ImageFileDecoder.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace fs = std::filesystem;

namespace dq {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool hasImageExtension(const std::string& name)
{
    const std::string l = lower(name);
    for (const std::string& ext : ImageFolderDataset::imageExtensions())
        if (l.size() >= ext.size() && l.compare(l.size() - ext.size(), ext.size(), ext) == 0)
            return true;
    return false;
}

std::string extensionList()
{
    std::string out;
    for (const std::string& ext : ImageFolderDataset::imageExtensions())
        out += (out.empty() ? "" : ", ") + ext;
    return out;
}

// Subfolders of dir (links followed), sorted byte-wise like Python's sorted().
std::vector<std::string> subfolders(const fs::path& dir)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeEc;
        if (it->is_directory(typeEc))
            names.push_back(it->path().filename().string());
    }
    if (ec)
        throw Error(dir.string(), "cannot list folder: " + ec.message());
    std::sort(names.begin(), names.end());
    return names;
}

// Image files under classDir in torchvision's order: folders sorted by path (the class
// folder itself first), then file names sorted within each folder. Paths relative to classDir.
std::vector<std::string> imagesUnder(const fs::path& classDir)
{
    std::map<std::string, std::vector<std::string>> byFolder; // "" or "/sub/dir" -> names
    std::error_code ec;
    const auto opts = fs::directory_options::follow_directory_symlink;
    for (fs::recursive_directory_iterator it(classDir, opts, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeEc;
        if (it->is_directory(typeEc))
            continue;
        const std::string name = it->path().filename().string();
        if (!hasImageExtension(name))
            continue;
        const std::string folder = it->path().parent_path().lexically_relative(classDir).generic_string();
        byFolder[folder == "." || folder.empty() ? std::string() : "/" + folder].push_back(name);
    }
    if (ec)
        throw Error(classDir.string(), "cannot list folder: " + ec.message());
    std::vector<std::string> out;
    for (auto& [folder, names] : byFolder) {
        std::sort(names.begin(), names.end());
        for (const std::string& n : names)
            out.push_back(folder.empty() ? n : folder.substr(1) + "/" + n);
    }
    return out;
}

// One record of a CSV file (RFC 4180: quoted fields may hold commas, quotes as "" and
// line breaks) and the line it starts on.
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

std::vector<CsvRecord> parseCsv(const std::string& text, const fs::path& file)
{
    std::vector<CsvRecord> records;
    CsvRecord rec;
    std::string field;
    bool quoted = false, fieldStarted = false;
    int line = 1;
    rec.line = 1;
    auto endRecord = [&] {
        rec.fields.push_back(field);
        if (!(rec.fields.size() == 1 && rec.fields[0].empty() && !fieldStarted))
            records.push_back(rec);
        rec = CsvRecord{};
        field.clear();
        fieldStarted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty()) {
            quoted = fieldStarted = true;
        } else if (c == ',') {
            rec.fields.push_back(field);
            field.clear();
            fieldStarted = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRecord();
            rec.line = ++line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        throw Error(file.string(), "line " + std::to_string(rec.line) + ": unterminated quoted field");
    if (!field.empty() || fieldStarted || !rec.fields.empty())
        endRecord();
    return records;
}

} // namespace

const std::vector<std::string>& ImageFolderDataset::imageExtensions()
{
    static const std::vector<std::string> exts = {".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp"};
    return exts;
}

ImageFolderDataset::ImageFolderDataset(const fs::path& root, std::string split, std::vector<std::string> classNames)
        : root_(root), split_(std::move(split)), classNames_(std::move(classNames))
{
    std::error_code ec;
    if (!fs::exists(root_, ec))
        throw Error(root_.string(), "no such folder");
    if (!fs::is_directory(root_, ec))
        throw Error(root_.string(), "is not a folder (expected one subfolder per class)");
    const std::vector<std::string> folders = subfolders(root_);
    if (folders.empty())
        throw Error(root_.string(), "no class folders (expected one subfolder of images per class)");
    if (classNames_.empty())
        classNames_ = folders;

    Fingerprint fp;
    fp.add(std::string_view("imagefolder"));
    for (const std::string& cls : folders) {
        const auto at = std::find(classNames_.begin(), classNames_.end(), cls);
        if (at == classNames_.end())
            throw Error((root_ / cls).string(), "class folder is not one of the train classes");
        const int label = static_cast<int>(at - classNames_.begin());
        const std::vector<std::string> images = imagesUnder(root_ / cls);
        if (images.empty())
            throw Error((root_ / cls).string(), "no images (expected files ending in " + extensionList() + ")");
        fp.add(cls);
        for (const std::string& rel : images)
            files_.push_back({cls + "/" + rel, label});
    }
    computeFingerprint(fp);
}

void ImageFolderDataset::computeFingerprint(Fingerprint& fp)
{
    std::vector<std::uint64_t> sizes;
    sizes.reserve(files_.size());
    for (const Entry& e : files_) {
        std::error_code sizeEc;
        const auto size = fs::file_size(root_ / e.relativePath, sizeEc);
        sizes.push_back(sizeEc ? ~std::uint64_t(0) : static_cast<std::uint64_t>(size));
        fp.add(e.relativePath);
        fp.add(sizes.back());
    }
    fp.add(static_cast<std::uint64_t>(files_.size()));
    // The bytes of a few files spread over the set: cheap even for ImageNet's 1.28M files.
    constexpr std::size_t kSampled = 8;
    const std::size_t step = std::max<std::size_t>(1, files_.size() / kSampled);
    for (std::size_t i = 0; i < files_.size(); i += step)
        if (sizes[i] != ~std::uint64_t(0))
            fp.addFileSample(root_ / files_[i].relativePath);
    fingerprint_ = fp.hex();
}

void ImageFolderDataset::checkIndex(std::int64_t i) const
{
    if (i < 0 || i >= size())
        throw Error(root_.string(),
                    "sample index " + std::to_string(i) + " out of range [0, " + std::to_string(size()) + ")");
}

int ImageFolderDataset::label(std::int64_t i) const
{
    checkIndex(i);
    return files_[static_cast<std::size_t>(i)].label;
}

fs::path ImageFolderDataset::file(std::int64_t i) const
{
    checkIndex(i);
    return root_ / files_[static_cast<std::size_t>(i)].relativePath;
}

Image ImageFolderDataset::image(std::int64_t i) const { return decodeImageFile(file(i)); }

ImageShape ImageFolderDataset::imageShape() const
{
    std::call_once(shapeOnce_, [this] {
        const Image first = image(0);
        shape_ = {first.height, first.width, first.channels};
    });
    return shape_;
}

bool ImageFolderDataset::isExport(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_regular_file(dir / "manifest.csv", ec) && fs::is_directory(dir / "images", ec);
}

namespace {

std::int64_t parseIndexField(const std::string& text, const std::string& where)
{
    std::size_t used = 0;
    long long v = -1;
    try {
        v = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (text.empty() || used != text.size() || v < 0)
        throw Error(where, "index '" + text + "' is not a non-negative integer");
    return v;
}

} // namespace

std::shared_ptr<ImageFolderDataset> ImageFolderDataset::fromManifest(const fs::path& dir, std::string split)
{
    const fs::path manifest = dir / "manifest.csv";
    std::shared_ptr<ImageFolderDataset> d(new ImageFolderDataset());
    d->root_ = dir / "images";
    d->split_ = std::move(split);
    d->classNames_ = subfolders(d->root_);
    if (d->classNames_.empty())
        throw Error(d->root_.string(), "no class folders (expected one subfolder of images per class)");
    const std::string text = readFileBytes(manifest);
    const std::vector<CsvRecord> records = parseCsv(text, manifest);
    if (records.empty())
        throw Error(manifest.string(), "empty (expected the header index,label,class,path)");
    const std::vector<std::string>& head = records[0].fields;
    const auto pathAt = std::find(head.begin(), head.end(), "path");
    if (pathAt == head.end())
        throw Error(manifest.string(), "line 1: no 'path' column (expected the header index,label,class,path)");
    const std::size_t pathColumn = static_cast<std::size_t>(pathAt - head.begin());
    const auto indexAt = std::find(head.begin(), head.end(), "index");

    Fingerprint fp;
    fp.add(std::string_view("imagefolder-manifest"));
    fp.add(text);
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        const std::string where = manifest.string() + ", line " + std::to_string(rec.line);
        if (rec.fields.size() != head.size())
            throw Error(where, std::to_string(rec.fields.size()) + " fields, expected " + std::to_string(head.size()) +
                                   " as in the header");
        const std::string& path = rec.fields[pathColumn];
        const fs::path rel = fs::path(path).lexically_normal();
        auto part = rel.begin();
        const bool underImages = !rel.is_absolute() && part != rel.end() && *part == "images" &&
                                 std::distance(rel.begin(), rel.end()) >= 3 &&
                                 std::none_of(rel.begin(), rel.end(), [](const fs::path& p) { return p == ".."; });
        if (!underImages)
            throw Error(where, "path '" + path + "' is not of the form images/<class>/<file>");
        const std::string cls = (++part)->string();
        const auto at = std::find(d->classNames_.begin(), d->classNames_.end(), cls);
        const fs::path file = dir / rel;
        std::error_code ec;
        if (at == d->classNames_.end() || !fs::is_regular_file(file, ec))
            throw Error(file.string(), "listed on line " + std::to_string(rec.line) + " of " + manifest.string() +
                                           ", but the file is missing");
        d->files_.push_back(
            {rel.lexically_relative("images").generic_string(), static_cast<int>(at - d->classNames_.begin())});
        if (indexAt != head.end())
            d->sourceIndices_.push_back(
                parseIndexField(rec.fields[static_cast<std::size_t>(indexAt - head.begin())], where));
    }
    if (d->files_.empty())
        throw Error(manifest.string(), "lists no images");
    d->computeFingerprint(fp);
    return d;
}

DatasetBundle openImageFolder(const fs::path& dir, const std::string& spec)
{
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw Error(dir.string(), "no such folder");
    if (!fs::is_directory(dir, ec))
        throw Error(dir.string(), "is not a folder");
    const auto hasClassFolders = [](const fs::path& p) {
        std::error_code e;
        return fs::is_directory(p, e) && !subfolders(p).empty();
    };
    const std::vector<std::string> top = subfolders(dir);
    const bool onlySplitFolders =
        std::all_of(top.begin(), top.end(), [](const std::string& n) { return n == "train" || n == "val" || n == "test"; });
    fs::path testDir;
    for (const char* name : {"val", "test"})
        if (testDir.empty() && hasClassFolders(dir / name))
            testDir = dir / name;
    const bool splitLayout = hasClassFolders(dir / "train") && (!testDir.empty() || onlySplitFolders);

    DatasetBundle b;
    fs::path named = dir.lexically_normal();
    if (named.filename().empty())
        named = named.parent_path();
    if (named.filename().empty() || named.filename() == "." || named.filename() == "..")
        named = fs::weakly_canonical(dir, ec);
    b.name = named.filename().string();
    b.spec = spec;
    if (ImageFolderDataset::isExport(dir)) {
        b.train = ImageFolderDataset::fromManifest(dir, "train");
        return b;
    }
    if (!splitLayout) {
        b.train = std::make_shared<ImageFolderDataset>(dir, "train");
        return b;
    }
    auto train = std::make_shared<ImageFolderDataset>(dir / "train", "train");
    b.train = train;
    if (!testDir.empty())
        b.test = std::make_shared<ImageFolderDataset>(testDir, "test", train->classNames());
    return b;
}

} // namespace dq
