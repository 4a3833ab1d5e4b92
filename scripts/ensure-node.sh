#!/usr/bin/env bash
# Installs the Node dependencies when they are missing or older than the lock file, then builds.
set -euo pipefail
cd "$(dirname "$0")/.."
# Electron's binary cannot be downloaded on every machine, and nothing outside main/electron needs it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npx tsc -b
fi
