"""A USB keyboard at the kiosk: Enter presses a focused button, as on the desktop (keys.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton


def test_enter_presses_a_focused_button(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """The touch buttons take no focus; one that does answers Enter (the filter is installed by the kiosk)."""
    shell = make_shell()
    shell.activateWindow()
    qtbot.waitUntil(shell.isActiveWindow, timeout=5000)
    pressed: list[bool] = []
    button = QPushButton("测试", shell.home)
    button.clicked.connect(lambda: pressed.append(True))
    button.show()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert pressed == [True]
