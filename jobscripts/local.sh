#!/usr/bin/env bash
# jobscripts/local.sh PROBLEM [hpsearch run options...]
#
# Runs a search on this machine: installs the Debian packages hpsearch needs (if missing),
# builds it (Release, into build/), then runs
#   mpirun -n ${HPS_RANKS:-4} --oversubscribe build/apps/hpsearch run PROBLEM [options...]
# Rank 0 manages the search, the other ranks evaluate. Works from any directory: PROBLEM
# and a relative --checkpoint are taken relative to the directory you run it from, which is
# also where the checkpoint goes by default (<problem stem>.h5, unless run.checkpoint says).
#
# Environment: HPS_RANKS (default 4, at least 2); HPSEARCH_BUILD_DIR (default build/) and
# HPSEARCH_BUILD_TYPE (default Release) to run from another build.
# Example: jobscripts/local.sh configs/quickstart.yaml --max-evals 50
# Exit code: hpsearch's (0 finished, 1 internal error, 2 bad input, 3 stopped early, 4 I/O
# or environment failure: fix the cause and run again).
set -euo pipefail

if (($# < 1)) || [[ $1 == -h || $1 == --help ]]; then
  echo "usage: $0 PROBLEM [hpsearch run options...]   (HPS_RANKS=N for N ranks, default 4)" >&2
  exit 2
fi
problem=$1
shift
if [[ ! -f $problem ]]; then
  echo "[hpsearch] error: problem file '$problem' not found (from $(pwd))" >&2
  exit 2
fi
ranks=${HPS_RANKS:-4}
if ! [[ $ranks =~ ^[0-9]+$ ]] || ((ranks < 2)); then
  echo "[hpsearch] error: HPS_RANKS='$ranks': expected an integer >= 2 (1 manager + workers)" >&2
  exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/../cmake/deps.sh
source "$root/cmake/deps.sh"
build=${HPSEARCH_BUILD_DIR:-$root/build}

hps_install_deps
hps_build "$build" "${HPSEARCH_BUILD_TYPE:-Release}"
exe=$(hps_binary "$build")
mpi_flags=()
hps_mpirun_flags mpi_flags

echo "[hpsearch] running $problem on $ranks ranks (1 manager + $((ranks - 1)) workers)"
echo "[hpsearch] mpirun -n $ranks ${mpi_flags[*]} $exe run $problem $*"
# The step runs in the background: SIGTERM, SIGINT or SIGUSR1 to this script reach it as
# SIGUSR1, hpsearch's graceful stop (Open MPI's mpirun cannot forward SIGTERM and exits 1
# on it; see jobscripts/hps-step.sh), so `kill <this script>` gives exit 3 and a resumable
# checkpoint.
# shellcheck source=SCRIPTDIR/hps-step.sh
source "$root/jobscripts/hps-step.sh"
hps_run_step mpirun -n "$ranks" "${mpi_flags[@]}" "$exe" run "$problem" "$@"
code=$HPS_STEP_CODE
case $code in
  0) echo "[hpsearch] exit 0: the search finished" ;;
  1) echo "[hpsearch] exit 1: internal error (a bug or a system failure; see the messages above)" ;;
  2) echo "[hpsearch] exit 2: bad input (problem file, option or checkpoint; see the message above)" ;;
  3) echo "[hpsearch] exit 3: stopped early; the checkpoint keeps every finished evaluation" ;;
  4) echo "[hpsearch] exit 4: I/O or environment failure (disk, permissions, a missing library): fix the cause and run again" ;;
  5) echo "[hpsearch] exit 5: the checkpoint's storage is full (no space or quota left): free space and run again; every recorded evaluation is kept" ;;
  *) echo "[hpsearch] exit $code: mpirun or a rank failed (see the messages above)" ;;
esac
exit "$code"
