#!/usr/bin/env bash
# bench/run.sh — `make bench`: builds release binaries, generates datasets with karta-gen, runs every
# karta-bench stage and the peers (libcsv C loop, libxml2 SAX2 C loop, DuckDB with one thread), each
# in its own process under /usr/bin/time for peak RSS, prints a table and writes bench/results.json.
#
# Environment:
#   BENCH_SCALES="1 10 100"  scale series for csv-read / end-to-end (time linear, RSS flat)
#   BENCH_BIG_CSV_SCALE=300  scale of the >= 200 MB national register CSVs (cp1251 ~225 MB)
#   BENCH_BIG_XML_SCALE=300  scale of the >= 200 MB АСП XML export
#   BENCH_SEED=1             generator seed
#   BENCH_SKIP_BUILD=1       reuse existing release binaries
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$ROOT/bench/work
RESULTS=$WORK/results.jsonl
SCALES=${BENCH_SCALES:-"1 10 100"}
BIG_CSV_SCALE=${BENCH_BIG_CSV_SCALE:-300}
BIG_XML_SCALE=${BENCH_BIG_XML_SCALE:-300}
SEED=${BENCH_SEED:-1}
BIN=$ROOT/.build/release
mkdir -p "$WORK/bin"
: > "$RESULTS"

note() { printf 'bench: %s\n' "$*" >&2; }

# --- build ------------------------------------------------------------------------------------
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  note "building release binaries (karta-bench, karta-gen, karta)"
  for product in karta-gen karta-bench karta; do
    swift build -c release --product "$product" 2>&1 | grep -E 'error|warning: unre|Compiling|Build' | tail -3 >&2 || true
  done
fi
for product in karta-gen karta-bench; do
  [ -x "$BIN/$product" ] || { note "missing $BIN/$product (build failed?)"; exit 1; }
done

# --- measuring ----------------------------------------------------------------------------------
# measure LABEL GROUP PEER_OF CMD... — runs CMD under /usr/bin/time, keeps its last JSON line and
# adds label, group, peak RSS (KiB) and wall time.
measure() {
  local label=$1 group=$2 peer_of=$3; shift 3
  local out=$WORK/out.$$ tim=$WORK/time.$$ status=0
  /usr/bin/time -f '%M %e' -o "$tim" "$@" > "$out" 2> "$WORK/stderr.$$" || status=$?
  if [ "$status" != 0 ]; then
    note "$label failed (exit $status): $(tail -3 "$WORK/stderr.$$" | tr '\n' ' ')"
    rm -f "$out" "$tim"
    return 0
  fi
  python3 - "$label" "$group" "$peer_of" "$out" "$tim" >> "$RESULTS" <<'PY'
import json, sys
label, group, peer_of, out, tim = sys.argv[1:6]
lines = [l for l in open(out, encoding="utf-8").read().splitlines() if l.startswith("{")]
result = json.loads(lines[-1]) if lines else {"stage": label, "bytes": 0, "rows": 0}
rss_kib, wall = open(tim).read().split()[-2:]
result.update(label=label, group=group, peer_of=peer_of or None, peak_rss_kib=int(rss_kib), wall_seconds=float(wall))
result.setdefault("seconds", float(wall))
print(json.dumps(result, ensure_ascii=False, sort_keys=True))
PY
  rm -f "$out" "$tim" "$WORK/stderr.$$"
}

# --- datasets ------------------------------------------------------------------------------------
# generate DIR ARGS... — runs karta-gen unless DIR already holds a dataset made with the same args.
generate() {
  local dir=$1; shift
  local stamp="seed=$SEED $*"
  if [ -f "$dir/expected.json" ] && [ "$(cat "$dir/.args" 2>/dev/null)" = "$stamp" ]; then return 0; fi
  rm -rf "$dir"
  measure "generate $(basename "$dir")" generator "" "$BIN/karta-gen" --json --out "$dir" --seed "$SEED" "$@"
  echo "$stamp" > "$dir/.args"
}
note "generating datasets in bench/work (cached between runs)"
BIG=$WORK/big-csv; BIGXML=$WORK/big-xml
generate "$BIG" --single-file --scale "$BIG_CSV_SCALE" --parts registers
generate "$BIGXML" --single-file --scale "$BIG_XML_SCALE" --parts asp
for s in $SCALES; do generate "$WORK/scale-$s" --single-file --scale "$s"; done
generate "$WORK/national" --scale 1

# --- peers -----------------------------------------------------------------------------------------
for peer in bench/peers/*.c; do
  name=$(basename "$peer" .c)
  gcc -O2 $(pkg-config --cflags libxml-2.0) -o "$WORK/bin/$name" "$peer" -lcsv $(pkg-config --libs libxml-2.0)
done
if [ ! -x bench/.venv/bin/python ] || ! bench/.venv/bin/python -c 'import duckdb' 2>/dev/null; then
  note "creating bench/.venv with duckdb from PyPI"
  python3 -m venv bench/.venv && bench/.venv/bin/pip install -q duckdb
fi

# --- karta-bench stages ----------------------------------------------------------------------------
STAGES=$({ "$BIN/karta-bench" 2>&1 || true; } | sed -n 's/.*(stages: \(.*\)).*/\1/p' | tr -d ',')
note "karta-bench stages: ${STAGES:-none}"
has_stage() { [[ " $STAGES " == *" $1 "* ]]; }
CP=national-register-cp1251.csv; U8=national-register-utf8.csv

# Arguments per stage (the convention for stage authors): the input file first; a store path for
# stages that write or read one.
for stage in $STAGES; do
  case $stage in
    csv-read)
      measure "csv-read cp1251 big" csv-read "" "$BIN/karta-bench" csv-read "$BIG/$CP"
      measure "csv-read utf8 big" csv-read "" "$BIN/karta-bench" csv-read "$BIG/$U8"
      for s in $SCALES; do measure "csv-read cp1251 scale $s" scale-csv-read "" "$BIN/karta-bench" csv-read "$WORK/scale-$s/$CP"; done ;;
    xml-read) measure "xml-read big" xml-read "" "$BIN/karta-bench" xml-read "$BIGXML/asp-export.xml" ;;
    normalize-store)
      rm -f "$WORK/bench-store.sqlite"*
      measure "normalize-store cp1251 big" normalize-store "" "$BIN/karta-bench" normalize-store "$BIG/$CP" "$WORK/bench-store.sqlite" ;;
    aggregate)
      if [ -f "$WORK/bench-store.sqlite" ]; then
        measure "aggregate big" aggregate "" "$BIN/karta-bench" aggregate "$WORK/bench-store.sqlite"
      else note "skipping aggregate: no store (normalize-store did not run)"; fi ;;
    registry) measure "registry" registry "" "$BIN/karta-bench" registry ;;
    *) note "skipping karta-bench stage '$stage': bench/run.sh does not know its arguments yet" ;;
  esac
done
for wanted in csv-read xml-read normalize-store aggregate; do
  has_stage "$wanted" || note "karta-bench has no '$wanted' stage yet: skipped"
done

# --- end to end: karta ingest + karta aggregate (or karta run with bench/pipeline-template.yml) ----
has_command() { "$BIN/karta" --help 2>&1 | sed -n '/SUBCOMMANDS/,$p' | grep -qE "^ +$1( |$)"; }
end_to_end() {  # end_to_end LABEL GROUP DIR
  local label=$1 group=$2 dir=$3 store=$WORK/e2e.sqlite
  rm -f "$store"*
  if [ -f bench/pipeline-template.yml ] && has_command run; then
    sed -e "s|{DATA}|$dir|g" -e "s|{STORE}|$store|g" -e "s|{OUT}|$WORK/e2e-out|g" bench/pipeline-template.yml > "$WORK/pipeline.yml"
    measure "$label" "$group" "" bench/e2e.sh "$dir/$CP" "$BIN/karta" run "$WORK/pipeline.yml"
  elif has_command ingest && has_command aggregate; then
    measure "$label" "$group" "" bench/e2e.sh "$dir/$CP" sh -c \
      "'$BIN/karta' ingest '$dir/$CP' --kind municipal-register --store '$store' --json > '$WORK/e2e-ingest.json' && '$BIN/karta' aggregate --store '$store' --level district --format json > '$WORK/e2e-aggregate.json'"
    python3 bench/check-expected.py "$dir" "$WORK/e2e-ingest.json" "$WORK/e2e-aggregate.json" || note "$label: counts differ from expected.json"
  else
    note "skipping end-to-end: neither 'karta run' with bench/pipeline-template.yml nor 'karta ingest'/'karta aggregate' exist yet"
    return 1
  fi
}
if end_to_end "end-to-end cp1251 big" end-to-end "$BIG"; then
  for s in $SCALES; do end_to_end "end-to-end cp1251 scale $s" scale-end-to-end "$WORK/scale-$s" || true; done
fi

# --- peers -------------------------------------------------------------------------------------------
measure "libcsv C loop cp1251 big" csv-read csv-read "$WORK/bin/libcsv_count" "$BIG/$CP" ';'
measure "libcsv C loop utf8 big" csv-read csv-read "$WORK/bin/libcsv_count" "$BIG/$U8" ','
for s in $SCALES; do measure "libcsv C loop cp1251 scale $s" scale-csv-read scale-csv-read "$WORK/bin/libcsv_count" "$WORK/scale-$s/$CP" ';'; done
measure "libxml2 SAX2 C loop big" xml-read xml-read "$WORK/bin/libxml2_sax" "$BIGXML/asp-export.xml" Услуга
measure "DuckDB 1 thread load+group-by utf8 big" end-to-end end-to-end bench/.venv/bin/python bench/peers/duckdb_groupby.py "$BIG/$U8" ','
for s in $SCALES; do
  measure "DuckDB 1 thread load+group-by utf8 scale $s" scale-end-to-end scale-end-to-end bench/.venv/bin/python bench/peers/duckdb_groupby.py "$WORK/scale-$s/$U8" ','
done

python3 bench/report.py "$RESULTS" bench/results.json
