"""The staff window stays open all day: searching, reading records and moving between pages must leave no
widget, Qt object, open file or finished task behind (the kiosk's visits are checked the same way, and
bench/bench_kiosk_soak.py measures the memory)."""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import search_in_window, wait_idle


def _counts(window: Any) -> dict[str, int]:
    fds = len(os.listdir("/proc/self/fd")) if sys.platform.startswith("linux") else 0
    return {"widgets": len(QApplication.allWidgets()), "qt objects": len(window.findChildren(QObject)),
            "open files": fds}


def _round(qtbot: Any, window: Any) -> None:
    for query in ("五常", "wcdm", "龙井茶", "330106", "A01G"):
        page = search_in_window(qtbot, window, query)
        hit = page.model.hit(0)
        window.open_record(hit.kind, hit.ref_id)
        wait_idle(qtbot, window.tasks)
    for name in ("place", "gi_check", "brand_check", "patents", "reports", "data", "settings", "search"):
        window.show_page(name)
        wait_idle(qtbot, window.tasks)
    qtbot.wait(100)  # the detail views replaced on the way are deleted (deleteLater) by now


def test_searching_and_reading_records_leaves_nothing_behind(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.tasks import _Job

    _round(qtbot, window)  # builds every page once
    after_first = _counts(window)
    for _ in range(3):
        _round(qtbot, window)
    assert _counts(window) == after_first
    gc.collect()
    assert [job.task_id for job in gc.get_objects() if isinstance(job, _Job)] == []
