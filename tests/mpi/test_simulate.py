"""`hpsearch simulate` against reality (issue 16): the same problem run for real under mpirun
(1 manager + 7 workers, evaluations sleeping 50-200 ms) and simulated with the same duration
model (`--duration objective`: the very sleeps the real workers draw, job by job, so that
sampling noise does not blur the comparison); worker utilization and evaluations completed
agree within 10 %.

Both figures come from each run's own checkpoint, read the same way with h5py: utilization is
the seconds workers spent evaluating (started_at .. finished_at of every row) over 7 x the
search's span (first submission .. last result); the budget is run.max_time, so the number of
evaluations is a prediction too. The per-message latency is a property of the machine, which
on 2 loaded cores is far from an idle cluster's: it is measured from the real run (half the
median gap between a worker's result and the start of its next job, less the manager's own
median dispatch latency, which the simulator measures itself) and given to the simulator."""
import os
import re
import statistics

from harness import check, hpsearch, hpsearch_mpi, main, read_evaluations, tempdir, write

PROBLEM = """space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective:
  kind: function
  name: branin
  sleep: [0.05, 0.2]
run:
  max_evals: 100000
  max_time: 8s
  seed: 5
"""
WORKERS = 7


def measure(path):
    rows, attrs, _ = read_evaluations(path)
    start = rows["submitted_at"].min()
    span = rows["finished_at"].max() - start
    busy = float((rows["finished_at"] - rows["started_at"]).sum())
    gaps = []
    for rank in {int(r) for r in rows["worker_rank"]}:
        mine = sorted((r for r in rows if int(r["worker_rank"]) == rank),
                      key=lambda r: r["started_at"])
        gaps += [float(b["started_at"] - a["finished_at"]) for a, b in zip(mine, mine[1:])]
    durations = rows["finished_at"] - rows["started_at"]
    return {"evaluations": len(rows), "utilization": busy / (WORKERS * span), "span": span,
            "gap_p50": statistics.median(gaps), "duration_mean": float(durations.mean()),
            "simulated": "simulated" in attrs}


def agree(a, b):
    return abs(a - b) <= 0.10 * max(a, b)


def simulated_utilization_matches_a_real_run():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "p.yaml"), PROBLEM)
        real_ckpt = os.path.join(tmp, "real.h5")
        proc = hpsearch_mpi(WORKERS + 1, "run", problem, "--checkpoint", real_ckpt, timeout=240)
        check(proc.returncode == 0, "the real run failed", proc)
        real = measure(real_ckpt)
        check(not real["simulated"], "a real run's checkpoint is not marked simulated")
        dispatch = re.search(r"dispatch latency: median ([0-9.]+) ms", proc.stdout)
        check(dispatch is not None, "the real run prints its dispatch latency", proc)
        manager = float(dispatch.group(1)) / 1000.0
        latency = max(0.0, (real["gap_p50"] - manager) / 2.0)

        sim_ckpt = os.path.join(tmp, "sim.h5")
        sim = hpsearch("simulate", problem, "--workers", str(WORKERS), "--duration",
                       "objective", "--latency", f"{latency:.6f}", "--checkpoint",
                       sim_ckpt, timeout=240)
        check(sim.returncode == 0, "the simulation failed", sim)
        simulated = measure(sim_ckpt)
        check(simulated["simulated"], "the simulated checkpoint is marked simulated")
        show = hpsearch("show", sim_ckpt)
        check(show.returncode == 0 and "simulated" in show.stdout,
              "`hpsearch show` reads the simulated checkpoint and says so", show)

        figures = (f"real: {real['evaluations']} evaluations, utilization "
                   f"{real['utilization']:.4f}, mean duration {real['duration_mean'] * 1e3:.1f} "
                   f"ms, median gap {real['gap_p50'] * 1e3:.2f} ms (manager {manager * 1e3:.2f} "
                   f"ms, latency given {latency * 1e3:.3f} ms); simulated: "
                   f"{simulated['evaluations']} evaluations, utilization "
                   f"{simulated['utilization']:.4f}, mean duration "
                   f"{simulated['duration_mean'] * 1e3:.1f} ms")
        print(figures)
        check(agree(real["utilization"], simulated["utilization"]),
              "utilization differs by more than 10 %: " + figures, sim)
        check(agree(real["evaluations"], simulated["evaluations"]),
              "evaluations completed differ by more than 10 %: " + figures, sim)


def simulate_refuses_what_it_cannot_simulate():
    with tempdir() as tmp:
        problem = write(os.path.join(tmp, "p.yaml"),
                        PROBLEM.replace("kind: function\n  name: branin\n  sleep: [0.05, 0.2]",
                                        "kind: command\n  command: [/bin/true]"))
        proc = hpsearch("simulate", problem, "--workers", "4", "--duration", "const:1")
        check(proc.returncode == 2, "a command objective is refused with exit 2", proc)
        check("objective.kind command cannot be simulated" in proc.stderr,
              "the error says why", proc)
        proc = hpsearch("simulate", "--help")
        check(proc.returncode == 0 and "lognormal:MEAN,S" in proc.stdout and
              "Charged to virtual time" in proc.stdout, "--help explains the models", proc)


if __name__ == "__main__":
    main({f.__name__: f for f in [simulated_utilization_matches_a_real_run,
                                  simulate_refuses_what_it_cannot_simulate]})
