# shellcheck shell=bash
# bench/real_training_setup.sh: sourced by the real-training benches
# (fashion_mnist_multifidelity.sh, fashion_mnist_pbt.sh), after cmake/deps.sh.
#   real_training_setup VALIDATE BUILD OUT
# Without VALIDATE (their --validate mode only writes problem files), builds hpsearch into
# BUILD (HPSEARCH_BUILD_TYPE, default Release) and sets `bin` to it; sets `out` to OUT, or
# to a temporary folder removed at exit, and creates it.
real_training_setup() {
  if [[ -z $1 ]]; then
    hps_build "$2" "${HPSEARCH_BUILD_TYPE:-Release}" --target hpsearch >/dev/null
    # shellcheck disable=SC2034  # bin is the caller's
    bin=$(hps_binary "$2")
  fi
  out=$3
  if [[ -z $out ]]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
  fi
  mkdir -p "$out"
}
