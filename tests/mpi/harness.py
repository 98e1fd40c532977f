"""Helpers for hpsearch's end-to-end tests: run the real binary under mpirun, read the
checkpoint back with h5py (an independent reader), fail loudly with context."""
import os
import subprocess
import sys
import tempfile

HPSEARCH = os.environ["HPSEARCH_BINARY"]
SOURCE_DIR = os.environ["HPSEARCH_SOURCE_DIR"]
FIXTURES = os.path.join(SOURCE_DIR, "tests", "fixtures")
MPIRUN = os.environ.get("HPSEARCH_MPIRUN", "mpirun")


def mpi_env():
    env = dict(os.environ)
    env["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    return env


def run(args, timeout=120, cwd=None):
    """Runs a command, returns CompletedProcess with text stdout/stderr."""
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              env=mpi_env(), cwd=cwd)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"timed out after {timeout}s (a hang): {' '.join(args)}\n"
                             f"stdout: {e.stdout}\nstderr: {e.stderr}")


def hpsearch_mpi(ranks, *args, timeout=120, cwd=None):
    return run([MPIRUN, "--oversubscribe", "-n", str(ranks), HPSEARCH, *args],
               timeout=timeout, cwd=cwd)


def hpsearch(*args, timeout=60, cwd=None):
    return run([HPSEARCH, *args], timeout=timeout, cwd=cwd)


def long_form():
    """True for the long form of a `slow` test (CTest test NAME.long, label `long`:
    HPSEARCH_TEST_FORM=long); its bounded form, which tests/run.sh runs, makes the same checks
    on a smaller run."""
    return os.environ.get("HPSEARCH_TEST_FORM", "bounded") == "long"


def check(condition, message, proc=None):
    if not condition:
        if proc is not None:
            message += f"\n--- exit {proc.returncode}\n--- stdout:\n{proc.stdout}\n--- stderr:\n{proc.stderr}"
        raise AssertionError(message)


def read_evaluations(path):
    import h5py  # Debian's python3-h5py; imported here so a missing module names this test
    with h5py.File(path, "r") as f:
        rows = f["evaluations"][:]
        attrs = dict(f.attrs)
        status_enum = h5py.check_enum_dtype(f["evaluations"].dtype.fields["status"][0])
    return rows, attrs, status_enum


def tempdir():
    return tempfile.TemporaryDirectory(prefix="hpsearch-test-")


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def main(tests):
    """Runs the test named on the command line (CTest runs one per process)."""
    name = sys.argv[1]
    tests[name]()
    print(f"1 passed, 0 failed: {name}")
