#!/usr/bin/env bash
# e2e.sh DATASET_DIR CMD... — runs CMD (a `karta run` over the dataset) and prints a karta-bench
# style JSON line for it: bytes and rows of the inputs the benchmark pipeline names (cp1251
# register, АСП XML, proposals; from the dataset's expected.json), wall seconds of CMD.
set -euo pipefail
dir=$1; shift
start=$(date +%s.%N)
status=0
"$@" > /dev/null || status=$?
end=$(date +%s.%N)
# karta run: 0 = success; 1 = finished with data problems over the thresholds (still measured).
[ "$status" -le 1 ] || { echo "e2e: '$*' exited with $status" >&2; exit "$status"; }
python3 - "$dir" "$start" "$end" "$status" <<'PY'
import json, os, sys
directory, start, end, status = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
expected = json.load(open(os.path.join(directory, "expected.json"), encoding="utf-8"))
inputs = [f for f in expected["files"] if f["path"] in
          ("national-register-cp1251.csv", "asp-export.xml", "proposals-national.csv")]
print(json.dumps({"stage": "end-to-end", "bytes": sum(f["bytes"] for f in inputs),
                  "rows": sum(f["rows_read"] for f in inputs), "seconds": end - start,
                  "extra": {"exit_status": str(status),
                            "rows_by_file": {f["path"]: f["rows_read"] for f in inputs}}}, ensure_ascii=False))
PY
