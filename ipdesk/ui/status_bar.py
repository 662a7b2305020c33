"""The status bar: dataset versions and as-of dates, online/offline, and background-task progress."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

log = logging.getLogger("ipdesk.ui.status")

PROBE_INTERVAL_MS = 60_000
PROBE_TIMEOUT_S = 3.0


def probe_update_source(source: str) -> str:
    """'online' | 'offline' | 'local' | 'unset' for the update source (runs on a network worker)."""
    if not source:
        return "unset"
    if source.startswith(("http://", "https://")):
        url = urlparse(source)
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            with socket.create_connection((url.hostname or "", port), timeout=PROBE_TIMEOUT_S):
                return "online"
        except OSError:
            return "offline"
    return "local" if Path(source).is_dir() else "offline"


class StatusBar(QStatusBar):
    def __init__(self, services: Any, tasks: Any, parent: QWidget | None = None, *, probe: bool = True) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.data_label = QLabel(self.tr("数据：读取中…"), self)
        self.data_label.setWordWrap(True)
        self.data_label.setAccessibleName(self.tr("数据版本"))
        self.addWidget(self.data_label, 1)
        self.sync_label = QLabel("", self)
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
        tasks.sig_busy_changed.connect(self._on_tasks_busy_changed)
        self.set_online_state("unset")
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(PROBE_INTERVAL_MS)
        self._probe_timer.timeout.connect(self.probe)
        if probe:
            self._probe_timer.start()
            self.probe()
        self.refresh_datasets()

    def set_sync_message(self, text: str) -> None:
        """'update available / downloading / applied' from the background sync monitor."""
        self.sync_label.setText(text)

    def refresh_datasets(self) -> None:
        self.tasks.run(self.services.datasets, on_done=self._show_datasets, key="status-datasets")

    def _show_datasets(self, datasets: list[Any]) -> None:
        names = {"divisions": self.tr("区划"), "gi": self.tr("地理标志"), "classifications": self.tr("分类"),
                 "patents": self.tr("专利"), "trademarks": self.tr("商标")}
        parts = []
        for d in datasets:
            if d.record_count:
                as_of = d.as_of.isoformat() if d.as_of else "—"
                name = names.get(d.name, d.name)
                if d.version:
                    parts.append(self.tr("%1 v%2（截至 %3）").replace("%1", name)
                                 .replace("%2", str(d.version)).replace("%3", as_of))
                else:  # imported into an empty dataset: no published version to name ("v0")
                    parts.append(self.tr("%1（截至 %2）").replace("%1", name).replace("%2", as_of))
        # The bar shows the short form (fits a laptop screen at the largest font); the tooltip all of it.
        self.data_label.setText(self.tr("数据：") + " · ".join(parts))
        self.data_label.setToolTip("\n".join(parts))

    def probe(self) -> None:
        source = self.services.settings.update_source
        self.tasks.run(lambda: probe_update_source(source), on_done=self.set_online_state, network=True,
                       key="status-probe")

    def set_online_state(self, state: str) -> None:
        texts = {"online": self.tr("● 在线"), "offline": self.tr("○ 离线"), "local": self.tr("● 本地更新源"),
                 "unset": self.tr("○ 离线")}
        self.online_label.setText(texts.get(state, state))
        self.online_label.setToolTip(self.tr("未设置更新来源（设置 → 更新来源）") if state == "unset" else "")
        self.online_state = state

    def _on_tasks_busy_changed(self, running: int) -> None:
        self.progress.setVisible(running > 0)
        self.busy_label.setText(self.tr("后台任务 %1").replace("%1", str(running)) if running > 0 else "")
