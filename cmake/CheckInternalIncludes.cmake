# cmake -DDQ_SCAN_LIST=<file listing one path a line> -DDQ_STAMP=<file> -P CheckInternalIncludes.cmake
# Fails naming every file of the list (app/, ui/, core's public headers) that includes a
# private core header (".../internal/..."): those are core's own, and the tests'.
file(STRINGS "${DQ_SCAN_LIST}" files)
set(violations "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"[^\"]*internal/[^\"]*\"")
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    string(APPEND violations "\n  ${file}: ${line}")
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "Private core headers (core/<module>/internal/) included where only public ones may "
                      "be (app/, ui/, core's public headers):${violations}\n"
                      "Include a public header instead, or make the header public (README, Layout).")
endif()
file(TOUCH "${DQ_STAMP}")
