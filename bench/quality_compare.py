"""Two runs of bench/quality head to head (e.g. a default against an override): for each
half, mode and budget, on how many problems the median regret over the seeds of A is lower
(better), higher (worse) or equal (tied) than B's, and the mean rank of each (1 = better,
ties 1.5). Each FILE is a bench/quality --csv file holding one search (its strategy column
is ignored). With --detail, also the median regrets per problem.
  quality_compare.py [--detail] A.csv B.csv"""
import csv
import statistics
import sys
from collections import defaultdict

detail = "--detail" in sys.argv
paths = [a for a in sys.argv[1:] if a != "--detail"]
if len(paths) != 2:
    sys.exit(__doc__)


def medians(path):
    runs = defaultdict(dict)  # (problem, half, mode, evals) -> {seed: regret}
    with open(path) as f:
        for row in csv.DictReader(f):
            key = (row["problem"], row["half"], row["mode"], int(row["evals"]))
            runs[key][int(row["seed"])] = float(row["regret"])
    return {k: (statistics.median(v.values()), len(v)) for k, v in runs.items()}


a, b = medians(paths[0]), medians(paths[1])
common = sorted(k for k in a if k in b and a[k][1] == b[k][1])
print(f"A = {paths[0]}, B = {paths[1]}: A better / worse / tied on problems, mean rank A, B")
for half in ("tuning", "test"):
    for mode in ("seq", "async"):
        for evals in sorted({k[3] for k in common}):
            keys = [k for k in common if k[1] == half and k[2] == mode and k[3] == evals]
            if not keys:
                continue
            better = sum(a[k][0] < b[k][0] for k in keys)
            worse = sum(a[k][0] > b[k][0] for k in keys)
            tied = len(keys) - better - worse
            rank_a = (better + 2 * worse + 1.5 * tied) / len(keys)
            print(f"{half:6} {mode:5} @{evals:<4} {len(keys):3} problems ({a[keys[0]][1]} seeds):"
                  f" {better:2} / {worse:2} / {tied:2}   rank {rank_a:.2f} {3 - rank_a:.2f}")
if detail:
    print(f"{'problem':20} {'half':6} {'mode':5} {'evals':>5} {'A':>10} {'B':>10}")
    for k in common:
        print(f"{k[0]:20} {k[1]:6} {k[2]:5} {k[3]:5} {a[k][0]:10.4g} {b[k][0]:10.4g}")
