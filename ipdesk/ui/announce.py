"""Confirmations and errors said to screen readers as they appear.

A line that a page or the status bar shows after an action (已记入服务台账, 已加入报告, 找到 N 条, 已保存,
what a wizard step still needs, an export that failed) is only text in a label: a screen-reader user
had to go and look for it. `announce` sends it as an accessibility event on the label (its name or
description changed, and an alert), so that it is heard at once; the label keeps the text readable
(a label with a fixed accessible name, such as 同步状态, gets the text as its description)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QWidget


class Announcer(QObject):
    """Every announcement as a signal too (the window's tests listen; nothing else needs to)."""

    sig_announced = Signal(object, str)  # the widget, the text said


announcer = Announcer()


def announce(widget: QWidget, text: str | None = None) -> None:
    """Have screen readers say `text` (by default the label's text), now shown on `widget`."""
    if text is None:
        text = widget.text() if isinstance(widget, QLabel) else ""
    said = " ".join(text.split())
    if not said:
        return
    if widget.accessibleName():  # its name says what the line is for: the words are its description
        if said not in " ".join(widget.accessibleDescription().split()):
            widget.setAccessibleDescription(said)
        changed = QAccessible.Event.DescriptionChanged
    else:  # a label's name is its text
        changed = QAccessible.Event.NameChanged
    QAccessible.updateAccessibility(QAccessibleEvent(widget, changed))
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
    announcer.sig_announced.emit(widget, said)
