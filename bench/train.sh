#!/usr/bin/env bash
# One training epoch in hpsearch's LibTorch trainer (bench/train_epoch) and, in the same
# run, in Debian's PyTorch (bench/train_epoch.py, run by /usr/bin/python3: a python3
# earlier on PATH may lack torch): a 784-256-10 MLP, Adam 1e-3, batch 128, the full 60,000
# Fashion-MNIST images, 1 thread. Prints the median of REPEATS epochs each, the ratios
# and the test accuracy after the epoch.
#   bench/train.sh [REPEATS]        (REPEATS defaults to 5: about a minute here)
#
# PyTorch runs twice: as it runs for users, and with glibc told to keep freed memory
# (MALLOC_MMAP_THRESHOLD_, what hpsearch's trainer sets in-process with mallopt), so the
# ratio to a lean Python loop without that allocator effect is shown too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPSEARCH_BUILD_DIR:-$root/build-bench}
repeats=${1:-5}
source "$root/cmake/deps.sh"
hps_build "$build" Release --target train_epoch >/dev/null
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "bench/train.sh: Debian's python3-torch is needed for the baseline:" \
    "apt-get install python3-torch" >&2
  exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for ((round = 1; round <= repeats; round++)); do
  "$build/bench/train_epoch" 2 | tail -1 | tee -a "$out"
  /usr/bin/python3 "$root/bench/train_epoch.py" loader 2 | tail -1 | tee -a "$out"
  /usr/bin/python3 "$root/bench/train_epoch.py" tensor 2 | tail -1 | tee -a "$out"
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=536870912 \
    /usr/bin/python3 "$root/bench/train_epoch.py" tensor 2 | tail -1 |
    sed 's/^pytorch-tensor/pytorch-tensor-keepmem/' | tee -a "$out"
done
echo
awk '
  { split($2, t, "="); split($3, a, "="); n[$1]++; time[$1, n[$1]] = t[2]; acc[$1] += a[2] }
  function median(name,   i, j, k, v) {
    k = n[name]
    for (i = 1; i <= k; i++) v[i] = time[name, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
    return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
  }
  END {
    h = median("hpsearch")
    printf "one epoch, median of %d (accuracy on the 10,000 test images, mean):\n", n["hpsearch"]
    printf "  %-44s %6.3f s  accuracy %.4f\n", "hpsearch trainer (LibTorch)", h, acc["hpsearch"] / n["hpsearch"]
    split("pytorch-loader pytorch-tensor pytorch-tensor-keepmem", names, " ")
    label["pytorch-loader"] = "PyTorch, DataLoader"
    label["pytorch-tensor"] = "PyTorch, tensor batches"
    label["pytorch-tensor-keepmem"] = "PyTorch, tensor batches, glibc keeps memory"
    for (i = 1; i <= 3; i++) {
      p = median(names[i])
      printf "  %-44s %6.3f s  accuracy %.4f   hpsearch/PyTorch = %.2fx\n", label[names[i]], p, acc[names[i]] / n[names[i]], h / p
    }
  }' "$out"
