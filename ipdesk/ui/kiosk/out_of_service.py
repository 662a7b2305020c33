"""The kiosk's out-of-service screen: shown full screen, and kept up, when the kiosk cannot start for a
reason the staff must mend (a data folder a newer ipdesk upgraded).

A message box closed on the first tap, after which the program ended and the supervisor, rightly, did
not restart it: the hall's visitors were left looking at the desktop (QA 19a). This screen stays until
a member of staff enters the admin PIN (the same pad, the same lock-out after wrong PINs, as the kiosk's
own), keeps the supervisor's heartbeat going, and refuses Escape, Alt+F4, closing and minimising.

After the PIN, the technician standing at the kiosk gets its service screen, not the staff window (which
would fail there for the same reason the kiosk did): why it stopped, the version, where the data folder
and the logs are (`services.kiosk_diagnostics`), and three choices: 重试 (the check that put it out of
service run again in the background; if it passes, the kiosk starts), 保存到 U 盘… (that text and this
run's log to a folder) and 退出自助机. Left alone, it goes back to the notice, as the PIN pad does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.i18n import pick
from ipdesk.services.errors import IpdeskError
from ipdesk.services.kiosk_diagnostics import diagnostics_text, save_diagnostics
from ipdesk.services.kiosk_pin import PinGuard
from ipdesk.services.logfiles import current_log_file
from ipdesk.services.storage_place import data_folder_on_network
from ipdesk.ui.activity import is_user_input
from ipdesk.ui.kiosk.screens import AdminScreen
from ipdesk.ui.kiosk.shell import HEARTBEAT_MS, show_refusal, touch_heartbeat
from ipdesk.ui.kiosk.usb_folder import usb_folder
from ipdesk.ui.kiosk.widgets import KIOSK_QSS, KioskScreen, big_button, is_escape_or_alt_f4, role_label
from ipdesk.ui.tasks import TaskRunner

log = logging.getLogger("ipdesk.ui.kiosk")

PIN_PAD_IDLE_MS = 60_000  # a PIN pad left open by a curious visitor goes back to the notice


class ServiceScreen(KioskScreen):
    """For the technician, after the PIN: the diagnostics text (selectable, scrolled), 重试, 保存到 U 盘…,
    退出自助机, and a line saying what each did. Back goes to the notice (the PIN is asked again); there is
    no 首页 (Home) beside it, as on the PIN pad: the notice is this window's only other screen."""

    def __init__(self, parent: QWidget | None = None, *, lang: str = "zh_CN") -> None:
        super().__init__(parent, lang=lang)
        self.prompt = role_label("hint", self)
        self.body.addWidget(self.prompt)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setObjectName("diagnostics")
        self.text.setStyleSheet("QPlainTextEdit { font-size: 16pt; }")  # the kiosk's 22 pt: lines too long to read
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.body.addWidget(self.text, 1)
        self.status = role_label("hint", self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.status)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.retry_button = big_button("", "fa5s.redo", self)
        self.save_button = big_button("", "fa5s.save", self, role="secondary")
        self.exit_button = big_button("", "fa5s.sign-out-alt", self, role="secondary")
        for button in (self.retry_button, self.save_button, self.exit_button):
            row.addWidget(button, 1)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("暂停服务：给技术人员"))
        self.prompt.setText(self.tr("本机因下面的原因暂停服务。排除问题后点“重试”；也可以把诊断信息和日志存到 U 盘带走。"))
        self.retry_button.setText(self.tr("重试"))
        self.save_button.setText(self.tr("保存到 U 盘…"))
        self.exit_button.setText(self.tr("退出自助机"))

    def buttons(self) -> list[QPushButton]:
        return [self.retry_button, self.save_button, self.exit_button]


class OutOfServiceWindow(QWidget):
    """The notice in big type and, in a corner, a "staff" button that opens the admin PIN pad; after the
    PIN, the service screen. `sig_exit_authorised` once 退出自助机 was chosen there, `sig_back_in_service`
    (with what `retry` returned) once a retry passed; then the window closes.

    `reason`: what put the kiosk out of service; `retry`: the check that did, run again on the task
    runner's database worker (it raises while the kiosk must stay out of service)."""

    sig_exit_authorised = Signal()
    sig_back_in_service = Signal(object)

    def __init__(self, message: str, lang: str, guard: PinGuard, *, heartbeat: Path | None = None,
                 heartbeat_ms: int = HEARTBEAT_MS, pin_pad_idle_ms: int = PIN_PAD_IDLE_MS,
                 reason: IpdeskError | None = None, data_dir: Path | None = None,
                 retry: Callable[[], Any] | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(None)
        self.lang = lang
        self.reason = reason
        self.data_dir = data_dir
        self._retry = retry
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self.result: Any = None  # what a retry that passed returned
        self.on_network: bool | None = None  # the data folder on a network share: found in the background
        self.setObjectName("KioskShell")  # the kiosk's white background and big type
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("ipdesk")
        self.setStyleSheet(KIOSK_QSS)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._exit_authorised = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)

        self.notice = QWidget(self.stack)
        column = QVBoxLayout(self.notice)
        column.setContentsMargins(60, 60, 40, 32)
        column.setSpacing(24)
        column.addStretch(1)
        self.message = QLabel(message, self.notice)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setProperty("role", "title")
        column.addWidget(self.message)
        column.addStretch(1)
        corner = QHBoxLayout()
        corner.addStretch(1)
        self.staff_button = big_button(pick(lang, "工作人员", "Staff"), "fa5s.lock", self.notice, role="secondary")
        self.staff_button.clicked.connect(self.show_pin_pad)
        corner.addWidget(self.staff_button)
        column.addLayout(corner)
        self.stack.addWidget(self.notice)

        self.admin = AdminScreen(guard, self.stack, lang=lang)
        self.admin.sig_back_requested.connect(self.show_notice)
        self.admin.sig_pin_accepted.connect(self._on_pin_accepted)
        self.stack.addWidget(self.admin)

        self.service = ServiceScreen(self.stack, lang=lang)
        self.service.sig_back_requested.connect(self.show_notice)
        self.service.hide_home()  # as on the PIN pad (AdminScreen): 返回 goes back to the notice, the only "home"
        self.service.retry_button.clicked.connect(self.retry)
        self.service.retry_button.setEnabled(retry is not None)
        self.service.save_button.clicked.connect(self._on_save_clicked)
        self.service.exit_button.clicked.connect(self._on_exit_clicked)
        self.stack.addWidget(self.service)

        self._pin_pad_idle = QTimer(self, singleShot=True, interval=pin_pad_idle_ms)
        self._pin_pad_idle.timeout.connect(self.show_notice)
        self._heartbeat = heartbeat
        self._heartbeat_timer = QTimer(self, interval=heartbeat_ms)
        self._heartbeat_timer.timeout.connect(self.beat)
        if heartbeat is not None:
            self.beat()
            self._heartbeat_timer.start()
        if data_dir is not None:  # looking at a share that does not answer can hang: never on the GUI thread
            self.tasks.run(lambda: data_folder_on_network(data_dir), on_done=self._on_network_found)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # Escape and Alt+F4 anywhere; a touch keeps the PIN pad open

    @property
    def exit_authorised(self) -> bool:
        return self._exit_authorised

    def show_pin_pad(self) -> None:
        self.admin.reset()
        self.stack.setCurrentWidget(self.admin)
        self._pin_pad_idle.start()

    def show_notice(self) -> None:
        self._pin_pad_idle.stop()
        self.admin.reset()
        self.stack.setCurrentWidget(self.notice)

    def show_service(self) -> None:
        """The technician's screen (after the PIN), its diagnostics made afresh."""
        self.service.text.setPlainText(self.diagnostics())
        self.service.status.setText("")
        self.stack.setCurrentWidget(self.service)
        self._pin_pad_idle.start()  # left alone: back to the notice, the PIN asked again

    def diagnostics(self) -> str:
        reason = self.reason or IpdeskError("原因不明（见日志）。", "Unknown reason (see the log).")
        return diagnostics_text(reason, self.data_dir or Path(), current_log_file(), dt.datetime.now(),
                                self.on_network)

    def _on_network_found(self, on_network: bool) -> None:
        self.on_network = on_network
        if self.stack.currentWidget() is self.service:  # read already: its "checking…" line is answered
            self.service.text.setPlainText(self.diagnostics())

    # --- the technician's choices -------------------------------------------------------------

    def retry(self) -> int | None:
        """Run the check that put the kiosk out of service again, in the background."""
        if self._retry is None:
            return None
        for button in self.service.buttons():
            button.setEnabled(False)
        self.service.status.setText(self.tr("正在重试…"))
        log.info("kiosk: out of service; the technician retries")
        return self.tasks.run(self._retry, on_done=self._on_retry_passed, on_error=self._on_retry_failed,
                              key="kiosk-retry", owner=self)

    def _on_retry_passed(self, result: Any) -> None:
        log.info("kiosk: back in service after a retry")
        self.result = result
        self._exit_authorised = True  # the window may close: the kiosk takes over
        self._heartbeat_timer.stop()
        self.sig_back_in_service.emit(result)
        self.close()

    def _on_retry_failed(self, error: BaseException) -> None:
        for button in self.service.buttons():
            button.setEnabled(True)
        if isinstance(error, IpdeskError):
            log.error("kiosk: still out of service after a retry: %s%s", error.en,
                      f" ({error.detail})" if error.detail else "")
            self.reason = error
            self.service.text.setPlainText(self.diagnostics())
            self.service.status.setText(self.tr("%1 再试了一次：仍然无法启动，原因见上面的诊断信息。").replace(
                "%1", dt.datetime.now().strftime("%H:%M:%S")))
        else:
            log.error("kiosk: still out of service after a retry: %s: %s", type(error).__name__, error)
            self.service.status.setText(self.tr("仍然无法启动：%1").replace("%1", f"{type(error).__name__}: {error}"))
        self._pin_pad_idle.start()

    def _on_save_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择 U 盘或文件夹"), usb_folder())
        if folder:
            self.save_diagnostics_to(Path(folder))

    def save_diagnostics_to(self, folder: Path) -> int:
        """The diagnostics and this run's log into `folder` (a USB stick), on the task runner."""
        text, log_file, now = self.diagnostics(), current_log_file(), dt.datetime.now()
        self.service.save_button.setEnabled(False)
        self.service.status.setText(self.tr("正在保存…"))
        return self.tasks.run(lambda: save_diagnostics(text, log_file, folder, now), on_done=self._on_saved,
                              on_error=self._on_save_failed, key="kiosk-diagnostics", owner=self)

    def _on_saved(self, written: list[Path]) -> None:
        self.service.save_button.setEnabled(True)
        self.service.status.setText(self.tr("已保存：%1").replace("%1", "；".join(str(p) for p in written)))

    def _on_save_failed(self, error: BaseException) -> None:
        log.warning("kiosk: the diagnostics could not be saved: %s", error)
        self.service.save_button.setEnabled(True)
        message = error.message(self.lang) if isinstance(error, IpdeskError) else str(error)
        self.service.status.setText(self.tr("无法保存：%1").replace("%1", message))

    def _on_exit_clicked(self) -> None:
        self._exit_authorised = True
        log.info("kiosk: out-of-service screen closed with the admin PIN")
        self._heartbeat_timer.stop()
        self.sig_exit_authorised.emit()
        self.close()

    def beat(self) -> None:
        """The GUI thread is alive: touch the supervisor's heartbeat file."""
        touch_heartbeat(self._heartbeat)

    def show_full_screen(self) -> None:
        screen = QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def _on_pin_accepted(self) -> None:
        log.info("kiosk: out of service; the admin PIN opened its service screen")
        self.show_service()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._exit_authorised:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            event.accept()
            return
        event.ignore()  # Alt+F4 from the window manager, a close request: only the PIN ends it
        if self.stack.currentWidget() is self.notice:
            self.show_pin_pad()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            QTimer.singleShot(0, self.show_full_screen)  # minimising is refused
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_escape_or_alt_f4(event):
            return True
        if self._pin_pad_idle.isActive() and is_user_input(event):
            self._pin_pad_idle.start()
        return False


def show_out_of_service(message: str, lang: str, guard: PinGuard | None, heartbeat: Path | None = None, *,
                        reason: IpdeskError | None = None, data_dir: Path | None = None,
                        retry: Callable[[], Any] | None = None) -> Any:
    """Show `message` full screen until the admin PIN is entered and the technician exits (None) or a
    retry passes (what `retry` returned). Without a PIN nobody could end it, so the no-PIN notice
    (closing itself after a minute) is shown instead: such a kiosk could not have started anyway."""
    if guard is None or not guard.stored_hash:
        show_refusal(message, lang)
        return None
    # A local event loop, not app.exec(): the application's own loop ending would tell everything
    # connected to aboutToQuit (worker threads among them) that the program is over.
    loop = QEventLoop()
    tasks = TaskRunner()
    window = OutOfServiceWindow(message, lang, guard, heartbeat=heartbeat, reason=reason, data_dir=data_dir,
                                retry=retry, tasks=tasks)
    window.sig_exit_authorised.connect(loop.quit)
    window.sig_back_in_service.connect(loop.quit)
    window.show_full_screen()
    loop.exec()
    tasks.wait_idle()
    window.deleteLater()
    return window.result
