#!/usr/bin/env bash
# The control for "what does recording events cost": this commit with no-events.patch
# applied (recordEvent and recordingEvent insert nothing; no events_notify trigger), in a
# worktree of its own. Usage: bench/controls/no-events.sh [DIR], then compare with
# bench/controls/interleave.sh (see bench/README.md, round 8).
set -euo pipefail
here=$(git rev-parse --show-toplevel)
dir=${1:-$here/../bench-noevents}
git -C "$here" worktree add --detach "$dir" HEAD
git -C "$dir" apply "$here/bench/controls/no-events.patch"
(cd "$dir" && npm ci --no-audit --no-fund)
echo "control ready in $dir"
