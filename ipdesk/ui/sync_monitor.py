"""Automatic sync while the app runs: a timer checks the update source; a newer signed manifest is
downloaded in the background (network pool, never blocking reads) and applied when the app is
idle (a kiosk between sessions) — unless it would remove most of a dataset's records (an empty or
wrong database published by mistake): that one waits for a person on the Data & sync page. The window shows `sig_status_changed` in its status bar.

Wiring (main window or kiosk shell):
    monitor = SyncMonitor(services, tasks, parent=window, is_idle=lambda: kiosk.between_sessions())
    monitor.sig_status_changed.connect(status_label.setText)
    monitor.sig_applied.connect(status_bar.refresh_datasets)
    monitor.start()
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ipdesk.domain.i18n import dataset_label
from ipdesk.services.errors import IpdeskError
from ipdesk.services.sync.errors import RemovalsHeldError, RollbackError, SyncYieldedError
from ipdesk.ui.tasks import CancelToken

log = logging.getLogger("ipdesk.ui.sync")

CHECK_INTERVAL_MS = 30 * 60 * 1000
FIRST_CHECK_MS = 60 * 1000
IDLE_RETRY_MS = 60 * 1000
BACKGROUND_RATE = 512 * 1024  # bytes/s: an automatic download leaves most of a slow link free
SHORT_CHARS = 40  # a status-bar message's first sentence is cut to this many characters ("…")


def first_sentence(text: str, limit: int = SHORT_CHARS) -> str:
    """A message's first line and sentence, cut with "…" past `limit` characters: what the status bar
    shows of a long error (the whole text is its tooltip)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    parts = re.split(r"(?<=[。！？；])|(?<=[.!?;])\s", line, maxsplit=1)
    head = parts[0].strip()
    if not any("\u3400" <= ch <= "\u9fff" for ch in head):  # letters take about half a Chinese character's width
        limit *= 2
    if len(head) > limit:
        head = head[:limit - 1].rstrip() + "…"
    return head


def _download_and_weigh(sync: Any, source: str, max_rate: int,
                        cancel: CancelToken) -> tuple[Any, list[str], tuple[Any, dict[str, int], dict[str, Any]]]:
    """Runs on the network pool: the background download, the datasets the update would mostly empty
    (`plan_counts`), which an automatic update never applies on its own, and the check as the Data &
    sync page shows one (the check and `SyncService.weigh`, as `sync_panel._check_with_risk`)."""
    result = sync.sync(source, download_only=True, max_rate=max_rate, background=True, cancel=cancel)
    at_risk, counts = sync.weigh(result.check)
    return result, sorted(name for name, c in counts.items() if c.removes_most), (result.check, at_risk, counts)


class SyncMonitor(QObject):
    sig_status_changed = Signal(str)
    sig_applied = Signal(object)  # the SyncResult
    sig_held = Signal(object)  # the held-back version's check (as `held`), or None once there is none

    def __init__(self, services: Any, tasks: Any, parent: QObject | None = None, *, lang: str = "zh_CN",
                 is_idle: Callable[[], bool] | None = None, interval_ms: int = CHECK_INTERVAL_MS,
                 first_check_ms: int = FIRST_CHECK_MS) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self.is_idle = is_idle or (lambda: True)
        self.background_rate = BACKGROUND_RATE
        self.busy = False
        self.ready_to_apply = False
        self.status_detail = ""  # the whole text behind the last short status (the status bar's tooltip)
        # the version held back (it removes most of a dataset): (check, imported at risk, counts), which
        # the Data & sync page shows when opened; None when there is none
        self.held: Any = None
        self._cancel = CancelToken()  # set when the app shuts down: a running download or apply stops
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        self._first = QTimer(self, singleShot=True, interval=first_check_ms)
        self._first.timeout.connect(self.check_now)
        self._idle_timer = QTimer(self, singleShot=True, interval=IDLE_RETRY_MS)
        self._idle_timer.timeout.connect(self._apply_if_idle)

    def start(self) -> None:
        self._first.start()
        self._timer.start()

    def stop(self) -> None:
        self._first.stop()
        self._timer.stop()
        self._idle_timer.stop()

    def shutdown(self) -> None:
        """The window is closing: no more checks, and a running download or apply is cancelled."""
        self.stop()
        self._cancel.cancel()

    def _enabled(self) -> bool:
        settings = self.services.settings
        return bool(settings.auto_sync and settings.update_source)

    def check_now(self) -> None:
        if self.busy or not self._enabled() or self._cancel.cancelled:
            return
        if self.ready_to_apply:
            self._apply_if_idle()
            return
        self.busy = True
        sync = self.services.sync
        source = self.services.settings.update_source
        cancel = self._cancel
        self.tasks.run(lambda: _download_and_weigh(sync, source, self.background_rate, cancel),
                       on_done=self._on_downloaded,
                       on_error=self._on_error, network=True)
        self._say(self.tr("正在检查数据更新…"))

    def _set_held(self, held: Any) -> None:
        if held is not self.held:
            self.held = held
            self.sig_held.emit(held)

    def _on_downloaded(self, answer: tuple[Any, ...]) -> None:
        result, emptied, checked = (*answer, None)[:3]
        self.busy = False
        self._set_held(checked if emptied else None)
        if result.check.up_to_date and not result.check.adopted:
            self._say(self.tr("数据已是最新"))
            return
        # else something to apply, or data here that already are the published version's: recorded
        # as that version (no download) when idle, as an update is
        if emptied:  # an empty or wrong database published by mistake: a person decides, on the Data page
            log.warning("automatic sync: not applied, version %s removes most of %s", result.check.manifest.version,
                        ", ".join(emptied))
            self._say(self._held_text(emptied))
            return
        self.ready_to_apply = True
        if result.check.up_to_date:  # nothing downloaded: the data here are that version, recorded when idle
            self._say(self.tr("数据已是最新"))
        else:
            self._say(self.tr("数据更新已下载，空闲时应用"))
        self._apply_if_idle()

    def _apply_if_idle(self) -> None:
        if self.busy or self._cancel.cancelled:
            return
        if not self.is_idle():
            self._idle_timer.start()
            return
        self.busy = True
        sync, source = self.services.sync, self.services.settings.update_source
        self._say(self.tr("正在应用数据更新…"))
        cancel = self._cancel
        # a version that removes most of a dataset (published since the download) is refused, never applied here
        self.tasks.run(lambda: sync.sync(source, cancel=cancel, allow_removals=False), on_done=self._on_applied,
                       on_error=self._on_error,
                       network=True)

    def _on_applied(self, result: Any) -> None:
        self.busy = False
        self.ready_to_apply = False
        self._set_held(None)
        if result.applied is not None and result.check.up_to_date:  # only recorded: nothing changed
            self._say(self.tr("数据已是最新（更新包第 %1 版）").replace("%1", str(result.check.manifest.version)))
            self.sig_applied.emit(result)
        elif result.applied is not None:
            self._say(self.tr("数据更新已应用（更新包第 %1 版）").replace(
                "%1", str(result.check.manifest.version)))
            self.sig_applied.emit(result)
        else:
            self._say(self.tr("数据已是最新"))

    def _on_error(self, error: BaseException) -> None:
        self.busy = False
        if isinstance(error, SyncYieldedError):  # "Update now" took over from the background download
            self._say(self.tr("数据更新已转到“数据与同步”页进行"))
            return
        msg = error.message(self.lang) if isinstance(error, IpdeskError) else str(error)
        log.info("automatic sync: %s", msg)
        if isinstance(error, RemovalsHeldError):
            self.ready_to_apply = False
            short = self._held_text(sorted(error.datasets))
        elif isinstance(error, RollbackError) and error.switchable:  # another publisher's source: a person decides
            short = self.tr("数据更新未应用：更新来源来自另一个发布者，请到“数据与同步”查看")
        else:
            short = self.tr("数据更新未完成：%1").replace("%1", first_sentence(msg))
        self._say(short, msg)

    def _held_text(self, datasets: list[str]) -> str:
        """The status line of a version held back because it removes most of `datasets`."""
        names = self.tr("、").join(dataset_label(name, self.lang) for name in datasets)
        return self.tr("数据更新会删除%1的大部分记录，没有自动应用：请在“数据与同步”页检查后决定").replace("%1", names)

    def _say(self, short: str, detail: str = "") -> None:
        """The status bar's one short line; `detail` (the whole message) becomes its tooltip."""
        self.status_detail = detail or short
        self.sig_status_changed.emit(short)
