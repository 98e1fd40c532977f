#!/usr/bin/env bash
# Search quality on the issue-17 benchmark suite (bench/suite: 39 problems, split by the
# parity of the FNV-1a hash of each name into a tuning half and a test half; `quality
# --list 1` prints which half each problem is in): hpsearch's random search and AMBS (and
# tpe once built in) with their shipped defaults, against Optuna's TPE (multivariate,
# constant liar when asynchronous) and CMA-ES (Debian's python3-optuna), on the same
# problems, seeds, budgets, noise and virtual durations (the peers evaluate the same
# compiled functions through bench/suite_server). Prints the mean-rank tables of the two
# halves per budget (25, 50, 100, 200) and mode (sequential, 8 asynchronous workers);
# progress goes to stderr.
#   bench/quality.sh [SEEDS] [EVALS] [STRATEGIES] [PROBLEMS] [PEERS]
#   (defaults 10, 200, random,tpe,ambs, all, tpe,cmaes; PROBLEMS: all, tuning, test or
#   names a,b,...; PEERS: Optuna's samplers, "none" for none)
# QUALITY_CSV_DIR=DIR keeps the raw CSV rows there and makes the run resumable: both
# tools append to DIR/hpsearch.csv and DIR/optuna.csv and skip the runs (problem, mode,
# search) already there for every seed, so rerunning the same command after an
# interruption finishes the table (the full run takes hours on a loaded 2-core machine).
# Builds Release into build-bench/ (HPSEARCH_BUILD_DIR overrides) when needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seeds=${1:-10}
evals=${2:-200}
strategies=${3:-random,tpe,ambs}
problems=${4:-all}
peer_samplers=${5:-tpe,cmaes}
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
source "$root/cmake/deps.sh"
hps_build "$build" Release --target quality suite_server >/dev/null
if [[ -n ${QUALITY_CSV_DIR:-} ]]; then
  out=$QUALITY_CSV_DIR
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
"$build/bench/quality" --list 1 --problems "$problems"
csvs=("$out/hpsearch.csv")
if [[ $peer_samplers == none ]]; then
  :
elif /usr/bin/python3 -c "import optuna" 2>/dev/null; then
  # The peers run beside hpsearch's searches (two processes).
  /usr/bin/python3 "$root/bench/optuna_suite.py" "$build/bench/suite_server" "$seeds" "$evals" \
    seq,async "$peer_samplers" "$problems" "$out/optuna.csv" &
  peers=$!
  csvs+=("$out/optuna.csv")
else
  echo "python3-optuna is not installed (apt-get install python3-optuna): no Optuna columns" >&2
fi
"$build/bench/quality" --seeds "$seeds" --evals "$evals" --strategies "$strategies" \
  --problems "$problems" --csv "$out/hpsearch.csv" >"$out/hpsearch.txt"
if [[ -n ${peers:-} ]]; then wait "$peers"; fi
/usr/bin/python3 "$root/bench/quality_table.py" --seeds "$seeds" "${csvs[@]}"
