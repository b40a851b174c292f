#!/usr/bin/env bash
# fuzz/run.sh [SECONDS] [HARNESS...] — builds the libFuzzer harnesses (fuzz/harnesses/*) with
# address sanitizer and runs each for SECONDS (default 60), seeded from fixtures/ and fuzz/seeds/.
# Crashes land in fuzz/crashers/NAME/ (commit them: they are replayed on every run).
# FUZZ_NO_BUILD=1 runs the harnesses already in .build-fuzz without building (another build may
# hold SwiftPM's lock on .build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}; shift || true
HARNESSES=${*:-$(ls fuzz/harnesses)}
export KARTA_FUZZ=1
BUILD=(swift build --scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:symbolize=1}
status=0
for name in $HARNESSES; do
  start=$(date +%s)
  if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    "${BUILD[@]}" --product "karta-fuzz-$name" 2>&1 | grep -E 'error|Build of' >&2 || true
  fi
  binary=.build-fuzz/release/karta-fuzz-$name
  [ -x "$binary" ] || { echo "fuzz: $name did not build" >&2; status=1; continue; }
  echo "fuzz: built $name in $(( $(date +%s) - start )) s" >&2
  corpus=fuzz/corpus-$name; crashers=fuzz/crashers/$name
  mkdir -p "$corpus" "$crashers"
  # Seeds: small files from fixtures/ and fuzz/seeds/NAME/ (copied by content hash, so reruns add nothing).
  for seed in $(find fixtures "fuzz/seeds/$name" -type f -size -64k 2>/dev/null); do
    cp "$seed" "$corpus/seed-$(sha1sum < "$seed" | cut -c1-16)"
  done
  if [ -n "$(ls "$crashers")" ]; then
    echo "fuzz: replaying $(ls "$crashers" | wc -l) kept crashers of $name" >&2
    timeout 120 "$binary" -runs=0 "$crashers"/* > /dev/null 2>&1 || { echo "fuzz: $name still crashes on a kept crasher" >&2; status=1; }
  fi
  # timeout guards against a harness that hangs while reporting a crash.
  timeout $(( SECONDS_EACH + 60 )) "$binary" "$corpus" -max_total_time="$SECONDS_EACH" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$crashers/" -print_final_stats=1 \
    > "fuzz/last-$name.log" 2>&1 || { echo "fuzz: $name found a problem, see fuzz/last-$name.log and $crashers/" >&2; status=1; }
  grep -aE 'stat::number_of_executed_units|Done [0-9]+ runs' "fuzz/last-$name.log" | tail -1 | sed "s/^/fuzz: $name: /" >&2 || true
done
exit $status
