"""Paints a cell's text with the matched spans emphasised (bold, coloured) — search and kiosk alike."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ipdesk.ui.results_model import SpansRole


def highlighted_html(text: str, spans: list[tuple[int, int]], color: str) -> str:
    """HTML of `text` with `spans` (character ranges) in bold and `color`."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos or start >= len(text):
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<b style="color:{color}">{html.escape(text[start:end])}</b>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, color: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._color = color

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        spans = index.data(SpansRole) or []
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setHtml(highlighted_html(text, [tuple(s) for s in spans], self._color))
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        top = text_rect.top() + max(0.0, (text_rect.height() - doc.size().height()) / 2)
        painter.translate(text_rect.left() + 2, top)
        painter.setClipRect(QRectF(0, 0, text_rect.width(), text_rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(group, role))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 8, size.height())
