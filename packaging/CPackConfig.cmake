# The Debian package, dq-studio_<version>_<arch>.deb, and its -dbgsym .ddeb (cpack -G DEB
# in the build folder; packaging/check-deb.sh builds and installs it in a clean Debian 12).
set(DQ_APP_ID "io.github.dq_studio.DQStudio" CACHE STRING
    "Reverse-DNS id of the desktop application (AppStream id, .desktop file name)")
set(DQ_REPOSITORY_URL "https://github.com/dq-studio/dq-studio" CACHE STRING
    "Public repository: homepage, bug tracker and screenshots in the AppStream metadata")
set(DQ_MAINTAINER "DQ Studio maintainers <maintainers@users.noreply.r-seed-d7573b30.example>"
    CACHE STRING "Maintainer of the Debian package and author of its changelog entries")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "dq-studio")
set(CPACK_PACKAGE_VENDOR "DQ Studio")
set(CPACK_PACKAGE_CONTACT "${DQ_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${DQ_REPOSITORY_URL}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "dataset compression by Dataset Quantization")
# Lines of at most 80 characters: CPack indents them but does not wrap them.
set(CPACK_PACKAGE_DESCRIPTION [=[
DQ Studio compresses image and instruction datasets by Dataset Quantization
(Zhou et al., ICCV 2023): it splits a dataset into non-overlapping bins by
greedy submodular selection (GraphCut) and keeps a share of every bin, so
that a small training set keeps the diversity of the whole.

The package holds dq, the command line (dataset readers for Fashion-MNIST,
MNIST, CIFAR-10 and ImageFolder trees, features from LibTorch networks,
bins, samples, instruction data, pixel quantization and its restore), and
DQ Studio, the Qt desktop application for the same pipeline.]=])
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Beyond the shared libraries that dpkg-shlibdeps finds (for /usr/bin/dq, and for
# /usr/libexec/dq-studio/dq-torch, which dq hands the LibTorch commands over to): LibTorch
# and the engine link the generic libblas.so.3, about 20 times slower without OpenBLAS
# behind it; Qt loads its platform plugins and the SVG icon engine at run time.
set(DQ_DEB_DEPENDS "libopenblas0-pthread | libopenblas0")
if(DQ_BUILD_GUI)
  string(APPEND DQ_DEB_DEPENDS ", qt6-qpa-plugins, libqt6svg6")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${DQ_DEB_DEPENDS}")
# The default dataset of `dq` and DQ Studio; Qt's own strings (dialogs) in Chinese and a
# font that covers them (without one the Chinese interface shows empty boxes).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "dataset-fashion-mnist, qt6-translations-l10n, fonts-wqy-microhei | fonts-noto-cjk")
# The binaries are stripped; what strip takes away goes to dq-studio-dbgsym (symbols, and
# full debug information with -DCMAKE_BUILD_TYPE=RelWithDebInfo).
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
