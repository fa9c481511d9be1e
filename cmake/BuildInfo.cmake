# dq_build_info: BuildInfo.h with DQ_GIT_COMMIT, the commit a build was made from, for
# `dq --version`, `dq-studio --version` and the About box. The header is rewritten at every
# build, but only when its text changes, so a new commit recompiles the two files that
# include it. Outside a git checkout (a release tarball) the commit is "unknown".
set(DQ_BUILD_INFO_DIR ${CMAKE_BINARY_DIR}/generated)
add_custom_target(dq_build_info_header
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DOUTPUT=${DQ_BUILD_INFO_DIR}/BuildInfo.h -P ${CMAKE_CURRENT_LIST_DIR}/GitCommit.cmake
  BYPRODUCTS ${DQ_BUILD_INFO_DIR}/BuildInfo.h
  VERBATIM)
add_library(dq_build_info INTERFACE)
target_include_directories(dq_build_info INTERFACE ${DQ_BUILD_INFO_DIR})
add_dependencies(dq_build_info dq_build_info_header)
