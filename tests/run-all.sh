#!/usr/bin/env bash
# Every test suite, in order: unit tests (GoogleTest), the fuzz corpus replay, the integration
# tests against the real binary and the browser tests (Debian Chromium) on SQLite and on a
# private PostgreSQL cluster, and the NL API Design Rules lint of the OpenAPI document. Every
# suite runs even when an earlier one fails. The last line is
#   test: N passed, M failed
# and the exit status is non-zero when anything failed.
#
# Environment: LOKET_BIN (default build/test/loket), LOKET_UNIT_BIN (default
# build/test/loket_unit_tests), LOKET_REPLAY_DIR (default build/test/fuzz), LOKET_SHARED_DIR
# (default ../shared beside the repository), LOKET_TEST_PG_DIR (default build/test-pg).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
results=build/test-results
shared=${LOKET_SHARED_DIR:-$repo/../shared}
pg_dir=${LOKET_TEST_PG_DIR:-build/test-pg}
export LOKET_BIN=${LOKET_BIN:-build/test/loket}
unit_bin=${LOKET_UNIT_BIN:-build/test/loket_unit_tests}
replay_dir=${LOKET_REPLAY_DIR:-build/test/fuzz}
mkdir -p "$results"

passed=0
failed=0
summary=()

section() { printf '\n==== %s ====\n' "$*"; }

# Adds one suite's counts. A run that exited non-zero without any failed test counted (a crash,
# a sanitizer report at exit, a missing binary) counts as one failure.
tally() {
  local name=$1 rc=$2 p=$3 f=$4 s=${5:-0}
  if ((rc != 0 && f == 0)); then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  summary+=("$(printf '%-24s %4d passed, %4d failed, %4d skipped (exit %d)' "$name" "$p" "$f" "$s" "$rc")")
}

count() { node tests/integration/lib/results.mjs "$@"; }

# PostgreSQL first: the unit tests use it too (LOKET_TEST_POSTGRES_URL).
section "PostgreSQL cluster ($pg_dir)"
pg_url=""
trap 'scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
if pg_url=$(scripts/pg-cluster.sh start "$pg_dir"); then
  echo "running: $pg_url"
  unit_pg_url=$(scripts/pg-cluster.sh createdb "$pg_dir" "loket_unit_$$") || unit_pg_url=""
else
  echo "could not start a PostgreSQL cluster; the PostgreSQL suites fail" >&2
  pg_url=""
  unit_pg_url=""
fi

# 1. Unit tests.
section "unit tests ($unit_bin)"
rm -f "$results/unit.json"
if [[ -x $unit_bin ]]; then
  LOKET_TEST_POSTGRES_URL=$unit_pg_url "$unit_bin" --gtest_output="json:$results/unit.json"
  rc=$?
else
  echo "missing $unit_bin (run make debug)" >&2
  rc=127
fi
read -r p f s < <(count gtest "$results/unit.json")
tally "unit" "$rc" "$p" "$f" "$s"

# 2. Every fuzz target's checked-in corpus (fuzz/corpus/<name>/) through its replay binary (the
# GCC sanitiser build, no libFuzzer): one passed per target that replays cleanly, so a crash
# found once by make fuzz stays found.
section "fuzz corpus replay ($replay_dir)"
for source in fuzz/*_fuzz.cpp; do
  name=$(basename "$source" .cpp)
  name=${name%_fuzz}
  corpus=fuzz/corpus/$name
  if [[ ! -x $replay_dir/${name}_replay ]]; then
    echo "missing $replay_dir/${name}_replay (run make debug)" >&2
    rc=127
  elif [[ ! -d $corpus ]]; then
    echo "fuzz $name: no corpus in $corpus" >&2
    rc=1
  else
    out=$("$replay_dir/${name}_replay" "$corpus")
    rc=$?
    echo "fuzz $name: $out"
  fi
  if ((rc == 0)); then tally "fuzz $name" 0 1 0; else tally "fuzz $name" "$rc" 0 1; fi
done

# 3. Integration tests, once per database.
run_integration() {
  local db=$1
  local tap="$results/integration-$db.tap"
  section "integration tests on $db"
  rm -f "$tap"
  local rc=0
  if [[ $db == postgres && -z $pg_url ]]; then
    echo "skipped: no PostgreSQL cluster" >&2
    rc=1
  elif [[ ! -x $LOKET_BIN ]]; then
    echo "missing $LOKET_BIN (run make debug)" >&2
    rc=127
  else
    LOKET_TEST_DB=$db LOKET_TEST_PG_URL=$pg_url node --test \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$tap" \
      tests/integration/*.test.mjs tests/e2e/*.test.mjs
    rc=$?
  fi
  read -r p f s < <(count tap "$tap")
  tally "integration ($db)" "$rc" "$p" "$f" "$s"
}
run_integration sqlite
run_integration postgres

# 4. The OpenAPI document of a running server under the NL API Design Rules linter.
section "OpenAPI lint (NL API Design Rules)"
ruleset="$shared/reference/api-design-rules-linter.yaml"
rc=0
if [[ ! -f $ruleset ]]; then
  echo "missing $ruleset (set LOKET_SHARED_DIR)" >&2
  rc=1
elif ! LOKET_TEST_DB=sqlite node tests/integration/lib/fetch-openapi.mjs "$results/openapi.json"; then
  rc=1
else
  npx --no -- spectral lint --fail-severity error -r "$ruleset" "$results/openapi.json"
  rc=$?
fi
if ((rc == 0)); then tally "openapi lint" 0 1 0; else tally "openapi lint" "$rc" 0 1; fi

section "summary"
printf '%s\n' "${summary[@]}"
echo "test: $passed passed, $failed failed"
((failed == 0))
