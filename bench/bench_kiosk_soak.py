"""An unattended kiosk over many visitors: does anything pile up? The real KioskShell (offscreen) is driven by
touch through every screen a visitor can reach (tests/kiosk/tour.py: the GI finder and a record, which is
printed to a PDF "printer", the place browser, the three wizards to their outcomes, the admin PIN pad), then
the idle reset between visitors, VISITS times. Every SAMPLE visits it notes the process's anonymous memory,
the C heap in use (glibc's mallinfo2), Python's objects, the widgets and Qt objects, open file descriptors and
threads.

    .venv/bin/python bench/bench_kiosk_soak.py [--visits 600] [--sample 25]

It works on a private copy of resources/seed.sqlite with a throwaway PIN; no data folder of anyone's is
touched. Writes its Markdown section to $IPDESK_BENCH_REPORT when set (bench/run_all.py collects it).
Linux only for the memory figures (/proc, glibc); elsewhere they show as 0.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import dataclasses
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from section import publish_section

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SOAK_PIN = "2468"  # only for this throwaway data folder


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _mallinfo() -> Any:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        return libc.mallinfo2
    except (OSError, AttributeError):
        return None


_MALLINFO = _mallinfo()


def _status_kib(field: str) -> int:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


@dataclasses.dataclass
class Sample:
    visit: int
    seconds_per_visit: float
    anon_kib: int
    heap_kib: int  # the main arena's bytes in use plus mmapped blocks: what the GUI thread's C/C++ code holds
    python_objects: int
    widgets: int
    qobjects: int
    fds: int
    threads: int


def sample(visit: int, seconds: float, shell: Any) -> Sample:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    gc.collect()
    heap = 0
    if _MALLINFO is not None:
        info = _MALLINFO()
        heap = (info.uordblks + info.hblkhd) // 1024
    fds = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").is_dir() else 0
    return Sample(visit, seconds, _status_kib("RssAnon"), heap, len(gc.get_objects()), len(QApplication.allWidgets()),
                  len(shell.findChildren(QObject)), fds, _status_kib("Threads") or threading.active_count())


def slope(points: list[tuple[int, int]]) -> float:
    """Least-squares growth of y per x."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def standalone_qtbot() -> Any:
    """pytest-qt's QtBot outside pytest: the tour's taps and waits need no test request but for the one
    ini value waitSignal reads."""
    from pytestqt.qt_compat import qt_api
    from pytestqt.qtbot import QtBot

    qt_api.set_qt_api("pyside6")  # what the plugin does at pytest's start (pyproject: qt_api)
    return QtBot(SimpleNamespace(config=SimpleNamespace(getini=lambda _name: "")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visits", type=int, default=600)
    parser.add_argument("--sample", type=int, default=25, help="sample every N visits")
    args = parser.parse_args(argv)

    from PySide6.QtGui import QPixmapCache
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from ipdesk.services.container import build_services
    from ipdesk.services.kiosk_pin import hash_pin
    from ipdesk.ui.kiosk.shell import KioskShell
    from ipdesk.ui.tasks import TaskRunner
    from tests.kiosk.test_kiosk_shell import tap
    from tests.kiosk.tour import every_screen

    samples: list[Sample] = []
    printed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        shutil.copyfile(ROOT / "resources" / "seed.sqlite", folder / "ipdesk.sqlite")
        services = build_services(folder)
        services = dataclasses.replace(
            services, settings=dataclasses.replace(services.settings, kiosk_pin_hash=hash_pin(SOAK_PIN)))
        tasks = TaskRunner()
        printout = Path(tmp) / "printout.pdf"

        def pdf_printer() -> QPrinter:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printout))
            return printer

        shell = KioskShell(services, tasks, "zh_CN", printer_factory=pdf_printer,
                           pin_state_file=Path(tmp) / "kiosk-pin-state.json")
        shell.resize(1366, 768)
        shell.show()
        bot = standalone_qtbot()
        bot.wait(300)
        samples.append(sample(0, 0.0, shell))
        began = time.perf_counter()
        window_began = began
        try:
            for visit in range(1, args.visits + 1):
                for label in every_screen(bot, shell):
                    if label == "record":  # a visitor prints what they found
                        before = printout.stat().st_mtime_ns if printout.exists() else 0
                        tap(bot, shell.record.print_button)
                        bot.waitUntil(lambda before=before: printout.exists() and printout.stat().st_mtime_ns != before
                                      and shell.record.print_button.isEnabled(), timeout=20000)
                        printed += 1
                shell.go_home()
                shell.reset_session()  # what the idle timer does between visitors
                bot.wait(20)
                if visit % args.sample == 0 or visit == args.visits:
                    now = time.perf_counter()
                    done_in_window = visit - samples[-1].visit
                    samples.append(sample(visit, (now - window_began) / done_in_window, shell))
                    window_began = now
                    s = samples[-1]
                    print(f"visit {visit}: {s.seconds_per_visit:.2f} s/visit, anon {s.anon_kib:,} KiB, "
                          f"heap {s.heap_kib:,} KiB, objects {s.python_objects:,}, widgets {s.widgets}, "
                          f"fds {s.fds}, threads {s.threads}", flush=True)
            total = time.perf_counter() - began
            QPixmapCache.clear()  # Qt's cache of drawn icons: bounded (cacheLimit), emptied to see what is left
            cleared = sample(args.visits, 0.0, shell)
            limit_kib = QPixmapCache.cacheLimit()
        finally:
            shell.set_language("zh_CN")
            shell.unlock(SOAK_PIN)  # the admin's way out: the kiosk refuses any other close
            tasks.wait_idle(20000)
            services.close()
    del app

    first, last = samples[1], samples[-1]
    half = [s for s in samples if s.visit >= args.visits // 2]
    anon_rate = slope([(s.visit, s.anon_kib) for s in half])
    heap_rate = slope([(s.visit, s.heap_kib) for s in half])
    objects_rate = slope([(s.visit, s.python_objects) for s in half])
    lines = [
        "## Kiosk over many visitors (bench_kiosk_soak.py)", "",
        f"The kiosk shell (offscreen, 1366×768) driven by touch through every screen a visitor can reach — the GI "
        f"finder and a record, printed to a PDF printer, the place browser, the three wizards to their outcomes, "
        f"the admin PIN pad — then the idle reset, {args.visits:,} times ({printed:,} printouts, "
        f"{total / 60:.1f} minutes). *heap*: the C/C++ heap in use (glibc mallinfo2: main arena and mmapped "
        "blocks); *anon*: the process's anonymous resident memory.", "",
        "| after visit | s a visit | anon MiB | heap MiB | Python objects | widgets | Qt objects | open files | threads |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in samples[1:]:
        lines.append(f"| {s.visit:,} | {s.seconds_per_visit:.2f} | {s.anon_kib / 1024:.1f} | {s.heap_kib / 1024:.1f} | "
                     f"{s.python_objects:,} | {s.widgets} | {s.qobjects} | {s.fds} | {s.threads} |")
    lines.append(f"| {args.visits:,}, Qt's pixmap cache emptied | — | {cleared.anon_kib / 1024:.1f} | "
                 f"{cleared.heap_kib / 1024:.1f} | {cleared.python_objects:,} | {cleared.widgets} | {cleared.qobjects} | "
                 f"{cleared.fds} | {cleared.threads} |")
    steady = (first.widgets, first.qobjects, first.fds) == (last.widgets, last.qobjects, last.fds)
    lines += [
        "",
        f"Growth per visit over the second half of the run (least squares): anon {anon_rate:.1f} KiB, heap "
        f"{heap_rate:.1f} KiB, Python objects {objects_rate:.1f}. Widgets, Qt objects and open files "
        + ("the same after the first visit as after the last." if steady else
           f"changed: widgets {first.widgets} → {last.widgets}, Qt objects {first.qobjects} → {last.qobjects}, "
           f"open files {first.fds} → {last.fds}."),
        f"Most of the early growth is Qt's pixmap cache (the icons drawn for each screen; its limit is "
        f"{limit_kib / 1024:.0f} MiB): emptied at the end, the heap in use is "
        f"{(last.heap_kib - cleared.heap_kib) / 1024:.1f} MiB smaller.",
    ]
    text = "\n".join(lines) + "\n"
    publish_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
