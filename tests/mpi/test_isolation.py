"""End-to-end: evaluation isolation (issue 14). Plugin and torch objectives run in an
evaluation host child of each worker rank (hpsearch-eval-host): a job that segfaults, aborts,
exits, hangs past run.eval_timeout or allocates past run.eval_memory fails (or times out) alone, recorded with the signal and
the host's last output lines; the search finishes its max_evals on the same worker ranks and
no host process is left behind. The checkpoint is read back with h5py."""
import os
import time

from harness import check, hpsearch_mpi, hpsearch_status, main, read_evaluations, tempdir, write

FAULTY = os.environ.get("HPSEARCH_FAULTY_PLUGIN", "")
OK, FAILED, TIMEOUT = 0, 1, 2

# Grid: every mode once per x (2 values): 14 jobs on 2 workers, the ok ones last (after
# each worker has seen its hosts crash).
FAULTY_PROBLEM = """
space:
  mode: {type: categorical, choices: [segv, abort, exit, hang, stubborn, hog, ok]}
  x:    {type: int, low: 1, high: 2}
objective: {kind: plugin, library: LIBRARY, kill_grace: 1s}
search: {strategy: grid}
run: {max_evals: 14, seed: 3, eval_timeout: 3s, eval_memory: 64M}
"""


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def marked_processes(marker):
    """Processes whose environment holds `marker` (the hosts inherit the ranks' environment,
    which mpirun passes on): what the run left behind."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if marker.encode() in f.read():
                    found.append((int(pid), open(f"/proc/{pid}/cmdline", "rb").read()
                                  .replace(b"\0", b" ").decode(errors="replace")))
        except OSError:
            pass
    return found


def check_nothing_left(marker):
    deadline = time.time() + 5  # mpirun's own exit may trail the ranks' by a moment
    left = marked_processes(marker)
    while left and time.time() < deadline:
        time.sleep(0.2)
        left = marked_processes(marker)
    check(not left, f"processes left behind after the run: {left}")


def faulty_plugin_jobs_fail_alone():
    check(os.path.exists(FAULTY), f"HPSEARCH_FAULTY_PLUGIN={FAULTY!r} is not built")
    with tempdir() as tmp:
        marker = f"HPSEARCH_ISOLATION_TEST={tmp}"
        os.environ["HPSEARCH_ISOLATION_TEST"] = tmp  # mpirun passes it on to the ranks
        problem = write(os.path.join(tmp, "faulty.yaml"),
                        FAULTY_PROBLEM.replace("LIBRARY", FAULTY))
        ckpt = os.path.join(tmp, "faulty.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=240)
        check(proc.returncode == 0, "the search must finish despite crashing jobs", proc)
        import h5py
        with h5py.File(ckpt, "r") as f:
            choices = [text(c) for c in f["evaluations"].attrs["choices:mode"]]
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 14, f"expected 14 rows (max_evals), got {len(rows)}", proc)
        expected = {
            "ok": (OK, []),
            "segv": (FAILED, ["killed by signal SIGSEGV (11)", "about to write through NULL"]),
            "abort": (FAILED, ["killed by signal SIGABRT (6)", "about to abort"]),
            "exit": (FAILED, ["exit status 7", "about to exit(7)"]),
            "hang": (TIMEOUT, ["timed out after 3 s (run.eval_timeout)",
                               "killed by signal SIGTERM (15)", "faulty_plugin: hanging"]),
            "stubborn": (TIMEOUT, ["timed out after 3 s (run.eval_timeout)",
                                   "killed by signal SIGKILL (9)", "SIGTERM ignored"]),
            "hog": (FAILED, ["out of memory (limit 64 MiB): the evaluation host",
                             "(enforced by ", "faulty_plugin: allocating"]),
        }
        seen = {}
        for r in rows:
            mode = choices[r["p:mode"]]
            seen[mode] = seen.get(mode, 0) + 1
            message = text(r["message"])
            status, fragments = expected[mode]
            check(r["status"] == status,
                  f"job {r['id']} ({mode}): status {r['status']}, message {message!r}", proc)
            for fragment in fragments:
                check(fragment in message,
                      f"job {r['id']} ({mode}): {fragment!r} not in {message!r}", proc)
            if mode == "ok":
                check(r["objective"] == r["p:x"], f"ok job {r['id']}: {r['objective']}")
            if mode == "hog":
                check(message.startswith("out of memory (limit 64 MiB)"), message, proc)
            elapsed = r["finished_at"] - r["started_at"]
            if mode == "hang":  # SIGTERM at 3 s ends it
                check(elapsed < 8.0, f"job {r['id']} (hang) took {elapsed:.1f} s")
            if mode == "stubborn":  # SIGTERM at 3 s is ignored, SIGKILL at 4 s
                check(3.8 < elapsed < 10.0, f"job {r['id']} (stubborn) took {elapsed:.1f} s")
        check(seen == {m: 2 for m in expected}, f"every mode twice: {seen}", proc)
        ranks = rows["worker_rank"].tolist()
        check(set(ranks) == {1, 2}, f"both workers keep serving jobs: {ranks}", proc)
        # A worker that crashed a host went on evaluating: some rank's later job is ok.
        ordered = sorted(rows, key=lambda r: r["started_at"])
        recovered = any(later["status"] == OK and later["worker_rank"] == r["worker_rank"]
                        for i, r in enumerate(ordered) if r["status"] != OK
                        for later in ordered[i + 1:])
        check(recovered, "a worker must finish an ok job after one of its jobs crashed", proc)
        check_nothing_left(marker)
        print(f"14 jobs: {seen}; statuses and messages as expected; no process left behind")


def hosts_are_killed_with_their_worker():
    """SIGUSR1 to mpirun (drain 0: MPI_Abort) while both workers' hosts hang: the hosts are
    in sessions of their own, which the abort does not reach; they must go with their ranks."""
    import signal
    import subprocess
    from harness import HPSEARCH, MPIRUN, mpi_env
    check(os.path.exists(FAULTY), f"HPSEARCH_FAULTY_PLUGIN={FAULTY!r} is not built")
    with tempdir() as tmp:
        marker = f"HPSEARCH_ISOLATION_TEST={tmp}"
        os.environ["HPSEARCH_ISOLATION_TEST"] = tmp
        problem = write(os.path.join(tmp, "hang.yaml"), FAULTY_PROBLEM.replace("LIBRARY", FAULTY)
                        .replace("[segv, abort, exit, hang, stubborn, hog, ok]", "[stubborn]")
                        .replace("eval_timeout: 3s", "eval_timeout: 10m"))
        ckpt = os.path.join(tmp, "hang.h5")
        proc = subprocess.Popen([MPIRUN, "--oversubscribe", "-n", "3", HPSEARCH, "run", problem,
                                 "--checkpoint", ckpt], cwd=tmp, env=mpi_env(), text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        hosts = []
        deadline = time.time() + 60
        while time.time() < deadline and len(hosts) < 2:
            hosts = [p for p, cmd in marked_processes(marker) if "hpsearch-eval-host" in cmd]
            time.sleep(0.2)
        check(len(hosts) == 2, f"two evaluation hosts expected: {hosts}")
        time.sleep(1.0)  # both are inside their stubborn job now
        proc.send_signal(signal.SIGUSR1)
        out, err = proc.communicate(timeout=60)
        check(hpsearch_status(proc.returncode, out + err) == 3,
              f"exit {proc.returncode}\n{out}\n{err}")
        check_nothing_left(marker)
        print(f"graceful stop: exit 3, both hosts {hosts} are gone")


TORCH_PROBLEM = """
space:
  lr: {type: real, low: 1.0e-3, high: 1.0e-2, log: true}
objective:
  kind: torch
  direction: maximize
  model: mlp
  data: {dataset: fashion_mnist, subset: 6000, validation_fraction: 0.1}
  fixed: {epochs: 1, layers: 3, units: 2048, batch_size: 5400}
  kill_grace: 1s
search: {strategy: random}
run: {max_evals: 2, seed: 5, eval_timeout: 0.5s, threads_per_worker: 1}
"""


def torch_batch_longer_than_the_timeout_is_killed():
    """One batch of 5400 images through a 784-2048-2048-2048-10 MLP (about 80 GFLOP, forward
    and backward: seconds on one thread) is longer than eval_timeout (0.5 s) plus the
    trainer's slack (1 s): the trainer cannot check its clock inside it, so the host is
    killed. Recorded timeout, by the host's kill, well before the batch could have ended."""
    with tempdir() as tmp:
        marker = f"HPSEARCH_ISOLATION_TEST={tmp}"
        os.environ["HPSEARCH_ISOLATION_TEST"] = tmp
        problem = write(os.path.join(tmp, "torch.yaml"), TORCH_PROBLEM)
        ckpt = os.path.join(tmp, "torch.h5")
        proc = hpsearch_mpi(2, "run", problem, "--checkpoint", ckpt, timeout=300)
        check(proc.returncode == 0, "run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 2, f"expected 2 rows, got {len(rows)}", proc)
        for r in rows:
            message = text(r["message"])
            check(r["status"] == TIMEOUT, f"job {r['id']}: status {r['status']}: {message!r}", proc)
            check("the evaluation host (LibTorch trainer) was killed (killed by signal SIGTERM"
                  in message, f"job {r['id']}: killed by the host's timeout: {message!r}", proc)
            elapsed = r["finished_at"] - r["started_at"]
            check(elapsed < 10.0, f"job {r['id']} took {elapsed:.1f} s", proc)
        check_nothing_left(marker)
        print("2 torch jobs timed out inside one batch: "
              + ", ".join(f"{r['finished_at'] - r['started_at']:.2f} s" for r in rows))


FAULTY_TRAIN = os.environ.get("HPSEARCH_FAULTY_TRAIN", "")

# tests/fixtures/torch/faulty_train: the real trainer, but units 13 segfaults and units 17
# aborts after epoch 1; units 65536 in 2 layers is a real 65536 x 65536 layer (16 GiB of
# weights) past eval_memory; units 32 trains. Every configuration twice, on 2 workers.
TORCH_FAULTY_PROBLEM = """
space:
  units: {type: categorical, choices: [13, 17, 65536, 32]}
  lr:    {type: categorical, choices: [0.01, 0.02]}
objective:
  kind: torch
  direction: maximize
  model: mlp
  data: {dataset: fashion_mnist, subset: 1000, validation_fraction: 0.2}
  fixed: {epochs: 2, layers: 2, batch_size: 100}
search: {strategy: grid}
run: {max_evals: 8, seed: 3, eval_memory: 1G, threads_per_worker: 1}
"""


def torch_crashes_and_huge_layers_fail_alone():
    """Torch jobs whose trainer segfaults or aborts inside the evaluation host (a trainer
    module loaded with HPSEARCH_TRAIN_MODULE, as a user's own would be), and one whose huge
    layer allocates past run.eval_memory, are each recorded failed with the reason; the
    others train; the worker ranks serve every job and nothing is left behind."""
    check(os.path.exists(FAULTY_TRAIN), f"HPSEARCH_FAULTY_TRAIN={FAULTY_TRAIN!r} is not built")
    with tempdir() as tmp:
        marker = f"HPSEARCH_ISOLATION_TEST={tmp}"
        os.environ["HPSEARCH_ISOLATION_TEST"] = tmp
        os.environ["HPSEARCH_TRAIN_MODULE"] = FAULTY_TRAIN
        try:
            problem = write(os.path.join(tmp, "torch.yaml"), TORCH_FAULTY_PROBLEM)
            ckpt = os.path.join(tmp, "torch.h5")
            proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=300)
        finally:
            del os.environ["HPSEARCH_TRAIN_MODULE"]
        check(proc.returncode == 0, "the search must finish despite crashing jobs", proc)
        import h5py
        with h5py.File(ckpt, "r") as f:
            units = [int(text(c)) for c in f["evaluations"].attrs["choices:units"]]
            curves = f["curves"][:]
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 8, f"expected 8 rows (max_evals), got {len(rows)}", proc)
        host = "the evaluation host (LibTorch trainer) "
        expected = {
            13: (FAILED, [host + "killed by signal SIGSEGV (11) during the evaluation",
                          "faulty_train: epoch 1 done, about to write through NULL"]),
            17: (FAILED, [host + "killed by signal SIGABRT (6) during the evaluation",
                          "faulty_train: epoch 1 done, about to abort"]),
            65536: (FAILED, ["out of memory (limit 1 GiB)", "(enforced by "]),
            32: (OK, []),
        }
        epochs = {}
        for point in curves:
            epochs.setdefault(int(point["eval_id"]), []).append(int(point["step"]))
        seen = {}
        for r in rows:
            n = units[r["p:units"]]
            seen[n] = seen.get(n, 0) + 1
            message = text(r["message"])
            status, fragments = expected[n]
            check(r["status"] == status,
                  f"job {r['id']} (units {n}): status {r['status']}, message {message!r}", proc)
            for fragment in fragments:
                check(fragment in message,
                      f"job {r['id']} (units {n}): {fragment!r} not in {message!r}", proc)
            if n == 65536:
                check(message.startswith("out of memory (limit 1 GiB)"), message, proc)
            if n == 32:
                check(0.0 < r["objective"] <= 1.0, f"job {r['id']}: accuracy {r['objective']}")
            # The crashes come after epoch 1 was trained and reported: a real trainer ran.
            want = {13: [1], 17: [1], 65536: [], 32: [1, 2]}[n]
            check(sorted(epochs.get(int(r["id"]), [])) == want,
                  f"job {r['id']} (units {n}): epochs recorded {epochs.get(int(r['id']))}", proc)
        check(seen == {n: 2 for n in expected}, f"every configuration twice: {seen}", proc)
        ranks = rows["worker_rank"].tolist()
        check(set(ranks) == {1, 2}, f"both workers keep serving jobs: {ranks}", proc)
        ordered = sorted(rows, key=lambda r: r["started_at"])
        recovered = any(later["status"] == OK and later["worker_rank"] == r["worker_rank"]
                        for i, r in enumerate(ordered) if r["status"] != OK
                        for later in ordered[i + 1:])
        check(recovered, "a worker must finish an ok job after one of its jobs failed", proc)
        check_nothing_left(marker)
        print(f"8 torch jobs: {seen}; statuses and messages as expected; no process left "
              f"behind; out of memory: {text(rows[[units[u] for u in rows['p:units']].index(65536)]['message']).splitlines()[0]}")


if __name__ == "__main__":
    main({f.__name__: f for f in [faulty_plugin_jobs_fail_alone, hosts_are_killed_with_their_worker,
                                  torch_batch_longer_than_the_timeout_is_killed,
                                  torch_crashes_and_huge_layers_fail_alone]})
