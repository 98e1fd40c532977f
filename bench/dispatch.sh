#!/usr/bin/env bash
# bench/dispatch.sh [BUILD_DIR] [EVALS]
# How many trivial evaluations per second the manager dispatches, with the checkpoint on,
# with 1 manager + 3 and + 15 workers (oversubscribed on this machine), next to a plain
# Boost.MPI request/reply loop measured in the same run (the baseline).
# HPSEARCH_BEFORE=/path/to/an/older/hpsearch adds its rate in the same run (a before/after
# comparison of a change, e.g. the journal's flush batching).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build}
evals=${2:-100000}
hpsearch=$build/apps/hpsearch
baseline=$build/bench/mpi_request_reply
before=${HPSEARCH_BEFORE:-}
for exe in "$hpsearch" "$baseline" ${before:+"$before"}; do
  [[ -x $exe ]] || { echo "dispatch.sh: $exe not built (cmake --build $build)" >&2; exit 2; }
done
if [[ $(id -u) == 0 ]]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# rate EXE RANKS -> evaluations per second of `hpsearch run` with the checkpoint on
rate() {
  rm -f "$tmp/dispatch-$2.h5"
  mpirun --oversubscribe -n "$2" "$1" run "$here/dispatch.yaml" \
    --checkpoint "$tmp/dispatch-$2.h5" --max-evals "$evals" --progress-interval 1000 |
    grep -E 'finished' | sed -E 's/.* ([0-9.]+) eval\/s.*/\1/'
}

if [[ -n $before ]]; then
  printf '%-8s %22s %24s %8s %24s\n' workers "baseline req/reply/s" "hpsearch evals/s (ckpt)" ratio \
    "before evals/s (ckpt)"
else
  printf '%-8s %22s %24s %8s\n' workers "baseline req/reply/s" "hpsearch evals/s (ckpt)" ratio
fi
for ranks in 4 16; do
  base=$(mpirun --oversubscribe -n "$ranks" "$baseline" "$evals" | sed -E 's/.*= ([0-9]+) per s/\1/')
  now=$(rate "$hpsearch" "$ranks")
  ratio=$(awk -v a="$now" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  if [[ -n $before ]]; then
    printf '%-8s %22s %24s %8s %24s\n' "$((ranks - 1))" "$base" "$now" "$ratio" \
      "$(rate "$before" "$ranks")"
  else
    printf '%-8s %22s %24s %8s\n' "$((ranks - 1))" "$base" "$now" "$ratio"
  fi
done
