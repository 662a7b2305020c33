"""When the person at the screen last used the app: automatic data updates wait for a quiet spell
on a workstation (an apply keeps both cores busy for a minute or two), and the kiosk resets a
session nobody is using."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QCursor, QGuiApplication

ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove, QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.Wheel,
}


def is_user_input(event: QEvent) -> bool:
    """Input from a person (the window system), not an event the program sent itself."""
    return event.type() in ACTIVITY_EVENTS and event.spontaneous()


class UserActivity(QObject):
    """The workstation's notion of "someone is using it": the pointer moved, or the focus moved
    between widgets or windows. Sampled every few seconds rather than filtered: an application-wide
    Python event filter runs Python for every event of every widget (thousands while a page is
    built), which a desktop window that only needs minutes-level precision should not pay for (the
    kiosk, which resets sessions to the second, filters; see kiosk.shell.IdleWatcher)."""

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic,
                 cursor: Callable[[], QPoint] = QCursor.pos, sample_ms: int = 3000) -> None:
        super().__init__(parent)
        self._clock = clock
        self._cursor = cursor
        self._last = clock()
        self._last_pos = cursor()
        self._timer = QTimer(self)
        self._timer.setInterval(sample_ms)
        self._timer.timeout.connect(self.sample)
        self._timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusObjectChanged.connect(self._on_focus_changed)
            app.applicationStateChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, *_args: object) -> None:
        self.touch()

    def touch(self) -> None:
        self._last = self._clock()

    def sample(self) -> None:
        pos = self._cursor()
        if pos != self._last_pos:
            self._last_pos = pos
            self.touch()

    def seconds_idle(self) -> float:
        return self._clock() - self._last
