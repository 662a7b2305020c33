"""An unattended kiosk serves visitor after visitor for weeks: a visit (every screen, a printout, the idle
reset) must leave no widget, Qt object, open file or finished task behind (the task pool's threads come
and go by themselves). bench/bench_kiosk_soak.py runs hundreds of visits and measures the memory; this checks the
counts, which must not move at all."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from tests.kiosk.test_kiosk_shell import tap
from tests.kiosk.tour import every_screen


def _open_files() -> int:
    """The process's open files, but the database's: SQLAlchemy's pool keeps as many connections as tasks
    once ran at the same time (bounded by the pool), which a loaded machine moves by one between visits."""
    if not sys.platform.startswith("linux"):
        return 0
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            names.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
    return sum(1 for n in names if not n.endswith((".sqlite", ".sqlite-wal", ".sqlite-shm")))


def _counts(shell: Any) -> dict[str, int]:
    assert shell.tasks.wait_idle(10000)
    return {"widgets": len(QApplication.allWidgets()), "qt objects": len(shell.findChildren(QObject)),
            "open files": _open_files()}


def _visit(qtbot: Any, shell: Any, printed_pdf: Path) -> None:
    for label in every_screen(qtbot, shell):
        if label == "record":
            before = printed_pdf.stat().st_mtime_ns if printed_pdf.exists() else 0
            tap(qtbot, shell.record.print_button)
            qtbot.waitUntil(lambda before=before: printed_pdf.exists() and printed_pdf.stat().st_mtime_ns != before
                            and shell.record.print_button.isEnabled(), timeout=20000)
    shell.go_home()
    shell.reset_session()  # what the idle timer does between visitors
    qtbot.wait(50)


def test_visits_leave_no_widget_object_file_or_task_behind(qtbot, make_shell, printed_pdf: Path) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    _visit(qtbot, shell, printed_pdf)  # the first visit builds what every later one reuses
    after_first = _counts(shell)
    for _ in range(3):
        _visit(qtbot, shell, printed_pdf)
    assert _counts(shell) == after_first
    # and no finished task's work with its closure (PySide kept a QRunnable subclass referenced from its pool
    # after Qt had deleted it, about one task in four: `tasks._Job`)
    from ipdesk.ui.tasks import _Job

    assert shell.tasks.wait_idle(10000)
    qtbot.wait(100)  # the last answers delivered
    gc.collect()
    assert [job.task_id for job in gc.get_objects() if isinstance(job, _Job)] == []
