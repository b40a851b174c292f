#!/usr/bin/env bash
# Aggregate stage benchmark: 1 M synthetic records, karta (GROUP BY + rollup + criteria) vs
# DuckDB (threads=1, same GROUP BY over the records exported to CSV).
#   bench/aggregate.sh [N]      needs a release karta-bench and python3 (venv in bench/.venv)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
WORK=bench/work/aggregate
BIN=.build/release/karta-bench
mkdir -p "$WORK"
[ -x "$BIN" ] || swift build -c release --product karta-bench
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/python -c "import duckdb" 2>/dev/null || bench/.venv/bin/pip install -q duckdb
"$BIN" fill-store "$WORK/store.sqlite" "$N"
"$BIN" aggregate-cells "$WORK/store.sqlite" mappings/criteria.example.yml
"$BIN" aggregate "$WORK/store.sqlite" mappings/criteria.example.yml
"$BIN" explain "$WORK/store.sqlite" SZR31 residential_care
"$BIN" export-records "$WORK/store.sqlite" "$WORK/records.csv"
bench/.venv/bin/python bench/aggregate-duckdb.py "$WORK/records.csv"
