// On libdqengine's include path only, ahead of the system's: every LibTorch header (ATen,
// c10, torch/) reaches c10/macros/cmake_macros.h, so including one from an engine source
// stops the build here. Torch code belongs to libdqtorch (core/CMakeLists.txt lists it).
#error "libdqengine must not include LibTorch headers: move this file to libdqtorch (see core/CMakeLists.txt)"
