"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a generation fills up. If that is a
task-pool thread and the garbage holds a Qt object (a widget's wrapper caught in a reference cycle,
a lambda connected to a signal), Qt destroys the object there: `~QObject` takes Qt's connection
lock and then waits for the GIL, while the GUI thread holds the GIL and waits for that lock in
`connect`. Both wait for ever — a frozen window (seen in the test suite: a kiosk shell stuck in
`show()` while a worker read the place index). The known cure (PySide/PyQt practice) is to switch
automatic collection off and collect from a timer on the GUI thread, generation by generation as
Python itself would, so every collected Qt object dies in the thread that owns it.

What the start-up loads for good (the warm-up thread's modules, the OpenCC and pinyin tables, the
window: ~330,000 objects) is frozen once the warm-up is done (`freeze_soon`, `gc.freeze` on the GUI
thread): no collection walks it again. Left young, it was walked by the first generation-1
collection, which came with the first busy moment, often the first 确认导入 (confirm import): a
0.25–0.45 s pause of the window (measured with bench/probe_first_import.py; later collections 1–6 ms).
"""

from __future__ import annotations

import gc
import logging
import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

log = logging.getLogger("ipdesk.ui.gc")

INTERVAL_MS = 500  # cyclic garbage waits at most this long; non-cyclic garbage is freed at once
# A full collection walks every tracked object: ~90 ms with the window, the search and the pinyin
# tables loaded (344,000 objects, measured 2026-11-26). Python itself spaces full collections out (only
# when a quarter of the long-lived objects are new); here they are at most this often.
FULL_EVERY_S = 300.0
_PROPERTY = "ipdesk_gui_gc"


class GuiThreadCollector(QObject):
    """Collects on the GUI thread when a generation is over Python's own threshold."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.last_full = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_if_due)
        self._freeze_asked = threading.Event()
        gc.disable()
        self.timer.start()

    def freeze_soon(self) -> None:
        """From any thread (the warm-up's, when it is done): at its next tick the GUI thread moves
        every object tracked then out of the collections made from then on (`gc.freeze`; it frees
        nothing, and costs no more for a million objects than for one). Cyclic garbage not yet
        collected then stays, once: a few objects, against a long pause every full collection."""
        self._freeze_asked.set()

    def collect_if_due(self) -> int:
        """What Python's automatic collection would do now; returns the objects found unreachable."""
        if self._freeze_asked.is_set():
            self._freeze_asked.clear()
            gc.freeze()
            log.debug("%d long-lived objects left out of later collections", gc.get_freeze_count())
        count0, count1, count2 = gc.get_count()
        t0, t1, t2 = self.thresholds
        found = 0
        if count0 > t0:
            found += gc.collect(0)
            if count1 > t1:
                found += gc.collect(1)
                if count2 > t2 and time.monotonic() - self.last_full >= FULL_EVERY_S:
                    found += gc.collect(2)
                    self.last_full = time.monotonic()
        return found

    def stop(self) -> None:
        """Hand collection back to Python (tests; the program itself never does: task threads may
        still be finishing when the window has closed)."""
        self.timer.stop()
        gc.enable()


def install(app: QCoreApplication) -> GuiThreadCollector:
    """Once per application; call it from the GUI thread right after the QApplication is made."""
    existing = app.findChild(GuiThreadCollector)
    if isinstance(existing, GuiThreadCollector):
        return existing
    collector = GuiThreadCollector(app)
    collector.setObjectName(_PROPERTY)
    log.debug("cyclic garbage collection moved to the GUI thread (every %d ms)", INTERVAL_MS)
    return collector
