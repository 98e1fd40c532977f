"""End-to-end: `mpirun -n K hpsearch run` on real ranks, checkpoint read back with h5py."""
import glob
import math
import os
import re
import subprocess

from harness import (FIXTURES, SOURCE_DIR, check, hpsearch, hpsearch_mpi, long_form, main,
                     read_evaluations, run, tempdir, write)

HARTMANN6 = """
space:
  x1: {type: real, low: 0.0, high: 1.0}
  x2: {type: real, low: 0.0, high: 1.0}
  x3: {type: real, low: 0.0, high: 1.0}
  x4: {type: real, low: 0.0, high: 1.0}
  x5: {type: real, low: 0.0, high: 1.0}
  x6: {type: int, low: 0, high: 1}
objective: {kind: function, name: hartmann6, sleep: [0.001, 0.01], direction: DIRECTION}
run: {max_evals: 40, seed: 7}
"""

ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
     [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(x):
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - 1e-4 * P[i][j]) ** 2
                                          for j in range(6))) for i in range(4))


def problem(tmp, direction="minimize"):
    return write(os.path.join(tmp, "h6.yaml"), HARTMANN6.replace("DIRECTION", direction))


def run_writes_every_evaluation():
    with tempdir() as tmp:
        ckpt = os.path.join(tmp, "h6.h5")
        proc = hpsearch_mpi(4, "run", problem(tmp), "--checkpoint", ckpt)
        check(proc.returncode == 0, "run failed", proc)
        check("3 workers" in proc.stdout and "seed 7" in proc.stdout,
              "start line must name workers and seed", proc)
        rows, attrs, status_enum = read_evaluations(ckpt)
        check(len(rows) == 40, f"expected 40 rows, got {len(rows)}")
        check(sorted(rows["id"].tolist()) == list(range(40)), "ids must be 0..39, unique")
        check(status_enum == {"ok": 0, "failed": 1, "timeout": 2, "stopped": 3, "lost": 4},
              f"status enum: {status_enum}")
        check(set(rows["status"].tolist()) == {0}, "all evaluations ok")
        check(set(rows["worker_rank"].tolist()) <= {1, 2, 3}, "worker ranks are 1..3")
        for name in ["objective", "p:x1", "p:x6", "host", "submitted_at", "started_at",
                     "finished_at"]:
            check(name in rows.dtype.names, f"column {name} missing: {rows.dtype.names}")
        check(rows["p:x6"].dtype.kind == "i", "an int parameter stays an int column")
        for r in rows:
            x = [r[f"p:x{i}"] for i in range(1, 7)]
            check(abs(hartmann6(x) - r["objective"]) < 1e-9,
                  f"objective {r['objective']} != hartmann6({x}) = {hartmann6(x)}")
            check(r["submitted_at"] <= r["started_at"] + 0.5 and r["started_at"] <= r["finished_at"],
                  "timestamps must be ordered")
        check(attrs["seed"] == 7, f"seed attribute: {attrs.get('seed')}")
        check("hartmann6" in str(attrs["problem"]), "the problem text is stored")
        dump = run(["h5dump", "-H", ckpt])
        check(dump.returncode == 0, "h5dump must read the file", dump)
        for token in ['"p:x1"', '"objective"', '"worker_rank"', "H5T_ENUM", '"timeout"']:
            check(token in dump.stdout, f"h5dump -H lacks {token}", dump)
        show = hpsearch("show", ckpt)
        check(show.returncode == 0 and "40" in show.stdout, "show must summarize", show)
        best = min(rows["objective"])
        check(f"{best:.6g}" in show.stdout or f"{best:.4f}" in show.stdout,
              f"show must list the best objective {best}", show)


def maximize_is_honoured():
    with tempdir() as tmp:
        ckpt = os.path.join(tmp, "h6.h5")
        proc = hpsearch_mpi(3, "run", problem(tmp, "maximize"), "--checkpoint", ckpt,
                            "--max-evals", "15")
        check(proc.returncode == 0, "run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 15, f"--max-evals 15 gave {len(rows)} rows")
        best = max(rows["objective"])
        check(f"best objective {best:.6g}" in proc.stdout,
              f"manager must report the maximum {best:.6g} as best", proc)


def single_rank_is_refused():
    with tempdir() as tmp:
        proc = hpsearch_mpi(1, "run", problem(tmp), "--checkpoint", os.path.join(tmp, "x.h5"),
                            timeout=60)
        check(proc.returncode == 2, "one rank must exit 2", proc)
        check("at least 2 MPI ranks" in proc.stderr, "message must say why", proc)
        check(not os.path.exists(os.path.join(tmp, "x.h5")), "no checkpoint may be created")


def existing_checkpoint_is_refused():
    with tempdir() as tmp:
        ckpt = os.path.join(tmp, "h6.h5")
        write(ckpt, "precious data")
        proc = hpsearch_mpi(3, "run", problem(tmp), "--checkpoint", ckpt, timeout=60)
        check(proc.returncode == 2, "an existing checkpoint must be refused with exit 2", proc)
        check(ckpt in proc.stderr, "the message names the file", proc)
        check(open(ckpt).read() == "precious data", "the existing file must be untouched")


def workers_are_asynchronous():
    """3 workers; evaluation times are log-uniform in [2 ms, 1.5 s], fixed per job by the
    seed. While the longest evaluation runs, the other workers must finish several."""
    text = HARTMANN6.replace("sleep: [0.001, 0.01]", "sleep: {low: 0.002, high: 1.5, log: true}")
    text = text.replace("max_evals: 40", "max_evals: 60")
    with tempdir() as tmp:
        path = write(os.path.join(tmp, "async.yaml"), text.replace("DIRECTION", "minimize"))
        ckpt = os.path.join(tmp, "async.h5")
        proc = hpsearch_mpi(4, "run", path, "--checkpoint", ckpt)
        check(proc.returncode == 0, "run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        longest = max(rows, key=lambda r: r["finished_at"] - r["started_at"])
        duration = longest["finished_at"] - longest["started_at"]
        inside = [r for r in rows if r["worker_rank"] != longest["worker_rank"]
                  and r["started_at"] >= longest["started_at"]
                  and r["finished_at"] <= longest["finished_at"]]
        by_worker = {int(r["worker_rank"]) for r in inside}
        print(f"longest evaluation {duration:.3f}s on rank {longest['worker_rank']}; "
              f"{len(inside)} evaluations by ranks {sorted(by_worker)} finished meanwhile")
        check(duration > 0.5, f"the longest evaluation should be long, was {duration:.3f}s")
        check(len(inside) >= 4 and len(by_worker) == 2,
              f"only {len(inside)} evaluations ({sorted(by_worker)}) finished during the "
              f"longest one: the manager is not asynchronous")


def bad_problem_files_exit_2():
    """Every bad fixture: `mpirun -n 2 hpsearch run` and `hpsearch validate` exit 2 with the
    fixture's `# expect:` message from rank 0 alone, create no checkpoint, never hang.
    Four fixtures at a time: mpirun's start-up is latency, not CPU."""
    from concurrent.futures import ThreadPoolExecutor
    fixtures = sorted(glob.glob(os.path.join(FIXTURES, "bad", "*.yaml")))
    check(len(fixtures) >= 15, f"expected at least 15 bad fixtures, found {len(fixtures)}")

    def one(path, tmp):
        name = os.path.basename(path)
        expect = open(path).readline().split("# expect:", 1)[1].strip()
        ckpt = os.path.join(tmp, name + ".h5")
        proc = hpsearch_mpi(2, "run", path, "--checkpoint", ckpt, timeout=60)
        check(proc.returncode == 2, f"{name}: expected exit 2", proc)
        check(expect in proc.stderr, f"{name}: stderr lacks '{expect}'", proc)
        check(proc.stderr.count("error:") == 1, f"{name}: only rank 0 reports", proc)
        check(not os.path.exists(ckpt), f"{name}: no checkpoint for a bad problem")
        val = hpsearch("validate", path)
        check(val.returncode == 2 and expect in val.stderr,
              f"{name}: validate must exit 2 with the same message", val)

    with tempdir() as tmp, ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(one, path, tmp) for path in fixtures]:
            future.result()
    print(f"{len(fixtures)} bad problem files rejected with exit 2")


def settings_block(stdout):
    """The "search settings" lines `hpsearch validate` prints, as (key, value) pairs."""
    lines = stdout.split("search settings (defaults included):\n", 1)[1].splitlines()
    pairs = []
    for line in lines:
        if not line.startswith("  "):
            break
        key, value = line.strip().split(": ", 1)
        pairs.append((key, value))
    return pairs


def validate_prints_every_effective_search_setting():
    """`hpsearch validate` prints every search setting of the chosen strategy, defaults
    included, and what it prints is what the search gets: the printed lines, written back
    as the search section, validate to the very same settings (the unit test
    SearchSettings.AmbsPrintsEveryShippedDefault compares them with the options types)."""
    with tempdir() as tmp:
        base = HARTMANN6.replace("DIRECTION", "minimize")
        first = hpsearch("validate", write(os.path.join(tmp, "a.yaml"),
                                           base + "search: {strategy: ambs}\n"))
        check(first.returncode == 0, "validate failed", first)
        settings = settings_block(first.stdout)
        keys = [k for k, _ in settings]
        for key in ["strategy", "initial_design", "initial_points", "surrogate", "acquisition",
                    "kappa", "kappa_decay", "kappa_decay_rate", "kappa_final", "multipoint",
                    "failures", "objective_scaling", "n_trees", "max_samples", "candidates",
                    "refit_fraction", "pruner"]:
            check(key in keys, f"validate does not print {key}", first)
        explicit = "search:\n" + "".join(f"  {k}: {v}\n" for k, v in settings)
        second = hpsearch("validate", write(os.path.join(tmp, "b.yaml"), base + explicit))
        check(second.returncode == 0, "the printed settings do not validate", second)
        check(settings_block(second.stdout) == settings,
              "the printed settings, written out, give other settings", second)


def local_sh_runs_quickstart():
    """README's run command on configs/quickstart.yaml, reusing this build (no rebuild).
    The long form (mpi.local_sh_runs_quickstart.long) runs the file as shipped (40
    evaluations, ~2-5 min); the bounded form a copy with max_evals 12 (3 networks per
    worker), same checks."""
    build_dir = os.path.dirname(os.path.dirname(os.environ["HPSEARCH_BINARY"]))
    with tempdir() as tmp:
        env = dict(os.environ, HPSEARCH_BUILD_DIR=build_dir,
                   HPSEARCH_BUILD_TYPE=os.environ.get("HPSEARCH_BUILD_TYPE", "Debug"))
        quickstart = os.path.join(SOURCE_DIR, "configs", "quickstart.yaml")
        if not long_form():
            with open(quickstart) as f:
                text, n = re.subn(r"^(\s*max_evals:\s*)\d+", r"\g<1>12", f.read(), count=1,
                                  flags=re.M)
            check(n == 1, f"{quickstart}: no max_evals line to bound")
            quickstart = write(os.path.join(tmp, "quickstart.yaml"), text)
        proc = subprocess.run([os.path.join(SOURCE_DIR, "jobscripts", "local.sh"), quickstart],
                              cwd=tmp, env=env, capture_output=True, text=True, timeout=420)
        check(proc.returncode == 0, "local.sh failed", proc)
        ckpt = os.path.join(tmp, "quickstart.h5")
        check(os.path.exists(ckpt), f"local.sh must leave {ckpt}", proc)
        rows, attrs, _ = read_evaluations(ckpt)
        check("max_evals" in str(attrs["problem"]), "problem stored")
        import yaml_max_evals  # noqa: E402  (tiny parser below keeps this test h5py-only)
        expected = yaml_max_evals.read(quickstart)
        check(len(rows) == expected, f"quickstart: {len(rows)} rows, max_evals {expected}", proc)
        check("4 ranks" in proc.stdout, "local.sh runs 4 ranks", proc)
        # The quickstart trains real networks (objective.kind: torch) and says how well the
        # best one did.
        best = max(float(r["objective"]) for r in rows)
        check(f"best validation accuracy {best:.6g}" in proc.stdout,
              "the run prints the best validation accuracy", proc)
        check(0.8 < best <= 1.0, f"the best network reaches {best}", proc)
        check(ckpt in proc.stdout or "quickstart.h5" in proc.stdout,
              "local.sh prints where the checkpoint is", proc)


if __name__ == "__main__":
    main({f.__name__: f for f in [run_writes_every_evaluation, maximize_is_honoured,
                                  single_rank_is_refused, existing_checkpoint_is_refused,
                                  workers_are_asynchronous, bad_problem_files_exit_2,
                                  validate_prints_every_effective_search_setting,
                                  local_sh_runs_quickstart]})
