#!/usr/bin/env bash
# hpsearch's TPE next to Optuna's TPE (Debian's python3-optuna, same settings) on
# bench/quality's problems: median regret over seeds at 25, 50, 100 and 200 evaluations.
#   bench/tpe_quality.sh [SEEDS] [EVALS]     (defaults 10 and 200)
# Builds Release into build-bench/ (HPSEARCH_BUILD_DIR overrides) when needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seeds=${1:-10}
evals=${2:-200}
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
source "$root/cmake/deps.sh"
hps_build "$build" Release --target tpe_bench >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/bench/tpe_bench" quality --seeds "$seeds" --evals "$evals" >"$out/hpsearch.csv"
(cd "$root/bench" && /usr/bin/python3 tpe_optuna.py "$seeds" "$evals") >"$out/optuna.csv"
/usr/bin/python3 "$root/bench/tpe_table.py" "$out/hpsearch.csv" "$out/optuna.csv"
"$build/bench/tpe_bench" latency --n 200,1000
