"""Joins CSV rows (problem,workers,scheduler,seed,budget,regret) of bench/multifidelity and
bench/multifidelity_optuna.py into one table of mean and median simple regret by budget."""
import csv
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for path in sys.argv[1:]:
    with open(path) as f:
        for row in csv.DictReader(f):
            key = (row["problem"], row["workers"], row["scheduler"], float(row["budget"]))
            runs[key].append(float(row["regret"]))
problems = list(dict.fromkeys(k[0] for k in runs))
budgets = sorted({k[3] for k in runs})
for problem in problems:
    print(f"\n{problem}: mean (median) simple regret, {len(next(iter(runs.values())))} seeds")
    print("| scheduler | workers | " + " | ".join(f"{b:g} epochs" for b in budgets) + " |")
    print("|---|---|" + "---|" * len(budgets))
    for (p, workers, scheduler) in dict.fromkeys(k[:3] for k in runs if k[0] == problem):
        cells = []
        for b in budgets:
            values = runs.get((p, workers, scheduler, b), [])
            cells.append(f"{statistics.mean(values):.3g} ({statistics.median(values):.3g})"
                         if values else "—")
        print(f"| {scheduler} | {workers} | " + " | ".join(cells) + " |")
