"""End-to-end: `objective.kind: torch` under mpirun: worker ranks load the LibTorch trainer
module, train real MLPs on Fashion-MNIST (Debian's dataset-fashion-mnist), stream each
epoch's validation accuracy to the manager; the checkpoint and its learning curves are
read back with h5py."""
import os

from harness import check, hpsearch, hpsearch_mpi, main, read_evaluations, tempdir, write

OK = 0

PROBLEM = """
space:
  lr:         {type: real, low: 1.0e-3, high: 3.0e-2, log: true}
  units:      {type: int, low: 16, high: 64, log: true}
  activation: {type: categorical, choices: [relu, tanh]}
objective:
  kind: torch
  direction: maximize
  model: mlp
  data: {dataset: fashion_mnist, subset: 3000, validation_fraction: 0.2}
  fixed: {epochs: 3, layers: 1, batch_size: 64}
search: {strategy: random}
run: {max_evals: 6, seed: 5}
"""


def read_curves(path):
    import h5py
    with h5py.File(path, "r") as f:
        return f["curves"][:]


def three_ranks_train_and_record_curves():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "torch.yaml"), PROBLEM)
        ckpt = os.path.join(tmp, "torch.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=400)
        check(proc.returncode == 0, "run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 6, f"expected 6 rows, got {len(rows)}", proc)
        check(all(r["status"] == OK for r in rows), f"statuses {rows['status']}", proc)
        for r in rows:
            check(0.5 < r["objective"] <= 1.0,
                  f"eval {r['id']}: validation accuracy {r['objective']} after 3 epochs", proc)
        curves = read_curves(ckpt)
        by_eval = {}
        for point in curves:
            by_eval.setdefault(int(point["eval_id"]), []).append((int(point["step"]),
                                                                  float(point["value"])))
        check(set(by_eval) == set(int(i) for i in rows["id"]),
              "every evaluation has its learning curve in /curves", proc)
        for r in rows:
            curve = sorted(by_eval[int(r["id"])])
            check([s for s, _ in curve] == [1, 2, 3], f"eval {r['id']}: epochs {curve}")
            check(all(0.0 < v <= 1.0 for _, v in curve), f"eval {r['id']}: values {curve}")
            check(curve[-1][1] == r["objective"],
                  f"eval {r['id']}: the objective is the last epoch's accuracy ({curve})")
        best = max(float(r["objective"]) for r in rows)
        check(f"best validation accuracy {best:.6g}" in proc.stdout,
              "the run prints the best validation accuracy", proc)
        print(f"6 networks trained on 3 ranks; best validation accuracy {best:.4f}")


# The manager's stop decision is asynchronous (eval/reporter.hpp: a report never waits for
# it): it reaches the trainer at the end of a later epoch, after a round trip host -> worker
# -> manager -> worker -> host. Measured on 2 loaded cores (load 18): 1 to 2 epochs of 70 ms
# late. With 4 epochs, more load (two more busy loops) let slow learners finish before their
# stop arrived ("only 1 of 16 stopped early"); with EPOCHS epochs a slow learner stopped at
# any of the first epochs has EPOCHS - 2 epochs left for the decision to reach it.
EPOCHS = 20
PRUNED = f"""
space:
  lr:    {{type: real, low: 1.0e-6, high: 3.0e-2, log: true}}
  units: {{type: int, low: 16, high: 64, log: true}}
objective:
  kind: torch
  direction: maximize
  data: {{dataset: fashion_mnist, subset: 3000, validation_fraction: 0.2}}
  fixed: {{epochs: {EPOCHS}, layers: 1, batch_size: 64, optimizer: sgd, momentum: 0.0}}
search: {{strategy: random, pruner: median, pruner_min_jobs: 3}}
run: {{max_evals: 16, seed: 3}}
"""

STOPPED = 3


def median_rule_stops_slow_learners():
    """Networks whose accuracy falls behind the median at an epoch are stopped there (a
    learning rate of 1e-6 barely learns): they keep their last epoch's accuracy, and their
    curves end at that epoch."""
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "pruned.yaml"), PRUNED)
        ckpt = os.path.join(tmp, "pruned.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=400)
        check(proc.returncode == 0, "run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 16, f"expected 16 rows, got {len(rows)}", proc)
        curves = read_curves(ckpt)
        by_eval = {}
        for point in curves:
            by_eval.setdefault(int(point["eval_id"]), []).append((int(point["step"]),
                                                                  float(point["value"])))
        stopped = [r for r in rows if r["status"] == STOPPED]
        finished = [r for r in rows if r["status"] == OK]
        check(len(stopped) + len(finished) == 16, f"statuses {rows['status']}", proc)
        check(len(stopped) >= 2, f"only {len(stopped)} of 16 networks stopped early", proc)
        for r in stopped:
            curve = sorted(by_eval[int(r["id"])])
            check(len(curve) < EPOCHS, f"stopped eval {r['id']} has a full curve {curve}")
            check(curve[-1][1] == r["objective"],
                  f"stopped eval {r['id']} keeps its last accuracy ({curve})")
        for r in finished:
            check(len(by_eval[int(r["id"])]) == EPOCHS, f"eval {r['id']}: {by_eval[int(r['id'])]}")
        slowest = min(finished, key=lambda r: r["p:lr"])["p:lr"]
        at = sorted(len(by_eval[int(r["id"])]) for r in stopped)
        print(f"{len(stopped)} of 16 networks stopped early (after epochs {at}); lowest lr that "
              f"trained to the end: {slowest:.2e}")


def missing_data_is_refused_before_start():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "torch.yaml"),
                        PROBLEM.replace("dataset: fashion_mnist,",
                                        "dataset: mnist, path: no/such/folder,"))
        ckpt = os.path.join(tmp, "x.h5")
        proc = hpsearch_mpi(2, "run", problem, "--checkpoint", ckpt, timeout=120)
        check(proc.returncode == 2, "missing data is bad input (exit 2)", proc)
        check("no/such/folder" in proc.stderr, "the error names the folder", proc)
        check(not os.path.exists(ckpt), "no checkpoint is created", proc)
        proc = hpsearch("validate", problem)
        check(proc.returncode == 2, "validate refuses it too", proc)


def workers_without_a_usable_module_exit_2():
    """A worker that cannot load the trainer module (here: a library that is not one) ends
    the run at once with exit 2 and says why; nothing hangs."""
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "torch.yaml"), PROBLEM)
        os.environ["HPSEARCH_TRAIN_MODULE"] = "/lib/x86_64-linux-gnu/libm.so.6"
        try:
            proc = hpsearch_mpi(3, "run", problem, "--checkpoint", os.path.join(tmp, "x.h5"),
                                timeout=120)
        finally:
            del os.environ["HPSEARCH_TRAIN_MODULE"]
        check(proc.returncode == 2, "an unusable module is bad input (exit 2)", proc)
        check("does not export hpsearch_train_abi" in proc.stderr, "the error says why", proc)


if __name__ == "__main__":
    main({f.__name__: f for f in [three_ranks_train_and_record_curves,
                                  median_rule_stops_slow_learners,
                                  missing_data_is_refused_before_start,
                                  workers_without_a_usable_module_exit_2]})
