"""How long printing a long report holds up the window: a GUI-thread heartbeat (a QTimer every 10 ms)
records the largest gap between its ticks while a report of many patents is printed to a PDF-format
QPrinter (offscreen), once painted on the GUI thread (as before the print went to a worker) and once
through the Reports page's `print_to` (painted in a worker, then archived).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/print_pause.py [PATENTS] [RUNS]

It works on a temporary copy of resources/seed.sqlite with PATENTS (default 500) synthetic patents
added (publication numbers CN9900…, titles "一种测试用…"), never on a real data folder. The numbers
are for the docs (README, "Reports"), not a test: they depend on the machine and its load.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def add_synthetic_patents(services: Any, count: int) -> list[int]:
    """`count` clearly synthetic patents (CN9900…) in the store; their ids."""
    from sqlalchemy import select

    from ipdesk.services.models import Patent

    with services.db.session() as s:
        for n in range(count):
            s.add(Patent(pub_no=f"CN99{n:07d}A", app_no=f"CN2020990{n:05d}.X",
                         title=f"一种测试用水稻收获装置及其控制方法（第{n + 1}号）", kind="invention",
                         legal_status="in_force", ipc_codes="A01D0041000000 A01D0034000000",
                         filing_date=dt.date(2020, 1, 1), expiry_date=dt.date(2040, 1, 1),
                         applicants="测试农业机械股份有限公司; 测试农业大学", dataset="test", as_of=dt.date(2026, 10, 1)))
    with services.db.session() as s:
        return list(s.scalars(select(Patent.id).where(Patent.pub_no.like("CN99%")).order_by(Patent.id)))


class Heartbeat:
    """A 10 ms QTimer on the GUI thread; `largest` is the longest time between two ticks, in ms."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.largest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, (now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.largest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.largest


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def measure(beat: Heartbeat, start: Callable[[Callable[[], None]], None]) -> tuple[float, float]:
    """The largest heartbeat gap and the wall time while `start(done)` runs until it calls `done`."""
    loop = QEventLoop()
    beat.start()
    wait(100)  # the heartbeat is ticking before the print starts
    began = time.perf_counter()
    QTimer.singleShot(0, lambda: start(loop.quit))
    loop.exec()
    took = time.perf_counter() - began
    wait(100)
    return beat.stop(), took * 1000


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    from ipdesk.domain.basket import BasketItem, ReportBasket
    from ipdesk.services.container import build_services
    from ipdesk.services.reports.builder import ReportMeta
    from ipdesk.ui.report_pdf import paint_report
    from ipdesk.ui.reports_page import ReportsPage
    from ipdesk.ui.tasks import TaskRunner

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        shutil.copyfile(ROOT / "resources" / "seed.sqlite", folder / "ipdesk.sqlite")
        services = build_services(folder)
        try:
            ids = add_synthetic_patents(services, count)
            items = [BasketItem("patent", i, "") for i in ids]
            tasks = TaskRunner()
            page = ReportsPage(services, tasks, ReportBasket(), "zh_CN")
            beat = Heartbeat()
            results: dict[str, list[tuple[float, float]]] = {"gui": [], "worker": []}
            pages = 0
            for run in range(runs):
                report = services.reports.builder.for_basket(items, "zh_CN", ReportMeta(client="测试合作社"))

                def on_gui_thread(done: Callable[[], None], report: Any = report, run: int = run) -> None:
                    nonlocal pages
                    pages = paint_report(report, pdf_printer(Path(tmp) / f"gui-{run}.pdf"))
                    done()

                results["gui"].append(measure(beat, on_gui_thread))
                report = services.reports.builder.for_basket(items, "zh_CN", ReportMeta(client="测试合作社"))
                printer = pdf_printer(Path(tmp) / f"worker-{run}.pdf")

                def in_worker(done: Callable[[], None], report: Any = report, printer: QPrinter = printer) -> None:
                    def failed(message: str) -> None:
                        print("failed:", message)
                        done()

                    page.sig_exported.connect(lambda *_: done())
                    page.sig_failed.connect(failed)
                    page.print_to(report, printer)

                results["worker"].append(measure(beat, in_worker))
                page.sig_exported.disconnect()
                page.sig_failed.disconnect()
            tasks.wait_idle()
            print(f"{count} patents, {pages} pages, {runs} runs; largest GUI-thread gap / wall time, ms:")
            for name, label in (("gui", "painted on the GUI thread"), ("worker", "print_to (worker, then archive)")):
                gaps = [g for g, _ in results[name]]
                walls = [w for _, w in results[name]]
                print(f"  {label:34} gap max {max(gaps):6.0f}  median {statistics.median(gaps):6.0f}"
                      f"   wall median {statistics.median(walls):6.0f}   ({', '.join(f'{g:.0f}' for g in gaps)})")
        finally:
            services.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
