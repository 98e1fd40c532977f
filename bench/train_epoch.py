"""The PyTorch baseline of bench/train_epoch: the same epoch (784-256-10 MLP, Adam 1e-3,
batch 128, 1 thread, full 60,000 Fashion-MNIST images, inputs standardised with the
training set's mean and deviation as hpsearch does) in one of two styles:
  loader: a DataLoader over a TensorDataset, as the PyTorch tutorials write it;
  tensor: batches cut from a shuffled index with x[idx], the leanest Python loop (what
          hpsearch's trainer does in C++).
Run it with Debian's interpreter (/usr/bin/python3).
    python3 train_epoch.py STYLE [REPEATS] [DATA_FOLDER]
Prints one line per repeat: "pytorch-STYLE epoch_seconds=... accuracy=..."."""
import gzip
import sys
import time

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, part):
    x = read_idx(f"{folder}/{part}-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    y = read_idx(f"{folder}/{part}-labels-idx1-ubyte.gz").astype(np.int64)
    return torch.from_numpy(x).reshape(-1, 1, 28, 28), torch.from_numpy(y)


def main():
    style = sys.argv[1]
    assert style in ("loader", "tensor"), "STYLE: loader or tensor"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    folder = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/datasets/fashion-mnist"
    torch.set_num_threads(1)
    x, y = load(folder, "train")
    xt, yt = load(folder, "t10k")
    mean, std = x.mean(), x.std()
    x, xt = (x - mean) / std, (xt - mean) / std
    for r in range(repeats):
        torch.manual_seed(r + 1)
        net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(),
                                  torch.nn.Linear(256, 10))
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        start = time.perf_counter()
        if style == "loader":
            batches = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y),
                                                  batch_size=128, shuffle=True)
        else:
            order = torch.randperm(len(y))
            batches = ((x[i], y[i]) for i in order.split(128))
        for xb, yb in batches:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(xb), yb)
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            accuracy = (net(xt).argmax(1) == yt).float().mean().item()
        print(f"pytorch-{style} epoch_seconds={seconds:.3f} accuracy={accuracy:.4f}", flush=True)


if __name__ == "__main__":
    main()
