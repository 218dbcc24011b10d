#!/bin/bash
# A real Slurm test: starts a single-node cluster on this machine (munged, slurmctld and
# slurmd by hand, no systemd, state in a temporary folder), submits with
# experiments/slurm/submit.sh: run-array.sbatch as a 4-shard array of a small spec with every
# shard writing into ONE results folder, then merge.sbatch with --dependency=afterok; checks
# that the merged runs.h5 is byte-identical to an unsharded run's (so every dataset is
# equal). Then it deletes shard 3's segments (its trials), resubmits that one shard with the line
# `nasreplay status --shards 4` prints (`sbatch --array=3 ... SPEC 4`), merges again and
# compares again. It stops the daemons it started, by pid. About 30 s.
#
#   bash scripts/slurm/test-cluster.sh [NASREPLAY_BINARY]     (default .build/debug/nasreplay)
#
# Needs root (slurmd runs jobs as their user and slurmctld as SlurmUser). Without root, or
# without the Debian packages slurmctld slurmd slurm-client munge and no way to install
# them, it prints SKIP and the reason and exits 0. `make test` runs it; `.ci/run` installs
# the packages.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/nasreplay}")
DATA=${DATA:-../shared/data}

skip() { echo "slurm test: SKIP: $*"; exit 0; }
[[ "$(id -u)" -eq 0 ]] || skip "needs root to start slurmctld and slurmd (running as uid $(id -u))"
[[ -x "$BIN" ]] || { echo "slurm test: no binary $BIN; build it first (swift build --product nasreplay)" >&2; exit 1; }
missing=""
for p in slurmctld slurmd slurm-client munge; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [[ -n "$missing" ]]; then
  echo "slurm test: installing$missing"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null; } \
    || skip "cannot install$missing with apt-get"
fi

T=$(mktemp -d -t nasreplay-slurm.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT
fail() {
  echo "slurm test: FAIL: $*" >&2
  for f in "$T"/*.log "$T"/logs/*; do [[ -f "$f" ]] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done
  exit 1
}
mkdir -p "$T/state" "$T/spool" "$T/logs" "$T/run"

# munge: a throwaway key for a cluster that lives for this test only (munged wants 0600 files
# owned by its user; root here).
head -c 1024 /dev/zero | tr '\0' 'n' > "$T/munge.key"
chmod 0600 "$T/munge.key"
munged --force --foreground --key-file="$T/munge.key" --socket="$T/munge.socket" --pid-file="$T/munged.pid" \
  --log-file="$T/munged.log" --seed-file="$T/munged.seed" > "$T/munged.out" 2>&1 &
pids+=($!)

host=$(hostname -s)
cpus=$(nproc)
port=$(( 20000 + $$ % 20000 ))
cat > "$T/slurm.conf" <<CONF
ClusterName=nasreplaytest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$(( port + 1 ))
AuthType=auth/munge
AuthInfo=socket=$T/munge.socket
CryptoType=crypto/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/run/slurmctld.pid
SlurmdPidFile=$T/run/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
for _ in $(seq 50); do [[ -S "$T/munge.socket" ]] && break; sleep 0.1; done
[[ -S "$T/munge.socket" ]] || fail "munged did not start"
slurmctld -D -i -f "$T/slurm.conf" > "$T/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$T/slurm.conf" > "$T/slurmd.out" 2>&1 &
pids+=($!)
ready=""
for _ in $(seq 100); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then ready=1; break; fi
  sleep 0.2
done
[[ -n "$ready" ]] || fail "the node did not come up (sinfo: $(sinfo -h 2>&1 | head -1))"
echo "slurm test: cluster up on $host ($cpus CPUs, slurm $(sinfo -V | cut -d' ' -f2))"

# A small spec, every algorithm family of the harness's multi-objective path.
cat > "$T/spec.toml" <<SPEC
name = "slurm-check"
trials = 24
seed = 11

[benchmark]
name = "nats-tss"
objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]
report = ["c10_test_200ep"]

[budget]
evaluations = 300
checkpoints = [100, 300]

[[algorithm]]
name = "random"
type = "random-search"

[[algorithm]]
name = "nsga2"
type = "nsga2"
population = 20
SPEC
"$BIN" datasets build --from "$DATA" --datasets "$T/datasets" nats-tss > "$T/build.log" 2>&1 || fail "cannot build the nats-tss table"

start=$(date +%s)
export NASREPLAY_BIN="$BIN" NASREPLAY_DATASETS="$T/datasets"
# The first submission through submit.sh (the array, then the merge job with afterok); the
# resubmission below uses the sbatch line `status` prints.
submitted=$(NASREPLAY_LOGS="$T/logs" experiments/slurm/submit.sh "$T/spec.toml" 4 --results "$T/results") || fail "submit.sh failed: $submitted"
jobs=$(sed -n 's/^submitted shards: job \([0-9]*\) .*merge: job \([0-9]*\) .*/\1,\2/p' <<< "$submitted")
[[ -n "$jobs" ]] || fail "submit.sh printed no job ids: $submitted"
echo "slurm test: submit.sh: $(head -1 <<< "$submitted")"
# Waits until none of the jobs is queued or running (2 minutes at most).
drain() {
  for _ in $(seq 600); do
    [[ -z "$(squeue -h -j "$1" 2>/dev/null)" ]] && return 0
    sleep 0.2
  done
  fail "jobs $1 still queued after 2 minutes: $(squeue -h 2>&1 | head -3)"
}
drain "$jobs"
[[ -f "$T/results/slurm-check/runs.h5" ]] || fail "no runs.h5 after the merge job"
echo "slurm test: shards and merge done in $(( $(date +%s) - start )) s"
for f in "$T"/logs/*.out; do tail -2 "$f" | sed "s|^|  $(basename "$f"): |"; done

"$BIN" run "$T/spec.toml" --datasets "$T/datasets" --results "$T/single" --quiet > "$T/single.log" 2>&1 || fail "the unsharded run failed"
cmp "$T/results/slurm-check/runs.h5" "$T/single/slurm-check/runs.h5" || fail "the merged runs.h5 differs from the unsharded run's"
leftovers=$(find "$T/results" -name '*.tmp-*' -o -name '*.claim' | wc -l)
[[ "$leftovers" -eq 0 ]] || fail "$leftovers temporary or claim files left in the results folder"
"$BIN" status "$T/spec.toml" --datasets "$T/datasets" --results "$T/results" --shards 4 | sed 's|^|  status: |'

# Lose one shard, let status name it, resubmit exactly the line it prints, merge again.
rm -f "$T/results/slurm-check/runs.h5"
# Each shard appends its trials to segments named after it (docs/RESULTS.md).
lost=$(ls "$T"/results/slurm-check/trials/*/segment-shard3of4-*.recs 2>/dev/null | wc -l)
[[ "$lost" -ge 1 ]] || fail "no segment of shard 3 in $T/results/slurm-check/trials"
rm -f "$T"/results/slurm-check/trials/*/segment-shard3of4-*.recs
status=$("$BIN" status "$T/spec.toml" --results "$T/results" --shards 4 --json)
grep -q '"incomplete": \[3\]' <<< "$status" || fail "status should name shard 3 alone: $status"
resubmit=$(grep -o '"sbatch --array=3 [^"]*"' <<< "$status" | tr -d '"')
[[ -n "$resubmit" ]] || fail "status printed no sbatch line: $status"
echo "slurm test: shard 3 deleted; status says: $resubmit"
jid=$(eval "${resubmit/sbatch /sbatch --parsable --output=$T/logs/%x-%A_%a.out }")
jid=${jid%%;*}
mid=$(sbatch --parsable --dependency=afterok:"$jid" --output="$T/logs/%x-%j.out" experiments/slurm/merge.sbatch "$T/spec.toml" --results "$T/results")
mid=${mid%%;*}
drain "$jid,$mid"
cmp "$T/results/slurm-check/runs.h5" "$T/single/slurm-check/runs.h5" || fail "after resubmitting shard 3, the merged runs.h5 differs from the unsharded run's"
echo "slurm test: PASS: 4 Slurm shards in one folder, and again after resubmitting shard 3 alone, merge to a runs.h5 byte-identical to the unsharded run's"
