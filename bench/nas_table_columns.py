#!/usr/bin/env python3
"""Keeps the columns of `hpsearch export --csv` that the tabular NAS benchmark's table needs
(bench/nas_table.sh): the parameters (p:*), the validation accuracy (objective), the
network's size (m:arch_params, m:arch_flops) and the last training loss (m:train_loss).
Usage: nas_table_columns.py EXPORTED.csv > bench/nas_table.csv"""
import csv
import sys

KEEP = ("objective", "m:arch_params", "m:arch_flops", "m:train_loss")

with open(sys.argv[1], newline="") as f:
    rows = csv.DictReader(f)
    names = [n for n in rows.fieldnames if n.startswith("p:")] + list(KEEP)
    out = csv.DictWriter(sys.stdout, names, extrasaction="ignore", lineterminator="\n")
    out.writeheader()
    for row in rows:
        if row["job_status"] != "DONE":
            sys.exit(f"{sys.argv[1]}: job {row['job_id']} is {row['job_status']}: rebuild")
        out.writerow(row)
