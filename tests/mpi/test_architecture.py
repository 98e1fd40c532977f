"""End-to-end: the sizes of an architecture search's networks (issue 18). Every evaluation of
a problem with an `architecture:` records its network's trainable parameters and multiply-adds
per sample as the checkpoint columns m:arch_params and m:arch_flops (read back with h5py and
checked against a count made here from the genes); `hpsearch show --layers` prints the best
networks' layer lists and `hpsearch export --layers` writes them as JSON lines.

Kept models (run.keep_models): a torch search of a small graph space on Fashion-MNIST keeps the
networks of its K best evaluations, `hpsearch export-model` writes one out, and a program that
reads only that file and the data (kept_model_reload) measures the validation accuracy the
checkpoint recorded. The trainer's own metrics (train_loss, params, epoch_seconds) are columns
of the same real run (issue 20)."""
import json
import os
import re
import sys

from harness import SOURCE_DIR, check, hpsearch, hpsearch_mpi, main, read_evaluations, run, tempdir, write

# Two dense-or-identity nodes on 6 features, a head to 3 classes; the command's objective is
# lr, and it reports a metric of its own, which must survive beside the architecture's.
SCRIPT = """import json, sys
print(json.dumps({"objective": float(sys.argv[1]), "metadata": {"own": 1}}))
"""

PROBLEM = """
space:
  lr: {type: real, low: 0.0, high: 1.0}
architecture:
  input: [6]
  outputs: 3
  graph:
    nodes:
      - {name: a, variable: [identity, {dense: {units: [4, 8], activation: [relu]}}]}
      - {name: b, variable: [identity, {dense: {units: [5], activation: [tanh]}}]}
objective:
  kind: command
  command: [PYTHON, SCRIPT, "{lr}"]
  direction: maximize
metrics: [own]
run: {max_evals: 12, seed: 4}
"""


def expected_sizes(ops):
    """Parameters and multiply-adds of input 6 -> ops -> dense 3, counted here."""
    width, params, flops = 6, 0, 0
    for op in ops + ["dense 3"]:
        m = re.match(r"dense (\d+)", op)
        if not m:
            continue
        units = int(m.group(1))
        params += width * units + units
        flops += width * units
        width = units
    return params, flops


def choices(f, name):
    return [c.decode() if isinstance(c, bytes) else c
            for c in f["evaluations"].attrs[f"choices:{name}"]]


def sizes_are_columns_and_layers_are_listed():
    import h5py
    with tempdir() as d:
        script = write(os.path.join(d, "train.py"), SCRIPT)
        problem = write(os.path.join(d, "p.yaml"),
                        PROBLEM.replace("PYTHON", sys.executable).replace("SCRIPT", script))
        val = hpsearch("validate", problem)
        check(val.returncode == 0 and "m:own, m:arch_params, m:arch_flops" in val.stdout,
              "validate names the architecture's metric columns", val)
        ckpt = os.path.join(d, "a.h5")
        proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt)
        check(proc.returncode == 0, "the search failed", proc)
        rows, _, _ = read_evaluations(ckpt)
        with h5py.File(ckpt, "r") as f:
            names = f["evaluations"].dtype.names
            check(names[-3:] == ("m:own", "m:arch_params", "m:arch_flops"),
                  f"metric columns: {names}")
            a_ops, b_ops = choices(f, "arch.a.op"), choices(f, "arch.b.op")
        check(len(rows) == 12, f"{len(rows)} rows, expected 12")
        check(set(rows["status"].tolist()) == {0}, f"every job ok: {rows['message']}")
        sizes = {}
        for r in rows:
            ops = [a_ops[r["p:arch.a.op"]], b_ops[r["p:arch.b.op"]]]
            params, flops = expected_sizes(ops)
            check(r["m:arch_params"] == params and r["m:arch_flops"] == flops,
                  f"row {r['id']} ({ops}): m:arch_params {r['m:arch_params']}, m:arch_flops "
                  f"{r['m:arch_flops']}, expected {params}, {flops}")
            check(r["m:own"] == 1, f"the job's own metric is kept: {r}")
            sizes[int(r["id"])] = (params, flops, ops, float(r["objective"]))
        best = sorted(sizes, key=lambda i: (-sizes[i][3], i))

        show = hpsearch("show", ckpt, "--layers", "--top", "2")
        check(show.returncode == 0, "show --layers failed", show)
        for rank, job in enumerate(best[:2], 1):
            params, flops = sizes[job][:2]
            line = f"rank {rank}: id {job}, "
            check(line in show.stdout and f"{params:,} parameters, {flops:,} multiply-adds"
                  in show.stdout, f"show --layers lacks {line!r} with {params} parameters", show)
        check("head dense 3" in show.stdout, "the layer list shows the head", show)
        check(f"rank 3:" not in show.stdout, "--top 2 lists two networks", show)

        out = os.path.join(d, "layers.jsonl")
        exp = hpsearch("export", ckpt, "--layers", out)
        check(exp.returncode == 0 and out in exp.stdout, "export --layers failed", exp)
        with open(out) as f:
            listed = [json.loads(line) for line in f]
        check([n["job_id"] for n in listed] == best, "export lists every network, best first")
        for n in listed:
            params, flops, ops, _ = sizes[n["job_id"]]
            check((n["params"], n["flops"]) == (params, flops), f"export sizes of {n['job_id']}")
            check(sum(layer["params"] for layer in n["layers"]) == params, "layers sum up")
            dense = [layer["units"] for layer in n["layers"] if layer["kind"] == "dense"]
            want = [int(op.split()[1]) for op in ops if op.startswith("dense")] + [3]
            check(dense == want, f"the dense layers of {n['job_id']}: {dense}, expected {want}")
            check(n["layers"][0]["kind"] == "input" and n["layers"][0]["shape"] == [6],
                  "the first layer is the input")


TORCH = """
space:
  lr: {type: real, low: 1.0e-3, high: 3.0e-2, log: true}
architecture:
  input: [784]
  outputs: 10
  graph:
    skip: {anchors: 1, merge: add}
    nodes:
      - {name: a, variable: [identity, {dense: {units: [16, 32], activation: [relu, tanh]}}]}
      - {name: b, variable: [identity, {dense: {units: [16], activation: [relu]}}]}
objective:
  kind: torch
  direction: maximize
  model: architecture
  data: {dataset: fashion_mnist, subset: 1500, validation_fraction: 0.2, split_seed: 3}
  fixed: {epochs: 2, batch_size: 64}
metrics: [train_loss, params, epoch_seconds]
search: {strategy: random}
run: {max_evals: 6, seed: 7, keep_models: 2}
"""


def validated_run(d, name, text, validated, evals):
    """Writes d/NAME.yaml, checks `validate` prints `validated`, runs it on 3 ranks and returns
    the checkpoint and its rows, `evals` of them, all ok."""
    problem = write(os.path.join(d, name + ".yaml"), text)
    val = hpsearch("validate", problem)
    check(val.returncode == 0 and validated in val.stdout, f"validate prints {validated!r}", val)
    ckpt = os.path.join(d, name + ".h5")
    proc = hpsearch_mpi(3, "run", problem, "--checkpoint", ckpt, timeout=300)
    check(proc.returncode == 0, f"the search of {name}.yaml failed", proc)
    rows, _, _ = read_evaluations(ckpt)
    check(len(rows) == evals and set(rows["status"].tolist()) == {0},
          f"{evals} ok rows expected: {rows['status']} {rows['message']}")
    return ckpt, rows


def reload_tool():
    build = os.path.dirname(os.path.dirname(os.environ["HPSEARCH_BINARY"]))
    return os.path.join(build, "tests", "unit", "train", "kept_model_reload")


def kept_models_export_and_reload():
    with tempdir() as d:
        ckpt, rows = validated_run(d, "t", TORCH, "keep_models 2", 6)
        for r in rows:
            # The trainer's metrics are columns of a real run; its torch parameter count is the
            # decode's.
            check(0.0 < r["m:train_loss"] < 5.0, f"m:train_loss of {r['id']}: {r['m:train_loss']}")
            check(r["m:epoch_seconds"] > 0.0, f"m:epoch_seconds of {r['id']}")
            check(r["m:params"] == r["m:arch_params"] > 0,
                  f"row {r['id']}: torch counts {r['m:params']}, the decode {r['m:arch_params']}")
        ranked = sorted(rows, key=lambda r: (-r["objective"], r["id"]))
        models = os.path.join(d, "t.trials", "models")
        kept = sorted(os.listdir(models))
        want = sorted(f"eval-{int(r['id'])}.pt" for r in ranked[:2])
        check(kept == want, f"models kept: {kept}, expected the best two {want}")
        show_lists_the_kept_models(ckpt, models, ranked[:2], present=2)

        out = os.path.join(d, "best.pt")
        exp = hpsearch("export-model", ckpt, "--best", "-o", out)
        check(exp.returncode == 0 and os.path.isfile(out), "export-model --best failed", exp)
        best = ranked[0]
        tool = run([reload_tool(), out, "fashion_mnist", "1500", "0.2", "3"], timeout=120)
        check(tool.returncode == 0, "the kept model does not load", tool)
        fields = tool.stdout.split()
        recorded, measured = float(fields[1]), float(fields[3])
        check(int(fields[5]) == best["id"], f"the exported model is evaluation {fields[5]}", tool)
        check(recorded == best["objective"],
              f"the file records {recorded}, the checkpoint {best['objective']}", tool)
        check(measured == best["objective"],
              f"reloaded, the network scores {measured}; the search recorded "
              f"{best['objective']}", tool)
        check(int(fields[7]) == best["m:arch_params"], "the reloaded network's parameters", tool)

        dropped = ranked[-1]
        exp = hpsearch("export-model", ckpt, "--eval", str(int(dropped["id"])), "-o", out)
        check(exp.returncode == 2 and "has no kept model" in exp.stderr,
              "a model that was not kept is refused, naming why", exp)
        exp = hpsearch("export-model", ckpt, "-o", out)
        check(exp.returncode == 2 and "--eval ID or --best" in exp.stderr,
              "export-model needs --eval or --best", exp)

        # --id is --eval as the issue spells it: the second best, byte for byte its kept file.
        second = int(ranked[1]["id"])
        exp = hpsearch("export-model", ckpt, "--id", str(second), "-o", out)
        check(exp.returncode == 0 and f"evaluation {second}" in exp.stdout,
              "export-model --id failed", exp)
        kept_file = os.path.join(models, f"eval-{second}.pt")
        with open(out, "rb") as a, open(kept_file, "rb") as b:
            check(a.read() == b.read(), "export-model --id writes the kept file of that id")
        os.remove(kept_file)
        show_lists_the_kept_models(ckpt, models, ranked[:2], present=1)


def show_lists_the_kept_models(ckpt, models, best, present):
    """`show` lists the kept networks best first, each with its file and whether it is there."""
    show = hpsearch("show", ckpt)
    check(show.returncode == 0, "show failed", show)
    head = f"Kept models (run.keep_models 2, {present} of 2 present):"
    check(head in show.stdout, f"show lacks {head!r}", show)
    lines = show.stdout[show.stdout.index(head):].splitlines()[1:3]
    for line, r in zip(lines, best):
        path = os.path.join(models, f"eval-{int(r['id'])}.pt")
        state = "present" if os.path.isfile(path) else "missing"
        want = rf"^\s+eval {int(r['id'])}\s+objective \S+\s+{re.escape(path)}\s+{state}$"
        check(re.match(want, line) is not None, f"show's kept model line {line!r}, expected "
              f"eval {int(r['id'])}, {path}, {state}", show)
        check(abs(float(line.split()[3]) - r["objective"]) <= 1e-5 * abs(r["objective"]),
              f"show's objective for {int(r['id'])}: {line}", show)


def dense_skip_space_runs_on_a_debian_table():
    """configs/nas_dense_skip_digits.yaml as shipped, but 4 evaluations of 3 epochs: DeepHyper's
    dense skip space trains on scikit-learn's bundled digits (python3-sklearn's gzip CSV)."""
    with tempdir() as d:
        text = open(os.path.join(SOURCE_DIR, "configs", "nas_dense_skip_digits.yaml")).read()
        for old, new in (("max_evals: 200", "max_evals: 4"), ("epochs: 10", "epochs: 3")):
            check(old in text, f"the shipped config has {old!r}")
            text = text.replace(old, new)
        _, rows = validated_run(d, "digits", text, "genes: 34 (arch.*)", 4)
        for r in rows:
            check(0.0 <= r["objective"] <= 1.0 and r["m:arch_params"] > 0,
                  f"row {r['id']}: accuracy {r['objective']}, {r['m:arch_params']} parameters")
        # 10 classes: chance is 0.1; 1,437 training rows, 3 epochs.
        check(max(rows["objective"]) > 0.5,
              f"the best of 4 networks learns the digits: {sorted(rows['objective'])}")


def layers_need_an_architecture():
    with tempdir() as d:
        problem = write(os.path.join(d, "p.yaml"), """
space:
  x1: {type: real, low: -5.0, high: 10.0}
  x2: {type: real, low: 0.0, high: 15.0}
objective: {kind: function, name: branin}
run: {max_evals: 4, seed: 1}
""")
        ckpt = os.path.join(d, "b.h5")
        proc = hpsearch_mpi(2, "run", problem, "--checkpoint", ckpt)
        check(proc.returncode == 0, "the search failed", proc)
        for args in (["show", ckpt, "--layers"],
                     ["export", ckpt, "--layers", os.path.join(d, "l.jsonl")]):
            proc = hpsearch(*args)
            check(proc.returncode == 2 and "no `architecture:` section" in proc.stderr,
                  f"{args[0]} --layers without an architecture must exit 2 naming why", proc)
            check(proc.stdout == "", f"{args[0]} prints nothing before refusing", proc)
        keep = write(os.path.join(d, "k.yaml"), open(problem).read().replace(
            "run: {max_evals: 4, seed: 1}", "run: {max_evals: 4, seed: 1, keep_models: 2}"))
        val = hpsearch("validate", keep)
        check(val.returncode == 2 and "run.keep_models" in val.stderr
              and "objective.kind torch" in val.stderr,
              "keep_models without a torch objective is refused, naming the key", val)


if __name__ == "__main__":
    main({f.__name__: f for f in [sizes_are_columns_and_layers_are_listed,
                                  layers_need_an_architecture, kept_models_export_and_reload,
                                  dense_skip_space_runs_on_a_debian_table]})
