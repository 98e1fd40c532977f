#!/usr/bin/env bash
# jobscripts/polaris-pbs.sh: run (or resume) an hpsearch search as a chain of PBS Pro jobs
# on Polaris (4 A100 GPUs and 32 cores per node; mpiexec is Cray PALS).
#
#   qsub -v HPS_ROOT=$PWD,HPS_PROBLEM=$PWD/problem.yaml jobscripts/polaris-pbs.sh
#
# PBS sets no walltime variable and sends no warning signal (SIGTERM at the limit, SIGKILL
# kill_delay later): hpsearch reads the job's start and Resource_List.walltime from
# `qstat -f $PBS_JOBID` and stops run.walltime_margin (default 5 min) before the end: it
# stops dispatching, records the evaluations in flight, flushes and exits 3. This script
# then submits the next link with `qsub -W depend=afterany:$PBS_JOBID`. A SIGTERM to this
# shell is forwarded to mpiexec as SIGUSR1 (hps-step.sh) and also ends the link
# gracefully. Each rank runs through gpu_affinity.sh, which gives it one GPU. The chain
# stops when hpsearch exits 0 (search done), 1 or 2 (error), 4 more than HPS_MAX_IO_RETRIES
# times in a row (I/O or environment failure; see hps-step.sh), or after HPS_MAX_LINKS links.
#
# ---- Site values: edit these #PBS lines.
#PBS -N hpsearch
#PBS -l select=2:system=polaris
#PBS -l place=scatter
#PBS -l walltime=01:00:00
#PBS -l filesystems=home:eagle
#PBS -q debug
#PBS -A MYPROJECT
#PBS -r y
#PBS -j oe
#
# ---- Run values: pass them with qsub -v NAME=value,NAME=value; every continuation gets
# ---- the same ones.
#   HPS_ROOT            the hpsearch checkout (required: PBS runs a copy of this script)
#   HPS_PROBLEM         problem file (required; an absolute path is safest)
#   HPS_CHECKPOINT      checkpoint file (default: <problem stem>.h5 in $PBS_O_WORKDIR)
#   HPS_EXE             the hpsearch executable (default: $HPS_ROOT/build/apps/hpsearch)
#   HPS_RANKS_PER_NODE  MPI ranks per node (mpiexec --ppn; default 4, one per GPU). Rank 0,
#                       the manager, takes one of them
#   HPS_DEPTH           cores per rank (mpiexec --depth; default 8 = 32 cores / 4)
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

: "${HPS_ROOT:?set HPS_ROOT to the hpsearch checkout (qsub -v HPS_ROOT=...,HPS_PROBLEM=...)}"
# shellcheck source=hps-step.sh
source "$HPS_ROOT/jobscripts/hps-step.sh"

: "${HPS_PROBLEM:?set HPS_PROBLEM (qsub -v HPS_PROBLEM=/path/problem.yaml,...)}"
: "${PBS_JOBID:?not a PBS job (no PBS_JOBID)}"
cd "${PBS_O_WORKDIR:-.}"
exe=${HPS_EXE:-$HPS_ROOT/build/apps/hpsearch}
checkpoint=${HPS_CHECKPOINT:-$(basename "${HPS_PROBLEM%.*}").h5}
nodes=$(sort -u "${PBS_NODEFILE:?no PBS_NODEFILE}" | wc -l)
per_node=${HPS_RANKS_PER_NODE:-4}
depth=${HPS_DEPTH:-8}
max_links=${HPS_MAX_LINKS:-10}
link=${HPS_LINK:-1}
read -r -a run_args <<<"${HPS_RUN_ARGS:-}"
read -r -a qsub_args <<<"${HPS_QSUB_ARGS:-}"

hps_log "pbs job $PBS_JOBID: link $link of at most $max_links on $nodes nodes;" \
  "problem $HPS_PROBLEM, checkpoint $checkpoint"

if [[ -n $early_signal ]]; then
  hps_log "SIG$early_signal before the step started: not starting it"
  HPS_STEP_CODE=3
else
  hps_run_step --checkpoint "$checkpoint" "$exe" \
    mpiexec -n $((nodes * per_node)) --ppn "$per_node" --depth "$depth" --cpu-bind depth \
    "$HPS_ROOT/jobscripts/gpu_affinity.sh" \
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
    env_items=$(hps_env_items ,)
    next=$(qsub -W "depend=afterany:$PBS_JOBID" -v "$env_items,HPS_LINK=$((link + 1))" \
      "${qsub_args[@]}" "$HPS_ROOT/jobscripts/polaris-pbs.sh")
    hps_log "stopped (exit $HPS_STEP_CODE): submitted link $((link + 1)) as job $next" \
      "(depend=afterany:$PBS_JOBID)"
    exit 0
    ;;
esac
