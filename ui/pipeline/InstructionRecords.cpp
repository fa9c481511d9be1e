#include "pipeline/InstructionRecords.h"

#include "common/Error.h"
#include "common/Fingerprint.h"

namespace dqui {

InstructionRecords::InstructionRecords(dq::InstructionDataset data, std::filesystem::path embeddingsFile, double readSeconds)
        : data_(std::move(data)), embeddingsFile_(std::move(embeddingsFile)), readSeconds_(readSeconds)
{
    dq::Fingerprint fp;
    fp.add(data_.fingerprint);
    if (!embeddingsFile_.empty())
        fp.addFileSample(embeddingsFile_);
    fingerprint_ = fp.hex();
}

dq::Image InstructionRecords::image(std::int64_t i) const
{
    throw dq::Error(data_.path.string(),
                    "holds instruction records, not images (asked for image " + std::to_string(i) + ")");
}

} // namespace dqui
