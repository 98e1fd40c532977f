"""Damaged checkpoints that crash or hang libhdf5 1.10 (tests/fixtures/damaged/, found by the
checkpoint_file fuzzer): `hpsearch show`, `export`, `status` and a resuming
`mpirun -n 2 hpsearch run` read the file in a child process first (store/read_guard.hpp), so
each ends with exit 2 and a message naming the file and what happened, never a signal, a
core dump or a hang; the file is left as it was (same bytes, no lock left beside it)."""
import glob
import hashlib
import os
import shutil

from harness import FIXTURES, check, hpsearch, hpsearch_mpi, main, tempdir, write

DAMAGED = os.path.join(FIXTURES, "damaged")
TIMEOUT = "2"  # --read-timeout for the hanging files: seconds

PROBLEM = """
space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective: {kind: function, name: branin}
search: {strategy: random}
run: {max_evals: 10, seed: 3}
"""


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def expected_message(name):
    if name.startswith("crash-"):
        return "libhdf5 crashed reading it (SIG"
    return f"did not finish reading it within {TIMEOUT} s"


def fixtures():
    files = sorted(glob.glob(os.path.join(DAMAGED, "crash-*.h5")) +
                   glob.glob(os.path.join(DAMAGED, "hang-*.h5")))
    check(any(os.path.basename(f).startswith("crash-") for f in files) and
          any(os.path.basename(f).startswith("hang-") for f in files),
          f"{DAMAGED} must hold crash-*.h5 and hang-*.h5 files")
    return files


def check_refused(proc, what, copy, name, cwd):
    check(proc.returncode == 2, f"{what} on {name}: must exit 2 (negative: a signal)", proc)
    check(f"cannot read checkpoint {copy}" in proc.stderr, f"{what}: the message names the file",
          proc)
    check(expected_message(name) in proc.stderr, f"{what}: the message says what happened", proc)
    check("h5check" in proc.stderr and "--fresh" in proc.stderr,
          f"{what}: the message says what the user can do", proc)
    cores = [f for f in os.listdir(cwd) if f.startswith("core")]
    check(not cores, f"{what}: no core file ({cores})", proc)


def damaged_checkpoints_are_refused_with_exit_2():
    for fixture in fixtures():
        name = os.path.basename(fixture)
        with tempdir() as tmp:
            copy = os.path.join(tmp, name)
            shutil.copyfile(fixture, copy)
            before = digest(copy)
            timeout = ["--read-timeout", TIMEOUT]
            show = hpsearch("show", copy, *timeout, cwd=tmp)
            check_refused(show, "show", copy, name, tmp)
            csv = os.path.join(tmp, "out.csv")
            export = hpsearch("export", copy, "--csv", csv, *timeout, cwd=tmp)
            check_refused(export, "export", copy, name, tmp)
            check(not os.path.exists(csv), "export: no CSV written", export)
            status = hpsearch("status", copy, *timeout, cwd=tmp)
            check_refused(status, "status", copy, name, tmp)
            problem = write(os.path.join(tmp, "p.yaml"), PROBLEM)
            run = hpsearch_mpi(2, "run", problem, "--checkpoint", copy, *timeout, timeout=120,
                               cwd=tmp)
            check_refused(run, "run (resume)", copy, name, tmp)
            check("cannot resume" in run.stderr, "run: the message says the resume failed", run)
            check(digest(copy) == before, f"{name}: the file must be left untouched")
            check(not os.path.exists(copy + ".lock"), f"{name}: the lock is released", run)
            print(f"{name}: show, export, status, run exit 2: "
                  f"{show.stderr.strip().splitlines()[0][:160]}")


if __name__ == "__main__":
    main({"damaged_checkpoints_are_refused_with_exit_2":
          damaged_checkpoints_are_refused_with_exit_2})
