"""Excel (.xlsx) rendering with openpyxl: a report sheet, then one sheet per result table.

Columns are typed (dates as dates, identifiers as text so leading zeros survive), the header row
is frozen and filtered, and any text a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ipdesk.domain.report import (
    CellValue,
    ColumnType,
    Report,
    ReportTable,
    display_cell,
    format_cell,
    neutralise_formula,
)
from ipdesk.services.reports.files import save_through_memory

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_text(value: str) -> str:
    """Text for a cell: formula triggers neutralised, control characters Excel rejects removed."""
    cleaned = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return neutralise_formula(cleaned)


def _typed(value: CellValue, ctype: ColumnType) -> tuple[object, str | None]:
    """(cell value, number format) for a value of a typed column."""
    if value is None or value == "":
        return None, None
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
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    if number_format:
        cell.number_format = number_format
    return cell


def write_table_sheet(ws: Worksheet, table: ReportTable, empty_text: str) -> None:
    for col, column in enumerate(table.columns, start=1):
        cell = _set_cell(ws, 1, col, safe_text(column.label))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    widths = [max(8, _display_width(c.label) + 2) for c in table.columns]
    for r, row in enumerate(table.rows, start=2):
        for c, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            typed, fmt = _typed(value, column.type)
            _set_cell(ws, r, c, typed, fmt)
            widths[c - 1] = max(widths[c - 1], min(60, _display_width(format_cell(value)) + 2))
    if not table.rows:
        _set_cell(ws, 2, 1, empty_text)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    last_row = max(2, len(table.rows) + 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{last_row}"
    if table.note:
        _set_cell(ws, last_row + 2, 1, safe_text(table.note))


def _display_width(text: str) -> int:
    """Width in Excel character units: CJK characters are about two Latin ones wide."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _write_pairs(ws: Worksheet, start: int, pairs: Iterable[tuple[str, str]]) -> int:
    row = start
    for label, value in pairs:
        _set_cell(ws, row, 1, safe_text(label)).font = HEADER_FONT
        _set_cell(ws, row, 2, safe_text(value)).alignment = WRAP
        row += 1
    return row


def write_summary_sheet(ws: Worksheet, report: Report) -> None:
    t = report.label
    _set_cell(ws, 1, 1, safe_text(report.title)).font = Font(bold=True, size=14)
    row = _write_pairs(ws, 3, report.cover_fields())
    row += 1
    _set_cell(ws, row, 1, t("scope")).font = HEADER_FONT
    row += 1
    for d in report.scope_table().rows:
        _set_cell(ws, row, 1, safe_text(format_cell(d[0])))
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
        pairs += [(t("next_steps") if i == 0 else "", s) for i, s in enumerate(wizard.next_steps)]
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
    ws.column_dimensions["B"].width = 100


def render_xlsx(report: Report, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    used: set[str] = set()
    ws.title = _sheet_name(report.label("sheet_summary"), used)
    write_summary_sheet(ws, report)
    tables = report.tables()
    if not tables:
        tables = [ReportTable(title=report.label("results"), columns=[], rows=[])]
    for table in tables:
        sheet = wb.create_sheet(_sheet_name(table.sheet or table.title, used))
        if table.columns:
            write_table_sheet(sheet, table, report.label("no_rows"))
        else:
            _set_cell(sheet, 1, 1, report.label("no_rows"))
    wb.properties.title = report.title
    wb.properties.creator = wb.properties.lastModifiedBy = f"ipdesk {report.app_version}"
    save_through_memory(wb.save, path)  # a failed write raises OSError
