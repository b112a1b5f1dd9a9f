#!/usr/bin/env bash
# `npm run fuzz [-- SECONDS]`: builds every libFuzzer target with clang (ASan + UBSan) and runs each for
# SECONDS (default 300) on its corpus and hand-written seeds, one after another, then prints executions and findings per target.
# New interesting inputs are merged (minimised) back into wasm/fuzz/corpus/<target>.tar.gz (one reproducible archive per
# target, so the repository tracks one file per target rather than thousands), which CI replays;
# a crash is left in build/fuzz/findings/<target>/ and must become a file in wasm/fuzz/regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
only="${2:-}"
CC=clang CXX=clang++ cmake -S . -B build/fuzz -DJIMENG_FUZZ=ON -DJIMENG_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz -j"$(nproc)" >/dev/null
# The names in kTargets, the table of targets (its entries start with the target's name in quotes).
targets=$(awk '/kTargets\[\] = \{/{on=1; next} on && /^\};/{on=0} on' wasm/fuzz/targets.hpp | sed -n 's/^ *{"\([a-z_]*\)",.*/\1/p')
report=()
status=0
for t in $targets; do
  [ -n "$only" ] && [ "$only" != "$t" ] && continue
  work="build/fuzz/work/$t"; findings="build/fuzz/findings/$t"
  rm -rf "$findings"  # findings of an earlier run are not this run's (kept ones live in wasm/fuzz/regressions/)
  mkdir -p "$work" "$findings"
  echo "== $t: ${seconds}s"
  set +e
  corpus="build/fuzz/corpus/$t"; archive="wasm/fuzz/corpus/$t.tar.gz"
  rm -rf "$corpus" && mkdir -p "$corpus"
  [ -f "$archive" ] && tar -xzf "$archive" -C "$corpus"
  build/fuzz/fuzz_$t "$work" "$corpus" "wasm/fuzz/seeds/$t" -dict=wasm/fuzz/json.dict -max_total_time="$seconds" \
    -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$findings/" \
    >"build/fuzz/$t.log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build/fuzz/$t.log" | tail -1)
  crashes=$(find "$findings" -type f | wc -l)
  [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ] && status=1
  # Keep the corpus small: only inputs that add coverage go back into the repository.
  rm -rf "build/fuzz/merged/$t" && mkdir -p "build/fuzz/merged/$t"
  build/fuzz/fuzz_$t -merge=1 -artifact_prefix="$findings/merge-" "build/fuzz/merged/$t" "$corpus" "$work" >/dev/null 2>&1 || true
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "build/fuzz/merged/$t" -cf - . | gzip -n -9 >"$archive"
  rm -rf "build/fuzz/merged/$t"
  report+=("$(printf '%-22s %12s executions  %3s findings  exit %s' "$t" "${execs:-?}" "$crashes" "$rc")")
done
echo
echo "target                   executions (in ${seconds}s each)"
printf '%s\n' "${report[@]}"
exit $status
