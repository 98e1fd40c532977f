#!/usr/bin/env bash
# jobscripts/theta-cobalt.sh: run (or resume) an hpsearch search as a chain of Cobalt jobs
# on a Theta-class Cray XC40 (KNL nodes, aprun launched from a service node).
#
#   qsub --env HPS_ROOT=$PWD:HPS_PROBLEM=$PWD/problem.yaml jobscripts/theta-cobalt.sh
#
# Cobalt sends no warning signal (SIGTERM at the walltime, SIGKILL some minutes later), so
# hpsearch reads COBALT_ENDTIME and stops on its own run.walltime_margin (default 5 min)
# before it: it stops dispatching, records the evaluations in flight, flushes and exits 3.
# This script then submits the next link with `qsub --dependencies $COBALT_JOBID` and exits
# 0: Cobalt releases a dependent job only when this one exits 0. A SIGTERM to this shell is
# forwarded to aprun as SIGUSR1 (hps-step.sh) and also ends the link gracefully. The chain
# stops when hpsearch exits 0 (search done), 1 or 2 (error), 4 more than HPS_MAX_IO_RETRIES
# times in a row (I/O or environment failure; see hps-step.sh), or after HPS_MAX_LINKS links.
#
# ---- Site values: edit these #COBALT lines (qsub reads them when the script is submitted).
#COBALT -n 4
#COBALT -t 60
#COBALT -q debug-cache-quad
#COBALT -A MYPROJECT
#COBALT --attrs mcdram=cache:numa=quad
#
# ---- Run values: pass them with qsub --env NAME=value:NAME=value (Cobalt gives the job
# ---- only those); every continuation gets the same ones.
#   HPS_ROOT            the hpsearch checkout (default: this script's folder's parent)
#   HPS_PROBLEM         problem file (required; an absolute path is safest)
#   HPS_CHECKPOINT      checkpoint file (default: <problem stem>.h5 in the working directory)
#   HPS_EXE             the hpsearch executable (default: $HPS_ROOT/build/apps/hpsearch)
#   HPS_RANKS_PER_NODE  MPI ranks per KNL node (aprun -N; default 4). Rank 0, the manager,
#                       takes one of them: COBALT_JOBSIZE * HPS_RANKS_PER_NODE - 1 workers
#   HPS_DEPTH           hardware threads per rank (aprun -d; default 16: 64 cores / 4)
#   HPS_HT              hardware threads used per core (aprun -j, 1..4; default 1)
#   HPS_RUN_ARGS        more `hpsearch run` options, split at spaces
#   HPS_QSUB_ARGS       more qsub options for the continuations, split at spaces
#   HPS_MAX_LINKS       at most this many links (default 10)
#   HPS_MAX_IO_RETRIES  at most this many links in a row that end in exit 4 (I/O or
#                       environment failure) are retried (default 2)
#   HPS_MAX_STALLED     the chain stops after this many links in a row ended abnormally
#                       (the job died: no stop recorded) without a new finished
#                       evaluation (default 2; see hps_stalled in hps-step.sh)
#   HPS_TEARDOWN_GRACE  after a forwarded stop, the launcher is killed once it outlives the
#                       manager's release of the checkpoint lock by this many seconds
#                       (default 30; a launcher can hang in its own teardown)
#   HPS_STOP_GRACE      and at most this many seconds after the stop in any case (default
#                       600); see hps_run_step in hps-step.sh
#   HPS_LINK            set by the chain: the number of this link (1 for the first)
set -euo pipefail

early_signal=
trap 'early_signal=TERM' TERM

HPS_ROOT=${HPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# shellcheck source=hps-step.sh
source "$HPS_ROOT/jobscripts/hps-step.sh"

: "${HPS_PROBLEM:?set HPS_PROBLEM (qsub --env HPS_PROBLEM=/path/problem.yaml ...)}"
: "${COBALT_JOBID:?not a Cobalt job (no COBALT_JOBID)}"
exe=${HPS_EXE:-$HPS_ROOT/build/apps/hpsearch}
checkpoint=${HPS_CHECKPOINT:-$(basename "${HPS_PROBLEM%.*}").h5}
nodes=${COBALT_JOBSIZE:-1}
per_node=${HPS_RANKS_PER_NODE:-4}
depth=${HPS_DEPTH:-16}
ht=${HPS_HT:-1}
max_links=${HPS_MAX_LINKS:-10}
link=${HPS_LINK:-1}
script=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
read -r -a run_args <<<"${HPS_RUN_ARGS:-}"
read -r -a qsub_args <<<"${HPS_QSUB_ARGS:-}"

# KNL: OpenMP threads fill each rank's hardware threads; one rank per -d CPUs, pinned.
export OMP_NUM_THREADS=$depth OMP_PROC_BIND=spread OMP_PLACES=threads

hps_log "cobalt job $COBALT_JOBID: link $link of at most $max_links on $nodes nodes" \
  "(${COBALT_PARTNAME:-?}), ends at ${COBALT_ENDTIME:-?}; problem $HPS_PROBLEM, checkpoint $checkpoint"

if [[ -n $early_signal ]]; then
  hps_log "SIG$early_signal before the step started: not starting it"
  HPS_STEP_CODE=3
else
  hps_run_step --checkpoint "$checkpoint" "$exe" \
    aprun -n $((nodes * per_node)) -N "$per_node" -d "$depth" -j "$ht" -cc depth \
    "$exe" run "$HPS_PROBLEM" --checkpoint "$checkpoint" "${run_args[@]}"
fi

case $(hps_next "$HPS_STEP_CODE" "$link" "$max_links") in
  finished)
    hps_log "the search finished (link $link): chain done"
    exit 0
    ;;
  error)
    hps_log "hpsearch failed with exit $HPS_STEP_CODE (link $link): chain stopped"
    hps_log "$(hps_explain "$HPS_STEP_CODE")"
    exit "$HPS_STEP_CODE"
    ;;
  limit)
    hps_log "stopped at link $link = HPS_MAX_LINKS: chain stopped; resubmit to continue"
    exit 3
    ;;
  continue)
    if hps_stalled "$exe" "$checkpoint" "$HPS_PROBLEM"; then exit "$HPS_STEP_CODE"; fi
    ((HPS_STEP_CODE != 4)) || hps_log "I/O or environment failure (exit 4, $HPS_IO_FAILURES of" \
      "at most ${HPS_MAX_IO_RETRIES:-2} in a row): retrying as link $((link + 1))"
    env_items=$(hps_env_items :)
    next=$(qsub --dependencies "$COBALT_JOBID" --env "$env_items:HPS_LINK=$((link + 1))" \
      "${qsub_args[@]}" "$script")
    hps_log "stopped (exit $HPS_STEP_CODE): submitted link $((link + 1)) as job $next" \
      "(--dependencies $COBALT_JOBID); exiting 0 so Cobalt releases it"
    exit 0
    ;;
esac
