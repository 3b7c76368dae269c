#!/usr/bin/env bash
# Installs the system tools the tests run against, when they are missing: Prometheus (promtool),
# Alertmanager (amtool), the blackbox exporter, curl, zsh and fish (the shell completion scripts run
# in them), and Go with robfig/cron v3 (the chaos firing model is compared with the real library).
# Debian/Ubuntu packages; as root, or with passwordless sudo. Anywhere else it stops at once and
# prints the one command to run.
set -euo pipefail

declare -A package_of=(
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

missing=()
for bin in "${!package_of[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("${package_of[$bin]}")
done
[ -f "$robfig_source" ] || missing+=(golang-github-robfig-cron-dev)
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
  echo "The tests need: ${packages}" >&2
  echo "Install them, then run the tests again:  sudo apt-get install -y --no-install-recommends ${packages}" >&2
  exit 1
fi

echo "installing the tools the tests need: ${packages}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
# shellcheck disable=SC2086 # one word per package
"${as_root[@]}" apt-get install -y -qq --no-install-recommends ${packages} >/dev/null
# Debian starts the daemons on install; the tests start their own on loopback ports.
for service in prometheus prometheus-alertmanager prometheus-blackbox-exporter prometheus-node-exporter; do
  (command -v systemctl >/dev/null 2>&1 && "${as_root[@]}" systemctl stop "$service" 2>/dev/null) || true
done
