#!/usr/bin/env python3
"""A PyTorch training script for a multi-fidelity search (`configs/torch_resume.yaml`): it
saves its whole training state in the trial's state directory after every epoch and resumes
from it when hpsearch continues (promotes) the trial to a higher fidelity.

It speaks hpsearch's command protocol (objective.kind: command):

  * hyperparameters arrive as arguments (--lr 0.01 --hidden 64 ...);
  * HPS_FIDELITY is the epoch to train up to (--epochs when it is 0 or unset, as in a
    full-fidelity search), HPS_RESUME_FROM the epoch the trial's saved state holds (0: start
    from scratch), HPS_TRIAL_DIR the trial's state directory (run.trial_dir/trial-<id>);
  * after each epoch it prints `progress: <epoch> <validation accuracy>` and at the end
    `objective: <validation accuracy>` (direction: maximize).

The state (model, optimizer, learning-rate schedule, the RNG that shuffles the data, the
epoch reached) goes to HPS_TRIAL_DIR/state.pt, written to a temporary file and renamed, so a
job killed while saving leaves the previous epoch's state whole. Training 3 epochs and then
3 -> 9 gives the same model as 9 epochs straight (one thread, CPU).

The data: a fixed synthetic 10-class problem (Gaussian clusters pushed through a random
non-linear map), so the example needs no download. Debian's /usr/bin/python3 with
python3-torch runs it:

  HPS_TRIAL_DIR=/tmp/t HPS_FIDELITY=2 python3 configs/torch_resume.py --lr 0.01
  HPS_TRIAL_DIR=/tmp/t HPS_FIDELITY=4 HPS_RESUME_FROM=2 python3 configs/torch_resume.py --lr 0.01
"""
import argparse
import os

import torch


def make_data(samples=2000, features=20, classes=10):
    g = torch.Generator().manual_seed(1234)
    centers = torch.randn(classes, features, generator=g) * 1.5
    labels = torch.randint(0, classes, (samples,), generator=g)
    x = centers[labels] + torch.randn(samples, features, generator=g)
    mix = torch.randn(features, features, generator=g) / features ** 0.5
    x = torch.tanh(x @ mix) + 0.1 * x
    split = samples * 4 // 5
    return (x[:split], labels[:split]), (x[split:], labels[split:])


def env_number(name, default=0.0):
    text = os.environ.get(name, "")
    return float(text) if text else default


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=float, default=1e-2)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=9, help="without HPS_FIDELITY")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("HPS_SEED", "0")))
    args = parser.parse_args()
    torch.set_num_threads(1)

    fidelity = env_number("HPS_FIDELITY")
    epochs = int(round(fidelity)) if fidelity > 0 else args.epochs
    resume_from = env_number("HPS_RESUME_FROM")
    trial_dir = os.environ.get("HPS_TRIAL_DIR", "")
    state_path = os.path.join(trial_dir, "state.pt") if trial_dir else ""

    (x_train, y_train), (x_val, y_val) = make_data()
    torch.manual_seed(args.seed % 2**63)
    model = torch.nn.Sequential(torch.nn.Linear(x_train.shape[1], args.hidden), torch.nn.ReLU(),
                                torch.nn.Linear(args.hidden, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr,
                                 weight_decay=args.weight_decay)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=27)
    order = torch.Generator().manual_seed(args.seed % 2**63)
    start = 0
    if resume_from > 0 and state_path and os.path.exists(state_path):
        state = torch.load(state_path)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        order.set_state(state["order"])
        start = state["epoch"]
    # Without a saved state a continuation trains from epoch 1 again; hpsearch does not
    # record the repeated epochs' progress twice.

    accuracy = 0.0
    for epoch in range(start + 1, epochs + 1):
        model.train()
        permutation = torch.randperm(len(x_train), generator=order)
        for i in range(0, len(x_train), args.batch_size):
            batch = permutation[i:i + args.batch_size]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
        schedule.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(x_val).argmax(1) == y_val).float().mean().item()
        if state_path:
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                        "schedule": schedule.state_dict(), "order": order.get_state(),
                        "epoch": epoch}, state_path + ".tmp")
            os.replace(state_path + ".tmp", state_path)
        print(f"progress: {epoch} {accuracy:.6f}", flush=True)
    if start >= epochs and state_path:  # nothing left to train: evaluate the saved model
        with torch.no_grad():
            accuracy = (model(x_val).argmax(1) == y_val).float().mean().item()
    print(f"objective: {accuracy:.6f}", flush=True)


if __name__ == "__main__":
    main()
