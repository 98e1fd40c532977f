"""bench/utilization.py CHECKPOINT WORKERS: worker utilization measured from a checkpoint's own
timestamps: the seconds workers spent evaluating (started_at .. finished_at of every row) over
WORKERS x the search's wall time (first submission .. last result), and the same up to the
last submission (without the final drain, when workers idle because the budget is spent).
Needs Debian's python3-h5py (/usr/bin/python3)."""
import sys

import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    r = f["evaluations"][:]
w = int(sys.argv[2])
s, e, sub = r["started_at"], r["finished_at"], r["submitted_at"]
t0, t1, ts = sub.min(), e.max(), sub.max()
print(f"jobs {len(r)}, epochs {(r['fidelity'] - r['from_fidelity']).sum():.0f}, wall {t1 - t0:.1f} s")
print(f"utilization, first submission to last result: {(e - s).sum() / (w * (t1 - t0)):.3f}")
busy = (np.minimum(e, ts) - s).clip(min=0).sum()
print(f"utilization, first to last submission (without the final drain): {busy / (w * (ts - t0)):.3f}")
