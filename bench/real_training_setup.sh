# shellcheck shell=bash
# bench/real_training_setup.sh: sourced by the real-training benches
# (fashion_mnist_multifidelity.sh, fashion_mnist_pbt.sh, fashion_mnist_nas.sh), after
# cmake/deps.sh.
#   real_training_setup VALIDATE BUILD OUT
# Without VALIDATE (their --validate mode only writes problem files), sets `bin` to the
# hpsearch to run: HPSEARCH_BINARY when set (an hpsearch already built, e.g. by the lead's
# build; its trainer module is found beside it as usual), otherwise builds hpsearch into BUILD
# (HPSEARCH_BUILD_TYPE, default Release) and takes that one; and sets `mpi_flags` to this
# machine's mpirun flags. Sets `out` to OUT, or to a temporary folder removed at exit, and
# creates it.
real_training_setup() {
  if [[ -z $1 ]]; then
    if [[ -n ${HPSEARCH_BINARY:-} ]]; then
      bin=$HPSEARCH_BINARY
      [[ -x $bin ]] || {
        echo "HPSEARCH_BINARY '$bin' is not an executable" >&2
        exit 2
      }
    else
      hps_build "$2" "${HPSEARCH_BUILD_TYPE:-Release}" --target hpsearch >/dev/null
      bin=$(hps_binary "$2")
    fi
    mpi_flags=()
    hps_mpirun_flags mpi_flags
  fi
  out=$3
  if [[ -z $out ]]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
  fi
  mkdir -p "$out"
}

# real_training_problem YAML SEARCH MAX_EVALS SEED FILE: writes FILE, a bench's problem:
# its YAML, then `search: SEARCH` and `run: {max_evals: MAX_EVALS, seed: SEED,
# threads_per_worker: 1}`.
real_training_problem() {
  { cat "$1"
    echo "search: $2"
    echo "run: {max_evals: $3, seed: $4, threads_per_worker: 1}"
  } >"$5"
}

# real_training_validate HPSEARCH FILE WHAT: `HPSEARCH validate FILE`, quiet when valid;
# otherwise says that WHAT's problem file does not validate and exits 1.
real_training_validate() {
  "$1" validate "$2" >/dev/null || {
    echo "bench $3: its problem file does not validate" >&2
    exit 1
  }
}

# real_training_run DIR NAME: runs DIR/NAME.yaml through the real
# `mpirun -n 4 $bin run` (1 manager + 3 workers) into the checkpoint DIR/NAME.h5, the log
# DIR/NAME.log (after removing an earlier run's checkpoint, work and trial folders); on
# failure prints the log's tail and exits 1.
real_training_run() {
  rm -rf "$1/$2.h5" "$1/$2.trials" "$1/$2.work"
  mpirun "${mpi_flags[@]}" -n 4 "$bin" run "$1/$2.yaml" --checkpoint "$1/$2.h5" \
    --quiet >"$1/$2.log" 2>&1 || {
    echo "$2 failed:" >&2
    tail -20 "$1/$2.log" >&2
    exit 1
  }
}
