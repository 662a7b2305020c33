"""Start-up benchmark: time from process start to a shown main window, offscreen, median of runs.

    nice -n 10 .venv/bin/python bench/bench_startup.py [--runs 7] [--corpus bench/data/corpus-1.sqlite]

Each run starts the real app (`ipdesk.app.run_app`, the path `ipdesk` takes) in a fresh process on a
fresh copy of the seed in a temporary data folder. A probe installed before run_app notes the
moment the main window is first exposed, then quits the event loop. The clock starts in the
parent just before the process is spawned, so interpreter start and imports are included.

A second series runs with the database already installed (the usual start), and, when a corpus
is given, on it (start-up must not grow with the data). Writes a Markdown section to
$IPDESK_BENCH_REPORT (run_all.py sets it) or prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from section import publish_section

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "seed.sqlite"

PROBE = r"""
import json, os, sys, time
from pathlib import Path
started = float(os.environ["IPDESK_BENCH_T0"])
marks = {"interpreter_ms": (time.time() - started) * 1000}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
marks["qapplication_ms"] = (time.time() - started) * 1000

class Probe(QObject):
    # notes when a main window is shown (offscreen may send no Expose), then quits after one loop turn

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Expose) and "shown_ms" not in marks:
            if any(isinstance(w, QMainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()):
                marks["shown_ms"] = (time.time() - started) * 1000
                QTimer.singleShot(0, self.painted)
        return False

    def painted(self):
        marks["first_loop_ms"] = (time.time() - started) * 1000
        app.quit()

probe = Probe()
app.installEventFilter(probe)
QTimer.singleShot(60_000, app.quit)
from ipdesk.app import run_app
code = run_app(Path(sys.argv[1]), "zh_CN")
print(json.dumps({**marks, "exit": code}))
"""


def one_run(data_dir: Path, env: dict[str, str]) -> dict[str, float]:
    env = {**env, "IPDESK_BENCH_T0": repr(time.time())}
    done = subprocess.run([sys.executable, "-c", PROBE, str(data_dir)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    if not lines:
        raise RuntimeError(f"start-up probe failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return dict(json.loads(lines[-1]))


def series(runs: int, db_source: Path | None, first_run: bool) -> list[dict[str, float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = []
    with tempfile.TemporaryDirectory(prefix="ipdesk-bench-") as tmp:
        for i in range(runs):
            data = Path(tmp) / f"data{i}"
            env["XDG_CONFIG_HOME"] = str(Path(tmp) / f"config{i}")  # QSettings (window geometry) stays here
            if not first_run:
                data.mkdir()
                if db_source is None:
                    shutil.copyfile(SEED, data / "ipdesk.sqlite")
                else:
                    # a corpus is too big to copy per run: a symlink where the OS allows it
                    try:
                        (data / "ipdesk.sqlite").symlink_to(db_source)
                    except OSError:
                        shutil.copyfile(db_source, data / "ipdesk.sqlite")
            out.append(one_run(data, env))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench" / "data" / "corpus-1.sqlite")
    args = ap.parse_args(argv)
    rows = [("first start (seed copied into a new data folder)", series(args.runs, None, True)),
            ("usual start (seed already installed)", series(args.runs, None, False))]
    if args.corpus.exists():
        rows.append((f"on the benchmark corpus ({args.corpus.stat().st_size / 2**30:.1f} GiB)",
                     series(max(3, args.runs // 2), args.corpus, False)))
    lines = ["## Start-up (bench_startup.py)", "",
             "Process start → main window exposed, offscreen (QT_QPA_PLATFORM=offscreen); medians in ms.", "",
             "| case | runs | interpreter up | QApplication | window shown (median) | min | max |",
             "|---|---|---|---|---|---|---|"]
    for label, runs in rows:
        shown = [r["shown_ms"] for r in runs if "shown_ms" in r]
        lines.append(
            f"| {label} | {len(runs)} | {statistics.median(r['interpreter_ms'] for r in runs):.0f} | "
            f"{statistics.median(r['qapplication_ms'] for r in runs):.0f} | "
            f"{statistics.median(shown):.0f} | {min(shown):.0f} | {max(shown):.0f} |"
        )
    text = "\n".join(lines) + "\n"
    publish_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
