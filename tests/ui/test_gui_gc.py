"""Cyclic garbage holding Qt objects is freed on the GUI thread, never in a task thread (where Qt's
connection lock and the GIL can deadlock: a frozen window)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from ipdesk.ui import gui_gc


def test_installed_once_and_automatic_collection_is_off(qapp) -> None:  # type: ignore[no-untyped-def]
    first = gui_gc.install(qapp)
    assert gui_gc.install(qapp) is first
    assert not gc.isenabled() and first.timer.isActive()


def test_a_qt_object_in_a_cycle_dies_on_the_gui_thread_after_worker_allocations(qapp) -> None:  # type: ignore[no-untyped-def]
    collector = gui_gc.install(qapp)
    died_on: list[str] = []

    class Holder(QObject):
        pass

    holder = Holder()
    holder.me = holder  # type: ignore[attr-defined]  # a reference cycle: only the cyclic collector frees it
    holder.destroyed.connect(lambda: died_on.append(threading.current_thread().name))
    del holder

    def allocate() -> None:  # far past generation 0's threshold: Python would collect here if enabled
        junk = [[i] for i in range(50_000)]
        for i in range(0, len(junk) - 1, 2):
            junk[i].append(junk[i + 1])
            junk[i + 1].append(junk[i])

    worker = threading.Thread(target=allocate, name="task-pool")
    worker.start()
    worker.join()
    assert died_on == []  # nothing was collected in the worker
    gc.collect()  # what the timer does on the GUI thread, all generations at once here
    QApplication.processEvents()
    assert died_on == [threading.main_thread().name]
    assert collector.collect_if_due() >= 0


def test_what_the_warm_up_loaded_is_frozen_on_the_gui_thread(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The start-up's long-lived objects (~330,000: modules, the OpenCC and pinyin tables) are left out
    of later collections, so the first generation-1 collection on the GUI thread no longer walks them
    (it came with the first busy moment, often the first 确认导入: a 0.25–0.45 s pause)."""
    import sys

    from ipdesk.app import warm_up

    collector = gui_gc.install(qapp)
    frozen_on: list[str] = []
    real_freeze = gc.freeze

    def freeze() -> None:
        frozen_on.append(threading.current_thread().name)
        real_freeze()

    monkeypatch.setattr(gc, "freeze", freeze)
    try:
        worker = threading.Thread(target=warm_up, args=(tmp_path, collector.freeze_soon), name="warm-up")
        worker.start()
        worker.join()
        assert frozen_on == []  # asked for, not done, in the warm-up thread
        loaded = sys.modules["ipdesk.services.sync.client"]  # one of WARM_IMPORTS
        assert any(o is loaded for o in gc.get_objects())  # every collection would walk it
        collector.collect_if_due()  # the timer's tick
        assert frozen_on == [threading.main_thread().name]
        assert not any(o is loaded for o in gc.get_objects())  # no collection walks it any more
        collector.collect_if_due()
        assert len(frozen_on) == 1  # once
    finally:
        gc.unfreeze()
