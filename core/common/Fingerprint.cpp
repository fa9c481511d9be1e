#include "common/Fingerprint.h"

#include "common/Error.h"

#include <cstdio>
#include <fstream>

namespace fs = std::filesystem;

namespace dq {

void Fingerprint::add(std::string_view bytes)
{
    for (const unsigned char c : bytes) {
        hash_ ^= c;
        hash_ *= 1099511628211ULL;
    }
}

void Fingerprint::add(std::uint64_t value)
{
    char b[8];
    for (int i = 0; i < 8; ++i)
        b[i] = static_cast<char>((value >> (8 * i)) & 0xff);
    add(std::string_view(b, 8));
}

void Fingerprint::addFileSample(const fs::path& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw Error(path.string(), "cannot read file size: " + ec.message());
    add(static_cast<std::uint64_t>(size));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string(), "cannot open");
    constexpr std::uint64_t chunk = 64 * 1024;
    std::string buf;
    const std::uint64_t offsets[] = {0, size > chunk ? (size - chunk) / 2 : 0, size > chunk ? size - chunk : 0};
    for (const auto off : offsets) {
        buf.assign(static_cast<std::size_t>(std::min<std::uint64_t>(chunk, size)), '\0');
        in.seekg(static_cast<std::streamoff>(off));
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.resize(static_cast<std::size_t>(in.gcount()));
        in.clear();
        add(buf);
    }
}

void Fingerprint::addWholeFile(const fs::path& path, const std::string& option)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string(), option + ": cannot open the file");
    std::string buf(1 << 20, '\0');
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        add(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
    }
}

std::string Fingerprint::hex() const
{
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash_));
    return out;
}

} // namespace dq
