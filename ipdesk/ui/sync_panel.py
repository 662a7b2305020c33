"""The sync panel of "Data & sync": source, check now, last check, what changed per dataset,
progress with bytes and an ETA, cancel. All work runs on the network pool; reading never waits."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import (
    SYNC_METHOD_NAMES,
    SYNC_OUTCOME_NAMES,
    code_label,
    dataset_label,
    local_time_text,
)
from ipdesk.services.errors import IpdeskError
from ipdesk.services.sync.client import CancelToken, SyncProgress

log = logging.getLogger("ipdesk.ui.sync")


class _ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread, at most every 0.2 s per phase."""

    sig_progress = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._last = ("", 0.0)
        self._lock = threading.Lock()

    def report(self, progress: SyncProgress) -> None:
        now = time.monotonic()
        with self._lock:
            phase, at = self._last
            if progress.phase == phase and now - at < 0.2 and not progress.finished:
                return
            self._last = (progress.phase, now)
        self.sig_progress.emit(progress)


@dataclass(frozen=True)
class SyncState:
    """What the sync panel carries over a language switch (`pages.KeepsState`)."""

    source: str  # as typed (saved in the settings only from the Settings page)
    check: Any  # the last check shown (its plan), said again; None for the last update applied
    running: str  # check | sync | '' (nothing running)
    task: int | None
    cancel: CancelToken | None
    relay: _ProgressRelay  # the running update's progress


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.1f}"


class SyncPanel(QWidget):
    sig_applied = Signal(object)

    def __init__(self, services: Any, tasks: Any, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.lang = lang
        self._cancel: CancelToken | None = None
        self._check: Any = None  # the check whose plan is on show
        self._running = ""  # check | sync while one runs
        self._task: int | None = None
        self._relay = _ProgressRelay()
        self._relay.sig_progress.connect(self._on_relay_progress)
        box = QGroupBox(self.tr("数据更新"), self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("更新来源："), box))
        self.source_edit = QLineEdit(services.settings.update_source, box)
        self.source_edit.setPlaceholderText(self.tr("网址（https://…）或文件夹（U 盘）"))
        self.source_edit.setAccessibleName(self.tr("更新来源"))
        row.addWidget(self.source_edit, 1)
        self.folder_button = QPushButton(self.tr("选择文件夹…"), box)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        row.addWidget(self.folder_button)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("立即检查"), box)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.sync_button = QPushButton(self.tr("立即更新"), box)
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.cancel_button = QPushButton(self.tr("取消"), box)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        for b in (self.check_button, self.sync_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.last_check_label = QLabel(box)
        self.last_check_label.setWordWrap(True)
        layout.addWidget(self.last_check_label)
        self.status_label = QLabel(box)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("同步状态"))
        layout.addWidget(self.status_label)
        self.progress = QProgressBar(box)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("下载进度"))
        layout.addWidget(self.progress)
        self.changes = QTableWidget(0, 6, box)
        self.changes.setHorizontalHeaderLabels([self.tr("数据集"), self.tr("原版本"), self.tr("新版本"),
                                                self.tr("方式"), self.tr("新增/更新/删除"), self.tr("大小")])
        self.changes.setAccessibleName(self.tr("各数据集的变化"))
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.verticalHeader().setVisible(False)
        self.changes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.changes.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.changes)
        self.refresh_status()

    # -- over a language switch

    def save_state(self) -> SyncState:
        running = self._running if self.tasks.is_running(self._task) else ""
        return SyncState(source=self.source_edit.text(), check=self._check, running=running,
                         task=self._task if running else None, cancel=self._cancel, relay=self._relay)

    def restore_state(self, state: SyncState) -> None:
        """The source as typed; a check or an update still running carries on here (its progress
        and its answer); else the plan of the last check, in this language."""
        self.source_edit.setText(state.source)
        done = self._on_checked if state.running == "check" else self._on_synced
        if state.running and self.tasks.adopt(state.task, on_done=done, on_error=self._on_failed):
            self._running, self._task, self._cancel = state.running, state.task, state.cancel
            self._relay.sig_progress.disconnect(self._on_relay_progress)
            self._relay = state.relay
            self._relay.sig_progress.connect(self._on_relay_progress)
            self._set_busy(True)
            self.progress.setRange(0, 0)
            self.status_label.setText(self.tr("正在检查…"))
            self.refresh_status_label_only()  # instead of the last update's status, which would cover this
        elif state.check is not None:
            self._on_checked(state.check)

    # -- showing state

    # the words `ipdesk sync` uses too (domain.i18n)
    def _dataset_name(self, name: str) -> str:
        return dataset_label(name, self.lang)

    def _method_name(self, method: str) -> str:
        return code_label(SYNC_METHOD_NAMES, method, self.lang)

    def _outcome_text(self, outcome: str) -> str:
        return code_label(SYNC_OUTCOME_NAMES, outcome, self.lang) if outcome else "—"

    def refresh_status(self) -> None:
        sync = self.services.sync
        self.tasks.run(sync.status, on_done=self._show_status, key="sync-status")

    def _show_status(self, status: tuple[Any, Any]) -> None:
        self._check = None
        state, applied = status
        self._show_last_check(state)
        if applied is not None:
            self.status_label.setText(self.tr("已应用第 %1 版，时间 %2。上次更新的变化：")
                                      .replace("%1", str(applied.manifest_version))
                                      .replace("%2", local_time_text(applied.applied_at)))
            self._show_changes(applied.changes)
        else:
            self.status_label.setText(self.tr("尚未从更新来源应用过数据。"))

    def _set_row(self, r: int, values: list[str]) -> None:
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.changes.setItem(r, c, item)

    def _show_changes(self, changes: Any) -> None:
        self.changes.setRowCount(len(changes))
        for r, c in enumerate(changes):
            counts = f"+{c.added:,} / ~{c.updated:,} / −{c.deleted:,}"
            if c.kept_local:
                counts += " " + self.tr("（保留本地 %1 条）").replace("%1", f"{c.kept_local:,}")
            self._set_row(r, [self._dataset_name(c.dataset), str(c.old_version), str(c.new_version),
                              self._method_name(c.method), counts, ""])

    def _show_plan(self, check: Any) -> None:
        self.changes.setRowCount(len(check.plan))
        for r, p in enumerate(check.plan):
            self._set_row(r, [self._dataset_name(p.name), str(p.local_version), str(p.new_version),
                              self._method_name(p.method), self.tr("%1 条记录").replace("%1", str(p.records)),
                              f"{_mb(p.size)} MB"])

    # -- actions

    def _source(self) -> str | None:
        return self.source_edit.text().strip() or None

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self._running, self._task = "", None
        self.check_button.setEnabled(not busy)
        self.sync_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)

    def _on_folder_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择更新文件夹"))
        if folder:
            self.source_edit.setText(folder)

    def _on_check_button_clicked(self) -> None:
        sync, source = self.services.sync, self._source()
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("正在检查…"))
        self._running = "check"
        self._task = self.tasks.run(lambda: sync.check(source), on_done=self._on_checked, on_error=self._on_failed,
                                    network=True)

    def _on_checked(self, check: Any) -> None:
        self._set_busy(False)
        self._check = check
        if check.up_to_date:
            self.status_label.setText(self.tr("数据已是最新（第 %1 版）。").replace("%1", str(check.manifest.version)))
        else:
            self.status_label.setText(self.tr("有可用更新：第 %1 版，需下载 %2 MB。")
                                      .replace("%1", str(check.manifest.version))
                                      .replace("%2", _mb(check.download_bytes)))
            self._show_plan(check)
        self.refresh_status_label_only()

    def refresh_status_label_only(self) -> None:
        sync = self.services.sync
        self.tasks.run(sync.status, on_done=lambda st: self._show_last_check(st[0]), key="sync-status", owner=self)

    def _show_last_check(self, state: Any) -> None:
        msg = state.message_en if self.lang.startswith("en") else state.message_zh
        if msg and msg == self.status_label.text():
            msg = ""  # the line below already says it (a check that just failed)
        self.last_check_label.setText(
            self.tr("上次检查：%1（%2）").replace("%1", local_time_text(state.last_check) or "—")
            .replace("%2", self._outcome_text(state.outcome)) + (f"\n{msg}" if msg else ""))

    def _on_sync_button_clicked(self) -> None:
        sync, source = self.services.sync, self._source()
        token = CancelToken()
        self._cancel = token
        relay = self._relay
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("正在检查…"))
        self._running = "sync"
        self._task = self.tasks.run(lambda: sync.sync(source, progress=relay.report, cancel=token),
                                    on_done=self._on_synced, on_error=self._on_failed, network=True)

    def _on_cancel_button_clicked(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.status_label.setText(self.tr("正在取消…"))

    def _on_relay_progress(self, p: SyncProgress) -> None:
        if p.phase == "download" and p.total_bytes:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * p.done_bytes / p.total_bytes))
            eta = self.tr("剩余约 %1 秒").replace("%1", f"{p.eta_seconds:.0f}") if p.eta_seconds is not None else ""
            self.status_label.setText(self.tr("正在下载：%1 / %2 MB").replace("%1", _mb(p.done_bytes))
                                      .replace("%2", _mb(p.total_bytes)) + (f"  {eta}" if eta else ""))
        elif p.phase == "apply" and p.total_records:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * p.records / p.total_records))
            eta = self.tr("剩余约 %1 秒").replace("%1", f"{p.eta_seconds:.0f}") if p.eta_seconds is not None else ""
            self.status_label.setText(self.tr("正在应用更新：%1 / %2 条记录（一次完成，取消或中断都不会损坏数据）")
                                      .replace("%1", f"{p.records:,}").replace("%2", f"{p.total_records:,}")
                                      + (f"  {eta}" if eta else ""))
        elif p.phase == "apply":
            self.progress.setRange(0, 0)
            self.status_label.setText(self.tr("正在应用更新（一次完成，中断不会损坏数据）…"))
        elif p.phase == "wait":
            self.progress.setRange(0, 0)
            self.status_label.setText(self.tr("正在等待导入写入完毕，之后应用更新…"))

    def _on_synced(self, result: Any) -> None:
        self._set_busy(False)
        self._cancel = None
        self._check = None
        if result.applied is None:
            self.status_label.setText(self.tr("数据已是最新（第 %1 版）。").replace("%1", str(result.check.manifest.version)))
            self.refresh_status_label_only()
            return
        self.sig_applied.emit(result)
        self.refresh_status()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._cancel = None
        self._check = None
        msg = error.message(self.lang) if isinstance(error, IpdeskError) else str(error)
        if not isinstance(error, IpdeskError):
            log.error("sync failed unexpectedly: %r", error)
        self.status_label.setText(msg)
        self.refresh_status_label_only()
