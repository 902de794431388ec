#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) in
# build-fuzz-clang (or FUZZ_BUILD) and runs each for FUZZ_SECONDS (default 30) over a copy of
# its seed corpus. scripts/test.sh runs every target for 15 s in its sanitizer build.
# A crash is minimized and reported; after fixing the bug, add the minimized input to the
# checked-in corpus (so `ctest -L fuzz` replays it). Needs no standard input.
#
#   scripts/fuzz.sh                          # every fuzzer, 30 s each
#   FUZZ_SECONDS=120 scripts/fuzz.sh sql_parser_fuzzer
#   FUZZ_SECONDS=3600 PORPOISE_JOBS=1 scripts/fuzz.sh command_fuzzer connection_fuzzer
#   FUZZ_ADD_CRASHES=1 scripts/fuzz.sh       # also copy minimized crashers into the corpus
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-"$root/build-fuzz-clang"}
seconds=${FUZZ_SECONDS:-30}
jobs=${PORPOISE_JOBS:-2}

# name|seed corpus|dictionary (optional)|extra libFuzzer options (optional); paths relative to
# the repository root. command_fuzzer's inputs are at most 4 KB, so a decoder that allocates
# 1 MB at once for one of them would let a 64 MB packet (max_allowed_packet) take gigabytes:
# -malloc_limit_mb=1 reports that as an out-of-memory crash.
targets=(
  "packet_decode_fuzzer|src/protocol/fuzz/corpus||"
  "handshake_response_fuzzer|src/protocol/fuzz/handshake_response_corpus|src/protocol/fuzz/protocol.dict|"
  "command_fuzzer|src/protocol/fuzz/command_corpus|src/protocol/fuzz/protocol.dict|-malloc_limit_mb=1"
  "sql_lexer_fuzzer|src/sql/fuzz/corpus|src/sql/fuzz/sql.dict|"
  "sql_parser_fuzzer|src/sql/fuzz/corpus|src/sql/fuzz/sql.dict|"
  "sql_charset_fuzzer|src/sql/fuzz/charset_corpus|src/sql/fuzz/sql.dict|"
  "option_file_fuzzer|src/common/fuzz/corpus|src/common/fuzz/option_file.dict|"
  "connection_fuzzer|src/server/fuzz/corpus|src/protocol/fuzz/protocol.dict|"
)

# libFuzzer ships in clang's runtime package (libclang-rt-14-dev on Debian 12).
runtime=$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || true)
if [ -z "$runtime" ] || [ ! -f "$runtime" ]; then
  runtime=$(find /usr/lib/llvm-*/lib/clang -name 'libclang_rt.fuzzer-x86_64.a' 2>/dev/null | head -n1)
fi
if [ -z "$runtime" ]; then
  echo "libFuzzer runtime not found: install clang's runtime (apt-get install libclang-rt-14-dev)" >&2
  exit 1
fi

selected=("$@")
wanted() {
  [ ${#selected[@]} -eq 0 ] && return 0
  local name
  for name in "${selected[@]}"; do [ "$name" = "$1" ] && return 0; done
  return 1
}

names=()
for entry in "${targets[@]}"; do
  name=${entry%%|*}
  if wanted "$name"; then names+=("$name"); fi
done
if [ ${#names[@]} -eq 0 ]; then
  echo "unknown fuzzer(s): ${selected[*]}" >&2
  exit 1
fi

echo "=== building ${names[*]} in $build ==="
# Warnings stay warnings here: the gcc builds are the ones held to -Werror, and a warning only
# clang gives (in code the other builds compile cleanly) must not keep the fuzzers from running.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DCMAKE_CXX_COMPILER=clang++ -DPORPOISE_FUZZ=ON \
  -DPORPOISE_WERROR=OFF >/dev/null
ninja -C "$build" -j"$jobs" "${names[@]}"

status=0
for entry in "${targets[@]}"; do
  IFS='|' read -r name corpus dict extra <<<"$entry"
  wanted "$name" || continue
  binary=$(find "$build" -type f -name "$name" -perm -u+x | head -n1)
  work="$build/fuzz-work/$name"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp "$root/$corpus"/* "$work/corpus/"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096
           -print_final_stats=1 -artifact_prefix="$work/artifacts/")
  if [ -n "$dict" ]; then options+=(-dict="$root/$dict"); fi
  # shellcheck disable=SC2206  # extra is a list of words
  extra_options=($extra)
  options+=("${extra_options[@]}")
  echo "=== $name: ${seconds}s over $(ls "$work/corpus" | wc -l) seeds ==="
  if "$binary" "${options[@]}" "$work/corpus" >"$work/log" 2>&1; then
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::new_units_added)' "$work/log" || true
    continue
  fi
  status=1
  tail -n 40 "$work/log"
  for crash in "$work"/artifacts/*; do
    [ -f "$crash" ] || continue
    case "$crash" in *.min) continue ;; esac
    minimized="$crash.min"
    # With the run's -timeout, so that a hang is minimized rather than waited on forever.
    "$binary" -minimize_crash=1 -runs=20000 -timeout=10 "${extra_options[@]}" \
      -exact_artifact_path="$minimized" "$crash" \
      >"$work/minimize.log" 2>&1 || true
    [ -f "$minimized" ] || cp "$crash" "$minimized"
    target="$root/$corpus/crash-$name-$(sha1sum "$minimized" | cut -c1-12)"
    echo "!!! $name crashed; minimized input: $minimized"
    echo "    fix the bug, then: cp '$minimized' '$target'"
    if [ "${FUZZ_ADD_CRASHES:-0}" = 1 ]; then
      cp "$minimized" "$target"
      echo "    added $target"
    fi
  done
done

exit $status
