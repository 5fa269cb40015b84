#!/usr/bin/env bash
# The deployment's overhead, measured in one run on this machine: `rp bench load` against one in-process site, then
# against two web nodes (Runs:Backend = Redis) fed by two `rp worker` processes through a local redis-server, with
# the same runs, clients and iterations. Frames go worker -> Redis -> web node -> hub client in the second case, so
# the difference in "publish to client" latency is the Redis path's cost per frame. Needs redis-server (Debian's
# package). The processes' logs are left in artifacts/bench-deployment/.
# Usage: scripts/bench-deployment.sh [clients] [runs] [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-50}
runs=${2:-8}
iterations=${3:-150}
out=$(mktemp -d)
logs=artifacts/bench-deployment
mkdir -p "$logs"
trap 'kill $(jobs -p) 2>/dev/null || true; cp "$out"/*.log "$logs"/ 2>/dev/null || true; rm -rf "$out"' EXIT

dotnet build -c Release src/RpPlayground.Web -o "$out/web" -v q -nologo >/dev/null
dotnet build -c Release src/RpPlayground.Cli -o "$out/cli" -v q -nologo >/dev/null

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 600); do curl -fs "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

# The load comes from one address: lift the per-address limits on every node. One C heap arena, as deployed (README).
export MALLOC_ARENA_MAX=1
common=(Runs__MaxPerClient=64 RateLimits__RunStartsPerMinute=1000 Runs__TimeLimitSeconds=3600)
load() { dotnet "$out/cli/rp.dll" bench load --url "$1" --clients "$clients" --runs "$runs" --iterations "$iterations"; }

single=http://127.0.0.1:$(port)
env "${common[@]}" Storage__DataFolder="$out/single" dotnet "$out/web/RpPlayground.Web.dll" --urls "$single" >"$out/single.log" 2>&1 &
wait_for "$single"
echo "== one in-process node ($single)"
load "$single"
kill %1; wait %1 2>/dev/null || true

redis_port=$(port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$out" >"$out/redis.log" 2>&1 &
sleep 0.5
a=http://127.0.0.1:$(port)
b=http://127.0.0.1:$(port)
for node in "$a" "$b"; do
  env "${common[@]}" Runs__Backend=Redis Redis__Connection=127.0.0.1:$redis_port Storage__DataFolder="$out/node-${node##*:}" \
    dotnet "$out/web/RpPlayground.Web.dll" --urls "$node" >"$out/node-${node##*:}.log" 2>&1 &
done
# One LibTorch thread per worker: two workers share the two cores (with a thread team each, they would fight over them).
for i in 1 2; do
  Storage__DataFolder="$out/worker-$i" Torch__Threads=1 dotnet "$out/cli/rp.dll" worker --redis 127.0.0.1:$redis_port --models world --device cpu \
    --concurrent 2 --name "bench-worker-$i" >"$out/worker-$i.log" 2>&1 &
done
wait_for "$a"; wait_for "$b"
for _ in $(seq 1 300); do
  [ "$(curl -fs "$a/healthz" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["workers"]))')" = 2 ] && break; sleep 0.2
done
echo "== two web nodes on Redis, two workers with 2 runs each ($a, $b)"
load "$a,$b"
