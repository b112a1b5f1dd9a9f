#!/usr/bin/env bash
# Builds the protocol core as a WebAssembly ES module into build/wasm/ (jimeng-core.mjs + .wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # Debian's emcc optimizer needs Debian's acorn
if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/wasm -j"$(nproc)" >/dev/null
echo "core: build/wasm/jimeng-core.mjs ($(stat -c %s build/wasm/jimeng-core.wasm) bytes of wasm)"
