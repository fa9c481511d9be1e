#include "common/CacheDir.h"

#include <cstdlib>

namespace fs = std::filesystem;

namespace dq {

fs::path defaultCacheDir()
{
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "dq-studio";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache" / "dq-studio";
    return fs::temp_directory_path() / "dq-studio-cache";
}

} // namespace dq
