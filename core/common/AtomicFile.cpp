#include "common/AtomicFile.h"

#include "common/Error.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <unistd.h>
#include <fcntl.h>

namespace fs = std::filesystem;

namespace dq {
namespace {

std::string uniqueSuffix()
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[32];
    std::snprintf(buf, sizeof buf, ".%d.%016llx", static_cast<int>(::getpid()), static_cast<unsigned long long>(rng()));
    return buf;
}

std::string gunzipBytes(const fs::path& path, const std::string& compressed)
{
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK)
        throw Error(path.string(), "cannot initialise zlib");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    std::string out;
    char chunk[1 << 16];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = sizeof chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            if (rc == Z_BUF_ERROR)
                throw Error(path.string(), "truncated gzip stream");
            throw Error(path.string(), std::string("corrupt gzip stream (") + (zs.msg ? zs.msg : "zlib error") + ")");
        }
        out.append(chunk, sizeof chunk - zs.avail_out);
    }
    inflateEnd(&zs);
    return out;
}

} // namespace

void writeFileAtomically(const fs::path& path, std::string_view bytes)
{
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(dir.string(), "cannot create folder: " + ec.message());
    const fs::path tmp = dir / ("." + path.filename().string() + uniqueSuffix() + ".tmp");
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(path.string(), std::string("cannot write: ") + std::strerror(errno));
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error(path.string(), std::string("write failed: ") + std::strerror(err));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw Error(path.string(), std::string("write failed: ") + std::strerror(err));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw Error(path.string(), std::string("cannot replace file: ") + std::strerror(err));
    }
}

void refuseForeignFolder(const fs::path& dir, const std::string& manifest)
{
    std::error_code ec;
    if (!fs::exists(dir, ec))
        return;
    if (!fs::is_directory(dir, ec))
        throw Error(dir.string(), "exists and is not a folder");
    if (fs::is_empty(dir, ec) || fs::exists(dir / manifest, ec))
        return;
    throw Error(dir.string(), "exists, is not empty and holds no " + manifest +
                                  ": refusing to replace it (choose a new or empty output folder)");
}

AtomicDirectory::AtomicDirectory(fs::path target) : target_(std::move(target))
{
    if (target_.filename().empty())
        target_ = target_.parent_path();
    const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec)
        throw Error(parent.string(), "cannot create folder: " + ec.message());
    staging_ = parent / ("." + target_.filename().string() + uniqueSuffix() + ".partial");
    fs::create_directory(staging_, ec);
    if (ec)
        throw Error(staging_.string(), "cannot create folder: " + ec.message());
}

AtomicDirectory::~AtomicDirectory()
{
    if (!committed_) {
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }
}

void AtomicDirectory::commit()
{
    std::error_code ec;
    fs::path old;
    if (fs::exists(target_)) {
        if (!fs::is_directory(target_))
            throw Error(target_.string(), "exists and is not a folder");
        // Move the old folder aside first so that the target is never missing for long
        // and never mixes old and new files.
        old = target_.parent_path() / ("." + target_.filename().string() + uniqueSuffix() + ".old");
        fs::rename(target_, old, ec);
        if (ec)
            throw Error(target_.string(), "cannot replace folder: " + ec.message());
    }
    fs::rename(staging_, target_, ec);
    if (ec) {
        if (!old.empty())
            fs::rename(old, target_);
        throw Error(target_.string(), "cannot create folder: " + ec.message());
    }
    committed_ = true;
    if (!old.empty())
        fs::remove_all(old, ec);
}

std::string readFileBytes(const fs::path& path, bool gunzip)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(path.string(), "file not found");
    if (fs::is_directory(path, ec))
        throw Error(path.string(), "is a folder, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string(), std::string("cannot open: ") + std::strerror(errno));
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw Error(path.string(), "read failed");
    if (gunzip && bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
        static_cast<unsigned char>(bytes[1]) == 0x8b)
        return gunzipBytes(path, bytes);
    return bytes;
}

} // namespace dq
