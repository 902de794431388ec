#!/usr/bin/env bash
# Builds the Debian packages porpoise-server and porpoise-client with CPack and prints their
# paths. With no argument it configures and builds a release build in build-release (as
# scripts/start.sh does); with BUILD_DIR it packages that build as it is configured (the
# programs the packages carry are built first: the target package-programs, see
# packaging/Packaging.cmake). Output: BUILD_DIR/porpoise-*_<version>_<arch>.deb
#
#   scripts/package.sh [BUILD_DIR]
#   PORPOISE_PACKAGE_VERSION=0.1.0+git20260101 scripts/package.sh   # another version number
#                                                                    # (default: the project's)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

if [ $# -eq 0 ]; then
  build="$root/build-release"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPORPOISE_TESTS=OFF >/dev/null
else
  build=$(cd "$1" && pwd)
fi
ninja -C "$build" package-programs
# A sanitizer's runtime is not in any Debian package the server could depend on.
if grep -qa -e __asan_init -e __tsan_init -e __msan_init -e __ubsan_handle_ \
     "$build/src/daemon/porpoised"; then
  echo "$build is a sanitizer build: its binaries cannot be packaged." >&2
  exit 1
fi

rm -f "$build"/porpoise-*.deb
cpack_args=(-G DEB)
if [ -n "${PORPOISE_PACKAGE_VERSION:-}" ]; then
  cpack_args+=(-D "CPACK_PACKAGE_VERSION=$PORPOISE_PACKAGE_VERSION")
fi
(cd "$build" && cpack "${cpack_args[@]}" >/dev/null)
ls "$build"/porpoise-*.deb
