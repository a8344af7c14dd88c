#!/usr/bin/env bash
# Runs a Cityloop CLI command (apps/cli), installing and building first when needed; only the
# command's own output goes to stdout (npm run -s token -- chief).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ ! -f "$root/dist/apps/cli/src/main.js" ]; then
  ensure_dependencies >&2
  build >&2
fi
# A young generation of 64 MB (V8's default is 16): the rebuild and the import allocate a row's
# objects by the million, and collecting them took an eighth of the rebuild's time; a rebuild of
# 100,000 cases took 34 s instead of 36-42 (docs/PERFORMANCE.md, session 14).
exec node --max-semi-space-size=64 "$root/dist/apps/cli/src/main.js" "$@"
