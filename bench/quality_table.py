"""Joins CSV rows (problem,half,mode,strategy,seed,evals,regret) of bench/quality and
bench/optuna_suite.py into the issue-17 tables: for each half of the suite (tuning, test),
the mean rank of each search per budget and mode. On each problem the searches are ranked
by their median regret over the seeds (1 = best, ties share the mean rank), and the ranks
are averaged over the half's problems. With --detail, also the median regrets per problem. Closes with issue 17's targets on the
test half (AMBS against Optuna's TPE and random search), where those columns exist.
  quality_table.py [--detail] [--seeds N] FILE.csv ..."""
import csv
import statistics
import sys
from collections import defaultdict

detail = "--detail" in sys.argv
args = [a for a in sys.argv[1:] if a != "--detail"]
# --seeds N: only seeds 0..N-1 (a resumed run whose searches have different seed counts).
seed_limit = None
if "--seeds" in args:
    i = args.index("--seeds")
    seed_limit = int(args[i + 1])
    del args[i:i + 2]
paths = args
runs = defaultdict(dict)  # (problem, mode, strategy, evals) -> {seed: regret}
halves = {}
for path in paths:
    with open(path) as f:
        for row in csv.DictReader(f):
            # A run repeated (in two files) counts once: keyed by its seed.
            if seed_limit is not None and int(row["seed"]) >= seed_limit:
                continue
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


def ratio(a, b):
    return a / b if b > 0 else (1.0 if a == 0 else float("inf"))


def targets():
    """Issue 17's targets on the test half, from the columns present."""
    test = sorted(p for p in dict.fromkeys(k[0] for k in runs) if halves[p] == "test")
    peers = [s for s in ("ambs", "optuna_tpe", "optuna_cmaes", "random") if s in strategies]
    if "ambs" not in peers or not test:
        return
    print("\nTARGETS (test half)")
    for mode in modes:
        for budget in (b for b in (100, 200) if b in budgets):
            done = [p for p in test if all((p, mode, s, budget) in med for s in peers)]
            if not done:
                continue
            total = defaultdict(float)
            for p in done:
                for s, r in zip(peers, ranks([med[(p, mode, s, budget)] for s in peers])):
                    total[s] += r
            best = min(peers, key=lambda s: total[s])
            print(f"- {MODE_NAME[mode]} @{budget}: mean rank among {{{', '.join(peers)}}}: " +
                  ", ".join(f"{s} {total[s] / len(done):.2f}" for s in peers) +
                  f" over {len(done)} problems: best {best}" +
                  (" (met)" if best == "ambs" else " (NOT met)"))
    if "optuna_tpe" in strategies:
        for mode in modes:
            at200 = [p for p in test if (p, mode, "ambs", 200) in med and
                     (p, mode, "optuna_tpe", 200) in med]
            if at200:
                wins = sum(med[(p, mode, "ambs", 200)] < med[(p, mode, "optuna_tpe", 200)]
                           for p in at200)
                print(f"- {MODE_NAME[mode]} @200: AMBS better than Optuna TPE on {wins}/"
                      f"{len(at200)} problems ({100 * wins / len(at200):.0f} %; target >= 80 %)")
            at50 = [p for p in test if (p, mode, "ambs", 50) in med and
                    (p, mode, "optuna_tpe", 50) in med]
            if at50:
                worst = max(at50, key=lambda p: ratio(med[(p, mode, "ambs", 50)],
                                                      med[(p, mode, "optuna_tpe", 50)]))
                r = ratio(med[(worst, mode, "ambs", 50)], med[(worst, mode, "optuna_tpe", 50)])
                print(f"- {MODE_NAME[mode]} @50: worst AMBS / Optuna TPE median regret {r:.2f} "
                      f"({worst}; target <= 2)")
    if "seq" in modes and "async" in modes:
        both = [p for p in test if (p, "seq", "ambs", 200) in med and
                (p, "async", "ambs", 200) in med]
        if both:
            near = sum(med[(p, "async", "ambs", 200)] <= 1.5 * med[(p, "seq", "ambs", 200)]
                       for p in both)
            print(f"- async within 1.5x of sequential median regret @200 on {near}/{len(both)} "
                  f"problems ({100 * near / len(both):.0f} %; target >= 80 %)")
        if "random" in strategies:
            stalls = [(p, max(runs[(p, "async", "ambs", 200)].values()),
                       med[(p, "async", "random", 200)]) for p in both
                      if (p, "async", "random", 200) in med]
            bad = [(p, w, r) for p, w, r in stalls if w > r]
            print(f"- async seeds worse than random search's median @200: {len(bad)} problems" +
                  ("".join(f"; {p} {w:.3g} > {r:.3g}" for p, w, r in bad)))


targets()
if partial:
    print(f"\nleft out, seeds missing: {len(partial)} runs (" +
          ", ".join(" ".join(k) for k in partial[:8]) + (", ..." if len(partial) > 8 else "") + ")")
