"""End-to-end: `objective.kind: command` under `mpirun`, with real training-script stand-ins
(tests/fixtures/scripts/behave.sh) that succeed, exit 1, segfault, print NaN or hang past
run.eval_timeout after starting a grandchild. Statuses and messages are read back from the
checkpoint with h5py; the worker ranks must survive everything and leave no process."""
import glob
import os

from harness import FIXTURES, check, hpsearch, hpsearch_mpi, hpsearch_status, main, tempdir, write

SCRIPT = os.path.join(FIXTURES, "scripts", "behave.sh")

MIXED = f"""
space:
  mode: {{type: categorical, choices: [ok, exit1, segv, nan, hang]}}
  x: {{type: real, low: 0.0, high: 1.0}}
objective:
  kind: command
  command: [sh, "{SCRIPT}", "{{mode}}", "{{x}}"]
  kill_grace: 2
run: {{max_evals: 24, seed: 5, eval_timeout: 1}}
"""

CURVES = f"""
space:
  x: {{type: real, low: 0.0, high: 1.0}}
objective:
  kind: command
  command: [sh, "{SCRIPT}", curve, "{{x}}"]
search: {{pruner: median, pruner_min_jobs: 2}}
run: {{max_evals: 16, seed: 3}}
"""

HANGING = f"""
space:
  x: {{type: real, low: 0.0, high: 1.0}}
objective:
  kind: command
  command: [sh, "{SCRIPT}", hang]
run: {{max_evals: 10, seed: 2, keep_workdirs: all, workdir: jobs}}
"""

INJECTION = f"""
space:
  value: {{type: categorical, choices: ["; touch pwned #", "$(touch pwned)", "a b"]}}
objective:
  kind: command
  command: "sh {SCRIPT} args {{value}} --job={{job_id}}"
run: {{max_evals: 6, seed: 1, keep_workdirs: all, workdir: jobs}}
"""


def evaluations(path, categorical):
    """The rows, and the choices of the categorical parameter (stored as indices)."""
    import h5py  # Debian's python3-h5py
    with h5py.File(path, "r") as f:
        dataset = f["evaluations"]
        rows = dataset[:]
        choices = [text(c) for c in dataset.attrs["choices:" + categorical]]
    return rows, choices


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def progress_lines_feed_the_median_rule():
    """`progress:` lines reach the manager as learning curves (/curves); the median rule
    stops the worse jobs (SIGTERM to their group), recorded as stopped with their last value."""
    import h5py
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "curves.yaml"), CURVES)
        ckpt = os.path.join(tmp, "curves.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=180)
        check(proc.returncode == 0, "the search must finish", proc)
        with h5py.File(ckpt, "r") as f:
            rows = f["evaluations"][:]
            curves = f["curves"][:]
        check(len(rows) == 16, f"expected 16 rows, got {len(rows)}")
        status = rows["status"].tolist()
        check(set(status) <= {0, 3}, f"only ok (0) and stopped (3): {status}")
        check(status.count(3) >= 2, f"the median rule must stop some jobs: {status}", proc)
        for r in rows:
            points = sorted((int(c["step"]), float(c["value"])) for c in curves
                            if c["eval_id"] == r["id"])
            check(points, f"job {r['id']} has a learning curve")
            if r["status"] == 3:
                check(len(points) < 10, f"stopped job {r['id']} ran all epochs: {points}")
                check(abs(r["objective"] - points[-1][1]) < 1e-6,
                      f"stopped job {r['id']}: objective {r['objective']} vs {points[-1]}")
                check("stopped by the manager" in text(r["message"]), text(r["message"]))
            else:
                check(len(points) == 10 and abs(r["objective"] - r["p:x"]) < 1e-6,
                      f"ok job {r['id']}: {points}, objective {r['objective']}")
        print(f"{status.count(3)} of 16 jobs stopped by the median rule, {len(curves)} curve points")


def graceful_stop_leaves_no_child_behind():
    """SIGUSR1 to mpirun with drain 0 ends the job with MPI_Abort; the command jobs' process
    groups (their own sessions, which the abort does not reach) must be killed by their
    worker ranks on the way out: no leader, no grandchild left."""
    import signal
    import subprocess
    import time
    from harness import MPIRUN, HPSEARCH, mpi_env
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "hang.yaml"), HANGING)
        ckpt = os.path.join(tmp, "hang.h5")
        proc = subprocess.Popen([MPIRUN, "--oversubscribe", "-n", "3", HPSEARCH, "run", problem,
                                 "--checkpoint", ckpt], cwd=tmp, env=mpi_env(), text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        pids = []
        deadline = time.time() + 60
        while time.time() < deadline and len(pids) < 4:
            pids = [int(open(p).read()) for p in glob.glob(os.path.join(tmp, "jobs", "*", "*.pid"))
                    if open(p).read().strip()]
            time.sleep(0.2)
        check(len(pids) == 4, f"two hanging jobs with a grandchild each: {pids}")
        proc.send_signal(signal.SIGUSR1)
        out, err = proc.communicate(timeout=60)
        check(hpsearch_status(proc.returncode, out + err) == 3,
              f"exit {proc.returncode}\n{out}\n{err}")
        time.sleep(0.5)
        alive = [p for p in pids if pid_alive(p)]
        check(not alive, f"processes left behind after the stop: {alive}")
        print(f"graceful stop: exit 3, the {len(pids)} job processes are gone")


def mixed_outcomes_are_recorded():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "mixed.yaml"), MIXED)
        ckpt = os.path.join(tmp, "mixed.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=180)
        check(proc.returncode == 0, "the search must finish despite failing jobs", proc)
        rows, choices = evaluations(ckpt, "mode")
        check(len(rows) == 24, f"expected 24 rows, got {len(rows)}", proc)
        expected = {"ok": 0, "exit1": 1, "segv": 1, "nan": 1, "hang": 2}
        fragments = {"exit1": ["'sh' exit status 1", "ValueError: bad learning rate"],
                     "segv": ["killed by signal SIGSEGV (11)"],
                     "nan": ["non-finite objective: NaN"],
                     "hang": ["timed out after 1 s"]}
        seen = set()
        for r in rows:
            mode = choices[r["p:mode"]]
            seen.add(mode)
            message = text(r["message"])
            check(r["status"] == expected[mode],
                  f"job {r['id']} ({mode}): status {r['status']}, message {message!r}")
            if mode == "ok":
                check(abs(r["objective"] - r["p:x"]) < 1e-12,
                      f"ok job {r['id']}: objective {r['objective']} != x {r['p:x']}")
            for fragment in fragments.get(mode, []):
                check(fragment in message, f"job {r['id']} ({mode}): {fragment!r} not in {message!r}")
            if mode == "hang":
                check(r["finished_at"] - r["started_at"] < 6.0,
                      f"job {r['id']} hung {r['finished_at'] - r['started_at']:.1f}s past its timeout")
        check(seen == set(expected), f"the search should try every mode, tried {sorted(seen)}")
        check(set(rows["worker_rank"].tolist()) == {1, 2}, "both workers keep serving jobs")
        # Jobs that failed or timed out keep their directory next to the checkpoint; an ok
        # job's is removed (keep_workdirs: failed).
        work = os.path.join(tmp, "mixed.work")
        for r in rows:
            kept = os.path.isdir(os.path.join(work, f"job-{r['id']}"))
            check(kept == (r["status"] != 0), f"job {r['id']}: directory kept={kept}")
        grandchildren = glob.glob(os.path.join(work, "job-*", "grandchild.pid"))
        check(grandchildren, "hang jobs must have recorded their grandchild")
        for path in grandchildren:
            pid = int(open(path).read())
            check(not pid_alive(pid), f"grandchild {pid} ({path}) survived its job's timeout")


def injected_shell_syntax_stays_one_argument():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "inject.yaml"), INJECTION)
        ckpt = os.path.join(tmp, "inject.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, cwd=tmp)
        check(proc.returncode == 0, "run failed", proc)
        rows, choices = evaluations(ckpt, "value")
        check(len(rows) == 6 and set(rows["status"].tolist()) == {0},
              f"every job must succeed: {[text(m) for m in rows['message']]}")
        for r in rows:
            args = open(os.path.join(tmp, "jobs", f"job-{r['id']}", "args.txt")).read()
            value = choices[r["p:value"]]
            check(args == f"{value}\n--job={r['id']}\n", f"job {r['id']}: argv {args!r}")
            check(r["objective"] == 2.0, "two arguments")
        check(not glob.glob(os.path.join(tmp, "**", "pwned"), recursive=True),
              "a value was run by a shell")


def missing_program_fails_every_job_cleanly():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "missing.yaml"),
                        "space: {x: {type: real, low: 0, high: 1}}\n"
                        "objective: {kind: command, command: [no-such-trainer-hps, '{x}']}\n"
                        "run: {max_evals: 4}\n")
        validate = hpsearch("validate", problem)
        check(validate.returncode == 0 and "no-such-trainer-hps" in validate.stdout,
              "validate accepts a command objective", validate)
        ckpt = os.path.join(tmp, "missing.h5")
        proc = hpsearch_mpi(2, "run", problem, "--checkpoint", ckpt)
        check(proc.returncode == 0, "run failed", proc)
        import h5py
        with h5py.File(ckpt, "r") as f:
            rows = f["evaluations"][:]
        check(len(rows) == 4 and set(rows["status"].tolist()) == {1}, "all four jobs failed")
        for r in rows:
            check("cannot start 'no-such-trainer-hps'" in text(r["message"]),
                  f"message: {text(r['message'])!r}")


HUNGRY = """
space:
  mib: {type: categorical, choices: [8, 16, 400]}
  x: {type: real, low: 0.0, high: 1.0}
objective:
  kind: command
  command: ["HOG", "{mib}"]
run: {max_evals: 12, seed: 7, eval_memory: 128M, keep_workdirs: none}
"""


def eval_memory_fails_only_the_hungry_job():
    """run.eval_memory: 128M with tests/fixtures/programs/memory_hog: the jobs that allocate
    400 MiB are recorded failed with "out of memory (limit 128 MiB)", the others ok with
    their objective; the search finishes max_evals and both workers keep serving jobs.
    `hpsearch validate` prints the limit."""
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "hungry.yaml"),
                        HUNGRY.replace("HOG", os.environ["HPSEARCH_MEMORY_HOG"]))
        validate = hpsearch("validate", problem)
        check(validate.returncode == 0 and "eval_memory 128 MiB" in validate.stdout,
              "validate prints run.eval_memory", validate)
        in_worker = hpsearch("validate", write(os.path.join(tmp, "function.yaml"),
                                               "space: {x: {type: real, low: 0, high: 1}}\n"
                                               "objective: {kind: function, name: sphere}\n"
                                               "run: {eval_memory: 1G}\n"))
        check(in_worker.returncode == 2 and "run.eval_memory: applies to objective kinds "
              "command, plugin and torch" in in_worker.stderr,
              "a limit the worker could not enforce is refused", in_worker)
        ckpt = os.path.join(tmp, "hungry.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=150)
        check(proc.returncode == 0, "the search must finish despite jobs out of memory", proc)
        rows, choices = evaluations(ckpt, "mib")
        check(len(rows) == 12, f"expected 12 rows, got {len(rows)}", proc)
        seen = set()
        for r in rows:
            mib = int(choices[r["p:mib"]])
            seen.add(mib)
            message = text(r["message"])
            if mib == 400:
                check(r["status"] == 1 and message.startswith("out of memory (limit 128 MiB)"),
                      f"job {r['id']} (400 MiB): status {r['status']}, message {message!r}")
            else:
                check(r["status"] == 0 and r["objective"] == mib,
                      f"job {r['id']} ({mib} MiB): status {r['status']}, message {message!r}")
        check(seen == {8, 16, 400}, f"the search should try every size, tried {sorted(seen)}")
        check(set(rows["worker_rank"].tolist()) == {1, 2}, "both workers keep serving jobs")
        failed = sum(1 for r in rows if r["status"] == 1)
        print(f"{failed} of 12 jobs out of memory; first message: "
              f"{next(text(r['message']) for r in rows if r['status'] == 1)!r}")


if __name__ == "__main__":
    main({f.__name__: f for f in [mixed_outcomes_are_recorded,
                                  injected_shell_syntax_stays_one_argument,
                                  missing_program_fails_every_job_cleanly,
                                  progress_lines_feed_the_median_rule,
                                  graceful_stop_leaves_no_child_behind,
                                  eval_memory_fails_only_the_hungry_job]})
