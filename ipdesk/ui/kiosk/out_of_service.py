"""The kiosk's out-of-service screen: shown full screen, and kept up, when the kiosk cannot start for a
reason the staff must mend (a data folder a newer ipdesk upgraded).

A message box closed on the first tap, after which the program ended and the supervisor, rightly, did
not restart it: the hall's visitors were left looking at the desktop (QA 19a). This screen stays until
a member of staff enters the admin PIN (the same pad, the same lock-out after wrong PINs, as the kiosk's
own), keeps the supervisor's heartbeat going, and refuses Escape, Alt+F4, closing and minimising.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ipdesk.domain.i18n import pick
from ipdesk.services.kiosk_pin import PinGuard
from ipdesk.ui.activity import is_user_input
from ipdesk.ui.kiosk.screens import AdminScreen
from ipdesk.ui.kiosk.shell import HEARTBEAT_MS, show_refusal, touch_heartbeat
from ipdesk.ui.kiosk.widgets import KIOSK_QSS, big_button, is_escape_or_alt_f4

log = logging.getLogger("ipdesk.ui.kiosk")

PIN_PAD_IDLE_MS = 60_000  # a PIN pad left open by a curious visitor goes back to the notice


class OutOfServiceWindow(QWidget):
    """The notice in big type and, in a corner, a "staff" button that opens the admin PIN pad.
    `sig_exit_authorised` once the PIN was accepted (then the window closes)."""

    sig_exit_authorised = Signal()

    def __init__(self, message: str, lang: str, guard: PinGuard, *, heartbeat: Path | None = None,
                 heartbeat_ms: int = HEARTBEAT_MS, pin_pad_idle_ms: int = PIN_PAD_IDLE_MS) -> None:
        super().__init__(None)
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
        self.admin.sig_home_requested.connect(self.show_notice)
        self.admin.sig_pin_accepted.connect(self._on_pin_accepted)
        self.stack.addWidget(self.admin)

        self._pin_pad_idle = QTimer(self, singleShot=True, interval=pin_pad_idle_ms)
        self._pin_pad_idle.timeout.connect(self.show_notice)
        self._heartbeat = heartbeat
        self._heartbeat_timer = QTimer(self, interval=heartbeat_ms)
        self._heartbeat_timer.timeout.connect(self.beat)
        if heartbeat is not None:
            self.beat()
            self._heartbeat_timer.start()
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

    def beat(self) -> None:
        """The GUI thread is alive: touch the supervisor's heartbeat file."""
        touch_heartbeat(self._heartbeat)

    def show_full_screen(self) -> None:
        screen = QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def _on_pin_accepted(self) -> None:
        self._exit_authorised = True
        log.info("kiosk: out-of-service screen closed with the admin PIN")
        self._heartbeat_timer.stop()
        self.sig_exit_authorised.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._exit_authorised:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            event.accept()
            return
        event.ignore()  # Alt+F4 from the window manager, a close request: only the PIN ends it
        if self.stack.currentWidget() is not self.admin:
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


def show_out_of_service(message: str, lang: str, guard: PinGuard | None, heartbeat: Path | None = None) -> None:
    """Show `message` full screen until the admin PIN is entered. Without a PIN nobody could end it,
    so the no-PIN notice (closing itself after a minute) is shown instead: such a kiosk could not
    have started anyway."""
    if guard is None or not guard.stored_hash:
        show_refusal(message, lang)
        return
    # A local event loop, not app.exec(): the application's own loop ending would tell everything
    # connected to aboutToQuit (worker threads among them) that the program is over.
    loop = QEventLoop()
    window = OutOfServiceWindow(message, lang, guard, heartbeat=heartbeat)
    window.sig_exit_authorised.connect(loop.quit)
    window.show_full_screen()
    loop.exec()
    window.deleteLater()
