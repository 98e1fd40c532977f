# shellcheck shell=bash
# Shared by the fake batch-system commands in this folder (tests/mpi/test_batch.py puts
# the folder first on PATH). Each shim checks its arguments the way the real command
# would need them, appends the call to $SHIM_LOG, and fails (exit 97) on anything else.

shim_log() {
  local name=$1
  shift
  {
    printf '%s' "$name"
    printf ' %q' "$@"
    printf '\n'
  } >>"${SHIM_LOG:?SHIM_LOG not set}"
}

shim_fail() {
  echo "shim: $*" >&2
  echo "FAIL $*" >>"${SHIM_LOG:-/dev/null}"
  exit 97
}

shim_int() { [[ $1 =~ ^[0-9]+$ ]] || shim_fail "$2: '$1' is not an integer"; }

# Runs the job step under the real mpirun with N ranks, replacing this process, so that
# signals sent to the launcher's pid reach mpirun (which forwards SIGUSR1 to the ranks).
shim_mpirun() {
  local n=$1
  shift
  exec "${HPSEARCH_MPIRUN:-mpirun}" --oversubscribe -n "$n" "$@"
}
