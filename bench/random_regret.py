"""bench/random_regret.py: how often random search meets a regret bar on Branin (Monte Carlo),
the figures quoted by the AMBS quality bars (tests/unit/search/ambs_test.cpp,
tests/mpi/test_ambs.py). Usage: /usr/bin/python3 bench/random_regret.py"""
import numpy as np
from math import comb
rng = np.random.default_rng(12345)
N = 400000
def branin(x1, x2):
    pi = np.pi
    t = x2 - 5.1/(4*pi*pi)*x1*x1 + 5/pi*x1 - 6
    return t*t + 10*(1-1/(8*pi))*np.cos(x1) + 10
OPT = 0.397887
for n in (60, 84):
    x1 = rng.uniform(-5, 10, (N, n)); x2 = rng.uniform(0, 15, (N, n))
    r = branin(x1, x2).min(axis=1) - OPT
    print(n, "quantiles 0.1%,1%,5%,10%,50%:", np.quantile(r, [0.001, 0.01, 0.05, 0.1, 0.5]))
    for bar in (0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.25, 0.5):
        p = (r < bar).mean()
        s = " ".join(f"{k}/5:{sum(comb(5,j)*p**j*(1-p)**(5-j) for j in range(k,6)):.2e}" for k in (1,2,3,4,5))
        two_of_three = 3 * p * p * (1 - p) + p ** 3
        print(f"  n={n} bar {bar}: p={p:.4f}  {s}  2/3:{two_of_three:.2e}")
