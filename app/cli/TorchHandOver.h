#pragma once
#include <filesystem>
#include <iosfwd>

namespace dqcli {

// Where the light `dq` finds dq-torch: DQ_TORCH_HELPER_RELATIVE (../libexec/dq-studio/dq-torch
// in the package and the build tree) from the directory of the running executable, as
// /proc/self/exe names it (links resolved).
std::filesystem::path torchHelperPath();

// Replaces this process by dq-torch with the same arguments. Returns only when that
// fails, after saying so on `err` (naming the path): exit status 1.
int handOverToTorch(char** argv, std::ostream& err);

} // namespace dqcli
