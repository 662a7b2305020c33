"""A report holding several patents prints a table that reads: six columns in PDF and Word (the
title with its applicants and IPC under it, the publication and application numbers together),
no header wrapped, the title on one line of its own; Excel keeps one column per field.

The patents are clearly synthetic (publication numbers start with CN9900)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ipdesk.domain.basket import BasketItem
from ipdesk.domain.report import Column, ColumnType, PrintColumn, ReportTable, display_width, printed_table
from ipdesk.services.models import Patent
from ipdesk.services.reports.builder import ReportMeta

PATENTS = (
    # pub_no, app_no, title, kind, status, ipc, filed, expires, applicants
    ("CN990000001A", "CN199900000001.X", "一种测试用水稻收获装置及其控制方法", "invention", "expired",
     "A01D0041000000 A01D0034000000 A01B0063000000", dt.date(2001, 3, 1), dt.date(2021, 3, 1),
     "测试农业机械股份有限公司; 测试农业大学"),
    ("CN990000002U", "CN202299000002.3", "一种测试用水稻割台", "utility", "in_force", "A01D0047000000",
     dt.date(2022, 5, 1), dt.date(2032, 5, 1), "某某镇测试水稻专业合作社"),
    ("CN990000003A", "CN202499000003.5", "一种测试用稻谷收割方法", "invention", "pending",
     "A01D0091000000 A01D0045000000", dt.date(2024, 1, 1), None,
     "测试省农业科学院水稻研究所; 测试县农业技术推广中心; 张测试"),
    ("CN990000004U", "CN201699000004.1", "一种测试用水稻收割机（未缴年费终止）", "utility", "lapsed",
     "A01D0041000000", dt.date(2016, 1, 1), None, "李测试"),
    ("CN990000006A", "CN202099000006.9", "一种测试用水稻施肥方法及施肥装置", "invention", "in_force",
     "A01C0021000000 A01C0015000000 C05G0003000000", dt.date(2020, 1, 1), dt.date(2040, 1, 1),
     "测试肥业集团有限公司; 测试大学"),
)
LONGEST_TITLE = "一种测试用水稻收获装置及其控制方法"


def patent_report(services: Any, lang: str) -> Any:
    with services.db.session() as s:
        for pub, app, title, kind, status, ipc, filed, expires, applicants in PATENTS:
            s.add(Patent(pub_no=pub, app_no=app, title=title, kind=kind, legal_status=status, ipc_codes=ipc,
                         filing_date=filed, expiry_date=expires, applicants=applicants, dataset="test",
                         as_of=dt.date(2026, 10, 1)))
    with services.db.session() as s:
        ids = list(s.scalars(select(Patent.id).where(Patent.pub_no.like("CN9900%")).order_by(Patent.id)))
    items = [BasketItem("patent", i, "") for i in ids]
    return services.reports.builder.for_basket(items, lang, ReportMeta(client="测试合作社"))


def _cell_lines(cell: Any) -> list[str]:
    """The lines a table cell is laid out in, as the PDF prints them."""
    lines = []
    block = cell.firstCursorPosition().block()
    while block.isValid() and block.position() <= cell.lastCursorPosition().position():
        layout, text = block.layout(), block.text()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lines.append(text[line.textStart():line.textStart() + line.textLength()].strip("\u2028 "))
        block = block.next()
    return lines


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_pdf_patent_table_reads_without_stacks_of_characters(qapp, services: Any, lang: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextTable

    from ipdesk.ui.report_pdf import layout_report

    laid = layout_report(patent_report(services, lang))
    first_header = "公开号" if lang == "zh_CN" else "Publication"
    tables = [t for t in laid.doc.rootFrame().childFrames()
              if isinstance(t, QTextTable) and _cell_lines(t.cellAt(0, 0))[0].startswith(first_header)]
    assert len(tables) == 1
    table = tables[0]
    assert table.columns() <= 6  # ten made every column a few characters wide
    headers = [_cell_lines(table.cellAt(0, c)) for c in range(table.columns())]
    assert all(len(lines) == 1 for lines in headers), headers  # no header wraps
    title_col = next(c for c, h in enumerate(headers) if h[0] in ("名称", "Title"))
    for row in range(1, table.rows()):
        lines = _cell_lines(table.cellAt(row, title_col))
        # the title on its first line, whole (the old table broke it every 5-6 characters), and the
        # applicants and IPC under it
        assert lines[0].startswith("一种测试用") and len(lines[0]) >= 9, lines
        assert any(line.startswith(("申请人：", "Applicants: ")) for line in lines), lines
    longest = [_cell_lines(table.cellAt(r, title_col))[0] for r in range(1, table.rows())]
    assert LONGEST_TITLE in longest


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_patent_table_text_is_extractable(qapp, services: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.report_pdf import render_pdf

    path = tmp_path / "patents.pdf"
    render_pdf(patent_report(services, "zh_CN"), path)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    for pub, app, title, *_rest, applicants in PATENTS:
        assert pub in flat and app in flat and title in flat
        assert "".join(applicants.split()) in flat
    assert "申请人：" in flat and "IPC：A01D41/00" in flat and "公开号/申请号" in flat


def test_word_patent_table_columns_fit_their_headers(services: Any, tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Cm

    from ipdesk.services.reports.docx_renderer import CELL_MARGINS_CM, MARGIN_CM, PAGE_WIDTH_CM, render_docx

    path = tmp_path / "patents.docx"
    render_docx(patent_report(services, "zh_CN"), path)
    doc = Document(str(path))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("公开号"))
    headers = [c.text for c in table.rows[0].cells]
    assert headers == ["公开号/申请号", "名称", "类型", "法律状态", "申请日/届满日", "截至"]
    widths = [c.width for c in table.rows[0].cells]
    one_unit = Cm(8 / 72 * 2.54 / 2)  # half a Chinese character at the tables' 8 pt
    for header, width in zip(headers, widths, strict=True):
        assert width >= display_width(header) * one_unit + Cm(CELL_MARGINS_CM), header  # no header wraps
    body = Cm(PAGE_WIDTH_CM - 2 * MARGIN_CM)
    assert widths[1] >= 0.3 * body  # the title column: about 20 characters a line, not 4
    assert abs(sum(widths) - body) < Cm(0.05)
    assert [c.width for c in table.columns] == widths  # the grid says so too (LibreOffice reads it)
    first = table.rows[1].cells
    assert first[0].text == "CN990000001A\nCN199900000001.X"
    assert first[1].text.split("\n") == [LONGEST_TITLE, "申请人：测试农业机械股份有限公司; 测试农业大学",
                                         "IPC：A01D 41/00 A01D 34/00 A01B 63/00"]
    assert first[4].text == "2001-03-01\n2021-03-01"


def test_excel_keeps_a_column_per_field(services: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ipdesk.services.reports.xlsx_renderer import render_xlsx

    path = tmp_path / "patents.xlsx"
    render_xlsx(patent_report(services, "zh_CN"), path)
    book = load_workbook(path)
    sheet = next(ws for ws in book.worksheets if any(c.value == "申请人" for row in ws.iter_rows() for c in row))
    header = next(row for row in sheet.iter_rows(values_only=True) if "申请人" in row)
    assert [h for h in header if h] == ["公开号", "申请号", "类型", "名称", "申请人", "IPC", "申请日", "法律状态",
                                        "届满日", "截至"]


def test_printed_table_puts_fields_on_lines_of_their_own() -> None:
    table = ReportTable(
        "t",
        [Column("号", ColumnType.IDENTIFIER), Column("名称"), Column("人"), Column("数", ColumnType.INTEGER),
         Column("始", ColumnType.DATE), Column("终", ColumnType.DATE)],
        [["A1", "名一", "", 1234, dt.date(2020, 1, 1), None], ["A2", "名二", "甲", 5, None, None]],
        print_columns=(PrintColumn((0,)), PrintColumn((1,), details=(2,)), PrintColumn((3,)),
                       PrintColumn((4, 5), label="始/终")),
    )
    printed = printed_table(table, "zh_CN")
    assert [c.label for c in printed.columns] == ["号", "名称", "数", "始/终"]
    assert [c.type for c in printed.columns] == [ColumnType.IDENTIFIER, ColumnType.TEXT, ColumnType.INTEGER,
                                                 ColumnType.DATE]
    # one field keeps its value; a missing one of two is a dash (the lines keep their order); none, nothing
    assert printed.rows == [["A1", "名一", 1234, "2020-01-01\n—"], ["A2", "名二\n人：甲", 5, ""]]
    assert printed_table(table, "en").rows[1][1] == "名二\n人: 甲"
    plain = ReportTable("t", table.columns, table.rows)
    assert printed_table(plain, "zh_CN") is plain
