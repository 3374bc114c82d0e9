#!/usr/bin/env bash
# Installs the Debian packages the tests use, when they are missing:
# prometheus (with promtool) scrapes the exporter and lints its exposition;
# prometheus-alertmanager (amtool) checks the example Alertmanager config;
# docker-compose (1.29 from Debian) parses docker-compose.yml, no engine needed.
# The tests fail rather than skip without them, so a missing tool is loud.
set -euo pipefail

packages=()
command -v prometheus >/dev/null 2>&1 || packages+=(prometheus)
command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v amtool >/dev/null 2>&1 || packages+=(prometheus-alertmanager)
command -v docker-compose >/dev/null 2>&1 || packages+=(docker-compose)

if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "realitycheck tests need: ${packages[*]} (Debian packages)." >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi

echo "Installing Debian packages for the tests: ${packages[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
