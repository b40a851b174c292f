#!/usr/bin/env bash
# parse_floor.sh BIN_DIR DATASET_DIR — the least any pipeline over the dataset must spend with
# libcsv and libxml2: the plain C loops (libcsv_count, libxml2_sax, nothing else: no decoding, no
# records, no store) over the inputs the benchmark pipeline reads (cp1251 register, proposals,
# АСП XML), one after the other. Prints one karta-bench style JSON line with the summed times of
# the loops' own timers.
set -euo pipefail
bin=$1 dir=$2
python3 - "$bin" "$dir" <<'PY'
import json, subprocess, sys
bin_dir, directory = sys.argv[1:3]
runs = [
    [f"{bin_dir}/libcsv_count", f"{directory}/national-register-cp1251.csv", ";"],
    [f"{bin_dir}/libcsv_count", f"{directory}/proposals-national.csv", ";"],
    [f"{bin_dir}/libxml2_sax", f"{directory}/asp-export.xml", "Услуга"],
]
total = {"bytes": 0, "rows": 0, "seconds": 0.0}
parts = {}
for command in runs:
    line = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    result = json.loads(line)
    for key in total:
        total[key] += result[key]
    parts[command[1].rsplit("/", 1)[-1]] = f"{result['seconds']:.3f}"
print(json.dumps({"stage": "parse-floor", **total, "extra": parts}, ensure_ascii=False))
PY
