"""Search page benchmark: a key press in the search box → the first results shown, on the corpus.

    QT_QPA_PLATFORM=offscreen nice -n 10 .venv/bin/python bench/bench_ui_search.py [--scale 1]

Uses the real SearchPage (ipdesk/ui/search_page.py) with real services on the benchmark corpus,
offscreen. For each query it clears the box, types the query with QTest key clicks and waits for
`sig_results_shown`; the time runs from the last key press to the signal, so it includes the
page's debounce, the search on the DB worker and filling the table. A second series presses
Enter after typing (no debounce). Writes a Markdown section to $IPDESK_BENCH_REPORT or prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from section import publish_section

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ("茶", "大米", "水稻烘干", "水稻 烘干", "shuidao", "sd", "龍井", "A01G 9/00", "wuchnag", "金穗",
           "一种高效", "lj", "西湖龙井", "jinsui", "苹果", "pg")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    from gen_corpus import corpus_paths

    db, _tv, _meta = corpus_paths(args.scale)
    if not db.exists():
        sys.stderr.write(f"{db} is missing: run bench/gen_corpus.py --scale {args.scale:g} first\n")
        return 2

    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ipdesk.domain.basket import ReportBasket
    from ipdesk.services.container import build_services
    from ipdesk.services.db import sqlite_url
    from ipdesk.ui.search_page import DEBOUNCE_MS, SearchPage
    from ipdesk.ui.tasks import TaskRunner

    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive for the run
    with tempfile.TemporaryDirectory(prefix="ipdesk-bench-") as tmp:
        services = build_services(Path(tmp), engine_url=sqlite_url(db))
        tasks = TaskRunner()
        page = SearchPage(services, tasks, ReportBasket(), "zh_CN")
        page.resize(1100, 700)
        page.show()
        shown: list[Any] = []
        page.sig_results_shown.connect(lambda result: shown.append((time.perf_counter(), result)))

        def wait_for_result(timeout_ms: int = 30_000) -> tuple[float, Any]:
            loop = QEventLoop()
            page.sig_results_shown.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop.quit)
            if not shown:
                loop.exec()
            page.sig_results_shown.disconnect(loop.quit)
            if not shown:
                raise TimeoutError("no results shown")
            return shown.pop(0)

        def measure(query: str, enter: bool) -> tuple[float, int]:
            page.search_box.clear()
            page.set_query("")
            while True:  # drain results of the clearing
                try:
                    _t, res = wait_for_result(2000)
                except TimeoutError:
                    break
                if res is None:
                    break
            shown.clear()
            type_text(query)
            if enter:
                QTest.keyClick(page.search_box, Qt.Key.Key_Return)
            pressed = time.perf_counter()
            while True:
                at, result = wait_for_result()
                if result is not None and result.query == " ".join(query.split()):
                    return (at - pressed) * 1000, page.model.rowCount()

        def type_text(text: str) -> None:
            """One key event per character, as an input method delivers Chinese (QTest.keyClicks
            only knows ASCII keys)."""
            for ch in text:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(page.search_box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

        measure("预热", True)
        typed: list[float] = []
        entered: list[float] = []
        rows_seen: list[int] = []
        for _ in range(args.rounds):
            for q in QUERIES:
                ms, rows = measure(q, False)
                typed.append(ms)
                rows_seen.append(rows)
                ms, _rows = measure(q, True)
                entered.append(ms)
        tasks.wait_idle(5000)
        page.close()
        services.close()

    def q(values: list[float], p: float) -> float:
        s = sorted(values)
        return s[min(len(s) - 1, round((len(s) - 1) * p))]

    lines = [
        "## Search page (bench_ui_search.py)", "",
        f"Real SearchPage on the benchmark corpus ({db.stat().st_size / 2**30:.1f} GiB), offscreen; "
        f"{len(QUERIES)} queries × {args.rounds} rounds; ms from the last key press to the results shown.", "",
        "| path | median | p95 | max |", "|---|---|---|---|",
        f"| typing (includes the {DEBOUNCE_MS} ms debounce) | {statistics.median(typed):.0f} | {q(typed, 0.95):.0f} | "
        f"{max(typed):.0f} |",
        f"| Enter (no debounce) | {statistics.median(entered):.0f} | {q(entered, 0.95):.0f} | {max(entered):.0f} |",
        "", f"Rows shown per query: median {statistics.median(rows_seen):.0f}.", "",
    ]
    text = "\n".join(lines)
    publish_section(text)
    print(json.dumps({"typed": typed, "entered": entered}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
