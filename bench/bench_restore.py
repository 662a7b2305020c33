"""Backup and restore benchmark: a data folder holding 100,000 patents imported as local (synthetic:
bench/gen_import_data.py, CN9… numbers, titles starting with 合成), backed up to one file, then
restored onto a fresh data folder (every row inserted) and once more onto the same folder (every
row updated in place, by its publication number).

Each step runs in its own process; per step: wall time, CPU time and the peak anonymous memory
(AnonPeak: heap and SQLite page cache, sampled every 50 ms). After each restore the bench searches
for a restored record's title and checks the row count.

    .venv/bin/python bench/bench_restore.py [--rows 100000]

Writes its Markdown section to $IPDESK_BENCH_REPORT when set (bench/run_all.py collects it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from memory import AnonPeak  # noqa: E402
from section import publish_section  # noqa: E402


def _fresh(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "resources" / "seed.sqlite", folder / "ipdesk.sqlite")


def _timed(step: Any) -> dict[str, Any]:
    anon = AnonPeak()
    c0 = time.process_time()
    t0 = time.perf_counter()
    extra = step()
    took = time.perf_counter() - t0
    return {"s": took, "cpu_s": time.process_time() - c0, "peak_anon_mib": anon.stop(), **(extra or {})}


def _local_patents(services: Any) -> int:
    with services.db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM patent WHERE dataset = 'local_patents'").scalar() or 0)


def run_step(step: str, work: Path, rows: int) -> dict[str, Any]:
    from ipdesk.services.backup import create_backup, restore_backup
    from ipdesk.services.container import build_services

    source, target, backup = work / "source", work / "target", work / "backup.zip"
    if step == "import":
        from gen_import_data import write_csv

        _fresh(source)
        csv = write_csv(work / "local.csv", rows)
        services = build_services(source)
        try:
            def do_import() -> dict[str, Any]:
                result = services.importer.commit(services.importer.stage([csv], local=True))
                return {"rows": result.inserted["patent"]}
            return _timed(do_import)
        finally:
            services.close()
    if step == "backup":
        services = build_services(source)
        try:
            def do_backup() -> dict[str, Any]:
                info = create_backup(services.db, services.data_dir, backup)
                return {"rows": info.counts["patent"], "file_mib": info.file_size / 2**20}
            return _timed(do_backup)
        finally:
            services.close()
    if step in ("restore-fresh", "restore-again"):
        if step == "restore-fresh":
            _fresh(target)
        services = build_services(target)
        try:
            def do_restore() -> dict[str, Any]:
                result = restore_backup(services.db, services.data_dir, backup)
                return {"inserted": result.registry_inserted, "updated": result.registry_updated}
            out = _timed(do_restore)
            with services.db.engine.connect() as conn:  # a restored record, found by its title
                title = conn.exec_driver_sql("SELECT title FROM patent WHERE pub_no = ?",
                                             (f"CN9{rows // 2:08d}A",)).scalar()
            out["found"] = any(h.kind == "patent" and h.title == title
                               for h in services.search.search(str(title), limit=50).hits)
            out["local_patents"] = _local_patents(services)
            return out
        finally:
            services.close()
    raise SystemExit(f"unknown step {step}")


def measure(step: str, work: Path, rows: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, __file__, "--step", step, "--work", str(work), "--rows", str(rows)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--step", help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        print(json.dumps(run_step(args.step, args.work, args.rows)))
        return 0
    load = " · load average at start {:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    lines = [
        "## Backup and restore (bench_restore.py)", "",
        f"{args.rows:,} synthetic patents imported as local into a copy of the seed, backed up, then restored "
        "onto a fresh copy of the seed (every row inserted) and again onto the same folder (every row "
        "updated by its number). Each step in its own process.", "",
        f"Machine: {_cpu()}, {os.cpu_count()} logical cores{load}; Python {platform.python_version()}.", "",
        "| step | rows | s | CPU s | peak anon MiB | notes |",
        "|---|---:|---:|---:|---:|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="ipdesk-bench-restore-") as tmp:
        work = Path(tmp)
        for step in ("import", "backup", "restore-fresh", "restore-again"):
            print(f"running {step} …", flush=True)
            r = measure(step, work, args.rows)
            if step == "import":
                rows, note = r["rows"], "the local import the backup is made of"
            elif step == "backup":
                rows, note = r["rows"], f"backup file {r['file_mib']:.1f} MiB"
            else:
                rows = r["inserted"] + r["updated"]
                ok = r["found"] and r["local_patents"] == args.rows
                note = (f"{r['inserted']:,} inserted, {r['updated']:,} updated; "
                        f"search finds a restored title: {'✓' if r['found'] else '✗'}; "
                        f"local patents {r['local_patents']:,} {'✓' if ok else '✗'}")
            line = f"| {step} | {rows:,} | {r['s']:.1f} | {r['cpu_s']:.1f} | {r['peak_anon_mib']:.0f} | {note} |"
            print(line, flush=True)
            lines.append(line)
    lines += ["", "CPU s is this process's own; the restore's index workers (other processes) are not in it."]
    text = "\n".join(lines) + "\n"
    publish_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
