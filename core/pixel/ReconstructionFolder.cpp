#include "pixel/internal/ReconstructionFolder.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <algorithm>
#include <fstream>

namespace fs = std::filesystem;

namespace dq {
namespace {

void writeBytes(const fs::path& file, std::string_view bytes)
{
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec)
        throw Error(file.parent_path().string(), "cannot create folder: " + ec.message());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        throw Error(file.string(), "cannot write the file (disk full?)");
}

} // namespace

std::string ReconstructionFolderWriter::sanitiseClassName(const std::string& name)
{
    std::string out = name;
    for (char& ch : out) {
        const unsigned char u = static_cast<unsigned char>(ch);
        if (ch == '/' || ch == '\\' || u < 0x20 || u == 0x7f)
            ch = '_';
    }
    if (out.empty() || out == "." || out == "..")
        out = "_";
    return out;
}

int ReconstructionFolderWriter::indexDigits(std::int64_t datasetSize)
{
    return std::max<int>(1, static_cast<int>(std::to_string(std::max<std::int64_t>(0, datasetSize - 1)).size()));
}

std::string ReconstructionFolderWriter::csvField(const std::string& field)
{
    const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                       (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!quote)
        return field;
    std::string out = "\"";
    for (char ch : field) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    return out + "\"";
}

ReconstructionFolderWriter::ReconstructionFolderWriter(const fs::path& dir, std::vector<std::string> classNames,
                                                       std::int64_t datasetSize)
        : dir_(dir), classNames_(std::move(classNames)), datasetSize_(datasetSize), digits_(indexDigits(datasetSize))
{
    if (datasetSize_ <= 0)
        throw Error(dir_.string(), "dataset size must be > 0, got " + std::to_string(datasetSize_));
    if (classNames_.empty())
        throw Error(dir_.string(), "an image folder needs at least one class");
    // Names that collide once sanitised ("a/b" and "a_b") get the label appended.
    for (std::size_t k = 0; k < classNames_.size(); ++k) {
        std::string folder = sanitiseClassName(classNames_[k]);
        if (std::find(folders_.begin(), folders_.end(), folder) != folders_.end())
            folder += "_" + std::to_string(k);
        folders_.push_back(folder);
    }
    refuseForeignFolder(dir_, kReconstructionManifest);
    staging_ = std::make_unique<AtomicDirectory>(dir_);
}

ReconstructionFolderWriter::~ReconstructionFolderWriter() = default;

const fs::path& ReconstructionFolderWriter::path() const { return staging_->staging(); }

std::string ReconstructionFolderWriter::add(std::int64_t index, int label, const Image& image)
{
    const std::string where = dir_.string();
    if (committed_)
        throw Error(where, "add() after commit()");
    if (index < 0 || index >= datasetSize_)
        throw Error(where,
                    "sample index " + std::to_string(index) + " out of range [0, " + std::to_string(datasetSize_) + ")");
    if (label < 0 || label >= static_cast<int>(classNames_.size()))
        throw Error(where, "sample " + std::to_string(index) + ": label " + std::to_string(label) +
                               " is not a class (0 to " + std::to_string(classNames_.size() - 1) + ")");
    if (written_.count(index))
        throw Error(where, "sample " + std::to_string(index) + " added twice");
    const int c = image.channels;
    if (image.height <= 0 || image.width <= 0 || (c != 1 && c != 3 && c != 4) ||
        image.pixels.size() != static_cast<std::size_t>(image.height) * image.width * c)
        throw Error(where, "sample " + std::to_string(index) + ": cannot write a " + std::to_string(image.height) + " x " +
                               std::to_string(image.width) + " x " + std::to_string(c) +
                               " image as PNG (1, 3 or 4 channels)");

    std::string name = std::to_string(index);
    if (static_cast<int>(name.size()) < digits_)
        name.insert(0, static_cast<std::size_t>(digits_) - name.size(), '0');
    const std::string rel = "images/" + folders_[static_cast<std::size_t>(label)] + "/" + name + ".png";

    std::string png;
    try {
        png = encodePng(image);
    } catch (const Error& e) {
        throw Error(where + "/" + rel, e.what());
    }
    writeBytes(path() / rel, png);
    written_.insert(index);
    rows_.push_back({index, label, rel});
    return rel;
}

void ReconstructionFolderWriter::addFile(const std::string& relativePath, std::string_view bytes)
{
    const fs::path rel = fs::path(relativePath).lexically_normal();
    if (rel.empty() || rel.is_absolute() || *rel.begin() == ".." || rel == ".")
        throw Error(relativePath, "must be a path inside the output folder");
    writeBytes(path() / rel, bytes);
}

void ReconstructionFolderWriter::commit()
{
    if (committed_)
        throw Error(dir_.string(), "commit() called twice");
    std::string csv = "index,label,class,path\n";
    for (const Row& r : rows_)
        csv += std::to_string(r.index) + "," + std::to_string(r.label) + "," +
               csvField(classNames_[static_cast<std::size_t>(r.label)]) + "," + csvField(r.path) + "\n";
    writeFileAtomically(path() / kReconstructionManifest, csv);
    staging_->commit();
    committed_ = true;
}

} // namespace dq
