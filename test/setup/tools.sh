#!/usr/bin/env bash
# Installs the system tools the tests run against, when they are missing: Prometheus (promtool),
# Alertmanager (amtool), the blackbox exporter, curl, zsh and fish (the shell completion scripts run
# in them), and Go with robfig/cron v3 (the chaos firing model is compared with the real library).
# `tools.sh build` installs only what `npm ci` needs to compile better-sqlite3 from source when no
# prebuilt binary can be downloaded (make, g++, python3); run it before `npm ci`.
# Debian/Ubuntu packages; as root, or with passwordless sudo. Anywhere else it stops at once and
# prints the one command to run.
set -euo pipefail

declare -A build_package_of=(
  [make]=make
  [g++]=g++
  [python3]=python3
)
declare -A test_package_of=(
  [promtool]=prometheus
  [prometheus]=prometheus
  [prometheus-alertmanager]=prometheus-alertmanager
  [amtool]=prometheus-alertmanager
  [prometheus-blackbox-exporter]=prometheus-blackbox-exporter
  [curl]=curl
  [go]=golang-go
  [zsh]=zsh
  [fish]=fish
)
robfig_source=/usr/share/gocode/src/github.com/robfig/cron/spec.go

case "${1:-test}" in
  build) what="the build tools npm ci needs" ;;
  test) what="the tools the tests need" ;;
  *)
    echo "usage: tools.sh [build|test] (got ${1})" >&2
    exit 2
    ;;
esac

missing=()
for bin in "${!build_package_of[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("${build_package_of[$bin]}")
done
if [ "${1:-test}" = test ]; then
  for bin in "${!test_package_of[@]}"; do
    command -v "$bin" >/dev/null 2>&1 || missing+=("${test_package_of[$bin]}")
  done
  [ -f "$robfig_source" ] || missing+=(golang-github-robfig-cron-dev)
fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  as_root=none
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "${as_root[*]}" = none ]; then
  echo "Missing ${what}: ${packages}" >&2
  echo "Install them, then run again:  sudo apt-get install -y --no-install-recommends ${packages}" >&2
  exit 1
fi

echo "installing ${what}: ${packages}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
# shellcheck disable=SC2086 # one word per package
"${as_root[@]}" apt-get install -y -qq --no-install-recommends ${packages} >/dev/null
# Debian starts the daemons on install; the tests start their own on loopback ports.
for service in prometheus prometheus-alertmanager prometheus-blackbox-exporter prometheus-node-exporter; do
  (command -v systemctl >/dev/null 2>&1 && "${as_root[@]}" systemctl stop "$service" 2>/dev/null) || true
done
