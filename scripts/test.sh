#!/usr/bin/env bash
# Every test tier: the gates (types, lint, C++ format), native core (GoogleTest under ASan + UBSan), the built
# wasm module and the stand-in (node --test), then Playwright in real Chromium against the stand-in.
# `bash scripts/test.sh [gates|native|node|e2e] [playwright options]` runs one tier; options after `e2e` go to
# Playwright (`npm run test:e2e -- --grep "popup"`). It first installs whatever a fresh machine lacks
# (scripts/bootstrap.sh installs only what is missing), so it works without `npm start` having run.
#
# All tiers: the native tier is compiling and replaying while the browser tests run, at the lowest CPU
# priority (nice 19). The browser tests spend most of their time waiting on the stand-in's timings, so the
# compiler takes the idle cores and the browsers keep theirs. Its output is shown when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
tier="${1:-all}"
[ $# -gt 0 ] && shift
bash scripts/bootstrap.sh

declare -A seconds
timed() {  # timed NAME COMMAND…: runs it, records its wall time, and returns its status
  local name=$1 start=$SECONDS status=0
  shift
  # `|| status=$?`: called as `timed … || x=$?` set -e is off in here, so the status must be carried out by
  # hand (without it a failing e2e run returned 0 and CI passed it).
  "$@" || status=$?
  seconds[$name]=$((SECONDS - start))
  return "$status"
}

native() {
  echo "== native core tests (ASan + UBSan)"
  # Unity builds (JIMENG_FAST_BUILD): the JSON libraries' templates and GoogleTest are compiled a few times
  # rather than once per source file, which takes a third off the build.
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DJIMENG_SANITIZE=ON -DJIMENG_FAST_BUILD=ON >/dev/null
  cmake --build build/asan -j"$(nproc)" >/dev/null
  ctest --test-dir build/asan --output-on-failure -j"$(nproc)"
}
build() {
  bash scripts/build-core.sh
  node scripts/assemble.mjs
}

if [ "$tier" = gates ]; then timed gates bash scripts/lint.sh; fi
if [ "$tier" = native ]; then timed native native; fi
if [ "$tier" = node ]; then
  bash scripts/build-core.sh
  echo "== wasm module and stand-in tests (node)"
  timed node node --test tests/node/ web/test/
fi
if [ "$tier" = e2e ]; then
  build
  echo "== end-to-end tests (Playwright, headless Chromium, stand-in)"
  timed e2e npx playwright test "$@"
fi

if [ "$tier" = all ]; then
  # The native tier starts first: it is the longest, and it takes whatever CPU the others leave.
  mkdir -p build
  native_start=$SECONDS
  ( nice -n 19 bash -c "set -euo pipefail; $(declare -f native); native" >build/native-tier.log 2>&1; echo $? >build/native-tier.rc ) &
  native_pid=$!
  trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
  echo "== native core tests: building and running in the background (build/native-tier.log)"
  timed gates bash scripts/lint.sh
  timed build build
  echo "== wasm module and stand-in tests (node)"
  timed node node --test tests/node/ web/test/
  echo "== end-to-end tests (Playwright, headless Chromium, stand-in)"
  e2e_status=0
  timed e2e npx playwright test || e2e_status=$?
  wait "$native_pid" || true
  seconds[native]=$((SECONDS - native_start))
  tail -n 30 build/native-tier.log
  native_status=$(cat build/native-tier.rc 2>/dev/null || echo 1)
  echo "tier times (s): gates ${seconds[gates]}, build ${seconds[build]}, node ${seconds[node]}, e2e ${seconds[e2e]:-failed}, native ${seconds[native]} (beside the others)"
  [ "$native_status" = 0 ] || { echo "native core tests FAILED (build/native-tier.log)"; exit 1; }
  [ "$e2e_status" = 0 ] || exit "$e2e_status"
else
  for name in "${!seconds[@]}"; do echo "tier time: $name ${seconds[$name]} s"; done
fi
