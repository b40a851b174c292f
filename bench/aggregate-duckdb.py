#!/usr/bin/env python3
"""DuckDB baseline for karta's aggregate stage: the same GROUP BY on the same records.

usage: aggregate-duckdb.py RECORDS.csv [--table]   (CSV made by `karta-bench export-records`)

Prints one JSON line like karta-bench: {"stage": "aggregate-duckdb", "rows": N, "seconds": S,
"cpu_seconds": S, "extra": {...}} where `seconds` is the GROUP BY over the CSV file (parse
included), or with --table the same GROUP BY over a table already loaded in memory (best of
three; karta's own figure reads an already loaded SQLite store). One thread.
"""
import json
import sys
import time

import duckdb

GROUP_BY = """
SELECT municipality_code, district_code, primary_kind, target_group, planning_level, source_kind,
       COUNT(*), SUM(COALESCE(capacity, 0)), SUM(COALESCE(users, 0)),
       SUM(CASE WHEN financing = 'state_delegated' THEN COALESCE(capacity, 0) ELSE 0 END)
FROM {source}
GROUP BY municipality_code, district_code, primary_kind, target_group, planning_level, source_kind
"""


def main() -> None:
    path = sys.argv[1]
    con = duckdb.connect()
    con.execute("SET threads = 1")
    csv = f"read_csv('{path}', header = true, auto_detect = true)"
    start, start_cpu = time.perf_counter(), time.process_time()
    groups = con.execute(GROUP_BY.format(source=csv)).fetchall()
    csv_seconds, csv_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    start = time.perf_counter()
    con.execute(f"CREATE TABLE records AS SELECT * FROM {csv}")
    load_seconds = time.perf_counter() - start
    con.execute(GROUP_BY.format(source="records")).fetchall()  # warm
    table_seconds, table_cpu = float("inf"), float("inf")
    for _ in range(3):  # best of three: the machine is shared
        start, start_cpu = time.perf_counter(), time.process_time()
        groups_table = con.execute(GROUP_BY.format(source="records")).fetchall()
        table_seconds = min(table_seconds, time.perf_counter() - start)
        table_cpu = min(table_cpu, time.process_time() - start_cpu)
    rows = con.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    assert len(groups) == len(groups_table)
    table = "--table" in sys.argv[2:]
    print(json.dumps({
        "stage": "aggregate-duckdb", "rows": rows, "seconds": round(table_seconds if table else csv_seconds, 4),
        "cpu_seconds": round(table_cpu if table else csv_cpu, 4),
        "extra": {"groups": len(groups), "load_seconds": round(load_seconds, 4),
                  "table_seconds": round(table_seconds, 4), "table_cpu_seconds": round(table_cpu, 4),
                  "csv_cpu_seconds": round(csv_cpu, 4), "duckdb": duckdb.__version__},
    }, sort_keys=True))


if __name__ == "__main__":
    main()
