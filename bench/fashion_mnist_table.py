"""bench/fashion_mnist_table.py BUDGET METHOD,METHOD... DIR...: the tables of
bench/fashion_mnist_multifidelity.sh from the checkpoints DIR/METHOD.h5, one DIR per seed
(then also the means over seeds). Each run is cut at
BUDGET epochs: its rows in the order they finished, each charged fidelity - from_fidelity
epochs; the rows that end within the budget count. Per method: best validation accuracy
(over every job that finished ok, at any fidelity) once 1/9, 1/3, 2/3 and all of the budget
were trained, the best among 27-epoch networks, and the wall time (first submission to the
result that ends the budget); and the best accuracy at common wall times (quarters of the
longest run), the same rows. Then the epochs ASHA+AMBS needed to reach full-fidelity AMBS's
final best, against the issue's target of <= 1/3 of AMBS's epochs. Needs Debian's
python3-h5py (/usr/bin/python3)."""
import sys

import h5py
import numpy as np

LABELS = {
    "random": "random (full fidelity)",
    "ambs": "AMBS (full fidelity)",
    "asha_random": "ASHA + random",
    "asha_ambs": "ASHA + AMBS",
    "hyperband": "Hyperband (random)",
    "one_epoch": "one epoch (random)",
}
OK = 0  # the status enum of the checkpoint's evaluations


def load(path, budget):
    """The rows of checkpoint `path` in finish order, cut at `budget` epochs, with their
    cumulative epochs; and the epochs the whole run trained."""
    with h5py.File(path, "r") as f:
        rows = f["evaluations"][:]
    rows = rows[np.argsort(rows["finished_at"], kind="stable")]
    epochs = np.cumsum(rows["fidelity"] - rows["from_fidelity"])
    inside = epochs <= budget + 1e-9
    return rows[inside], epochs[inside], float(epochs[-1]) if len(epochs) else 0.0


def best_within(rows, epochs, limit):
    good = (epochs <= limit + 1e-9) & (rows["status"] == OK) & np.isfinite(rows["objective"])
    return float(rows["objective"][good].max()) if good.any() else float("nan")


def epochs_to_reach(rows, epochs, target):
    good = (rows["status"] == OK) & (rows["objective"] >= target)
    return float(epochs[good][0]) if good.any() else None


FRACTIONS = [(1 / 9, "1/9"), (1 / 3, "1/3"), (2 / 3, "2/3"), (1.0, "all")]


def table(budget, runs):
    """Prints the tables of one seed's `runs` (method -> load()); returns the best accuracy
    per method at each budget fraction and ASHA+AMBS's epochs-to-target ratio (None: not
    reached, or not both methods run)."""
    print(f"best validation accuracy against epochs trained (budget {budget:.0f} epochs):")
    head = "".join(f"{f'{name} ({budget * x:.0f})':>12}" for x, name in FRACTIONS)
    print(f"  {'method':<24}{head}{'best@27':>9}{'jobs':>6}{'wall s':>9}{'run epochs':>12}")
    bests = {}
    for m, (rows, epochs, total) in runs.items():
        bests[m] = [best_within(rows, epochs, budget * x) for x, _ in FRACTIONS]
        full = (rows["status"] == OK) & (rows["fidelity"] >= 27 - 1e-9)
        best27 = float(rows["objective"][full].max()) if full.any() else float("nan")
        wall = float(rows["finished_at"].max() - rows["submitted_at"].min()) if len(rows) else 0.0
        short = "" if total >= budget - 1e-9 else "  (budget not reached)"
        print(f"  {LABELS.get(m, m):<24}" + "".join(f"{b:12.4f}" for b in bests[m]) +
              f"{best27:9.4f}{len(rows):6d}{wall:9.0f}{total:12.0f}{short}")
    walls = [r["finished_at"].max() - r["submitted_at"].min() for r, _, _ in runs.values() if len(r)]
    marks = np.linspace(max(walls) / 4, max(walls), 4) if walls else []
    print("best validation accuracy against wall time (seconds since the run's first submission; "
          "marks: quarters of the longest run; * the run had spent its budget):")
    print(f"  {'method':<24}" + "".join(f"{f'{t:.0f} s':>10}" for t in marks))
    for m, (rows, _, _) in runs.items():
        if not len(rows):
            continue
        t = rows["finished_at"] - rows["submitted_at"].min()
        cells = []
        for limit in marks:
            good = (t <= limit) & (rows["status"] == OK)
            best = rows["objective"][good].max() if good.any() else float("nan")
            cells.append(f"{best:9.4f}{'*' if limit > t.max() else ' '}")
        print(f"  {LABELS.get(m, m):<24}" + "".join(cells))
    if "asha_ambs" not in runs or "ambs" not in runs:
        return bests, None
    target = best_within(*runs["ambs"][:2], budget)
    ambs_epochs = float(runs["ambs"][1][-1])
    needed = epochs_to_reach(*runs["asha_ambs"][:2], target)
    if needed is None:
        print(f"ASHA+AMBS did not reach full-fidelity AMBS's final best {target:.4f} within "
              f"{budget:.0f} epochs: target (<= 1/3 of AMBS's {ambs_epochs:.0f} epochs) NOT met")
        return bests, None
    ratio = needed / ambs_epochs
    verdict = "met" if ratio <= 1 / 3 + 1e-9 else "NOT met"
    print(f"ASHA+AMBS reached full-fidelity AMBS's final best {target:.4f} after {needed:.0f} of "
          f"AMBS's {ambs_epochs:.0f} epochs: ratio {ratio:.3f} (target <= 0.333: {verdict})")
    return bests, ratio


def main():
    budget = float(sys.argv[1])
    methods = sys.argv[2].split(",")
    folders = sys.argv[3:]
    per_seed = []
    for folder in folders:
        if len(folders) > 1:
            print(f"== {folder}")
        per_seed.append(table(budget, {m: load(f"{folder}/{m}.h5", budget) for m in methods}))
    if len(per_seed) < 2:
        return
    print(f"== mean over {len(per_seed)} seeds: best validation accuracy against epochs trained")
    print(f"  {'method':<24}" + "".join(f"{f'{name} ({budget * x:.0f})':>12}" for x, name in FRACTIONS))
    for m in methods:
        mean = np.mean([bests[m] for bests, _ in per_seed], axis=0)
        print(f"  {LABELS.get(m, m):<24}" + "".join(f"{b:12.4f}" for b in mean))
    ratios = [r for _, r in per_seed]
    if "asha_ambs" in methods and "ambs" in methods:
        met = sum(r is not None and r <= 1 / 3 + 1e-9 for r in ratios)
        shown = ", ".join("not reached" if r is None else f"{r:.3f}" for r in ratios)
        print(f"ASHA+AMBS epochs to full-fidelity AMBS's final best / AMBS's epochs, per seed: "
              f"{shown}; target (<= 0.333) met in {met} of {len(ratios)} seeds")


if __name__ == "__main__":
    main()
