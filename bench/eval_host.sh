#!/usr/bin/env bash
# Evaluation isolation's cost (issue 14), before and after in one run: bench/eval_host.cpp
# built in Release (build-bench, or HPSEARCH_BUILD_DIR), then run.
#   bench/eval_host.sh [PLUGIN_EVALS] [EPOCHS]      (defaults 2000 and 5: about a minute here)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
source "$root/cmake/deps.sh"
hps_build "$build" Release --target eval_host_overhead >/dev/null
"$build/bench/eval_host_overhead" "${1:-2000}" "${2:-5}"
