"""End-to-end: strategies evolution and agebo (issue 18) under mpirun on real ranks, the
checkpoint read back with h5py, a resume that continues the population from the file, and
validate printing and refusing their settings."""
import os

from harness import check, hpsearch, hpsearch_mpi, main, read_evaluations, tempdir, write

# rastrigin over four integer genes and a real: a discrete landscape where one-gene mutations
# of good parents are what regularized evolution proposes once the population is full.
EVOLUTION = """
space:
  a: {type: int, low: -5, high: 5}
  b: {type: int, low: -5, high: 5}
  c: {type: int, low: -5, high: 5}
  d: {type: int, low: -5, high: 5}
  e: {type: real, low: -1, high: 1}
objective: {kind: function, name: rastrigin, sleep: [0.001, 0.005]}
search: {strategy: evolution, evolution: {population: 10, sample: 3}}
run: {max_evals: 60, seed: 5}
"""

AGEBO = """
space:
  arch.a: {type: int, low: -5, high: 5}
  lr: {type: real, low: -1, high: 1}
  arch.b: {type: int, low: -5, high: 5}
  arch.c: {type: int, low: -5, high: 5}
objective: {kind: function, name: rastrigin, sleep: [0.001, 0.005]}
search: {strategy: agebo, evolution: {population: 8, sample: 3}, initial_points: 5}
run: {max_evals: 40, seed: 3}
"""


def genes(row, names):
    return tuple(row[f"p:{n}"] for n in names)


def check_children(rows, names, population, after):
    """Every row with id >= `after`, once `population` successes had finished when it was
    submitted, is one gene from a row that had finished by then (its parent). Two rows of
    slack: a result the other worker finished may not have reached the manager yet."""
    rows = sorted(rows, key=lambda r: r["id"])
    mutated = 0
    for r in rows:
        if r["id"] < after:
            continue
        earlier = [p for p in rows if p["finished_at"] <= r["submitted_at"] and p["status"] == 0]
        if len(earlier) < population + 2:
            continue
        # Parents: rows finished by then, with 50 ms of slack for the clocks of the stamps.
        parents = [p for p in rows if p["finished_at"] <= r["submitted_at"] + 0.05]
        child = genes(r, names)
        near = [p for p in parents
                if sum(x != y for x, y in zip(genes(p, names), child)) == 1]
        check(near, f"row {r['id']} {child} is not one gene from any finished row")
        mutated += 1
    return mutated


def evolution_runs_and_resumes():
    names = ["a", "b", "c", "d", "e"]
    with tempdir() as tmp:
        path = write(os.path.join(tmp, "evo.yaml"), EVOLUTION)
        ckpt = os.path.join(tmp, "evo.h5")
        proc = hpsearch_mpi(3, "run", path, "--checkpoint", ckpt, "--max-evals", "35",
                            timeout=240)
        check(proc.returncode == 0, "the evolution run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 35, f"expected 35 rows, got {len(rows)}")
        check(set(rows["status"].tolist()) == {0}, "all evaluations ok")
        first = check_children(rows, names, 10, 0)
        check(first >= 15, f"only {first} rows were children of the population")
        # Resume: the population is rebuilt from the file's rows; the new rows are children.
        proc = hpsearch_mpi(3, "run", path, "--checkpoint", ckpt, timeout=240)
        check(proc.returncode == 0, "resuming the evolution run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 60, f"expected 60 rows after the resume, got {len(rows)}")
        resumed = check_children(rows, names, 10, 35)
        check(resumed >= 20, f"only {resumed} of the resumed rows were children")
        best_first = min(r["objective"] for r in rows if r["id"] < 10)
        best = min(rows["objective"])
        check(best <= best_first, "the search never does worse than its first population")


def agebo_runs_end_to_end():
    arch = ["arch.a", "arch.b", "arch.c"]
    with tempdir() as tmp:
        path = write(os.path.join(tmp, "agebo.yaml"), AGEBO)
        ckpt = os.path.join(tmp, "agebo.h5")
        proc = hpsearch_mpi(3, "run", path, "--checkpoint", ckpt, timeout=240)
        check(proc.returncode == 0, "the agebo run failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        check(len(rows) == 40, f"expected 40 rows, got {len(rows)}")
        check(set(rows["status"].tolist()) == {0}, "all evaluations ok")
        # The architecture genes evolve: children are one arch gene from a finished row's
        # architecture (the hyperparameter lr comes from AMBS, anything in its range).
        children = check_children(rows, arch, 8, 0)
        check(children >= 15, f"only {children} rows had a mutated architecture")
        lr = rows["p:lr"]
        check(((lr >= -1) & (lr <= 1)).all(), "lr within its bounds")


def validate_prints_and_refuses():
    with tempdir() as tmp:
        val = hpsearch("validate", write(os.path.join(tmp, "e.yaml"), EVOLUTION))
        check(val.returncode == 0, "validate failed", val)
        check("evolution: {population: 10, sample: 3}" in val.stdout,
              "validate prints the evolution settings", val)
        check("population 10, sample 3 (ageing)" in val.stdout, "the summary names them", val)
        val = hpsearch("validate", write(os.path.join(tmp, "g.yaml"), AGEBO))
        check(val.returncode == 0, "validate failed", val)
        for key in ["strategy: agebo", "evolution: {population: 8, sample: 3}",
                    "initial_points: 5", "surrogate:", "acquisition:"]:
            check(key in val.stdout, f"validate does not print {key}", val)
        no_arch = EVOLUTION.replace("strategy: evolution", "strategy: agebo")
        val = hpsearch("validate", write(os.path.join(tmp, "n.yaml"), no_arch))
        check(val.returncode == 2, "agebo without arch.* parameters must exit 2", val)
        check("strategy agebo needs parameters named 'arch.*'" in val.stderr,
              "the error names the convention", val)
        big = EVOLUTION.replace("sample: 3", "sample: 11")
        val = hpsearch("validate", write(os.path.join(tmp, "s.yaml"), big))
        check(val.returncode == 2 and "search.evolution.sample" in val.stderr,
              "a sample larger than the population is refused", val)


if __name__ == "__main__":
    main({f.__name__: f for f in [evolution_runs_and_resumes, agebo_runs_end_to_end,
                                  validate_prints_and_refuses]})
