#!/usr/bin/env bash
# Builds Porpoise and runs every test: the unit and end-to-end suites in a debug build, then
# the same suites again in a build with AddressSanitizer and UndefinedBehaviorSanitizer.
# Safe to re-run; needs no standard input.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"

# Let ccache share objects between build directories and clones of the repository.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

jobs=${PORPOISE_JOBS:-2}
status=0

run_suite() {
  local name=$1
  shift
  local build="$root/build-$name"
  echo "=== $name build ==="
  cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
  ninja -C "$build" -j"$jobs"
  echo "=== $name tests ==="
  if ! (cd "$build" && ctest --output-on-failure -j"$jobs" --timeout 900); then
    status=1
  fi
}

run_suite debug -DCMAKE_BUILD_TYPE=Debug
run_suite asan -DCMAKE_BUILD_TYPE=Debug -DPORPOISE_SANITIZE=ON

exit $status
