#!/usr/bin/env bash
# Multi-fidelity search quality, side by side in one table: hpsearch's schedulers —
# successive halving, Hyperband, ASHA with random and with AMBS sampling (both fidelity
# models: largest, input), asynchronous Hyperband, "one epoch", full-fidelity random and AMBS
# (bench/multifidelity, in process, virtual time) — against Optuna's HyperbandPruner + TPE and
# SuccessiveHalvingPruner + TPE and + random (Debian's python3-optuna) on the learning-curve
# functions, equal budget in epochs. SCHEDULERS (bench/multifidelity's --schedulers forms)
# overrides hpsearch's list.
#   bench/multifidelity.sh [SEEDS] [BUDGET]     (defaults 10 and 2160; about an hour: Optuna's
#                                               pruners read every trial at every report)
# Builds Release into build-bench/ (HPSEARCH_BUILD_DIR overrides) when needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seeds=${1:-10}
budget=${2:-2160}
schedulers=${SCHEDULERS:-random_full,ambs_full,successive_halving,hyperband,one_epoch,asha,asha_stopping,async_hyperband,asha+ambs:largest,asha+ambs:input,async_hyperband+ambs,hyperband+ambs}
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
source "$root/cmake/deps.sh"
hps_build "$build" Release --target multifidelity >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/bench/multifidelity" --seeds "$seeds" --budget "$budget" --workers 1 \
  --schedulers "$schedulers" --csv "$out/hpsearch.csv" >/dev/null
"$build/bench/multifidelity" --seeds "$seeds" --budget "$budget" --workers 4 \
  --schedulers "$schedulers" --csv "$out/hpsearch4.csv" >/dev/null
if /usr/bin/python3 -c "import optuna" 2>/dev/null; then
  (cd "$root/bench" && /usr/bin/python3 multifidelity_optuna.py "$seeds" "$budget") >"$out/optuna.csv"
  /usr/bin/python3 "$root/bench/multifidelity_table.py" "$out/hpsearch.csv" "$out/hpsearch4.csv" \
    "$out/optuna.csv"
else
  echo "python3-optuna is not installed (apt-get install python3-optuna): no Optuna rows"
  /usr/bin/python3 "$root/bench/multifidelity_table.py" "$out/hpsearch.csv" "$out/hpsearch4.csv"
fi
