"""End-to-end: trials' state directories (issue 15, run.trial_dir) under `mpirun`, and the
PyTorch example (configs/torch_resume.py) saving and resuming its training state."""
import glob
import os
import subprocess
import sys

from harness import SOURCE_DIR, check, hpsearch, hpsearch_mpi, main, tempdir, write

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
    for extra, where in (("", "search.trials"), (", trial_dir: scratch/states", "scratch/states")):
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
            if extra:
                check(not os.path.exists(os.path.join(d, "search.trials")),
                      "no default directory when run.trial_dir is given", proc)


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
                                  validate_prints_the_trial_keys,
                                  torch_example_saves_and_resumes)})
