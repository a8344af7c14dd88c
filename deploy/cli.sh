#!/usr/bin/env bash
# Runs a Cityloop CLI command (apps/cli), installing and building first when needed; only the
# command's own output goes to stdout (npm run -s token -- chief).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ ! -f "$root/dist/apps/cli/src/main.js" ]; then
  ensure_dependencies >&2
  build >&2
fi
exec node "$root/dist/apps/cli/src/main.js" "$@"
