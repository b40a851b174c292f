"""report.py RESULTS_JSONL OUT_JSON — prints the benchmark tables and writes bench/results.json.

Each result line comes from bench/run.sh: a karta-bench style object (stage, bytes, rows, seconds,
optional cpu_seconds, extra) plus label, group, peer_of, peak RSS and the process's wall and CPU
time from /usr/bin/time. Times:
  wall s = the stage's own timer (`seconds`), or the process's wall time when it has none;
  CPU s  = the stage's own CPU timer (`cpu_seconds`, also in extra) when it reports one, else the
           process's user+sys from /usr/bin/time.
A peer line (peer_of = a group) is compared with the karta line of that group on the same dataset
(the label's "big"/"scale N"/"1M" suffix and encoding): ratio = karta / peer, for wall and CPU."""
import datetime
import json
import os
import platform
import re
import subprocess
import sys


def cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def dataset(label: str) -> str:
    match = re.search(r"scale \S+", label)
    if match:
        return match.group(0)
    return label.split()[-1]


def encoding(label: str) -> str:
    return "utf8" if "utf8" in label else "cp1251" if "cp1251" in label else ""


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


results_path, out_path = sys.argv[1:3]
results = [json.loads(line) for line in open(results_path, encoding="utf-8") if line.strip()]
for r in results:
    wall = max(float(r.get("seconds") or r["process_wall_seconds"]), 1e-9)
    cpu = number(r.get("cpu_seconds")) or number((r.get("extra") or {}).get("cpu_seconds"))
    if cpu is None:
        cpu = r["process_cpu_seconds"]
    cpu = max(cpu, 1e-3)
    r["wall_seconds"], r["cpu_seconds"] = round(wall, 3), round(cpu, 3)
    mb = r.get("bytes", 0) / 1e6
    r["mb"] = round(mb, 2)
    r["mb_per_s"] = round(mb / wall, 1) if mb else None
    r["mb_per_cpu_s"] = round(mb / cpu, 1) if mb else None
    r["rows_per_s"] = round(r.get("rows", 0) / wall) if r.get("rows") else None
    r["rows_per_cpu_s"] = round(r.get("rows", 0) / cpu) if r.get("rows") else None
    r["peak_rss_mb"] = round(r["peak_rss_kib"] / 1024, 1)
karta_lines = [r for r in results if not r.get("peer_of") and r["group"] != "generator"]
for peer in results:
    if not peer.get("peer_of"):
        continue
    same = [k for k in karta_lines if k["group"] == peer["peer_of"] and dataset(k["label"]) == dataset(peer["label"])]
    same.sort(key=lambda k: encoding(k["label"]) != encoding(peer["label"]))
    if same:
        karta = same[0]
        peer["karta"] = karta["label"]
        peer["karta_over_peer_wall"] = round(karta["wall_seconds"] / peer["wall_seconds"], 2)
        peer["karta_over_peer_cpu"] = round(karta["cpu_seconds"] / peer["cpu_seconds"], 2)
        karta.setdefault("peers", []).append({"peer": peer["label"], "ratio_wall": peer["karta_over_peer_wall"],
                                              "ratio_cpu": peer["karta_over_peer_cpu"]})


def fmt(value, pattern="{:,.0f}"):
    return "" if value is None else pattern.format(value)


header = (f"{'stage':46} {'MB':>7} {'rows':>10} {'wall s':>7} {'CPU s':>7} {'MB/s':>6} {'rows/s':>10} "
          f"{'RSS MB':>7} {'karta/peer wall':>15} {'CPU':>5}")
print(header)
print("-" * len(header))
for r in results:
    if r["group"] == "generator":
        continue
    print(f"{('  vs ' if r.get('peer_of') else '') + r['label']:46.46} {r['mb']:>7.1f} {r.get('rows', 0):>10,} "
          f"{r['wall_seconds']:>7.2f} {r['cpu_seconds']:>7.2f} {fmt(r['mb_per_s'], '{:.0f}'):>6} "
          f"{fmt(r['rows_per_s']):>10} {r['peak_rss_mb']:>7.1f} "
          f"{fmt(r.get('karta_over_peer_wall'), '{:.2f}'):>15} {fmt(r.get('karta_over_peer_cpu'), '{:.2f}'):>5}")

checked = [r for r in results if "expected_json" in r]
if checked:
    print("\nend to end, counts against the generator's expected.json (per file and capacity per district):")
    for r in checked:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in (r.get("run_stages_seconds") or {}).items())
        print(f"  {r['label']:38} {r['expected_json']:8} karta run stages (s): {stages}")

series = {}
for r in results:
    if r["group"] in ("scale-csv-read", "end-to-end", "scale-end-to-end") and "scale" in r["label"]:
        kind = "CSV read" if "csv" in r["group"] else "end to end"
        scale = float(dataset(r["label"]).split()[1])
        side = "floor" if "floor" in r["label"] else "peer" if r.get("peer_of") else "karta"
        series.setdefault((kind, scale), {})[side] = r
if series:
    print("\nscale series (karta | peer): time should grow linearly, peak RSS stay flat")
    print(f"{'':11} {'scale':>6} {'MB':>8} {'rows':>10} {'wall s':>7} {'CPU s':>7} {'RSS MB':>7} | "
          f"{'wall s':>7} {'CPU s':>7} {'RSS MB':>7}")
    for (kind, scale), pair in sorted(series.items()):
        k, p = pair.get("karta"), pair.get("peer")
        left = (f"{k['mb']:>8.1f} {k.get('rows', 0):>10,} {k['wall_seconds']:>7.2f} {k['cpu_seconds']:>7.2f} "
                f"{k['peak_rss_mb']:>7.1f}") if k else f"{'':>44}"
        right = f"{p['wall_seconds']:>7.2f} {p['cpu_seconds']:>7.2f} {p['peak_rss_mb']:>7.1f}" if p else ""
        print(f"{kind:11} {scale:>6g} {left} | {right}")

machine = {
    "nproc": os.cpu_count(),
    "cpu": cpu_model(),
    "kernel": platform.release(),
    "swift": (subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines() or [""])[0],
    "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
}
json.dump({"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine,
           "notes": ["wall_seconds: the stage's own timer; cpu_seconds: user+sys of the stage (or of its process)",
                     "peak_rss_kib: /usr/bin/time %M of the stage's process",
                     "karta_over_peer_*: on a peer line, karta's time divided by the peer's on the same file",
                     "DuckDB reads UTF-8 only: its end-to-end peer loads the UTF-8 variant of the same register"],
           "stages": results}, open(out_path, "w", encoding="utf-8"), ensure_ascii=False, indent=2, sort_keys=True)
print(f"\nwrote {out_path}")
