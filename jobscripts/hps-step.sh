# shellcheck shell=bash
# jobscripts/hps-step.sh: the part every batch job script shares (sourced, never run).
#
#   hps_log MESSAGE...          a timestamped line on standard output (the job's log)
#   hps_run_step CMD [ARGS...]  runs the job step (srun / aprun / mpiexec ... hpsearch run)
#                               in the background and waits for it. SIGTERM, SIGINT and
#                               SIGUSR1 sent to this shell are forwarded to the step as
#                               SIGUSR1 (hpsearch's graceful stop; see below). Sets
#                               HPS_STEP_CODE (the step's exit code, mapped as below) and
#                               HPS_STEP_SIGNAL (the first signal received, or empty).
#                               Also counts HPS_IO_FAILURES (exported, so passed on to
#                               the next link): consecutive links, this one included, whose
#                               step exited 4.
#   hps_next CODE LINK MAX      prints what the chain does after link LINK ended with
#                               CODE: finished (0), error (1, 2; and 4 once HPS_IO_FAILURES
#                               exceeds HPS_MAX_IO_RETRIES, default 2), limit (MAX links
#                               run), else continue (3; 4 within the retry budget; also any
#                               other code: a launcher or node failure, or a kill at the
#                               walltime, leaves a checkpoint that resumes).
#   hps_explain CODE            a line saying what hpsearch's exit CODE means for the chain.
#   hps_stalled EXE CKPT PROBLEM
#                               true (after logging why, with counts) when the chain must
#                               not submit another link: `EXE status CKPT --problem
#                               PROBLEM` reports that the last HPS_MAX_STALLED (default 2)
#                               links in a row ended abnormally (the job died without
#                               hpsearch recording a stop: a configuration that kills it, a
#                               node failure, SIGKILL) without a new finished evaluation,
#                               and that the next resume has no job to record failed (a job
#                               in flight at run.max_requeues abnormal ends is, and that is
#                               progress). False otherwise, and when the status cannot be
#                               read (a warning; the chain goes on).
#
# Why forward SIGUSR1 instead of letting SIGTERM through: Open MPI 4.1's mpirun cannot
# forward SIGTERM (ess_base_forward_signals refuses it); on SIGTERM it kills the ranks and
# exits 1 whatever they return. SIGUSR1 is forwarded by mpirun, srun, aprun and mpiexec,
# and every hpsearch rank treats it as a graceful stop: stop dispatching, record the
# evaluations in flight, flush, exit 3.
#
# Exit codes of hpsearch: 0 finished, 1 internal error, 2 bad input, 3 stopped early and
# resumable, 4 an I/O or environment failure (disk full, quota, permissions, a library or
# program missing on the node): a later link may succeed once the cause is gone, so the chain retries up to
# HPS_MAX_IO_RETRIES consecutive times (default 2; with Slurm's HPS_CONTINUE=requeue the
# count cannot be passed on, and only HPS_MAX_LINKS bounds the retries). After this shell
# forwarded a signal, a launcher's own failure code (1, or >128 when it died of a signal)
# is read as 3: the ranks stopped gracefully and the checkpoint holds every finished
# evaluation; only 0, 2 and 4 keep their meaning.

hps_log() { echo "[hpsearch-job $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)] $*"; }

hps_forward_stop() {
  [[ -n $HPS_STEP_SIGNAL ]] || HPS_STEP_SIGNAL=$1
  hps_log "received SIG$1: forwarding SIGUSR1 to the job step (pid $HPS_STEP_PID)"
  kill -USR1 "$HPS_STEP_PID" 2>/dev/null || true
}

hps_run_step() {
  HPS_STEP_SIGNAL=
  HPS_STEP_CODE=0
  hps_log "step: $*"
  "$@" &
  HPS_STEP_PID=$!
  trap 'hps_forward_stop TERM' TERM
  trap 'hps_forward_stop INT' INT
  trap 'hps_forward_stop USR1' USR1
  # A trapped signal interrupts `wait` while the step still runs: wait again. The last
  # `wait` returns the step's own exit code (bash keeps it for a finished child).
  while kill -0 "$HPS_STEP_PID" 2>/dev/null; do
    wait "$HPS_STEP_PID" || true
  done
  wait "$HPS_STEP_PID" || HPS_STEP_CODE=$?
  trap - TERM INT USR1
  if [[ -n $HPS_STEP_SIGNAL ]] && ((HPS_STEP_CODE == 1 || HPS_STEP_CODE > 128)); then
    hps_log "step exit $HPS_STEP_CODE after SIG$HPS_STEP_SIGNAL: the launcher's own code; read as 3"
    HPS_STEP_CODE=3
  fi
  hps_log "step exit $HPS_STEP_CODE${HPS_STEP_SIGNAL:+ (after SIG$HPS_STEP_SIGNAL)}"
  if ((HPS_STEP_CODE == 4)); then
    HPS_IO_FAILURES=$((${HPS_IO_FAILURES:-0} + 1))
  else
    HPS_IO_FAILURES=0
  fi
  export HPS_IO_FAILURES
}

hps_next() {
  local code=$1 link=$2 max=$3
  case $code in
    0) echo finished ;;
    1 | 2) echo error ;;
    *)
      if ((code == 4 && ${HPS_IO_FAILURES:-0} > ${HPS_MAX_IO_RETRIES:-2})); then
        echo error
      elif ((link < max)); then
        echo continue
      else
        echo limit
      fi
      ;;
  esac
}

hps_explain() {
  case $1 in
    0) echo "exit 0: the search finished" ;;
    1) echo "exit 1: internal error (a bug in hpsearch; see the messages above)" ;;
    2) echo "exit 2: bad input (problem file, option or checkpoint content; see the message above)" ;;
    3) echo "exit 3: stopped early; the checkpoint keeps every finished evaluation" ;;
    4) echo "exit 4: I/O or environment failure in ${HPS_IO_FAILURES:-1} link(s) in a row" \
      "(HPS_MAX_IO_RETRIES=${HPS_MAX_IO_RETRIES:-2} retried): fix the" \
      "cause (disk space, quota, permissions, a missing library) and resubmit to continue" ;;
    *) echo "exit $1: the launcher or a rank failed (see the messages above)" ;;
  esac
}

hps_stalled() {
  local exe=$1 checkpoint=$2 problem=$3 status stalled to_fail finished max_requeues
  [[ -f $checkpoint ]] || return 1
  if ! status=$("$exe" status "$checkpoint" --problem "$problem" 2>&1); then
    hps_log "warning: cannot read the chain status of $checkpoint: $status"
    return 1
  fi
  stalled=$(sed -n 's/^stalled=//p' <<<"$status")
  to_fail=$(sed -n 's/^to_fail=//p' <<<"$status")
  finished=$(sed -n 's/^finished=//p' <<<"$status")
  max_requeues=$(sed -n 's/^max_requeues=//p' <<<"$status")
  if ((${to_fail:-0} > 0)); then
    hps_log "$to_fail job(s) in flight at run.max_requeues=$max_requeues abnormal ends:" \
      "the next link records them failed and goes on"
    return 1
  fi
  ((${stalled:-0} >= ${HPS_MAX_STALLED:-2})) || return 1
  hps_log "no progress: the last $stalled links in a row ended abnormally (the job died" \
    "without hpsearch recording a stop) and no worker returned a result ($finished finished" \
    "evaluations in $checkpoint; a job in flight at run.max_requeues=$max_requeues abnormal" \
    "ends is recorded failed on resume, and none is due): chain stopped. A configuration" \
    "may be killing the job (see the messages above and \`hpsearch show $checkpoint\`); fix" \
    "the cause and resubmit to continue"
}

# The HPS_* settings of this link (not hps-step.sh's own HPS_STEP_*, not HPS_LINK) as
# NAME=value items joined by SEP, for `qsub --env` (Cobalt, SEP ':') or `qsub -v` (PBS,
# SEP ','). Fails when a value contains SEP: such a value cannot be passed on that way.
hps_env_items() {
  local sep=$1 name items=()
  for name in $(compgen -v HPS_); do
    [[ $name == HPS_STEP_* || $name == HPS_LINK ]] && continue
    if [[ ${!name} == *"$sep"* ]]; then
      hps_log "error: $name='${!name}' contains '$sep', which qsub cannot pass on"
      return 1
    fi
    items+=("$name=${!name}")
  done
  local IFS=$sep
  echo "${items[*]}"
}
