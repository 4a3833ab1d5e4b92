#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, Node dependencies, then typecheck, lint, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system.sh
bash scripts/ensure-node.sh
exec npm test
