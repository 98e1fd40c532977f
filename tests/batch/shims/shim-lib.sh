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
# SHIM_LAUNCHER_HANG=after_release fakes a launcher that hangs in its own teardown (Open MPI
# 4.1's mpirun after SIGTERM and MPI_Abort, seen once): mpirun runs as a child, SIGUSR1 is
# forwarded to it, and once it has exited (the manager released its lock) the launcher
# ignores SIGTERM and never exits: only SIGKILL ends it. Its pid goes to $SHIM_LOG.hung.
# SHIM_LAUNCHER_HANG=deaf: the same, but SIGUSR1 is not forwarded (the stop never arrives;
# SIGTERM to the group still reaches mpirun, which ends the ranks).
shim_mpirun() {
  local n=$1
  shift
  if [[ -z ${SHIM_LAUNCHER_HANG:-} ]]; then
    exec "${HPSEARCH_MPIRUN:-mpirun}" --oversubscribe -n "$n" "$@"
  fi
  "${HPSEARCH_MPIRUN:-mpirun}" --oversubscribe -n "$n" "$@" &
  local pid=$!
  # Caught, not ignored, while mpirun runs: mpirun itself keeps the default actions.
  trap ':' TERM
  if [[ $SHIM_LAUNCHER_HANG == deaf ]]; then
    trap ':' USR1
  else
    trap 'kill -USR1 "$pid" 2>/dev/null || true' USR1
  fi
  while kill -0 "$pid" 2>/dev/null; do wait "$pid" || true; done
  trap '' TERM INT USR1
  echo "$$" >"$SHIM_LOG.hung"
  while :; do sleep 1; done
}
