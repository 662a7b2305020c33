"""The Qt binding itself: PySide6-Essentials 6.12.0 leaked one reference to None per Qt call
returning nothing, on Python 3.11 (None is not immortal there), so a long session would die with
"Fatal Python error: none_dealloc". Pinned to 6.11.3; this test stops an upgrade that brings it back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel


def test_qt_calls_do_not_leak_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
        obj.setObjectName("x")
    lost = before - sys.getrefcount(None)
    assert lost < 50, f"{lost} references to None lost in 2,000 Qt calls"
