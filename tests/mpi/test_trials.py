"""End-to-end: trials' state directories (issue 15, run.trial_dir) under `mpirun`, and the
PyTorch example (configs/torch_resume.py) saving and resuming its training state."""
import glob
import os
import signal
import subprocess
import sys
import time

from harness import SOURCE_DIR, check, hpsearch, hpsearch_mpi, main, read_evaluations, tempdir, write

EXAMPLE = os.path.join(SOURCE_DIR, "configs", "torch_resume.py")
PYTHON = "/usr/bin/python3"  # Debian's, the one python3-torch installs into
SKIP = 77  # CTest SKIP_RETURN_CODE

STATES = f"""
space:
  x: {{type: real, low: 0.0, high: 1.0}}
objective:
  kind: command
  command: [sh, -c, 'echo "$HPS_TRIAL_ID $HPS_RESUME_FROM" >"$HPS_TRIAL_DIR/seen"; echo objective: 1']
run: {{max_evals: 6, seed: 4{{extra}}}}
"""


def states_are_written_where_run_paths_says():
    """Every job gets its trial's state directory, created by the worker: beside the
    checkpoint by default, at run.trial_dir when given (relative to the working directory)."""
    for extra, where in ((", keep_trial_states: all", "search.trials"),
                         (", keep_trial_states: all, trial_dir: scratch/states", "scratch/states")):
        with tempdir() as d:
            write(os.path.join(d, "search.yaml"), STATES.replace("{extra}", extra))
            proc = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=120)
            check(proc.returncode == 0, "the search should finish", proc)
            dirs = sorted(glob.glob(os.path.join(d, where, "trial-*")))
            check(len(dirs) == 6, f"6 trial directories under {where}, found {dirs}", proc)
            for path in dirs:
                seen = open(os.path.join(path, "seen")).read().split()
                check(seen == [path.rsplit("-", 1)[1], "0"],
                      f"{path}/seen: the job's trial id and HPS_RESUME_FROM 0, got {seen}", proc)
            if "trial_dir" in extra:
                check(not os.path.exists(os.path.join(d, "search.trials")),
                      "no default directory when run.trial_dir is given", proc)


def finished_trials_states_are_removed_by_default():
    """run.keep_trial_states: none (the default): a full-fidelity job's trial is finished, so
    its state directory is gone once its row is recorded."""
    with tempdir() as d:
        write(os.path.join(d, "search.yaml"), STATES.replace("{extra}", ""))
        proc = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=120)
        check(proc.returncode == 0, "the search should finish", proc)
        rows, _, _ = read_evaluations(os.path.join(d, "search.h5"))
        check(len(rows) == 6, "6 rows", proc)
        left = glob.glob(os.path.join(d, "search.trials", "trial-*"))
        check(left == [], f"no state left behind, found {left}", proc)


TRAIN = os.path.join(SOURCE_DIR, "tests", "fixtures", "scripts", "trial_train.sh")

ASHA = f"""
space:
  x: {{type: real, low: 0.0, high: 1.0}}
objective:
  kind: command
  command: [sh, {TRAIN}, {{mode}}]
search: {{strategy: asha, min_fidelity: 1, max_fidelity: 9, reduction_factor: 3}}
run: {{max_evals: 24, seed: 5, keep_trial_states: all}}
"""


def trials_of(d):
    rows, _, _ = read_evaluations(os.path.join(d, "search.h5"))
    import h5py
    with h5py.File(os.path.join(d, "search.h5"), "r") as f:
        curves = f["curves"][:]
    by_id = {int(r["id"]): r for r in rows}
    steps = {}
    for c in curves:
        trial = int(by_id[int(c["eval_id"])]["trial"])
        steps.setdefault(trial, []).append(float(c["step"]))
    return rows, steps


def asha_run(mode):
    d_ctx = tempdir()
    d = d_ctx.name
    write(os.path.join(d, "search.yaml"), ASHA.replace("{mode}", mode))
    proc = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=180)
    check(proc.returncode == 0, "the ASHA search should finish", proc)
    rows, steps = trials_of(d)
    check(len(rows) == 24, f"24 rows, got {len(rows)}", proc)
    promoted = [r for r in rows if float(r["from_fidelity"]) > 0]
    check(len(promoted) >= 3, f"promotions happened ({len(promoted)} continuation jobs)", proc)
    check(any(float(r["fidelity"]) == 9 for r in promoted), "a trial reached fidelity 9", proc)
    for trial, s in steps.items():
        check(len(s) == len(set(s)), f"trial {trial}'s curve holds each step once: {s}", proc)
        check(sorted(s) == [float(e) for e in range(1, len(s) + 1)],
              f"trial {trial}'s curve is epochs 1..n: {sorted(s)}", proc)
    return d_ctx, d, rows, proc


def trained(d, trial):
    with open(os.path.join(d, "search.trials", f"trial-{trial}", "trained.log")) as f:
        return [int(line) for line in f.read().split()]


def a_checkpointing_script_continues_across_promotions():
    """ASHA (promotion) with a command script that saves its epoch in HPS_TRIAL_DIR: every
    promoted trial trains each epoch exactly once over all its jobs, and each job started
    where the previous one of its trial ended."""
    d_ctx, d, rows, proc = asha_run("checkpoint")
    with d_ctx:
        for r in rows:
            if float(r["from_fidelity"]) > 0:
                t = int(r["trial"])
                epochs = trained(d, t)
                check(epochs == list(range(1, len(epochs) + 1)),
                      f"trial {t} trained each epoch once: {epochs}", proc)


def a_script_without_state_is_rerun_and_recorded_once():
    """The same search with a script that saves nothing: a promoted trial re-trains from
    epoch 1 (its trained.log repeats epochs), yet its recorded curve holds each step once."""
    d_ctx, d, rows, proc = asha_run("scratch")
    with d_ctx:
        repeated = 0
        for r in rows:
            if float(r["from_fidelity"]) > 0:
                epochs = trained(d, int(r["trial"]))
                repeated += len(epochs) != len(set(epochs))
        check(repeated > 0, "promoted trials re-trained from scratch", proc)


# A training script for the interrupted searches: trains configuration x ($1) from
# HPS_RESUME_FROM to HPS_FIDELITY, 50 ms an epoch, reporting (x - 0.3)^2 + x / epoch. A job
# to fidelity f saves its state as state-f at its end (atomically: a killed job leaves none);
# a continuation needs its trial's state-<HPS_RESUME_FROM> and fails without it, so a
# continuation restarted from scratch, or from a state it does not hold, is a failed row.
KILLABLE = r"""#!/bin/sh
x=$1
if [ "$HPS_RESUME_FROM" != 0 ] && [ ! -f "$HPS_TRIAL_DIR/state-$HPS_RESUME_FROM" ]; then
  echo "no saved state at $HPS_RESUME_FROM in $HPS_TRIAL_DIR" >&2
  exit 1
fi
epoch=$HPS_RESUME_FROM
while [ "$epoch" -lt "$HPS_FIDELITY" ]; do
  epoch=$((epoch + 1))
  sleep 0.05
  echo "progress: $epoch $(awk -v x="$x" -v e=$epoch 'BEGIN { printf "%.6f", (x - 0.3)^2 + x / e }')"
done
echo "$epoch" >"$HPS_TRIAL_DIR/state.tmp" && mv "$HPS_TRIAL_DIR/state.tmp" "$HPS_TRIAL_DIR/state-$epoch"
echo "objective: $(awk -v x="$x" -v e=$epoch 'BEGIN { printf "%.6f", (x - 0.3)^2 + x / e }')"
"""

INTERRUPTED = """
space:
  x: {type: real, low: 0.0, high: 1.0}
objective:
  kind: command
  command: [sh, '{problem_dir}/train.sh', '{x}']
search: {strategy: asha, min_fidelity: 1, max_fidelity: 9, reduction_factor: 3}
run: {max_evals: MAX_EVALS, seed: 5, keep_trial_states: all}
"""
PAUSED = 1  # TrialDecision::paused in the HDF5 enum
OK, FAILED, LOST = 0, 1, 4  # Status


def paused_trials(rows):
    """trial -> (id, fidelity) of its last row, for the trials whose last row paused them."""
    last = {}
    for r in rows[rows["status"] != LOST]:
        t = int(r["trial"])
        if t not in last or int(r["id"]) > int(last[t]["id"]):
            last[t] = r
    return {t: (int(r["id"]), float(r["fidelity"])) for t, r in last.items()
            if int(r["decision"]) == PAUSED}


def interrupted_asha_resumes(stop, max_evals=40):
    """An ASHA search (promotion) is interrupted by `stop(proc, checkpoint)` once it has 10
    rows, a trial has been promoted and another is paused, then resumed with the same command: no finished row
    is lost or changed (byte-equal), every trial paused at the interruption is still paused
    or was continued from the fidelity it paused at (its saved state; no failed row), the
    jobs in flight were re-run under new ids, and the search finishes its budget."""
    from test_resume import rows_of
    with tempdir() as d:
        write(os.path.join(d, "train.sh"), KILLABLE)
        write(os.path.join(d, "search.yaml"), INTERRUPTED.replace("MAX_EVALS", str(max_evals)))
        ckpt = os.path.join(d, "search.h5")
        proc = start_job(d)
        deadline = time.time() + 180  # generous: 2 busy cores
        rows = None
        while time.time() < deadline and proc.poll() is None:
            try:
                rows = rows_of(ckpt)
            except Exception:  # not created yet
                rows = None
            if (rows is not None and len(rows) >= 10 and (rows["rung"] >= 1).any() and
                    paused_trials(rows)):
                break
            time.sleep(0.02)
        check(proc.poll() is None, f"the search ended before 10 rows, a promotion and a pause "
                                   f"(exit {proc.poll()})")
        check(time.time() < deadline, "no promotion and pause within 180 s")
        stop(proc, ckpt)
        before = rows_of(ckpt)
        kept = {int(r["id"]): r.tobytes() for r in before[before["status"] != LOST]}
        paused = paused_trials(before)
        check(paused, "a trial is paused at the interruption")

        resumed = hpsearch_mpi(3, "run", "search.yaml", cwd=d, timeout=300)
        check(resumed.returncode == 0, "the resumed search should finish", resumed)
        check("resuming" in resumed.stdout, "it resumed the checkpoint", resumed)
        rows = rows_of(ckpt)
        by_id = {int(r["id"]): r for r in rows}
        lost = [k for k, b in kept.items() if k not in by_id or by_id[k].tobytes() != b]
        check(not lost, f"finished rows lost or changed by the resume: {lost}", resumed)
        done = rows[rows["status"] != LOST]
        check(len(done) == max_evals, f"the budget: {len(done)} finished rows, expected "
                                      f"{max_evals}", resumed)
        failed = [int(r["id"]) for r in done if int(r["status"]) != OK]
        check(not failed, f"no job failed (a continuation without its state fails): {failed}",
              resumed)
        continued = 0
        for t, (pid, fidelity) in paused.items():
            later = sorted((r for r in done if int(r["trial"]) == t and int(r["id"]) > pid),
                           key=lambda r: int(r["id"]))
            if later:
                check(float(later[0]["from_fidelity"]) == fidelity,
                      f"trial {t}, paused at {fidelity}, continued from "
                      f"{float(later[0]['from_fidelity'])}", resumed)
                continued += 1
        rerun = rows[rows["requeue_of"] >= 0]
        for r in rows[rows["status"] == LOST]:
            again = [x for x in rerun if int(x["requeue_of"]) == int(r["id"])]
            check(len(again) == 1 and int(again[0]["trial"]) == int(r["trial"]) and
                  float(again[0]["from_fidelity"]) == float(r["from_fidelity"]),
                  f"lost job {int(r['id'])} re-run once for its trial from its from-fidelity",
                  resumed)
        promoted_after = int((done["from_fidelity"] > 0).sum()) - int(
            (before[before["status"] != LOST]["from_fidelity"] > 0).sum())
        check(promoted_after > 0, "promotions went on after the resume", resumed)
        print(f"interrupted at {len(kept)} finished rows with {len(paused)} paused trials; "
              f"{int((rows['status'] == LOST).sum())} jobs lost and re-run; {continued} of the "
              f"paused trials continued from their pause; {promoted_after} continuations after "
              f"the resume; {len(done)} finished rows")


def start_job(d):
    from test_resume import start
    return start(3, "run", "search.yaml", cwd=d)


def kill_dash_9_during_asha_loses_nothing_and_completes():
    """Acceptance (issue 15): kill -9 of the whole job (mpirun and every rank) mid-search."""
    from test_resume import kill_job
    interrupted_asha_resumes(lambda proc, ckpt: kill_job(proc))


def sigterm_during_asha_resumes_and_completes():
    """A graceful stop (SIGTERM to the manager: exit 3, jobs in flight abandoned and recorded
    for re-queue), then resume."""
    from test_resume import manager_pid

    def sigterm(proc, ckpt):
        os.kill(manager_pid(ckpt), signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
        check(proc.returncode == 3, f"SIGTERM: exit {proc.returncode}, expected 3\n{out}\n{err}")

    interrupted_asha_resumes(sigterm)


def asha_stopped_at_max_evals_continues_identically():
    """One worker, a deterministic objective (curve_branin): an ASHA search stopped cleanly
    at --max-evals and resumed (twice) hands out the same trial jobs, with the same
    configurations, as the uninterrupted search."""
    problem = """
space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective: {kind: function, name: curve_branin}
search: {strategy: VARIANT, min_fidelity: 1, max_fidelity: 9, reduction_factor: 3}
run: {max_evals: 30, seed: 7}
"""

    def sequence(path):
        rows, _, _ = read_evaluations(path)
        rows = rows[rows["id"].argsort()]
        return [(int(r["trial"]), float(r["from_fidelity"]), float(r["fidelity"]), int(r["rung"]),
                 int(r["decision"]), float(r["p:x1"]), float(r["p:x2"]), float(r["objective"]))
                for r in rows]

    for variant in ("asha", "hyperband"):
        with tempdir() as d:
            write(os.path.join(d, "p.yaml"), problem.replace("VARIANT", variant))
            ref = hpsearch_mpi(2, "run", "p.yaml", "--checkpoint", "ref.h5", cwd=d)
            check(ref.returncode == 0, "the uninterrupted search", ref)
            for max_evals in ("7", "16", "30"):
                part = hpsearch_mpi(2, "run", "p.yaml", "--checkpoint", "cut.h5", "--max-evals",
                                    max_evals, cwd=d)
                check(part.returncode == 0, f"{variant}: the run to {max_evals}", part)
            want, got = sequence(os.path.join(d, "ref.h5")), sequence(os.path.join(d, "cut.h5"))
            check(len(want) == 30 and any(w[1] > 0 for w in want),
                  f"{variant}: 30 rows with continuations", ref)
            check(got == want, f"{variant}: stopped twice and resumed, the search diverged at row "
                               f"{next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), len(got))}",
                  part)
            print(f"{variant}: stopped at 7 and 16, resumed: the same 30 trial jobs")


def validate_prints_the_trial_keys():
    with tempdir() as d:
        write(os.path.join(d, "p.yaml"), STATES.replace("{extra}", ", keep_trial_states: all"))
        proc = hpsearch("validate", "p.yaml", cwd=d)
        check(proc.returncode == 0, "valid", proc)
        check("trial_dir <checkpoint without .h5>.trials" in proc.stdout, "trial_dir printed", proc)
        check("keep_trial_states all" in proc.stdout, "keep_trial_states printed", proc)
        write(os.path.join(d, "bad.yaml"), STATES.replace("{extra}", ", keep_trial_states: some"))
        proc = hpsearch("validate", "bad.yaml", cwd=d)
        check(proc.returncode == 2 and "keep_trial_states" in proc.stderr, "exit 2 naming the key",
              proc)


def torch_example_saves_and_resumes():
    """configs/torch_resume.py: 1 epoch, then 1 -> 2 from its saved state, gives the curve and
    model of 2 epochs straight; configs/torch_resume.yaml validates."""
    probe = subprocess.run(  # finds the module without importing it (seconds on a busy CPU)
        [PYTHON, "-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('torch') "
         "is None)"], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"SKIPPED: {PYTHON} has no torch module (install Debian's python3-torch)")
        sys.exit(SKIP)
    proc = hpsearch("validate", os.path.join(SOURCE_DIR, "configs", "torch_resume.yaml"))
    check(proc.returncode == 0, "the example problem validates", proc)
    args = [PYTHON, EXAMPLE, "--lr", "0.01", "--hidden", "16", "--batch-size", "256", "--seed", "3"]

    def train(trial_dir, fidelity, resume_from):
        env = dict(os.environ, HPS_TRIAL_DIR=trial_dir, HPS_FIDELITY=str(fidelity),
                   HPS_RESUME_FROM=str(resume_from))
        p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
        check(p.returncode == 0, f"training to {fidelity} from {resume_from}", p)
        return [line for line in p.stdout.splitlines() if line.startswith(("progress:", "objective:"))]

    with tempdir() as d:
        paused, straight = os.path.join(d, "paused"), os.path.join(d, "straight")
        os.makedirs(paused)
        os.makedirs(straight)
        first = train(paused, 1, 0)
        check(len(first) == 2 and first[0].startswith("progress: 1 "), f"one epoch: {first}")
        check(os.path.exists(os.path.join(paused, "state.pt")), "the state is saved")
        second = train(paused, 2, 1)
        check(len(second) == 2 and second[0].startswith("progress: 2 "),
              f"the continuation trains epoch 2 only: {second}")
        whole = train(straight, 2, 0)
        check(whole == first[:1] + second, f"paused + resumed {first[:1] + second} equals two "
                                           f"epochs straight {whole}")
        same = subprocess.run(
            [PYTHON, "-c", "import sys, torch; a, b = (torch.load(p)['model'] for p in "
             "sys.argv[1:]); print(sorted(a) == sorted(b) and all(torch.equal(a[k], b[k]) "
             "for k in a))", os.path.join(paused, "state.pt"), os.path.join(straight, "state.pt")],
            capture_output=True, text=True, timeout=300)
        check(same.stdout.strip() == "True", "the resumed model's weights equal the straight "
                                             "run's", same)


if __name__ == "__main__":
    main({f.__name__: f for f in (states_are_written_where_run_paths_says,
                                  finished_trials_states_are_removed_by_default,
                                  a_checkpointing_script_continues_across_promotions,
                                  a_script_without_state_is_rerun_and_recorded_once,
                                  kill_dash_9_during_asha_loses_nothing_and_completes,
                                  sigterm_during_asha_resumes_and_completes,
                                  asha_stopped_at_max_evals_continues_identically,
                                  validate_prints_the_trial_keys,
                                  torch_example_saves_and_resumes)})
