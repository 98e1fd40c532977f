"""bench/fashion_mnist_pbt_table.py EPOCHS METHOD,METHOD... POP,POP... DIR...: the table of
bench/fashion_mnist_pbt.sh from the checkpoints DIR/p<POP>/<METHOD>.h5, one DIR per seed (then
also the means over seeds). Each run is cut at the budget POP x EPOCHS epochs, as in
bench/fashion_mnist_table.py: its rows in the order they finished, each charged
fidelity - from_fidelity epochs; the rows that end within the budget count. Per method and
population: epochs used (inside the budget; the whole run's in brackets when it trained
more), the best validation accuracy at the end (among networks trained EPOCHS epochs), the
best at any fidelity, jobs, and the wall time (first submission to the last counted
result). Then the issue's targets: PBT ahead of random search at each population, PB2
ahead of PBT at population 4. Needs Debian's python3-h5py (/usr/bin/python3)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_mnist_table import OK, load  # noqa: E402  (the same budget cut)

LABELS = {"pbt": "PBT", "pb2": "PB2", "asha_ambs": "ASHA + AMBS", "random": "random search"}


def summary(path, epochs, budget):
    """best at EPOCHS, best at any fidelity, epochs used, the run's epochs, jobs, wall s."""
    rows, cum, total = load(path, budget)
    good = (rows["status"] == OK) & np.isfinite(rows["objective"])
    end = good & (rows["fidelity"] >= epochs - 1e-9)
    best_end = float(rows["objective"][end].max()) if end.any() else float("nan")
    best_any = float(rows["objective"][good].max()) if good.any() else float("nan")
    used = float(cum[-1]) if len(cum) else 0.0
    wall = float(rows["finished_at"].max() - rows["submitted_at"].min()) if len(rows) else 0.0
    return best_end, best_any, used, total, len(rows), wall


def verdict(results, pop, ahead, behind):
    if ahead not in results or behind not in results:
        return
    a, b = results[ahead][0], results[behind][0]
    met = "met" if a > b else "NOT met"
    print(f"  population {pop}: {LABELS[ahead]} {a:.4f} vs {LABELS[behind]} {b:.4f} "
          f"(target {LABELS[ahead]} ahead: {met})")


def table(epochs, methods, pops, folder):
    """Prints one seed's table; returns {pop: {method: summary}}."""
    out = {}
    print(f"  {'method':<15}{'population':>11}{'budget':>8}{'epochs used':>18}"
          f"{f'best@{epochs}':>9}{'best any':>10}{'jobs':>6}{'wall s':>8}")
    for pop in pops:
        budget = pop * epochs
        out[pop] = {}
        for m in methods:
            s = summary(f"{folder}/p{pop}/{m}.h5", epochs, budget)
            out[pop][m] = s
            best_end, best_any, used, total, jobs, wall = s
            run = f"{used:.0f}" + (f" ({total:.0f})" if total > used + 1e-9 else "")
            print(f"  {LABELS.get(m, m):<15}{pop:>11}{budget:>8}{run:>18}{best_end:9.4f}"
                  f"{best_any:10.4f}{jobs:6d}{wall:8.0f}")
    print("  targets (best validation accuracy at the end, equal epochs):")
    for pop in pops:
        verdict(out[pop], pop, "pbt", "random")
    if 4 in out:
        verdict(out[4], 4, "pb2", "pbt")
    return out


def main():
    epochs = int(sys.argv[1])
    methods = sys.argv[2].split(",")
    pops = [int(p) for p in sys.argv[3].split(",")]
    folders = sys.argv[4:]
    print(f"Fashion-MNIST PBT bench: best validation accuracy, budget = population x {epochs} "
          f"epochs per method")
    per_seed = []
    for folder in folders:
        print(f"== {folder}")
        per_seed.append(table(epochs, methods, pops, folder))
    if len(per_seed) < 2:
        return
    print(f"== mean over {len(per_seed)} seeds")
    print(f"  {'method':<15}{'population':>11}{f'best@{epochs}':>9}{'best any':>10}")
    means = {}
    for pop in pops:
        means[pop] = {}
        for m in methods:
            mean = np.mean([[s[pop][m][0], s[pop][m][1]] for s in per_seed], axis=0)
            means[pop][m] = tuple(mean)
            print(f"  {LABELS.get(m, m):<15}{pop:>11}{mean[0]:9.4f}{mean[1]:10.4f}")
    print("  targets on the means:")
    for pop in pops:
        verdict(means[pop], pop, "pbt", "random")
    if 4 in means:
        verdict(means[4], 4, "pb2", "pbt")


if __name__ == "__main__":
    main()
