"""Keyboard conventions the whole window shares.

Enter presses the focused button, as Space does (Qt does so only inside dialogs: a person used to
Windows presses Enter on "Export PDF…" and nothing happened). Text fields, lists and the search box
keep their own Enter: only a focused push or tool button is pressed. A button that gives Enter a
meaning of its own (a wizard's choice: choose it and go on) says so with the `OWNS_ENTER` property.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QDialog, QPushButton, QToolButton

OWNS_ENTER = "ownsEnterKey"  # a button with this property True handles Enter itself
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def without_mnemonic(text: str) -> str:
    """A button's words as shown: the access key's '&' taken out ('&&' is a literal '&')."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def mnemonic_key(text: str) -> str:
    """The access key of a text ('导出 PDF(&D)…' → 'D'), upper case; '' when it has none."""
    index = 0
    while True:
        index = text.find("&", index)
        if index < 0 or index + 1 >= len(text):
            return ""
        if text[index + 1] != "&":
            return text[index + 1].upper()
        index += 2


def is_plain_enter(event: QEvent) -> bool:
    """Enter or Return (the main keyboard's or the keypad's) with no Ctrl, Alt or Shift."""
    return (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS and event.modifiers() in _PLAIN)


class EnterPressesButtons(QObject):
    """An application event filter: Enter on a focused push or tool button outside a dialog clicks it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not is_plain_enter(event):
            return False
        if not isinstance(watched, (QPushButton, QToolButton)) or not watched.hasFocus():
            return False
        button: QAbstractButton = watched
        if not button.isEnabled() or not button.isVisible() or button.property(OWNS_ENTER):
            return False
        if isinstance(button.window(), QDialog):
            return False  # a dialog's own Enter: its default button, or the focused one
        if isinstance(event, QKeyEvent) and event.isAutoRepeat():
            return True  # held down: one press, not a stream of them
        button.click()
        return True


def install_enter_presses_buttons(app: QCoreApplication) -> EnterPressesButtons:
    """Install the filter once per application (the main window and the kiosk both ask for it)."""
    found = app.findChild(EnterPressesButtons)
    if isinstance(found, EnterPressesButtons):
        return found
    keeper = EnterPressesButtons(app)
    app.installEventFilter(keeper)
    return keeper
