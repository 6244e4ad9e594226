#!/usr/bin/env bash
# Interleaved runs of `npm run bench` (A, B, …, A, B, …), for builds judged against each
# other on a noisy host. Usage:
#   bench/controls/interleave.sh ROUNDS LOGDIR 'DIR[|NAME=value …]' … -- [bench options]
# Each build is a worktree, optionally with BENCH_SERVICE_ENV after the |. Every run's
# output goes to LOGDIR/<round>-<build index>.log, with `uptime` before and after.
set -euo pipefail
rounds=$1 logs=$2; shift 2
builds=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do builds+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
mkdir -p "$logs"
for r in $(seq 1 "$rounds"); do
  for i in "${!builds[@]}"; do
    dir=${builds[$i]%%|*} env=; [[ ${builds[$i]} == *'|'* ]] && env=${builds[$i]#*|}
    log=$logs/$r-$i.log
    { echo "# round $r build $i: $dir ($(git -C "$dir" rev-parse --short HEAD)${env:+, $env})"; echo "# before: $(uptime)"; } >"$log"
    (cd "$dir" && BENCH_SERVICE_ENV=$env npm run -s bench -- "$@") >>"$log" 2>&1 || echo "# exit $?" >>"$log"
    echo "# after: $(uptime)" >>"$log"
    grep -E '^# (round|before)|^(bare|GET /users/me|POST )' "$log" | sed 's/^/  /'
  done
done
