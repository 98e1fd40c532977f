"""End-to-end checkpoint and resume (issue 4): kills, graceful stops, refusals and exact
continuation, on the real binary under mpirun; checkpoints read back with h5py and h5dump."""
import os
import random
import signal
import socket
import subprocess
import time

from harness import (HPSEARCH, MPIRUN, SOURCE_DIR, check, hpsearch, hpsearch_mpi, hpsearch_status,
                     main, mpi_env, read_evaluations, run, tempdir, write)

LOST = 4  # Status::lost in the HDF5 enum

PROBLEM = """
space:
  x1: {type: real, low: -5.0, high: 5.0}
  x2: {type: real, low: -5.0, high: 5.0}
  n: {type: int, low: 1, high: 100}
  c: {type: categorical, choices: [a, b, c]}
objective: {kind: function, name: SPHERE_OR_NOT, sleep: [SLEEP_LOW, SLEEP_HIGH]}
search: {strategy: STRATEGY}
run: {max_evals: MAX_EVALS, seed: 11}
"""


def problem(tmp, max_evals, sleep=(0.01, 0.1), strategy="random", name="p.yaml", space_edit=None):
    text = (PROBLEM.replace("MAX_EVALS", str(max_evals)).replace("SLEEP_LOW", str(sleep[0]))
            .replace("SLEEP_HIGH", str(sleep[1])).replace("STRATEGY", strategy))
    # sphere reads every parameter as a number: drop the categorical one for it.
    text = text.replace("  c: {type: categorical, choices: [a, b, c]}\n", "")
    text = text.replace("SPHERE_OR_NOT", "sphere")
    if space_edit:
        text = space_edit(text)
    return write(os.path.join(tmp, name), text)


def start(ranks, *args, cwd=None):
    """Starts `mpirun ... hpsearch ARGS` in its own process group (the whole job)."""
    return subprocess.Popen([MPIRUN, "--oversubscribe", "-n", str(ranks), HPSEARCH, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=mpi_env(), cwd=cwd, start_new_session=True)


def session_members(sid):
    """Pids of every process in session `sid` (mpirun's ranks each get their own process
    group, but stay in mpirun's session)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":  # field 6 (session), after the state
            pids.append(int(entry))
    return pids


def kill_job(proc):
    """kill -9 the whole job: mpirun and every rank (all in mpirun's session), at once; waits
    until every one of them is gone."""
    members = session_members(proc.pid)
    for pid in members:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.communicate(timeout=30)
    deadline = time.time() + 10
    while session_members(proc.pid):
        check(time.time() < deadline, f"job {proc.pid} still alive 10 s after SIGKILL")
        time.sleep(0.01)
    return len(members)


def rows_of(path):
    """The rows, read even while a manager holds HDF5's lock on the file (as `show` does)."""
    import h5py
    with h5py.File(path, "r", locking=False) as f:
        return f["evaluations"][:]


def finished(rows):
    return rows[rows["status"] != LOST]


def key(r):
    return (int(r["id"]), float(r["p:x1"]), float(r["p:x2"]), int(r["p:n"]), float(r["objective"]))


def holders_of(path):
    """Processes with `path` open (from /proc/*/fd), as 'pid command' lines."""
    real = os.path.realpath(path)
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == real for fd in fds):
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    command = f.read().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{pid} {command}")
        except OSError:
            pass
    return found


def check_readable(path):
    rows = rows_of(path)  # h5py opens it
    dump = run(["h5dump", "-H", path], timeout=30)
    if dump.returncode != 0:
        # Still a failure; first say what a person needs to find the cause: HDF5's error
        # stack, who has the file open, and whether it reads a second later.
        stack = run(["h5dump", "--enable-error-stack", "-H", path], timeout=30)
        time.sleep(1.0)
        again = run(["h5dump", "-H", path], timeout=30)
        print(f"h5dump failed after a kill; holders {holders_of(path)}; error stack:\n"
              f"{stack.stderr[-3000:]}\nh5dump 1 s later: exit {again.returncode}")
    check(dump.returncode == 0, f"h5dump cannot read {path} after a kill", dump)
    return rows


def wait_for_rows(path, n, proc, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            return
        if os.path.exists(path) and os.path.exists(path + ".lock"):
            try:
                if len(rows_of(path)) >= n:
                    return
            except Exception:  # being created
                pass
        time.sleep(0.02)
    raise AssertionError(f"no {n} rows in {path} within {timeout}s")


def kill_and_resume_30_times():
    """30 x: 4 ranks (evaluations sleep 10-100 ms), SIGKILL the job at a random moment, the
    file must open with h5py and h5dump; resume. At the end every evaluation finished before
    any kill is there exactly once, ids are unique and ok == max_evals."""
    max_evals = 2000  # more than 30 allocations finish: every trial kills a running search
    rng = random.Random(4)
    with tempdir() as tmp:
        # 30 SIGKILLs at random moments: a re-run that two kills in a row catch in flight
        # would be recorded failed (run.max_requeues, issue 14's poison configurations,
        # tested in test_poison.py); this test is about what the file keeps, so every lost
        # job is re-run whatever the kills.
        path = problem(tmp, max_evals,
                       space_edit=lambda t: t.replace("seed: 11}", "seed: 11, max_requeues: 1000}"))
        ckpt = os.path.join(tmp, "kill.h5")
        seen = {}  # id -> key, every finished row seen after any kill
        kills = 0
        t0 = time.time()
        trial = 0
        while kills < 30:
            trial += 1
            check(trial <= 60, f"only {kills} kills in 60 trials")
            proc = start(4, "run", path, "--checkpoint", ckpt, "--quiet")
            time.sleep(rng.uniform(0.9, 2.4))
            if proc.poll() is None:
                kill_job(proc)
                kills += 1
            else:
                out, err = proc.communicate()
                check(proc.returncode == 0, f"trial {trial}: run failed:\n{out}\n{err}")
                break  # the search finished before the kill
            if not os.path.exists(ckpt):
                continue  # killed before the checkpoint existed
            rows = check_readable(ckpt)
            for r in finished(rows):
                k = key(r)
                check(seen.get(k[0], k) == k, f"trial {trial}: evaluation {k[0]} changed")
                seen[k[0]] = k
        proc = hpsearch_mpi(4, "run", path, "--checkpoint", ckpt, timeout=300)
        check(proc.returncode == 0, "the final resume failed", proc)
        rows = check_readable(ckpt)
        ids = rows["id"].tolist()
        check(len(ids) == len(set(ids)), "ids must be unique")
        done = finished(rows)
        present = {}
        for r in done:
            present.setdefault(int(r["id"]), []).append(key(r))
        missing = [i for i in seen if len(present.get(i, [])) != 1 or present[i][0] != seen[i]]
        check(not missing, f"finished evaluations lost or changed: {missing[:10]}")
        ok = int((rows["status"] == 0).sum())
        check(ok == max_evals, f"{ok} ok evaluations, max_evals {max_evals}")
        lost = rows[rows["status"] == LOST]
        requeued = rows[rows["requeue_of"] >= 0]
        lost_ids = set(lost["id"].tolist())
        check(set(requeued["requeue_of"].tolist()) == lost_ids,
              "every lost evaluation is re-run exactly under a new id that names it")
        configs = {int(r["id"]): (float(r["p:x1"]), float(r["p:x2"]), int(r["p:n"])) for r in rows}
        for r in requeued:
            check(configs[int(r["id"])] == configs[int(r["requeue_of"])],
                  f"re-run {r['id']} must evaluate the configuration of {r['requeue_of']}")
        with __import__("h5py").File(ckpt, "r") as f:
            allocations = f["allocations"][:]
        check(kills == 30, f"the search ended after {kills} kills: raise max_evals")
        print(f"kills {kills}, finished evaluations lost 0 (checked {len(seen)}), "
              f"lost in flight {len(lost)}, re-queued {len(requeued)}, allocations "
              f"{len(allocations)}, rows {len(rows)}, ok {ok}, {time.time() - t0:.1f}s")


def manager_pid(ckpt):
    for line in open(ckpt + ".lock"):
        if line.startswith("pid "):
            return int(line.split()[1])
    raise AssertionError("no pid in the lock file")


def graceful_stop(target, sig, expect_code):
    """`sig` to `target` mid-search: every evaluation finished before the signal is still in
    the checkpoint, identical, and a resume completes the search. `expect_code` None: the
    exit status is the launcher's own, not hpsearch's, and is not asserted (Open MPI's
    mpirun exits 1 on SIGTERM, or dies of SIGSEGV in PMIx_server_finalize under load)."""
    max_evals = 200
    with tempdir() as tmp:
        path = problem(tmp, max_evals)
        ckpt = os.path.join(tmp, "stop.h5")
        proc = start(4, "run", path, "--checkpoint", ckpt)
        wait_for_rows(ckpt, 20, proc)
        before = {key(r) for r in finished(rows_of(ckpt))}
        pid = manager_pid(ckpt) if target == "manager" else proc.pid
        ranks = [p for p in session_members(proc.pid) if p != proc.pid]
        t = time.time()
        os.kill(pid, sig)
        # What is ours: every rank is gone within 5 s.
        while any(os.path.exists(f"/proc/{p}") and p in session_members(proc.pid)
                  for p in ranks):
            check(time.time() - t < 5, f"ranks still alive {time.time() - t:.1f}s after "
                  f"{signal.Signals(sig).name} to {target}")
            time.sleep(0.01)
        took = time.time() - t
        # Open MPI 4.1's mpirun may then crash, or hang in its own finalize with every rank
        # gone (seen under load in CI rehearsals: after SIGTERM, and once after SIGUSR1 in
        # rehearsal ci23). A hung mpirun is killed after 30 s and reported; its exit status
        # is then not hpsearch's, and what the manager guarantees is checked in the
        # checkpoint instead (the exit reason it recorded, the lock it released).
        hung = False
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            hung = True
            os.kill(proc.pid, signal.SIGKILL)
            out, err = proc.communicate(timeout=30)
            print(f"note: every rank ended within {took:.2f}s, but mpirun hung in its own "
                  f"finalize after {signal.Signals(sig).name} (Open MPI 4.1); killed after 30 s")
        # Or mpirun dies of SIGSEGV in its own PMIx_server_finalize after the ranks ended
        # (rehearsal ci27: SIGUSR1, the manager's MPI_Abort with errorcode 3, then mpirun's
        # backtrace; exit -11): hpsearch_status reads the code the manager passed to MPI_Abort.
        status = hpsearch_status(proc.returncode, (out or "") + (err or ""))
        check(expect_code is None or hung or status == expect_code,
              f"{signal.Signals(sig).name} to {target}: exit {proc.returncode}, expected "
              f"{expect_code}\n{out}\n{err}")
        check(took < 5, f"the ranks took {took:.1f}s to exit after the signal")
        rows = check_readable(ckpt)
        kept = {key(r) for r in finished(rows)}
        check(before <= kept, f"{len(before - kept)} of {len(before)} evaluations finished "
              f"before the signal are missing or changed in the checkpoint\n{out}\n{err}")
        check(not os.path.exists(ckpt + ".lock") or expect_code != 3,
              "a graceful stop releases the lock")
        import h5py
        with h5py.File(ckpt, "r", locking=False) as f:
            reason = f["allocations"][0]["exit_reason"].decode()
            state = bytes(f["state/slot0"][:]) + bytes(f["state/slot1"][:])
        if expect_code == 3:
            check(reason == f"stopped by {signal.Signals(sig).name}", f"exit reason {reason!r}")
            check(hung or ("stopped by" in out and "resume" in out),
                  "the manager says how to resume", proc)
        resumed = hpsearch_mpi(4, "run", path, "--checkpoint", ckpt, timeout=120)
        check(resumed.returncode == 0, "resume after a graceful stop failed", resumed)
        rows = rows_of(ckpt)
        check(int((rows["status"] == 0).sum()) == max_evals, "resume completes the search")
        check(before <= {key(r) for r in finished(rows)}, "the resume keeps the earlier work")
        print(f"{signal.Signals(sig).name} to {target}: exit {proc.returncode} in {took:.2f}s, "
              f"{len(before)} finished before the signal all kept, "
              f"{len(finished(rows_of(ckpt)))} finished, "
              f"{int((rows['status'] == LOST).sum())} lost and re-queued, exit reason {reason!r}")


def sigterm_to_manager_exits_3():
    graceful_stop("manager", signal.SIGTERM, 3)


def sigusr1_to_mpirun_exits_3():
    """Open MPI's mpirun forwards SIGUSR1 to every rank and returns rank 0's exit code."""
    graceful_stop("mpirun", signal.SIGUSR1, 3)


def sigterm_to_mpirun_keeps_all_finished_work():
    """Open MPI 4.1's mpirun does not forward SIGTERM: it sends SIGTERM to every rank itself,
    SIGKILLs them 1 s later and exits 1 whatever they return (or, under load, dies of SIGSEGV
    in PMIx_server_finalize: -11). The ranks' handlers make the manager stop gracefully
    within that second; the checkpoint keeps all finished work and the search resumes.
    mpirun's own exit status is Open MPI's, not ours, so it is not asserted. (Batch systems
    signal every task directly; job scripts forward SIGUSR1; see the README.)"""
    graceful_stop("mpirun", signal.SIGTERM, None)


def sigterm_to_local_sh_exits_3():
    """The job-script answer to mpirun's exit 1 on SIGTERM: jobscripts/local.sh (like the
    batch scripts) turns SIGTERM into hpsearch's graceful stop, so the job exits 3 with
    every finished evaluation kept, and a resume completes the search."""
    max_evals = 200
    build_dir = os.path.dirname(os.path.dirname(HPSEARCH))
    with tempdir() as tmp:
        path = problem(tmp, max_evals)
        ckpt = os.path.join(tmp, "local.h5")
        env = dict(os.environ, HPSEARCH_BUILD_DIR=build_dir, HPS_RANKS="4",
                   HPSEARCH_BUILD_TYPE=os.environ.get("HPSEARCH_BUILD_TYPE", "Debug"))
        proc = subprocess.Popen([os.path.join(SOURCE_DIR, "jobscripts", "local.sh"), path,
                                 "--checkpoint", ckpt], cwd=tmp, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        wait_for_rows(ckpt, 20, proc, timeout=240)
        before = len(finished(rows_of(ckpt)))
        t = time.time()
        os.kill(proc.pid, signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        took = time.time() - t
        check(proc.returncode == 3, f"SIGTERM to local.sh: exit {proc.returncode}\n{out}\n{err}")
        check(took < 5, f"local.sh took {took:.1f}s to exit after SIGTERM")
        check(len(finished(check_readable(ckpt))) >= before, "finished work stays")
        resumed = hpsearch_mpi(4, "run", path, "--checkpoint", ckpt, timeout=120)
        check(resumed.returncode == 0, "resume after SIGTERM to local.sh failed", resumed)
        check(int((rows_of(ckpt)["status"] == 0).sum()) == max_evals, "resume completes it")
        print(f"SIGTERM to local.sh: exit 3 in {took:.2f}s, {before}+ finished kept, resumed")


def stop_grace_aborts_busy_workers():
    """Evaluations of 20-30 s cannot finish within a 1 s stop grace: the manager records
    them in /state, syncs and aborts the job (exit 3) instead of waiting; a resume (here
    with instant evaluations: the objective is not part of the space hash) re-runs them."""
    with tempdir() as tmp:
        slow = problem(tmp, 6, sleep=(20, 30), name="slow.yaml")
        ckpt = os.path.join(tmp, "slow.h5")
        proc = start(4, "run", slow, "--checkpoint", ckpt, "--stop-grace", "1")
        deadline = time.time() + 30
        while not os.path.exists(ckpt + ".lock") and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(2.0)  # every worker inside its first evaluation
        t = time.time()
        os.kill(manager_pid(ckpt), signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        took = time.time() - t
        check(hpsearch_status(proc.returncode, out + err) == 3,
              f"exit {proc.returncode}, expected 3\n{out}\n{err}")
        check(took < 6, f"the job took {took:.1f}s to end after SIGTERM (grace 1 s)")
        check("aborting" in out, "the manager says it aborts the busy workers", proc)
        check(not os.path.exists(ckpt + ".lock"), "the lock is released before the abort")
        show = hpsearch("show", ckpt)
        check(show.returncode == 0 and "3 in flight" in show.stdout, "3 jobs in flight", show)
        fast = problem(tmp, 6, sleep=(0, 0), name="fast.yaml")
        resumed = hpsearch_mpi(4, "run", fast, "--checkpoint", ckpt)
        check(resumed.returncode == 0, "resume failed", resumed)
        rows = rows_of(ckpt)
        check(int((rows["status"] == LOST).sum()) == 3, "the 3 abandoned jobs are lost rows")
        check(int((rows["requeue_of"] >= 0).sum()) == 3, "and re-run under new ids")
        check(int((rows["status"] == 0).sum()) == 6, "the search completes")
        print(f"SIGTERM with 3 busy workers: exit 3 in {took:.2f}s (grace 1 s), 3 re-queued")


def changed_space_is_refused():
    with tempdir() as tmp:
        ckpt = os.path.join(tmp, "c.h5")
        proc = hpsearch_mpi(2, "run", problem(tmp, 5, sleep=(0, 0)), "--checkpoint", ckpt)
        check(proc.returncode == 0, "first run failed", proc)
        before = open(ckpt, "rb").read()
        changed = problem(tmp, 10, sleep=(0, 0), name="changed.yaml",
                          space_edit=lambda t: t.replace("x2: {type: real, low: -5.0, high: 5.0}",
                                                         "x2: {type: real, low: -5.0, high: 6.0}"))
        proc = hpsearch_mpi(2, "run", changed, "--checkpoint", ckpt)
        check(proc.returncode == 2, "a changed space must be refused with exit 2", proc)
        check("'x2'" in proc.stderr and "--force" in proc.stderr,
              "the message names the parameter and --force", proc)
        check(open(ckpt, "rb").read() == before, "a refused resume leaves the file untouched")
        check(not os.path.exists(ckpt + ".lock"), "a refused resume releases the lock")
        forced = hpsearch_mpi(2, "run", changed, "--checkpoint", ckpt, "--force")
        check(forced.returncode == 0 and "warning" in forced.stderr, "--force resumes", forced)
        check(len(rows_of(ckpt)) == 10, "--force continued to max_evals 10")


def locked_checkpoint_is_refused():
    with tempdir() as tmp:
        path = problem(tmp, 5, sleep=(0, 0))
        ckpt = os.path.join(tmp, "c.h5")
        with open("/proc/self/stat") as f:
            start_time = f.read().rsplit(")", 1)[1].split()[19]
        host = socket.gethostname()
        write(ckpt + ".lock", f"host {host}\npid {os.getpid()}\njob 4242\nstart {start_time}\n")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", ckpt)
        check(proc.returncode == 2, "a locked checkpoint must be refused with exit 2", proc)
        check(f"in use by host {host}, pid {os.getpid()}, job 4242" in proc.stderr,
              "the message names host, pid and job", proc)
        check(not os.path.exists(ckpt), "nothing was created")
        # Respected even with HDF5's own locking off (Lustre, GPFS).
        env_off = dict(mpi_env(), HDF5_USE_FILE_LOCKING="FALSE")
        proc = subprocess.run([MPIRUN, "--oversubscribe", "-x", "HDF5_USE_FILE_LOCKING", "-n", "2",
                               HPSEARCH, "run", path, "--checkpoint", ckpt], env=env_off,
                              capture_output=True, text=True, timeout=60)
        check(proc.returncode == 2, "HDF5_USE_FILE_LOCKING=FALSE must not bypass the lock", proc)
        # Another host's lock cannot be checked: respected.
        write(ckpt + ".lock", "host elsewhere.example.org\npid 1\njob 7\nstart 1\n")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", ckpt)
        check(proc.returncode == 2 and "elsewhere.example.org" in proc.stderr,
              "another host's lock is respected", proc)
        # A dead process's lock on this host is stale: taken over with a warning.
        dead = subprocess.Popen(["true"])
        dead.wait()
        write(ckpt + ".lock", f"host {host}\npid {dead.pid}\njob 1\nstart 1\n")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", ckpt)
        check(proc.returncode == 0 and "took over the stale lock" in proc.stderr,
              "a stale lock is taken over with a warning", proc)
        check(not os.path.exists(ckpt + ".lock"), "the lock is released at the end")


def with_lease(lease):
    return lambda t: t.replace("seed: 11}", f"seed: 11, lock_lease: {lease}}}")


def lock_fields(ckpt):
    fields = {}
    for line in open(ckpt + ".lock"):
        key, _, value = line.rstrip("\n").partition(" ")
        fields[key] = value
    return fields


def sigkilled_lock_is_taken_over_after_the_lease():
    """A search killed with SIGKILL (manager rank and mpirun: no cleanup) leaves its lock;
    edited to name another host and batch job (the next allocation runs on another node),
    it is refused while its heartbeat is younger than the lease and taken over after it,
    with a warning naming the old owner; the search then completes from the checkpoint."""
    max_evals = 40
    lease = 3
    with tempdir() as tmp:
        # Slow evaluations until the kill (the search must still be running then); the
        # resume evaluates instantly (the objective is not part of the space hash).
        slow = problem(tmp, max_evals, sleep=(0.2, 0.4), name="slow.yaml",
                       space_edit=with_lease(f"{lease}s"))
        path = problem(tmp, max_evals, sleep=(0, 0), space_edit=with_lease(f"{lease}s"))
        long_lease = problem(tmp, max_evals, sleep=(0, 0), name="long.yaml",
                             space_edit=with_lease("10m"))
        ckpt = os.path.join(tmp, "kill.h5")
        proc = start(3, "run", slow, "--checkpoint", ckpt, "--quiet")
        wait_for_rows(ckpt, 3, proc)
        check(proc.poll() is None, "the search ended before the kill")
        kill_job(proc)
        check(os.path.exists(ckpt + ".lock"), "SIGKILL leaves the lock behind")
        old = lock_fields(ckpt)
        check(float(old["refresh"]) > 0 and float(old["heartbeat"]) > 0,
              f"the lock carries a heartbeat: {old}")
        old["host"] = "deadnode.example.org"
        old["job"] = "999999"
        write(ckpt + ".lock", "".join(f"{k} {v}\n" for k, v in old.items()))
        edited = time.time()
        # Within the lease (here 10 minutes) the dead manager still looks alive: refused.
        refused = hpsearch_mpi(3, "run", long_lease, "--checkpoint", ckpt)
        check(refused.returncode == 2, "a lock younger than the lease is refused", refused)
        check(f"in use by host deadnode.example.org, pid {old['pid']}, job 999999" in
              refused.stderr and "its heartbeat is" in refused.stderr and
              "expires in" in refused.stderr, "the refusal gives the heartbeat's age", refused)
        time.sleep(max(0.0, edited + lease + 0.5 - time.time()))
        t = time.time()
        resumed = hpsearch_mpi(3, "run", path, "--checkpoint", ckpt)
        check(resumed.returncode == 0, "the resume after the lease failed", resumed)
        warning = [line for line in resumed.stderr.splitlines() if "took over" in line]
        check(len(warning) == 1 and f"host deadnode.example.org, pid {old['pid']}, job 999999, "
              "heartbeat " in warning[0] and f"older than the lease of {lease}.0 s" in warning[0],
              "the take-over warns, naming host, pid, job and heartbeat age", resumed)
        check(not os.path.exists(ckpt + ".lock"), "the new owner released the lock at the end")
        rows = rows_of(ckpt)
        check(int((rows["status"] == 0).sum()) == max_evals, "the resume completes the search")
        print(f"SIGKILLed lock of pid {old['pid']} (edited to deadnode.example.org, job 999999):"
              f" refused within the lease, taken over {time.time() - t:.1f} s run after a "
              f"{lease} s lease: {warning[0]}")


def live_manager_on_another_host_is_refused():
    """A manager keeps its lock fresh from its heartbeat thread: long after the lease has
    gone by, a second run on "another host" (HPSEARCH_LOCK_HOST: the name the lock uses for
    this host, for tests only) is still refused, told how old the heartbeat is and when the
    lease would expire; the first search is undisturbed."""
    lease = 6
    with tempdir() as tmp:
        path = problem(tmp, 200, sleep=(0.2, 0.4), space_edit=with_lease(f"{lease}s"))
        ckpt = os.path.join(tmp, "live.h5")
        proc = start(3, "run", path, "--checkpoint", ckpt, "--quiet")
        deadline = time.time() + 60
        while not os.path.exists(ckpt + ".lock") and time.time() < deadline:
            check(proc.poll() is None, "the first search ended early")
            time.sleep(0.05)
        first = lock_fields(ckpt)
        time.sleep(lease + 2)  # without heartbeats the lock would now be stale
        check(proc.poll() is None, "the first search must still be running")
        later = lock_fields(ckpt)
        check(float(later["heartbeat"]) > float(first["heartbeat"]),
              f"the heartbeat moved on: {first['heartbeat']} -> {later['heartbeat']}")
        env = dict(mpi_env(), HPSEARCH_LOCK_HOST="othernode.example.org")
        second = subprocess.run([MPIRUN, "--oversubscribe", "-n", "2", HPSEARCH, "run", path,
                                 "--checkpoint", ckpt], env=env, capture_output=True, text=True,
                                timeout=120)
        host = socket.gethostname()
        check(second.returncode == 2, "a live manager on another host is refused", second)
        check(f"in use by host {host}, pid {first['pid']}" in second.stderr and
              "its heartbeat is" in second.stderr and f"the lease of {lease}.0 s expires in" in
              second.stderr, "the refusal says how old the heartbeat is", second)
        check(lock_fields(ckpt)["pid"] == first["pid"], "the lock still belongs to the first run")
        os.kill(int(first["pid"]), signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        check(proc.returncode == 3, f"the first search stops gracefully: exit {proc.returncode}"
              f"\n{out}\n{err}")
        check(not os.path.exists(ckpt + ".lock"), "and releases its lock")
        print(f"live manager (pid {first['pid']}, lease {lease} s) refused "
              f"{lease + 2} s after it started: {second.stderr.strip()}")


def finished_batch_job_lock_is_taken_over_at_once():
    """A fresh lock whose batch job the scheduler reports finished (a fake `squeue` first on
    PATH, asked by the manager rank through the real query path) is taken over without
    waiting for the lease; while squeue says the job runs, it is refused."""
    with tempdir() as tmp:
        path = problem(tmp, 5, sleep=(0, 0))
        ckpt = os.path.join(tmp, "job.h5")
        bin_dir = os.path.join(tmp, "bin")
        os.mkdir(bin_dir)
        state = os.path.join(bin_dir, "state")
        squeue = write(os.path.join(bin_dir, "squeue"),
                       f'#!/bin/sh\ntest "$*" = "-h -j 4242 -o %T" || exit 9\ncat "{state}"\n')
        os.chmod(squeue, 0o755)
        env = dict(mpi_env(), PATH=bin_dir + ":" + os.environ["PATH"])
        lock = ("host deadnode.example.org\npid 77\njob 4242\nscheduler slurm\nstart 1\n"
                "refresh 5\nheartbeat 0001733456789.123\n")

        state_file = state

        def attempt(state):
            write(state_file, state + "\n")
            write(ckpt + ".lock", lock)  # stamped now: a fresh heartbeat
            # --noprefix: Open MPI started by its absolute path puts its own bin directory
            # (where a real squeue may live) before ours on the ranks' PATH.
            return subprocess.run([MPIRUN, "--noprefix", "--oversubscribe", "-n", "2", HPSEARCH,
                                   "run", path, "--checkpoint", ckpt], env=env,
                                  capture_output=True, text=True, timeout=120)
        running = attempt("RUNNING")
        check(running.returncode == 2 and "in use by host deadnode.example.org, pid 77, job 4242"
              in running.stderr, "a running job's fresh lock is refused", running)
        done = attempt("COMPLETED")
        check(done.returncode == 0, "a finished job's lock is taken over", done)
        check("took over the stale lock" in done.stderr and
              "its batch job 4242 has finished (slurm)" in done.stderr,
              "the warning names the finished job", done)
        check(len(rows_of(ckpt)) == 5, "the search ran")
        print("finished batch job: " + [line for line in done.stderr.splitlines()
                                        if "took over" in line][0])


def damaged_files_are_refused_untouched():
    with tempdir() as tmp:
        path = problem(tmp, 30, sleep=(0, 0))
        good = os.path.join(tmp, "good.h5")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", good)
        check(proc.returncode == 0, "setup run failed", proc)
        data = open(good, "rb").read()
        cases = {"garbage.h5": b"this is not a checkpoint\n" * 100,
                 "truncated.h5": data[:len(data) // 2],
                 "header_only.h5": data[:600],
                 "empty.h5": b""}
        for name, content in cases.items():
            ckpt = os.path.join(tmp, name)
            with open(ckpt, "wb") as f:
                f.write(content)
            proc = hpsearch_mpi(2, "run", path, "--checkpoint", ckpt)
            check(proc.returncode == 2, f"{name}: expected exit 2", proc)
            check("cannot resume" in proc.stderr and ckpt in proc.stderr and
                  "untouched" in proc.stderr, f"{name}: clear message naming the file", proc)
            check(proc.stderr.count("error:") == 1, f"{name}: one message, from rank 0", proc)
            check(open(ckpt, "rb").read() == content, f"{name}: the file bytes must not change")
        # --fresh moves a damaged file aside and starts over.
        ckpt = os.path.join(tmp, "garbage.h5")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", ckpt, "--fresh")
        check(proc.returncode == 0 and "moved the old checkpoint" in proc.stderr, "--fresh", proc)
        aside = [n for n in os.listdir(tmp) if n.startswith("garbage.h5.")]
        check(len(aside) == 1 and open(os.path.join(tmp, aside[0]), "rb").read() ==
              cases["garbage.h5"], f"the old file is kept aside: {aside}")
        check(len(rows_of(ckpt)) == 30, "--fresh ran a new search")


def sequence(path):
    rows = finished(rows_of(path))
    rows = rows[rows["id"].argsort()]
    return [(float(r["p:x1"]), float(r["p:x2"]), int(r["p:n"])) for r in rows]


def exact_continuation(strategy):
    """The reusable fixture: with one worker and a deterministic objective, a search
    interrupted (cleanly at --max-evals, and by SIGKILL at a random moment) and resumed
    proposes the same sequence of configurations as an uninterrupted one with the same seed.
    Every strategy adds one line below."""
    n = 40
    with tempdir() as tmp:
        path = problem(tmp, n, sleep=(0.005, 0.03), strategy=strategy)
        reference = os.path.join(tmp, "reference.h5")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", reference, "--quiet")
        check(proc.returncode == 0, "reference run failed", proc)
        want = sequence(reference)
        check(len(want) == n, f"reference has {len(want)} evaluations")

        clean = os.path.join(tmp, "clean.h5")
        for max_evals in ("7", "19"):
            proc = hpsearch_mpi(2, "run", path, "--checkpoint", clean, "--max-evals", max_evals)
            check(proc.returncode == 0, f"run to {max_evals} failed", proc)
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", clean)
        check(proc.returncode == 0, "resume to the end failed", proc)
        check(sequence(clean) == want, f"{strategy}: stop at max_evals + resume diverged")

        rng = random.Random(strategy)
        for trial in range(3):
            killed = os.path.join(tmp, f"killed{trial}.h5")
            proc = start(2, "run", path, "--checkpoint", killed, "--quiet")
            wait_for_rows(killed, rng.randint(3, 25), proc)
            kill_job(proc)
            partial = len(finished(rows_of(killed)))
            proc = hpsearch_mpi(2, "run", path, "--checkpoint", killed)
            check(proc.returncode == 0, "resume after SIGKILL failed", proc)
            got = sequence(killed)
            check(got == want, f"{strategy}: killed after {partial} evaluations, the resumed "
                               f"sequence diverged at {next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), len(got))}")
            print(f"{strategy}: killed after {partial} finished, resumed: same {n} configurations")


def exact_continuation_random():
    exact_continuation("random")


def exact_continuation_ambs():
    exact_continuation("ambs")


if __name__ == "__main__":
    main({f.__name__: f for f in [kill_and_resume_30_times, sigterm_to_manager_exits_3,
                                  sigusr1_to_mpirun_exits_3,
                                  sigterm_to_mpirun_keeps_all_finished_work,
                                  sigterm_to_local_sh_exits_3,
                                  stop_grace_aborts_busy_workers,
                                  changed_space_is_refused, locked_checkpoint_is_refused,
                                  sigkilled_lock_is_taken_over_after_the_lease,
                                  live_manager_on_another_host_is_refused,
                                  finished_batch_job_lock_is_taken_over_at_once,
                                  damaged_files_are_refused_untouched,
                                  exact_continuation_random, exact_continuation_ambs]})
