#!/usr/bin/env bash
# bench/postgres.sh [SCALES] — `karta ingest` into SQLite and into PostgreSQL side by side, and the
# latency of `karta aggregate` reading each store while an ingest writes to it. Run it beside a
# throwaway server: scripts/with-postgres.sh bench/postgres.sh "1 100".
#
# For each scale (karta-gen, seed 1, cp1251; scale 1: 265 register files, 2.2 MB; scale 100: one
# national register, ~836,000 rows, 160 MB) and REPEAT times (default 3), alternating the two
# backends: the registers ingested into a fresh SQLite file and into a fresh PostgreSQL database,
# under /usr/bin/time (wall, CPU of the karta process, peak RSS). Then once per backend: a store
# holding the scale's registers is re-ingested with --full-refresh while `karta aggregate --level
# national` runs in a loop against it; each read's wall time is recorded (median, max, count) and
# its answer checked to be the store before or after the ingest, never a mix.
#   KARTA      the karta binary (default .build/release/karta)
#   KARTA_GEN  the generator (default .build/release/karta-gen)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${1:-"1 100"}
REPEAT=${REPEAT:-3}
KARTA=$(realpath "${KARTA:-.build/release/karta}")
GEN=${KARTA_GEN:-.build/release/karta-gen}
WORK=$(pwd)/bench/work/postgres
: "${KARTA_TEST_POSTGRES_URL:?run me inside scripts/with-postgres.sh}"
PSQL="${KARTA_TEST_POSTGRES_BIN:-/usr/bin}/psql"
mkdir -p "$WORK"

database_url() { echo "$KARTA_TEST_POSTGRES_URL" | sed -E "s#/karta_test#/$1#"; }
fresh_database() {  # fresh_database NAME -> URL (names are not reused: the server is a throwaway)
  "$PSQL" -X -q -d "$KARTA_TEST_POSTGRES_URL" -c "CREATE DATABASE $1" >/dev/null
  database_url "$1"
}
registers() {  # registers SCALE -> the register files
  if [ "$1" = 1 ]; then ls "$WORK/data-1/registers/"*.csv; else echo "$WORK/data-$1/national-register-cp1251.csv"; fi
}
timed_ingest() {  # timed_ingest SCALE STORE -> "wall cpu rss_kib"
  local t=$WORK/time.txt
  # shellcheck disable=SC2046
  /usr/bin/time -f '%e %U %S %M' -o "$t" "$KARTA" ingest $(registers "$1") --kind municipal-register \
    --store "$2" > /dev/null 2>&1 || { echo "postgres.sh: ingest into $2 failed" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| scale | rows | backend | runs: wall s | median wall s | median CPU s | rows/s | peak RSS MB |"
echo "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |"
for scale in $SCALES; do
  if [ ! -f "$WORK/data-$scale/expected.json" ]; then
    single=$([ "$scale" = 1 ] || echo --single-file)
    "$GEN" --out "$WORK/data-$scale" --scale "$scale" $single --encoding cp1251 --seed 1 >&2
  fi
  : > "$WORK/sqlite.txt"; : > "$WORK/postgres.txt"
  for i in $(seq "$REPEAT"); do
    rm -f "$WORK/store.sqlite"*
    timed_ingest "$scale" "$WORK/store.sqlite" >> "$WORK/sqlite.txt"
    timed_ingest "$scale" "$(fresh_database "karta_bench_${scale}_$i")" >> "$WORK/postgres.txt"
  done
  rows=$(sqlite3 "$WORK/store.sqlite" "SELECT sum(rows_read) FROM sources")
  for backend in sqlite postgres; do
    wall=$(awk '{print $1}' "$WORK/$backend.txt" | median)
    cpu=$(awk '{print $2}' "$WORK/$backend.txt" | median)
    rss=$(awk '{print $3}' "$WORK/$backend.txt" | sort -n | tail -1)
    runs=$(awk '{print $1}' "$WORK/$backend.txt" | paste -sd, | sed 's/,/, /g')
    rate=$(awk -v r="$rows" -v w="$wall" 'BEGIN { if (r + 0 > 0) printf "%d", r / w; else print "?" }')
    echo "| $scale | $rows | $backend | $runs | $wall | $cpu | $rate | $((rss / 1024)) |"
  done
done

echo
echo "| scale | backend | reads during the ingest | median s | max s | answers seen |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for scale in $SCALES; do
  sqlite="$WORK/read.sqlite"; rm -f "$sqlite"*
  postgres=$(fresh_database "karta_bench_read_$scale")
  for store in "$sqlite" "$postgres"; do
    "$KARTA" ingest $(registers "$scale") --kind municipal-register --store "$store" > /dev/null 2>&1
    before=$("$KARTA" aggregate --level national --format json --store "$store")
    "$KARTA" ingest $(registers "$scale") --kind municipal-register --store "$store" --full-refresh > /dev/null 2>&1 &
    writer=$!
    : > "$WORK/latency.txt"; : > "$WORK/answers.txt"
    while kill -0 "$writer" 2>/dev/null; do
      start=$(date +%s.%N)
      "$KARTA" aggregate --level national --format json --store "$store" > "$WORK/answer.json" 2>/dev/null || true
      end=$(date +%s.%N)
      awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' >> "$WORK/latency.txt"
      sha256sum < "$WORK/answer.json" | cut -c1-16 >> "$WORK/answers.txt"
    done
    wait "$writer"
    after=$("$KARTA" aggregate --level national --format json --store "$store")
    [ "$before" = "$after" ] || echo "postgres.sh: the re-ingest changed the totals" >&2
    backend=$([ "$store" = "$sqlite" ] && echo sqlite || echo postgres)
    echo "| $scale | $backend | $(wc -l < "$WORK/latency.txt") | $(median < "$WORK/latency.txt") | $(sort -n "$WORK/latency.txt" | tail -1) | $(sort -u "$WORK/answers.txt" | wc -l) |"
  done
done
