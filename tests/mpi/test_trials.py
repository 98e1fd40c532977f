"""End-to-end: trials' state directories (issue 15, run.trial_dir) under `mpirun`, and the
PyTorch example (configs/torch_resume.py) saving and resuming its training state."""
import glob
import os
import subprocess
import sys

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


def a_multi_fidelity_search_is_not_resumed():
    """Resuming a multi-fidelity checkpoint is refused with exit 2, the file untouched."""
    d_ctx, d, rows, proc = asha_run("checkpoint")
    with d_ctx:
        path = os.path.join(d, "search.h5")
        before = open(path, "rb").read()
        again = hpsearch_mpi(2, "run", "search.yaml", "--max-evals", "30", cwd=d, timeout=60)
        check(again.returncode == 2, "exit 2", again)
        check("multi-fidelity" in again.stderr and "--fresh" in again.stderr,
              "the message says why and what to do", again)
        check(open(path, "rb").read() == before, "the checkpoint is untouched", again)


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
                                  a_multi_fidelity_search_is_not_resumed,
                                  validate_prints_the_trial_keys,
                                  torch_example_saves_and_resumes)})
