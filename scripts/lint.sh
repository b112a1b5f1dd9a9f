#!/usr/bin/env bash
# The quality gates: the type checker over the extension's JS, ESLint over all JS (no warning allowed), Prettier
# over JS, CSS, HTML and JSON (.prettierrc.json: printWidth 120; `npx prettier --write .` formats) and clang-format
# over the C++ core. Any finding fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== gates: types (tsc --checkJs), lint (eslint), format (prettier, clang-format)"
npx --no-install tsc -p tsconfig.json
npx --no-install eslint --max-warnings 0 .
npx --no-install prettier --check --log-level warn .
git ls-files -z --cached --others --exclude-standard 'wasm/*.cpp' 'wasm/*.hpp' | xargs -0 clang-format --dry-run --Werror
echo "gates: 0 type errors, 0 lint findings, JS and C++ formatted"
