#!/usr/bin/env bash
# Loket HTTP benchmark: for each database backend, migrate + seed a fresh database, start
# `loket serve` on 127.0.0.1, and load each scenario with wrk. Throughput and latency are
# reported as ratios against the trivial `baseline` route measured in the same run on the same
# server, so the figures compare across machines. See bench/README.md.
#
# Environment (all optional):
#   BENCH_DURATION=10s        measured time per scenario (a bare number means seconds)
#   BENCH_WARMUP=2s           warm-up per scenario, not measured
#   BENCH_CONNECTIONS=16      wrk connections          BENCH_THREADS=2   wrk threads
#   BENCH_SERVER_THREADS=N    loket serve --threads (default: nproc)
#   BENCH_SERVER_WORKERS=8    loket serve --workers (0: inline)
#   BENCH_BACKENDS="sqlite postgresql"
#   BENCH_STRICT=1            exit 1 when a bar (below) is missed; by default it is only reported
#   BENCH_ZGW=1               the ZGW scenarios on a generated registry (0: skip them)
#   BENCH_DOCUMENTS=1         bench/documents.mjs: 1 MiB upload/download vs a static file (0: skip)
#   BENCH_ZGW_CASES=1000000   cases in that registry (loket seed --dataset large --cases N)
#   BENCH_ZGW_SEED=1          its random seed
#   BENCH_ONLY="a b"          only these scenarios (and baseline), e.g. "cases-resident zgw-zaak-get"
#   BENCH_SERVER_ARGS="..."   more `loket serve` options, e.g. "--sqlite-mmap-mib 0" to compare
#   BENCH_REUSE=1             SQLite: keep build/bench/sqlite/loket.db and its keys from the last
#                             run instead of seeding again (the scenarios' writes stay in it)
#   BENCH_NOTIFY_MESSAGES=2000  notifications-fanout: messages published (x 10 subscribers)
#   BENCH_NOTIFY_ARGS="..."     more `loket worker` options for it, e.g. "--notify-concurrency 32"
#   BENCH_OUT=build/bench         where the results, logs and databases go
#   LOKET_BIN=build/release/loket
# Output: a table on stdout, build/bench/results.json, server logs in build/bench/<backend>-server.*
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

secs() { if [[ $1 =~ ^[0-9]+$ ]]; then echo "${1}s"; else echo "$1"; fi; }
DURATION=$(secs "${BENCH_DURATION:-10s}")
WARMUP=$(secs "${BENCH_WARMUP:-2s}")
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-$(nproc)}
SERVER_WORKERS=${BENCH_SERVER_WORKERS:-8}
BACKENDS=${BENCH_BACKENDS:-sqlite postgresql}
STRICT=${BENCH_STRICT:-0}
BIN=${LOKET_BIN:-$ROOT/build/release/loket}
OUT=${BENCH_OUT:-$ROOT/build/bench}
LUA=$ROOT/bench/report.lua
HOST=127.0.0.1 # loopback only, always

ZGW=${BENCH_ZGW:-1}
ZGW_CASES=${BENCH_ZGW_CASES:-1000000}
ZGW_SEED=${BENCH_ZGW_SEED:-1}
ZGW_SECRET=bench-client-secret-0123456789
ZGW_LUA=$ROOT/bench/zgw.lua
CASES_LUA=$ROOT/bench/cases.lua
ONLY=${BENCH_ONLY:-}
SERVER_ARGS=${BENCH_SERVER_ARGS:-}
REUSE=${BENCH_REUSE:-0}
STAFF_EMAIL=bench-case-worker@example.org
STAFF_PASSWORD=bench-staff-password-0123456789
export BENCH_REPORT_LUA=$LUA

# Bars from the issues, checked on every backend:
#   throughput ratio to baseline: scenario:minimum ratio
BARS=("organisations-list:0.50" "zgw-zaken-by-bsn:0.20" "zgw-zaak-get:0.20" "cases-resident:0.25")
#   latency: scenario:p50 max ms (- for none):p99 max ms
LAT_BARS=("zgw-zaken-by-bsn:5:25" "zgw-zaak-get:5:25" "cases-resident:-:10" "cases-staff-deadline:-:25")
#   the back office (issue 13): the work queue (HTML) and the dashboard of the largest organisation
LAT_BARS+=("bo-queue:-:25" "bo-dashboard:-:100")
#   absolute throughput: scenario:minimum requests per second (cases-submit: durable cases/s)
RPS_BARS=("zgw-zaak-create:1000" "cases-submit:2000")
#   resident memory of the server at its peak, MiB (checked after the ZGW scenarios)
MEMORY_BAR_MIB=512

die() { echo "bench: error: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

command -v wrk >/dev/null || die "wrk not found (apt-get install wrk, or run make deps)"
command -v curl >/dev/null || die "curl not found"
[[ -x $BIN ]] || die "$BIN not found; build it with make release"
for v in CONNECTIONS THREADS SERVER_THREADS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "BENCH_$v must be a positive integer, got '${!v}'"
done
[[ $SERVER_WORKERS =~ ^[0-9]+$ ]] || die "BENCH_SERVER_WORKERS must be 0 (inline) or more, got '$SERVER_WORKERS'"
mkdir -p "$OUT"
# The server's field-encryption key file: a throw-away one here, not var/loket.keys of `make run`.
# Per backend (a reused database needs the keys it was sealed with).
KEY_DIR=$OUT


# --- cleanup ---------------------------------------------------------------------------------
SERVER_PID=""
PG_DIR=""
ISSUES=()
issue() { ISSUES+=("$*"); log "ISSUE: $*"; }

stop_server() {
  [[ -n $SERVER_PID ]] || return 0
  local pid=$SERVER_PID i rc=0
  SERVER_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      issue "${1:-server}: did not exit within 10 s of SIGTERM; killed"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || rc=$?
  if ((rc != 0)) && [[ ${1:-} != cleanup ]]; then
    issue "${1:-server}: exit status $rc after SIGTERM (expected 0)"
  fi
}

stop_pg() {
  [[ -n $PG_DIR ]] || return 0
  "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" || true
  PG_DIR=""
}

# shellcheck disable=SC2317 # called by the trap
cleanup() {
  [[ -z $WRK_PID ]] || kill "$WRK_PID" 2>/dev/null || true
  stop_server cleanup
  stop_pg
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers ---------------------------------------------------------------------------------
# json_num KEY LINE: the number after "KEY": in a flat JSON line.
json_num() { sed -nE "s/.*\"$1\": *(-?[0-9.]+).*/\1/p" <<<"$2"; }
fdiv() { awk -v a="$1" -v b="$2" -v p="${3:-3}" 'BEGIN { if (b + 0 == 0) print "null"; else printf "%.*f\n", p, a / b }'; }
us2ms() { awk -v u="$1" 'BEGIN { printf "%.3f\n", u / 1000 }'; }

start_server() { # backend db_url -> sets SERVER_PID, PORT
  local backend=$1 db=$2 out=$OUT/$1-server.out err=$OUT/$1-server.err line i
  : >"$out"
  : >"$err"
  # --demo: the case scenarios log in as the demo login's test persons (bench/sessions.mjs).
  # shellcheck disable=SC2086 # BENCH_SERVER_ARGS is a list of options
  "$BIN" serve --listen "$HOST:0" --database "$db" --threads "$SERVER_THREADS" \
    --workers "$SERVER_WORKERS" --log-level warn --demo $SERVER_ARGS >"$out" 2>"$err" &
  SERVER_PID=$!
  PORT=""
  for ((i = 0; i < 300; i++)); do
    line=$(grep -m1 -E '"msg": *"listening"' "$out" 2>/dev/null || true)
    if [[ -n $line ]]; then
      PORT=$(json_num port "$line")
      break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -n 20 "$err" "$out" >&2 || true
      SERVER_PID=""
      issue "$backend: server exited during start-up"
      return 1
    fi
    sleep 0.1
  done
  if [[ -z $PORT ]]; then
    issue "$backend: no \"listening\" line with a port on stdout within 30 s"
    stop_server cleanup
    return 1
  fi
  grep -qE "\"address\": *\"$HOST\"" <<<"$line" || issue "$backend: listening line does not name $HOST: $line"
  log "$backend: server pid $SERVER_PID on $HOST:$PORT"
}

check_server() { # backend -> fails when the server died
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then return 0; fi
  local rc=0
  [[ -n $SERVER_PID ]] && { wait "$SERVER_PID" 2>/dev/null || rc=$?; }
  SERVER_PID=""
  issue "$1: server died (exit status $rc); see $OUT/$1-server.err"
  return 1
}

first_org_id() { # body -> first results[].id
  if command -v jq >/dev/null; then
    jq -r '.results[0].id // empty' <<<"$1"
  else
    sed -nE 's/.*"results":\[\{[^{}]*"id":"?([^",}]+)"?.*/\1/p' <<<"$1"
  fi
}

org_count() {
  if command -v jq >/dev/null; then
    jq -r '.results | length' <<<"$1"
  else
    grep -o '"slug":' <<<"$1" | wc -l # fallback, approximate
  fi
}

# selected NAME: whether BENCH_ONLY lets the scenario run (baseline always runs: the ratios).
selected() { [[ -z $ONLY || $1 == baseline || " $ONLY " == *" $1 "* ]]; }

# --- results ---------------------------------------------------------------------------------
UNAVAILABLE=() # "backend scenario reason": the route is not there (yet); not an error of the run
NOTES=()       # remarks on how a scenario was measured
RUN_ID=$(date +%s)-$$
MEMORY=()   # "backend peak_resident_MiB"
ROWS=()     # "backend scenario path rps p50_ms p99_ms status_errors socket_errors rps_ratio p50_ratio p99_ratio requests"
LAT_ROWS=() # "backend scenario p50max p99max p50 p99 PASS|BELOW" (or an absolute rps bar)
BAR_ROWS=() # "backend scenario min ratio PASS|BELOW"

# run_wrk DURATION URL OUTFILE [wrk options]: in the background, so SIGINT/SIGTERM act at once.
WRK_PID=""
run_wrk() {
  local d=$1 url=$2 out=$3
  shift 3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$d" --timeout 5s "$@" "$url" >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  WRK_PID=""
}

run_scenario() { # backend scenario path
  local backend=$1 name=$2 path=$3 url="http://$HOST:$PORT$3" code res
  selected "$name" || return 0
  code=$(curl -sS -o "$OUT/$backend-$name.body" -w '%{http_code}' --max-time 10 "$url") || true
  if [[ $code != 200 ]]; then
    check_server "$backend" || return 2
    issue "$backend/$name: GET $path answered ${code:-nothing} before the run (expected 200); see $OUT/$backend-$name.body"
    return 1
  fi
  log "$backend/$name: warm-up $WARMUP, then $DURATION on GET $path"
  run_wrk "$WARMUP" "$url" /dev/null
  check_server "$backend" || return 2
  run_wrk "$DURATION" "$url" "$OUT/$backend-$name.wrk" -s "$LUA"
  check_server "$backend" || return 2
  record "$backend" "$name" "$path"
}

record() { # backend scenario path: the wrk result of the scenario into ROWS
  local backend=$1 name=$2 path=$3 res
  res=$(grep -m1 '^BENCH_RESULT ' "$OUT/$backend-$name.wrk" || true)
  if [[ -z $res ]]; then
    issue "$backend/$name: wrk gave no result; see $OUT/$backend-$name.wrk"
    return 1
  fi
  local rps p50 p99 st sock req
  rps=$(json_num rps "$res")
  p50=$(us2ms "$(json_num lat_p50_us "$res")")
  p99=$(us2ms "$(json_num lat_p99_us "$res")")
  st=$(json_num status_errors "$res")
  req=$(json_num requests "$res")
  sock=$(($(json_num connect_errors "$res") + $(json_num read_errors "$res") + $(json_num write_errors "$res") + $(json_num timeouts "$res")))
  if ((req == 0)); then
    issue "$backend/$name: no response within wrk's timeout (5 s); not measured"
    return 1
  fi
  ((st == 0)) || issue "$backend/$name: $st of $req responses had status >= 400"
  ((sock == 0)) || issue "$backend/$name: $sock socket errors/timeouts ($res)"
  ROWS+=("$backend $name $path $rps $p50 $p99 $st $sock - - - $req")
}

# zgw_scenario backend scenario file: wrk rotating over the requests in the file (bench/zgw.lua).
zgw_scenario() {
  local backend=$1 name=$2 file=$3 first method rest path body code
  selected "$name" || return 0
  first=$(head -n1 "$file")
  method=${first%% *} rest=${first#* } path=${rest%% *} body=""
  [[ $rest == *" "* ]] && body=${rest#* }
  code=$(curl -sS -o "$OUT/$backend-$name.body" -w '%{http_code}' --max-time 10 -X "$method" \
    -H "Authorization: Bearer $BENCH_TOKEN" -H 'Accept-Crs: EPSG:4326' -H 'Content-Crs: EPSG:4326' \
    -H 'Content-Type: application/json' ${body:+--data "$body"} "http://$HOST:$PORT$path") || true
  if [[ $code != 200 && $code != 201 ]]; then
    check_server "$backend" || return 2
    issue "$backend/$name: $method $path answered ${code:-nothing} before the run; see $OUT/$backend-$name.body"
    return 1
  fi
  log "$backend/$name: warm-up $WARMUP, then $DURATION over $(wc -l <"$file") requests like $method $path"
  BENCH_PATHS_FILE=$file run_wrk "$WARMUP" "http://$HOST:$PORT" /dev/null -s "$ZGW_LUA"
  check_server "$backend" || return 2
  BENCH_PATHS_FILE=$file run_wrk "$DURATION" "http://$HOST:$PORT" "$OUT/$backend-$name.wrk" -s "$ZGW_LUA"
  check_server "$backend" || return 2
  record "$backend" "$name" "${path%%\?*}"
}

# The generated registry for the ZGW scenarios, and a client for the benchmark; before the
# server starts. Writes the request files for the scenarios.
zgw_prepare() { # backend db_url
  local backend=$1 db=$2
  if [[ $REUSE == 1 && $backend == sqlite && -s $OUT/$backend-dataset.json && -s $OUT/$backend-staff.json ]]; then
    log "$backend: BENCH_REUSE=1: the dataset of the last run"
    write_requests "$backend"
    return
  fi
  log "$backend: loket seed --dataset large --cases $ZGW_CASES --seed $ZGW_SEED"
  "$BIN" seed --database "$db" --dataset large --cases "$ZGW_CASES" --seed "$ZGW_SEED" \
    >"$OUT/$backend-dataset.json" 2>"$OUT/$backend-dataset.log" ||
    { issue "$backend: seed --dataset large failed; see $OUT/$backend-dataset.log"; return 1; }
  grep -E '^seed:' "$OUT/$backend-dataset.log" | tail -n1 >&2 || true
  # A registry in use has been vacuumed: without a visibility map PostgreSQL's index-only scans
  # (the work queue's capped count) read the heap, and its planner picks a sequential scan. And
  # its pages are on disk: without CHECKPOINT the seed's gigabytes of dirty pages were written
  # out during the scenarios, and the writing ones waited for the disk behind them.
  if [[ $backend == postgresql ]] && command -v psql >/dev/null; then
    psql -q "$db" -c 'VACUUM ANALYZE' -c 'CHECKPOINT' >>"$OUT/$backend-dataset.log" 2>&1 ||
      log "$backend: VACUUM ANALYZE or CHECKPOINT failed; see $OUT/$backend-dataset.log"
  fi
  "$BIN" clients add --database "$db" --id bench --secret "$ZGW_SECRET" --all-rights \
    >>"$OUT/$backend-dataset.log" 2>&1 || { issue "$backend: clients add failed"; return 1; }
  # A case worker of the largest organisation, for cases-staff-deadline; it logs in with its
  # password and a TOTP code like any staff member (bench/sessions.mjs).
  local org
  org=$(node -e 'const l = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").pop();
    console.log(JSON.parse(l).organisations[0].id)' "$OUT/$backend-dataset.json") ||
    { issue "$backend: no organisations in $OUT/$backend-dataset.json"; return 1; }
  LOKET_STAFF_PASSWORD=$STAFF_PASSWORD "$BIN" staff add --database "$db" --email "$STAFF_EMAIL" \
    --name "Bench case worker" --organisation "$org" --role case-worker >"$OUT/$backend-staff.json" \
    2>>"$OUT/$backend-dataset.log" || { issue "$backend: staff add failed"; return 1; }
  write_requests "$backend"
}

# The request files of the ZGW scenarios, from the dataset's summary.
write_requests() { # backend
  local backend=$1
  node -e '
    const fs = require("fs");
    // The summary is the last line; log lines (migrations applied) may come before it.
    const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8").trim().split("\n").pop());
    const Z = "/zgw/zaken/api/v1";
    const out = process.argv[2];
    fs.writeFileSync(`${out}-by-bsn`, d.sampleBsns.map((b) =>
      `GET ${Z}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${b}`).join("\n") + "\n");
    fs.writeFileSync(`${out}-get`, d.sampleZaken.map((u) => `GET ${Z}/zaken/${u}`).join("\n") + "\n");
    fs.writeFileSync(`${out}-create`, d.zaaktypeUrls.slice(0, 20).map((t) => `POST ${Z}/zaken ` +
      JSON.stringify({ bronorganisatie: d.bronorganisatie ?? undefined, zaaktype: `http://localhost:8080${t}`,
        verantwoordelijkeOrganisatie: d.bronorganisatie ?? undefined, startdatum: "2026-11-01" })).join("\n") + "\n");
  ' "$OUT/$backend-dataset.json" "$OUT/$backend-zgw" ||
    { issue "$backend: no sample requests from $OUT/$backend-dataset.json"; return 1; }
}

# zgw_count backend bsn: the number of zaken with this initiator, as the ZGW API counts them.
zgw_count() {
  curl -sS --max-time 120 -H "Authorization: Bearer $BENCH_TOKEN" -H 'Accept-Crs: EPSG:4326' \
    "http://$HOST:$PORT/zgw/zaken/api/v1/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=$2" |
    node -e 'let t = ""; process.stdin.on("data", (d) => t += d).on("end", () => { try { console.log(JSON.parse(t).count) } catch { process.exit(1) } })'
}

# wrk_field FILE KEY: a number of the BENCH_RESULT line in a wrk output file (0 when none).
wrk_field() {
  local line
  line=$(grep -m1 '^BENCH_RESULT ' "$1" 2>/dev/null || true)
  [[ -n $line ]] && json_num "$2" "$line" || echo 0
}

# case_scenario backend scenario method path sessions_file [body]: wrk through the sessions in
# the file (bench/cases.lua). Returns 3 when the route is not there (404/405): reported as not
# available, not as a failure of the run.
case_scenario() {
  local backend=$1 name=$2 method=$3 path=$4 file=$5 body=${6:-} code cookie csrf
  selected "$name" || return 0
  # Requests of the scenario before that wrk gave up on may still be running: wait for them.
  curl -sS -o /dev/null --max-time 120 "http://$HOST:$PORT/healthz" || true
  read -r cookie csrf <"$file"
  local -a args=(-H "Cookie: $cookie" -H 'Accept: application/json')
  if [[ $method != GET ]]; then
    args+=(-X "$method" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json'
      -H "Idempotency-Key: bench-check-$RUN_ID" --data "$body")
  fi
  code=$(curl -sS -o "$OUT/$backend-$name.body" -w '%{http_code}' --max-time 60 "${args[@]}" \
    "http://$HOST:$PORT$path") || true
  if [[ $method != GET && ($code == 404 || $code == 405) ]]; then
    UNAVAILABLE+=("$backend $name not available ($code from $method ${path%%\?*})")
    log "$backend/$name: $method $path answered $code: not available, skipped"
    return 3
  fi
  if [[ $code != 200 && $code != 201 ]]; then
    check_server "$backend" || return 2
    issue "$backend/$name: $method $path answered ${code:-nothing} before the run; see $OUT/$backend-$name.body"
    return 1
  fi
  log "$backend/$name: warm-up $WARMUP, then $DURATION on $method $path ($(wc -l <"$file") sessions)"
  BENCH_RUN=$RUN_ID-w BENCH_METHOD=$method BENCH_PATH=$path BENCH_BODY=$body BENCH_SESSIONS_FILE=$file \
    run_wrk "$WARMUP" "http://$HOST:$PORT" "$OUT/$backend-$name.warmup" -s "$CASES_LUA"
  check_server "$backend" || return 2
  BENCH_RUN=$RUN_ID-m BENCH_METHOD=$method BENCH_PATH=$path BENCH_BODY=$body BENCH_SESSIONS_FILE=$file \
    run_wrk "$DURATION" "http://$HOST:$PORT" "$OUT/$backend-$name.wrk" -s "$CASES_LUA"
  check_server "$backend" || return 2
  record "$backend" "$name" "${path%%\?*}"
}

# The portal's pages (issue 12), as a browser gets them: My cases (HTML, through the test
# residents' sessions, their own cases and those of whom they act for) and a product page.
# Run after the case scenarios, with their session files; p99 < 15 ms (LAT_BARS).
LAT_BARS+=("portal-my-cases:-:15" "portal-product:-:15")
portal_run() { # backend
  local backend=$1 rc
  [[ -s $OUT/$backend-sessions-residents ]] || return 0
  case_scenario "$backend" portal-my-cases GET /mijn-zaken "$OUT/$backend-sessions-residents" && rc=0 || rc=$?
  ((rc != 2)) || return 1
  case_scenario "$backend" portal-product GET /producten/kapvergunning "$OUT/$backend-sessions-residents" && rc=0 || rc=$?
  ((rc != 2)) || return 1
}

# The case scenarios (issue 9): a resident's list, a case worker's organisation list by
# deadline, and submitting applications; through sessions of the server's own logins.
cases_run() { # backend
  local backend=$1 base="http://$HOST:$PORT" secret org type rc path
  selected cases-resident || selected cases-staff-deadline || selected cases-submit ||
    selected portal-my-cases || selected portal-product || selected bo-queue ||
    selected bo-dashboard || return 0
  secret=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).totpSecret)' \
    "$OUT/$backend-staff.json") || { issue "$backend: no staff account in $OUT/$backend-staff.json"; return 1; }
  node "$ROOT/bench/sessions.mjs" "$base" "$STAFF_EMAIL" "$STAFF_PASSWORD" "$secret" \
    >"$OUT/$backend-sessions.json" 2>"$OUT/$backend-sessions.err" ||
    { issue "$backend: logging in failed: $(tail -n1 "$OUT/$backend-sessions.err")"; return 1; }
  # Session files: the three test residents (8, 20 and 1 cases) for the list; the case worker;
  # the third resident alone for submitting (it runs last, so the list is measured first).
  read -r org type < <(node -e '
    const fs = require("fs");
    const [sessions, dataset, out] = process.argv.slice(1);
    const s = JSON.parse(fs.readFileSync(sessions, "utf8"));
    const line = (x) => `${x.cookie} ${x.csrf}\n`;
    const residents = s.parties.filter((p) => p.subject.startsWith("resident:"));
    fs.writeFileSync(`${out}-residents`, residents.map(line).join(""));
    fs.writeFileSync(`${out}-staff`, line(s.staff));
    fs.writeFileSync(`${out}-submit`, line(s.parties.find((p) => p.subject === "resident:999991905")));
    const d = JSON.parse(fs.readFileSync(dataset, "utf8").trim().split("\n").pop());
    const org = d.organisations[0];
    console.log(org.id, org.zaaktypeUrls[0].split("/").pop());
  ' "$OUT/$backend-sessions.json" "$OUT/$backend-dataset.json" "$OUT/$backend-sessions") ||
    { issue "$backend: no session files"; return 1; }

  case_scenario "$backend" cases-resident GET /api/v1/cases "$OUT/$backend-sessions-residents" && rc=0 || rc=$?
  ((rc != 2)) || return 1

  if selected cases-staff-deadline; then
    path="/api/v1/cases?organisation=$org&sort=deadline"
    local code
    code=$(curl -sS -o "$OUT/$backend-cases-staff-deadline.body" -w '%{http_code}' --max-time 30 \
      -H "Cookie: $(cut -d' ' -f1 "$OUT/$backend-sessions-staff")" "$base$path") || true
    if [[ $code == 400 ]]; then
      NOTES+=("$backend/cases-staff-deadline: the server refused sort=deadline (400); measured its default order")
      path="/api/v1/cases?organisation=$org"
    elif [[ $code == 200 ]] && ! node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results ?? [];
        const d = r.map((c) => c.deadline ?? "9999-12-31");
        process.exit(d.every((x, i) => i === 0 || d[i - 1] <= x) ? 0 : 1);
      ' "$OUT/$backend-cases-staff-deadline.body"; then
      NOTES+=("$backend/cases-staff-deadline: the server ignored sort=deadline (the page is not in deadline order); measured as served")
    fi
    case_scenario "$backend" cases-staff-deadline GET "$path" "$OUT/$backend-sessions-staff" && rc=0 || rc=$?
    ((rc != 2)) || return 1
  fi

  # The back office (issue 13), as the case worker's browser gets it: the work queue, open
  # cases nobody has taken on, by deadline (with the counts above it), and the dashboard.
  case_scenario "$backend" bo-queue GET "/behandelen?behandelaar=niemand" "$OUT/$backend-sessions-staff" && rc=0 || rc=$?
  ((rc != 2)) || return 1
  case_scenario "$backend" bo-dashboard GET /behandelen/inzicht "$OUT/$backend-sessions-staff" && rc=0 || rc=$?
  ((rc != 2)) || return 1

  if selected cases-submit; then
    local before after stored acked
    before=$(zgw_count "$backend" 999991905 || echo "")
    case_scenario "$backend" cases-submit POST /api/v1/cases "$OUT/$backend-sessions-submit" \
      "{\"caseType\":\"$type\",\"description\":\"Bench application\"}" && rc=0 || rc=$?
    ((rc != 2)) || return 1
    if ((rc == 0)); then
      # Every acknowledged application must be there, once: 1 check + warm-up + measured run.
      after=$(zgw_count "$backend" 999991905 || echo "")
      acked=$((1 + $(wrk_field "$OUT/$backend-cases-submit.warmup" requests) -
        $(wrk_field "$OUT/$backend-cases-submit.warmup" status_errors) +
        $(wrk_field "$OUT/$backend-cases-submit.wrk" requests) -
        $(wrk_field "$OUT/$backend-cases-submit.wrk" status_errors)))
      if [[ -z $before || -z $after ]]; then
        issue "$backend/cases-submit: could not count the stored cases"
      else
        stored=$((after - before))
        log "$backend/cases-submit: $acked acknowledged, $stored stored"
        ((stored >= acked)) || issue "$backend/cases-submit: $acked applications acknowledged but only $stored stored"
        ((stored == acked)) || NOTES+=("$backend/cases-submit: $stored stored for $acked acknowledged (timed-out requests may still have committed)")
      fi
    fi
  fi
}

bench_backend() { # backend db_url
  local backend=$1 db=$2 body count id first i
  log "$backend: migrate"
  "$BIN" migrate --database "$db" >"$OUT/$backend-migrate.log" 2>&1 ||
    { issue "$backend: migrate failed; see $OUT/$backend-migrate.log"; return 1; }
  log "$backend: seed (twice: it must be idempotent)"
  "$BIN" seed --database "$db" >"$OUT/$backend-seed.log" 2>&1 ||
    { issue "$backend: seed failed; see $OUT/$backend-seed.log"; return 1; }
  "$BIN" seed --database "$db" >>"$OUT/$backend-seed.log" 2>&1 ||
    { issue "$backend: second seed failed; see $OUT/$backend-seed.log"; return 1; }
  local zgw_ready=0
  if [[ $ZGW == 1 ]]; then zgw_prepare "$backend" "$db" && zgw_ready=1; fi
  start_server "$backend" "$db" || return 1

  body=$(curl -sS --max-time 10 "http://$HOST:$PORT/api/v1/organisations") || true
  check_server "$backend" || return 1
  id=$(first_org_id "$body" || true)
  count=$(org_count "$body" || true)
  local expected=3 # the demo catalogue's; the large dataset adds five
  ((zgw_ready)) && expected=8
  [[ $count == "$expected" ]] || issue "$backend: GET /api/v1/organisations lists '${count}' organisations after seeding twice (expected $expected)"
  if [[ -z $id ]]; then
    issue "$backend: no organisation id in GET /api/v1/organisations: ${body:0:200}"
  fi

  first=${#ROWS[@]}
  local -a scenarios=("baseline /healthz" "organisations-list /api/v1/organisations")
  [[ -z $id ]] || scenarios+=("organisation-get /api/v1/organisations/$id")
  local s rc
  for s in "${scenarios[@]}"; do
    run_scenario "$backend" "${s%% *}" "${s#* }" && rc=0 || rc=$?
    ((rc != 2)) || return 1 # the server died: the remaining scenarios would measure nothing
  done
  if ((zgw_ready)); then
    BENCH_TOKEN=$("$BIN" clients token --id bench --secret "$ZGW_SECRET")
    export BENCH_TOKEN
    for s in "zgw-zaken-by-bsn by-bsn" "zgw-zaak-get get" "zgw-zaak-create create"; do
      zgw_scenario "$backend" "${s%% *}" "$OUT/$backend-zgw-${s#* }" && rc=0 || rc=$?
      ((rc != 2)) || return 1
    done
    cases_run "$backend" || { check_server "$backend" || return 1; }
    portal_run "$backend" || { check_server "$backend" || return 1; }
    local hwm
    hwm=$(awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo "")
    MEMORY+=("$backend ${hwm:-null}")
  fi
  stop_server "$backend"

  local -a n
  local base_rps="" base_p50="" base_p99=""
  for ((i = first; i < ${#ROWS[@]}; i++)); do
    read -ra n <<<"${ROWS[i]}"
    if [[ ${n[1]} == baseline ]]; then base_rps=${n[3]} base_p50=${n[4]} base_p99=${n[5]}; fi
  done
  [[ -n $base_rps ]] || { issue "$backend: no baseline figure, no ratios"; return 1; }
  for ((i = first; i < ${#ROWS[@]}; i++)); do
    read -ra n <<<"${ROWS[i]}"
    n[8]=$(fdiv "${n[3]}" "$base_rps")
    n[9]=$(fdiv "${n[4]}" "$base_p50" 2)
    n[10]=$(fdiv "${n[5]}" "$base_p99" 2)
    ROWS[i]="${n[*]}"
  done
  local bar scen min found ratio verdict
  # na SCENARIO: the scenario's route was not there on this backend (or BENCH_ONLY left it out).
  na() {
    local u
    selected "$1" || return 0
    for u in "${UNAVAILABLE[@]}"; do [[ $u == "$backend $1 "* ]] && return 0; done
    return 1
  }
  for bar in "${BARS[@]}"; do
    scen=${bar%%:*} min=${bar##*:} found=""
    for ((i = first; i < ${#ROWS[@]}; i++)); do
      read -ra n <<<"${ROWS[i]}"
      [[ ${n[1]} == "$scen" ]] && found=${n[8]}
    done
    ratio=${found:-null}
    [[ $ZGW == 1 || $scen == organisations-* ]] || continue
    if [[ $ratio == null ]] && na "$scen"; then verdict=N/A
    elif [[ $ratio == null ]]; then verdict=MISSING
    elif awk -v r="$ratio" -v m="$min" 'BEGIN { exit !(r >= m) }'; then verdict=PASS
    else verdict=BELOW; fi
    BAR_ROWS+=("$backend $scen $min $ratio $verdict")
  done
  local p50max p99max rest
  for bar in "${LAT_BARS[@]}"; do
    scen=${bar%%:*} rest=${bar#*:} p50max=${rest%%:*} p99max=${rest##*:} found=""
    for ((i = first; i < ${#ROWS[@]}; i++)); do
      read -ra n <<<"${ROWS[i]}"
      [[ ${n[1]} == "$scen" ]] && found="${n[4]} ${n[5]}"
    done
    [[ $ZGW == 1 ]] || continue
    if [[ -z $found ]] && na "$scen"; then verdict=N/A
    elif [[ -z $found ]]; then verdict=MISSING
    elif awk -v a="${found% *}" -v b="${found#* }" -v x="$p50max" -v y="$p99max" 'BEGIN { exit !((x == "-" || a < x) && b < y) }'; then verdict=PASS
    else verdict=BELOW; fi
    LAT_ROWS+=("$backend $scen $p50max $p99max ${found:-null null} $verdict")
  done
  for bar in "${RPS_BARS[@]}"; do
    scen=${bar%%:*} min=${bar##*:} found=""
    for ((i = first; i < ${#ROWS[@]}; i++)); do
      read -ra n <<<"${ROWS[i]}"
      [[ ${n[1]} == "$scen" ]] && found=${n[3]}
    done
    [[ $ZGW == 1 ]] || continue
    if [[ -z $found ]] && na "$scen"; then verdict=N/A
    elif [[ -z $found ]]; then verdict=MISSING
    elif awk -v r="$found" -v m="$min" 'BEGIN { exit !(r >= m) }'; then verdict=PASS
    else verdict=BELOW; fi
    LAT_ROWS+=("$backend $scen rps>=$min - ${found:-null} - $verdict")
  done
}

# --- notification fan-out (bench/notifications.mjs) ------------------------------------------
# Not a wrk scenario: its own database (a SQLite file of its own, or loket_notify in the same
# PostgreSQL cluster), ten node receivers, one `loket worker`. Bar: deliveries/s (issue 11); the
# ratio is to the receivers' raw capacity measured in the same run.
NOTIFY_MESSAGES=${BENCH_NOTIFY_MESSAGES:-2000}
NOTIFY_BAR=5000
NOTIFY_ROWS=() # "backend deliveries_per_s receiver_rps ratio deliveries expected PASS|BELOW cpu_us"
notifications_run() { # backend [postgresql_url]
  local backend=$1 url=${2:-} line rc=0 rate rps ratio got want verdict cpu
  selected notifications-fanout || return 0
  log "$backend/notifications-fanout: $NOTIFY_MESSAGES messages x 10 subscribers through one loket worker"
  line=$(env LOKET_BIN="$BIN" BENCH_OUT="$OUT" ${url:+LOKET_BENCH_PG_URL=$url} BENCH_NOTIFY_ARGS="${BENCH_NOTIFY_ARGS:-}" \
    node "$ROOT/bench/notifications.mjs" "$NOTIFY_MESSAGES" 2>"$OUT/$backend-notifications.err" | tail -n1) || rc=$?
  if [[ $line != *'"deliveries_per_s"'* ]]; then
    issue "$backend/notifications-fanout: no result (exit $rc); see $OUT/$backend-notifications.err"
    return 1
  fi
  rate=$(json_num deliveries_per_s "$line") rps=$(json_num receiver_rps "$line") ratio=$(json_num ratio "$line")
  got=$(json_num deliveries "$line") want=$(json_num expected "$line")
  cpu=$(json_num worker_cpu_us_per_delivery "$line")
  ((got >= want)) || issue "$backend/notifications-fanout: $got of $want deliveries arrived"
  verdict=BELOW
  ((rate >= NOTIFY_BAR)) && verdict=PASS
  NOTIFY_ROWS+=("$backend $rate ${rps:-null} ${ratio:-null} $got $want $verdict ${cpu:-null}")
}

# --- run -------------------------------------------------------------------------------------
log "loket $BIN; wrk -t$THREADS -c$CONNECTIONS, warm-up $WARMUP, measure $DURATION; server --threads $SERVER_THREADS --workers $SERVER_WORKERS; $(nproc) cores"
FAILED=()
WARNINGS=()
for backend in $BACKENDS; do
  [[ $backend != postgres ]] || backend=postgresql
  case $backend in
    sqlite)
      mkdir -p "$OUT/sqlite"
      export LOKET_KEY_FILE=$KEY_DIR/sqlite.keys
      if [[ $REUSE != 1 ]]; then
        rm -f "$OUT/sqlite/loket.db" "$OUT/sqlite/loket.db-wal" "$OUT/sqlite/loket.db-shm" "$LOKET_KEY_FILE"
        rm -f "$OUT/sqlite-dataset.json" "$OUT/sqlite-staff.json"
      fi
      bench_backend sqlite "sqlite:$OUT/sqlite/loket.db" || FAILED+=(sqlite)
      notifications_run sqlite || true
      ;;
    postgresql)
      export LOKET_KEY_FILE=$KEY_DIR/postgresql.keys
      rm -f "$LOKET_KEY_FILE"
      PG_DIR=$OUT/pg
      "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" 2>/dev/null || true # leftovers of a killed run
      pg_url=$("$ROOT/scripts/pg-cluster.sh" start "$PG_DIR") || die "could not start PostgreSQL"
      pg_url=$("$ROOT/scripts/pg-cluster.sh" createdb "$PG_DIR" loket_bench) || die "could not create the database"
      bench_backend postgresql "$pg_url" || FAILED+=(postgresql)
      stop_server cleanup
      if selected notifications-fanout; then
        if pg_url=$("$ROOT/scripts/pg-cluster.sh" createdb "$PG_DIR" loket_notify); then
          notifications_run postgresql "$pg_url" || true
        else
          issue "postgresql/notifications-fanout: could not create its database"
        fi
      fi
      stop_pg
      ;;
    *) die "unknown backend '$backend' in BENCH_BACKENDS (sqlite, postgresql)" ;;
  esac
  # What the server logged at warn and above (the access log is off at --log-level warn):
  # errors are issues, warnings are shown.
  logs=("$OUT/$backend-server.out" "$OUT/$backend-server.err")
  nerr=$(cat "${logs[@]}" 2>/dev/null | grep -cE '"level": *"(error|err|critical)"' || true)
  ((nerr == 0)) || issue "$backend: server logged $nerr error lines; see ${logs[*]}"
  while IFS= read -r w; do WARNINGS+=("$backend: $w"); done < <(
    cat "${logs[@]}" 2>/dev/null | grep -E '"level": *"warn(ing)?"' | sed -nE 's/.*"msg": *"([^"]*)".*/\1/p' | sort | uniq -c | sed -E 's/^ *([0-9]+) (.*)/\2 (x\1)/'
  )
done

# --- documents (issue 11): 1 MiB upload and download against a static file ----------------------
# bench/documents.mjs starts its own server on SQLite; its ratios are to the static file of the
# same size from that server, so no baseline is needed. Bar: both >= 0.5. Two contents, one
# server: plain text (documents-upload/-download; libmagic's slowest case) and a PDF
# (documents-upload-pdf/-download-pdf; the type detection of a scan or a photo costs next to
# nothing).
DOC_ROWS=() # "scenario ratio rps static_rps PASS|BELOW"
doc_contents=()
for content in text pdf; do
  suffix=""
  [[ $content == text ]] || suffix="-$content"
  if selected "documents-upload$suffix" || selected "documents-download$suffix"; then doc_contents+=("$content"); fi
done
if [[ ${BENCH_DOCUMENTS:-1} == 1 && ${#doc_contents[@]} -gt 0 ]]; then
  contents=$(IFS=,; echo "${doc_contents[*]}")
  log "documents: bench/documents.mjs --content $contents (${DURATION%s} s each)"
  doc_lines=$(node "$ROOT/bench/documents.mjs" --seconds "${DURATION%s}" --content "$contents" --bin "$BIN" \
    2>"$OUT/documents.err" | grep '^{') || doc_lines=""
  for content in "${doc_contents[@]}"; do
    suffix=""
    [[ $content == text ]] || suffix="-$content"
    doc_line=$(grep -F "\"content\":\"$content\"" <<<"$doc_lines" || true)
    if [[ -z $(json_num uploadRatio "$doc_line") ]]; then
      issue "documents: bench/documents.mjs gave no result for $content; see $OUT/documents.err"
      continue
    fi
    for d in upload download; do
      r=$(json_num "${d}Ratio" "$doc_line")
      v=BELOW
      awk -v r="$r" 'BEGIN { exit !(r >= 0.5) }' && v=PASS
      DOC_ROWS+=("documents-$d$suffix $r $(json_num "${d}Rps" "$doc_line") $(json_num staticRps "$doc_line") $v")
    done
  done
fi

# --- report ----------------------------------------------------------------------------------
echo
echo "Loket benchmark — wrk -t$THREADS -c$CONNECTIONS, $DURATION per scenario after $WARMUP warm-up; server --threads $SERVER_THREADS --workers $SERVER_WORKERS; $(nproc) cores"
printf '%-11s %-20s %10s %9s %9s %7s %7s %9s %8s %8s\n' \
  backend scenario req/s p50_ms p99_ms "http>=400" sockerr rps/base p50/base p99/base
printf '%.0s-' {1..107}
echo
for row in "${ROWS[@]}"; do
  read -ra n <<<"$row"
  printf '%-11s %-20s %10.0f %9s %9s %7s %7s %9s %8s %8s\n' \
    "${n[0]}" "${n[1]}" "${n[3]}" "${n[4]}" "${n[5]}" "${n[6]}" "${n[7]}" "${n[8]}" "${n[9]}" "${n[10]}"
done
echo
bar_failed=0
for row in "${BAR_ROWS[@]}"; do
  read -ra n <<<"$row"
  printf 'bar: %-11s %-20s throughput >= %s x baseline: %s (%s)\n' "${n[0]}" "${n[1]}" "${n[2]}" "${n[3]}" "${n[4]}"
  [[ ${n[4]} == PASS ]] || bar_failed=1
done
for row in "${LAT_ROWS[@]}"; do
  read -ra n <<<"$row"
  if [[ ${n[2]} == rps* ]]; then
    printf 'bar: %-11s %-20s %s req/s: %s (%s)\n' "${n[0]}" "${n[1]}" "${n[2]#rps}" "${n[4]}" "${n[6]}"
  elif [[ ${n[2]} == - ]]; then
    printf 'bar: %-11s %-20s p99 < %s ms: %s ms (%s)\n' "${n[0]}" "${n[1]}" "${n[3]}" "${n[5]}" "${n[6]}"
  else
    printf 'bar: %-11s %-20s p50 < %s ms and p99 < %s ms: %s / %s ms (%s)\n' "${n[0]}" "${n[1]}" "${n[2]}" "${n[3]}" "${n[4]}" "${n[5]}" "${n[6]}"
  fi
  [[ ${n[6]} == PASS ]] || bar_failed=1
done
for row in "${NOTIFY_ROWS[@]}"; do
  read -ra n <<<"$row"
  printf 'bar: %-11s %-20s >= %s deliveries/s: %s (%s); receivers raw %s req/s, ratio %s; worker CPU %s us/delivery\n' \
    "${n[0]}" notifications-fanout "$NOTIFY_BAR" "${n[1]}" "${n[6]}" "${n[2]}" "${n[3]}" "${n[7]}"
  [[ ${n[6]} == PASS ]] || bar_failed=1
done
for row in "${DOC_ROWS[@]}"; do
  read -ra n <<<"$row"
  printf 'bar: %-11s %-20s >= 0.5 x a static 1 MiB file: %s (%s req/s vs %s) (%s)\n' sqlite "${n[0]}" "${n[1]}" "${n[2]}" "${n[3]}" "${n[4]}"
  [[ ${n[4]} == PASS ]] || bar_failed=1
done
for row in "${MEMORY[@]}"; do
  read -ra n <<<"$row"
  verdict=BELOW
  [[ ${n[1]} != null ]] && ((n[1] < MEMORY_BAR_MIB)) && verdict=PASS
  printf 'bar: %-11s server peak resident memory < %s MiB: %s MiB (%s)\n' "${n[0]}" "$MEMORY_BAR_MIB" "${n[1]}" "$verdict"
  [[ $verdict == PASS ]] || bar_failed=1
done
if ((${#UNAVAILABLE[@]})); then
  echo
  echo "not available:"
  printf '  - %s\n' "${UNAVAILABLE[@]}"
fi
if ((${#NOTES[@]})); then
  echo
  echo "notes:"
  printf '  - %s\n' "${NOTES[@]}"
fi
if ((${#WARNINGS[@]})); then
  echo
  echo "server warnings:"
  printf '  - %s\n' "${WARNINGS[@]}"
fi
if ((${#ISSUES[@]})); then
  echo
  echo "issues:"
  printf '  - %s\n' "${ISSUES[@]}"
fi

# results.json
json_strings() { # a JSON array of the arguments
  local sep="" i
  printf '['
  for i in "$@"; do
    i=${i//\\/\\\\}
    i=${i//\"/\\\"}
    printf '%s\n    "%s"' "$sep" "$i"
    sep=","
  done
  printf '\n  ]'
}
{
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  printf '{\n  "time": "%s",\n  "commit": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$commit"
  printf '  "config": {"duration": "%s", "warmup": "%s", "connections": %s, "wrk_threads": %s, "server_threads": %s, "server_workers": %s, "cores": %s},\n' \
    "$DURATION" "$WARMUP" "$CONNECTIONS" "$THREADS" "$SERVER_THREADS" "$SERVER_WORKERS" "$(nproc)"
  printf '  "results": ['
  sep=""
  for row in "${ROWS[@]}"; do
    read -ra n <<<"$row"
    printf '%s\n    {"backend": "%s", "scenario": "%s", "path": "%s", "requests": %s, "requests_per_s": %s, "p50_ms": %s, "p99_ms": %s, "http_errors": %s, "socket_errors": %s, "rps_ratio": %s, "p50_ratio": %s, "p99_ratio": %s}' \
      "$sep" "${n[0]}" "${n[1]}" "${n[2]}" "${n[11]}" "${n[3]}" "${n[4]}" "${n[5]}" "${n[6]}" "${n[7]}" "${n[8]/-/null}" "${n[9]/-/null}" "${n[10]/-/null}"
    sep=","
  done
  printf '\n  ],\n  "bars": ['
  sep=""
  for row in "${BAR_ROWS[@]}"; do
    read -ra n <<<"$row"
    printf '%s\n    {"backend": "%s", "scenario": "%s", "min_rps_ratio": %s, "rps_ratio": %s, "pass": %s}' \
      "$sep" "${n[0]}" "${n[1]}" "${n[2]}" "${n[3]}" "$([[ ${n[4]} == PASS ]] && echo true || echo false)"
    sep=","
  done
  printf '\n  ],\n  "latency_bars": ['
  sep=""
  for row in "${LAT_ROWS[@]}"; do
    read -ra n <<<"$row"
    printf '%s\n    {"backend": "%s", "scenario": "%s", "bar": "%s %s", "p50_ms": "%s", "p99_ms": "%s", "pass": %s}' \
      "$sep" "${n[0]}" "${n[1]}" "${n[2]}" "${n[3]}" "${n[4]}" "${n[5]}" "$([[ ${n[6]} == PASS ]] && echo true || echo false)"
    sep=","
  done
  printf '\n  ],\n  "notifications": ['
  sep=""
  for row in "${NOTIFY_ROWS[@]}"; do
    read -ra n <<<"$row"
    printf '%s\n    {"backend": "%s", "scenario": "notifications-fanout", "deliveries_per_s": %s, "receiver_rps": %s, "ratio": %s, "deliveries": %s, "expected": %s, "worker_cpu_us_per_delivery": %s, "bar": %s, "pass": %s}' \
      "$sep" "${n[0]}" "${n[1]}" "${n[2]}" "${n[3]}" "${n[4]}" "${n[5]}" "${n[7]}" "$NOTIFY_BAR" "$([[ ${n[6]} == PASS ]] && echo true || echo false)"
    sep=","
  done
  printf '\n  ],\n  "peak_memory_mib": {'
  sep=""
  for row in "${MEMORY[@]}"; do
    read -ra n <<<"$row"
    printf '%s"%s": %s' "$sep" "${n[0]}" "${n[1]}"
    sep=", "
  done
  printf '},\n  "documents": ['
  sep=""
  for row in "${DOC_ROWS[@]}"; do
    read -ra n <<<"$row"
    printf '%s\n    {"scenario": "%s", "ratio_to_static": %s, "requests_per_s": %s, "static_requests_per_s": %s, "pass": %s}' \
      "$sep" "${n[0]}" "${n[1]}" "${n[2]}" "${n[3]}" "$([[ ${n[4]} == PASS ]] && echo true || echo false)"
    sep=","
  done
  printf '\n  ],\n  "issues": '
  json_strings "${ISSUES[@]}"
  printf ',\n  "not_available": '
  json_strings "${UNAVAILABLE[@]}"
  printf ',\n  "notes": '
  json_strings "${NOTES[@]}"
  printf ',\n  "server_warnings": '
  json_strings "${WARNINGS[@]}"
  printf '\n}\n'
} >"$OUT/results.json"
echo "results: $OUT/results.json"

((${#FAILED[@]} == 0)) || die "benchmark incomplete for: ${FAILED[*]}"
((${#ISSUES[@]} == 0)) || exit 1
if ((bar_failed)) && [[ $STRICT == 1 ]]; then die "a bar was missed (BENCH_STRICT=1)"; fi
exit 0
