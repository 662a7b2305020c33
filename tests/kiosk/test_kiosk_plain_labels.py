"""No label of the kiosk takes its text for HTML (QA 22b): record titles and names are shown as written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def test_no_kiosk_label_takes_its_text_for_html(make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    auto = [label.text()[:30] for label in shell.findChildren(QLabel) if label.textFormat() == Qt.TextFormat.AutoText]
    assert auto == []
