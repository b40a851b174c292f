#!/usr/bin/env bash
# e2e.sh INPUT CMD... — runs CMD and prints a karta-bench style JSON line for the end-to-end run
# (bytes and rows of INPUT from the dataset's expected.json, wall seconds of CMD).
set -euo pipefail
input=$1; shift
start=$(date +%s.%N)
"$@" > /dev/null
end=$(date +%s.%N)
python3 - "$input" "$start" "$end" <<'PY'
import json, os, sys
path, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
expected = json.load(open(os.path.join(os.path.dirname(path), "expected.json")))
rows = next(f["rows_read"] for f in expected["files"] if f["path"] == os.path.basename(path))
print(json.dumps({"stage": "end-to-end", "bytes": os.path.getsize(path), "rows": rows, "seconds": end - start}))
PY
