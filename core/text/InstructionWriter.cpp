#include "text/internal/InstructionWriter.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "text/InstructionDataset.h"

namespace dq {

std::string encodeInstructionSubset(const InstructionDataset& data, const std::vector<std::int64_t>& indices)
{
    for (const std::int64_t i : indices)
        if (i < 0 || i >= data.size())
            throw Error(data.path.string(),
                        "index " + std::to_string(i) + " outside the " + std::to_string(data.size()) + " records");
    std::size_t bytes = data.layout.head.size() + data.layout.tail.size() + data.layout.emptyList.size();
    for (const std::int64_t i : indices)
        bytes += data.raw[static_cast<std::size_t>(i)].size() + data.layout.separator.size();
    std::string out;
    out.reserve(bytes);
    const bool json = data.format == InstructionFormat::Json;
    if (indices.empty())
        return json ? data.layout.emptyList : std::string();
    if (json)
        out += data.layout.head;
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (k > 0)
            out += data.layout.separator;
        out += data.raw[static_cast<std::size_t>(indices[k])];
    }
    // JSON Lines: the last line ends as the input's did.
    out += data.layout.tail;
    return out;
}

void writeInstructionSubset(const std::filesystem::path& path, const InstructionDataset& data,
                            const std::vector<std::int64_t>& indices)
{
    writeFileAtomically(path, encodeInstructionSubset(data, indices));
}

} // namespace dq
