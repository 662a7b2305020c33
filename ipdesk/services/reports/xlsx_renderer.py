"""Excel (.xlsx) rendering with openpyxl: a report sheet, then one sheet per result table.

Columns are typed (dates as dates, identifiers as text so leading zeros survive), the header row
is frozen and filtered, and any text a spreadsheet would run as a formula is kept text (`put_text`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ipdesk.domain.i18n import is_english
from ipdesk.domain.report import (
    FORMULA_TRIGGERS,
    NOT_IN_XML,
    CellValue,
    ColumnType,
    Report,
    ReportTable,
    display_cell,
    format_cell,
    terminal_columns,
    xml_safe,
)
from ipdesk.services.reports.files import save_through_memory

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
MAX_TEXT_WIDTH = 32  # Excel character units: 16 Chinese characters
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Printing: A4, fit to the page's width; landscape when the columns are wider than a portrait page
# holds at about 85% (Excel character widths); the header and footer as the PDF's.
PORTRAIT_MAX_WIDTH = 110
_HEADER_FOOTER_MAX = 250  # Excel refuses more than 255 characters in one header or footer
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_text(value: str) -> str:
    """Text for a cell: what XML cannot hold, and Excel rejects, removed — control characters, U+FFFE
    and U+FFFF, lone surrogates (`put_text` keeps it text)."""
    return NOT_IN_XML.sub("", value)


def put_text(cell: Cell, text: str) -> Cell:
    """`text` in `cell` exactly as it reads, and never a formula: a string cell (openpyxl would store
    "=…" as a formula) and, when it starts with = + - @ (or a tab or CR), Excel's quote prefix, so Excel,
    WPS and LibreOffice show "-张三" or "=SUM(1+1)" as written and keep it text when the cell is edited.
    (Reports wrote a visible "'" before such text until QA 23a; the import error list did this already.)"""
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = text.startswith(FORMULA_TRIGGERS)
    return cell


def _typed(value: CellValue, ctype: ColumnType, number_format: str = "") -> tuple[object, str | None]:
    """(cell value, number format) for a value of a typed column."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime) and ctype is not ColumnType.IDENTIFIER:  # a time: a number Excel sorts
        return value.replace(tzinfo=None), number_format or DATETIME_FORMAT
    if ctype is ColumnType.DATE and isinstance(value, dt.date):
        return value, DATE_FORMAT
    if ctype is ColumnType.INTEGER and isinstance(value, int):
        return value, "0"
    if ctype is ColumnType.IDENTIFIER:
        return safe_text(format_cell(value)), "@"
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    return safe_text(format_cell(value)), None


_SHEET_MAX = 31  # Excel's limit


def _sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook: a
    longer one ends in "…", a repeated one gets " 2", " 3" … within the limit."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip().strip("'") or "Sheet"
    if len(base) > _SHEET_MAX:
        base = base[: _SHEET_MAX - 1].rstrip() + "…"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" {n}"
        name = base[: _SHEET_MAX - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name.lower())
    return name


def _set_cell(ws: Worksheet, row: int, col: int, value: object, number_format: str | None = None) -> Cell:
    cell: Cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        put_text(cell, value)  # never a formula, whatever the text
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def write_table_sheet(ws: Worksheet, table: ReportTable, empty_text: str) -> None:
    """A table's sheet: typed columns, frozen and filtered header row (repeated on every printed page)."""
    table = table.sheet_form or table  # the columns Excel has for it (a wizard's records: one a fact)
    for col, column in enumerate(table.columns, start=1):
        cell = _set_cell(ws, 1, col, safe_text(column.label))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    widths = [max(8, excel_width(c.label) + 2) for c in table.columns]
    longest = [0] * len(table.columns)
    for row in table.rows:
        for c, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            longest[c] = max(longest[c], excel_width(_shown(value, column.type, column.number_format)) + 2)
    # a long text column wraps at MAX_TEXT_WIDTH (a name, an applicant, a reason), so a printed page
    # fitted to its width is not shrunk to a third; codes, dates and numbers are never wrapped
    wrapped = [column.type is ColumnType.TEXT and n > MAX_TEXT_WIDTH for column, n in zip(table.columns, longest,
                                                                                          strict=True)]
    widths = [max(w, min(MAX_TEXT_WIDTH if wrap else 60, n)) for w, n, wrap in zip(widths, longest, wrapped, strict=True)]
    for r, row in enumerate(table.rows, start=2):
        for c, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            typed, fmt = _typed(value, column.type, column.number_format)
            cell = _set_cell(ws, r, c, typed, fmt)
            if any(wrapped):  # rows of wrapped cells: every cell at the top, as a printed table reads
                cell.alignment = WRAP if wrapped[c - 1] else TOP
    if not table.rows:
        _set_cell(ws, 2, 1, empty_text)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    last_row = max(2, len(table.rows) + 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{last_row}"
    if table.note:
        _set_cell(ws, last_row + 2, 1, safe_text(table.note))
    ws.print_title_rows = "1:1"
    fit_row_heights(ws)


def _shown(value: CellValue, ctype: ColumnType, number_format: str) -> str:
    """About what the cell shows, for its column's width: a time as its format ("14:05" for hh:mm,
    not "2026-11-28T14:05:00", which made the ledger's 时间 column three times too wide)."""
    typed, fmt = _typed(value, ctype, number_format)
    if isinstance(typed, dt.datetime) and fmt:
        return fmt
    return format_cell(value)


LINE_HEIGHT_PT = 15  # one line of 11-point text, Latin or Chinese, in Excel, WPS and LibreOffice
_BASE_FONT_PT = 11.0


def fit_row_heights(ws: Worksheet) -> None:
    """Each row with wrapped text as tall as its lines: LibreOffice keeps a row without a height at
    one line (a disclaimer or a ledger's answers were cut off on screen and on paper, and a wrapped
    row overlapped the next), where Excel fits it itself. Lines are reckoned with a CJK character
    two units wide and some slack for words that wrap early, in the width of the cell's merged range
    and at its font's size (the 14-point title); a one-line row of 11-point text is left to the default."""
    spans = {(r.min_row, r.min_col): r.max_col for r in ws.merged_cells.ranges if r.min_row == r.max_row}
    for row in ws.iter_rows():
        height = 0.0
        for cell in row:
            if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                continue
            last = spans.get((cell.row, cell.column), cell.column)
            width = sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(cell.column, last + 1))
            scale = max(1.0, (cell.font.sz or _BASE_FONT_PT) / _BASE_FONT_PT)
            per_line = max(1.0, width - 1)
            lines = sum(max(1, math.ceil(excel_width(part) * 1.1 * scale / per_line)) for part in cell.value.split("\n"))
            if lines > 1 or scale > 1:
                height = max(height, lines * LINE_HEIGHT_PT * scale)
        if height:
            ws.row_dimensions[row[0].row].height = min(409, height)  # Excel's tallest row


def set_up_pages(ws: Worksheet, header: tuple[str, str], footer: str, page_label: str) -> None:
    """How the sheet prints (QA 20a N8: no sheet said): A4, fit to the page's width, landscape when
    wide; the header carries `header` (the title at the left, the report number at the right) and the
    footer `footer` and the page as the PDF's ("第 &P 页 / 共 &N 页")."""
    widths = [d.width or 8.43 for d in ws.column_dimensions.values()] or [8.43]
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_MAX_WIDTH else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.page_margins.left = ws.page_margins.right = 0.6  # inches: about the PDF's 16 mm
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    left, right = (_header_text(x) for x in header)
    ws.oddHeader.left.text = left[: _HEADER_FOOTER_MAX - len(right)]
    ws.oddHeader.right.text = right
    ws.oddHeader.left.size = ws.oddHeader.right.size = 8
    page = page_label.replace("{page}", "&P").replace("{pages}", "&N")
    ws.oddFooter.left.text = _header_text(footer)[: _HEADER_FOOTER_MAX - len(page)]
    ws.oddFooter.right.text = page
    ws.oddFooter.left.size = ws.oddFooter.right.size = 8


def _header_text(text: str) -> str:
    """Text for a header or footer: "&" is Excel's code sign there, so it is doubled; no line breaks."""
    return " ".join(text.split()).replace("&", "&&")


def set_up_report_pages(ws: Worksheet, report: Report) -> None:
    set_up_pages(ws, (report.title, report.report_no), report.footer_text(), report.label("page"))


_WIDE_QUOTES = frozenset("“”")  # East Asian "ambiguous", but as wide as a character in a Chinese font


def excel_width(text: str) -> int:
    """Width in Excel character units: as a terminal counts it (`terminal_columns`: a wide or full-width
    character, CJK and the full-width punctuation ，。：；（）、《》, two; a combining mark none), and the
    Chinese quotes two as well, which a Chinese font draws as wide as a character."""
    return terminal_columns(text) + sum(ch in _WIDE_QUOTES for ch in text)


def _write_pairs(ws: Worksheet, start: int, pairs: Iterable[tuple[str, str | dt.datetime]]) -> int:
    row = start
    for label, value in pairs:
        label_cell = _set_cell(ws, row, 1, safe_text(label))
        label_cell.font = HEADER_FONT
        label_cell.alignment = WRAP  # a long question wraps, at the top beside the first line of its answer
        if isinstance(value, dt.datetime):  # the date the report was made: a date Excel sorts and reckons with
            cell = _set_cell(ws, row, 2, value.replace(tzinfo=None, second=0, microsecond=0), DATETIME_FORMAT)
            cell.alignment = Alignment(horizontal="left", vertical="top")
        else:
            _set_cell(ws, row, 2, safe_text(value)).alignment = WRAP
        row += 1
    return row


def write_summary_sheet(ws: Worksheet, report: Report) -> None:
    t = report.label
    title = _set_cell(ws, 1, 1, safe_text(report.title))
    title.font = TITLE_FONT
    title.alignment = WRAP
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)  # across the sheet: never cut at A's
    # edge, nor spilling past the printed columns (LibreOffice shrank the whole page to fit a long title)
    date_label = report.label("date")
    row = _write_pairs(ws, 3, [(label, report.created_at if label == date_label else value)
                               for label, value in report.cover_fields()])
    row += 1
    _set_cell(ws, row, 1, t("scope")).font = HEADER_FONT
    row += 1
    for d in report.scope_table().rows:
        _set_cell(ws, row, 1, safe_text(format_cell(d[0]))).alignment = TOP
        records = display_cell(d[3], ColumnType.INTEGER)
        version = f"v{d[1]}" if isinstance(d[1], int) else format_cell(d[1])  # "—": none published
        _set_cell(ws, row, 2, safe_text(f"{version} · {t('as_of')} {format_cell(d[2]) or '—'} · {records} · {d[4]}"))
        ws.cell(row=row, column=2).alignment = WRAP
        row += 1
    if report.search_terms:
        row += 1
        _set_cell(ws, row, 1, t("search_terms")).font = HEADER_FONT
        row = _write_pairs(ws, row + 1, [(s.label, s.value) for s in report.search_terms])
    for section in report.sections:  # in the order, and with the text, Word and PDF print them
        if not (section.search_terms or section.paragraphs or section.wizard):
            continue  # a table alone: its own sheet, named for it
        row += 1
        _set_cell(ws, row, 1, safe_text(section.heading)).font = HEADER_FONT
        row += 1
        if section.search_terms:  # a search in the basket: its terms under its own heading
            _set_cell(ws, row, 1, t("search_terms")).font = HEADER_FONT
            row = _write_pairs(ws, row + 1, [(s.label, s.value) for s in section.search_terms])
        wizard = section.wizard
        if wizard is None:
            row = _write_pairs(ws, row, [("", p) for p in section.paragraphs])
            continue
        pairs = [(qa.question, qa.answer) for qa in wizard.questions]
        pairs.append((t("outcome"), wizard.outcome_title))
        if wizard.explanation:
            pairs.append(("", wizard.explanation))
        # numbered, as the PDF and Word reports number them (steps to take in order)
        pairs += [(t("next_steps") if i == 0 else "", f"{i + 1}. {s}") for i, s in enumerate(wizard.next_steps)]
        if wizard.office:
            pairs.append((t("office"), wizard.office))
        if wizard.checklist_groups:  # titled parts, one per route: the title in the text column, then its items
            for i, (title, items) in enumerate(wizard.checklist_groups):
                pairs += [(t("checklist") if i == 0 else "", title), *(("", f"☐ {s}") for s in items)]
        else:
            pairs += [(t("checklist") if i == 0 else "", f"☐ {s}") for i, s in enumerate(wizard.checklist)]
        # the outcome's notes: why "probably outside", what was searched, the data's date, cautions
        pairs += [("", p) for p in section.paragraphs]
        if not report.rules_in_appendix():  # else printed once, as the appendix
            pairs += [(t("citations") if i == 0 else "", s) for i, s in enumerate(wizard.citations)]
        row = _write_pairs(ws, row, pairs)
    row += 1
    row = _write_pairs(ws, row, [(t("conclusion"), report.conclusion or "—"), (t("disclaimer"), report.disclaimer)])
    for appendix in report.appendices:
        row = _write_pairs(ws, row, [(appendix.title if i == 0 else "", p) for i, p in enumerate(appendix.paragraphs)])
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 80  # with A, within a portrait page's width
    fit_row_heights(ws)


def workbook_language(lang: str) -> str:
    """The workbook's language as its properties say it (Excel's and WPS's spelling and sorting
    hints; LibreOffice called a workbook without one en-US): zh-CN, or en-US for an English report."""
    return "en-US" if is_english(lang) else "zh-CN"


def render_xlsx(report: Report, path: Path) -> None:
    report = xml_safe(report)  # a control character in the title, the client or a record failed the whole report
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    used: set[str] = set()
    ws.title = _sheet_name(report.label("sheet_summary"), used)
    write_summary_sheet(ws, report)
    set_up_report_pages(ws, report)
    tables = report.tables()
    if not tables:
        tables = [ReportTable(title=report.label("results"), columns=[], rows=[])]
    for table in tables:
        sheet = wb.create_sheet(_sheet_name(table.sheet or table.title, used))
        if table.columns:
            write_table_sheet(sheet, table, report.label("no_rows"))
        else:
            _set_cell(sheet, 1, 1, report.label("no_rows"))
        set_up_report_pages(sheet, report)
    wb.properties.title = report.title
    wb.properties.language = workbook_language(report.lang)
    wb.properties.creator = wb.properties.lastModifiedBy = f"ipdesk {report.app_version}"
    save_through_memory(wb.save, path)  # a failed write raises OSError
