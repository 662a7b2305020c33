"""The PDF (and print) renderer: a `Report` laid out by `QTextDocument` and painted page by page.

It needs only QtGui, so the CLI uses it under an offscreen `QGuiApplication`. The same painter
code draws to a `QPdfWriter` (export) and a `QPrinter` (print and print preview): A4, a cover
block, tables whose header rows repeat on every page, a header and a numbered footer with the app
version. The Chinese font is embedded from the file `services.reports.fonts` resolves, chosen so
that text extracted from the PDF is the same characters (not Kangxi radicals).
"""

from __future__ import annotations

import functools
import html
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from ipdesk.domain.i18n import is_english
from ipdesk.domain.report import Column, ColumnType, Report, ReportTable, column_widths, display_cell
from ipdesk.services.reports.fonts import report_font_path

log = logging.getLogger("ipdesk.reports")

PDF_RESOLUTION = 300
PAGE_MARGINS_MM = QMarginsF(16, 14, 16, 14)
HEADER_MM = 9.0
FOOTER_MM = 9.0
BODY_PT = 9.5
TABLE_PT = 7.0
_FALLBACK_FAMILIES = ["WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Noto Sans CJK SC"]


WidthsFor = Callable[[ReportTable, float], list[float]]


def _plain_widths(table: ReportTable, _font_pt: float) -> list[float]:
    return column_widths(table.columns, table.rows)


def ensure_gui_app() -> QGuiApplication:
    """The CLI has no window: make an offscreen QGuiApplication when none exists."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([sys.argv[0] if sys.argv else "ipdesk", "-platform", "offscreen"])
    assert isinstance(app, QGuiApplication)
    return app


@functools.cache
def report_font_families() -> tuple[str, ...]:
    """Register the embedded report font once per process; its family goes first in the CSS list."""
    path = report_font_path()
    families: list[str] = []
    if path is not None:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families = list(QFontDatabase.applicationFontFamilies(font_id))[:1]
        else:
            log.warning("could not load report font %s", path)
    else:
        log.warning("no CJK report font found; PDF text may not be extractable")
    return tuple(dict.fromkeys([*families, *_FALLBACK_FAMILIES]))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True).replace("\n", "<br/>")


def _colon(report: Report) -> str:
    return ": " if is_english(report.lang) else "："


def _table_html(table: ReportTable, empty_text: str, widths_for: WidthsFor, *, font_pt: float = TABLE_PT) -> str:
    widths = widths_for(table, font_pt)
    cls = "t" if font_pt <= TABLE_PT else "b"  # Qt does not pass a table's font size on to its cells
    head = "".join(
        f'<th class="{cls}" width="{w * 100:.2f}%" align="left" bgcolor="#dde6f0">{_e(c.label)}</th>'
        for c, w in zip(table.columns, widths, strict=True)
    )
    body: list[str] = []
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns, strict=True):
            align = ' align="right"' if column.type is ColumnType.INTEGER else ""
            cells.append(f'<td class="{cls}"{align}>{_e(display_cell(value, column.type))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not table.rows:
        body.append(f'<tr><td class="{cls}" colspan="{len(table.columns)}">{_e(empty_text)}</td></tr>')
    out = []
    if table.title:
        out.append(f"<h3>{_e(table.title)}</h3>")
    out.append(
        f'<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse: collapse; '
        f'border-color: #8a9aae;"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    if table.note:
        out.append(f"<p><i>{_e(table.note)}</i></p>")
    return "".join(out)


def report_html(report: Report, widths_for: WidthsFor = _plain_widths) -> str:
    """The report body as the rich-text HTML subset QTextDocument understands.

    `widths_for(table, font_pt)` gives each table's column widths (fractions of the line);
    `paint_report` measures the content with the output device's font metrics.
    """
    t = report.label
    c = _colon(report)
    families = ", ".join(f"'{f}'" for f in report_font_families())
    parts = [
        "<html><head><style>"
        f"body {{ font-family: {families}; font-size: {BODY_PT}pt; }}"
        "h1 { font-size: 17pt; color: #1f3a5f; } h2 { font-size: 12.5pt; color: #1f3a5f; }"
        "h3 { font-size: 10.5pt; color: #1f3a5f; } th { font-weight: bold; }"
        f".t {{ font-size: {TABLE_PT}pt; }} .b {{ font-size: {BODY_PT}pt; }}"
        "</style></head><body>",
        f"<h1 align='center'>{_e(report.title)}</h1>",
        '<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse; '
        'border-color: #8a9aae;">',
    ]
    for label, value in report.cover_fields():
        parts.append(f'<tr><td width="22%" bgcolor="#eef2f7"><b>{_e(label)}</b></td><td>{_e(value)}</td></tr>')
    parts.append("</table>")
    parts.append(f"<h2>{_e(t('scope'))}</h2>")
    scope = report.scope_table()
    parts.append(_table_html(ReportTable("", scope.columns, scope.rows), t("no_rows"), widths_for))
    if report.search_terms:
        parts.append(f"<h2>{_e(t('search_terms'))}</h2><p>")
        parts.append("<br/>".join(f"<b>{_e(s.label)}{c}</b>{_e(s.value)}" for s in report.search_terms))
        parts.append("</p>")
    for section in report.sections:
        parts.append(f"<h2>{_e(section.heading)}</h2>")
        if section.search_terms:  # a search in the basket: its terms under its own heading
            parts.append(f"<h3>{_e(t('search_terms'))}</h3><p>")
            parts.append("<br/>".join(f"<b>{_e(s.label)}{c}</b>{_e(s.value)}" for s in section.search_terms))
            parts.append("</p>")
        w = section.wizard
        if w is None:
            parts.extend(f"<p>{_e(p)}</p>" for p in section.paragraphs)
        if w is not None:
            if w.questions:
                qa = ReportTable(t("questions"), [_col(t("question"), 2), _col(t("answer"), 3)],
                                 [[q.question, q.answer] for q in w.questions])
                parts.append(_table_html(qa, t("no_rows"), widths_for, font_pt=BODY_PT))
            parts.append(f"<h3>{_e(t('outcome'))}{c}{_e(w.outcome_title)}</h3>")
            if w.explanation:
                parts.append(f"<p>{_e(w.explanation)}</p>")
            if w.next_steps:
                parts.append(f"<p><b>{_e(t('next_steps'))}</b></p><ol>")
                parts.extend(f"<li>{_e(s)}</li>" for s in w.next_steps)
                parts.append("</ol>")
            if w.office:
                parts.append(f"<p><b>{_e(t('office'))}{c}</b>{_e(w.office)}</p>")
            if w.checklist:
                parts.append(f"<p><b>{_e(t('checklist'))}</b></p>")
                for title, items in w.checklist_groups or [("", w.checklist)]:  # titled parts, or one list
                    if title:
                        parts.append(f"<p><i>{_e(title)}</i></p>")
                    parts.append("<p>" + "<br/>".join(f"☐ {_e(item)}" for item in items) + "</p>")
            parts.extend(f"<p>{_e(p)}</p>" for p in section.paragraphs)
            if w.citations and not report.rules_in_appendix():
                parts.append(f"<p><b>{_e(t('citations'))}</b></p><ul>")
                parts.extend(f"<li>{_e(s)}</li>" for s in w.citations)
                parts.append("</ul>")
        for table in section.tables:
            shown = ReportTable(section.caption(table), table.columns, table.rows, table.note)
            parts.append(_table_html(shown, t("no_rows"), widths_for))
    parts.append(f"<h2>{_e(t('conclusion'))}</h2><p>{_e(report.conclusion or '—')}</p>")
    parts.append(f"<h2>{_e(t('disclaimer'))}</h2><p style='font-size: 8.5pt;'>{_e(report.disclaimer)}</p>")
    for appendix in report.appendices:
        parts.append(f"<h3>{_e(t('appendices'))}{c}{_e(appendix.title)}</h3>")
        parts.extend(f"<p>{_e(p)}</p>" for p in appendix.paragraphs)
    parts.append(f"<p><br/>{_e(t('signature'))} ____________________ &nbsp;&nbsp; {_e(t('date'))}{c}"
                 "____________________</p>")
    parts.append("</body></html>")
    return "".join(parts)


def _col(label: str, weight: int) -> Column:
    return Column(label, ColumnType.TEXT, weight)


def _measured_widths(device: QPagedPaintDevice, base: QFont, line_width: float) -> WidthsFor:
    """Column widths from the content as this device measures it, so dates and identifiers never
    wrap. Qt's percentages include each cell's padding, so every column gets its padding back."""

    def widths_for(table: ReportTable, font_pt: float) -> list[float]:
        font = QFont(base)
        font.setPointSizeF(font_pt)
        metrics = QFontMetricsF(font, device)
        padding = metrics.horizontalAdvance("M") * 0.9  # cell padding and borders, per column
        usable = line_width - padding * len(table.columns)
        def measure(text: str) -> float:  # with a little slack: an exact fit wraps on rounding
            return metrics.horizontalAdvance(text) * 1.03 + 2

        content = column_widths(table.columns, table.rows, total_units=usable, measure=measure)
        return [(w * usable + padding) / line_width for w in content]

    return widths_for


def _mm_to_px(mm: float, dpi: int) -> float:
    return mm / 25.4 * dpi


def paint_report(report: Report, device: QPagedPaintDevice) -> int:
    """Lay the report out for `device` (a QPdfWriter or QPrinter) and paint every page; returns the page count."""
    layout = device.pageLayout()
    dpi = device.logicalDpiY() or PDF_RESOLUTION
    paint_rect = layout.paintRectPixels(dpi)
    header_h = _mm_to_px(HEADER_MM, dpi)
    footer_h = _mm_to_px(FOOTER_MM, dpi)
    body = QSizeF(paint_rect.width(), paint_rect.height() - header_h - footer_h)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    families = report_font_families()
    font = QFont()
    font.setFamilies(list(families))
    font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setDocumentMargin(0)
    doc.setPageSize(body)  # before the content, so the document is laid out once
    doc.setHtml(report_html(report, _measured_widths(device, font, body.width())))
    pages = doc.pageCount()

    small = QFont(font)
    small.setPointSizeF(7.5)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            _paint_header_footer(painter, report, small, page + 1, pages, paint_rect.width(), header_h,
                                 paint_rect.height() - footer_h, footer_h, dpi)
            painter.save()
            painter.translate(0, header_h - page * body.height())
            doc.drawContents(painter, QRectF(QPointF(0, page * body.height()), body))
            painter.restore()
    finally:
        painter.end()
    return pages


def _paint_header_footer(
    painter: QPainter, report: Report, font: QFont, page: int, pages: int, width: float, header_h: float,
    footer_top: float, footer_h: float, dpi: int,
) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QPen(Qt.GlobalColor.darkGray, max(1.0, dpi / 200)))
    text_h = header_h * 0.6
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(QRectF(0, 0, width * 0.7, text_h), left, _elide(painter, report.title, width * 0.7))
    painter.drawText(QRectF(width * 0.7, 0, width * 0.3, text_h), right, report.report_no)
    painter.drawLine(QPointF(0, text_h + 2), QPointF(width, text_h + 2))
    line_y = footer_top + footer_h * 0.35
    painter.drawLine(QPointF(0, line_y), QPointF(width, line_y))
    painter.drawText(QRectF(0, line_y + 2, width * 0.7, footer_h - footer_h * 0.35 - 2), left, report.footer_text())
    page_text = report.label("page").format(page=page, pages=pages)
    painter.drawText(QRectF(width * 0.7, line_y + 2, width * 0.3, footer_h - footer_h * 0.35 - 2), right, page_text)
    painter.restore()


def _elide(painter: QPainter, text: str, width: float) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(width))


def render_pdf(report: Report, path: Path) -> None:
    """Write `report` as an A4 PDF at `path` (the `Renderer` shape the reports service takes)."""
    ensure_gui_app()
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter))
    writer.setTitle(report.title)
    writer.setCreator(f"ipdesk {report.app_version}")
    paint_report(report, writer)
    del writer  # the file is finished when the writer goes away
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"the PDF was not written: {path}")
