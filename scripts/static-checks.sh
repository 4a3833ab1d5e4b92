#!/usr/bin/env bash
# Lint and formatting checks side by side: each is a single process and the machines have two cores, so the
# slower of the two sets the pace. Both always run to the end, so one report names every problem.
set -uo pipefail
cd "$(dirname "$0")/.."
npx eslint . &
lint=$!
npx prettier --check --log-level warn . &
format=$!
status=0
wait "$lint" || status=1
wait "$format" || status=1
exit "$status"
