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


SEEDS = range(1, 21)


def branin_reaches_low_regret_with_4_workers():
    regrets, p99s, fit_waits = [], [], []
    with tempdir() as tmp:
        for seed in SEEDS:
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
            own = re.search(r"own \(less waits for a CPU\): p99 ([0-9.]+) ms", proc.stdout)
            check(own is not None, "the manager prints its own dispatch latency", proc)
            waits = re.search(r"([0-9]+) waits for a fit", proc.stdout)
            check(waits is not None, "AMBS prints how often ask() waited for a fit", proc)
            regrets.append(regret)
            p99s.append(float(own.group(1)))
            fit_waits.append(int(waits.group(1)))
            print(f"seed {seed}: regret {regret:.4g} after 60 evaluations; {m.group(0)}; "
                  f"{own.group(0)}; {waits.group(0)}")
    # No worker waits on a model fit: ask() never blocked for the helper's fit (the
    # strategy counts it; a clock-free bar that foreign load cannot move).
    check(fit_waits == [0] * len(SEEDS), f"ask() never waited for a fit: {fit_waits}")
    # The 5 ms target is for the optimised build users run; a Debug build (CI's) gets a
    # looser bound that still catches a manager waiting on whole fits. The bound applies to
    # the manager's own latency: the wall time from a worker's message to its next job less
    # the time the manager thread was runnable but another process held the CPU
    # (/proc/thread-self/schedstat; DispatchLatency). Waits on the flush, a lock or a fit
    # count in full. Why: the wall p99 was 4.4-5.6 ms on an idle machine but 28-56 ms under
    # a foreign load of 21-30 on 2 cores, which measured the machine's scheduler, not the
    # manager. At load 13 (4 other builds): wall p99 5.3-16.5 ms, own 1.5-1.9 ms; with ask()
    # made to wait for every fit (a probe of the regression this bar guards) own p99 was
    # 5.3-24.9 ms and the bar failed.
    bound = 5.0 if os.environ.get("HPSEARCH_BUILD_TYPE") == "Release" else 15.0
    check(max(p99s) < bound, f"own dispatch latency p99 under {bound} ms: {p99s}")
    # The bar: regret < 0.05 after 60 evaluations in at least 60 % of the seeds, 12 of 20.
    # Random search's best of 60 points is below 0.05 with p = 0.056 (Monte Carlo, 400,000
    # runs), so it passes this bar with P = 7.8e-11 (binomial tail, 20 seeds).
    # Until issue 17 the bar was 3 of 5 seeds (random search passes with P = 0.16 %), and a
    # run that missed it was reported as SKIPPED: asynchronous AMBS did not meet it reliably.
    # Per seed, with the constant kappa (kappa_decay: none, the default since issue 17),
    # regret < 0.05 after 60 evaluations in: 173 of 200 seeds in real time in a Debug build
    # (bench/ambs_async --evals 60 --workers 4 --seeds 100, seeds 1-100 beside this test:
    # 83, seeds 101-200 beside two nice-19 busy loops: 90); 85 of 100 in a Release build
    # beside other runs; 181 of 200 in virtual time (bench/quality --problems branin2
    # --modes async --workers 4 --evals 60 --initial 10 --seeds 200). With p = 0.865 per
    # seed, 3 of 5 seeds was missed in 2.0 % of runs; 12 of 20, the same 60 % share, is
    # missed in 0.06 % (0.33 % at the worse hundred's p = 0.83), and random search passes it
    # with a far smaller probability than before.
    good = sum(r < 0.05 for r in regrets)
    check(good >= 12, f"regret < 0.05 in {good} of {len(SEEDS)} seeds (bar: 12): {regrets}")
    print(f"regret < 0.05 in {good} of {len(SEEDS)} seeds (bar: 12)")


def asynchronous_snapshot_resumes_without_repeats():
    """The strategy state the journal saves in asynchronous mode (the helper's last
    snapshot, without results told since and unasked proposals) resumes cleanly: a search
    stopped at 30 and resumed to 60 evaluations proposes no configuration twice."""
    with tempdir() as tmp:
        path = write(os.path.join(tmp, "b.yaml"), BRANIN.replace("SEED", "7"))
        ckpt = os.path.join(tmp, "b.h5")
        for max_evals in ("30", "60"):
            proc = hpsearch_mpi(5, "run", path, "--checkpoint", ckpt, "--max-evals", max_evals,
                                timeout=180)
            check(proc.returncode == 0, f"ambs run to {max_evals} failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 60 and len(set(rows["id"].tolist())) == 60, "60 unique evaluations")
        configs = {(float(r["p:x1"]), float(r["p:x2"])) for r in rows}
        check(len(configs) == 60, "no configuration was proposed twice across the resume")


if __name__ == "__main__":
    main({f.__name__: f for f in [branin_reaches_low_regret_with_4_workers,
                                  asynchronous_snapshot_resumes_without_repeats]})
