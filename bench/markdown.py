"""markdown.py [bench/results.json] — prints the tables of BENCHMARKS.md from a `make bench` run."""
import json
import re
import sys

data = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "bench/results.json", encoding="utf-8"))
rows = [r for r in data["stages"] if r["group"] != "generator"]


def f(value, pattern="{:,.0f}"):
    return "" if value is None else pattern.format(value)


print(f"date {data['date']}; {data['machine']}\n")
print("| stage | MB | rows | wall s | CPU s | MB/s (wall) | MB/CPU-s | rows/CPU-s | peak RSS MB | karta/peer wall | karta/peer CPU |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    if "scale" in r["label"] and r["group"].startswith("scale"):
        continue
    label = ("↳ " if r.get("peer_of") else "") + r["label"]
    if r.get("expected_json"):
        label += f" (counts {r['expected_json']})"
    mb_rate = r["mb_per_s"] if r["group"] not in ("aggregate", "aggregate-draft") else None
    mb_cpu = r["mb_per_cpu_s"] if r["group"] not in ("aggregate", "aggregate-draft") else None
    print(f"| {label} | {r['mb']:.1f} | {r.get('rows', 0):,} | {r['wall_seconds']:.2f} | {r['cpu_seconds']:.2f} | "
          f"{f(mb_rate)} | {f(mb_cpu)} | {f(r.get('rows_per_cpu_s'))} | {r['peak_rss_mb']:.0f} | "
          f"{f(r.get('karta_over_peer_wall'), '{:.2f}')} | {f(r.get('karta_over_peer_cpu'), '{:.2f}')} |")

print("\n| series | scale | MB | rows | karta wall s | karta CPU s | karta RSS MB | peer wall s | peer CPU s | peer RSS MB | C parse floor s |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
series = {}
for r in data["stages"]:
    if r["group"] in ("scale-csv-read", "end-to-end", "scale-end-to-end") and "scale" in r["label"]:
        kind = "CSV read cp1251" if "csv" in r["group"] else "end to end"
        scale = float(re.search(r"scale (\S+)", r["label"]).group(1))
        side = "floor" if "floor" in r["label"] else "peer" if r.get("peer_of") else "karta"
        series.setdefault((kind, scale), {})[side] = r
for (kind, scale), pair in sorted(series.items()):
    k, p = pair.get("karta"), pair.get("peer")
    if not k:
        continue
    peer = f"{p['wall_seconds']:.2f} | {p['cpu_seconds']:.2f} | {p['peak_rss_mb']:.0f}" if p else " | | "
    print(f"| {kind} | {scale:g} | {k['mb']:.1f} | {k.get('rows', 0):,} | {k['wall_seconds']:.2f} | "
          f"{k['cpu_seconds']:.2f} | {k['peak_rss_mb']:.0f} | {peer} | "
          f"{pair['floor']['wall_seconds']:.2f} |" if "floor" in pair else
          f"| {kind} | {scale:g} | {k['mb']:.1f} | {k.get('rows', 0):,} | {k['wall_seconds']:.2f} | "
          f"{k['cpu_seconds']:.2f} | {k['peak_rss_mb']:.0f} | {peer} | |")
for r in data["stages"]:
    if r.get("run_stages_seconds"):
        print(f"\n{r['label']}: karta run stages (wall s) {r['run_stages_seconds']}; expected.json {r['expected_json']}")
