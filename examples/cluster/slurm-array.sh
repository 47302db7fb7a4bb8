#!/bin/bash
# invlab on a Slurm job array: 8 shards of one simulate run, then a merge job that starts when
# every shard succeeded (afterok). Run this script on the login node, in a directory on the shared
# file system, with invlab on the PATH of the compute nodes:
#
#   bash slurm-array.sh            # submits both jobs and prints their ids
#
# Each array task gets SLURM_ARRAY_TASK_ID (here 1 … 8), SLURM_ARRAY_TASK_MIN and
# SLURM_ARRAY_TASK_COUNT from Slurm; `--shard auto` turns them into shard i of 8. A task that is
# requeued (node failure) continues its shard file (--resume). The merge prints the output,
# identical to one machine's, into result.txt.
set -euo pipefail

SHARDS=8
mkdir -p shards logs

shards_job=$(sbatch --parsable \
  --job-name=invlab-shards \
  --array=1-"$SHARDS" \
  --cpus-per-task=2 \
  --mem=1G \
  --time=02:00:00 \
  --requeue \
  --output=logs/shard-%a.log \
  --wrap='invlab simulate --spec run.json --threads 2 --chunk-size 8 --shard auto --checkpoint shards/sim-{i}.jsonl --resume')

merge_job=$(sbatch --parsable \
  --job-name=invlab-merge \
  --dependency=afterok:"$shards_job" \
  --cpus-per-task=1 \
  --mem=2G \
  --time=00:30:00 \
  --output=logs/merge.log \
  --wrap='invlab merge shards/sim-*.jsonl --out result.txt')

echo "shards: job array $shards_job (tasks 1-$SHARDS); merge: job $merge_job (after all shards succeed)"
