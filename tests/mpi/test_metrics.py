"""End-to-end: user metrics (issue 20). A command prints {"objective": ..., "metadata": {...}};
the metrics declared under `metrics:` become checkpoint columns m:<name>, the others one JSON
column `metadata` (read back with h5py), `hpsearch export --csv` writes them as DeepHyper's
m:<key> columns, `hpsearch show --columns` lists them and `hpsearch report` shows them. A checkpoint written before user
metrics still resumes. The README's h5py/pandas recipe (checkpoint_recipe.py) reads the
checkpoint with categorical names decoded."""
import csv
import json
import os
import shutil
import sys

from harness import FIXTURES, check, hpsearch, hpsearch_mpi, main, tempdir, write

SCRIPT = os.path.join(FIXTURES, "scripts", "metrics_train.py")
PRE_METRICS = os.path.join(FIXTURES, "checkpoints", "format4_pre_metrics.h5")
SKIP = 77  # CTest SKIP_RETURN_CODE

PROBLEM = f"""
space:
  x: {{type: real, low: -5.0, high: 10.0}}
  act: {{type: categorical, choices: [relu, tanh]}}
objective:
  kind: command
  command: [{sys.executable}, "{SCRIPT}", "{{x}}", "{{act}}"]
metrics: [train_time, params]
run: {{max_evals: 8, seed: 11}}
"""


def run_search(d):
    problem = write(os.path.join(d, "p.yaml"), PROBLEM)
    ckpt = os.path.join(d, "m.h5")
    proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt)
    check(proc.returncode == 0, "the search failed", proc)
    return ckpt


def export_rows(ckpt, d):
    out = os.path.join(d, "m.csv")
    proc = hpsearch("export", ckpt, "--csv", out)
    check(proc.returncode == 0, "export failed", proc)
    with open(out, newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def command_metadata_becomes_columns():
    import h5py
    with tempdir() as d:
        ckpt = run_search(d)
        with h5py.File(ckpt, "r") as f:
            ev = f["evaluations"]
            names = ev.dtype.names
            check(names[-3:] == ("metadata", "m:train_time", "m:params"),
                  f"metric columns missing or misplaced: {names}")
            rows = ev[:]
            choices = [c.decode() if isinstance(c, bytes) else c for c in ev.attrs["choices:act"]]
        check(len(rows) == 8, f"{len(rows)} rows, expected 8")
        for r in rows:
            x = float(r["p:x"])
            check(abs(r["m:train_time"] - (abs(x) + 0.5)) < 1e-9, f"m:train_time of {r}")
            check(r["m:params"] == 1000 + int(10 * abs(x)), f"m:params of {r}")
            rest = json.loads(r["metadata"].decode() if isinstance(r["metadata"], bytes)
                              else r["metadata"])
            check(rest == {"act_seen": choices[r["p:act"]], "history": [x, x / 2]},
                  f"the metadata column of row {r['id']} holds {rest}")
        fields, csv_rows = export_rows(ckpt, d)
        check(fields[-4:] == ["m:train_time", "m:params", "m:act_seen", "m:history"],
              f"export columns: {fields}")
        for row, r in zip(csv_rows, rows):
            check(float(row["m:train_time"]) == float(r["m:train_time"]), f"csv row {row}")
            check(row["m:act_seen"] == row["p:act"], f"act_seen is the config's act: {row}")
            check(json.loads(row["m:history"])[0] == float(row["p:x"]), f"history in {row}")
        proc = hpsearch("show", ckpt, "--columns")
        check(proc.returncode == 0, "show --columns failed", proc)
        for want in ("user metrics (4):", "m:train_time", "declared: checkpoint column m:params",
                     "m:history", "8 of 8 rows"):
            check(want in proc.stdout, f"show --columns lacks {want!r}", proc)
        # And in the report: every metric a column of the table of evaluations, the numeric
        # ones plotted against the objective, each row's m:params value in its cell.
        html_path = os.path.join(d, "m.html")
        proc = hpsearch("report", ckpt, "-o", html_path)
        check(proc.returncode == 0, "report failed", proc)
        with open(html_path) as f:
            html = f.read()
        for key in ("train_time", "params", "act_seen", "history"):
            check(f"<th>m:{key}" in html, f"the report's table has the column m:{key}")
        for key in ("train_time", "params"):
            check(f"<h3>m:{key}</h3><svg" in html, f"the report plots m:{key}")
        for r in rows:
            check(f">{int(r['m:params'])}<" in html, f"the report shows m:params of row {r['id']}")


def pre_metrics_checkpoint_resumes():
    with tempdir() as d:
        ckpt = os.path.join(d, "old.h5")
        shutil.copy(PRE_METRICS, ckpt)
        problem = write(os.path.join(d, "p.yaml"), PROBLEM.replace("max_evals: 8", "max_evals: 7"))
        proc = hpsearch_mpi(2, "run", problem, "--checkpoint", ckpt)
        check(proc.returncode == 0, "resuming a checkpoint written before user metrics failed",
              proc)
        check("written before user metrics" in proc.stderr, "no warning that metrics are lost",
              proc)
        fields, rows = export_rows(ckpt, d)
        check(len(rows) == 7, f"{len(rows)} rows after the resume, expected 7")
        check(not any(f.startswith("m:train") for f in fields), f"metric columns: {fields}")
        check(all(r["job_status"] == "DONE" for r in rows), f"statuses: {rows}")
        proc = hpsearch("show", ckpt, "--columns")
        check("none recorded" in proc.stdout, "show --columns on an old checkpoint", proc)


def readme_recipe_decodes_a_real_checkpoint():
    try:
        import pandas  # noqa: F401  Debian's python3-pandas (cmake/debian-test-packages.txt)
    except ImportError:
        print("skipped: python3-pandas is not installed")
        sys.exit(SKIP)
    sys.path.insert(0, os.path.dirname(__file__))
    from checkpoint_recipe import read_checkpoint
    with tempdir() as d:
        ckpt = run_search(d)
        df = read_checkpoint(ckpt)
        _, csv_rows = export_rows(ckpt, d)
        check(len(df) == len(csv_rows) == 8, f"{len(df)} rows")
        check(list(df["p:act"]) == [r["p:act"] for r in csv_rows],
              f"categorical names: {list(df['p:act'])}")
        check(set(df["p:act"]) <= {"relu", "tanh"}, f"{set(df['p:act'])}")
        check(list(df["status"]) == ["ok"] * 8, f"statuses: {list(df['status'])}")
        check(list(df["decision"]) == ["finished"] * 8, f"decisions: {list(df['decision'])}")
        check(list(df["m:act_seen"]) == list(df["p:act"]), "undeclared metrics as m: columns")
        check(all(abs(df["m:train_time"] - (df["p:x"].abs() + 0.5)) < 1e-9), "m:train_time")
        check(isinstance(df["host"][0], str) and df["host"][0], f"host: {df['host'][0]!r}")


if __name__ == "__main__":
    main({f.__name__: f for f in (command_metadata_becomes_columns, pre_metrics_checkpoint_resumes,
                                  readme_recipe_decodes_a_real_checkpoint)})
