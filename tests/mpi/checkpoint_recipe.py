# Reading an hpsearch checkpoint with h5py and pandas: the recipe the README shows
# (tests/mpi/test_metrics.py runs it on a real checkpoint).
import json

import h5py
import pandas as pd

KINDS = {0: int, 1: float, 2: lambda t: t == "true", 3: str}  # attribute choice_kinds:<name>


def text(b):
    return b.decode() if isinstance(b, bytes) else b


def read_checkpoint(path):
    with h5py.File(path, "r") as f:
        ev = f["evaluations"]
        df = pd.DataFrame(ev[:])
        for col in df.columns:
            name = col[2:]
            if col.startswith("p:") and f"choices:{name}" in ev.attrs:  # categorical: an index
                kinds = ev.attrs.get(f"choice_kinds:{name}", [3] * len(ev.attrs[f"choices:{name}"]))
                choices = [KINDS[k](text(c)) for c, k in zip(ev.attrs[f"choices:{name}"], kinds)]
                df[col] = df[col].map(lambda i: choices[i] if i >= 0 else None)  # -1: inactive
        for col in ("status", "decision"):  # HDF5 enums: the names back
            names = {v: k for k, v in h5py.check_enum_dtype(ev.dtype.fields[col][0]).items()}
            df[col] = df[col].map(names)
        for col in ("host", "message", "metadata"):
            if col in df:
                df[col] = df[col].map(text)
        if "metadata" in df:  # undeclared user metrics: one JSON object per row
            extra = pd.json_normalize([json.loads(m) if m else {} for m in df["metadata"]])
            df = df.join(extra.add_prefix("m:").set_index(df.index), rsuffix=" (metadata)")
    return df
