#!/usr/bin/env bash
# jobscripts/gpu_affinity.sh COMMAND [ARGS...]: runs COMMAND with CUDA_VISIBLE_DEVICES set
# to one GPU, chosen by the rank's index on its node (PMI_LOCAL_RANK, set by Cray PALS
# mpiexec on Polaris; OMPI_COMM_WORLD_LOCAL_RANK or SLURM_LOCALID elsewhere).
#
#   mpiexec -n 8 --ppn 4 jobscripts/gpu_affinity.sh hpsearch run problem.yaml
#
# HPS_GPUS_PER_NODE: GPUs per node (default 4, Polaris). Ranks take them in reverse order
# (local rank 0 -> GPU 3), as ALCF recommends on Polaris, where GPU 3 is closest to the
# first cores.
set -euo pipefail

if (($# < 1)); then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
gpus=${HPS_GPUS_PER_NODE:-4}
local_rank=${PMI_LOCAL_RANK:-${OMPI_COMM_WORLD_LOCAL_RANK:-${SLURM_LOCALID:-0}}}
if ! [[ $gpus =~ ^[1-9][0-9]*$ && $local_rank =~ ^[0-9]+$ ]]; then
  echo "gpu_affinity.sh: HPS_GPUS_PER_NODE='$gpus' and local rank '$local_rank' must be" \
    "integers (>= 1 and >= 0)" >&2
  exit 2
fi
export CUDA_VISIBLE_DEVICES=$((gpus - 1 - local_rank % gpus))
exec "$@"
