"""Exit codes by category (issue 13, defect 5; issue 14, item 4), on the real binary under
mpirun: an I/O or environment failure is 4 (a later run may continue), a full checkpoint
file system is 5, bad input is 2; and the job-script chain retries 4 a bounded number of
times and never resubmits on 5 (jobscripts/hps-step.sh)."""
import errno
import os
import re
import subprocess
import sys
import threading
import time

from harness import (HPSEARCH, MPIRUN, SOURCE_DIR, check, hpsearch, hpsearch_mpi, main, mpi_env,
                     read_evaluations, tempdir, write)

JOBSCRIPTS = os.path.join(SOURCE_DIR, "jobscripts")
SHIMS = os.path.join(SOURCE_DIR, "tests", "batch", "shims")

PROBLEM = """
space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective: {kind: function, name: branin, sleep: [0.0, 0.005]}
search: {strategy: random}
run: {max_evals: MAX_EVALS, seed: 3}
"""

# A directory nobody may create files in, root included (sysfs refuses with EACCES).
UNWRITABLE = "/sys"


def problem(tmp, max_evals):
    return write(os.path.join(tmp, "p.yaml"), PROBLEM.replace("MAX_EVALS", str(max_evals)))


def finished_rows(path):
    rows, _, _ = read_evaluations(path)
    return {(int(r["id"]), float(r["p:x1"]), float(r["p:x2"]), float(r["objective"]))
            for r in rows if int(r["status"]) == 0}


def unwritable_checkpoint_directory_exits_4():
    """A checkpoint in a directory that cannot be written (read-only, no permission) is the
    environment's failure, not bad input: exit 4, and the message names the path."""
    with tempdir() as tmp:
        path = problem(tmp, 10)
        ckpt = os.path.join(UNWRITABLE, "hpsearch-exit-codes-test.h5")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", ckpt)
        check(proc.returncode == 4, "an unwritable checkpoint directory must exit 4", proc)
        check(ckpt in proc.stderr, "the error names the checkpoint path", proc)
        print(f"--checkpoint {ckpt}: exit 4: {proc.stderr.strip().splitlines()[0]}")


def full_disk_mid_search_exits_4_and_resumes():
    """The checkpoint's file system fills up mid-search (here: a file-size limit, so HDF5's
    writes fail with EFBIG as they would with ENOSPC): the run ends with exit 4, not 2; every
    evaluation recorded before stays readable, and a run without the limit resumes the
    search to its end."""
    max_evals = 400
    limit_kb = 160  # mid-search: the 400 rows of format 4 take 145 KiB, the empty file 38 KiB
    # The ranks only (mpirun's own shared-memory files must not hit the limit): ulimit -f,
    # and SIGXFSZ ignored so that write() fails with EFBIG instead of killing the rank.
    ranks_limited = ["bash", "-c", f'ulimit -f {limit_kb} && trap "" XFSZ && exec "$0" "$@"',
                     HPSEARCH]
    with tempdir() as tmp:
        path = problem(tmp, max_evals)
        ckpt = os.path.join(tmp, "p.h5")
        proc = subprocess.run([MPIRUN, "--oversubscribe", "-n", "3", *ranks_limited, "run", path,
                               "--checkpoint", ckpt], capture_output=True, text=True,
                              timeout=120, env=mpi_env())
        check(proc.returncode == 4, f"a full disk must exit 4 (limit {limit_kb} KiB)", proc)
        check("File too large" in proc.stderr, "the error says what the system said", proc)
        before = finished_rows(ckpt)
        check(0 < len(before) < max_evals, f"{len(before)} rows recorded before the failure")
        resumed = hpsearch_mpi(3, "run", path, "--checkpoint", ckpt, timeout=180)
        check(resumed.returncode == 0, "the resume after the full disk failed", resumed)
        after = finished_rows(ckpt)
        check(before <= after, "every evaluation recorded before the failure is kept")
        check(len(after) == max_evals, f"the resume completes the search: {len(after)} ok rows")
        print(f"file-size limit {limit_kb} KiB: exit 4 after {len(before)} recorded evaluations; "
              f"resumed to {len(after)}, all {len(before)} earlier rows kept")


def unwritten_rows(path):
    """Rows holding the dataset's fill value (id -1): allocated, never written."""
    rows, _, _ = read_evaluations(path)
    return int((rows["id"] == -1).sum())


def fill_file_system(path):
    """Writes zeros to `path` until the file system is full; returns the bytes written."""
    block = bytes(64 * 1024)
    written = 0
    with open(path, "wb", buffering=0) as f:
        while True:
            try:
                written += f.write(block)
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
                if len(block) == 512:
                    return written
                block = bytes(len(block) // 2)


def full_tmpfs_mid_search_exits_5_and_resumes():
    """Issue 14, item 4: the checkpoint lives on a small tmpfs (mounted here; root only) that
    another writer fills up while the search runs. The manager stops dispatching and exits 5
    (storage full), naming the file and the error; the file it leaves is read by h5py and
    holds exactly the rows the manager says it flushed, none of them unwritten (id -1); the
    lock is released; after the filler is removed the same command resumes the search to
    its max_evals, keeping every earlier row."""
    if os.geteuid() != 0:
        print("skipped: mounting a size-limited tmpfs needs root")
        sys.exit(77)
    max_evals = 800
    with tempdir() as tmp:
        mnt = os.path.join(tmp, "small")
        os.mkdir(mnt)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt],
                                 capture_output=True, text=True)
        if mounted.returncode != 0:
            print(f"skipped: cannot mount a tmpfs here: {mounted.stderr.strip()}")
            sys.exit(77)
        try:
            path = problem(tmp, max_evals)
            ckpt = os.path.join(mnt, "p.h5")
            filler = os.path.join(mnt, "filler")
            cmd = [MPIRUN, "--oversubscribe", "-n", "3", HPSEARCH, "run", path, "--checkpoint",
                   ckpt]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, env=mpi_env())
            filled = {}

            def fill_when_grown():
                # Mid-search: once the checkpoint holds a few hundred rows, another writer
                # takes every free block of the file system.
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and proc.poll() is None:
                    if os.path.exists(ckpt) and os.path.getsize(ckpt) >= 64 * 1024:
                        filled["bytes"] = fill_file_system(filler)
                        return
                    time.sleep(0.002)

            filling = threading.Thread(target=fill_when_grown)
            filling.start()
            out, err = proc.communicate(timeout=120)
            filling.join()
            proc = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
            check("bytes" in filled, "the file system was filled mid-search", proc)
            check(proc.returncode == 5, "a full checkpoint file system must exit 5", proc)
            check(ckpt in proc.stderr and "No space left on device" in proc.stderr,
                  "the error names the file and the system's error", proc)
            said = re.search(r"keeps the (\d+) evaluation rows flushed before", proc.stderr)
            check(said is not None, "the error says how many rows the checkpoint keeps", proc)
            check(not os.path.exists(ckpt + ".lock"), "the lock is released", proc)
            rows, _, _ = read_evaluations(ckpt)
            before = finished_rows(ckpt)
            check(unwritten_rows(ckpt) == 0, "no unwritten (fill-value) rows in the file", proc)
            check(len(rows) == int(said.group(1)),
                  f"h5py reads {len(rows)} rows; the manager flushed {said.group(1)}", proc)
            check(0 < len(before) < max_evals, f"{len(before)} ok rows before the full disk", proc)
            show = hpsearch("show", ckpt)
            check(show.returncode == 0 and f"evaluations  {len(rows)} " in show.stdout,
                  "hpsearch show reads the file and counts the same rows", show)
            os.remove(filler)
            resumed = hpsearch_mpi(3, "run", path, "--checkpoint", ckpt, timeout=180)
            check(resumed.returncode == 0, "the resume after freeing space failed", resumed)
            after = finished_rows(ckpt)
            check(before <= after, "every evaluation recorded before the full disk is kept")
            check(len(after) == max_evals, f"the resume completes the search: {len(after)} ok")
            check(unwritten_rows(ckpt) == 0, "no unwritten rows after the resume")
            print(f"tmpfs 8 MiB filled mid-search ({filled['bytes'] // 1024} KiB filler): exit 5 "
                  f"with {len(before)} rows kept, as the manager said; resumed to {len(after)}")
        finally:
            subprocess.run(["umount", "-l", mnt], capture_output=True)


def bad_problem_exits_2():
    """Bad input stays 2, under run and validate alike."""
    with tempdir() as tmp:
        path = write(os.path.join(tmp, "bad.yaml"), PROBLEM.replace("MAX_EVALS", "10")
                     .replace("low: 0.0, high: 15.0", "low: 15.0, high: 0.0"))
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", os.path.join(tmp, "x.h5"))
        check(proc.returncode == 2, "a bad problem must exit 2", proc)
        check("x2" in proc.stderr, "the error names the parameter", proc)
        check(not os.path.exists(os.path.join(tmp, "x.h5")), "nothing is created", proc)
        val = hpsearch("validate", path)
        check(val.returncode == 2, "validate: exit 2", val)


def chain_retries_exit_4_a_bounded_number_of_times():
    """theta-cobalt.sh (under the fake qsub/aprun of tests/batch/shims) with a checkpoint that
    cannot be written: link 1 exits 4 and the chain submits link 2 (HPS_IO_FAILURES=1 passed
    on); link 2 exits 4 again, one more than HPS_MAX_IO_RETRIES=1, so the chain stops with
    exit 4, says what to fix, and submits nothing more."""
    with tempdir() as tmp:
        path = problem(tmp, 10)
        env = mpi_env()
        env.update({"PATH": SHIMS + os.pathsep + env["PATH"], "SHIM_LOG": os.path.join(tmp, "calls"),
                    "SHIM_SCHEDULER": "cobalt", "HPSEARCH_MPIRUN": MPIRUN, "HPS_ROOT": SOURCE_DIR,
                    "HPS_EXE": HPSEARCH, "COBALT_JOBID": "4711", "COBALT_JOBSIZE": "1",
                    "HPS_PROBLEM": path, "HPS_RANKS_PER_NODE": "2", "HPS_DEPTH": "16",
                    "HPS_HT": "1", "HPS_MAX_IO_RETRIES": "1",
                    "HPS_CHECKPOINT": os.path.join(UNWRITABLE, "hpsearch-chain-test.h5")})
        script = os.path.join(JOBSCRIPTS, "theta-cobalt.sh")

        def link(environment):
            return subprocess.run(["bash", script], capture_output=True, text=True,
                                  env=environment, cwd=tmp, timeout=120)

        def qsubs():
            lines = open(os.path.join(tmp, "calls")).read().splitlines()
            check(not any(line.startswith("FAIL") for line in lines), "a shim refused", None)
            return [line for line in lines if line.startswith("qsub ")]

        first = link(env)
        check(first.returncode == 0, "link 1 retries: exits 0 so Cobalt releases link 2", first)
        check("step exit 4" in first.stdout and "retrying as link 2" in first.stdout,
              "link 1 says it retries exit 4", first)
        submitted = qsubs()
        check(len(submitted) == 1 and "HPS_IO_FAILURES=1" in submitted[0],
              f"one continuation carrying HPS_IO_FAILURES=1: {submitted}")
        nxt = dict(env, HPS_IO_FAILURES="1", HPS_LINK="2", COBALT_JOBID="4712")
        second = link(nxt)
        check(second.returncode == 4, "link 2: the chain stops with exit 4", second)
        check("chain stopped" in second.stdout and "fix the cause" in second.stdout,
              "link 2 says why and what to do", second)
        check(len(qsubs()) == 1, "no continuation after the retry budget is spent")
        print("exit 4 twice with HPS_MAX_IO_RETRIES=1: link 1 retried, link 2 stopped the "
              "chain with exit 4")


if __name__ == "__main__":
    main({f.__name__: f for f in [unwritable_checkpoint_directory_exits_4,
                                  full_disk_mid_search_exits_4_and_resumes,
                                  full_tmpfs_mid_search_exits_5_and_resumes, bad_problem_exits_2,
                                  chain_retries_exit_4_a_bounded_number_of_times]})
