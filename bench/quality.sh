#!/usr/bin/env bash
# Search quality, side by side: hpsearch's random search and AMBS (bench/quality) against
# Optuna's TPE (Debian's python3-optuna) on the same problems and seeds.
#   bench/quality.sh [SEEDS] [EVALS]     (defaults 10 and 200; about 15 minutes here)
# Builds Release into build-bench/ (HPSEARCH_BUILD_DIR overrides) when needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seeds=${1:-10}
evals=${2:-200}
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
source "$root/cmake/deps.sh"
hps_build "$build" Release --target quality >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/bench/quality" --seeds "$seeds" --evals "$evals" --csv "$out/hpsearch.csv"
if /usr/bin/python3 -c "import optuna" 2>/dev/null; then
  (cd "$root/bench" && /usr/bin/python3 optuna_quality.py "$seeds" "$evals") >"$out/optuna.csv"
  /usr/bin/python3 "$root/bench/quality_table.py" "$out/hpsearch.csv" "$out/optuna.csv"
else
  echo "python3-optuna is not installed (apt-get install python3-optuna): no TPE column"
fi
