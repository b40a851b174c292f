"""duckdb_groupby FILE [DELIM] — the peer for karta's end-to-end pipeline: DuckDB with one thread
loads the national register CSV and sums capacity per municipality and kind of service.

DuckDB reads UTF-8 only (no Windows-1251), so the benchmark gives it the UTF-8 variant of the
same rows. Prints one JSON line like karta-bench:
{"stage": "duckdb-load-groupby", "bytes": N, "rows": N, "seconds": S, "cpu_seconds": S, ...}
where the times cover the load and the group-by (not the interpreter's start or `import duckdb`).
"""
import json
import os
import sys
import time

import duckdb


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: duckdb_groupby.py FILE [DELIM]", file=sys.stderr)
        return 2
    path = sys.argv[1]
    delimiter = sys.argv[2] if len(sys.argv) > 2 else ","
    connection = duckdb.connect()
    connection.execute("SET threads = 1")
    start, start_cpu = time.perf_counter(), time.process_time()
    connection.execute(
        "CREATE TABLE register AS SELECT * FROM read_csv(?, delim = ?, header = true, "
        "all_varchar = true, ignore_errors = true, quote = '\"')",
        [path, delimiter],
    )
    loaded = time.perf_counter()
    rows = connection.execute("SELECT count(*) FROM register").fetchone()[0]
    groups = connection.execute(
        'SELECT "Община", "Вид на услугата", '
        "sum(TRY_CAST(replace(\"Капацитет\", ' ', '') AS BIGINT)) AS capacity "
        "FROM register GROUP BY ALL"
    ).fetchall()
    end, cpu = time.perf_counter(), time.process_time() - start_cpu
    print(json.dumps({
        "stage": "duckdb-load-groupby",
        "bytes": os.path.getsize(path),
        "rows": rows,
        "seconds": end - start,
        "cpu_seconds": round(cpu, 3),
        "extra": {
            "load_seconds": f"{loaded - start:.3f}",
            "groups": str(len(groups)),
            "duckdb": duckdb.__version__,
        },
    }, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
