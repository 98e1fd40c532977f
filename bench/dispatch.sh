#!/usr/bin/env bash
# bench/dispatch.sh [BUILD_DIR] [EVALS]
# How many trivial evaluations per second the manager dispatches, with the checkpoint on,
# with 1 manager + 3 and + 15 workers (oversubscribed on this machine), next to a plain
# Boost.MPI request/reply loop measured in the same run (the baseline). The machine may be
# shared, which depresses the wall-clock rates; the last column, rank 0's CPU time (user +
# system, /usr/bin/time around the manager's rank) per 20,000 evaluations, is what the
# manager itself costs.
# HPSEARCH_BEFORE=/path/to/an/older/hpsearch adds its rate in the same run (a before/after
# comparison of a change, e.g. the journal's flush batching).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build}
evals=${2:-100000}
hpsearch=$build/apps/hpsearch
baseline=$build/bench/mpi_request_reply
before=${HPSEARCH_BEFORE:-}
[[ -x /usr/bin/time ]] || { echo "dispatch.sh: /usr/bin/time not found (install the Debian package time)" >&2; exit 2; }
for exe in "$hpsearch" "$baseline" ${before:+"$before"}; do
  [[ -x $exe ]] || { echo "dispatch.sh: $exe not built (cmake --build $build)" >&2; exit 2; }
done
if [[ $(id -u) == 0 ]]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# rate EXE RANKS -> "evaluations per second of `hpsearch run` with the checkpoint on" and
# "rank 0's CPU seconds per 20,000 evaluations" (rank 0 run under /usr/bin/time, MPMD)
rate() {
  rm -f "$tmp/dispatch-$2.h5" "$tmp/cpu"
  local -a args=(run "$here/dispatch.yaml" --checkpoint "$tmp/dispatch-$2.h5" --max-evals "$evals"
    --progress-interval 1000)
  local per_s
  per_s=$(mpirun --oversubscribe -n 1 /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$1" "${args[@]}" : \
    -n "$(($2 - 1))" "$1" "${args[@]}" |
    grep -E 'finished' | sed -E 's/.* ([0-9.]+) eval\/s.*/\1/')
  awk -v r="$per_s" -v n="$evals" '{ printf "%s %.2f", r, ($1 + $2) * 20000 / n }' "$tmp/cpu"
}

echo "bench/dispatch.sh: $evals evaluations | $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $before ]]; then
  printf '%-8s %22s %24s %8s %18s %24s %18s\n' workers "baseline req/reply/s" \
    "hpsearch evals/s (ckpt)" ratio "rank 0 CPU s/20k" "before evals/s (ckpt)" "before CPU s/20k"
else
  printf '%-8s %22s %24s %8s %18s\n' workers "baseline req/reply/s" "hpsearch evals/s (ckpt)" \
    ratio "rank 0 CPU s/20k"
fi
for ranks in 4 16; do
  base=$(mpirun --oversubscribe -n "$ranks" "$baseline" "$evals" | sed -E 's/.*= ([0-9]+) per s/\1/')
  read -r now cpu <<<"$(rate "$hpsearch" "$ranks")"
  ratio=$(awk -v a="$now" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  if [[ -n $before ]]; then
    read -r old old_cpu <<<"$(rate "$before" "$ranks")"
    printf '%-8s %22s %24s %8s %18s %24s %18s\n' "$((ranks - 1))" "$base" "$now" "$ratio" "$cpu" \
      "$old" "$old_cpu"
  else
    printf '%-8s %22s %24s %8s %18s\n' "$((ranks - 1))" "$base" "$now" "$ratio" "$cpu"
  fi
done
