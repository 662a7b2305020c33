"""The last line of defence: an unexpected exception is logged with its traceback and shown in a
dialog on the GUI thread (through a signal, from whatever thread raised it)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from ipdesk.services.logfiles import current_log_file

log = logging.getLogger("ipdesk.crash")


class CrashReporter(QObject):
    sig_crashed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, show_dialog: bool = True, exit_code: int | None = None) -> None:
        super().__init__(parent)
        self.show_dialog = show_dialog
        # Kiosk: nobody is there to read a dialog; quit with this status so the supervisor restarts.
        self.exit_code = exit_code
        self.last_report = ""
        self.open_logs_button: QAbstractButton | None = None  # on the dialog last built
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

    def start_failed(self, exc: BaseException, *, show_dialog: bool) -> str:
        """An unexpected error before the window opened (no event loop yet, so the excepthook's
        queued dialog would never show, and the program ended with status 1 and nothing on screen):
        logged with its traceback, and shown in the dialog now when someone can read it. Returns
        the report."""
        report = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.critical("ipdesk could not start:\n%s", report)
        self.last_report = report
        if show_dialog:
            self._show(self.message_box(report, at_start=True))
        return report

    @Slot(str)
    def _on_crashed(self, report: str) -> None:
        if self.exit_code is not None:
            QCoreApplication.exit(self.exit_code)
            return
        if not self.show_dialog:
            return
        self._show(self.message_box(report))

    def _show(self, box: QMessageBox) -> None:
        box.exec()
        if box.clickedButton() is not None and box.clickedButton() is self.open_logs_button:
            from ipdesk.ui.about import open_folder

            log_file = current_log_file()
            if log_file is not None:
                open_folder(log_file.parent)

    def message(self, *, at_start: bool = False) -> str:
        """What the dialog says: that the error was logged, where the log file is, what to do.
        `at_start`: the window could not open (nothing to go on using)."""
        log_file = current_log_file()
        if at_start:
            if log_file is None:
                return self.tr("ipdesk 无法启动：发生了意外错误。未能写入日志文件，请把下面“详细信息”中的内容复制下来"
                               "发给技术人员。")
            return (self.tr("ipdesk 无法启动：发生了意外错误，详细信息已记录到日志文件：\n%1\n\n"
                            "请再启动一次；如仍无法启动，请把这个日志文件发给技术人员。")
                    .replace("%1", str(log_file)))
        if log_file is None:  # the data folder could not be written: nothing went to a file
            return self.tr("发生了意外错误。未能写入日志文件，请把下面“详细信息”中的内容复制下来发给技术人员。"
                           "可以继续使用，如反复出现请重新启动 ipdesk。")
        return (self.tr("发生了意外错误，详细信息已记录到日志文件：\n%1\n\n可以继续使用，如反复出现请重新启动 ipdesk。"
                        "需要帮助时，请把这个日志文件发给技术人员（F1“关于与帮助”中也有日志文件夹）。")
                .replace("%1", str(log_file)))

    def message_box(self, report: str, *, at_start: bool = False) -> QMessageBox:
        """The dialog shown for an unexpected error (built apart from showing it, for the tests);
        `at_start`: one that stopped the window from opening (`app.run_app`)."""
        self.open_logs_button = None
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("ipdesk 出错了"), self.message(at_start=at_start))
        box.setObjectName("crash_dialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setDetailedText(report)
        box.addButton(QMessageBox.StandardButton.Ok)
        if current_log_file() is not None:
            button = box.addButton(self.tr("打开日志文件夹"), QMessageBox.ButtonRole.ActionRole)
            button.setObjectName("open_logs_folder")
            self.open_logs_button = button
        return box
