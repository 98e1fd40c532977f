#!/usr/bin/env bash
# Architecture search on real training (issue 18): the NASNet-style cell space of
# bench/fashion_mnist_nas.yaml (cells of 2 blocks, 8 stem filters; 16 genes) searched jointly
# with the learning rate (1e-5 to 1, log), the optimiser (SGD or Adam) and SGD's momentum,
# each network trained 1 epoch (batch 16) by the built-in LibTorch trainer on 2,400
# Fashion-MNIST images and scored on 600. Strategies random, evolution, ambs and agebo at their shipped
# defaults (only run.max_evals and run.seed set), each through the real
# `mpirun -n 4 hpsearch run` (1 manager + 3 workers, 1 thread each), the same number of
# evaluations (EVALS, default 100) for each of SEEDS (run.seed; default "1 2 3").
#   bench/fashion_mnist_nas.sh [SEEDS] [OUT_DIR]
# STRATEGIES="random agebo" runs a subset. bench/fashion_mnist_nas_table.py prints the best
# validation accuracy after 25, 50 and 100 evaluations (in the order they finished; median
# over seeds and per seed), the wall time of each run, and the issue's targets: evolution and
# AgEBO ahead of random search at 100 evaluations, AgEBO >= evolution (met or NOT met, on the
# medians). Evolution's default population is 100: its first 100 proposals are random
# samples, so up to 100 evaluations it is random search with another stream.
#
# Everything heavy runs at nice 19 (the machine is shared): the accuracy after n evaluations
# does not depend on the load; the wall times do. Needs Debian's dataset-fashion-mnist and
# python3-h5py (/usr/bin/python3). Builds Release into build-bench/ (HPSEARCH_BUILD_DIR,
# HPSEARCH_BUILD_TYPE override; HPSEARCH_BINARY runs an hpsearch already built). About
# 4 to 5 minutes per run of 100 evaluations on 2 shared cores; checkpoints are kept in
# OUT_DIR/seed-S/<strategy>.h5 when given.
#   bench/fashion_mnist_nas.sh --validate HPSEARCH
# only writes every strategy's problem file and checks it with `HPSEARCH validate` (the ctest
# bench.fashion_mnist_nas_validates: the bench cannot drift from the settings).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
validate=
if [[ ${1:-} == --validate ]]; then
  validate=${2:?"--validate needs the hpsearch executable"}
  set -- 1
fi
read -r -a seeds <<<"${1:-1 2 3}"
out=${2:-}
evals=${EVALS:-100}
[[ $evals =~ ^[1-9][0-9]*$ ]] || {
  echo "EVALS must be a positive integer, got '$evals'" >&2
  exit 2
}
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
known="random evolution ambs agebo"
read -r -a strategies <<<"${STRATEGIES:-$known}"
for s in "${strategies[@]}"; do
  [[ " $known " == *" $s "* ]] || {
    echo "unknown strategy '$s' (expected: $known)" >&2
    exit 2
  }
done
# shellcheck source=SCRIPTDIR/../cmake/deps.sh
source "$root/cmake/deps.sh"
[[ -n $validate ]] || renice -n 19 -p $$ >/dev/null # the build, mpirun, the table inherit it
# shellcheck source=SCRIPTDIR/real_training_setup.sh
source "$root/bench/real_training_setup.sh"
real_training_setup "$validate" "$build" "$out"
problem_file() { # STRATEGY SEED DIR: writes DIR/STRATEGY.yaml
  real_training_problem "$root/bench/fashion_mnist_nas.yaml" "{strategy: $1}" "$evals" "$2" \
    "$3/$1.yaml"
}
if [[ -n $validate ]]; then
  for s in "${strategies[@]}"; do
    problem_file "$s" 1 "$out"
    real_training_validate "$validate" "$out/$s.yaml" "strategy $s"
  done
  echo "every strategy's problem file validates: ${strategies[*]}"
  exit 0
fi
echo "strategies ${strategies[*]}, $evals evaluations each, seeds ${seeds[*]}, $bin;" \
  "checkpoints in $out" >&2
dirs=()
for seed in "${seeds[@]}"; do
  dir=$out/seed-$seed
  dirs+=("$dir")
  mkdir -p "$dir"
  for s in "${strategies[@]}"; do
    problem_file "$s" "$seed" "$dir"
    echo "== seed $seed, $s, max_evals $evals ($(date -u +%H:%M:%S))" >&2
    real_training_run "$dir" "$s"
  done
done
strategies_list=$(IFS=,; echo "${strategies[*]}")
/usr/bin/python3 "$root/bench/fashion_mnist_nas_table.py" "$evals" "$strategies_list" "${dirs[@]}"
