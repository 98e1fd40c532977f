#!/usr/bin/env bash
# bench/ambs_latency.sh [BUILD_DIR] [EVALS] [RANKS]
# Dispatch latency (a free worker's wait for its next job: the manager's ask(), the
# checkpoint write and the strategy snapshots every CheckpointJournal::kSnapshotOps calls
# included) of asynchronous AMBS over EVALS (2000) evaluations of 5-20 ms on RANKS (8: a
# manager and 7 workers, oversubscribed here), next to random search measured the same
# way in the same run (the baseline: a strategy whose ask() and snapshot cost nothing).
# Prints p50 / p99 / max as the manager reports them, the p99 of the manager's own latency
# (less the time another process held its CPU) and of its CPU time per dispatch, AMBS's
# waits for a fit, and AMBS's p99 over random's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build}
evals=${2:-2000}
ranks=${3:-8}
hpsearch=$build/apps/hpsearch
[[ -x $hpsearch ]] || { echo "ambs_latency.sh: $hpsearch not built (cmake --build $build)" >&2; exit 2; }
if [[ $(id -u) == 0 ]]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declare -A p99
printf '%-8s %10s %10s %10s %8s %12s %12s %10s\n' strategy "p50 ms" "p99 ms" "max ms" jobs \
  "own p99 ms" "CPU p99 ms" "fit waits"
for strategy in random ambs; do
  sed "s/STRATEGY/$strategy/" "$here/ambs_latency.yaml" >"$tmp/$strategy.yaml"
  out=$(mpirun --oversubscribe -n "$ranks" "$hpsearch" run "$tmp/$strategy.yaml" \
        --checkpoint "$tmp/$strategy.h5" --max-evals "$evals" 2>&1) || {
    echo "ambs_latency.sh: the $strategy run failed:" >&2
    echo "$out" >&2
    exit 1
  }
  line=$(grep -oE 'dispatch latency: median [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms over [0-9]+ jobs' <<<"$out") || {
    echo "ambs_latency.sh: no dispatch latency line in the $strategy run's output" >&2
    exit 1
  }
  read -r p50 q99 max jobs < <(sed -E 's/.*median ([0-9.]+) ms, p99 ([0-9.]+) ms, max ([0-9.]+) ms over ([0-9]+) jobs/\1 \2 \3 \4/' <<<"$line")
  own=$(grep -oE 'own \(less waits for a CPU\): p99 [0-9.]+' <<<"$out" | grep -oE '[0-9.]+$') || own=-
  cpu=$(grep -oE 'manager CPU: median [0-9.]+ ms, p99 [0-9.]+' <<<"$out" | grep -oE '[0-9.]+$') || cpu=-
  waits=$(grep -oE '[0-9]+ waits for a fit' <<<"$out" | grep -oE '^[0-9]+') || waits=-
  p99[$strategy]=$q99
  printf '%-8s %10s %10s %10s %8s %12s %12s %10s\n' "$strategy" "$p50" "$q99" "$max" "$jobs" \
    "$own" "$cpu" "$waits"
done
awk -v a="${p99[ambs]}" -v r="${p99[random]}" \
  'BEGIN { printf "ambs p99 / random p99 = %.2f\n", (r > 0 ? a / r : 0) }'
