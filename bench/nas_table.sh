#!/usr/bin/env bash
# Builds bench/nas_table.csv, the lookup table of the tabular NAS benchmark
# (bench/nas_table.cpp), ONCE: every one of the 5,000 combinations of bench/nas_table.yaml
# (1,000 networks of a 3-layer graph space with skip connections x 5 learning rates) trained
# by hpsearch's own LibTorch trainer on scikit-learn's bundled digits (Debian's
# python3-sklearn), by grid search over MPI, then exported as CSV (p:<name> columns,
# objective = validation accuracy after 8 epochs, one training per combination; and the
# network's m:arch_params, m:arch_flops and last m:train_loss: bench/nas_table_columns.py).
#   bench/nas_table.sh [RANKS]      (RANKS defaults to 3: a manager and 2 workers; 14 minutes
#                                    and 8.3 CPU-minutes on a loaded 2-core machine)
# The table is committed; rebuilding it is only needed when the space or the trainer changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPSEARCH_BUILD_DIR:-$root/build}
ranks=${1:-3}
data=/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz
if [[ ! -f $data ]]; then
  echo "bench/nas_table.sh: $data is missing: apt-get install python3-sklearn" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun --oversubscribe -n "$ranks" "$build/apps/hpsearch" run "$root/bench/nas_table.yaml" \
  --checkpoint "$work/nas_table.h5"
"$build/apps/hpsearch" export "$work/nas_table.h5" --csv "$work/export.csv"
python3 "$root/bench/nas_table_columns.py" "$work/export.csv" >"$work/nas_table.csv"
mv "$work/nas_table.csv" "$root/bench/nas_table.csv"
echo "wrote $root/bench/nas_table.csv"
