#!/usr/bin/env bash
# bench/multifidelity_utilization.sh [BUILD_DIR] [JOBS]: worker utilization of the
# asynchronous schedulers (asha, asha variant stopping, async_hyperband) through the real
# manager: 8 ranks (7 workers) on curve_branin with 50-200 ms epochs (objective.sleep is per
# step), JOBS jobs (default 1000), measured from the checkpoint's timestamps
# (bench/utilization.py). Oversubscribed: the epochs sleep, so 2 cores suffice.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build}
jobs=${2:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
for variant in "asha" "asha, variant: stopping" "async_hyperband"; do
  cat >"$tmp/p.yaml" <<YAML
space:
  x1: {type: real, low: -5, high: 10}
  x2: {type: real, low: 0, high: 15}
objective: {kind: function, name: curve_branin, sleep: [0.05, 0.2]}
search: {strategy: $variant, sampler: random, min_fidelity: 1, max_fidelity: 27}
run: {max_evals: $jobs, seed: 2}
YAML
  rm -f "$tmp/p.h5"
  echo "== $variant"
  mpirun --oversubscribe -n 8 "$build/apps/hpsearch" run "$tmp/p.yaml" --checkpoint "$tmp/p.h5" \
    --quiet >/dev/null
  /usr/bin/python3 "$here/utilization.py" "$tmp/p.h5" 7
done
