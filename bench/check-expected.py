"""check-expected.py DATASET_DIR INGEST_JSON AGGREGATE_JSON — compares what karta reported for a
generated dataset with the generator's expected.json: per-file counts from `karta ingest --json`
and capacity per district from `karta aggregate --level district --format json`. Exit 1 on any
difference, listing each one."""
import json
import os
import sys

directory, ingest_path, aggregate_path = sys.argv[1:4]
expected = json.load(open(os.path.join(directory, "expected.json"), encoding="utf-8"))
by_name = {f["path"]: f for f in expected["files"]}
problems = []
ingest = json.load(open(ingest_path, encoding="utf-8"))
for reported in ingest.get("files", []):
    name = os.path.relpath(reported["path"], directory) if os.path.isabs(reported["path"]) else reported["path"]
    want = by_name.get(name) or by_name.get(os.path.basename(reported["path"]))
    if want is None:
        problems.append(f"{reported['path']}: not in expected.json")
        continue
    for key in ("rows_read", "loaded", "rejected", "non_data", "rejects_by_reason"):
        if reported.get(key) != want[key]:
            problems.append(f"{name}: {key} is {reported.get(key)}, expected {want[key]}")
capacity = expected["totals"]["municipal-register"]["capacity_by_district"]
try:
    areas = json.load(open(aggregate_path, encoding="utf-8")).get("areas", [])
    for area in areas:
        if area.get("capacity") != capacity.get(area.get("code"), 0):
            problems.append(f"district {area.get('code')}: capacity {area.get('capacity')}, expected {capacity.get(area.get('code'), 0)}")
except (OSError, ValueError) as error:
    problems.append(f"cannot read {aggregate_path}: {error}")
for problem in problems[:50]:
    print("expected.json mismatch:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
