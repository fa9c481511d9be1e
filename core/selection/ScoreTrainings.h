#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

// The trainings an EL2N or GraNd score was averaged over (Paul et al.; dq select
// --score-seeds), as select.json records them: their seeds and features folders, the
// selection's own features first.
struct ScoreTrainings {
    std::vector<std::uint64_t> seeds;
    std::vector<std::string> folders;
};

} // namespace dq
