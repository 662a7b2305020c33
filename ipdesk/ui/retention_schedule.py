"""The scheduled clean-up of the service record (保留服务台账和报告, services.reports.archive
`apply_retention`): once soon after start and then once a day while ipdesk runs, the staff window and
the kiosk alike (run_app makes one for either). The work runs on the task runner's database worker,
never on the GUI thread; it removes nothing while the setting keeps everything (the default). Every
window it `follow`s lists its service record again after a clean-up that removed entries: the staff
window, and the one the kiosk's admin opens (QA 23: that one kept showing the removed entries). It
does not ask: the Settings page asked when the period was shortened (settings_page)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ipdesk.ui.tasks import loggable

log = logging.getLogger("ipdesk.ui.retention")

FIRST_RUN_MS = 20_000  # after the start-up's own work (warm-up, the window's first page)
DAY_MS = 24 * 3600 * 1000


class RetentionSchedule(QObject):
    """Runs `services.reports.apply_retention` on `tasks` at start and once a day."""

    sig_pruned = Signal(object)  # services.reports.archive.Pruned, on the GUI thread

    def __init__(self, services: Any, tasks: Any, parent: QObject | None = None, *,
                 first_ms: int = FIRST_RUN_MS, every_ms: int = DAY_MS) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(first_ms)
        self._first.timeout.connect(self.run_now)
        self._daily = QTimer(self)
        self._daily.setInterval(every_ms)
        self._daily.timeout.connect(self.run_now)

    def follow(self, window: Any) -> None:
        """`window` (a MainWindow: the staff window, or the one the kiosk's admin opened) lists its
        service record again after a clean-up that removed entries. A bound slot: a closed and deleted
        window is let go of by Qt, not called."""
        self.sig_pruned.connect(window.show_records_pruned)

    def start(self) -> None:
        self._first.start()
        self._daily.start()

    def stop(self) -> None:
        self._first.stop()
        self._daily.stop()

    def run_now(self) -> int:
        """Start a clean-up in the background (a newer one supersedes one still waiting); its task id."""
        reports = self.services.reports
        return int(self.tasks.run(lambda: reports.apply_retention(), on_done=self._on_task_done,
                                  on_error=self._on_task_error, key="retention"))

    def _on_task_done(self, pruned: Any) -> None:
        if pruned.entries:  # counts only: the log is sent when asking for help
            log.info("scheduled clean-up removed %d service-record entries from before %s", pruned.entries,
                     pruned.cutoff)
        self.sig_pruned.emit(pruned)

    def _on_task_error(self, exc: BaseException) -> None:  # tried again tomorrow (or at the next start)
        log.warning("the scheduled clean-up of the service record failed: %s", loggable(exc))
