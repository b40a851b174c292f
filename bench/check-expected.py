"""check-expected.py DATASET_DIR REPORT_JSON AGGREGATE_JSON — compares what karta reported for a
generated dataset with the generator's expected.json: per-file counts from `karta ingest --json`
(key "files") or from a run manifest `out/run.json` (key "inputs"), and capacity and records per
district from `karta aggregate --level district --format json` (municipal registers only). Exit 1
on any difference, listing each one."""
import json
import os
import sys

directory, report_path, aggregate_path = sys.argv[1:4]
expected = json.load(open(os.path.join(directory, "expected.json"), encoding="utf-8"))
by_name = {f["path"]: f for f in expected["files"]}
problems = []
report = json.load(open(report_path, encoding="utf-8"))
reported_files = report.get("files") or report.get("inputs") or []
if not reported_files:
    problems.append(f"{report_path}: no files reported")
register_names = set()
for reported in reported_files:
    path = reported["path"]
    name = os.path.relpath(path, directory) if os.path.isabs(path) else path
    want = by_name.get(name) or by_name.get(os.path.basename(path))
    if want is None:
        problems.append(f"{path}: not in expected.json")
        continue
    if want["kind"] == "municipal-register":
        register_names.add(want["path"])
    for key in ("rows_read", "loaded", "rejected", "non_data", "rejects_by_reason"):
        if reported.get(key) != want[key]:
            problems.append(f"{name}: {key} is {reported.get(key)}, expected {want[key]}")
# The district sums of the registers the run actually read.
capacity, records = {}, {}
for name in register_names:
    for code, value in by_name[name]["capacity_by_district"].items():
        capacity[code] = capacity.get(code, 0) + value
    for code, value in by_name[name]["records_by_district"].items():
        records[code] = records.get(code, 0) + value
try:
    areas = [a for a in json.load(open(aggregate_path, encoding="utf-8")).get("areas", [])
             if a.get("code") != "BG"]
    if not areas:
        problems.append(f"{aggregate_path}: no areas")
    for area in areas:
        code = area.get("code")
        if area.get("capacity") != capacity.get(code, 0):
            problems.append(f"district {code}: capacity {area.get('capacity')}, expected {capacity.get(code, 0)}")
        if area.get("records") != records.get(code, 0):
            problems.append(f"district {code}: records {area.get('records')}, expected {records.get(code, 0)}")
except (OSError, ValueError) as error:
    problems.append(f"cannot read {aggregate_path}: {error}")
for problem in problems[:50]:
    print("expected.json mismatch:", problem, file=sys.stderr)
if len(problems) > 50:
    print(f"... and {len(problems) - 50} more", file=sys.stderr)
sys.exit(1 if problems else 0)
