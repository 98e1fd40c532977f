"""Helpers for hpsearch's end-to-end tests: run the real binary under mpirun, read the
checkpoint back with h5py (an independent reader), fail loudly with context."""
import os
import re
import signal
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


def hpsearch_status(returncode, output):
    """The exit status hpsearch chose for an mpirun run: mpirun's own, except when Open MPI
    4.1's mpirun died of SIGSEGV in its own PMIx_server_finalize after rank 0 called
    MPI_Abort (seen under load in CI rehearsals: exit -11 whatever the ranks returned). It
    has printed the error code rank 0 passed to MPI_Abort by then, and that code is
    hpsearch's status. `output`: mpirun's stdout and stderr."""
    if returncode == -signal.SIGSEGV and "PMIx_server_finalize" in output:
        m = re.search(r"MPI_ABORT was invoked on rank 0 in communicator MPI_COMM_WORLD\s+"
                      r"with errorcode (\d+)", output)
        if m:
            return int(m.group(1))
    return returncode


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
