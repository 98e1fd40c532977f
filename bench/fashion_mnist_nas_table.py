"""bench/fashion_mnist_nas_table.py EVALS STRATEGY,STRATEGY... DIR...: the table of
bench/fashion_mnist_nas.sh from the checkpoints DIR/<STRATEGY>.h5, one DIR per seed. Rows in
the order they finished (bench/fashion_mnist_table.py's load). Per strategy: the best
validation accuracy (over the evaluations that ended ok) after 25, 50 and 100 evaluations
(those not above EVALS, and EVALS itself), the median over seeds with the seeds' values in
brackets; at equal wall time: the best among the evaluations finished within the shortest
run of that seed (first submission to last result), median and per seed; the wall time of
each run; evaluations and failures. Then the issue's targets at the last column, on the
medians: evolution and AgEBO ahead of random search, AgEBO >= evolution (met or NOT met),
with the number of seeds where each holds. Needs Debian's python3-h5py (/usr/bin/python3)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_mnist_pbt_table import best_ok  # noqa: E402
from fashion_mnist_table import OK, load  # noqa: E402

LABELS = {"random": "random", "evolution": "evolution", "ambs": "AMBS", "agebo": "AgEBO"}
# (first, second, strictly ahead?): the targets.
TARGETS = [("evolution", "random", True), ("agebo", "random", True),
           ("agebo", "evolution", False)]


def run(path):
    """rows in finish order, wall time (s) from the first submission to the last result."""
    rows = load(path, float("inf"))[0]
    wall = float(rows["finished_at"].max() - rows["submitted_at"].min()) if len(rows) else 0.0
    return rows, wall


def cell(values):
    each = ", ".join(f"{v:.4f}" for v in values)
    return f"{np.median(values):.4f} ({each})"


def holds(a, b, strict):
    return a > b if strict else a >= b


def main():
    evals = int(sys.argv[1])
    strategies = sys.argv[2].split(",")
    folders = sys.argv[3:]
    marks = sorted({n for n in (25, 50, 100) if n < evals} | {evals})
    runs = [{s: run(f"{d}/{s}.h5") for s in strategies} for d in folders]
    # best[s][n]: per seed; equal wall time: within the seed's shortest run.
    best = {s: {n: [best_ok(r[s][0][:n]) for r in runs] for n in marks} for s in strategies}
    at_wall = {s: [] for s in strategies}
    for r in runs:
        shortest = min(wall for _, wall in r.values())
        for s in strategies:
            rows = r[s][0]
            start = rows["submitted_at"].min() if len(rows) else 0.0
            at_wall[s].append(best_ok(rows[rows["finished_at"] <= start + shortest + 1e-9]))
    print(f"Fashion-MNIST cell-space architecture search: best validation accuracy after n "
          f"evaluations, median (seeds {', '.join(os.path.basename(d) for d in folders)})")
    head = [f"@{n}" for n in marks] + ["@ equal wall time", "wall s", "evaluations (failed)"]
    print("| strategy | " + " | ".join(head) + " |")
    print("|---" * (len(head) + 1) + "|")
    for s in strategies:
        walls = ", ".join(f"{r[s][1]:.0f}" for r in runs)
        counts = ", ".join(f"{len(r[s][0])} ({int(np.sum(r[s][0]['status'] != OK))})"
                           for r in runs)
        cells = [cell(best[s][n]) for n in marks] + [cell(at_wall[s]), walls, counts]
        print(f"| {LABELS.get(s, s)} | " + " | ".join(cells) + " |")
    n = marks[-1]
    print(f"targets at {n} evaluations (medians over {len(folders)} seeds):")
    for first, second, strict in TARGETS:
        if first not in best or second not in best:
            continue
        a, b = np.median(best[first][n]), np.median(best[second][n])
        seeds = sum(holds(x, y, strict) for x, y in zip(best[first][n], best[second][n]))
        relation = ">" if strict else ">="
        print(f"  {LABELS[first]} {relation} {LABELS[second]}: {a:.4f} vs {b:.4f}: "
              f"{'met' if holds(a, b, strict) else 'NOT met'} (holds on {seeds} of "
              f"{len(folders)} seeds)")


if __name__ == "__main__":
    main()
