# One INTERFACE target carries the compile options every DQ Studio target shares.
add_library(dq_common_config INTERFACE)
target_compile_features(dq_common_config INTERFACE cxx_std_17)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(dq_common_config INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-unused-parameter -Wno-psabi>
  # No fused multiply-add contraction: results must not depend on the CPU.
  $<$<CXX_COMPILER_ID:GNU,Clang>:-ffp-contract=off>)
# Full RELRO (lintian's hardening-no-bindnow): resolve symbols at start, then seal the GOT.
target_link_options(dq_common_config INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:LINKER:-z,relro,-z,now>)
target_compile_definitions(dq_common_config INTERFACE
  DQ_VERSION="${PROJECT_VERSION}")
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
