#!/usr/bin/env bash
# AMBS proposal latency (bench/ask_latency) and, in the same run, Optuna TPE's on Hartmann6
# (Debian's python3-optuna) as the baseline; prints the ratio at each n.
#   bench/ask_latency.sh [--quick]      (about 5 minutes here; --quick: seconds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
source "$root/cmake/deps.sh"
hps_build "$build" Release --target ask_latency >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/bench/ask_latency" "$@" | tee "$out"
sizes=100,1000,5000
[[ ${1:-} == --quick ]] && sizes=100,1000
if /usr/bin/python3 -c "import optuna" 2>/dev/null; then
  echo
  echo "baseline in this run: Optuna TPE (multivariate), Hartmann6, tell 1 + ask 1"
  (cd "$root/bench" && /usr/bin/python3 optuna_ask_latency.py "$sizes") |
    while read -r _ _ n tpe; do
      ambs=$(awk -v n="$n" '$1 == "hartmann6" && $2 == n && $3 == 8 {print $5; exit}' "$out")
      awk -v n="$n" -v t="$tpe" -v a="$ambs" 'BEGIN {
        printf "n = %6d: TPE %9.2f ms, AMBS (8 in flight, async) %7.2f ms: %.0fx faster\n", n, t, a, t / a }'
    done
else
  echo "python3-optuna is not installed: no baseline"
fi
