#!/bin/bash
# Submit the AWS Batch array job of 8 shards (job definition aws-batch-job-definition.json,
# registered once with `aws batch register-job-definition --cli-input-json file://aws-batch-job-definition.json`)
# and a merge job that depends on the whole array. AWS Batch gives each child
# AWS_BATCH_JOB_ARRAY_INDEX (0 … 7) but not the array size: the job definition sets
# INVLAB_SHARD_COUNT=8, keep it equal to --array-properties size. The shard files and the output
# are on the EFS volume of the job definition.
set -euo pipefail

QUEUE=${QUEUE:-invlab-queue}
SHARDS=8

array_id=$(aws batch submit-job --job-name invlab-shards --job-queue "$QUEUE" \
  --job-definition invlab-simulate-shard --array-properties size="$SHARDS" \
  --query jobId --output text)

merge_files=()
for i in $(seq 1 "$SHARDS"); do merge_files+=("\"/data/shards/sim-$i.jsonl\""); done
files_json=$(IFS=,; echo "${merge_files[*]}")

merge_id=$(aws batch submit-job --job-name invlab-merge --job-queue "$QUEUE" \
  --job-definition invlab-simulate-shard --depends-on jobId="$array_id" \
  --container-overrides "{\"command\":[\"merge\",$files_json,\"--out\",\"/data/result.txt\"]}" \
  --query jobId --output text)

echo "shards: array job $array_id ($SHARDS children); merge: job $merge_id (after the whole array succeeded)"
