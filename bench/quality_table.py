"""Joins CSV rows (problem,mode,strategy,seed,evals,regret) into the side-by-side table of
median simple regret, and says where AMBS beats random search and TPE."""
import csv
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for path in sys.argv[1:]:
    with open(path) as f:
        for row in csv.DictReader(f):
            runs[(row["problem"], row["mode"], row["strategy"], int(row["evals"]))].append(
                float(row["regret"]))
med = {k: statistics.median(v) for k, v in runs.items()}
problems = list(dict.fromkeys(k[0] for k in runs))
strategies = list(dict.fromkeys(k[2] for k in runs))
for mode in ("seq", "async"):
    cols = [s for s in strategies if any((p, mode, s, 200) in med or (p, mode, s, 100) in med
                                         for p in problems)]
    if not cols:
        continue
    print(f"\n{'sequential (1 worker)' if mode == 'seq' else 'asynchronous (8 workers, virtual time)'}"
          " — median simple regret")
    header = "| problem | evals | " + " | ".join(("ambs-" + c if c in ("et", "rf", "gp") else c)
                                               for c in cols) + " |"
    print(header)
    print("|" + "---|" * (len(cols) + 2))
    for p in problems:
        for e in (50, 100, 200):
            if not any((p, mode, c, e) in med for c in cols):
                continue
            cells = [f"{med[(p, mode, c, e)]:.4g}" if (p, mode, c, e) in med else "—" for c in cols]
            print(f"| {p} | {e} | " + " | ".join(cells) + " |")
    for c in ("et", "rf", "gp"):
        if c not in cols:
            continue
        beats_random = [p for p in problems if all(
            (p, mode, c, e) in med and med[(p, mode, c, e)] < med[(p, mode, "random", e)]
            for e in (100, 200) if (p, mode, "random", e) in med)]
        line = f"ambs-{c}: beats random at 100 and 200 on {len(beats_random)}/{len(problems)}"
        if mode == "seq" and "tpe" in cols:
            beats_tpe = [p for p in problems if (p, mode, c, 200) in med and
                         (p, mode, "tpe", 200) in med and med[(p, mode, c, 200)] < med[(p, mode, "tpe", 200)]]
            line += f"; beats TPE at 200 on {len(beats_tpe)}/{len(problems)} ({', '.join(beats_tpe)})"
        print(line)
