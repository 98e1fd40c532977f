"""End-to-end: `objective.kind: plugin` under mpirun with the example plugin
(configs/plugins/branin_plugin.c), its learning curves streamed as Progress messages and
the median stopping rule stopping jobs; the checkpoint read back with h5py."""
import math
import os
import shutil

from harness import check, hpsearch_mpi, main, read_evaluations, tempdir, write

PLUGIN = os.environ.get("HPSEARCH_EXAMPLE_PLUGIN", "")

PROBLEM = """
space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective: {kind: plugin, library: LIBRARY}
search: {strategy: random, pruner: PRUNER}
run: {max_evals: 40, seed: 11}
"""

STOPPED = 3
OK = 0


def branin(x1, x2):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def read_curves(path):
    import h5py
    with h5py.File(path, "r") as f:
        return f["curves"][:]


def run_search(tmp, pruner):
    check(os.path.exists(PLUGIN), f"HPSEARCH_EXAMPLE_PLUGIN={PLUGIN!r} is not built")
    problem = write(os.path.join(tmp, "plugin.yaml"),
                    PROBLEM.replace("LIBRARY", PLUGIN).replace("PRUNER", pruner))
    ckpt = os.path.join(tmp, "plugin.h5")
    os.environ["HPS_BRANIN_SLEEP_MS"] = "4"  # mpirun passes it on to the ranks
    proc = hpsearch_mpi(4, "run", problem, "--checkpoint", ckpt)
    check(proc.returncode == 0, "run failed", proc)
    rows, _, _ = read_evaluations(ckpt)
    curves = read_curves(ckpt)
    check(len(rows) == 40, f"expected 40 rows, got {len(rows)}", proc)
    check(sorted(rows["id"].tolist()) == list(range(40)), "ids must be 0..39")
    by_eval = {}
    for point in curves:
        by_eval.setdefault(int(point["eval_id"]), []).append((int(point["step"]),
                                                              float(point["value"])))
    check(set(by_eval) == set(rows["id"].tolist()),
          "every evaluation has its learning curve in /curves, and only those")
    for r in rows:
        curve = by_eval[int(r["id"])]
        steps = [s for s, _ in curve]
        check(steps == list(range(1, len(steps) + 1)), f"eval {r['id']}: steps {steps}")
        f = branin(r["p:x1"], r["p:x2"])
        for s, v in curve[:-1]:
            check(abs(v - (f + 20.0 / 2 ** s)) < 1e-9, f"eval {r['id']} step {s}: {v}")
        if r["status"] == OK:
            check(len(curve) == 8, f"a finished job reports 8 epochs: {curve}")
            check(abs(r["objective"] - f) < 1e-9, f"objective {r['objective']} != branin {f}")
            check(abs(curve[-1][1] - f) < 1e-9, "the last epoch reports the objective")
    return rows, by_eval, proc


def median_rule_stops_jobs_and_curves_are_recorded():
    with tempdir() as tmp:
        rows, by_eval, proc = run_search(tmp, "median, pruner_min_jobs: 3")
        status = rows["status"].tolist()
        stopped = [r for r in rows if r["status"] == STOPPED]
        check(len(stopped) >= 3, f"the median rule must stop some jobs: statuses {status}", proc)
        check(status.count(OK) >= 3, f"some jobs must finish: statuses {status}", proc)
        check(set(status) <= {OK, STOPPED}, f"only ok and stopped: {status}", proc)
        for r in stopped:
            curve = by_eval[int(r["id"])]
            check(len(curve) < 8, f"a stopped job ends before its last epoch: {curve}")
            check(abs(float(r["objective"]) - curve[-1][1]) < 1e-9,
                  f"a stopped job keeps its last value: {r['objective']} vs {curve[-1]}")
            message = r["message"].decode() if isinstance(r["message"], bytes) else r["message"]
            check("stopped by the manager at step" in message, f"message: {message!r}")
            # When it was stopped at step s, the median of >= 3 other jobs' best values at s
            # was better than its own best: so at least 2 other jobs were strictly better
            # there (they stay in the file).
            def best_at(c, s):
                return min(v for st, v in c if st <= s)
            worse = False
            for s, _ in curve:
                own = best_at(curve, s)
                better = [e for e, c in by_eval.items()
                          if e != r["id"] and any(st == s for st, _ in c) and best_at(c, s) < own]
                worse = worse or len(better) >= 2
            check(worse, f"eval {r['id']} was stopped but never worse than a median: {curve}")


def without_pruner_every_job_finishes():
    with tempdir() as tmp:
        rows, by_eval, proc = run_search(tmp, "none")
        check(set(rows["status"].tolist()) == {OK}, "no pruner: every job ok", proc)
        check(all(len(c) == 8 for c in by_eval.values()), "every curve has 8 epochs")


def missing_library_exits_2():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "plugin.yaml"),
                        PROBLEM.replace("LIBRARY", "no/such/libplugin.so")
                        .replace("PRUNER", "none"))
        proc = hpsearch_mpi(2, "run", problem, "--checkpoint", os.path.join(tmp, "x.h5"))
        check(proc.returncode == 2, "a missing plugin is bad input (exit 2)", proc)
        expected = os.path.join(tmp, "no/such/libplugin.so")
        check(f"the plugin '{expected}' cannot be loaded" in proc.stderr,
              "the error names the resolved path", proc)
        check(not os.path.exists(os.path.join(tmp, "x.h5")), "no checkpoint is created", proc)


def plugin_beside_a_bare_problem_name_is_found():
    """`cd dir && mpirun -n 3 hpsearch run p.yaml` with `library: libx.so` or `./libx.so`
    beside p.yaml: the library is taken from the problem's folder, not looked up by dlopen
    in the system's library paths (which a path without a slash would be)."""
    check(os.path.exists(PLUGIN), f"HPSEARCH_EXAMPLE_PLUGIN={PLUGIN!r} is not built")
    os.environ["HPS_BRANIN_SLEEP_MS"] = "1"
    for library in ["libbranin_here.so", "./libbranin_here.so"]:
        with tempdir() as tmp:
            shutil.copy(PLUGIN, os.path.join(tmp, "libbranin_here.so"))
            text = (PROBLEM.replace("LIBRARY", library).replace("PRUNER", "none")
                    .replace("max_evals: 40", "max_evals: 6"))
            write(os.path.join(tmp, "p.yaml"), text)
            proc = hpsearch_mpi(3, "run", "p.yaml", "--checkpoint", "p.h5", cwd=tmp)
            check(proc.returncode == 0, f"library: {library} beside p.yaml", proc)
            rows, _, _ = read_evaluations(os.path.join(tmp, "p.h5"))
            check(len(rows) == 6 and set(rows["status"].tolist()) == {OK},
                  f"library: {library}: 6 ok rows expected", proc)
            print(f"library: {library} beside p.yaml, run as `hpsearch run p.yaml`: 6 ok")


if __name__ == "__main__":
    main({f.__name__: f for f in [median_rule_stops_jobs_and_curves_are_recorded,
                                  without_pruner_every_job_finishes, missing_library_exits_2,
                                  plugin_beside_a_bare_problem_name_is_found]})
