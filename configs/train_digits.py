#!/usr/bin/env python3
"""A small real training script for `configs/command_example.yaml`: an MLP classifier on
scikit-learn's bundled 8x8 digits (1797 images, no download), trained epoch by epoch with
partial_fit. It speaks hpsearch's command protocol:

  * hyperparameters arrive as arguments (--lr 0.01 --hidden 64 ...); the same values are
    also in ./config.json and in HPS_PARAM_<NAME> environment variables;
  * after each epoch it prints `progress: <epoch> <validation accuracy>`, which the manager
    may use to stop an unpromising run early (it then receives SIGTERM);
  * at the end it prints `objective: <validation accuracy>` (direction: maximize).

Run alone: python3 configs/train_digits.py --lr 0.01 --hidden 64 --epochs 10
"""
import argparse
import os
import sys
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=float, default=1e-3, help="initial learning rate")
    parser.add_argument("--hidden", type=int, default=64, help="units in the hidden layer")
    parser.add_argument("--alpha", type=float, default=1e-4, help="L2 penalty")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--activation", default="relu", choices=["relu", "tanh", "logistic"])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=int(os.environ.get("HPS_SEED", "0")))
    args = parser.parse_args()

    x, y = load_digits(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.25, random_state=0,
                                                      stratify=y)
    scaler = StandardScaler().fit(x_train)
    x_train, x_val = scaler.transform(x_train), scaler.transform(x_val)
    classes = np.unique(y)
    rng = np.random.default_rng(args.seed % 2**32)
    model = MLPClassifier(hidden_layer_sizes=(args.hidden,), activation=args.activation,
                          alpha=args.alpha, learning_rate_init=args.lr, solver="adam",
                          random_state=args.seed % 2**32)
    accuracy = 0.0
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(len(x_train))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            for start in range(0, len(order), args.batch_size):
                batch = order[start:start + args.batch_size]
                model.partial_fit(x_train[batch], y_train[batch], classes=classes)
        accuracy = float(model.score(x_val, y_val))
        if not np.isfinite(model.loss_):
            print(f"training diverged at epoch {epoch} (loss {model.loss_})", file=sys.stderr)
            return 1
        print(f"progress: {epoch} {accuracy:.6f}", flush=True)
    print(f"objective: {accuracy:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
