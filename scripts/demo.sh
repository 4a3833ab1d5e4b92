#!/usr/bin/env bash
# The demo on a fresh machine: system packages, Node dependencies, build, then `passerelle demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system.sh
bash scripts/ensure-node.sh
exec node bin/passerelle.js demo "$@"
