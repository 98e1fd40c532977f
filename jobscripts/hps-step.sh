# shellcheck shell=bash
# jobscripts/hps-step.sh: the part every batch job script shares (sourced, never run).
#
#   hps_log MESSAGE...          a timestamped line on standard output (the job's log)
#   hps_run_step [--checkpoint CKPT EXE] CMD [ARGS...]
#                               runs the job step (srun / aprun / mpiexec ... hpsearch run)
#                               in the background, in its own process group, and waits for
#                               it. SIGTERM, SIGINT and SIGUSR1 sent to this shell are
#                               forwarded to the step as SIGUSR1 (hpsearch's graceful stop;
#                               see below). Sets HPS_STEP_CODE (the step's exit code, mapped
#                               as below) and HPS_STEP_SIGNAL (the first signal received, or
#                               empty). Also counts HPS_IO_FAILURES (exported, so passed on
#                               to the next link): consecutive links, this one included,
#                               whose step exited 4.
#                               The wait after a forwarded stop is bounded (a launcher can
#                               hang in its own teardown: Open MPI 4.1's mpirun after SIGTERM
#                               and MPI_Abort): once the manager has released the checkpoint
#                               lock CKPT.lock (seen, then gone: it is removed on a clean
#                               stop), the launcher gets HPS_TEARDOWN_GRACE seconds (default
#                               30) to exit; in any case it gets at most HPS_STOP_GRACE
#                               seconds (default 600) after the stop. Then its process group
#                               gets SIGTERM, and SIGKILL 5 s later, and `EXE status CKPT`
#                               decides the step's code: 3 when the checkpoint records a
#                               graceful stop, else the launcher's own code (the link ended
#                               abnormally). Without --checkpoint (local.sh) only
#                               HPS_STOP_GRACE bounds the wait.
#   hps_next CODE LINK MAX      prints what the chain does after link LINK ended with
#                               CODE: finished (0), error (1, 2, 5; and 4 once HPS_IO_FAILURES
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
# resumable, 4 an I/O or environment failure (an I/O error, permissions, a library or
# program missing on the node): a later link may succeed once the cause is gone, so the chain retries up to
# HPS_MAX_IO_RETRIES consecutive times (default 2; with Slurm's HPS_CONTINUE=requeue the
# count cannot be passed on, and only HPS_MAX_LINKS bounds the retries). After this shell
# forwarded a signal, a launcher's own failure code (1, or >128 when it died of a signal)
# is read as 3: the ranks stopped gracefully and the checkpoint holds every finished
# evaluation; only 0, 2, 4 and 5 keep their meaning. 5: the checkpoint's storage is full
# (ENOSPC, or the quota EDQUOT); it keeps every evaluation flushed before, but a new link
# would find the disk as full, so the chain stops at once (no retry) and says so.

hps_log() { echo "[hpsearch-job $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)] $*"; }

hps_forward_stop() {
  [[ -n $HPS_STEP_SIGNAL ]] || HPS_STEP_SIGNAL=$1
  hps_log "received SIG$1: forwarding SIGUSR1 to the job step (pid $HPS_STEP_PID)"
  kill -USR1 "$HPS_STEP_PID" 2>/dev/null || true
}

# After a forwarded stop: polls until the step exits, or kills its process group once the
# manager released the lock $1 (seen, then gone twice in a row) and HPS_TEARDOWN_GRACE
# passed, or HPS_STOP_GRACE passed since the stop. Sets HPS_STEP_KILLED when it killed.
hps_wait_stopped() {
  local lock=$1 grace=${HPS_STOP_GRACE:-600} teardown=${HPS_TEARDOWN_GRACE:-30}
  local start=$SECONDS seen='' gone=0 released='' why=''
  while kill -0 "$HPS_STEP_PID" 2>/dev/null; do
    if [[ -n $lock && -z $released ]]; then
      if [[ -e $lock ]]; then
        seen=1 gone=0
      elif [[ -n $seen ]] && ((++gone >= 2)); then
        released=$SECONDS
        hps_log "the manager released $lock: the launcher has ${teardown}s" \
          "(HPS_TEARDOWN_GRACE) to exit"
      fi
    fi
    if [[ -n $released ]] && ((SECONDS - released >= teardown)); then
      why="still running ${teardown}s (HPS_TEARDOWN_GRACE) after the manager released $lock"
    elif ((SECONDS - start >= grace)); then
      why="still running ${grace}s (HPS_STOP_GRACE) after the stop"
    fi
    if [[ -n $why ]]; then
      hps_log "the launcher is $why: SIGTERM to its process group (pgid $HPS_STEP_PID)"
      HPS_STEP_KILLED=1
      kill -TERM -- "-$HPS_STEP_PID" 2>/dev/null || true
      local until=$((SECONDS + 5))
      while kill -0 "$HPS_STEP_PID" 2>/dev/null && ((SECONDS < until)); do sleep 0.2; done
      if kill -0 "$HPS_STEP_PID" 2>/dev/null; then
        hps_log "the launcher ignored SIGTERM: SIGKILL to its process group"
        kill -KILL -- "-$HPS_STEP_PID" 2>/dev/null || true
      fi
      return
    fi
    sleep 0.2
  done
}

hps_run_step() {
  local checkpoint='' exe=''
  if [[ ${1:-} == --checkpoint ]]; then
    checkpoint=$2 exe=$3
    shift 3
  fi
  HPS_STEP_SIGNAL=
  HPS_STEP_CODE=0
  HPS_STEP_KILLED=
  # Every `hpsearch run` that starts records an allocation, even on a finished search: a
  # step that exits 0 without adding one never ran hpsearch (seen: srun exits 0 when its
  # step fails to launch), and the chain must not be declared done on it.
  local allocations_before=''
  [[ -z $checkpoint ]] || allocations_before=$(hps_allocations "$exe" "$checkpoint")
  hps_log "step: $*"
  # Job control for this one command: the step gets its own process group (same session),
  # which hps_wait_stopped can kill with everything the launcher started in it.
  set -m
  "$@" &
  HPS_STEP_PID=$!
  set +m
  trap 'hps_forward_stop TERM' TERM
  trap 'hps_forward_stop INT' INT
  trap 'hps_forward_stop USR1' USR1
  # A trapped signal interrupts `wait` while the step still runs: wait again, bounded once a
  # stop was forwarded. The last `wait` returns the step's own exit code (bash keeps it for
  # a finished child).
  while kill -0 "$HPS_STEP_PID" 2>/dev/null; do
    if [[ -n $HPS_STEP_SIGNAL ]]; then
      hps_wait_stopped "${checkpoint:+$checkpoint.lock}"
      break
    fi
    wait "$HPS_STEP_PID" || true
  done
  wait "$HPS_STEP_PID" || HPS_STEP_CODE=$?
  trap - TERM INT USR1
  if [[ -n $HPS_STEP_KILLED && -n $checkpoint ]]; then
    local status
    status=$("$exe" status "$checkpoint" 2>&1) || true
    if grep -qx 'last_allocation=graceful' <<<"$status"; then
      hps_log "step killed (exit $HPS_STEP_CODE); the checkpoint records a graceful stop: read as 3"
      HPS_STEP_CODE=3
    else
      hps_log "step killed (exit $HPS_STEP_CODE); the checkpoint records no graceful stop" \
        "($(tr '\n' ' ' <<<"$status")): the link ended abnormally"
    fi
  elif [[ -n $HPS_STEP_SIGNAL ]] && ((HPS_STEP_CODE == 1 || HPS_STEP_CODE > 128)); then
    hps_log "step exit $HPS_STEP_CODE after SIG$HPS_STEP_SIGNAL: the launcher's own code; read as 3"
    HPS_STEP_CODE=3
  fi
  if ((HPS_STEP_CODE == 0)) && [[ -n $allocations_before ]]; then
    local allocations_after
    allocations_after=$(hps_allocations "$exe" "$checkpoint")
    if [[ -n $allocations_after ]] && ((allocations_after <= allocations_before)); then
      hps_log "the step ended with 0, but $checkpoint records no new allocation ($allocations_after):" \
        "the launcher did not start hpsearch; read as 4 (environment failure)"
      HPS_STEP_CODE=4
    fi
  fi
  hps_log "step exit $HPS_STEP_CODE${HPS_STEP_SIGNAL:+ (after SIG$HPS_STEP_SIGNAL)}"
  if ((HPS_STEP_CODE == 4)); then
    HPS_IO_FAILURES=$((${HPS_IO_FAILURES:-0} + 1))
  else
    HPS_IO_FAILURES=0
  fi
  export HPS_IO_FAILURES
}

# hps_allocations EXE CHECKPOINT: how many allocations CHECKPOINT records (0 when it does not
# exist yet; empty when it cannot be read).
hps_allocations() {
  if [[ ! -f $2 ]]; then
    echo 0
    return
  fi
  "$1" status "$2" 2>/dev/null | sed -n 's/^allocations=//p' || true
}

hps_next() {
  local code=$1 link=$2 max=$3
  case $code in
    0) echo finished ;;
    1 | 2 | 5) echo error ;;
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
    5) echo "exit 5: the checkpoint's storage is full (no space left, or the quota spent); not" \
      "resubmitted, since a new link would fail the same way: free space (or raise the quota)" \
      "and resubmit to continue; every evaluation recorded so far is kept" ;;
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
