#include "io/internal/TorchFormats.h"

#include "common/Error.h"
#include "common/internal/TorchCompat.h"
#include "io/internal/PickleDict.h"
#include "io/internal/TorchUnpickler.h"

#include <c10/core/CPUAllocator.h>

#include <cstring>
#include <functional>
#include <set>
#include <string_view>

namespace dq {

namespace {

using Kind = PickleValue::Kind;

// pickle.dumps(0x1950a86a20f9469cfc6c): LONG1 of these 10 bytes (the machine's integers
// stop at 64 bits, so the magic number is compared as bytes).
constexpr unsigned char kMagic[10] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
constexpr std::int64_t kProtocolVersion = 1001;

std::size_t skipMagicNumber(std::string_view b, const std::string& source)
{
    const auto at = [&](std::size_t i) { return i < b.size() ? static_cast<unsigned char>(b[i]) : 0; };
    std::size_t p = 2;
    if (at(0) != 0x80 || at(1) < 2 || at(1) > 5)
        throw Error(source, "not a PyTorch checkpoint (no magic number)");
    if (at(p) == 0x95) // FRAME, protocols 4 and 5
        p += 9;
    if (b.size() < p + 13 || at(p) != 0x8a || at(p + 1) != 10 || std::memcmp(b.data() + p + 2, kMagic, 10) != 0 ||
        at(p + 12) != '.')
        throw Error(source, "a pickle file, but not a PyTorch checkpoint (no torch.save magic number)");
    return p + 13;
}

// Where the pickle starting at `start` ends. Pickle.h does not report it, but bytes after
// STOP are ignored: a prefix parses exactly when it reaches the end. The end follows a
// STOP byte ('.') and, when another pickle follows, precedes its PROTO (0x80). Among
// those candidates, taken in order, a galloping then binary search finds the first that
// parses, scanning little beyond the end (the storage data after the last pickle can be
// large). `parse` throws dq::Error on failure.
std::size_t pickleEnd(std::string_view b, std::size_t start, bool pickleFollows,
                      const std::function<void(std::string_view)>& parse, const std::string& source, const char* what)
{
    std::vector<std::size_t> candidates;
    std::size_t scanned = start;
    auto candidate = [&](std::size_t i) { // the i-th candidate, or false when there is none
        while (candidates.size() <= i && scanned < b.size()) {
            ++scanned;
            if (b[scanned - 1] == '.' &&
                (!pickleFollows || scanned == b.size() || static_cast<unsigned char>(b[scanned]) == 0x80))
                candidates.push_back(scanned);
        }
        return candidates.size() > i;
    };
    auto parses = [&](std::size_t i) {
        try {
            parse(b.substr(start, candidates[i] - start));
            return true;
        } catch (const Error&) {
            return false;
        }
    };
    std::size_t lo = 0, hi = 0; // the first candidate that parses lies in [lo, hi]
    for (;;) {
        if (!candidate(hi)) {
            if (candidates.empty() || !parses(candidates.size() - 1))
                throw Error(source, std::string("the ") + what + " at offset " + std::to_string(start) +
                                        " is not followed by the next part of the checkpoint");
            hi = candidates.size() - 1;
            break;
        }
        if (parses(hi))
            break;
        lo = hi + 1;
        hi = 2 * hi + 1;
    }
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (parses(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    return candidates[lo];
}

std::int64_t readInt64(std::string_view b, std::size_t at, bool bigEndian)
{
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
        const auto byte = static_cast<unsigned char>(b[at + static_cast<std::size_t>(bigEndian ? i : 7 - i)]);
        v = (v << 8) | byte;
    }
    return static_cast<std::int64_t>(v);
}

// A storage as big as the pickle says, after checking that the file could hold it.
std::uint64_t storageBytes(const TorchStorageType& type, const std::string& key, std::int64_t numel, std::size_t fileSize)
{
    const auto item = static_cast<std::uint64_t>(type.itemSize);
    if (static_cast<std::uint64_t>(numel) > fileSize / item)
        throw Error("storage '" + key + "' of " + std::to_string(numel) + " elements (torch." + type.name +
                    ") is larger than the whole file");
    return static_cast<std::uint64_t>(numel) * item;
}

} // namespace

TorchCheckpoint readLegacyCheckpoint(const std::filesystem::path& path, const std::string& bytes)
{
    const std::string source = path.string();
    const std::string_view b(bytes);
    std::size_t pos = skipMagicNumber(b, source);

    // The protocol version and the system information: plain pickles, no globals.
    PickleValue header;
    auto parsePlain = [&](std::string_view s) { header = loadPickle(s, source); };
    parsePlain(b.substr(pos));
    if (!header.is(Kind::Int) || header.asInt() != kProtocolVersion)
        throw Error(source, "unsupported legacy checkpoint protocol " + header.repr() + " (expected " +
                                std::to_string(kProtocolVersion) + ")");
    pos = pickleEnd(b, pos, true, parsePlain, source, "protocol version");
    parsePlain(b.substr(pos));
    if (!header.is(Kind::Dict))
        throw Error(source, "the system information of the checkpoint is a " + header.typeName() + ", not a dict");
    const PickleValue* little = header.asDict().findText("little_endian");
    const bool bigEndian = little && little->is(Kind::Bool) && !little->asBool();
    pos = pickleEnd(b, pos, true, parsePlain, source, "system information");

    // The main pickle. Finding its end parses it again, with storages that hold no data.
    TorchUnpickler unpickler(source, [&](const TorchStorageType& type, const std::string& key, std::int64_t numel) {
        return c10::Storage(c10::Storage::use_byte_size_t(), storageBytes(type, key, numel, b.size()),
                            c10::GetDefaultCPUAllocator(), false);
    });
    TorchCheckpoint out;
    out.source = source;
    out.format = TorchCheckpoint::Format::Legacy;
    out.root = unpickler.load(b.substr(pos));
    auto parseDry = [&](std::string_view s) {
        TorchUnpickler dry(source, [&](const TorchStorageType& type, const std::string& key, std::int64_t numel) {
            return c10::Storage(c10::Storage::use_byte_size_t(), storageBytes(type, key, numel, b.size()), c10::DataPtr(),
                                nullptr, false);
        });
        dry.load(s);
    };
    pos = pickleEnd(b, pos, true, parseDry, source, "main pickle");

    // The storage keys, in the order of the data that follows.
    PickleValue keys;
    auto parseKeys = [&](std::string_view s) { keys = loadPickle(s, source); };
    parseKeys(b.substr(pos));
    if (!keys.is(Kind::List))
        throw Error(source, "the list of storage keys is a " + keys.typeName() + ", not a list");
    pos = pickleEnd(b, pos, false, parseKeys, source, "list of storage keys");

    std::set<std::string> filled;
    for (const auto& k : keys.items()) {
        if (!k.is(Kind::Str) && !k.is(Kind::Bytes))
            throw Error(source, "a storage key is a " + k.typeName() + ", not a str");
        const std::string& key = k.asText();
        const auto it = unpickler.storages().find(key);
        if (it == unpickler.storages().end())
            throw Error(source, "storage '" + key + "' is listed but no tensor uses it");
        if (!filled.insert(key).second)
            throw Error(source, "storage '" + key + "' is listed twice");
        const PickledStorage& s = *it->second;
        if (b.size() - pos < 8)
            throw Error(source, "truncated: the data of storage '" + key + "' should start at offset " +
                                    std::to_string(pos) + ", the file ends at " + std::to_string(b.size()));
        const std::int64_t count = readInt64(b, pos, bigEndian);
        if (count != s.numel())
            throw Error(source, "storage '" + key + "' holds " + std::to_string(count) + " elements at offset " +
                                    std::to_string(pos) + ", but the pickle says " + std::to_string(s.numel()));
        pos += 8;
        const std::size_t n = s.storage().nbytes();
        if (b.size() - pos < n)
            throw Error(source, "truncated: storage '" + key + "' needs " + std::to_string(n) + " bytes at offset " +
                                    std::to_string(pos) + ", only " + std::to_string(b.size() - pos) + " left");
        if (n > 0) {
            std::memcpy(mutableStorageBytes(s.storage()), b.data() + pos, n);
            if (bigEndian)
                swapElementBytes(mutableStorageBytes(s.storage()), s.numel(), s.type().itemSize);
        }
        pos += n;
    }
    for (const auto& [key, s] : unpickler.storages())
        if (!filled.count(key))
            throw Error(source, "storage '" + key + "' has no data in the file");
    return out;
}

} // namespace dq
