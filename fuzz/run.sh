#!/usr/bin/env bash
# make fuzz: builds every fuzz/*_fuzz.cpp with clang and libFuzzer in build/fuzz, then runs each
# for FUZZ_SECONDS (default 60) from its checked-in corpus, one after the other. New inputs go to
# build/fuzz/corpus/<name>/ (scratch, not git), crashes to build/fuzz/crashes/<name>/. One line
# per target; exits non-zero when a target crashed, naming the crash file.
#
# Environment: FUZZ_SECONDS, FUZZ_TARGETS (space-separated names, default all), FUZZ_ARGS (more
# libFuzzer flags), CXX_FUZZ (default clang++-14, else clang++).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${FUZZ_SECONDS:-60}
build=build/fuzz
cxx=${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++ || echo clang++)}

if [[ ! -f $build/build.ninja ]]; then
  # -O1: fast enough to fuzz, still readable in a sanitizer's stack trace; asserts stay on.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
    -DCMAKE_CXX_COMPILER="$cxx" -DLOKET_FUZZ=ON -DLOKET_TESTS=OFF || exit 1
fi
cmake --build "$build" --target fuzzers -j "${JOBS:-$(nproc)}" || exit 1

names=()
if [[ -n ${FUZZ_TARGETS:-} ]]; then
  read -ra names <<<"$FUZZ_TARGETS"
else
  for source in fuzz/*_fuzz.cpp; do
    name=$(basename "$source" .cpp)
    names+=("${name%_fuzz}")
  done
fi

crashed=0
summary=()
for name in "${names[@]}"; do
  bin=$build/${name}_fuzz
  scratch=$build/corpus/$name
  crashes=$build/crashes/$name
  log=$build/logs/$name.log
  mkdir -p "$scratch" "$crashes" "$(dirname "$log")" "fuzz/corpus/$name"
  flags=(-max_total_time="$seconds" -timeout=10 -print_final_stats=1 -artifact_prefix="$crashes/")
  if [[ -f fuzz/dict/$name.dict ]]; then flags+=(-dict="fuzz/dict/$name.dict"); fi
  echo "fuzz: $name for ${seconds}s (log $log)"
  # The first directory receives new inputs; the checked-in corpus is only read.
  # shellcheck disable=SC2086
  "$bin" "${flags[@]}" ${FUZZ_ARGS:-} "$scratch" "fuzz/corpus/$name" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(find "$scratch" -type f | wc -l)
  if ((rc == 0)); then
    line=$(printf '%-16s ok     %10s execs  cov %-6s %5s new inputs in %s' "$name" "${execs:-?}" \
      "${cov:-?}" "$corpus" "$scratch")
  else
    crashed=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    line=$(printf '%-16s CRASH  %10s execs  %s (exit %d; log %s)' "$name" "${execs:-?}" \
      "${artifact:-no crash file}" "$rc" "$log")
    grep -m1 -E 'runtime error|Assertion|fuzz: (finding|unexpected)|ERROR: AddressSanitizer|ERROR: LeakSanitizer' "$log" | sed 's/^/    /'
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "fuzz summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
exit "$crashed"
