"""Optuna's TPE with the settings hpsearch's tpe ships (multivariate=True, constant_liar=True,
Optuna's defaults otherwise) on bench/quality's problems, sequential: CSV rows
problem,strategy,seed,evals,regret like `tpe_bench quality`.
Run with Debian's interpreter: /usr/bin/python3 bench/tpe_optuna.py SEEDS EVALS"""
import sys
import warnings

import optuna

from peer_functions import PROBLEMS

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
seeds, evals = int(sys.argv[1]), int(sys.argv[2])
marks = [m for m in (25, 50, 100, 200) if m <= evals]
print("problem,strategy,seed,evals,regret")
for name, (f, d, domain, optimum) in PROBLEMS.items():
    for seed in range(seeds):
        sampler = optuna.samplers.TPESampler(multivariate=True, constant_liar=True, seed=seed)
        study = optuna.create_study(sampler=sampler)
        study.optimize(lambda t: f([t.suggest_float(f"x{i}", *domain[i]) for i in range(d)]),
                       n_trials=evals)
        best = float("inf")
        for i, trial in enumerate(study.trials, start=1):
            best = min(best, trial.value)
            if i in marks:
                print(f"{name},optuna-tpe,{seed},{i},{best - optimum:.10g}", flush=True)
