"""The status bar: dataset versions and as-of dates, online/offline, and background-task progress."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QStatusBar, QWidget

from ipdesk.services.sync.client import malformed_web_address, normalize_location
from ipdesk.services.sync.manifest import MANIFEST_NAME
from ipdesk.ui.announce import announce
from ipdesk.ui.plain_text import as_plain

log = logging.getLogger("ipdesk.ui.status")

PROBE_INTERVAL_MS = 60_000
PROBE_TIMEOUT_S = 3.0

# Which datasets the bar keeps when it is narrow (most important first): what staff look up and
# what imports and updates change before the reference lists that rarely do.
DATASET_RANK = ("gi", "trademarks", "patents", "divisions", "classifications")
SEPARATOR = " · "
MORE = "…"


def fit_parts(prefix: str, parts: list[tuple[int, str]], width: int, advance: Any) -> str:
    """The one-line text that fits `width`: `prefix` and whole parts in their order, the least
    important (highest rank) left out first, "…" standing for those left out; when not even the most
    important fits, it is cut short with "…". `advance(text)` measures a text."""
    if not parts:
        return prefix.rstrip()
    by_rank = sorted(range(len(parts)), key=lambda i: (parts[i][0], i))
    for keep in range(len(parts), 0, -1):
        kept = sorted(by_rank[:keep])
        text = prefix + SEPARATOR.join(parts[i][1] for i in kept)
        if keep < len(parts):
            text += SEPARATOR + MORE
        if advance(text) <= width:
            return text
    return prefix + parts[by_rank[0]][1]  # cut short by the caller


class FittingLabel(QLabel):
    """One line of items, never broken inside an item: at a narrow width whole items drop out (least
    important first) and "…" says so; the tooltip and the accessible description have them all."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._prefix = ""
        self._parts: list[tuple[int, str]] = []
        self.setWordWrap(False)
        self.setTextFormat(Qt.TextFormat.PlainText)
        # the bar gives it the room left; its full length must not widen the window
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_parts(self, prefix: str, parts: list[tuple[int, str]]) -> None:
        """`parts`: (rank, text) in display order; rank 0 is kept longest."""
        self._prefix, self._parts = prefix, list(parts)
        full = prefix + SEPARATOR.join(text for _rank, text in parts)
        self.setToolTip(as_plain("\n".join(text for _rank, text in parts)))
        self.setAccessibleDescription(full)
        self._fit()

    def full_text(self) -> str:
        return self._prefix + SEPARATOR.join(text for _rank, text in self._parts)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._parts:
            return
        metrics = self.fontMetrics()
        width = self.contentsRect().width() - 2 * self.margin()
        text = fit_parts(self._prefix, self._parts, width, metrics.horizontalAdvance)
        if metrics.horizontalAdvance(text) > width:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        if text != self.text():
            self.setText(text)


class ElidedLabel(QLabel):
    """One line that never asks for more than about `max_chars` characters of width (so a long message
    cannot widen the window) and draws what does not fit cut with "…"; `text()` and the tooltip keep
    it all."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, max_chars: int = 60) -> None:
        super().__init__(text, parent)
        self.max_chars = max_chars
        self.setWordWrap(False)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)

    def _cap(self) -> int:
        return self.fontMetrics().averageCharWidth() * self.max_chars

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), self._cap()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 8), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self.text()) <= rect.width():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.drawText(rect, int(self.alignment()),
                         metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width()))

    def drawn_text(self) -> str:
        """What shows: the text, or its start cut with "…" where it does not fit."""
        width = self.contentsRect().width() - 2 * self.margin()
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self.text()) <= width:
            return self.text()
        return metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, width)


def probe_update_source(source: str) -> str:
    """'online' | 'offline' | 'local' | 'not_source' | 'malformed' | 'unset' for the update source (runs on a
    network worker). The source is read as a sync reads it (`normalize_location`: HTTP://, host:port …)."""
    if not source.strip():
        return "unset"
    source = normalize_location(source)
    if malformed_web_address(source):  # settings.json written by hand or an installer: no server has it
        return "malformed"
    if source.lower().startswith(("http://", "https://")):
        url = urlparse(source)
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            with socket.create_connection((url.hostname or "", port), timeout=PROBE_TIMEOUT_S):
                return "online"
        except OSError:
            return "offline"
    folder = Path(source)
    if not folder.is_dir():
        return "offline"
    # a folder without the update's manifest is no update source: not shown as working
    return "local" if (folder / MANIFEST_NAME).is_file() else "not_source"


class StatusBar(QStatusBar):
    def __init__(self, services: Any, tasks: Any, parent: QWidget | None = None, *, probe: bool = True) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.data_label = FittingLabel(self.tr("数据：读取中…"), self)
        self.data_label.setAccessibleName(self.tr("数据版本"))
        self.addWidget(self.data_label, 1)
        # a database copied from a CD or on a write-protected stick: searches work, imports and updates do not
        self.read_only_label = QLabel(self.tr("只读"), self)
        self.read_only_label.setToolTip(self.tr("数据库文件是只读的：可以查询，不能导入、更新或恢复数据。"
                                                "请检查文件权限（Windows：在文件“属性”中取消“只读”），然后重新打开 ipdesk。"))
        self.read_only_label.setAccessibleName(self.tr("数据库只读"))
        local_read_only = bool(services.db.local_store.read_only)
        if local_read_only and not services.db.read_only:  # the service record only: its own words
            self.read_only_label.setToolTip(self.tr(
                "本机服务台账文件是只读的：可以查询和备份，不能记入服务台账、导出报告、保存检索或恢复备份。"
                "请检查文件权限（Windows：在文件“属性”中取消“只读”），然后重新打开 ipdesk。"))
        self.read_only_label.setVisible(bool(services.db.read_only) or local_read_only)
        self.addPermanentWidget(self.read_only_label)
        # a data folder on a network share: a rollback journal, one computer at a time (db.open_database)
        self.network_label = QLabel(self.tr("网络文件夹"), self)
        self.network_label.setToolTip(self.tr("数据文件夹在网络驱动器上。同一时间只能有一台计算机使用这个数据文件夹"
                                              "（否则数据库可能损坏）；放在本机的文件夹中更快也更安全。"))
        self.network_label.setAccessibleName(self.tr("数据文件夹在网络驱动器上"))
        self.network_label.setAccessibleDescription(self.network_label.toolTip())
        self.network_label.setProperty("role", "error")
        self.network_label.setVisible(bool(services.db.on_network))
        self.addPermanentWidget(self.network_label)
        self.sync_label = ElidedLabel("", self)  # a long message is cut, never widening the window
        self.sync_label.setAccessibleName(self.tr("数据更新状态"))
        self.addPermanentWidget(self.sync_label)
        self.online_label = QLabel("", self)
        self.online_label.setAccessibleName(self.tr("联网状态"))
        self.addPermanentWidget(self.online_label)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setAccessibleName(self.tr("后台任务"))
        self.progress.setVisible(False)
        self.busy_label = QLabel("", self)
        self.addPermanentWidget(self.busy_label)
        self.addPermanentWidget(self.progress)
        self._running = 0
        tasks.sig_busy_changed.connect(self._on_tasks_busy_changed)
        tasks.sig_waiting_for_database.connect(self._on_waiting_for_database)
        self.set_online_state("unset")
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(PROBE_INTERVAL_MS)
        self._probe_timer.timeout.connect(self.probe)
        if probe:
            self._probe_timer.start()
            self.probe()
        self.refresh_datasets()

    def set_sync_message(self, text: str, detail: str = "") -> None:
        """'update available / downloading / applied' from the background sync monitor: one short line
        (cut with "…" where the bar is narrow); `detail`, the whole message, is its tooltip. Screen readers
        get both as its description (its name says what the line is), and hear a new message at once."""
        self.sync_label.setText(text)
        self.sync_label.setToolTip(as_plain(detail if detail and detail != text else text))
        self.sync_label.setAccessibleDescription("\n".join(dict.fromkeys(t for t in (text, detail) if t)))
        announce(self.sync_label)

    def refresh_datasets(self) -> None:
        self.tasks.run(self.services.datasets, on_done=self._show_datasets, key="status-datasets")

    def _show_datasets(self, datasets: list[Any]) -> None:
        names = {"divisions": self.tr("区划"), "gi": self.tr("地理标志"), "classifications": self.tr("分类"),
                 "patents": self.tr("专利"), "trademarks": self.tr("商标"),
                 "local_patents": self.tr("本机导入的专利"), "local_trademarks": self.tr("本机导入的商标"),
                 "local_gi": self.tr("本机导入的地理标志")}
        parts: list[tuple[int, str]] = []
        for d in datasets:
            if d.record_count:
                as_of = d.as_of.isoformat() if d.as_of else "—"
                name = names.get(d.name, d.name)
                kind = d.name.removeprefix("local_")  # a local import ranks as the dataset it sits beside
                rank = DATASET_RANK.index(kind) if kind in DATASET_RANK else len(DATASET_RANK)
                if d.version:
                    parts.append((rank, self.tr("%1 v%2（截至 %3）").replace("%1", name)
                                  .replace("%2", str(d.version)).replace("%3", as_of)))
                else:  # imported into an empty dataset: no published version to name ("v0")
                    parts.append((rank, self.tr("%1（截至 %2）").replace("%1", name).replace("%2", as_of)))
        # One line, whole items only (a narrow window drops the least important); the tooltip has all.
        self.data_label.set_parts(self.tr("数据："), parts)

    def probe(self) -> None:
        source = self.services.settings.update_source
        self.tasks.run(lambda: probe_update_source(source), on_done=self.set_online_state, network=True,
                       key="status-probe")

    def set_online_state(self, state: str) -> None:
        texts = {"online": self.tr("● 在线"), "offline": self.tr("○ 离线"), "local": self.tr("● 本地更新源"),
                 "unset": self.tr("○ 离线"), "not_source": self.tr("○ 更新源无效"),
                 "malformed": self.tr("○ 更新源无效")}
        tips = {"unset": self.tr("未设置更新来源（设置 → 更新来源）"),
                "not_source": self.tr("更新来源的文件夹中没有 manifest.json，不是 ipdesk 更新源（数据与同步 → 更新来源）"),
                "malformed": self.tr("更新来源的网址格式不对，请核对（设置 → 更新来源）")}
        shown, tip = texts.get(state, state), tips.get(state, "")
        self.online_label.setText(shown)
        self.online_label.setToolTip(tip)
        # what it shows, without the ●/○ a screen reader would read out as a shape
        self.online_label.setAccessibleDescription("\n".join(t for t in (shown.lstrip("●○ "), tip) if t))
        self.online_state = state

    def _on_tasks_busy_changed(self, running: int) -> None:
        self._running = running
        self._show_busy()

    def _on_waiting_for_database(self, waiting: bool) -> None:
        """A page's read met the database locked by another writer (a data folder on a network share
        during an update's apply or an import) and is tried again by itself (`tasks.wait_if_busy`)."""
        self._show_busy()
        if waiting:
            announce(self.busy_label)

    def _show_busy(self) -> None:
        running = self._running
        self.progress.setVisible(running > 0)
        if self.tasks.waiting_for_database:
            text = self.tr("等待数据库…")
            tip = self.tr("数据库正忙于另一项写入（数据更新或导入）。要读的内容每隔几秒自动再试，写完后就会显示。")
        else:
            text = self.tr("后台任务 %1").replace("%1", str(running)) if running > 0 else ""
            tip = ""
        self.busy_label.setText(text)
        self.busy_label.setToolTip(tip)
        self.busy_label.setAccessibleDescription(tip)
