#!/usr/bin/env bash
# bench/compare.sh OLD_KARTA NEW_KARTA [SCALES] — the side-by-side run: `karta run` of two builds on
# the same karta-gen datasets, alternating old and new REPEAT times (default 5) on a fresh store each
# time, so that the machine's drift hits both alike. Prints per scale the median wall seconds, the
# median user+sys CPU seconds and the largest peak RSS of each build, and their ratio; then each
# build's median wall seconds per stage (from run.json) and the bytes of its outputs, to show
# where a difference comes from.
#
#   SCALES   default "1 100": scale 1 as municipalities send it (265 register files, 294 files in
#            all), scale 100 as one national register (~836,000 rows, 160 MB).
#   REPEAT   pairs per scale (default 5)
#   KARTA_GEN  the generator (default .build/release/karta-gen)
# Datasets and stores go to bench/work/compare (inside the repository: the pipeline's root).
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$(realpath "$1"); NEW=$(realpath "$2"); SCALES=${3:-"1 100"}
REPEAT=${REPEAT:-5}
GEN=${KARTA_GEN:-.build/release/karta-gen}
WORK=$(pwd)/bench/work/compare
mkdir -p "$WORK"
cp mappings/criteria.example.yml "$WORK/criteria.yml"

pipeline() {  # pipeline SCALE LABEL -> path of a pipeline file with a fresh store and out folder
  local scale=$1 label=$2 data=data-$1 file=$WORK/run-$1-$2.yml
  local registers="{ path: $data/registers, glob: \"*.csv\", kind: municipal-register }"
  local proposals="{ path: $data/proposals, glob: \"*.csv\", kind: proposal }"
  if [ "$scale" != 1 ]; then
    registers="{ path: $data, glob: \"national-register-cp1251.csv\", kind: municipal-register }"
    proposals="{ path: $data, glob: \"proposals-national.csv\", kind: proposal }"
  fi
  rm -rf "$WORK/store-$label.sqlite"* "$WORK/out-$label"
  cat > "$file" <<YML
name: compare-$scale
root: .
period: { from: 2025-01-01, to: 2025-12-31 }
store: store-$label.sqlite
sources:
  - $registers
  - { path: $data/asp-export.xml, kind: asp-export }
  - $proposals
criteria: criteria.yml
thresholds: { max_rejected_percent: 50, fail_on_refused: true }
outputs: { folder: out-$label, formats: [csv, json, jsonl, xml, geojson, html] }
YML
  echo "$file"
}

measure() {  # measure BINARY PIPELINE LABEL -> "wall cpu rss_kib"; appends run.json's stages to LABEL-stages.txt
  local t=$WORK/time.txt status=0
  /usr/bin/time -f '%e %U %S %M' -o "$t" "$1" run "$2" --quiet > /dev/null 2>&1 || status=$?
  [ "$status" -le 1 ] || { echo "compare: $1 run $2 exited $status" >&2; exit 1; }
  python3 -c 'import json, sys
for s in json.load(open(sys.argv[1]))["stages"]: print(s["stage"], s["seconds"])' "$WORK/out-$3/run.json" \
    >> "$WORK/$3-stages.txt"
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$t"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for scale in $SCALES; do
  if [ ! -f "$WORK/data-$scale/expected.json" ]; then
    single=$([ "$scale" = 1 ] || echo --single-file)
    "$GEN" --out "$WORK/data-$scale" --scale "$scale" $single --encoding cp1251 --seed 1 >&2
  fi
  : > "$WORK/old.txt"; : > "$WORK/new.txt"; : > "$WORK/old-stages.txt"; : > "$WORK/new-stages.txt"
  for i in $(seq "$REPEAT"); do
    measure "$OLD" "$(pipeline "$scale" old)" old >> "$WORK/old.txt"
    measure "$NEW" "$(pipeline "$scale" new)" new >> "$WORK/new.txt"
  done
  for label in old new; do
    wall=$(cut -d' ' -f1 "$WORK/$label.txt" | median); cpu=$(cut -d' ' -f2 "$WORK/$label.txt" | median)
    rss=$(cut -d' ' -f3 "$WORK/$label.txt" | sort -n | tail -1)
    printf 'scale %-4s %-3s  wall %6.2f s  cpu %6.2f s  peak RSS %4d MB  (%s runs)\n' \
      "$scale" "$label" "$wall" "$cpu" $(( rss / 1024 )) "$REPEAT"
    eval "${label}_cpu=$cpu"
  done
  awk -v o="$old_cpu" -v n="$new_cpu" -v s="$scale" 'BEGIN { printf "scale %-4s new/old CPU %.2f\n", s, n / o }'
  for label in old new; do
    stages=$(for stage in $(cut -d' ' -f1 "$WORK/$label-stages.txt" | awk '!seen[$0]++'); do
      printf ' %s %s s' "$stage" "$(awk -v s="$stage" '$1 == s { print $2 }' "$WORK/$label-stages.txt" | median)"
    done)
    bytes=$(find -L "$WORK/out-$label" -maxdepth 1 -type f ! -name run.json -printf '%s %f\n' | sort -k2 |
      awk '{ printf " %s %.1f MB", $2, $1 / 1e6 }')
    echo "scale $scale $label stages (median wall):$stages"
    echo "scale $scale $label outputs:$bytes"
  done
done
