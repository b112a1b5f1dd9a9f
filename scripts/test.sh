#!/usr/bin/env bash
# Every test tier, in order: the gates (types, lint, C++ format), native core (GoogleTest under ASan + UBSan),
# the built wasm module and the stand-in (node --test), then Playwright in real Chromium against the stand-in.
# `bash scripts/test.sh [gates|native|node|e2e]` runs one tier. It first installs whatever a fresh machine
# lacks (scripts/bootstrap.sh installs only what is missing), so it works without `npm start` having run.
set -euo pipefail
cd "$(dirname "$0")/.."
tier="${1:-all}"
bash scripts/bootstrap.sh

if [ "$tier" = all ] || [ "$tier" = gates ]; then
  bash scripts/lint.sh
fi

if [ "$tier" = all ] || [ "$tier" = native ]; then
  echo "== native core tests (ASan + UBSan)"
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DJIMENG_SANITIZE=ON >/dev/null
  cmake --build build/asan -j"$(nproc)" >/dev/null
  ctest --test-dir build/asan --output-on-failure -j"$(nproc)"
fi

if [ "$tier" = all ] || [ "$tier" = node ]; then
  echo "== wasm module and stand-in tests (node)"
  bash scripts/build-core.sh
  node --test tests/node/ web/test/
fi

if [ "$tier" = all ] || [ "$tier" = e2e ]; then
  echo "== end-to-end tests (Playwright, headless Chromium, stand-in)"
  bash scripts/build-core.sh
  node scripts/assemble.mjs
  npx playwright test
fi
