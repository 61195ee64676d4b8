#!/usr/bin/env bash
# An attack suite (the quick warm-up suite by default) on one model, timed twice each way and interleaved (this machine is noisy):
# `bench attacks` in one process, and the same suite as a job through a Release server and its local
# worker (`contest eval run ... --watch`, from the request until the report is in). Release builds of
# src/Server and src/Client must exist (`dotnet build -c Release src/Server src/Client`).
#
#   bench/server-vs-bench.sh [MODEL] [ROUNDS] [SUITE]
#   (defaults: the tiny_cnn_scripted.pt fixture, 2 rounds, warmup; `clean` times what a job costs
#   besides its attacks: job start, image download and decode, artifacts, report)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
model=$(realpath "${1:-$repo/tests/fixtures/defenses/good/tiny_cnn_scripted.pt}")
rounds=${2:-2}
suite=${3:-warmup}
bin=net10.0
evaluator="$repo/src/Evaluator/bin/Release/$bin/Contest.Evaluator.dll"
contest() { dotnet "$repo/src/Client/bin/Release/$bin/contest.dll" --server "$url" "$@"; }
for f in "$evaluator" "$repo/src/Server/bin/Release/$bin/Contest.Server.dll" "$repo/src/Client/bin/Release/$bin/contest.dll"; do
    [ -f "$f" ] || { echo "error: $f is missing; run dotnet build -c Release src/Server src/Client" >&2; exit 2; }
done

work=$(mktemp -d /tmp/contest-compare-XXXXXX)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Test 125 per class as the server serves it; a small eligibility split so the defense is judged.
url=http://127.0.0.1:$((50100 + RANDOM % 800))
contest dataset generate --out "$work/ds" --per-class train=0,test=125,extras=0,eligibility=20 >/dev/null
dotnet "$repo/src/Server/bin/Release/$bin/Contest.Server.dll" --urls "$url" --data-dir "$work/data" \
    --dataset "$work/ds" --workers 1 --min-throughput 1 --no-baselines >"$work/server.log" 2>&1 &
server_pid=$!
until [ -s "$work/data/organizer.key" ]; do sleep 0.5; done
export CONTEST_API_KEY
CONTEST_API_KEY=$(cat "$work/data/organizer.key")
CONTEST_API_KEY=$(contest teams create bench --roles defender --json | python3 -c 'import json,sys;print(json.load(sys.stdin)["key"])')
defense=$(contest defenses upload "$model" --name bench --json | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
# Time the evaluation only once validation and eligibility no longer occupy the worker.
waited=0
until contest defenses show "$defense" --json | python3 -c '
import json,sys
d=json.load(sys.stdin)
v,e=d["validation"]["status"],d["eligibility"]["status"]
sys.exit(0 if v=="failed" or (v=="passed" and e in ("eligible","ineligible")) else 1)'; do
    sleep 2; waited=$((waited + 2))
    [ "$waited" -lt 900 ] || { echo "error: the defense was not judged within 15 minutes; see $work/server.log" >&2; exit 1; }
done
echo "defense $defense: $(contest defenses show "$defense" --json | python3 -c 'import json,sys;d=json.load(sys.stdin);print("validation", d["validation"]["status"], "eligibility", d["eligibility"]["status"])')"

for round in $(seq 1 "$rounds"); do
    start=$(date +%s.%N)
    dotnet "$evaluator" bench attacks --model "$model" --dataset "$work/ds" --profile quick --suite "$suite" --device cpu >"$work/bench-$round.txt"
    bench=$(echo "$(date +%s.%N) - $start" | bc)
    start=$(date +%s.%N)
    contest eval run "$defense" --suite "$suite" --profile quick --watch >"$work/server-$round.txt"
    server=$(echo "$(date +%s.%N) - $start" | bc)
    inside=$(sed -n 's/^whole suite: \([0-9.]*\) s.*/\1/p' "$work/bench-$round.txt")
    printf 'round %d: bench attacks %.1f s (suite %.1f s inside); through the server %.1f s; server / bench %.3f\n' \
        "$round" "$bench" "$inside" "$server" "$(echo "$server / $bench" | bc -l)"
done
head -n 4 "$work/bench-1.txt"
tail -n 12 "$work/server-$rounds.txt"
