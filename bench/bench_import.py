"""Import benchmark: 100,000 spreadsheet rows (CSV and XLSX) and 10,000 CNIPA XML documents (a ZIP),
synthetic (bench/gen_import_data.py), each imported into a fresh copy of the seed in its own process.

Reports, per case: rows, time to read + validate + stage, time to merge (records, search index and
dataset rows in one transaction), rows/s overall, and the process's peak RSS. Memory must be flat
in the file size, so the spreadsheet cases also run at a fifth of the size: the peak RSS of the
two sizes should be about the same. Targets (issue 7): ≥ 5,000 rows/s for spreadsheets and
≥ 500 XML documents/s on this machine.

    .venv/bin/python bench/bench_import.py [--rows 100000] [--docs 10000]

Writes its Markdown section to $IPDESK_BENCH_REPORT when set (bench/run_all.py collects it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SPREADSHEET_TARGET = 5000
XML_TARGET = 500

from memory import AnonPeak  # noqa: E402
from section import publish_section  # noqa: E402


def _peak_rss_mib() -> float:
    try:
        import resource
    except ImportError:  # Windows: no resource module; the bench is run on Linux
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(path: Path) -> dict[str, float]:
    """One import in this process: stage, then commit; timings and peak memory."""
    from ipdesk.services.container import build_services

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        shutil.copyfile(ROOT / "resources" / "seed.sqlite", data / "ipdesk.sqlite")
        services = build_services(data)
        rss_start = _peak_rss_mib()
        anon = AnonPeak()
        c0 = time.process_time()
        t0 = time.perf_counter()
        preview = services.importer.stage([path])
        t1 = time.perf_counter()
        if preview.total("rejected"):
            raise SystemExit(f"{path.name}: {preview.total('rejected')} rows rejected: {preview.errors[:3]}")
        result = services.importer.commit(preview)
        t2 = time.perf_counter()
        cpu = time.process_time() - c0
        anon_peak = anon.stop()
        rows = sum(result.inserted.values())
        hits = services.search.search("嫁接").total
        services.close()
    return {"rows": rows, "stage_s": t1 - t0, "merge_s": t2 - t1, "total_s": t2 - t0,
            "rows_per_s": rows / (t2 - t0), "cpu_s": cpu, "rows_per_cpu_s": rows / cpu, "peak_rss_mib": _peak_rss_mib(), "rss_before_mib": rss_start,
            "peak_anon_mib": anon_peak,
            "search_hits": hits}


def measure(path: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, __file__, "--case", str(path)], capture_output=True, text=True,
                          env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"case {path.name} failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case)))
        return 0
    from gen_import_data import ensure

    small_rows = max(1000, args.rows // 5)
    big = ensure(args.rows, args.docs)
    small = ensure(small_rows, max(100, args.docs // 5))
    # The targets are set for the full-size files; the fifth-size runs are there to show
    # that memory stays flat (their rate includes the ~1 s start of the index workers, which a
    # four-second import feels more).
    cases = [
        ("CSV", big["csv"], SPREADSHEET_TARGET), ("CSV", small["csv"], 0),
        ("XLSX", big["xlsx"], SPREADSHEET_TARGET), ("XLSX", small["xlsx"], 0),
        ("CNIPA XML (ZIP)", big["xml"], XML_TARGET), ("CNIPA XML (ZIP)", small["xml"], 0),
    ]
    lines = [
        "## Import (bench_import.py)", "",
        "Synthetic files from `bench/gen_import_data.py`; each case imports into a fresh copy of the seed "
        "in its own process: read + validate + stage, then one-transaction merge with the search index.", "",
        "| file | size | records | stage s | merge s | total s | records/s | CPU s | records/CPU s | target "
        "| peak RSS MiB | peak anon MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path, target in cases:
        print(f"running {label} {path.name} …", flush=True)
        r = measure(path)
        mark = (f"≥ {target:,} " + ("✓" if r["rows_per_s"] >= target else "✗")) if target else "memory check"
        line = (f"| {label} `{path.name}` | {path.stat().st_size / 2**20:.1f} MiB | {int(r['rows']):,} | "
                f"{r['stage_s']:.1f} | {r['merge_s']:.1f} | {r['total_s']:.1f} | {r['rows_per_s']:,.0f} | "
                f"{r['cpu_s']:.1f} | {r['rows_per_cpu_s']:,.0f} | "
                f"{mark} | {r['peak_rss_mib']:.0f} | {r['peak_anon_mib']:.0f} |")
        print(line, flush=True)
        lines.append(line)
    lines += ["", "Peak RSS counts the memory-mapped database pages the kernel keeps resident (SQLite mmap is "
              "256 MiB); peak anon is the process's own memory (Python heap, SQLite page cache), sampled "
              "every 50 ms — the figure that must stay flat as the file grows.", "",
              "records/s is wall-clock (the machine is shared, so it depends on the load); records/CPU s "
              "is what this process alone needed. The target mark compares the wall-clock rate."]
    text = "\n".join(lines) + "\n"
    publish_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
