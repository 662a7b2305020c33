"""A dialog's size in lines of its font, within the free area of the screen it opens on: the About,
licences and user-guide windows grow with Settings → 字号 and still fit a 1366×768 screen at 125 %."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget


def size_in_lines(dialog: QWidget, width_lines: int, height_lines: int) -> QSize:
    """`width_lines` × `height_lines` lines of `dialog`'s font, at most 95 % of the free area's width and
    90 % of its height (the frame and title bar come on top of the size)."""
    line = dialog.fontMetrics().height()
    width, height = width_lines * line, height_lines * line
    parent = dialog.parentWidget()
    screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() * 19 // 20)
        height = min(height, area.height() * 9 // 10)
    return QSize(width, height)
