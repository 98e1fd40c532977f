"""bench/tpe_random_bar.py: how often random search meets the TPE quality bars of
tests/unit/search/tpe_test.cpp (Monte Carlo): the median, over 20 seeds, of the best regret
after 100 uniform evaluations on Branin and Hartmann6, and the chance that it falls below
each bar. Usage: /usr/bin/python3 bench/tpe_random_bar.py"""
import numpy as np

from peer_functions import HARTMANN_A, HARTMANN_ALPHA, HARTMANN_P

rng = np.random.default_rng(20261206)
RUNS, SEEDS, EVALS = 50000, 20, 100


def branin(x):
    x1, x2 = x[..., 0], x[..., 1]
    b, c = 5.1 / (4 * np.pi ** 2), 5 / np.pi
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * np.pi)) * np.cos(x1) + 10


def hartmann6(x):
    a, p = np.asarray(HARTMANN_A), np.asarray(HARTMANN_P) * 1e-4
    inner = ((x[..., None, :] - p) ** 2 * a).sum(axis=-1)
    return -(np.asarray(HARTMANN_ALPHA) * np.exp(-inner)).sum(axis=-1)


problems = {
    "branin": (branin, np.array([-5.0, 0.0]), np.array([10.0, 15.0]), 5 / (4 * np.pi), 0.1),
    "hartmann6": (hartmann6, np.zeros(6), np.ones(6), -3.32237, 0.5),
}
CHUNK = 500
for name, (f, low, high, optimum, bar) in problems.items():
    medians = np.empty(RUNS)
    for r in range(0, RUNS, CHUNK):
        x = low + (high - low) * rng.random((CHUNK, SEEDS, EVALS, len(low)))
        medians[r:r + CHUNK] = np.median(f(x).min(axis=2) - optimum, axis=1)
    q = np.quantile(medians, [0.0001, 0.001, 0.01, 0.5])
    print(f"{name}: median over {SEEDS} seeds of random search's regret at {EVALS} evaluations, "
          f"quantiles 0.01% {q[0]:.4f}, 0.1% {q[1]:.4f}, 1% {q[2]:.4f}, 50% {q[3]:.4f}; "
          f"below the bar {bar}: {np.mean(medians < bar):.2e} of {RUNS} runs", flush=True)
