"""The test functions and domains of lib/hpsearch/eval/test_functions.cpp, in Python, for
running Optuna (a peer) on the same problems: the same formulas, constants and domains."""
import math

HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
              [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HARTMANN_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
              [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def branin(x):
    x1, x2 = x
    b, c = 5.1 / (4 * math.pi ** 2), 5 / math.pi
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x1) + 10


def hartmann6(x):
    total = 0.0
    for i in range(4):
        inner = sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j] * 1e-4) ** 2 for j in range(6))
        total -= HARTMANN_ALPHA[i] * math.exp(-inner)
    return total


def ackley(x):
    d = len(x)
    s1 = sum(v * v for v in x) / d
    s2 = sum(math.cos(2 * math.pi * v) for v in x) / d
    return -20 * math.exp(-0.2 * math.sqrt(s1)) - math.exp(s2) + 20 + math.e


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1))


# name in the tables -> (function, dimension, domain, known minimum)
PROBLEMS = {
    "branin": (branin, 2, [(-5.0, 10.0), (0.0, 15.0)], 5 / (4 * math.pi)),
    "hartmann6": (hartmann6, 6, [(0.0, 1.0)] * 6, -3.32237),
    "ackley10": (ackley, 10, [(-32.768, 32.768)] * 10, 0.0),
    "rosenbrock6": (rosenbrock, 6, [(-5.0, 10.0)] * 6, 0.0),
}
