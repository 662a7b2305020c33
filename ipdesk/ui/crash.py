"""The last line of defence: an unexpected exception is logged with its traceback and shown in a
dialog on the GUI thread (through a signal, from whatever thread raised it)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("ipdesk.crash")


class CrashReporter(QObject):
    sig_crashed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, show_dialog: bool = True, exit_code: int | None = None) -> None:
        super().__init__(parent)
        self.show_dialog = show_dialog
        # Kiosk: nobody is there to read a dialog; quit with this status so the supervisor restarts.
        self.exit_code = exit_code
        self.last_report = ""
        self._previous_hook: Any = None
        self.sig_crashed.connect(self._on_crashed, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook

    def excepthook(self, etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        report = "".join(traceback.format_exception(etype, value, tb))
        log.critical("unexpected error:\n%s", report)
        self.last_report = report
        self.sig_crashed.emit(report)

    @Slot(str)
    def _on_crashed(self, report: str) -> None:
        if self.exit_code is not None:
            QCoreApplication.exit(self.exit_code)
            return
        if not self.show_dialog:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("ipdesk 出错了"),
                          self.tr("发生了意外错误。已记录到日志；可以继续使用，如反复出现请重新启动 ipdesk。"))
        box.setDetailedText(report)
        box.exec()
