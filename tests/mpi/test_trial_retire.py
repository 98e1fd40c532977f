"""End-to-end: the states of trials that can no longer be promoted are deleted (issue 15
point 4, run.keep_trial_states: none), and `hpsearch show` measures the run's own
run.trial_dir. Real ranks under mpirun, real command jobs, the checkpoint read back."""
import os
import signal
import subprocess
import time

from harness import (HPSEARCH, MPIRUN, SOURCE_DIR, check, hpsearch, hpsearch_mpi, main, mpi_env,
                     read_evaluations, tempdir, write)

TRAIN = os.path.join(SOURCE_DIR, "tests", "fixtures", "scripts", "trial_train.sh")
PAUSED = 1  # TrialDecision::paused in the HDF5 enum (core/trial.hpp: finished 0, paused 1)

# Each job first logs its trial, HPS_RESUME_FROM and the trial directories present when it
# starts (its own included: the worker creates it), then trains with trial_train.sh.
JOB = """#!/bin/sh
echo "$HPS_TRIAL_ID $HPS_RESUME_FROM $(ls "$HPS_TRIAL_DIR/.." | tr '\\n' ' ')" >>"LOG"
SLEEP
exec sh TRAIN checkpoint
"""

PROBLEM = """
space:
  x: {type: real, low: 0.0, high: 1.0}
objective:
  kind: command
  command: [sh, JOB]
search: {strategy: STRATEGY, min_fidelity: 1, max_fidelity: 9, reduction_factor: 3}
run: {max_evals: MAX_EVALS, seed: 7EXTRA}
"""


def problem(d, strategy, max_evals, sleep="true", extra=""):
    job = write(os.path.join(d, "job.sh"), JOB.replace("LOG", os.path.join(d, "seen.log"))
                .replace("SLEEP", sleep).replace("TRAIN", TRAIN))
    text = (PROBLEM.replace("JOB", job).replace("STRATEGY", strategy)
            .replace("MAX_EVALS", str(max_evals)).replace("EXTRA", extra))
    return write(os.path.join(d, "search.yaml"), text)


def seen_log(d):
    """[(trial, resume_from, {trials whose directory was there})] in job start order."""
    jobs = []
    for line in open(os.path.join(d, "seen.log")):
        fields = line.split()
        present = {int(name.split("-")[1]) for name in fields[2:] if name.startswith("trial-")}
        jobs.append((int(fields[0]), float(fields[1]), present))
    return jobs


def trial_dirs(d):
    root = os.path.join(d, "search.trials")
    return sorted(os.listdir(root)) if os.path.isdir(root) else []


def hyperband_with_keep_none_ends_with_no_state_left():
    """Hyperband (1 worker: one job at a time, brackets in turn), keep_trial_states none,
    max_evals 15: the first bracket (13 jobs) and 2 jobs of the second, whose first rung the
    budget leaves undecided. A paused trial a complete rung did not promote keeps its state
    until then and loses it before the next job of its bracket starts (the rung's
    promotions); the states still paused when max_evals ends the search are deleted at its
    end: nothing is left in the trial directory."""
    with tempdir() as d:
        problem(d, "hyperband", 15)
        proc = hpsearch_mpi(2, "run", "search.yaml", cwd=d, timeout=180)
        check(proc.returncode == 0, "the search should finish", proc)
        rows, _, _ = read_evaluations(os.path.join(d, "search.h5"))
        check(len(rows) == 15, f"15 rows, got {len(rows)}", proc)
        jobs = seen_log(d)
        check(len(jobs) == 15, f"15 jobs logged, got {len(jobs)}", proc)
        # Rows in job order (one worker): the last row of each trial tells its fate.
        last_row = {}
        for i, r in enumerate(rows):
            last_row[int(r["trial"])] = (i, r)
        retired_mid_run = 0
        swept_at_end = 0
        for trial, (i, r) in last_row.items():
            if int(r["decision"]) != PAUSED:
                continue
            # The first job after this trial paused that continues from the fidelity it
            # paused at is its rung's promotion (one bracket at a time: one worker): the rung
            # was decided and this trial was not promoted.
            paused_at = float(r["fidelity"])
            promotion = next((k for k in range(i + 1, len(jobs)) if jobs[k][1] == paused_at),
                             None)
            if promotion is None:
                swept_at_end += 1
                continue
            retired_mid_run += 1
            for k in range(i + 1, promotion):
                check(trial in jobs[k][2], f"trial {trial}'s state was deleted at job {k}, "
                      f"before its rung was decided (job {promotion})", proc)
            check(trial not in jobs[promotion][2],
                  f"trial {trial} (paused, not promoted) still has its state when job "
                  f"{promotion} (its rung's promotion) starts: {jobs[promotion]}", proc)
        check(retired_mid_run >= 4, f"{retired_mid_run} trials retired mid-run", proc)
        check(swept_at_end >= 1, f"{swept_at_end} trials still paused at the end", proc)
        check(trial_dirs(d) == [], f"no state left behind, found {trial_dirs(d)}", proc)
        check(f"removed the states of {swept_at_end} paused trials" in proc.stdout,
              "the end of the search says what it removed", proc)
        print(f"hyperband, keep none: {retired_mid_run} paused trials retired when their rung "
              f"was decided, {swept_at_end} removed at the end; trial directory empty")


def sigterm_stopped_asha_keeps_its_paused_states():
    """ASHA, keep_trial_states none, stopped by SIGTERM to the manager (exit 3: a later run
    may resume it): every trial whose last job paused keeps its state; finished and stopped
    trials' states are gone as before."""
    with tempdir() as d:
        problem(d, "asha", 100000, sleep="sleep 0.1")
        ckpt = os.path.join(d, "search.h5")
        proc = subprocess.Popen([MPIRUN, "--oversubscribe", "-n", "3", HPSEARCH, "run",
                                 "search.yaml"], cwd=d, env=mpi_env(), text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            deadline = time.time() + 120
            while not (os.path.exists(os.path.join(d, "seen.log")) and
                       sum(1 for _ in open(os.path.join(d, "seen.log"))) >= 25):
                check(proc.poll() is None and time.time() < deadline, "25 jobs started",
                      subprocess.CompletedProcess(proc.args, proc.returncode, "", ""))
                time.sleep(0.05)
            pid = next(int(line.split()[1]) for line in open(ckpt + ".lock")
                       if line.startswith("pid "))
            os.kill(pid, signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
        done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
        check(proc.returncode == 3, f"SIGTERM: exit {proc.returncode}, expected 3", done)
        rows, _, _ = read_evaluations(ckpt)
        last = {}
        for r in rows:
            last[int(r["trial"])] = int(r["decision"])
        paused = sorted(t for t, decision in last.items() if decision == PAUSED)
        ended = sorted(t for t, decision in last.items() if decision != PAUSED)
        check(len(paused) >= 3, f"paused trials at the stop: {paused}", done)
        left = trial_dirs(d)
        for t in paused:
            check(f"trial-{t}" in left, f"paused trial {t} lost its state: {left}", done)
        for t in ended:
            check(f"trial-{t}" not in left, f"ended trial {t} kept its state: {left}", done)
        check("removed the states of" not in out, "a stop removes no paused state", done)
        print(f"asha stopped by SIGTERM: {len(paused)} paused trials keep their states, "
              f"{len(ended)} ended trials' states removed")


def show_measures_the_run_trial_dir():
    """`hpsearch show` measures the trial directory the run used: run.trial_dir of the
    problem the checkpoint stores (relative to the working directory, as `run` takes it),
    and names it; with the default rule it names the directory beside the checkpoint."""
    with tempdir() as d:
        problem(d, "successive_halving", 6, extra=", keep_trial_states: all, "
                "trial_dir: scratch/states")
        proc = hpsearch_mpi(2, "run", "search.yaml", cwd=d, timeout=120)
        check(proc.returncode == 0, "the search should finish", proc)
        states = os.listdir(os.path.join(d, "scratch", "states"))
        check(len(states) == 6, f"6 trial states kept in scratch/states: {states}", proc)
        show = hpsearch("show", "search.h5", cwd=d)
        check(show.returncode == 0, "show", show)
        line = next((ln for ln in show.stdout.splitlines() if ln.startswith("trial disk")), "")
        check("in 6 trial directories (scratch/states, run.trial_dir" in line,
              f"show measures scratch/states: {line!r}", show)
        os.rename(os.path.join(d, "scratch"), os.path.join(d, "moved"))
        show = hpsearch("show", "search.h5", cwd=d)
        line = next((ln for ln in show.stdout.splitlines() if ln.startswith("trial disk")), "")
        check("none (no directory scratch/states, run.trial_dir" in line,
              f"show names the directory it did not find: {line!r}", show)
        print(f"show: {line}")

        os.mkdir(os.path.join(d, "default"))
        problem(os.path.join(d, "default"), "successive_halving", 6,
                extra=", keep_trial_states: all")
        proc = hpsearch_mpi(2, "run", "search.yaml", cwd=os.path.join(d, "default"), timeout=120)
        check(proc.returncode == 0, "the default-directory search should finish", proc)
        show = hpsearch("show", os.path.join("default", "search.h5"), cwd=d)
        line = next((ln for ln in show.stdout.splitlines() if ln.startswith("trial disk")), "")
        check("in 6 trial directories (default/search.trials, default: beside the checkpoint)"
              in line, f"show measures the default directory: {line!r}", show)


if __name__ == "__main__":
    main({f.__name__: f for f in [hyperband_with_keep_none_ends_with_no_state_left,
                                  sigterm_stopped_asha_keeps_its_paused_states,
                                  show_measures_the_run_trial_dir]})
