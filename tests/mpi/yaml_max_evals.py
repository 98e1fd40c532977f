"""Reads run.max_evals from a problem file without a YAML library (Debian's python3-yaml
may be absent): the first `max_evals: N` line."""
import re


def read(path):
    for line in open(path):
        m = re.match(r"\s*max_evals:\s*(\d+)", line.split("#", 1)[0])
        if m:
            return int(m.group(1))
    raise AssertionError(f"{path}: no max_evals line")
