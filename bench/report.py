"""report.py RESULTS_JSONL OUT_JSON — prints the benchmark table and writes bench/results.json.

Each karta stage is compared with the peer measured in the same group on the same file (the
group's first peer line whose label shares the dataset suffix, e.g. "big" or "scale 10")."""
import datetime
import json
import os
import platform
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
    words = label.split()
    if "scale" in words:
        return "scale " + words[words.index("scale") + 1]
    return words[-1]


results_path, out_path = sys.argv[1:3]
results = [json.loads(line) for line in open(results_path, encoding="utf-8") if line.strip()]
for result in results:
    seconds = max(float(result.get("seconds") or 0), 1e-9)
    mb = result.get("bytes", 0) / 1e6
    result["mb"] = round(mb, 2)
    result["mb_per_s"] = round(mb / seconds, 1) if mb else None
    result["rows_per_s"] = round(result.get("rows", 0) / seconds) if result.get("rows") else None
    result["peak_rss_mb"] = round(result["peak_rss_kib"] / 1024, 1)
for result in results:
    if result.get("peer_of") or result["group"] == "generator":
        continue
    peers = [p for p in results if p.get("peer_of") == result["group"] and dataset(p["label"]) == dataset(result["label"])]
    encoding = "utf8" if "utf8" in result["label"] else "cp1251"
    peers.sort(key=lambda p: encoding not in p["label"])
    if peers:
        result["peer"] = peers[0]["label"]
        result["ratio_to_peer"] = round(result["seconds"] / max(peers[0]["seconds"], 1e-9), 2)

header = f"{'stage':48} {'MB':>8} {'seconds':>8} {'MB/s':>8} {'rows/s':>11} {'RSS MB':>8} {'x peer':>7}"
print(header)
print("-" * len(header))
for r in results:
    print(f"{r['label'][:48]:48} {r['mb']:>8.1f} {r['seconds']:>8.3f} {r['mb_per_s'] or 0:>8.1f} "
          f"{r['rows_per_s'] or 0:>11,} {r['peak_rss_mb']:>8.1f} "
          f"{(str(r['ratio_to_peer']) if 'ratio_to_peer' in r else ''):>7}")
machine = {
    "nproc": os.cpu_count(),
    "cpu": cpu_model(),
    "kernel": platform.release(),
    "swift": subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0:1],
    "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
}
json.dump({"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine,
           "stages": results}, open(out_path, "w", encoding="utf-8"), ensure_ascii=False, indent=2, sort_keys=True)
print(f"\nwrote {out_path}")
