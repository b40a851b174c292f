#!/usr/bin/env bash
# bench/run.sh — `make bench`: builds release binaries, generates datasets with karta-gen, runs every
# stage of karta and the whole pipeline next to its peer (libcsv C loop, libxml2 SAX2 C loop, DuckDB
# with one thread), each in its own process under /usr/bin/time (peak RSS, user+sys CPU), karta and
# its peer back to back on the same file; prints one table and writes bench/results.json.
#
# Environment (defaults keep the whole run under ~20 minutes on 2 shared cores):
#   BENCH_SCALES="1 10 100"   scale series for the CSV read and the end-to-end run (time linear, RSS flat)
#   BENCH_E2E_SCALE=100       the headline end-to-end run (karta run vs DuckDB load + group-by)
#   BENCH_BIG_CSV_SCALE=300   the >= 200 MB national register CSVs (cp1251 ~225 MB, UTF-8 ~386 MB)
#   BENCH_BIG_XML_SCALE=300   the >= 200 MB АСП XML export
#   BENCH_STORE_SCALE=1100    the register for normalize+store (scale 1100 ≈ 5 M rows, ~830 MB);
#                             also the ~1 GB point of the CSV read series. 0 skips it.
#   BENCH_AGG_RECORDS=1000000 stored records for aggregate + criteria and emit
#   BENCH_SEED=1              generator seed
#   BENCH_SKIP_BUILD=1        reuse existing release binaries (BENCH_BIN=DIR: binaries from DIR)
#   BENCH_WORK=DIR            datasets and scratch files (default bench/work, inside the repository)
#   BENCH_ONLY="csv xml store aggregate emit e2e"   run only these groups
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${BENCH_WORK:-$ROOT/bench/work}   # must stay inside the repository (the pipeline's root)
RESULTS=$WORK/results.jsonl
SCALES=${BENCH_SCALES:-"1 10 100"}
E2E_SCALE=${BENCH_E2E_SCALE:-100}
BIG_CSV_SCALE=${BENCH_BIG_CSV_SCALE:-300}
BIG_XML_SCALE=${BENCH_BIG_XML_SCALE:-300}
STORE_SCALE=${BENCH_STORE_SCALE:-1100}
AGG_RECORDS=${BENCH_AGG_RECORDS:-1000000}
SEED=${BENCH_SEED:-1}
ONLY=${BENCH_ONLY:-"csv xml store aggregate emit e2e"}
BIN=${BENCH_BIN:-$ROOT/.build/release}
PY=$ROOT/bench/.venv/bin/python
CP=national-register-cp1251.csv
U8=national-register-utf8.csv
mkdir -p "$WORK/bin"
: > "$RESULTS"

note() { printf 'bench: %s\n' "$*" >&2; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }

# --- build ------------------------------------------------------------------------------------
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  note "building release binaries (karta, karta-gen, karta-bench)"
  for product in karta-gen karta-bench karta; do
    swift build -c release --product "$product" 2>&1 | grep -E 'error:|Compiling|Build' | tail -2 >&2 || true
  done
fi
for product in karta karta-gen karta-bench; do
  [ -x "$BIN/$product" ] || { note "missing $BIN/$product (build failed?)"; exit 1; }
done

# --- measuring ----------------------------------------------------------------------------------
# measure LABEL GROUP PEER_OF CMD... — runs CMD under /usr/bin/time and keeps its last JSON line
# (karta-bench style: stage, bytes, rows, seconds, extra), adding label, group, peak RSS (KiB),
# the process's wall time and user+sys CPU time.
measure() {
  local label=$1 group=$2 peer_of=$3; shift 3
  local out=$WORK/out.$$ tim=$WORK/time.$$ status=0
  note "$label"
  /usr/bin/time -f '%M %e %U %S' -o "$tim" "$@" > "$out" 2> "$WORK/stderr.$$" || status=$?
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
rss_kib, wall, user, system = open(tim).read().split()[-4:]
result.update(label=label, group=group, peer_of=peer_of or None, peak_rss_kib=int(rss_kib),
              process_wall_seconds=float(wall), process_cpu_seconds=round(float(user) + float(system), 3))
result.setdefault("seconds", float(wall))
print(json.dumps(result, ensure_ascii=False, sort_keys=True))
PY
  rm -f "$out" "$tim" "$WORK/stderr.$$"
}

# --- datasets ------------------------------------------------------------------------------------
# generate DIR ARGS... — runs karta-gen unless DIR already holds a dataset made with the same args
# by the same generator sources.
GEN_VERSION=$(cat Sources/KartaGen/*.swift | sha256sum | cut -c1-12)
generate() {
  local dir=$1; shift
  local stamp="seed=$SEED $* generator=$GEN_VERSION"
  if [ -f "$dir/expected.json" ] && [ "$(cat "$dir/.args" 2>/dev/null)" = "$stamp" ]; then return 0; fi
  rm -rf "$dir"
  measure "generate $(basename "$dir")" generator "" "$BIN/karta-gen" --json --out "$dir" --seed "$SEED" "$@"
  echo "$stamp" > "$dir/.args"
}
note "generating datasets in bench/work (cached between runs; $(df -h --output=avail "$WORK" | tail -1 | tr -d ' ') free)"
BIG=$WORK/big-csv; BIGXML=$WORK/big-xml; STOREDATA=$WORK/store-register
wants csv && generate "$BIG" --single-file --scale "$BIG_CSV_SCALE" --parts registers
wants xml && generate "$BIGXML" --single-file --scale "$BIG_XML_SCALE" --parts asp
if wants store && [ "$STORE_SCALE" != 0 ]; then
  generate "$STOREDATA" --single-file --scale "$STORE_SCALE" --parts registers --encoding cp1251
fi
E2E_SERIES=$(printf '%s\n' $SCALES "$E2E_SCALE" | sort -n -u | tr '\n' ' ')
if wants csv || wants e2e; then
  for s in $E2E_SERIES; do generate "$WORK/scale-$s" --single-file --scale "$s"; done
fi

# --- peers -----------------------------------------------------------------------------------------
for peer in bench/peers/*.c; do
  name=$(basename "$peer" .c)
  gcc -O2 $(pkg-config --cflags libxml-2.0) -o "$WORK/bin/$name" "$peer" -lcsv $(pkg-config --libs libxml-2.0)
done
if [ ! -x "$PY" ] || ! "$PY" -c 'import duckdb' 2>/dev/null; then
  note "creating bench/.venv with duckdb from PyPI"
  python3 -m venv bench/.venv && bench/.venv/bin/pip install -q duckdb
fi

# --- CSV read: karta's reader vs the plain C libcsv loop, same file, back to back -----------------
if wants csv; then
  csv_pair() {  # csv_pair SUFFIX FILE DELIMITER GROUP
    measure "csv-read $1" "$4" "" "$BIN/karta-bench" csv-read "$2"
    measure "libcsv C loop $1" "$4" "$4" "$WORK/bin/libcsv_count" "$2" "$3"
  }
  csv_pair "cp1251 big" "$BIG/$CP" ';' csv-read
  csv_pair "utf8 big" "$BIG/$U8" ',' csv-read
  for s in $SCALES; do csv_pair "cp1251 scale $s" "$WORK/scale-$s/$CP" ';' scale-csv-read; done
  if wants store && [ "$STORE_SCALE" != 0 ]; then
    csv_pair "cp1251 scale $STORE_SCALE" "$STOREDATA/$CP" ';' scale-csv-read
  fi
fi

# --- XML read: karta's reader vs the plain C libxml2 SAX2 loop --------------------------------------
# karta-gen writes the export in windows-1251, as АСП's systems do; the same export re-encoded to
# UTF-8 (iconv, declaration rewritten) shows the reader without any decoding.
if wants xml; then
  XMLU8=$BIGXML/asp-export-utf8.xml
  if [ ! -s "$XMLU8" ] || [ "$XMLU8" -ot "$BIGXML/asp-export.xml" ]; then
    iconv -f WINDOWS-1251 -t UTF-8 "$BIGXML/asp-export.xml" \
      | sed '1s/encoding="windows-1251"/encoding="UTF-8"/' > "$XMLU8.tmp" && mv "$XMLU8.tmp" "$XMLU8"
  fi
  measure "xml-read cp1251 big" xml-read "" "$BIN/karta-bench" xml-read "$BIGXML/asp-export.xml"
  measure "libxml2 SAX2 C loop cp1251 big" xml-read xml-read "$WORK/bin/libxml2_sax" "$BIGXML/asp-export.xml" Услуга
  measure "xml-read utf8 big" xml-read "" "$BIN/karta-bench" xml-read "$XMLU8"
  measure "libxml2 SAX2 C loop utf8 big" xml-read xml-read "$WORK/bin/libxml2_sax" "$XMLU8" Услуга
fi

# --- normalize + store: the whole ingestion of one register into a fresh store ---------------------
if wants store && [ "$STORE_SCALE" != 0 ]; then
  rm -f "$WORK/normalize-store.sqlite"*
  measure "normalize-store cp1251 scale $STORE_SCALE" normalize-store "" \
    "$BIN/karta-bench" normalize-store "$STOREDATA/$CP" "$WORK/normalize-store.sqlite"
  # SQLite's own share: the same records copied by SQLite alone into a fresh store with karta's
  # schema and settings — with every index karta keeps, and with the table only.
  measure "SQLite floor, all indexes, scale $STORE_SCALE" normalize-store normalize-store \
    python3 bench/peers/sqlite_floor.py "$WORK/normalize-store.sqlite" "$WORK/sqlite-floor.sqlite"
  measure "SQLite floor, table only, scale $STORE_SCALE" normalize-store normalize-store \
    python3 bench/peers/sqlite_floor.py "$WORK/normalize-store.sqlite" "$WORK/sqlite-floor.sqlite" --table-only
  rm -f "$WORK/normalize-store.sqlite"*
fi

# --- aggregate + criteria over N stored records vs DuckDB's GROUP BY on the same records as CSV -----
AGG_STORE=$WORK/aggregate-store.sqlite
if wants aggregate || wants emit; then
  if [ ! -f "$AGG_STORE" ] || [ "$(cat "$AGG_STORE.args" 2>/dev/null)" != "$AGG_RECORDS" ]; then
    measure "fill-store $AGG_RECORDS records" generator "" "$BIN/karta-bench" fill-store "$AGG_STORE" "$AGG_RECORDS" "$SEED"
    echo "$AGG_RECORDS" > "$AGG_STORE.args"
    "$BIN/karta-bench" export-records "$AGG_STORE" "$WORK/aggregate-records.csv" > /dev/null
  fi
fi
if wants aggregate; then
  measure "aggregate+criteria $AGG_RECORDS records" aggregate "" "$BIN/karta-bench" aggregate-cells "$AGG_STORE" mappings/criteria.example.yml
  measure "DuckDB 1 thread group-by from CSV $AGG_RECORDS records" aggregate aggregate "$PY" bench/aggregate-duckdb.py "$WORK/aggregate-records.csv"
  measure "DuckDB 1 thread group-by in-memory table $AGG_RECORDS records" aggregate aggregate "$PY" bench/aggregate-duckdb.py "$WORK/aggregate-records.csv" --table
  measure "aggregate full draft+reconciliation $AGG_RECORDS records" aggregate-draft "" "$BIN/karta-bench" aggregate "$AGG_STORE" mappings/criteria.example.yml
fi

# --- emit: the draft in every format and the records (CSV + JSON Lines) ------------------------------
if wants emit; then
  rm -rf "$WORK/emit-out"
  measure "emit all formats $AGG_RECORDS records" emit "" "$BIN/karta-bench" emit "$AGG_STORE" "$WORK/emit-out" mappings/criteria.example.yml
  rm -rf "$WORK/emit-out"
  measure "emit-records csv+jsonl $AGG_RECORDS records" emit "" "$BIN/karta-bench" emit-records "$AGG_STORE" "$WORK/emit-out"
  rm -rf "$WORK/emit-out"
fi

# --- end to end: `karta run` over the generated cp1251 national dataset vs DuckDB load + group-by ----
# karta reads the cp1251 register, the АСП XML and the proposals, normalizes, stores, aggregates with
# criteria and writes every output format; DuckDB (which cannot read Windows-1251) loads the UTF-8
# variant of the same register and sums capacity per municipality × kind. The counts karta reports
# are checked against the generator's expected.json.
end_to_end() {  # end_to_end LABEL GROUP DIR
  local label=$1 group=$2 dir=$3 store=$WORK/e2e.sqlite out=$WORK/e2e-out
  rm -rf "$store"* "$out"
  sed -e "s|{ROOT}|$ROOT|g" -e "s|{DATA}|$dir|g" -e "s|{STORE}|$store|g" -e "s|{OUT}|$out|g" \
    bench/pipeline-template.yml > "$WORK/pipeline.yml"
  measure "$label" "$group" "" bench/e2e.sh "$dir" "$BIN/karta" run "$WORK/pipeline.yml" --quiet
  "$BIN/karta" aggregate --store "$store" --level district --format json > "$WORK/e2e-aggregate.json" || true
  local verdict=match
  if python3 bench/check-expected.py "$dir" "$out/run.json" "$WORK/e2e-aggregate.json"; then
    note "$label: every count matches expected.json"
  else
    verdict=DIFFERS; note "$label: COUNTS DIFFER from expected.json (see above)"
  fi
  # Keep the verdict and karta's own stage timings (from run.json) with the result.
  python3 - "$RESULTS" "$out/run.json" "$verdict" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
last = json.loads(lines[-1])
if last.get("stage") == "end-to-end":
    last["expected_json"] = sys.argv[3]
    try:
        manifest = json.load(open(sys.argv[2], encoding="utf-8"))
        last["run_stages_seconds"] = {s["stage"]: s["seconds"] for s in manifest["stages"]}
    except (OSError, ValueError, KeyError):
        pass
    lines[-1] = json.dumps(last, ensure_ascii=False, sort_keys=True)
    open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
  measure "DuckDB 1 thread load+group-by utf8 ${label#end-to-end cp1251 }" "$group" "$group" \
    "$PY" bench/peers/duckdb_groupby.py "$dir/$U8" ','
  # The C loops of libcsv and libxml2 alone over the same three inputs: no pipeline can be faster.
  measure "C parse floor (libcsv + libxml2 loops) ${label#end-to-end cp1251 }" "$group" "$group" \
    bench/peers/parse_floor.sh "$WORK/bin" "$dir"
  rm -rf "$store"* "$out"
}
if wants e2e; then
  end_to_end "end-to-end cp1251 scale $E2E_SCALE" end-to-end "$WORK/scale-$E2E_SCALE"
  for s in $SCALES; do
    [ "$s" = "$E2E_SCALE" ] && continue
    end_to_end "end-to-end cp1251 scale $s" scale-end-to-end "$WORK/scale-$s"
  done
fi

python3 bench/report.py "$RESULTS" bench/results.json
