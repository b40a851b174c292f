#!/usr/bin/env bash
# bench/ab-normalize-store.sh OLD_BIN NEW_BIN [SCALE] [ROUNDS] — normalize+store side by side: the
# same generated cp1251 register loaded into a fresh store by OLD_BIN/karta-bench and
# NEW_BIN/karta-bench, alternating (old, new, old, new, …) so that both see the same machine
# noise; prints one line per run and the median CPU seconds of each. The data comes from
# NEW_BIN/karta-gen (seed 1), cached in bench/work/ab-SCALE.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: ab-normalize-store.sh OLD_BIN NEW_BIN [SCALE] [ROUNDS]}; NEW=${2:?}
SCALE=${3:-100}; ROUNDS=${4:-3}
DATA=bench/work/ab-$SCALE; FILE=$DATA/national-register-cp1251.csv
if [ ! -f "$FILE" ]; then
  rm -rf "$DATA"
  "$NEW/karta-gen" --json --out "$DATA" --seed 1 --single-file --scale "$SCALE" --parts registers \
    --encoding cp1251 > /dev/null
fi
run() {  # run LABEL BIN — prints "LABEL cpu_s wall_s rows peak_rss_kib"
  local store=bench/work/ab-store.sqlite tim=bench/work/ab-time.txt
  rm -f "$store"*
  /usr/bin/time -f '%U %S %e %M' -o "$tim" "$2/karta-bench" normalize-store "$FILE" "$store" > bench/work/ab-out.json
  read -r user sys wall rss < <(tail -1 "$tim")
  rows=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["rows"])' bench/work/ab-out.json)
  echo "$1 $(python3 -c "print(round($user + $sys, 2))") $wall $rows $rss"
  rm -f "$store"*
}
: > bench/work/ab-runs.txt
for round in $(seq "$ROUNDS"); do
  run old "$OLD" | tee -a bench/work/ab-runs.txt
  run new "$NEW" | tee -a bench/work/ab-runs.txt
done
python3 - <<'PY'
import statistics
runs = [line.split() for line in open("bench/work/ab-runs.txt")]
for label in ("old", "new"):
    cpu = [float(r[1]) for r in runs if r[0] == label]
    rows = {r[3] for r in runs if r[0] == label}
    print(f"{label}: median {statistics.median(cpu):.2f} CPU s over {len(cpu)} runs "
          f"(min {min(cpu):.2f}, max {max(cpu):.2f}); rows {', '.join(sorted(rows))}")
old = statistics.median(float(r[1]) for r in runs if r[0] == "old")
new = statistics.median(float(r[1]) for r in runs if r[0] == "new")
print(f"new/old: {new / old:.3f}")
PY
