#!/usr/bin/env bash
# fuzz/smoke.sh — a short run of every harness (a few seconds each, <= 60 s of fuzzing in all),
# for `make test`. The first build takes a few minutes; later ones reuse .build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
count=$(ls fuzz/harnesses | wc -l)
each=$(( 60 / (count > 0 ? count : 1) )); [ "$each" -gt 10 ] && each=10
exec fuzz/run.sh "$each"
