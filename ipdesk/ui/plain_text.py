"""Record text shown as text, never as HTML (QA 22b).

A QLabel, a message box and a tooltip take their text for HTML when Qt guesses it might be
(`Qt.mightBeRichText`: a tag on the first line). Titles, applicants, client names, file names and
search terms come from imported files and typed input: a patent titled
`<img src="file:///…" width=5000>` blew the detail page up to a grey picture, an applicant
`<a href="file:///etc/passwd">点此</a>` became a link. No label of the window means its text as
HTML (the About box's data list sets `RichText` itself), so every label is made plain.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget


def plain_labels(root: QWidget) -> QWidget:
    """Make `root` (if a label) and every label under it show its text as plain text, unless it
    asked for rich text itself. Returns `root`."""
    found = root.findChildren(QLabel)
    if isinstance(root, QLabel):
        found.append(root)
    for label in found:
        if label.textFormat() == Qt.TextFormat.AutoText:
            label.setTextFormat(Qt.TextFormat.PlainText)
    return root


def as_plain(text: str) -> str:
    """`text` for a tooltip or a message box (`QMessageBox.question` …), shown as written even when
    it looks like HTML: then it is escaped and given as HTML, else it is left as it is."""
    return GuiQt.convertFromPlainText(text) if GuiQt.mightBeRichText(text) else text
