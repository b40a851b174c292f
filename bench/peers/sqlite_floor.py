"""sqlite_floor.py STORE SCRATCH [--table-only] — what SQLite alone costs to store the records of a
karta load: no Swift, no parsing, no normalization. Copies the `records` of STORE (a store that
`karta-bench normalize-store` filled) into a new store SCRATCH with karta's settings (16 KiB
pages, WAL, synchronous NORMAL, 32 MiB cache) and karta's schema for `records`, in one
transaction, the way a bulk load does: the rows with the source index, then the secondary indexes
built at the end (unless --table-only), then the commit.

It still reads the rows from another SQLite file, so the true floor is a little lower.
Prints one JSON line like karta-bench:
{"stage": "sqlite-floor", "bytes": 0, "rows": N, "seconds": S, "cpu_seconds": S, "extra": {...}}
"""
import json
import os
import sys
import time
import sqlite3


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: sqlite_floor.py STORE SCRATCH [--table-only]", file=sys.stderr)
        return 2
    source, scratch = sys.argv[1], sys.argv[2]
    table_only = "--table-only" in sys.argv[3:]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(scratch + suffix):
            os.remove(scratch + suffix)
    db = sqlite3.connect(scratch, isolation_level=None)
    for pragma in ("page_size = 16384", "journal_mode = WAL", "synchronous = NORMAL", "cache_size = -32768",
                   "foreign_keys = ON"):
        db.execute("PRAGMA " + pragma)
    db.execute("ATTACH DATABASE ? AS source", (source,))
    schema = dict(db.execute("SELECT name, sql FROM source.sqlite_master WHERE sql IS NOT NULL "
                             "AND tbl_name IN ('sources', 'records')").fetchall())
    db.execute(schema["sources"])
    db.execute("INSERT INTO main.sources SELECT * FROM source.sources")
    db.execute(schema["records"])
    db.execute(schema["records_on_source_id"])
    secondary = [sql for name, sql in sorted(schema.items())
                 if name.startswith("records_") and name != "records_on_source_id"]
    timings = {}
    start, start_cpu = time.perf_counter(), time.process_time()
    db.execute("BEGIN")
    db.execute("INSERT INTO main.records SELECT * FROM source.records")
    timings["insert"] = time.perf_counter() - start
    if not table_only:
        for sql in secondary:
            db.execute(sql)
        timings["secondary_indexes"] = time.perf_counter() - start - timings["insert"]
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    timings["commit_checkpoint"] = seconds - sum(timings.values())
    rows = db.execute("SELECT count(*) FROM main.records").fetchone()[0]
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(scratch + suffix):
            os.remove(scratch + suffix)
    extra = {name: f"{value:.3f}" for name, value in timings.items()}
    extra.update(cpu_seconds=f"{cpu:.3f}", rows_per_second=str(int(rows / seconds)),
                 indexes="source_id only" if table_only else "all of karta's", sqlite=sqlite3.sqlite_version)
    print(json.dumps({"stage": "sqlite-floor", "bytes": 0, "rows": rows, "seconds": seconds, "cpu_seconds": cpu,
                      "extra": extra}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
