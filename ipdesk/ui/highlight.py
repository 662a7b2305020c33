"""Paints a cell's text with the matched spans emphasised (bold, coloured) — search and kiosk alike."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ipdesk.ui.results_model import SpansRole

ELLIPSIS = "…"


def _segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, matched) runs by the matched character spans."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos or start >= len(text):
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


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
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        # the group the view is drawn in: a window in the background draws with the Inactive colours
        if not opt.state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        normal_pen = opt.palette.color(group, role)
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.save()
        painter.setClipRect(text_rect)
        x = text_rect.left() + 2
        flags = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextSingleLine)
        segments = _segments(text, [tuple(s) for s in spans])
        fonts = [bold if matched else opt.font for _segment, matched in segments]
        total = sum(QFontMetrics(f).horizontalAdvance(seg) for f, (seg, _m) in zip(fonts, segments, strict=True))
        right = text_rect.right()
        if x + total > right:  # too long for the column: cut short with "…", as unhighlighted cells are
            right -= QFontMetrics(opt.font).horizontalAdvance(ELLIPSIS)
        for font, (segment, matched) in zip(fonts, segments, strict=True):
            painter.setFont(font)
            painter.setPen(QColor(self._color) if matched and not selected else normal_pen)
            metrics = QFontMetrics(font)
            shown = segment
            if x + metrics.horizontalAdvance(segment) > right:
                lo, hi = 0, len(segment)  # the longest start of the segment that fits
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    lo, hi = (mid, hi) if x + metrics.horizontalAdvance(segment[:mid]) <= right else (lo, mid - 1)
                shown = segment[:lo]
            width = metrics.horizontalAdvance(shown)
            painter.drawText(QRect(x, text_rect.top(), width + 1, text_rect.height()), flags, shown)
            x += width
            if shown != segment:
                painter.setFont(opt.font)
                painter.setPen(normal_pen)
                painter.drawText(QRect(x, text_rect.top(), text_rect.right() - x + 1, text_rect.height()), flags,
                                 ELLIPSIS)
                break
        painter.restore()
