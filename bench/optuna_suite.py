"""Optuna's TPE (multivariate, constant liar when asynchronous) and CMA-ES on bench/quality's
suite, with the same problems, seeds, budgets, noise and virtual durations: every value
comes from bench/suite_server (the suite's compiled C++ code) over a pipe, nothing is
re-implemented here. Appends CSV rows problem,half,mode,strategy,seed,evals,regret like
`quality --csv` to CSV (strategies optuna_tpe, optuna_cmaes), skipping the runs (seeds) CSV
already holds (so an interrupted run resumes); progress on stderr. Run with
Debian's interpreter and python3-optuna:
  /usr/bin/python3 bench/optuna_suite.py SERVER SEEDS EVALS MODES SAMPLERS PROBLEMS CSV
MODES: seq,async (8 workers); SAMPLERS: tpe,cmaes; PROBLEMS: all, tuning, test or names."""
import csv
import heapq
import os
import subprocess
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")
MARKS = (25, 50, 100, 200)
WORKERS = 8


class Server:
    def __init__(self, path):
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        answer = self.proc.stdout.readline().strip()
        if answer.startswith("error"):
            raise RuntimeError(f"suite_server: {answer} (for: {line})")
        return answer

    def lines(self, line):
        out = [self.ask(line)]
        while out[-1] != "end":
            out.append(self.proc.stdout.readline().strip())
        return out[:-1]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def number(text):
    try:
        return int(text)
    except ValueError:
        return float(text)


def parse_space(lines):
    """[(kind, name, spec, condition)]; condition None or (parent, op, values)."""
    space = []
    for line in lines:
        condition = None
        if " if " in line:
            line, rest = line.split(" if ", 1)
            parent, op, values = rest.split(" ")
            condition = (parent, op, values.split(","))
        kind, name, *spec = line.split(" ")
        space.append((kind, name, spec, condition))
    return space


def active(condition, values):
    if condition is None:
        return True
    parent, op, wanted = condition
    if parent not in values:
        return False
    if op == "gt":
        return float(values[parent]) > float(wanted[0])
    return str(values[parent]) in wanted


def suggest(trial, space):
    values = {}
    for kind, name, spec, condition in space:
        if not active(condition, values):
            continue
        if kind == "real":
            values[name] = trial.suggest_float(name, float(spec[0]), float(spec[1]),
                                               log=spec[2] == "1")
        elif kind == "int":
            values[name] = trial.suggest_int(name, int(float(spec[0])), int(float(spec[1])),
                                             log=spec[2] == "1")
        else:  # categorical, ordinal: Optuna has no order, both are categorical
            values[name] = trial.suggest_categorical(name, [number(v) if kind == "ordinal" else v
                                                            for v in spec])
    return values


def sampler_for(name, seed, asynchronous):
    if name == "tpe":
        return optuna.samplers.TPESampler(multivariate=True, constant_liar=asynchronous, seed=seed)
    if name == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    raise SystemExit(f"optuna_suite: unknown sampler {name}")


def run(server, problem, space, sampler, seed, asynchronous, evals):
    """Regret of the incumbent after each result, in arrival order (as bench/quality)."""
    study = optuna.create_study(sampler=sampler_for(sampler, seed, asynchronous))
    slots = WORKERS if asynchronous else 1
    running = []  # (finish time, index, trial, values)
    submitted = 0
    regrets = []
    best_observed, incumbent = float("inf"), float("inf")

    def submit(now):
        nonlocal submitted
        trial = study.ask()
        values = suggest(trial, space)
        finish = now + float(server.ask(f"duration {seed} {submitted}"))
        heapq.heappush(running, (finish, submitted, trial, values))
        submitted += 1

    while submitted < min(slots, evals):
        submit(0.0)
    while running:
        now, index, trial, values = heapq.heappop(running)
        config = " ".join(f"{k}={v}" for k, v in values.items())
        observed, regret = map(float, server.ask(f"eval {problem} {seed} {index} {config}").split())
        study.tell(trial, observed)
        if observed < best_observed:
            best_observed, incumbent = observed, regret
        regrets.append(incumbent)
        if submitted < evals:
            submit(now)
    return regrets


def finished_runs(path, mark):
    """{(problem, mode, strategy, seed)} of the runs `path` holds at budget `mark`."""
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {(row["problem"], row["mode"], row["strategy"], int(row["seed"]))
                for row in csv.DictReader(f) if row["evals"] == str(mark)}


def main():
    if len(sys.argv) != 8:
        raise SystemExit(__doc__)
    server_path, seeds, evals = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    modes, samplers = sys.argv[4].split(","), sys.argv[5].split(",")
    selection, path = sys.argv[6], sys.argv[7]
    finished = finished_runs(path, max(m for m in MARKS if m <= evals))
    fresh = not os.path.exists(path)
    out = open(path, "a")
    server = Server(server_path)
    problems = [line.split(" ") for line in server.lines("problems")]
    if selection in ("tuning", "test"):
        problems = [p for p in problems if p[1] == selection]
    elif selection != "all":
        wanted = selection.split(",")
        problems = [p for p in problems if p[0] in wanted]
    if fresh:
        print("problem,half,mode,strategy,seed,evals,regret", file=out, flush=True)
    total, done = len(problems) * len(modes) * len(samplers), 0
    for name, half in problems:
        space = parse_space(server.lines(f"space {name}"))
        for mode in modes:
            for sampler in samplers:
                strategy = "optuna_" + sampler
                done += 1
                start = time.monotonic()
                for seed in range(seeds):
                    if (name, mode, strategy, seed) in finished:
                        continue
                    regrets = run(server, name, space, sampler, seed, mode == "async", evals)
                    for m in MARKS:
                        if m <= evals:
                            print(f"{name},{half},{mode},{strategy},{seed},{m},"
                                  f"{regrets[m - 1]!r}", file=out)
                    out.flush()
                print(f"optuna_suite: {done}/{total} ({name} {mode} {sampler}, "
                      f"{time.monotonic() - start:.1f} s)", file=sys.stderr, flush=True)
    server.close()
    out.close()


if __name__ == "__main__":
    main()
