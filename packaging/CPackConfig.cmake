# Debian package of the command line (and the GUI when it is built).
set(CPACK_PACKAGE_NAME "dq-studio")
set(CPACK_PACKAGE_VENDOR "DQ Studio")
set(CPACK_PACKAGE_CONTACT "DQ Studio developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libopenblas0-pthread, dataset-fashion-mnist")
include(CPack)
