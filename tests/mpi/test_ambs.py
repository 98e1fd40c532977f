"""End-to-end AMBS (issue 5): `mpirun -n 5 hpsearch run` on Branin with evaluations that
sleep 20-200 ms; the search must find the minimum quickly and never keep a worker waiting
on a model fit (the manager prints its dispatch latency at the end)."""
import os
import re

from harness import check, hpsearch_mpi, main, read_evaluations, tempdir, write

BRANIN = """
space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective: {kind: function, name: branin, sleep: [0.02, 0.2]}
search: {strategy: ambs, initial_points: 10}
run: {max_evals: 60, seed: SEED}
"""
OPTIMUM = 0.397887


def branin_reaches_low_regret_with_4_workers():
    regrets, p99s = [], []
    with tempdir() as tmp:
        for seed in (1, 2, 3, 4, 5):
            path = write(os.path.join(tmp, f"b{seed}.yaml"), BRANIN.replace("SEED", str(seed)))
            ckpt = os.path.join(tmp, f"b{seed}.h5")
            proc = hpsearch_mpi(5, "run", path, "--checkpoint", ckpt, timeout=180)
            check(proc.returncode == 0, "ambs run failed", proc)
            rows, _, _ = read_evaluations(ckpt)
            check(len(rows) == 60 and len(set(rows["id"].tolist())) == 60, "60 unique evaluations")
            configs = {(float(r["p:x1"]), float(r["p:x2"])) for r in rows}
            check(len(configs) == 60, "no configuration was proposed twice")
            regret = float(rows["objective"].min()) - OPTIMUM
            m = re.search(r"dispatch latency: median ([0-9.]+) ms, p99 ([0-9.]+) ms", proc.stdout)
            check(m is not None, "the manager prints its dispatch latency", proc)
            regrets.append(regret)
            p99s.append(float(m.group(2)))
            print(f"seed {seed}: regret {regret:.4g} after 60 evaluations; {m.group(0)}")
    # Asynchronous runs differ from run to run (which results the model has seen when it
    # proposes): most seeds end below 0.01, but a seed can stall (0.12, 0.44, once 0.86;
    # left for an issue of its own). Random search's minimum of 60 points is below 0.25 in
    # 25% of runs: it passes this check about once in 10; a search that learns nothing
    # rarely does, and a stall of one or two seeds does not fail CI.
    check(sum(r < 0.25 for r in regrets) >= 3, f"regret < 0.25 in most seeds: {regrets}")
    # The 5 ms target is for the optimised build users run; a Debug build (CI's) gets a
    # looser bound that still catches a manager waiting on whole fits.
    bound = 5.0 if os.environ.get("HPSEARCH_BUILD_TYPE") == "Release" else 15.0
    check(max(p99s) < bound, f"dispatch latency p99 under {bound} ms: {p99s}")


if __name__ == "__main__":
    main({f.__name__: f for f in [branin_reaches_low_regret_with_4_workers]})
