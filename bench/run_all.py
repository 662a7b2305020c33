"""Run every benchmark in bench/ and write bench/RESULTS.md (`make bench`).

Runs each `bench/bench_*.py` that exists, in name order, in its own process at low priority, with
`IPDESK_BENCH_REPORT` set to a file where the script may write its Markdown section; a script that
does not write one gets the tail of its output in a code block. The search benchmarks need the
synthetic corpus: when bench/data holds none, `gen_corpus.py` builds it first (long: see
docs/search.md), or pass `--scale 0.05` for a quick small run.

    .venv/bin/python bench/run_all.py [--scale 1] [--only search,startup] [--out bench/RESULTS.md]

With `--only`, the other sections of an existing RESULTS.md are kept (marked as kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
NEEDS_CORPUS = {"bench_search.py", "bench_ui_search.py"}
TAKES_SCALE = {"bench_search.py", "bench_ui_search.py"}


def machine() -> list[str]:
    import sqlean

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = " · load average at start {:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg())
    return [
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPU: {cpu}, {os.cpu_count()} logical cores{load}",
        f"- RAM: {ram}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, SQLite {sqlean.sqlite_version} (sqlean-py)",
    ]


def previous_date(path: Path) -> str:
    """The "- Date:" line of an earlier RESULTS.md (when its kept sections were measured)."""
    if not path.exists():
        return ""
    found = re.search(r"^- Date: (.+)$", path.read_text(encoding="utf-8"), re.M)
    return found.group(1).strip() if found else ""


def previous_sections(path: Path) -> dict[str, str]:
    """The sections of an earlier RESULTS.md, by script name (kept when `--only` reruns some)."""
    if not path.exists():
        return {}
    found = re.findall(r"<!-- (bench_[\w]+\.py) -->\n(.*?)\n<!-- /\1 -->", path.read_text(encoding="utf-8"), re.S)
    return {name: text.strip() for name, text in found}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", default="", help="comma-separated names, e.g. search,startup")
    ap.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = ap.parse_args(argv)
    scripts = sorted(BENCH.glob("bench_*.py"))
    if args.only:
        wanted = {f"bench_{n.strip()}.py" for n in args.only.split(",")}
        scripts = [s for s in scripts if s.name in wanted]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    nice = ["nice", "-n", "10"] if sys.platform != "win32" else []
    if any(s.name in NEEDS_CORPUS for s in scripts):
        sys.path.insert(0, str(BENCH))
        from gen_corpus import corpus_paths

        if not corpus_paths(args.scale)[0].exists():
            print(f"building the corpus (scale {args.scale:g}) …", flush=True)
            subprocess.run([*nice, sys.executable, str(BENCH / "gen_corpus.py"), "--scale", str(args.scale)],
                           check=True, cwd=ROOT)
    kept = previous_sections(args.out) if args.only else {}
    results: dict[str, str] = {}
    for script in scripts:
        print(f"running {script.name} …", flush=True)
        sections: list[str] = []
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "section.md"
            cmd = [*nice, sys.executable, str(script)]
            if script.name in TAKES_SCALE:
                cmd += ["--scale", str(args.scale)]
            started = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT,
                                  env={**env, "IPDESK_BENCH_REPORT": str(report)}, check=False)
            took = time.perf_counter() - started
            if report.exists():
                sections.append(report.read_text(encoding="utf-8").rstrip())
            else:
                tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-40:])
                sections += [f"## {script.name}", "", "```", tail, "```"]
            if done.returncode != 0:
                sections.append(f"\n_{script.name} exited with {done.returncode}:_\n\n```\n"
                                + "\n".join(done.stderr.strip().splitlines()[-15:]) + "\n```")
            sections.append(f"\n_{script.name}: {took:.0f} s._\n")
            print(f"  {script.name}: exit {done.returncode}, {took:.0f} s", flush=True)
        results[script.name] = "\n".join(sections).strip()
    header = ["# Benchmark results", "", "Written by `bench/run_all.py` (`make bench`); each section says when it "
              "was measured if it was kept from an earlier run.", "", *machine(), ""]
    body = []
    earlier = previous_date(args.out) or f"before {dt.date.today().isoformat()}"
    for name in sorted({*kept, *results}):
        text = results.get(name) or kept[name]
        if name not in results and "_kept from" not in text:
            text += f"\n\n_kept from an earlier run ({args.out.name} of {earlier})._"
        body += [f"<!-- {name} -->", text, f"<!-- /{name} -->", ""]
    args.out.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
