#!/usr/bin/env bash
# Exact betweenness (and closeness, harmonic closeness) of a large network on a Slurm cluster:
# one array task per block of sources, then one merge. Each task is one command with its shard
# number, so the same steps run under GNU parallel or any batch system (see the README, "Past
# one machine").
#
#   brobyggare pack network.csv --undirected -o network.bbn      # once: every task maps it
#   sbatch --array=0-15 Scripts/slurm-betweenness.sh network.bbn parts/   # K = 16 shards
#   brobyggare merge parts/part-*.bbs -o betweenness.csv          # when the array is done
#
# or chain the merge to the array:
#
#   job=$(sbatch --parsable --array=0-15 Scripts/slurm-betweenness.sh network.bbn parts/)
#   sbatch --dependency=afterok:$job --wrap "brobyggare merge parts/part-*.bbs -o betweenness.csv"
#
# K is the array's size (--array=0-K-1; SHARDS=K overrides it, for arrays throttled or resubmitted
# in pieces); MEASURES (default betweenness) and BROBYGGARE (default: brobyggare on PATH) may be
# set in the environment. Each task uses the CPUs Slurm gives it (--cpus-per-task); the parts and
# the merged table are the same whatever the number of tasks and threads. A part is written under
# a temporary name and renamed, so a task that fails or is cancelled leaves no part behind, and
# merge names the shard that is missing.
#SBATCH --job-name=brobyggare-betweenness
#SBATCH --cpus-per-task=8
#SBATCH --time=04:00:00
#SBATCH --output=brobyggare-%A_%a.out
set -euo pipefail

net=${1:?usage: sbatch --array=0-K-1 slurm-betweenness.sh NET.bbn [OUTDIR]}
outdir=${2:-parts}
i=${SLURM_ARRAY_TASK_ID:?run as a job array: sbatch --array=0-K-1 slurm-betweenness.sh NET.bbn [OUTDIR]}
k=${SHARDS:-$((${SLURM_ARRAY_TASK_MAX:?SLURM_ARRAY_TASK_MAX is not set} + 1))}
threads=${SLURM_CPUS_PER_TASK:-1}

mkdir -p "$outdir"
exec "${BROBYGGARE:-brobyggare}" metrics "$net" --measures "${MEASURES:-betweenness}" \
  --shard "$i/$k" --threads "$threads" -o "$outdir/part-$i.bbs"
