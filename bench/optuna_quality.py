"""Optuna's TPE (multivariate=True) on bench/quality's problems and seeds, sequential:
prints CSV rows problem,mode,strategy,seed,evals,regret like `quality --csv`.
Run with Debian's interpreter: /usr/bin/python3 bench/optuna_quality.py SEEDS EVALS"""
import sys

import optuna

from peer_functions import PROBLEMS

optuna.logging.set_verbosity(optuna.logging.WARNING)
seeds, evals = int(sys.argv[1]), int(sys.argv[2])
marks = [m for m in (50, 100, 200) if m <= evals]
print("problem,mode,strategy,seed,evals,regret")
for name, (f, d, domain, optimum) in PROBLEMS.items():
    for seed in range(seeds):
        sampler = optuna.samplers.TPESampler(multivariate=True, seed=seed)
        study = optuna.create_study(sampler=sampler)
        study.optimize(lambda t: f([t.suggest_float(f"x{i}", *domain[i]) for i in range(d)]),
                       n_trials=evals)
        best = float("inf")
        for i, trial in enumerate(study.trials, start=1):
            best = min(best, trial.value)
            if i in marks:
                print(f"{name},seq,tpe,{seed},{i},{best - optimum}", flush=True)
