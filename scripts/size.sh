#!/usr/bin/env bash
# Where the core's bytes go: builds the wasm core, then prints its size (raw and gzip), the code per owner
# (each core folder's namespace, nlohmann::json, rapidjson, embind, libc++) and the largest functions, from the
# symbol map the link writes. The budget (200 KB gzip, wasm + glue) is enforced by tests/node/size.test.mjs.
# `bash scripts/size.sh [--top N]`
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-core.sh >/dev/null
node scripts/size.mjs "$@"
