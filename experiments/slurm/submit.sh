#!/bin/bash
# Submits a spec as a SHARDS-task job array (run-array.sbatch) and the merge job that runs
# after every shard succeeded (merge.sbatch, --dependency=afterok). Logs go to
# $NASREPLAY_LOGS (default slurm-logs/), which it creates.
#   experiments/slurm/submit.sh SPEC SHARDS [--results DIR --datasets DIR --trials N]
# Extra sbatch options (partition, account, cores per shard) go in SBATCH_ARGS:
#   SBATCH_ARGS="--partition=short --cpus-per-task=4" experiments/slurm/submit.sh SPEC 8
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage="usage: $0 SPEC SHARDS [--results DIR --datasets DIR --trials N]"
SPEC=${1:?$usage}
SHARDS=${2:?$usage}
shift 2
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: SHARDS must be a positive integer, got '$SHARDS'" >&2; exit 2; }
[[ -f "$SPEC" ]] || { echo "submit.sh: no spec file '$SPEC'" >&2; exit 2; }
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found: run this on a Slurm login node" >&2; exit 2; }

# A shard asking for more CPUs than any node has would pend forever: refuse it here.
read -r -a extra <<< "${SBATCH_ARGS:-}"
cpus=1
for a in "${extra[@]}"; do [[ "$a" == --cpus-per-task=* ]] && cpus=${a#--cpus-per-task=}; done
most=$(sinfo -h -o '%c' 2>/dev/null | tr -d '+' | sort -n | tail -1 || true)
if [[ -n "$most" ]] && (( cpus > most )); then
  echo "submit.sh: --cpus-per-task=$cpus but the largest node has $most CPUs (sinfo -o '%N %c'); the job would pend forever" >&2
  exit 2
fi

logs=${NASREPLAY_LOGS:-slurm-logs}
mkdir -p "$logs"
jid=$(sbatch --parsable "${extra[@]}" --array=0-$((SHARDS - 1)) --output="$logs/%x-%A_%a.out" \
      "$here/run-array.sbatch" "$SPEC" "$SHARDS" "$@")
jid=${jid%%;*}
mid=$(sbatch --parsable --dependency=afterok:"$jid" --output="$logs/%x-%j.out" "$here/merge.sbatch" "$SPEC" "$@")
mid=${mid%%;*}
echo "submitted shards: job $jid (array 0-$((SHARDS - 1))); merge: job $mid after all succeed; logs in $logs/"
echo "check: nasreplay status $SPEC --shards $SHARDS $*"
