#!/usr/bin/env bash
# bench/dispatch.sh [BUILD_DIR] [EVALS]
# How many trivial evaluations per second the manager dispatches, with the checkpoint on,
# with 1 manager + 3 and + 15 workers (oversubscribed on this machine), next to a plain
# Boost.MPI request/reply loop measured in the same run (the baseline).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build}
evals=${2:-100000}
hpsearch=$build/apps/hpsearch
baseline=$build/bench/mpi_request_reply
for exe in "$hpsearch" "$baseline"; do
  [[ -x $exe ]] || { echo "dispatch.sh: $exe not built (cmake --build $build)" >&2; exit 2; }
done
if [[ $(id -u) == 0 ]]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '%-8s %22s %24s %8s\n' workers "baseline req/reply/s" "hpsearch evals/s (ckpt)" ratio
for ranks in 4 16; do
  base=$(mpirun --oversubscribe -n "$ranks" "$baseline" "$evals" | sed -E 's/.*= ([0-9]+) per s/\1/')
  out=$(mpirun --oversubscribe -n "$ranks" "$hpsearch" run "$here/dispatch.yaml" \
        --checkpoint "$tmp/dispatch-$ranks.h5" --max-evals "$evals" --progress-interval 1000)
  rate=$(grep -E 'finished' <<<"$out" | sed -E 's/.* ([0-9.]+) eval\/s.*/\1/')
  ratio=$(awk -v a="$rate" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %22s %24s %8s\n' "$((ranks - 1))" "$base" "$rate" "$ratio"
done
