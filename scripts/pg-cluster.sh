#!/usr/bin/env bash
# A private, throw-away PostgreSQL 15 cluster for tests and benchmarks, listening on 127.0.0.1 only.
#
#   scripts/pg-cluster.sh start DIR          initdb DIR when it holds no cluster, start it on a free
#                                            port; prints postgresql://loket@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh createdb DIR NAME  create database NAME in the running cluster; prints its URL
#   scripts/pg-cluster.sh url DIR            print the URL of the running cluster
#   scripts/pg-cluster.sh stop DIR           pg_ctl stop -m fast, then remove DIR
#
# The URL is the only line on stdout; progress and errors go to stderr. Role `loket` is the
# superuser (initdb -U loket -A trust). fsync stays on, so timings resemble a real server.
# As root the server runs as user `postgres` (the cluster's files are chown'ed to it); otherwise as
# the current user. When DIR lies where user postgres cannot enter (a clone in a 0700 home folder),
# the cluster's files live in a private folder under ${TMPDIR:-/tmp} instead, named in DIR/home.
# Layout: HOME/data (PGDATA), HOME/run (unix socket), HOME/postgres.log, HOME/port; HOME is DIR or
# the folder DIR/home names.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin), PG_START_TIMEOUT (seconds, default 60).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_START_TIMEOUT=${PG_START_TIMEOUT:-60}
MARKER=.loket-pg-cluster

die() { echo "pg-cluster: error: $*" >&2; exit 1; }
note() { echo "pg-cluster: $*" >&2; }
usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Run a server-side PostgreSQL binary as the cluster owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port i
  for ((i = 0; i < 200; i++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "found no free TCP port on 127.0.0.1"
}

resolve_dir() {
  [[ -n ${1:-} ]] || usage
  realpath -m -- "$1"
}

# Where the cluster of DIR keeps its files: DIR itself, or the folder DIR/home names.
home_of() {
  if [[ -f $1/home ]]; then cat -- "$1/home"; else echo "$1"; fi
}

url_for() { echo "postgresql://loket@127.0.0.1:$1/${2:-postgres}"; }

running() { [[ -f $1/data/postmaster.pid ]] && as_owner "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

wait_ready() {
  local port=$1 deadline=$((SECONDS + PG_START_TIMEOUT))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U loket -d postgres; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

cmd_start() {
  local dir
  dir=$(resolve_dir "${1:-}")
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] ||
    die "PostgreSQL 15 server binaries not found in $PG_BIN (install postgresql-15, or set PG_BIN)"
  if [[ $(id -u) -eq 0 ]]; then
    getent passwd postgres >/dev/null || die "running as root but there is no user 'postgres' to run the server as"
  fi

  if [[ -e $dir && ! -f $dir/$MARKER && -n $(ls -A -- "$dir" 2>/dev/null) ]]; then
    die "$dir exists, is not empty and was not made by this script; refusing to use it"
  fi
  [[ $dir != *[[:space:]\'\"]* ]] || die "DIR must not contain spaces or quotes: $dir"
  mkdir -p -- "$dir/run"
  touch -- "$dir/$MARKER" "$dir/postgres.log"

  # The socket path must fit in sun_path (107 bytes): DIR/run/.s.PGSQL.NNNNN
  local sock_len=$((${#dir} + 20))
  ((sock_len <= 107)) || die "path too long for a unix socket (${sock_len} > 107 bytes): $dir/run; use a shorter DIR"

  local home=$dir
  if [[ $(id -u) -eq 0 ]]; then
    # The server must reach its files through every parent folder; a clone in a home folder that
    # only its owner may enter (0700) is out of its reach, so the files go to a folder of its own.
    if ! runuser -u postgres -- test -x "$dir"; then
      home=$(home_of "$dir")
      if [[ $home == "$dir" ]]; then
        home=$(mktemp -d "${TMPDIR:-/tmp}/loket-pg.XXXXXX")
        echo "$home" >"$dir/home"
        note "user postgres cannot enter $dir; keeping the cluster in $home"
      fi
      mkdir -p -- "$home/run"
      touch -- "$home/$MARKER" "$home/postgres.log"
      local home_len=$((${#home} + 20))
      ((home_len <= 107)) || die "path too long for a unix socket: $home/run; set TMPDIR shorter"
    fi
    chown -R postgres: -- "$home"
    runuser -u postgres -- test -w "$home" ||
      die "user postgres cannot write $home (a parent directory is not searchable by it?)"
  fi

  if running "$home"; then
    local port
    port=$(cat "$home/port" 2>/dev/null) || die "a cluster runs in $home but $home/port is missing"
    note "already running on 127.0.0.1:$port"
    url_for "$port"
    return 0
  fi

  if [[ ! -f $home/data/PG_VERSION ]]; then
    note "initdb $home/data"
    rm -rf -- "$home/data"
    if ! as_owner "$PG_BIN/initdb" -D "$home/data" -U loket -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$home/initdb.log" 2>&1; then
      cat "$home/initdb.log" >&2
      die "initdb failed (log above, also in $home/initdb.log)"
    fi
  fi

  # A port picked as free may be taken before the server binds it: retry a few times.
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    rm -f -- "$home/data/postmaster.pid"
    : >"$home/postgres.log"
    if as_owner "$PG_BIN/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t "$PG_START_TIMEOUT" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k '$home/run' -c fsync=on -c max_connections=200" \
      start >/dev/null 2>&1; then
      if wait_ready "$port"; then
        echo "$port" >"$home/port"
        note "running on 127.0.0.1:$port (data $home/data, log $home/postgres.log)"
        url_for "$port"
        return 0
      fi
      as_owner "$PG_BIN/pg_ctl" -D "$home/data" -m immediate stop >/dev/null 2>&1 || true
      die "server started on port $port but pg_isready never succeeded within ${PG_START_TIMEOUT}s; see $home/postgres.log"
    fi
    if grep -q "could not bind\|Address already in use" "$home/postgres.log" 2>/dev/null; then
      note "port $port was taken, trying another (attempt $attempt)"
      continue
    fi
    tail -n 20 "$home/postgres.log" >&2 2>/dev/null || true
    die "pg_ctl start failed; see $home/postgres.log"
  done
  die "could not start after 5 attempts; see $home/postgres.log"
}

cmd_url() {
  local dir
  dir=$(home_of "$(resolve_dir "${1:-}")")
  running "$dir" || die "no running cluster in $dir (run: $0 start $dir)"
  url_for "$(cat "$dir/port")" "${2:-postgres}"
}

cmd_createdb() {
  local dir name port
  dir=$(home_of "$(resolve_dir "${1:-}")")
  name=${2:-}
  [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "database name must match [A-Za-z_][A-Za-z0-9_]*, got '${name}'"
  running "$dir" || die "no running cluster in $dir (run: $0 start $dir)"
  port=$(cat "$dir/port")
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U loket "$name" >&2 ||
    die "createdb $name failed on 127.0.0.1:$port"
  url_for "$port" "$name"
}

cmd_stop() {
  local dir
  dir=$(resolve_dir "${1:-}")
  if [[ ! -e $dir ]]; then
    note "nothing to stop: $dir does not exist"
    return 0
  fi
  [[ -f $dir/$MARKER ]] || die "$dir was not made by this script; refusing to stop or remove it"
  local home
  home=$(home_of "$dir")
  [[ -f $home/$MARKER ]] || die "$home was not made by this script; refusing to stop or remove it"
  if [[ -f $home/data/postmaster.pid ]]; then
    if ! as_owner "$PG_BIN/pg_ctl" -D "$home/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
      note "fast stop failed, using immediate"
      as_owner "$PG_BIN/pg_ctl" -D "$home/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
  fi
  [[ $home == "$dir" ]] || rm -rf -- "$home"
  rm -rf -- "$dir"
  note "stopped and removed $dir"
}

case ${1:-} in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  createdb) cmd_createdb "${2:-}" "${3:-}" ;;
  url) cmd_url "${2:-}" "${3:-}" ;;
  *) usage ;;
esac
