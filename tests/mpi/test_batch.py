"""Batch systems (issue 8): deadline-driven and signal-driven graceful stops on the real
binary, the job scripts of jobscripts/ under fake qsub/aprun/mpiexec/qstat shims (Cobalt,
PBS) and under a real local Slurm (tests/batch, /work/shared/slurm-local.sh)."""
import contextlib
import fcntl
import os
import re
import shlex
import signal
import subprocess
import time

from harness import (HPSEARCH, MPIRUN, SOURCE_DIR, check, hpsearch_mpi, hpsearch_status, long_form,
                     main, mpi_env, tempdir, write)

LOST = 4  # Status::lost in the HDF5 enum
SHIMS = os.path.join(SOURCE_DIR, "tests", "batch", "shims")
JOBSCRIPTS = os.path.join(SOURCE_DIR, "jobscripts")

PROBLEM = """
space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective: {kind: function, name: branin, sleep: [SLEEP_LOW, SLEEP_HIGH]}
search: {strategy: random}
run: {max_evals: MAX_EVALS, seed: 5}
"""


def problem(tmp, max_evals, sleep, name="p.yaml"):
    return write(os.path.join(tmp, name),
                 PROBLEM.replace("MAX_EVALS", str(max_evals)).replace("SLEEP_LOW", str(sleep[0]))
                 .replace("SLEEP_HIGH", str(sleep[1])))


def rows_of(path):
    import h5py
    with h5py.File(path, "r", locking=False) as f:
        return f["evaluations"][:]


def allocations_of(path):
    import h5py
    with h5py.File(path, "r", locking=False) as f:
        return f["allocations"][:]


def check_complete(ckpt, max_evals):
    """Exactly max_evals finished ok rows, unique ids, and every lost row re-run once."""
    rows = rows_of(ckpt)
    ids = [int(i) for i in rows["id"]]
    check(len(ids) == len(set(ids)), f"duplicate ids in {ckpt}")
    ok = int((rows["status"] == 0).sum())
    check(ok == max_evals, f"{ok} ok evaluations, expected {max_evals}")
    lost = sorted(int(i) for i in rows["id"][rows["status"] == LOST])
    rerun = sorted(int(i) for i in rows["requeue_of"][rows["requeue_of"] >= 0])
    check(lost == rerun, f"lost {lost} but re-run {rerun}")
    return len(lost)


def start_mpi(ranks, *args, cwd=None):
    return subprocess.Popen([MPIRUN, "--oversubscribe", "-n", str(ranks), HPSEARCH, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=mpi_env(), cwd=cwd, start_new_session=True)


def wait_for(predicate, what, timeout=30):
    """Polls `predicate` until it holds. The predicates read a checkpoint its manager is
    writing, with h5py straight from the file: such a read can meet a half-written update
    (rehearsal ci22: "addr overflow" from h5py) or a file not created yet, so an OSError or
    KeyError counts as "not yet" and the last one is reported on a timeout."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            if predicate():
                return
        except (OSError, KeyError) as e:
            last = e
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}" +
                         (f" (last read failed: {last})" if last else ""))


def latency_of(out):
    for line in out.splitlines():
        if line.startswith("hpsearch: stop latency "):
            return float(line.split()[3])
    raise AssertionError(f"no stop latency line in:\n{out}")


def deadline_20s_margin_15s_stops_at_5s():
    """--deadline now+20 s with --walltime-margin 15s: the search stops at ~5 s (exit 3),
    records its running evaluations in flight, and a resume re-runs them."""
    with tempdir() as tmp:
        path = problem(tmp, 100000, (0.2, 0.6))
        ckpt = os.path.join(tmp, "d.h5")
        t0 = time.time()
        deadline = int(t0) + 20  # whole seconds, as epoch text
        proc = start_mpi(4, "run", path, "--checkpoint", ckpt, "--deadline", str(deadline),
                         "--walltime-margin", "15s")
        out, err = proc.communicate(timeout=60)
        took = time.time() - t0
        stop_at = deadline - 15 - t0
        check(hpsearch_status(proc.returncode, out + err) == 3,
              f"exit {proc.returncode}, expected 3\n{out}\n{err}")
        check("(--deadline, in " in out, "the start line names the deadline and its source", proc)
        check("stopped by walltime" in out, "the manager says why it stopped", proc)
        check(stop_at - 0.5 <= took <= stop_at + 3.0,
              f"stopped {took:.2f}s after the start, expected ~{stop_at:.1f}s")
        latency = latency_of(out)
        check(latency < 2.0, f"stop latency {latency:.2f}s")
        reason = allocations_of(ckpt)[0]["exit_reason"].decode()
        check(reason == "stopped by walltime", f"exit reason {reason!r}")
        fast = problem(tmp, len(rows_of(ckpt)) + 10, (0, 0), name="fast.yaml")
        resumed = hpsearch_mpi(4, "run", fast, "--checkpoint", ckpt, "--max-evals",
                               str(int((rows_of(ckpt)["status"] == 0).sum()) + 10))
        check(resumed.returncode == 0, "resume failed", resumed)
        rows = rows_of(ckpt)
        lost = int((rows["status"] == LOST).sum())
        check(lost == 3, f"{lost} lost rows: the 3 busy workers' jobs must be in flight")
        check(int((rows["requeue_of"] >= 0).sum()) == lost, "each lost job is re-run")
        print(f"deadline +20 s, margin 15 s: exit 3 after {took:.2f}s (expected "
              f"~{stop_at:.1f}s), stop latency {latency:.3f}s, {lost} re-queued and re-run")


def drain_lets_running_evaluations_finish():
    """--drain 20: SIGUSR1 to mpirun stops dispatching; the running 1-2 s evaluations finish
    and are recorded (none lost), then the search exits 3 cleanly, no abort."""
    with tempdir() as tmp:
        path = problem(tmp, 1000, (1.0, 2.0))
        ckpt = os.path.join(tmp, "drain.h5")
        proc = start_mpi(4, "run", path, "--checkpoint", ckpt, "--drain", "20")
        wait_for(lambda: os.path.exists(ckpt + ".lock") and len(rows_of(ckpt)) >= 3, "3 rows")
        t = time.time()
        os.kill(proc.pid, signal.SIGUSR1)
        out, err = proc.communicate(timeout=60)
        took = time.time() - t
        check(proc.returncode == 3, f"exit {proc.returncode}\n{out}\n{err}")
        check("aborting" not in out, "every worker finished within the drain", proc)
        check(took < 4.0, f"{took:.2f}s to drain 1-2 s evaluations")
        check("0 evaluations in flight" in out, "nothing left in flight", proc)
        print(f"drain 20 s: exit 3 {took:.2f}s after SIGUSR1, nothing in flight, "
              f"stop latency {latency_of(out):.2f}s")


def second_signal_cuts_the_drain_short():
    """--drain 60 with 20-30 s evaluations: after SIGUSR1 the manager waits; a second SIGUSR1
    aborts at once (exit 3), the busy workers' jobs recorded in flight."""
    with tempdir() as tmp:
        path = problem(tmp, 6, (20, 30))
        ckpt = os.path.join(tmp, "cut.h5")
        proc = start_mpi(4, "run", path, "--checkpoint", ckpt, "--drain", "60")
        wait_for(lambda: os.path.exists(ckpt + ".lock"), "the lock")
        time.sleep(2.0)
        os.kill(proc.pid, signal.SIGUSR1)
        time.sleep(2.0)
        check(proc.poll() is None, "the first signal must drain, not stop at once")
        t = time.time()
        os.kill(proc.pid, signal.SIGUSR1)
        out, err = proc.communicate(timeout=30)
        took = time.time() - t
        check(hpsearch_status(proc.returncode, out + err) == 3,
              f"exit {proc.returncode}\n{out}\n{err}")
        check(took < 3.0, f"{took:.2f}s after the second signal")
        check("cut short by a second signal" in out, "the manager says why", proc)
        check("3 evaluations in flight" in out, "3 jobs in flight", proc)
        print(f"second SIGUSR1 during a 60 s drain: exit 3 {took:.2f}s later, 3 in flight")


def shim_env(tmp, scheduler, extra):
    env = mpi_env()
    env.update({"PATH": SHIMS + os.pathsep + env["PATH"], "SHIM_LOG": os.path.join(tmp, "calls"),
                "SHIM_SCHEDULER": scheduler, "HPSEARCH_MPIRUN": MPIRUN, "HPS_ROOT": SOURCE_DIR,
                "HPS_EXE": HPSEARCH})
    env.update(extra)
    return env


def calls(tmp, name):
    path = os.path.join(tmp, "calls")
    lines = open(path).read().splitlines() if os.path.exists(path) else []
    check(not any(line.startswith("FAIL") for line in lines), "a shim refused:\n" + "\n".join(lines))
    return [shlex.split(line)[1:] for line in lines if line.split()[0] == name]


def run_script(script, env, cwd, timeout=120):
    return subprocess.run(["bash", os.path.join(JOBSCRIPTS, script)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=timeout)


def next_link_env(env, items, sep):
    """The environment qsub was asked to give the next link."""
    nxt = dict(env)
    for item in items.split(sep):
        name, _, value = item.partition("=")
        nxt[name] = value
    return nxt


def cobalt_chain_with_shims():
    """theta-cobalt.sh under fake qsub/aprun: COBALT_ENDTIME 25 s ahead with a 15 s margin
    stops the search gracefully at ~10 s (exit 3); the script submits its continuation with
    --dependencies $COBALT_JOBID and exits 0; the next link finishes the search."""
    with tempdir() as tmp:
        max_evals = 150
        path = problem(tmp, max_evals, (0.3, 0.6))
        t0 = time.time()
        env = shim_env(tmp, "cobalt", {
            "COBALT_JOBID": "4711", "COBALT_JOBSIZE": "1", "COBALT_PARTNAME": "nid0001",
            "COBALT_STARTTIME": str(int(t0)), "COBALT_ENDTIME": str(int(t0) + 25),
            "HPS_PROBLEM": path, "HPS_RANKS_PER_NODE": "4", "HPS_DEPTH": "16", "HPS_HT": "1",
            "HPS_RUN_ARGS": "--walltime-margin 15s"})
        first = run_script("theta-cobalt.sh", env, tmp)
        took = time.time() - t0
        check(first.returncode == 0, "link 1 must exit 0 so Cobalt releases the next", first)
        check("stopped by walltime" in first.stdout and "step exit 3" in first.stdout,
              "link 1 stopped on COBALT_ENDTIME", first)
        check(7.0 <= took <= 16.0, f"link 1 took {took:.1f}s, expected ~10 s (25 s - 15 s)")
        aprun = calls(tmp, "aprun")
        check(aprun and aprun[0][:10] == ["-n", "4", "-N", "4", "-d", "16", "-j", "1", "-cc",
                                          "depth"], f"aprun call {aprun}")
        qsub = calls(tmp, "qsub")
        check(len(qsub) == 1 and qsub[0][:2] == ["--dependencies", "4711"], f"qsub {qsub}")
        nxt = next_link_env(env, qsub[0][3], ":")
        check(nxt["HPS_LINK"] == "2" and nxt["HPS_PROBLEM"] == path, f"next link env {qsub[0][3]}")
        nxt.update({"COBALT_JOBID": "4712", "COBALT_ENDTIME": str(int(time.time()) + 3600)})
        second = run_script(qsub[0][4], nxt, tmp, timeout=180)
        check(second.returncode == 0 and "chain done" in second.stdout, "link 2 finishes", second)
        check(len(calls(tmp, "qsub")) == 1, "no continuation after the search finished")
        rerun = check_complete(os.path.join(tmp, "p.h5"), max_evals)
        print(f"cobalt: link 1 stopped on COBALT_ENDTIME after {took:.1f}s (exit 3 -> script "
              f"exit 0, qsub --dependencies 4711), link 2 finished; {max_evals} ok, "
              f"{rerun} re-run")


def pbs_chain_with_shims():
    """polaris-pbs.sh under fake qsub/mpiexec/qstat: (1) qstat's start + walltime 25 s with a
    15 s margin stops link 1 at ~10 s, continuation with -W depend=afterany:$PBS_JOBID;
    (2) SIGTERM to the job script mid-run is forwarded as SIGUSR1: step exit 3, continuation
    submitted; (3) SIGTERM to the script's whole process group: the launcher runs in its own
    group (hps_run_step), so only the script gets it and forwards SIGUSR1: step exit 3
    (a SIGTERM that reaches mpirun too makes it exit 1, also read as 3); (4) the last link
    finishes the search: every evaluation is there exactly once."""
    with tempdir() as tmp:
        max_evals = 200
        path = problem(tmp, max_evals, (0.3, 0.6))
        nodefile = write(os.path.join(tmp, "nodes"), "x3006c0s13b0n0\n")
        t0 = time.time()
        env = shim_env(tmp, "pbs", {
            "PBS_JOBID": "100.polaris-pbs-01", "PBS_NODEFILE": nodefile, "PBS_O_WORKDIR": tmp,
            "SHIM_PBS_STIME": str(int(t0)), "SHIM_PBS_WALLTIME": "00:00:25",
            "HPS_PROBLEM": path, "HPS_RANKS_PER_NODE": "4", "HPS_DEPTH": "8",
            "HPS_RUN_ARGS": "--walltime-margin 15s"})
        first = run_script("polaris-pbs.sh", env, tmp)
        took = time.time() - t0
        check(first.returncode == 0 and "step exit 3" in first.stdout, "link 1", first)
        check("qstat stime + walltime" in first.stdout, "deadline from qstat", first)
        check(7.0 <= took <= 16.0, f"link 1 took {took:.1f}s, expected ~10 s")
        mpiexec = calls(tmp, "mpiexec")
        check(mpiexec[0][:8] == ["-n", "4", "--ppn", "4", "--depth", "8", "--cpu-bind", "depth"],
              f"mpiexec call {mpiexec}")
        qsub = calls(tmp, "qsub")
        check(len(qsub) == 1 and qsub[0][:2] == ["-W", "depend=afterany:100.polaris-pbs-01"],
              f"qsub {qsub}")
        links = [("qstat", took)]
        for n, target in ((2, "shell"), (3, "group")):
            nxt = next_link_env(env, calls(tmp, "qsub")[-1][3], ",")
            check(nxt["HPS_LINK"] == str(n), f"link {n} env")
            nxt.update({"PBS_JOBID": f"10{n}.polaris-pbs-01", "SHIM_PBS_STIME": str(int(time.time())),
                        "SHIM_PBS_WALLTIME": "01:00:00"})
            ckpt = os.path.join(tmp, "p.h5")
            done_before = len(rows_of(ckpt))
            proc = subprocess.Popen(["bash", os.path.join(JOBSCRIPTS, "polaris-pbs.sh")],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env=nxt, cwd=tmp, start_new_session=True)
            wait_for(lambda: os.path.exists(ckpt + ".lock") and
                     len(rows_of(ckpt)) >= done_before + 10, f"link {n} running")
            t = time.time()
            if target == "shell":
                os.kill(proc.pid, signal.SIGTERM)
            else:
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                out, err = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                out, err = proc.communicate()
                ps = subprocess.run(["ps", "-eo", "pid,pgid,sid,stat,args"], capture_output=True,
                                    text=True).stdout
                raise AssertionError(f"link {n} (SIGTERM to the {target}) still running 60 s "
                                     f"later\n{out}\n{err}\n{ps}")
            stop = time.time() - t
            check(proc.returncode == 0, f"link {n}: exit {proc.returncode}\n{out}\n{err}")
            check(stop < 5.0, f"link {n} took {stop:.2f}s to stop after SIGTERM")
            check("received SIGTERM: forwarding SIGUSR1" in out and
                  "step exit 3 (after SIGTERM)" in out, f"link {n} log:\n{out}\n{err}")
            check(len(calls(tmp, "qsub")) == n, f"link {n} submitted its continuation")
            links.append((f"SIGTERM to the {target}", stop))
        nxt = next_link_env(env, calls(tmp, "qsub")[-1][3], ",")
        nxt.update({"PBS_JOBID": "104.polaris-pbs-01", "SHIM_PBS_STIME": str(int(time.time())),
                    "SHIM_PBS_WALLTIME": "01:00:00"})
        last = run_script("polaris-pbs.sh", nxt, tmp, timeout=240)
        check(last.returncode == 0 and "chain done" in last.stdout, "link 4 finishes", last)
        rerun = check_complete(os.path.join(tmp, "p.h5"), max_evals)
        print("pbs: " + ", ".join(f"link {i + 1} stopped by {how} in {s:.2f}s"
                                  for i, (how, s) in enumerate(links)) +
              f", link 4 finished; {max_evals} ok, {rerun} re-run")


def session_members(sid):
    """Pids of the live processes of session `sid` (the job script's, started with
    start_new_session: its launcher has its own process group in the same session)."""
    pids = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            pids.append(int(entry))
    return pids


def kill_session(sid):
    for pid in session_members(sid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def pbs_hung_launcher_is_killed_after_the_stop():
    """hps_run_step's wait after a forwarded stop is bounded. (1) A launcher (fake mpiexec)
    that hangs after the manager stopped and released the checkpoint lock, ignoring
    SIGTERM: HPS_TEARDOWN_GRACE=2 s after the release its process group is SIGTERMed, then
    SIGKILLed 5 s later; the checkpoint records the graceful stop, so the step reads as 3
    and the continuation is submitted. (2) A launcher deaf to the stop (the lock is never
    released): killed HPS_STOP_GRACE=4 s after the stop; the chain goes on whatever the
    checkpoint says. No launcher process is left behind, and no wait is unbounded."""
    with tempdir() as tmp:
        path = problem(tmp, 100000, (0.2, 0.4))
        nodefile = write(os.path.join(tmp, "nodes"), "x3006c0s13b0n0\n")
        ckpt = os.path.join(tmp, "p.h5")
        results = []
        for n, (mode, bound) in enumerate((("after_release", 15.0), ("deaf", 17.0)), start=1):
            env = shim_env(tmp, "pbs", {
                "PBS_JOBID": f"20{n}.polaris-pbs-01", "PBS_NODEFILE": nodefile,
                "PBS_O_WORKDIR": tmp, "SHIM_PBS_STIME": str(int(time.time())),
                "SHIM_PBS_WALLTIME": "01:00:00", "HPS_PROBLEM": path, "HPS_LINK": str(n),
                "HPS_RANKS_PER_NODE": "4", "HPS_DEPTH": "8", "SHIM_LAUNCHER_HANG": mode,
                "HPS_TEARDOWN_GRACE": "2", "HPS_STOP_GRACE": "4" if mode == "deaf" else "60"})
            hung = os.path.join(tmp, "calls.hung")
            if os.path.exists(hung):
                os.remove(hung)
            done_before = len(rows_of(ckpt)) if os.path.exists(ckpt) else 0
            proc = subprocess.Popen(["bash", os.path.join(JOBSCRIPTS, "polaris-pbs.sh")],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env=env, cwd=tmp, start_new_session=True)
            try:
                wait_for(lambda: os.path.exists(ckpt + ".lock") and
                         len(rows_of(ckpt)) >= done_before + 6, f"link {n} running", timeout=60)
                t = time.time()
                os.kill(proc.pid, signal.SIGTERM)
                out, err = proc.communicate(timeout=60)
                took = time.time() - t
            finally:
                if proc.poll() is None:
                    kill_session(proc.pid)
                    proc.communicate()
            result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
            check(proc.returncode == 0, f"link {n} ({mode}) must submit its continuation", result)
            check(len(calls(tmp, "qsub")) == n, f"link {n} submitted its continuation", result)
            check(took < bound, f"link {n} ({mode}) took {took:.1f}s after SIGTERM (bound "
                  f"{bound}s)", result)
            check(os.path.exists(hung), f"link {n}: the fake launcher hung", result)
            check("SIGKILL to its process group" in out, f"link {n}: the hung launcher is "
                  "SIGKILLed", result)
            # Everything of the job is gone: the hung launcher and whatever it started.
            wait_for(lambda: not session_members(proc.pid), f"link {n}'s processes gone", 10)
            if mode == "after_release":
                check("the manager released" in out and "HPS_TEARDOWN_GRACE" in out,
                      "the kill follows the manager's release", result)
                check("records a graceful stop: read as 3" in out and
                      "step exit 3 (after SIGTERM)" in out, "read as a graceful stop", result)
            else:
                check("(HPS_STOP_GRACE) after the stop" in out and "the manager released"
                      not in out, "the deaf launcher is killed by HPS_STOP_GRACE", result)
                check("step killed (exit " in out, "the kill is said", result)
            killed = next(line for line in out.splitlines() if "step killed (exit " in line)
            results.append(f"link {n} ({mode}): script exit 0 {took:.1f}s after SIGTERM, "
                           f"{killed.split('] ', 1)[1]}")
        print("hung launcher:\n" + "\n".join(results))


SLURM_LOCAL = os.path.join(SOURCE_DIR, "tests", "batch", "slurm-local.sh")


@contextlib.contextmanager
def slurm_ports_of_this_machine():
    """slurm-local.sh's daemons listen on fixed ports (6817 and 6818), so two test suites on
    one machine (two build trees, two rehearsals side by side) cannot run their local Slurm
    at once: the second start fails ("node never became idle: slurm_load_partitions: Zero
    Bytes were transmitted or received", seen with two rehearsals running together). Held
    for the whole Slurm test; the other suite's test waits for it."""
    with open("/tmp/hpsearch-slurm-local.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def slurm(env, *args, check_ok=True):
    proc = subprocess.run([SLURM_LOCAL, *args], capture_output=True, text=True, env=env, timeout=120)
    if check_ok:
        check(proc.returncode == 0, f"slurm-local.sh {' '.join(args)} failed", proc)
    return proc


def log_time(line):
    """Seconds of the day of a `[hpsearch-job 2024-05-01T12:00:00.123Z] ...` line."""
    stamp = line.split()[1].rstrip("]Z").split("T")[1]
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def link_report(out_path):
    """(step exit, signal seen, signal -> step exit seconds or None, chain verdict, log)."""
    text = open(out_path).read()
    code = None
    latency = None
    signaled_at = None
    for line in text.splitlines():
        if line.startswith("[hpsearch-job ") and "received SIGUSR1" in line:
            signaled_at = log_time(line)
        if line.startswith("[hpsearch-job ") and "] step exit " in line:
            code = int(line.split("] step exit ")[1].split()[0])
            if signaled_at is not None:
                latency = log_time(line) - signaled_at
    inside = re.search(r"^hpsearch: stop latency ([0-9.]+) s", text, re.M)
    if latency is not None and inside:
        latency = (latency, float(inside.group(1)))
    verdict = ("done" if "chain done" in text else "continued" if "submitted link" in text
               else "stopped" if "chain stopped" in text else "?")
    return code, "received SIGUSR1" in text, latency, verdict, text


def slurm_chain_of_1_minute_jobs():
    """The unmodified jobscripts/slurm.sbatch on a real local Slurm 22.05: 1-minute links
    with --signal=B:USR1@45, a problem needing ~2.5 min of evaluations on 2 workers. The
    chain runs >= 3 links, each stopped by its USR1 (forwarded by the batch shell to the
    srun step), the last ends with exit 0, and the checkpoint holds exactly max_evals ok
    evaluations with unique ids, every lost one re-run once. The long form
    (mpi.slurm_chain_of_1_minute_jobs.long) needs ~150 s of evaluations (5-7 links); the
    bounded form ~90 s (a link evaluates for ~20-25 s: 3-5 links), same checks."""
    # 2 workers x ~2 s each: max_evals seconds of evaluations
    max_evals = 150 if long_form() else 90
    with tempdir() as tmp:
        os.chmod(tmp, 0o755)
        path = problem(tmp, max_evals, (1.5, 2.5))
        env = mpi_env()
        env["SLURM_LOCAL_DIR"] = os.path.join(tmp, "slurm")
        env["SLURM_CONF"] = os.path.join(tmp, "slurm", "etc", "slurm.conf")
        sbatch_args = "--time=1 --signal=B:USR1@45 --nodes=1 --ntasks-per-node=3 --output=slurm-%j.out"
        env.update({"HPS_PROBLEM": path, "HPS_EXE": HPSEARCH, "HPS_MAX_LINKS": "8",
                    "HPS_SBATCH_ARGS": sbatch_args, "HPS_RUN_ARGS": "--walltime-margin 10s"})
        with slurm_ports_of_this_machine():
            try:
                slurm(env, "start")  # inside: a failed start's daemons are stopped too
                t0 = time.time()
                first = subprocess.run(["sbatch", "--parsable", *sbatch_args.split(),
                                        os.path.join(JOBSCRIPTS, "slurm.sbatch")],
                                       capture_output=True, text=True, env=env, cwd=tmp, timeout=60)
                check(first.returncode == 0, "sbatch failed", first)
                deadline = t0 + 600
                while time.time() < deadline:
                    queue = subprocess.run(["squeue", "-h", "-o", "%i"], capture_output=True,
                                           text=True, env=env, timeout=60).stdout.split()
                    outs = sorted(f for f in os.listdir(tmp) if f.startswith("slurm-"))
                    if not queue and outs and link_report(os.path.join(tmp, outs[-1]))[3] != "continued":
                        break
                    time.sleep(2)
                else:
                    raise AssertionError("the chain did not end within 10 min")
                total = time.time() - t0
                outs = sorted((f for f in os.listdir(tmp) if f.startswith("slurm-")),
                              key=lambda f: int(f[6:-4]))
                reports = [link_report(os.path.join(tmp, f)) for f in outs]
                lines = []
                for i, (f, (code, signaled, latency, verdict, text)) in enumerate(zip(outs, reports)):
                    stop = "no signal"
                    if latency is not None and not isinstance(latency, tuple) and \
                            re.search(r"^hpsearch: finished \(", text, re.M):
                        # The signal came as the search finished on its own (a race the chain
                        # must survive): no graceful stop to time; the next link finds it done.
                        stop = f"SIGUSR1 as the search finished (step exit {latency:.2f}s later)"
                    elif latency is not None:
                        check(isinstance(latency, tuple) and latency[0] < 5.0,
                              f"link {i + 1}: stop latency {latency}:\n{text}")
                        stop = (f"SIGUSR1 -> step exit {latency[0]:.2f}s (in hpsearch: signal -> "
                                f"exit {latency[1]:.2f}s)")
                    lines.append(f"link {i + 1} (job {f[6:-4]}): step exit {code}, {stop}, {verdict}")
                    if i + 1 < len(reports):
                        check(code == 3 and verdict == "continued", f"link {i + 1}:\n{text}")
                print("\n".join(lines))
                check(len(reports) >= 3, f"only {len(reports)} links")
                check(reports[-1][0] == 0 and reports[-1][3] == "done",
                      f"the last link must finish the search:\n{reports[-1][4]}")
                rerun = check_complete(os.path.join(tmp, "p.h5"), max_evals)
                allocations = allocations_of(os.path.join(tmp, "p.h5"))
                check(len(allocations) == len(reports), f"{len(allocations)} allocations recorded")
                print(f"slurm: {len(reports)} links in {total:.0f}s, {max_evals} ok evaluations, "
                      f"unique ids, {rerun} re-run; exit reasons "
                      f"{[a['exit_reason'].decode() for a in allocations]}")
            finally:
                slurm(env, "stop", check_ok=False)


if __name__ == "__main__":
    main({f.__name__: f for f in [deadline_20s_margin_15s_stops_at_5s,
                                  drain_lets_running_evaluations_finish,
                                  second_signal_cuts_the_drain_short, cobalt_chain_with_shims,
                                  pbs_chain_with_shims, pbs_hung_launcher_is_killed_after_the_stop,
                                  slurm_chain_of_1_minute_jobs]})
