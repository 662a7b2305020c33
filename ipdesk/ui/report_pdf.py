"""The PDF (and print) renderer: a `Report` laid out by `QTextDocument` and painted page by page.

It needs only QtGui, so the CLI uses it under an offscreen `QGuiApplication`. The same painter
code draws to a `QPdfWriter` (export) and a `QPrinter` (print and print preview): A4, a cover
block, tables whose header rows repeat on every page, a header and a numbered footer with the app
version. The Chinese font is embedded from the file `services.reports.fonts` resolves, chosen so
that text extracted from the PDF is the same characters (not Kangxi radicals).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import html
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
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
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QTextTable,
)

from ipdesk import __version__
from ipdesk.domain.i18n import is_english
from ipdesk.domain.report import (
    CellValue,
    Column,
    ColumnType,
    Report,
    ReportTable,
    column_widths,
    display_cell,
    format_cell,
    printed_table,
)
from ipdesk.domain.shown_text import LINE_BREAKS, quoted_name
from ipdesk.services.reports.files import (
    IncompleteFileError,
    check_complete,
    pdf_is_complete,
    print_file_error,
    write_bytes_synced,
)
from ipdesk.services.reports.fonts import report_font_path
from ipdesk.services.reports.pdf_info import with_document_info
from ipdesk.services.reports.pdf_text import restore_astral_bytes, restore_astral_text
from ipdesk.ui.theme import rare_han_families

log = logging.getLogger("ipdesk.reports")

PDF_RESOLUTION = 300
LAYOUT_DPI = 300  # the coordinates every report is laid out in, whatever device it is painted on
_CELL_PADDING = 3  # HTML pixels (1/96 inch), in result tables
_CELL_BORDER = 1
_EDGE = 0.5  # layout pixels: the text of a page is what lies strictly inside it
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
    return tuple(dict.fromkeys([*families, *_FALLBACK_FAMILIES, *rare_han_families()]))


def _e(text: object) -> str:
    """Text for the report's HTML; every line break a text may hold is one (a vertical tab, Word's manual line
    break pasted, showed as a space, where the Word and Excel reports break the line: `report.xml_safe`)."""
    return LINE_BREAKS.sub("<br/>", html.escape(str(text), quote=True))


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
            # an empty cell holds a no-break space: with a column of empty cells Qt leaves no room
            # under the table, and the next heading sits on its last row
            text = _e(display_cell(value, column.type)) or "&nbsp;"
            cells.append(f'<td class="{cls}"{align}>{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not table.rows:
        body.append(f'<tr><td class="{cls}" colspan="{len(table.columns)}">{_e(empty_text)}</td></tr>')
    out = []
    if table.title:
        out.append(f"<h3>{_e(table.title)}</h3>")
    out.append(
        f'<table width="100%" border="{_CELL_BORDER}" cellspacing="0" cellpadding="{_CELL_PADDING}" style="border-collapse: collapse; '
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
        "h3 { font-size: 10.5pt; color: #1f3a5f; } h4 { font-size: 9.5pt; } h5 { font-size: 9pt; font-style: italic; font-weight: normal; } th { font-weight: bold; }"
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
                parts.append(f"<h4>{_e(t('next_steps'))}</h4><ol>")
                parts.extend(f"<li>{_e(s)}</li>" for s in w.next_steps)
                parts.append("</ol>")
            if w.office:
                parts.append(f"<p><b>{_e(t('office'))}{c}</b>{_e(w.office)}</p>")
            if w.checklist:
                parts.append(f"<h4>{_e(t('checklist'))}</h4>")
                for title, items in w.checklist_groups or [("", w.checklist)]:  # titled parts, or one list
                    if title:
                        parts.append(f"<h5>{_e(title)}</h5>")
                    parts.append("<p>" + "<br/>".join(f"☐ {_e(item)}" for item in items) + "</p>")
            parts.extend(f"<p>{_e(p)}</p>" for p in section.paragraphs)
            if w.citations and not report.rules_in_appendix():
                parts.append(f"<h4>{_e(t('citations'))}</h4><ul>")
                parts.extend(f"<li>{_e(s)}</li>" for s in w.citations)
                parts.append("</ul>")
        for table in section.tables:
            shown = printed_table(ReportTable(section.caption(table), table.columns, table.rows, table.note,
                                              print_columns=table.print_columns), report.lang)
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
        # per column: Qt scales the HTML's pixels to the device as if they were 1/96 inch
        padding = (2 * _CELL_PADDING + 2 * _CELL_BORDER) * device.logicalDpiX() / 96 + 2
        usable = line_width - padding * len(table.columns)
        def measure(text: str) -> float:  # with a little slack: an exact fit wraps on rounding
            return metrics.horizontalAdvance(text) * 1.03 + 2

        rows = _typical_rows(table, measure)
        content = column_widths(table.columns, rows, total_units=usable, measure=measure)
        return [(w * usable + padding) / line_width for w in content]

    return widths_for


# A long table's text columns are sized for their usual rows: a line longer than the longest line of this
# share of the column's cells is measured as if cut to that length (it wraps onto more lines instead).
TYPICAL_SHARE = 0.8
_TYPICAL_FROM_ROWS = 20  # a shorter table is sized for all of its lines


def _typical_rows(table: ReportTable, measure: Callable[[str], float]) -> list[list[CellValue]]:
    """`table`'s rows as its column widths are worked out from: in a long table (a patent finder's 200
    records), the few long lines of a text column (a 400-character title) measured as if only as long as
    the column's usual long line, so they wrap onto more lines of their own and do not widen the column for
    every row while the others wrap to five lines (QA 20a N9: the title took 40% of the width for
    12-character titles, the group column wrapped 已失效：这件专利本身不再限制使用 onto five lines and 相关分类号
    after 相关分类). Dates, numbers and identifiers are never cut: they must not wrap."""
    sample = table.rows[:300]  # as column_widths samples them
    if len(sample) < _TYPICAL_FROM_ROWS:
        return list(table.rows)
    rows = [list(r) for r in sample]
    for i, column in enumerate(table.columns):
        if column.type is not ColumnType.TEXT:
            continue
        # each row's longest line of the cell: a cell's short lines under a long one (申请人：…) do not count
        widths = sorted(max(measure(line) for line in format_cell(r[i]).split("\n")) for r in sample)
        usual = widths[int(TYPICAL_SHARE * (len(widths) - 1))]
        for row in rows:
            text = format_cell(row[i])
            lines = text.split("\n")
            if any(measure(line) > usual for line in lines):
                row[i] = "\n".join(_cut(line, usual, measure) for line in lines)
    return rows


def _cut(line: str, width: float, measure: Callable[[str], float]) -> str:
    """The start of `line` about `width` wide (all of it when it is not wider)."""
    full = measure(line)
    if full <= width:
        return line
    return line[:max(1, int(len(line) * width / full))]


def _mm_to_px(mm: float, dpi: int) -> float:
    return mm / 25.4 * dpi


def report_page_layout() -> QPageLayout:
    """A4 portrait with the report's margins: the PDF export, the print dialog and the preview start
    from it, so what is printed is paginated as what is exported."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, PAGE_MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


@dataclass
class _LaidOut:
    """A report laid out for one page layout, in the coordinates of `LAYOUT_DPI` (not of the device
    it is painted on), so a printer and the archived PDF get the same lines on the same pages."""

    doc: QTextDocument
    reference: QPdfWriter  # the metrics the layout was made with; kept alive with the document
    body: QSizeF
    header_h: float
    footer_h: float

    @property
    def pages(self) -> int:
        return self.doc.pageCount()


def layout_device(dpi: int) -> QPdfWriter:
    """A PDF writer that is never painted on: its font metrics (unhinted, the same at any resolution) lay
    documents out for every output device. One for each resolution, for the whole process: PySide keeps a
    paint device handed to a document's layout (`setPaintDevice`) referenced for good, as the layout's
    wrapper does not let go of it when Qt deletes the layout, so a device made for each report or kiosk
    printout (a QPrinter) stayed in memory with it, ~7 KiB a printout. It is only read (its resolution and
    font metrics), so the threads that lay documents out share it."""
    return _layout_device(dpi)[0]


@functools.cache
def _layout_device(dpi: int) -> tuple[QPdfWriter, QBuffer]:
    buffer = QBuffer()  # never written: nothing paints on the writer
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(dpi)
    app = QCoreApplication.instance()
    if app is not None:  # made on a worker thread: owned by the main one, which outlives the worker
        writer.moveToThread(app.thread())
        buffer.moveToThread(app.thread())
    return writer, buffer


def layout_report(report: Report, page_layout: QPageLayout | None = None) -> _LaidOut:
    """Lay `report` out on pages of `page_layout` (the report's own A4 layout by default): a table row
    that fits on a page is never split (it moves to the next page, under the table's header),
    paragraphs are split at line boundaries, and a heading never ends a page."""
    page_layout = page_layout or report_page_layout()
    reference = layout_device(LAYOUT_DPI)
    paint_rect = page_layout.paintRectPixels(LAYOUT_DPI)
    header_h = _mm_to_px(HEADER_MM, LAYOUT_DPI)
    footer_h = _mm_to_px(FOOTER_MM, LAYOUT_DPI)
    body = QSizeF(paint_rect.width(), paint_rect.height() - header_h - footer_h)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(reference)
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
    doc.setHtml(report_html(report, _measured_widths(reference, font, body.width())))
    paginate(doc, body.height())
    return _LaidOut(doc, reference, body, header_h, footer_h)


def _lines(block: QTextBlock, top: float) -> list[tuple[float, float]]:
    """(top, bottom) of each line of `block` in document coordinates (`top`: the block's top, where
    its lines are measured from). A line Qt pushed down to the next page lies there: its offset is
    kept (taking the first line's offset off had a paragraph that Qt moved to the next page read as
    on this one, under its heading, so the heading was left alone at the foot of the page)."""
    layout = block.layout()
    out = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        y = top + line.y()
        out.append((y, y + line.height()))
    return out


@dataclass(frozen=True)
class _Fix:
    """One change that makes the pages read better, and where in the document it is."""

    position: int
    apply: Callable[[], None]


def paginate(doc: QTextDocument, page_h: float) -> None:
    """Make every block lie on one page and every table row too: a heading whose next block starts
    on the next page moves there too; a table row that crosses a page break moves whole to the next
    page (the table goes on there under its header) when it fits on a page; a paragraph (or the text
    of a row taller than a page) that crosses a page break is split there into two blocks, its lines
    untouched; a list item that crosses one moves whole. The first such place in the document is
    fixed first, and the layout redone, until nothing changes: each change moves what follows."""
    # Everything before the place last fixed was clean and is laid out as it was: each round looks
    # from there on (from the start, a 500-row report took 3.4 times as long).
    start = 0
    for _ in range(2000):  # each round changes one place; a report has far fewer than this
        doc.documentLayout().documentSize()  # Qt lays a long document out lazily: finish it first
        fixes = [fix for fix in (_orphaned_heading(doc, page_h, start), _crossing_row(doc, page_h, start),
                                 _crossing_block(doc, page_h, start)) if fix is not None]
        if not fixes:
            return
        first = min(fixes, key=lambda fix: fix.position)
        first.apply()
        start = first.position
    doc.documentLayout().documentSize()
    log.warning("report pagination did not settle")


def _page_of(y: float, page_h: float) -> int:
    return int((y + _EDGE) // page_h)


def _orphaned_heading(doc: QTextDocument, page_h: float, start: int = 0) -> _Fix | None:
    """The first heading from `start` on left alone at the foot of a page: a page break before it."""
    layout = doc.documentLayout()
    block = doc.findBlock(start)
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.headingLevel() > 0 and not fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            following = block.next()
            while following.isValid() and not following.text().strip():
                following = following.next()
            own = _lines(block, layout.blockBoundingRect(block).top())
            after = _lines(following, layout.blockBoundingRect(following).top()) if following.isValid() else []
            if own and after and _page_of(after[0][0], page_h) > _page_of(own[-1][0], page_h):
                return _Fix(block.position(), functools.partial(_break_before, block))
        block = block.next()
    return None


def _break_before(block: QTextBlock) -> None:
    fmt = QTextBlockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).mergeBlockFormat(fmt)


def _row_lines(doc: QTextDocument, table: QTextTable, row: int) -> list[tuple[float, float]]:
    """(top, bottom) of every line of a table row's cells, in document coordinates."""
    layout = doc.documentLayout()
    out: list[tuple[float, float]] = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        block, last = cell.firstCursorPosition().block(), cell.lastCursorPosition().block()
        while block.isValid():
            out.extend(_lines(block, layout.blockBoundingRect(block).top()))
            if block == last:
                break
            block = block.next()
    return out


def _crossing_row(doc: QTextDocument, page_h: float, start: int = 0) -> _Fix | None:
    """The first table row (not a header) from `start` on whose lines lie on two pages, when moving it
    helps (a row Qt moved to the next page whole is left: splitting the table there too made a 500-row
    report 3.4 times slower for no visible change). A row under others on its page starts a new table
    on the next page (the same columns and header), so the table on this page is closed by its border;
    the first row takes its table, and the headings just above it, to the next page unless they
    already start a page. A row taller than a page is left to be split at its lines."""
    layout = doc.documentLayout()
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        table = frame
        if table.lastPosition() < start:
            continue
        headers = table.format().headerRowCount()
        above = -1  # the page the row above ends on
        # rows wholly before `start` are as they were: only the last of them is read, for `above`
        first_row = headers
        while first_row + 1 < table.rows() and table.cellAt(first_row + 1, 0).firstPosition() <= start:
            first_row += 1
        for row in range(first_row, table.rows()):
            lines = _row_lines(doc, table, row)
            if not lines:
                continue
            first = _page_of(min(top for top, _bottom in lines), page_h)
            last = _page_of(max(top for top, _bottom in lines), page_h)
            if row > first_row and last > first and above == first:
                return _Fix(table.cellAt(row, 0).firstPosition(), functools.partial(_split_table, doc, table, row))
            if row == headers and last > first:
                lead = _lead_block(doc, table)
                top = layout.blockBoundingRect(lead).top() if lead else layout.frameBoundingRect(table).top()
                if _page_of(top, page_h) == first and top - first * page_h > 2 * _EDGE:
                    return _Fix(lead.position() if lead else table.firstPosition(),
                                functools.partial(_table_on_next_page, table, lead))
            above = last
    return None


def _lead_block(doc: QTextDocument, table: QTextTable) -> QTextBlock | None:
    """The first of the headings just above `table` (its caption, its section's heading), if any."""
    lead = None
    block = doc.findBlock(table.firstPosition() - 1)
    while block.isValid() and QTextCursor(block).currentTable() is None:
        if block.blockFormat().headingLevel() > 0:
            lead = block
        elif block.text().strip():
            break
        block = block.previous()
    return lead


def _table_on_next_page(table: QTextTable, lead: QTextBlock | None) -> None:
    if lead is not None:
        _break_before(lead)
    else:
        fmt = table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(fmt)


def _split_table(doc: QTextDocument, table: QTextTable, row: int) -> None:
    """Two tables where `table` had one, the second starting a page with `row` under a copy of the
    header rows: Qt repeats a header on the next page but lets a row's lines run over the break."""
    select = QTextCursor(doc)
    select.setPosition(table.firstPosition() - 1)
    select.setPosition(table.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
    # the rest is made in a scratch document, so the report is laid out again once, not per step
    scratch = QTextDocument()
    QTextCursor(scratch).insertFragment(select.selection())
    rest = next(f for f in scratch.rootFrame().childFrames() if isinstance(f, QTextTable))
    headers = table.format().headerRowCount()
    rest.removeRows(headers, row - headers)
    fmt = rest.format()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    rest.setFormat(fmt)
    whole = QTextCursor(scratch)
    whole.setPosition(rest.firstPosition() - 1)
    whole.setPosition(rest.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
    insert = QTextCursor(doc)
    insert.setPosition(table.lastPosition() + 1)
    insert.beginEditBlock()
    insert.insertFragment(whole.selection())
    table.removeRows(row, table.rows() - row)
    insert.endEditBlock()


def _crossing_block(doc: QTextDocument, page_h: float, start: int = 0) -> _Fix | None:
    """The first block whose lines lie on two pages: split at that page break (a list item moves whole).

    Qt draws a block on every page its box touches and, of the lines above the page, still draws
    the last one (clipped, so unseen, but it lands in the PDF's text): a block on one page is
    drawn once. Looks from `start` on."""
    layout = doc.documentLayout()
    block = doc.findBlock(start)
    while block.isValid():
        lines = _lines(block, layout.blockBoundingRect(block).top())
        pages = [_page_of(top, page_h) for top, _bottom in lines]
        if pages and pages[0] != pages[-1]:
            first_on_next = next(i for i, p in enumerate(pages) if p != pages[0])
            if block.textList() is not None or first_on_next == 0:
                return _Fix(block.position(), functools.partial(_break_before, block))  # a list item is short
            return _Fix(block.position(), functools.partial(_split_block, block,
                                                            block.layout().lineAt(first_on_next).textStart()))
        block = block.next()
    return None


def _split_block(block: QTextBlock, at: int) -> None:
    """Two blocks where `block` had one, the second starting at character `at`: no gap between them,
    no first-line indent on the second, a line separator (<br/>) at the split dropped."""
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + at)
    if at > 0 and block.text()[at - 1] == "\u2028":
        cursor.deletePreviousChar()
    first = QTextBlockFormat(block.blockFormat())
    second = QTextBlockFormat(block.blockFormat())
    first.setBottomMargin(0)
    second.setTopMargin(0)
    second.setTextIndent(0)
    second.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
    cursor.insertBlock(second, cursor.charFormat())
    QTextCursor(block).setBlockFormat(first)


def paint_report(report: Report, device: QPagedPaintDevice, *, began: threading.Event | None = None) -> int:
    """Lay the report out for `device`'s page layout (a QPdfWriter or QPrinter) and paint every
    page; returns the page count. The same page layout gives the same pages on any device.
    `began` is set once the device is open for painting: after that a failure may have put pages
    on the printer (a printout's number is then kept, `ReportsService.release_number`)."""
    laid = layout_report(report, device.pageLayout())
    # a printer writing a PDF file ("Print to File"): its text layer gets the rare characters too
    to_file = Path(device.outputFileName()) if hasattr(device, "outputFileName") and device.outputFileName() else None
    _name_document(report, device)
    before = _modified(to_file)
    pages = _paint_laid_out(report, laid, device, began)
    if to_file is not None and _modified(to_file) not in (None, before):  # written by this painting (not a preview)
        try:
            # Qt's writer does not report a failed write (a full disk, a file-size limit): a file cut
            # short is said to be, and removed, instead of handed on as the printout's file
            check_complete(to_file, "pdf")
            restore_astral_text(to_file, _painted_text(report, laid, pages))
            written = to_file.read_bytes()
            described = with_document_info(written, report.lang, _document_info(report, author=True), to_file.name)
            if described is not written:
                write_bytes_synced(to_file, described)
        except OSError as exc:
            with contextlib.suppress(OSError):
                to_file.unlink()
            raise print_file_error(to_file, exc) from exc
    return pages


def _creator(report: Report) -> str:
    return f"ipdesk {report.app_version or __version__}"


def _name_document(report: Report, device: QPagedPaintDevice) -> None:
    """A printer's document name (a PDF file's title, the print job's name) and creator, unless the
    caller gave its own: a printout sent to a PDF file had neither (QA 20a N7). The title on one line, as
    the printer's queue lists it (`quoted_name`: a line break as ⏎, no direction override obeyed)."""
    for getter, setter, value in (("docName", "setDocName", quoted_name(report.title)),
                                  ("creator", "setCreator", _creator(report))):
        get, put = getattr(device, getter, None), getattr(device, setter, None)  # a QPrinter's, not a QPdfWriter's
        if callable(get) and callable(put) and not get():
            put(value)


def _document_info(report: Report, *, author: bool = False) -> dict[str, str]:
    """What the PDF's information dictionary gets besides what Qt writes: the subject (the purpose, as
    Word's core properties have it) and, for a printer, which cannot set one, the author (the staff)."""
    return {"/Subject": report.purpose, **({"/Author": report.staff} if author else {})}


def _modified(path: Path | None) -> int | None:
    try:
        return path.stat().st_mtime_ns if path is not None else None
    except OSError:
        return None


def _painted_text(report: Report, laid: _LaidOut, pages: int) -> str:
    """Every text the pages show: the body, and the header and footer of each page."""
    return "\n".join([laid.doc.toPlainText(), report.title, report.report_no, report.footer_text(),
                      *(report.label("page").format(page=n, pages=pages) for n in range(1, pages + 1))])


def _paint_laid_out(report: Report, laid: _LaidOut, device: QPagedPaintDevice,
                    began: threading.Event | None = None) -> int:
    dpi = device.logicalDpiY() or PDF_RESOLUTION
    scale = dpi / LAYOUT_DPI
    paint_rect = device.pageLayout().paintRectPixels(dpi)
    header_h = laid.header_h * scale
    footer_h = laid.footer_h * scale
    body = laid.body
    pages = laid.pages
    small = QFont(laid.doc.defaultFont())
    small.setPointSizeF(7.5)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device")
    if began is not None:
        began.set()
    try:
        for page in range(pages):
            if page:
                device.newPage()
            _paint_header_footer(painter, report, small, page + 1, pages, paint_rect.width(), header_h,
                                 paint_rect.height() - footer_h, footer_h, dpi)
            painter.save()
            painter.translate(0, header_h)
            painter.scale(scale, scale)
            top = page * body.height()
            painter.translate(0, -top)
            painter.setClipRect(QRectF(QPointF(0, top), body))
            context = QAbstractTextDocumentLayout.PaintContext()
            # A line moved to the next page may start on this page's lower edge (layout rounding):
            # the text is asked for strictly inside the page.
            context.clip = QRectF(0, top + _EDGE, body.width(), body.height() - 2 * _EDGE)
            laid.doc.documentLayout().draw(painter, context)
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


def render_pdf(report: Report, path: Path, page_layout: QPageLayout | None = None) -> None:
    """Write `report` as an A4 PDF at `path` (the `Renderer` shape the reports service takes);
    `page_layout`: a printer's, when the PDF is the archived copy of what was printed.

    The PDF is made in memory and written by Python: Qt's writer does not report a failed write, so
    a full disk or a file-size limit left a PDF cut short that nothing noticed. OSError when it
    cannot be written (no file is left at `path` then)."""
    ensure_gui_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout or report_page_layout())
    writer.setTitle(report.title)
    writer.setCreator(_creator(report))
    if report.staff:  # as Word's author: the staff member who issued it
        writer.setAuthor(report.staff)
    laid = layout_report(report, writer.pageLayout())
    pages = _paint_laid_out(report, laid, writer)
    del writer  # the PDF is finished when the writer goes away
    data = bytes(buffer.data().data())
    buffer.close()
    if not pdf_is_complete(data):
        raise IncompleteFileError(errno.EIO, f"the PDF was not made ({len(data)} bytes)", str(path))
    data, _mapped = restore_astral_bytes(data, _painted_text(report, laid, pages), path.name)
    # the language (zh-CN / en) and the subject, which Qt's writer cannot set (QA 20a N7)
    data = with_document_info(data, report.lang, _document_info(report), path.name)
    write_bytes_synced(path, data)
