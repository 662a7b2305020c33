"""When the person at the screen last touched the app: automatic data updates wait for a quiet
spell on a workstation (an apply keeps both cores busy for a minute or two), and the kiosk resets
a session nobody is using."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove, QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.Wheel,
}


def is_user_input(event: QEvent) -> bool:
    """Input from a person (the window system), not an event the program sent itself."""
    return event.type() in ACTIVITY_EVENTS and event.spontaneous()


class UserActivity(QObject):
    """Installed as an application event filter; remembers the time of the last input."""

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def seconds_idle(self) -> float:
        return self._clock() - self._last

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_user_input(event):
            self.touch()
        return False
