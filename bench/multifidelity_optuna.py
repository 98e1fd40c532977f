"""Optuna's pruners on bench/multifidelity's learning-curve problems and budget, sequential
(one worker): HyperbandPruner + TPE, SuccessiveHalvingPruner + TPE and + random sampling
(min_resource 1, max_resource 27, reduction_factor 3). A trial trains epoch by epoch (one
report per epoch); a pruned trial ends for good (Optuna cannot resume it). Prints CSV rows
problem,workers,scheduler,seed,budget,regret like `multifidelity --csv`.
Run with Debian's interpreter: /usr/bin/python3 bench/multifidelity_optuna.py SEEDS BUDGET
[PROBLEM ...] (default: all three). Optuna's pruners read every trial at every report, so a
run of a few hundred trials takes tens of seconds: all three problems at 10 seeds take about
an hour on a loaded 2-core machine.

The curves are eval/learning_curves.cpp's, in Python: the same mean; the noise is drawn from
Python's generator (seeded by the point and the step), not from hpsearch's."""
import math
import random
import sys

import optuna

from peer_functions import branin, hartmann6

optuna.logging.set_verbosity(optuna.logging.WARNING)
STEPS = 27
MARKS = (0.125, 0.25, 0.5, 1.0)


def sphere7(x):
    return sum((v - 0.7) ** 2 for v in x)


# name -> (final value g, dimension, domain, amplitude, known minimum)
PROBLEMS = {
    "curve_sphere": (sphere7, 4, [(0.0, 1.0)] * 4, 1.0, 0.0),
    "curve_branin": (branin, 2, [(-5.0, 10.0), (0.0, 15.0)], 50.0, 5 / (4 * math.pi)),
    "curve_hartmann6": (hartmann6, 6, [(0.0, 1.0)] * 6, 3.0, -3.32237),
}


def curve(g, domain, amplitude, x, step):
    u = min(max(step / STEPS, 0.0), 1.0)
    low, high = domain[-1]
    r = 0.5 * 40.0 ** min(max((x[-1] - low) / (high - low), 0.0), 1.0)
    excess = (math.exp(-r * u) - math.exp(-r)) / (1 - math.exp(-r))
    value = g(x) + amplitude * excess
    sd = 0.05 * amplitude * (1 - u)
    if sd > 0:
        value += random.Random(hash((tuple(x), step))).gauss(0.0, sd)
    return value


def run(problem, pruner, sampler, budget):
    g, d, domain, amplitude, optimum = PROBLEMS[problem]
    state = {"spent": 0, "best": math.inf, "regrets": []}

    def objective(trial):
        x = [trial.suggest_float(f"x{i}", *domain[i]) for i in range(d)]
        value = math.nan
        for step in range(1, STEPS + 1):
            value = curve(g, domain, amplitude, x, step)
            state["spent"] += 1
            if step == STEPS:
                state["best"] = min(state["best"], value)
            while (len(state["regrets"]) < len(MARKS)
                   and state["spent"] >= MARKS[len(state["regrets"])] * budget):
                state["regrets"].append(state["best"] - optimum)
            if len(state["regrets"]) == len(MARKS):
                trial.study.stop()  # the budget is spent: this trial's later epochs never run
                raise optuna.TrialPruned()
            trial.report(value, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return value

    study = optuna.create_study(sampler=sampler, pruner=pruner)
    study.optimize(objective, n_trials=100000)
    return state["regrets"]


def main():
    seeds, budget = int(sys.argv[1]), float(sys.argv[2])
    print("problem,workers,scheduler,seed,budget,regret")
    for problem in sys.argv[3:] or PROBLEMS:
        for seed in range(1, seeds + 1):
            runs = {
                "optuna_hyperband_tpe": (
                    optuna.pruners.HyperbandPruner(min_resource=1, max_resource=STEPS,
                                                   reduction_factor=3),
                    optuna.samplers.TPESampler(seed=seed)),
                "optuna_sha_tpe": (
                    optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3),
                    optuna.samplers.TPESampler(seed=seed)),
                "optuna_sha_random": (
                    optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3),
                    optuna.samplers.RandomSampler(seed=seed)),
            }
            for name, (pruner, sampler) in runs.items():
                for mark, regret in zip(MARKS, run(problem, pruner, sampler, budget)):
                    print(f"{problem},1,{name},{seed},{mark * budget:g},{regret}", flush=True)


if __name__ == "__main__":
    main()
