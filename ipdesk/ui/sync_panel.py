"""The sync panel of "Data & sync": source, check now, last check, what changed per dataset,
progress with bytes and an ETA, cancel. All work runs on the network pool; reading never waits."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.amounts import eta_text
from ipdesk.domain.i18n import (
    SYNC_METHOD_NAMES,
    SYNC_OUTCOME_NAMES,
    code_label,
    dataset_label,
    local_time_text,
    pick,
)
from ipdesk.services.settings import Settings, update_settings
from ipdesk.services.sync.client import SyncProgress, malformed_web_address
from ipdesk.services.sync.errors import (
    DownloadError,
    RemovalsHeldError,
    RollbackError,
    SyncCancelledError,
    UntrustedPublisherError,
)
from ipdesk.services.sync.freshness import update_health
from ipdesk.services.sync.manifest import MANIFEST_NAME
from ipdesk.services.sync.plan_counts import removal_numbers, removal_warning
from ipdesk.ui.announce import announce
from ipdesk.ui.changed_records import ChangedRecordsView
from ipdesk.ui.labels import window_language
from ipdesk.ui.plain_text import as_plain
from ipdesk.ui.tasks import CancelToken, error_text

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
        # The panel (and this relay) may be gone by now: the window closed while the update ran on.
        if not shiboken6.isValid(self):
            return
        try:
            self.sig_progress.emit(progress)
        except RuntimeError:  # deleted between the test and the emit
            log.debug("sync progress after the panel was closed: dropped")


@dataclass(frozen=True)
class SyncState:
    """What the sync panel carries over a language switch (`pages.KeepsState`)."""

    source: str  # as typed (saved in the settings when a check or an update starts)
    check: Any  # the last check shown (its plan), said again; None for the last update applied
    running: str  # check | sync | '' (nothing running)
    task: int | None
    cancel: CancelToken | None
    relay: _ProgressRelay  # the running update's progress
    change_filter: str = ""  # the kind of change the list of changed records shows ('' all)


def size_text(n: int) -> str:
    """Bytes as people read them: "617 KB" under 0.1 MB (never "0.0 MB"), else "6.4 MB"."""
    if n < (1 << 20) // 10:
        return f"{max(1, round(n / 1024)) if n else 0:,} KB"
    return f"{n / (1 << 20):,.1f} MB"



def not_an_update_folder(source: str) -> bool:
    """A folder that is there but holds no update (no manifest.json; one in a sub-folder is named by the
    check): not saved as the update source. It looks at the disk: on a task's thread, never the GUI's (a
    network share that does not answer keeps it waiting for the whole SMB timeout)."""
    if not source or "://" in source:
        return False
    folder = Path(source)
    try:
        return folder.is_dir() and not (folder / MANIFEST_NAME).is_file()
    except OSError:
        return False


class TypedSource:
    """The source typed on the panel when a check or an update was asked for. Whether it is one to keep as
    the update source (`keep`) is found out on the task's thread, before the check, and the panel saves it
    when the task has ended (a check cancelled here is never answered, and keeps nothing)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keep = False

    def probe(self) -> None:
        """On the task's thread: a malformed address or a folder of something else is not kept."""
        self.keep = not (malformed_web_address(self.text) or not_an_update_folder(self.text))


def _check_with_risk(sync: Any, source: str | None, token: CancelToken,
                     switch_publisher: bool | str = False) -> tuple[Any, dict[str, int], dict[str, Any]]:
    """Runs on the task pool: the check, and what it puts at stake here (`SyncService.weigh`: imported
    records its snapshots would delete or replace, what each planned dataset adds, changes and removes)."""
    check = sync.check(source, cancel=token, switch_publisher=switch_publisher)
    return (check, *sync.weigh(check))


class SyncPanel(QWidget):
    sig_applied = Signal(object)
    sig_open_record = Signal(str, object)  # a record of the last update's list, opened (kind, ref_id)
    sig_source_saved = Signal(object, object)  # new Settings, old Settings (the source typed here, saved)
    sig_sync_ended = Signal(str)  # an update started here ended: applied / up to date / failed / cancelled

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
        self._sizes: dict[str, int] = {}  # dataset → size of what the update just applied fetched
        self._raw_error = ""  # the service's words for the error on show, when the panel says it its own way
        # a publisher switch the person confirmed: (source, the new publisher's key id); a check or an
        # update from that source signed by that key switches without asking again, until an update is
        # applied or a check finds no switch
        self._switch_ok: tuple[str, str] | None = None
        self._started_source = ""  # the source the running check or update was started with
        # a version that removes most of a dataset, allowed after the question: (key id, package version)
        self._removals_ok: tuple[str, int] | None = None
        # the version the automatic update held back (the monitor's check): shown instead of the last update
        self._held: Any = None
        box = QWidget(self)  # the tab is titled "数据更新" already
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
        # the data getting old: no successful check or update for a month, or the source expired
        self.health_label = QLabel(box)
        self.health_label.setWordWrap(True)
        self.health_label.setStyleSheet("font-weight: bold;")
        self.health_label.setVisible(False)
        layout.addWidget(self.health_label)
        # records imported here (not marked local) that a planned snapshot would delete or replace
        self.risk_label = QLabel(box)
        self.risk_label.setWordWrap(True)
        self.risk_label.setStyleSheet("font-weight: bold;")
        self.risk_label.setVisible(False)
        layout.addWidget(self.risk_label)
        self.progress = QProgressBar(box)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("下载进度"))
        layout.addWidget(self.progress)
        # what the table holds when the line above says something else (a failed check, a check that
        # found nothing new, a check or an update running): the last update applied
        self.applied_label = QLabel(box)
        self.applied_label.setWordWrap(True)
        self.applied_label.setVisible(False)
        layout.addWidget(self.applied_label)
        self._table_holds = "applied"  # applied | plan (a check's plan, or the version held back)
        self.changes = QTableWidget(0, 6, box)
        self.changes.setHorizontalHeaderLabels([self.tr("数据集"), self.tr("原版本"), self.tr("新版本"),
                                                self.tr("方式"), self.tr("新增/更新/删除"), self.tr("大小")])
        self.changes.setColumnHidden(5, True)  # until a size is known (a check's plan, an update just applied)
        self.changes.setAccessibleName(self.tr("各数据集的变化"))
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.verticalHeader().setVisible(False)
        self.changes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.changes.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as tall as its rows
        layout.addWidget(self.changes)
        self._fit_changes_height()
        # the records the last update added, changed and removed, below the counts
        self.records = ChangedRecordsView(services, tasks, lang, box)
        self.records.setVisible(False)  # until there is a list to show
        self.records.sig_open_record.connect(self.sig_open_record)
        layout.addWidget(self.records, 1)
        layout.addStretch(0)  # takes the room while there is no list (the list's stretch wins otherwise)
        self.refresh_status()

    # -- over a language switch

    def save_state(self) -> SyncState:
        running = self._running if self.tasks.is_running(self._task) else ""
        return SyncState(source=self.source_edit.text(), check=self._check, running=running,
                         task=self._task if running else None, cancel=self._cancel, relay=self._relay,
                         change_filter=self.records.change())

    def restore_state(self, state: SyncState) -> None:
        """The source as typed; a check or an update still running carries on here (its progress
        and its answer); else the plan of the last check, in this language."""
        self.source_edit.setText(state.source)
        self.records.set_change(state.change_filter)
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

    # -- the update source: one setting, shared with the Settings page and the automatic updater

    def show_source(self, source: str) -> None:
        """The update source saved elsewhere (the Settings page) shows here at once."""
        if self.source_edit.text().strip() != source:
            self.source_edit.setText(source)

    def _save_source(self, typed: TypedSource | None) -> None:
        """The source typed here (and probed by the task: `TypedSource`) becomes the saved `update_source`
        (what the Settings page edits and the automatic updater uses), written on a task's thread; a
        settings file that cannot be written is logged."""
        settings: Settings = self.services.settings
        if typed is None or not typed.keep or typed.text == settings.update_source:
            return  # a folder of something else or a malformed address is checked (and said so) but not kept
        old = dataclasses.replace(settings)
        data_dir, source = self.services.data_dir, typed.text
        self.tasks.run(lambda: update_settings(data_dir, settings, update_source=source), owner=self,
                       key="save-source", on_done=lambda saved: self.sig_source_saved.emit(saved, old),
                       on_error=lambda exc: log.warning("could not save the update source %r: %s", source, exc))

    def _typed(self) -> TypedSource:
        return TypedSource(self.source_edit.text().strip())

    # -- showing state

    # the words `ipdesk sync` uses too (domain.i18n)
    def _dataset_name(self, name: str) -> str:
        return dataset_label(name, self.lang)

    def _method_name(self, method: str) -> str:
        return code_label(SYNC_METHOD_NAMES, method, self.lang)

    def _mid_sentence(self, label: str) -> str:
        """An English label in brackets mid-sentence: lower-case ('(update available)'), as the CLI says it."""
        return pick(self.lang, label, label[:1].lower() + label[1:])

    def _outcome_text(self, outcome: str) -> str:
        return code_label(SYNC_OUTCOME_NAMES, outcome, self.lang) if outcome else "—"

    def _eta_text(self, seconds: float | None) -> str:
        """"剩余约 5 分钟" (`amounts.eta_text`, as `ipdesk sync --progress` says it) / "剩余不到 1 分钟":
        a bar that moves every second need not count seconds; nothing when no estimate yet."""
        if seconds is None:
            return ""
        if seconds < 60:
            return self.tr("剩余不到 1 分钟")
        return eta_text(seconds, window_language())

    def refresh_status(self) -> None:
        sync = self.services.sync
        self.tasks.run(sync.status, on_done=self._show_status, key="sync-status")

    def show_held(self, held: Any) -> None:
        """The automatic update held a version back (it removes most of a dataset): its plan and warning
        show here, as after *Check now* (None: there is none any more)."""
        self._held = held
        if self._running:
            return
        if held is not None:
            self._on_checked(held)
        elif self._check is not None:
            self.refresh_status()

    def _show_status(self, status: tuple[Any, Any]) -> None:
        if self._held is not None and not self._running:  # the held version, not the last update
            self._show_last_check(status[0])
            self._on_checked(self._held)
            return
        self._check = None
        self.risk_label.setVisible(False)
        state, applied = status
        self._show_last_check(state)
        self._show_health(state, applied)
        self._table_holds = "applied"
        self.applied_label.setVisible(False)  # the status line itself says what the table holds
        if applied is not None:
            # no changes: the data here were that version already, and the update was only recorded
            self.status_label.setText(
                (self.tr("已应用更新包第 %1 版，时间 %2。各数据集的变化：") if applied.changes
                 else self.tr("已记为更新包第 %1 版（%2）：这台电脑的数据与它相同，没有下载或更改任何记录。"))
                .replace("%1", str(applied.manifest_version)).replace("%2", local_time_text(applied.applied_at)))
            self._show_changes(applied.changes)
            if applied.changes:
                self.records.refresh()
            else:
                self.records.setVisible(False)
        else:
            self.status_label.setText(self.tr("尚未从更新来源应用过数据。"))
            self.records.setVisible(False)

    def _show_around(self, status: tuple[Any, Any]) -> None:
        """The status line says something else (a failed or a finished check, an update running): the
        last check's line, the freshness warning, and the last update heading the table it fills."""
        state, applied = status
        self._show_last_check(state)
        self._show_health(state, applied)
        if self._table_holds == "plan" or self._held is not None:
            return
        if applied is None:
            self.applied_label.setVisible(False)
            self.changes.setRowCount(0)
            self._fit_changes_height()
            return
        self.applied_label.setText(
            (self.tr("上次应用的更新：更新包第 %1 版，时间 %2。各数据集的变化：") if applied.changes
             else self.tr("上次记录的更新：更新包第 %1 版（%2），这台电脑的数据与它相同，没有更改。"))
            .replace("%1", str(applied.manifest_version)).replace("%2", local_time_text(applied.applied_at)))
        self.applied_label.setVisible(True)
        self._show_changes(applied.changes)

    def _show_health(self, state: Any, applied: Any) -> None:
        """Warn when the data may be getting old (`freshness.update_health`): the source expired, or
        no check reached the source and no update was applied for a month."""
        sync = self.services.sync
        clock = getattr(sync, "clock", None)
        health = update_health(state, applied, self.services.settings.update_source,
                               now=clock() if callable(clock) else None)
        text = ""
        if health.expired:
            text = (self.tr("注意：更新来源已过期（有效期至 %1），这台电脑的数据不会再更新。请联系数据发布者。")
                    .replace("%1", local_time_text(health.source_expires)))
        elif health.overdue:
            text = (self.tr("注意：已有 %1 天没有成功检查或更新数据（上次成功：%2），数据可能已经过时。请检查更新来源"
                            "和网络，或联系数据发布者。")
                    .replace("%1", str(health.days_since_success))
                    .replace("%2", local_time_text(health.last_success)))
        self.health_label.setText(text)
        self.health_label.setVisible(bool(text))

    def _set_row(self, r: int, values: list[str]) -> None:
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            align = Qt.AlignmentFlag.AlignRight if c in (1, 2, 5) else Qt.AlignmentFlag.AlignLeft
            item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            self.changes.setItem(r, c, item)

    def _set_counts_header(self, text: str) -> None:
        self.changes.setHorizontalHeaderItem(4, QTableWidgetItem(text))

    def _show_changes(self, changes: Any) -> None:
        self._set_counts_header(self.tr("新增/更新/删除"))
        sizes = self._sizes
        self.changes.setColumnHidden(5, not any(c.dataset in sizes for c in changes))
        self.changes.setRowCount(len(changes))
        for r, c in enumerate(changes):
            counts = f"+{c.added:,} / ~{c.updated:,} / −{c.deleted:,}"
            if c.kept_local:
                counts += " " + self.tr("（保留本地 %1 条）").replace("%1", f"{c.kept_local:,}")
            size = size_text(sizes[c.dataset]) if c.dataset in sizes else ""
            self._set_row(r, [self._dataset_name(c.dataset), str(c.old_version), str(c.new_version),
                              self._method_name(c.method), counts, size])
        self._fit_changes_height()

    def _fit_changes_height(self) -> None:
        """The per-dataset table as tall as its rows (five datasets at most): the list of changed
        records below it takes the rest of the page."""
        t = self.changes
        t.setVisible(t.rowCount() > 0)  # no update applied and no plan: no table of bare headings
        rows = sum(t.rowHeight(r) for r in range(t.rowCount()))
        scroll = t.horizontalScrollBar()
        t.setFixedHeight(t.horizontalHeader().sizeHint().height() + rows + 2 * t.frameWidth()
                         + (scroll.sizeHint().height() if scroll.isVisible() else 0))

    def _show_plan(self, check: Any, counts: dict[str, Any] | None = None) -> None:
        """The plan per dataset: what a delta adds, changes and removes when the manifest says
        (`plan_counts`), else the records the object holds."""
        known = {name: c.counts for name, c in (counts or {}).items() if c.counts is not None}
        self._set_counts_header(self.tr("新增/更新/删除") if known else self.tr("记录数"))
        self.changes.setColumnHidden(5, False)
        self.changes.setRowCount(len(check.plan))
        for r, p in enumerate(check.plan):
            c = known.get(p.name)
            text = (f"+{c.added:,} / ~{c.changed:,} / −{c.removed:,}" if c is not None
                    else (self.tr("共 %1 条") if known else self.tr("%1 条")).replace("%1", f"{p.records:,}"))
            self._set_row(r, [self._dataset_name(p.name), str(p.local_version), str(p.new_version),
                              self._method_name(p.method), text, size_text(p.size)])
        self._fit_changes_height()

    # -- actions

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

    def _no_source_typed(self) -> bool:
        """Nothing typed and nothing saved: said here, where the source is typed (the service's words send
        the user to this very page)."""
        if self.source_edit.text().strip() or self.services.settings.update_source:
            return False
        self.status_label.setText(self.tr("请先在上面的“更新来源”中填写网址，或点“选择文件夹…”选择 U 盘上的更新文件夹。"))
        self.source_edit.setFocus()
        return True

    def _on_check_button_clicked(self) -> None:
        if self._no_source_typed():
            return
        typed = self._typed()
        self._start_check(typed.text or None, typed)

    def _switch_confirmed(self, source: str | None) -> str:
        """The publisher key a switch was confirmed for at this source ('' none)."""
        if self._switch_ok is not None and self._switch_ok[0] == (source or ""):
            return self._switch_ok[1]
        return ""

    def _start_check(self, source: str | None, typed: TypedSource | None = None) -> None:
        """Check `source` (None: the saved one); `typed`, the source typed here, is kept when the check ends."""
        self._held = None  # this check's answer replaces it
        sync = self.services.sync
        switch = self._switch_confirmed(source)
        self._started_source = source or ""
        token = CancelToken()
        self._cancel = token
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("正在检查…"))
        self._running = "check"
        # The token also tells the task runner to drop the answer of a check cancelled here, and the
        # service stops between the files it fetches.
        def run() -> Any:
            if typed is not None:
                typed.probe()
            return _check_with_risk(sync, source, token, switch)

        self._task = self.tasks.run(run, on_done=lambda answer: self._ended(typed, self._on_checked, answer),
                                    on_error=lambda error: self._ended(typed, self._on_failed, error),
                                    network=True, token=token)

    def _ended(self, typed: TypedSource | None, then: Callable[[Any], None], outcome: Any) -> None:
        """A check or an update asked for here has ended: keep the source typed for it, then show `outcome`."""
        self._save_source(typed)
        then(outcome)

    def _on_checked(self, answer: Any) -> None:
        """`answer`: (the check, imported records at risk per dataset, what each planned dataset
        changes), as `_check_with_risk` returns."""
        check, at_risk, counts = (*answer, {}, {})[:3] if isinstance(answer, tuple) else (answer, {}, {})
        self._set_busy(False)
        self._cancel = None
        self._check = answer
        if not getattr(check, "switched_from", ""):
            self._switch_ok = None  # no switch now (another source, or the same publisher again): asked anew
        self._show_risk(at_risk, counts)
        switching = self.tr("将改用密钥 %1 的发布者：它的每个数据集都替换本机的数据（与本机相同的不必下载）。").replace(
            "%1", check.key_id) if getattr(check, "switched_from", "") else ""
        if check.note[0]:  # the source is older than the data here (an old USB stick): nothing to do
            self.status_label.setText(pick(window_language(), *check.note))
        elif check.up_to_date:
            self.status_label.setText(self.tr("数据已是最新（更新包第 %1 版）。").replace("%1", str(check.manifest.version)))
        else:
            self.status_label.setText(self.tr("有可用更新：更新包第 %1 版，需下载 %2。")
                                      .replace("%1", str(check.manifest.version))
                                      .replace("%2", size_text(check.download_bytes))
                                      + (f"\n{switching}" if switching else ""))
            self._table_holds = "plan"
            self.applied_label.setVisible(False)
            self._show_plan(check, counts)
        announce(self.status_label)  # what the check found
        self.refresh_status_label_only()

    def _show_risk(self, at_risk: dict[str, int], counts: dict[str, Any] | None = None) -> None:
        """Warnings before an update is applied: a dataset it would mostly empty (an empty or wrong
        database published by mistake), and records imported here it would delete or replace."""
        # the service's words, in the window's language (`plan_counts.removal_warning`, as `sync --check`)
        lines = [removal_warning(c, window_language()) for _name, c in sorted((counts or {}).items()) if c.removes_most]
        total = sum(at_risk.values())
        if total:
            per = self.tr("、").join(f"{self._dataset_name(name)} {n:,}" for name, n in sorted(at_risk.items()))
            lines.append(
                self.tr("注意：这次更新将删除或替换本机导入的 %1 条记录（%2），它们未标为本机数据。如需保留，请先在"
                        "“导入文件”中勾选“作为本机数据导入”，把这些文件重新导入，再更新。")
                .replace("%1", f"{total:,}").replace("%2", per))
        self.risk_label.setVisible(bool(lines))
        if lines:
            self.risk_label.setText("\n".join(lines))

    def refresh_status_label_only(self) -> None:
        sync = self.services.sync
        self.tasks.run(sync.status, on_done=self._show_around, key="sync-status", owner=self)

    def _show_last_check(self, state: Any) -> None:
        if not state.last_check:  # never checked: say so, not "—（—）"; nothing while the first one runs
            self.last_check_label.setText("" if self._running else self.tr("尚未检查过更新。"))
            return
        msg = state.message_en if self.lang.startswith("en") else state.message_zh
        if msg and msg in (self.status_label.text(), self._raw_error):
            msg = ""  # the line below already says it (a check that just failed)
        self.last_check_label.setText(
            self.tr("上次检查：%1（%2）").replace("%1", local_time_text(state.last_check) or "—")
            .replace("%2", self._mid_sentence(self._outcome_text(state.outcome))) + (f"\n{msg}" if msg else ""))

    def _on_sync_button_clicked(self) -> None:
        if self._no_source_typed():
            return
        typed = self._typed()
        self._start_sync(typed.text or None, typed)

    def _start_sync(self, source: str | None, typed: TypedSource | None = None) -> None:
        self._held = None
        sync = self.services.sync
        switch = self._switch_confirmed(source)
        self._started_source = source or ""
        token = CancelToken()
        self._cancel = token
        relay = self._relay
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("正在检查…"))
        self._running = "sync"
        removals: bool | tuple[str, int] = self._removals_ok or False  # asked first (`_confirm_removals`)
        self._removals_ok = None  # for this one update only
        def run() -> Any:
            if typed is not None:
                typed.probe()
            return sync.sync(source, progress=relay.report, cancel=token, switch_publisher=switch,
                             allow_removals=removals)

        self._task = self.tasks.run(run, on_done=lambda result: self._ended(typed, self._on_synced, result),
                                    on_error=lambda error: self._ended(typed, self._on_failed, error), network=True)

    def _on_cancel_button_clicked(self) -> None:
        if self._cancel is None:
            return
        self._cancel.cancel()
        if self._running == "check":  # nothing to undo: the panel is free at once, the answer is dropped
            self._set_busy(False)
            self._cancel = None
            self.status_label.setText(self.tr("检查已取消。"))
            self.refresh_status_label_only()
        else:  # an update stops at its next step and says so (what was downloaded is kept)
            self.status_label.setText(self.tr("正在取消…"))

    def _untrusted_text(self, error: BaseException) -> str:
        """What to do about a publisher this computer does not trust; '' for any other error."""
        if not isinstance(error, UntrustedPublisherError):  # a bad signature on a known key stays as said
            return ""
        advice = self.tr("请向发布者索取公钥文件（.pub），在“设置 → 受信任的发布者”中添加并保存，然后再检查。")
        keys = ", ".join(error.key_ids)
        # a trusted_keys in settings.json that was not used (a path, a wrong type …): the likely reason
        note = getattr(error, "settings_note", None)
        advice += f"\n{note(window_language())}" if note is not None else ""
        if keys:
            return (self.tr("这个更新来源的发布者（密钥 %1）不在受信任名单中，未做任何更改。").replace("%1", keys)
                    + advice)
        return self.tr("没有受信任的发布者公钥，无法验证更新，未做任何更改。") + advice

    def _switch_refused_text(self, error: BaseException) -> str:
        """Another publisher's source, not switched to: what to do here, in the window ('' for any other
        error; the service's text names the command-line option)."""
        if not (isinstance(error, RollbackError) and error.switchable):
            return ""
        if error.previous_key_id:
            why = (self.tr("这个更新来源来自另一个发布者（密钥 %1），不是本机上次更新所用的发布者（密钥 %2），没有应用，"
                           "未做任何更改。").replace("%1", error.key_id).replace("%2", error.previous_key_id))
        else:
            why = self.tr("这个更新来源（密钥 %1）提供的数据比本机已应用的旧，没有应用，未做任何更改。").replace("%1", error.key_id)
        return why + self.tr("如确要改用这个发布者的数据（或者原发布者更换了密钥），请再点“立即检查”或“立即更新”，"
                             "在询问是否改用时选“是”。")

    def confirm_switch_publisher(self, error: RollbackError) -> bool:
        """Asked when the source is another trusted publisher's than the last update's (or the last
        update recorded none, and the source offers older data): switch to it on purpose?"""
        if error.previous_key_id:
            why = (self.tr("这个更新来源来自另一个发布者（密钥 %1），不是本机上次更新所用的发布者（密钥 %2）。"
                           "不同发布者的更新包各自编号，不能相互比较。")
                   .replace("%1", error.key_id).replace("%2", error.previous_key_id))
        else:
            why = (self.tr("这个更新来源（密钥 %1）提供的数据比本机已应用的旧。本机上次的更新没有记下它来自哪个发布者；"
                           "如果这个来源来自另一个发布者，可以改用它。").replace("%1", error.key_id))
        question = self.tr("要改用这个发布者吗？改用后，它的每个数据集都会整体替换本机的数据（本机数据和标为本机的导入"
                           "不受影响），本机此后以它的更新包为准。如不确定，请选“否”，并先向管理员确认。")
        answer = QMessageBox.question(self, self.tr("改用另一个发布者"), as_plain(f"{why}\n\n{question}"),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _confirm_removals(self, error: RemovalsHeldError) -> bool:
        """"Update now" found a version that removes most of a dataset: apply it anyway? (No: nothing
        changes.)"""
        lang = window_language()
        numbers = self.tr("；").join(
            removal_numbers(name, *counts, lang, replaced=name in error.replaced)
            for name, counts in sorted(error.datasets.items()))
        text = (self.tr("这次更新（更新包第 %1 版）会删除大部分记录：%2。这常常是发布者误用了空的或错误的数据库。")
                .replace("%1", str(error.version)).replace("%2", numbers)
                + "\n\n" + self.tr("仍要应用吗？如不确定，请选“否”（不做任何更改），并先向数据发布者确认。"))
        answer = QMessageBox.question(self, self.tr("更新会删除大部分记录"), as_plain(text),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def cancel_running(self) -> None:
        """The window is closing: a check or an update started here stops (nothing is answered to)."""
        if self._cancel is not None:
            self._cancel.cancel()

    def _on_relay_progress(self, p: SyncProgress) -> None:
        if self._cancel is not None and self._cancel.cancelled:
            return  # "正在取消…" stays until the update stops
        if p.phase == "download" and p.total_bytes:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * p.done_bytes / p.total_bytes))
            eta = self._eta_text(p.eta_seconds)
            self.status_label.setText(self.tr("正在下载：%1 / %2").replace("%1", size_text(p.done_bytes))
                                      .replace("%2", size_text(p.total_bytes)) + (f"  {eta}" if eta else ""))
        elif p.phase == "retry":  # the bar stays where the bytes are; no time left while it waits to reconnect
            self.status_label.setText(self.tr("连接中断，正在重新连接（第 %1 / %2 次）…  已下载 %3 / %4")
                                      .replace("%1", str(p.attempt)).replace("%2", str(p.attempts))
                                      .replace("%3", size_text(p.done_bytes)).replace("%4", size_text(p.total_bytes)))
        elif p.phase == "apply" and p.total_records:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * p.records / p.total_records))
            eta = self._eta_text(p.eta_seconds)
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
        self.risk_label.setVisible(False)
        version = str(result.check.manifest.version)
        if result.applied is None:
            self._table_holds = "applied"
            self.status_label.setText(self.tr("数据已是最新（更新包第 %1 版）。").replace("%1", version))
            self.sig_sync_ended.emit(self.tr("数据已是最新"))
            self.refresh_status_label_only()
            return
        self._sizes = {p.name: p.size for p in result.check.plan}
        self._switch_ok = None  # a Yes counts for one update: after any, a switch is asked about again
        if result.check.up_to_date:  # the data here were that version already: only recorded as it
            self.sig_sync_ended.emit(self.tr("数据已是最新"))
        else:
            self.sig_sync_ended.emit(self.tr("数据更新已应用（更新包第 %1 版）").replace("%1", version))
        self.sig_applied.emit(result)
        self.refresh_status()

    def _on_failed(self, error: BaseException) -> None:
        was = self._running
        self._set_busy(False)
        self._cancel = None
        self._check = None
        # A cancelled or broken-off download leaves the plan standing (the next update fetches the rest):
        # it stays on show. After any other failure it no longer stands: the last update, headed as such.
        if not (self._table_holds == "plan" and isinstance(error, SyncCancelledError | DownloadError)):
            self._table_holds = "applied"
        self.risk_label.setVisible(False)
        msg = error_text(error, self.lang, doing="in a data update")
        own = self._untrusted_text(error) or self._switch_refused_text(error)
        self._raw_error = msg if own else ""
        self.status_label.setText(own or msg)
        announce(self.status_label)
        if (was in ("check", "sync") and isinstance(error, RollbackError) and error.switchable
                and self._switch_confirmed(self._started_source or None) != error.key_id
                and self.confirm_switch_publisher(error)):
            self._switch_ok = (self._started_source, error.key_id)
            self.refresh_status_label_only()
            if was == "check":
                self._start_check(self._started_source or None)
            else:
                self._start_sync(self._started_source or None)
            return
        if was == "sync" and isinstance(error, RemovalsHeldError) and self._confirm_removals(error):
            self._removals_ok = (error.key_id, error.version)
            self._start_sync(self._started_source or None)
            return
        if was == "sync":
            self.sig_sync_ended.emit(self.tr("数据更新已取消") if isinstance(error, SyncCancelledError)
                                     else self.tr("数据更新未完成，原因见“数据与同步”页"))  # short: the bar is narrow
        self.refresh_status_label_only()
