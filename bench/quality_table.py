"""Joins CSV rows (problem,half,mode,strategy,seed,evals,regret) of bench/quality and
bench/optuna_suite.py into the issue-17 tables: for each half of the suite (tuning, test),
the mean rank of each search per budget and mode. On each problem the searches are ranked
by their median regret over the seeds (1 = best, ties share the mean rank), and the ranks
are averaged over the half's problems. With --detail, also the median regrets per problem.
  quality_table.py [--detail] FILE.csv ..."""
import csv
import statistics
import sys
from collections import defaultdict

detail = "--detail" in sys.argv
paths = [a for a in sys.argv[1:] if a != "--detail"]
runs = defaultdict(dict)  # (problem, mode, strategy, evals) -> {seed: regret}
halves = {}
for path in paths:
    with open(path) as f:
        for row in csv.DictReader(f):
            # A run repeated (in two files) counts once: keyed by its seed.
            runs[(row["problem"], row["mode"], row["strategy"], int(row["evals"]))][
                int(row["seed"])] = float(row["regret"])
            halves[row["problem"]] = row["half"]
# A run still in progress (fewer seeds than the others) is left out.
full = max(len(v) for v in runs.values())
partial = sorted({(k[0], k[1], k[2]) for k, v in runs.items() if len(v) < full})
runs = {k: v for k, v in runs.items() if len(v) == full}
med = {k: statistics.median(v.values()) for k, v in runs.items()}
strategies = list(dict.fromkeys(k[2] for k in runs))
modes = [m for m in ("seq", "async") if any(k[1] == m for k in runs)]
budgets = sorted({k[3] for k in runs})
MODE_NAME = {"seq": "sequential", "async": "8 async workers"}


def ranks(values):
    """1-based ranks of values (lower is better), ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


for half in ("tuning", "test"):
    problems = [p for p in dict.fromkeys(k[0] for k in runs) if halves[p] == half]
    problems = sorted(problems)
    if not problems:
        continue
    columns = [(m, b) for m in modes for b in budgets]
    mean_rank = {}
    counted = {}
    for mode, budget in columns:
        total = defaultdict(float)
        n = 0
        for p in problems:
            if not all((p, mode, s, budget) in med for s in strategies):
                continue  # a search missing on this problem: rank only complete problems
            r = ranks([med[(p, mode, s, budget)] for s in strategies])
            for s, v in zip(strategies, r):
                total[s] += v
            n += 1
        counted[(mode, budget)] = n
        for s in strategies:
            mean_rank[(s, mode, budget)] = total[s] / n if n else float("nan")
    print(f"\n{half.upper()} HALF ({len(problems)} problems, {full} seeds): mean rank by "
          f"median regret over the seeds (1 = best of {len(strategies)})")
    print("| search | " + " | ".join(f"{MODE_NAME[m]} @{b}" for m, b in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for s in strategies:
        print(f"| {s} | " + " | ".join(f"{mean_rank[(s, m, b)]:.2f}" for m, b in columns) + " |")
    print("problems ranked per column: " + ", ".join(str(counted[c]) for c in columns))
    if detail:
        print(f"\n{half} half: median regret per problem")
        print("| problem | mode | evals | " + " | ".join(strategies) + " |")
        print("|---|---|---:|" + "---:|" * len(strategies))
        for p in problems:
            for mode, budget in columns:
                cells = [f"{med[(p, mode, s, budget)]:.3g}" if (p, mode, s, budget) in med else "—"
                         for s in strategies]
                print(f"| {p} | {mode} | {budget} | " + " | ".join(cells) + " |")
if partial:
    print(f"\nleft out, seeds missing: {len(partial)} runs (" +
          ", ".join(" ".join(k) for k in partial[:8]) + (", ..." if len(partial) > 8 else "") + ")")
