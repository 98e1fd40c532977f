"""Joins `tpe_bench quality` and bench/tpe_optuna.py CSVs: median regret over seeds per
problem and budget, hpsearch's TPE next to Optuna's, with the ratio and each side's
interquartile range (the noise). Usage: python3 bench/tpe_table.py A.csv B.csv"""
import csv
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for path in sys.argv[1:]:
    for row in csv.DictReader(open(path)):
        runs[(row["problem"], int(row["evals"]), row["strategy"])].append(float(row["regret"]))


def quartiles(v):
    q = statistics.quantiles(v, n=4)
    return q[0], statistics.median(v), q[2]


print(f"{'problem':12} {'evals':>5}  {'hpsearch tpe: median [q1, q3]':>34}  "
      f"{'optuna tpe: median [q1, q3]':>34}  ratio")
for problem, evals in sorted({(p, e) for p, e, _ in runs}, key=lambda k: (k[0], k[1])):
    ours, theirs = runs.get((problem, evals, "tpe")), runs.get((problem, evals, "optuna-tpe"))
    if not ours or not theirs:
        continue
    a, b = quartiles(ours), quartiles(theirs)
    print(f"{problem:12} {evals:5}  {a[1]:10.4g} [{a[0]:9.4g}, {a[2]:9.4g}]  "
          f"{b[1]:10.4g} [{b[0]:9.4g}, {b[2]:9.4g}]  {a[1] / b[1] if b[1] else float('nan'):5.2f}")
