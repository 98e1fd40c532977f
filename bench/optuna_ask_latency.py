"""Optuna TPE's (multivariate=True) time per proposal on Hartmann6 after n random
observations — tell 1 + ask 1 — the baseline bench/ask_latency.sh prints next to AMBS.
Run with Debian's interpreter: /usr/bin/python3 bench/optuna_ask_latency.py 100,1000,5000"""
import random
import statistics
import sys
import time

import optuna
from optuna.distributions import FloatDistribution

from peer_functions import hartmann6

optuna.logging.set_verbosity(optuna.logging.WARNING)
space = {f"x{i}": FloatDistribution(0.0, 1.0) for i in range(6)}
for n in [int(v) for v in sys.argv[1].split(",")]:
    rng = random.Random(99)
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(multivariate=True, seed=7))
    for _ in range(n):
        params = {k: rng.random() for k in space}
        study.add_trial(optuna.trial.create_trial(params=params, distributions=space,
                                                  value=hartmann6(list(params.values()))))
    cycles = 20 if n <= 1000 else 5
    times = []
    trial = study.ask(space)
    for _ in range(cycles):
        start = time.perf_counter()
        study.tell(trial, hartmann6([trial.params[k] for k in space]))
        trial = study.ask(space)
        times.append((time.perf_counter() - start) * 1000)
    print(f"optuna-tpe hartmann6 {n} {statistics.median(times):.2f}", flush=True)
