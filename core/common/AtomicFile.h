#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace dq {

// Writes a whole file atomically: the bytes go to a temporary file in the same folder,
// are flushed, and the temporary is renamed over the target. Readers see the old file or
// the new one, never a half-written one. Throws dq::Error naming the path on failure.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// Builds a folder of outputs atomically: files are written into a hidden staging folder
// beside the target, and commit() renames it into place (replacing an older folder of the
// same name). Destroyed without commit() (failure, cancel), it removes the staging folder.
class AtomicDirectory {
public:
    explicit AtomicDirectory(std::filesystem::path target);
    ~AtomicDirectory();
    AtomicDirectory(const AtomicDirectory&) = delete;
    AtomicDirectory& operator=(const AtomicDirectory&) = delete;

    // Where to write the files now.
    const std::filesystem::path& staging() const { return staging_; }
    const std::filesystem::path& target() const { return target_; }
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path staging_;
    bool committed_ = false;
};

// An output folder that AtomicDirectory may replace: absent, empty, or one this program
// wrote before (it holds `manifest`). Anything else throws dq::Error naming the folder, so
// that a mistyped --out never deletes the user's files; call it before any long work.
void refuseForeignFolder(const std::filesystem::path& dir, const std::string& manifest);

// Reads a whole file (gzip-compressed files are inflated when gunzip is true and the file
// starts with the gzip magic). Throws dq::Error naming the path.
std::string readFileBytes(const std::filesystem::path& path, bool gunzip = false);

} // namespace dq
