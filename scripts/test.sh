#!/usr/bin/env bash
# Builds Porpoise and runs every test: the unit and end-to-end suites in a debug build (gcc),
# then the same suites again in a clang build with AddressSanitizer, UndefinedBehaviorSanitizer
# and libFuzzer's coverage instrumentation (less the sqllogictest corpus, which takes the
# sanitizer build three times as long and is run whole in the debug build), and then each
# libFuzzer target of that build for a short while (PORPOISE_FUZZ_SECONDS, default 15) over its
# corpus. Safe to re-run; needs no standard input.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/node_deps.sh"

# Let ccache share objects between build directories and clones of the repository.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

jobs=${PORPOISE_JOBS:-2}
status=0

# run_suite NAME "CTEST ARGS" CMAKE ARGS...
run_suite() {
  local name=$1
  local ctest_args=$2
  shift 2
  local build="$root/build-$name"
  echo "=== $name build ==="
  cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
  ninja -C "$build" -j"$jobs"
  echo "=== $name tests ==="
  # shellcheck disable=SC2086  # ctest_args is a list of words
  if ! (cd "$build" && ctest --output-on-failure -j"$jobs" --timeout 2400 $ctest_args); then
    status=1
  fi
}

# A browser step waits up to GUI_TIMEOUT_MS (20 s by default); both builds give it 60 s here,
# since phpMyAdmin's edit page can pass 20 s while the two e2e halves run side by side.
export GUI_TIMEOUT_MS=${GUI_TIMEOUT_MS:-60000}
run_suite debug "" -DCMAKE_BUILD_TYPE=Debug
# The sqllogictest runner's figures (ctest keeps a passing test's output in its log).
grep -h "^total (porpoise)" "$root/build-debug/Testing/Temporary/LastTest.log" || true
# The sanitizer build is clang's: a build folder configured for another compiler starts over.
if [ -f "$root/build-asan/CMakeCache.txt" ] &&
   ! grep -q '^CMAKE_CXX_COMPILER:.*clang++' "$root/build-asan/CMakeCache.txt"; then
  rm -rf "$root/build-asan"
fi
# The same flags scripts/fuzz.sh gives its own build (warnings are held to -Werror in the gcc
# build above).
run_suite asan "-E e2e_sqllogictest" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DPORPOISE_FUZZ=ON -DPORPOISE_WERROR=OFF
echo "=== fuzz (short runs) ==="
if ! FUZZ_BUILD="$root/build-asan" FUZZ_SECONDS="${PORPOISE_FUZZ_SECONDS:-15}" \
     "$root/scripts/fuzz.sh"; then
  status=1
fi

exit $status
