#!/usr/bin/env bash
# Installs what building, running and testing Loket needs on Debian 12: the Debian packages
# that are missing (apt-get, with sudo when not root) and the npm packages in package-lock.json.
# `deps.sh fuzz` (make fuzz) also installs clang and its libFuzzer runtime. clamav-daemon is
# the virus scanner the documents tests start with a signature database of their own (it needs
# no freshclam download); in production Loket talks to a clamd through --clamd.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev postgresql-15 postgresql-client-15
  libspdlog-dev libfmt-dev libcli11-dev libsodium-dev libssl-dev
  libcjose-dev libjansson-dev libcurl4-openssl-dev libmagic-dev libctemplate-dev libvalijson-dev zlib1g-dev
  libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 wrk curl nodejs npm chromium fonts-dejavu-core
  clamav-daemon
)
if [[ ${1:-} == fuzz ]]; then
  # libclang-rt-14-dev holds libclang_rt.fuzzer (and the sanitizer runtimes) for clang 14.
  packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  # nodejs/npm may come from elsewhere than Debian (a newer Node.js); a working binary is enough.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "deps: installing Debian packages: ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: reinstall only when the lock file changed since the last install.
stamp=node_modules/.loket-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "deps: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
