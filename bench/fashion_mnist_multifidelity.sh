#!/usr/bin/env bash
# Multi-fidelity search on real training: Fashion-MNIST MLPs from the built-in LibTorch
# trainer (bench/fashion_mnist_multifidelity.yaml: 10,000 images, 8,000 train / 2,000
# validation), fidelity = epochs 1 ... 27 (reduction factor 3), each method through the real
# `mpirun -n 4 hpsearch run` (1 manager + 3 workers, 1 thread each), the same budget in
# epochs: CONFIGS full-fidelity trainings of 27 epochs (default 27: 729 epochs), for each of
# SEEDS (run.seed; default "1"; several: "1 2 3", then the means over seeds are printed too).
#   bench/fashion_mnist_multifidelity.sh [CONFIGS] [SEEDS] [OUT_DIR]
# Methods: full-fidelity random and AMBS; ASHA (promotion) with random and AMBS samplers;
# Hyperband and "one epoch" with the random sampler. AMBS starts from 10 random points
# (search.initial_points) in both of its roles. METHODS="asha_ambs ambs ..." runs a subset.
#
# No setting caps a run by epochs (run.max_evals counts jobs), so the multi-fidelity runs get
# a job cap that overshoots the budget (epochs per job, measured on curve_branin with 3
# workers: asha >= 2.48, hyperband >= 3.9, one_epoch >= 5.5 after 100 jobs; on this problem
# asha with random sampling trained only 2.05 epochs per job, hence the cap budget / 1.6) and
# bench/fashion_mnist_table.py cuts every run at the budget: rows in the order they finished,
# each charged fidelity - from_fidelity epochs as recorded (a diverged multi-fidelity job its
# whole job; a failed full-fidelity job records fidelity 0 and is charged nothing);
# best validation accuracy and wall time are those of the rows inside the budget.
#
# Needs Debian's dataset-fashion-mnist and python3-h5py (/usr/bin/python3). Builds Release
# into build-bench/ (HPSEARCH_BUILD_DIR, HPSEARCH_BUILD_TYPE override). Long: 22 to 45
# minutes per seed on 2 shared cores (load 20 to 40); checkpoints are kept in OUT_DIR/seed-S
# when given.
#   bench/fashion_mnist_multifidelity.sh --validate HPSEARCH
# only writes every method's problem file and checks it with `HPSEARCH validate` (the ctest
# bench.fashion_mnist_multifidelity_validates: the bench cannot drift from the settings).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
validate=
if [[ ${1:-} == --validate ]]; then
  validate=${2:?"--validate needs the hpsearch executable"}
  set -- 1 1
fi
configs=${1:-27}
read -r -a seeds <<<"${2:-1}"
out=${3:-}
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
read -r -a methods <<<"${METHODS:-asha_ambs ambs asha_random random hyperband one_epoch}"
# shellcheck source=SCRIPTDIR/../cmake/deps.sh
source "$root/cmake/deps.sh"
# shellcheck source=SCRIPTDIR/real_training_setup.sh
source "$root/bench/real_training_setup.sh"
real_training_setup "$validate" "$build" "$out"
budget=$((configs * 27))
declare -A search=(
  [random]="{strategy: random}"
  [ambs]="{strategy: ambs, initial_points: 10}"
  [asha_random]="{strategy: asha, sampler: random, min_fidelity: 1, max_fidelity: 27, reduction_factor: 3}"
  [asha_ambs]="{strategy: asha, sampler: ambs, initial_points: 10, min_fidelity: 1, max_fidelity: 27, reduction_factor: 3}"
  [hyperband]="{strategy: hyperband, sampler: random, min_fidelity: 1, max_fidelity: 27, reduction_factor: 3}"
  [one_epoch]="{strategy: one_epoch, sampler: random, min_fidelity: 1, max_fidelity: 27, reduction_factor: 3}"
)
declare -A jobs=(
  [random]=$configs [ambs]=$configs
  [asha_random]=$(((budget * 10 + 15) / 16)) [asha_ambs]=$(((budget * 10 + 15) / 16))
  [hyperband]=$(((budget * 10 + 34) / 35)) [one_epoch]=$(((budget + 4) / 5))
)
problem_file() { # METHOD SEED DIR: writes DIR/METHOD.yaml
  real_training_problem "$root/bench/fashion_mnist_multifidelity.yaml" "${search[$1]}" \
    "${jobs[$1]}" "$2" "$3/$1.yaml"
}
if [[ -n $validate ]]; then
  for m in "${!search[@]}"; do
    problem_file "$m" 1 "$out"
    real_training_validate "$validate" "$out/$m.yaml" "method $m"
  done
  echo "every method's problem file validates: ${!search[*]}"
  exit 0
fi
echo "budget $budget epochs ($configs x 27), seeds ${seeds[*]}, $bin; checkpoints in $out" >&2
for m in "${methods[@]}"; do
  [[ -n ${search[$m]:-} ]] || {
    echo "unknown method '$m' (expected: ${!search[*]})" >&2
    exit 2
  }
done
dirs=()
for seed in "${seeds[@]}"; do
  dir=$out/seed-$seed
  dirs+=("$dir")
  mkdir -p "$dir"
  for m in "${methods[@]}"; do
    problem_file "$m" "$seed" "$dir"
    rm -rf "$dir/$m.h5" "$dir/$m.trials" "$dir/$m.work"
    echo "== seed $seed, $m: ${search[$m]}, max_evals ${jobs[$m]} ($(date -u +%H:%M:%S))" >&2
    nice -n 5 mpirun "${mpi_flags[@]}" -n 4 "$bin" run "$dir/$m.yaml" --checkpoint "$dir/$m.h5" \
      --quiet >"$dir/$m.log" 2>&1 || {
      echo "$m failed:" >&2
      tail -20 "$dir/$m.log" >&2
      exit 1
    }
  done
done
methods_list=$(IFS=,; echo "${methods[*]}")
/usr/bin/python3 "$root/bench/fashion_mnist_table.py" "$budget" "$methods_list" "${dirs[@]}"
