#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for building, running and testing Jimeng Helper, then the npm
# packages from the lockfile. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# Tools count as present when their command is (node and npm may come from outside Debian); libraries and
# fonts by their package.
for pair in emcc:emscripten cmake:cmake g++:g++ make:make chromium:chromium openssl:openssl node:nodejs npm:npm clang-format:clang-format ffmpeg:ffmpeg; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
for pkg in nlohmann-json3-dev rapidjson-dev libgtest-dev fonts-noto-cjk chromium-l10n; do
  have_pkg "$pkg" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "bootstrap: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund
fi
echo "bootstrap: ready"
