#pragma once
#include <filesystem>

namespace dq {

// Where computed features, embeddings, checkpoints and evaluation runs are cached:
// $XDG_CACHE_HOME/dq-studio, else ~/.cache/dq-studio.
std::filesystem::path defaultCacheDir();

} // namespace dq
