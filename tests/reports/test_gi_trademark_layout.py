"""The GI and trademark tables print six readable columns in PDF and Word, as the patent table does:
the GI's name with its category and holder under it, its number with the registration date and
source under it; the mark with its owner and goods under it, class and groups together, the
registration and expiry dates paired. Excel keeps one column per field.

The GIs are real records of the seed; the trademarks are clearly synthetic (numbers start with TEST9)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ipdesk.domain.basket import BasketItem
from ipdesk.domain.report import display_width
from ipdesk.services.models import GeoIndication, Trademark
from ipdesk.services.reports.builder import ReportMeta
from tests.reports.test_patent_layout import _cell_lines

# real GIs of the seed: a long protected area; a holder and a registration date; a holder only
GI_NAMES = ("清水大米", "茅山后佛见喜梨", "高邮鸭蛋")
GI_HEADERS_ZH = ["名称", "类型", "保护范围", "公告号/注册号", "状态", "截至"]
GI_HEADERS_EN = ["Name", "Kind", "Protected area", "Announcement/reg. no.", "Status", "As of"]
GI_FIELDS_ZH = ["名称", "类型", "类别", "持有人/申请人", "公告号/注册号", "登记日期", "保护范围", "状态", "来源", "截至"]

MARKS = (
    # reg_no, mark, class, groups, goods, owner, status, registered, expires
    ("TEST9001", "测试五常稻香", 30, "3004 3006", "米；大米；糯米；米粉；谷粉（测试）", "五常市测试水稻种植专业合作社联合社",
     "registered", dt.date(2015, 6, 1), dt.date(2035, 5, 31)),
    ("TEST9002", "Test Rice", 31, "3101 3102 3105", "新鲜水果；新鲜蔬菜；活动物；植物种子（测试）", "张测试",
     "expired", dt.date(2005, 6, 1), dt.date(2015, 5, 31)),
    ("TEST9003", "测试龙凤山", 29, "", "", "测试合作社甲", "pending", None, None),
)
TM_HEADERS_ZH = ["商标", "注册号", "类别/类似群", "状态", "注册日/到期日", "截至"]
TM_HEADERS_EN = ["Mark", "Reg. no.", "Class / groups", "Status", "Registered / expires", "As of"]


def gi_report(services: Any, lang: str) -> Any:
    with services.db.session() as s:
        ids = [s.scalar(select(GeoIndication.id).where(GeoIndication.name == name)) for name in GI_NAMES]
    assert all(ids)
    return services.reports.builder.for_basket([BasketItem("gi", i, "") for i in ids], lang, ReportMeta())


def trademark_report(services: Any, lang: str) -> Any:
    with services.db.session() as s:
        for reg, mark, cls, groups, goods, owner, status, registered, expires in MARKS:
            s.add(Trademark(reg_no=reg, mark_text=mark, nice_class=cls, similar_groups=groups, goods=goods,
                            owner=owner, status=status, reg_date=registered, expiry_date=expires, dataset="test",
                            as_of=dt.date(2026, 10, 1)))
    with services.db.session() as s:
        ids = list(s.scalars(select(Trademark.id).where(Trademark.reg_no.like("TEST9%")).order_by(Trademark.reg_no)))
    return services.reports.builder.for_basket([BasketItem("trademark", i, "") for i in ids], lang, ReportMeta())


def _pdf_table(report: Any, first_header: str) -> Any:
    from PySide6.QtGui import QTextTable

    from ipdesk.ui.report_pdf import layout_report

    laid = layout_report(report)
    tables = [t for t in laid.doc.rootFrame().childFrames()
              if isinstance(t, QTextTable) and _cell_lines(t.cellAt(0, 0))[0] == first_header]
    assert len(tables) == 1
    return laid, tables[0]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_pdf_gi_table_prints_six_columns(qapp, services: Any, lang: str) -> None:  # type: ignore[no-untyped-def]
    headers_expected = GI_HEADERS_ZH if lang == "zh_CN" else GI_HEADERS_EN
    _laid, table = _pdf_table(gi_report(services, lang), headers_expected[0])
    headers = [_cell_lines(table.cellAt(0, c)) for c in range(table.columns())]
    assert [h[0] for h in headers] == headers_expected  # ten columns were a few characters wide each
    assert all(len(lines) == 1 for lines in headers), headers  # no header wraps
    cells = {_cell_lines(table.cellAt(r, 0))[0].split(" (")[0]: [_cell_lines(table.cellAt(r, c))
                                                                   for c in range(table.columns())]
             for r in range(1, table.rows())}
    assert set(cells) == set(GI_NAMES)  # each name whole on its first line
    holder = "持有人/申请人：" if lang == "zh_CN" else "Holder: "
    pear = cells["茅山后佛见喜梨"]
    assert any(line.startswith(("类别：", "Category: ")) for line in pear[0])
    assert any(line.startswith(holder) for line in pear[0])
    assert pear[3][0] == "农业部公告第2384号"
    assert "".join(pear[3]).replace(" ", "").find("2016-03-31") > 0  # the date under the number
    assert not any(line.startswith(holder) for line in cells["清水大米"][0])  # no holder recorded: no line


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_gi_and_trademark_text_is_extractable(qapp, services: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.report_pdf import render_pdf

    flat = {}
    for name, report in (("gi", gi_report(services, "zh_CN")), ("tm", trademark_report(services, "zh_CN"))):
        path = tmp_path / f"{name}.pdf"
        render_pdf(report, path)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat[name] = "".join(text.split())
    for name in GI_NAMES:
        assert name in flat["gi"]
    assert "持有人/申请人：北京市平谷区茅山后梨产销协会" in flat["gi"]
    assert "登记日期：2016-03-31" in flat["gi"] and "公告号/注册号" in flat["gi"]
    for reg, mark, _cls, _groups, goods, owner, *_rest in MARKS:
        assert reg in flat["tm"] and mark.replace(" ", "") in flat["tm"]
        assert f"注册人：{owner}" in flat["tm"]
        if goods:
            assert f"商品/服务：{goods}" in flat["tm"]
    assert "类别/类似群" in flat["tm"] and "2015-06-012035-05-31" in flat["tm"]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_pdf_trademark_table_prints_six_columns(qapp, services: Any, lang: str) -> None:  # type: ignore[no-untyped-def]
    headers_expected = TM_HEADERS_ZH if lang == "zh_CN" else TM_HEADERS_EN
    _laid, table = _pdf_table(trademark_report(services, lang), headers_expected[0])
    headers = [_cell_lines(table.cellAt(0, c)) for c in range(table.columns())]
    assert [h[0] for h in headers] == headers_expected
    assert all(len(lines) == 1 for lines in headers), headers
    rows = [[_cell_lines(table.cellAt(r, c)) for c in range(table.columns())] for r in range(1, table.rows())]
    first = rows[0]
    assert first[0][0] == "测试五常稻香"  # the mark whole on its first line, its owner and goods under it
    owner = "注册人：" if lang == "zh_CN" else "Owner: "
    assert any(line.startswith(owner) for line in first[0])
    assert first[1] == ["TEST9001"] and first[2] == ["30", "3004 3006"] and first[4] == ["2015-06-01", "2035-05-31"]
    pending = rows[2]
    assert pending[2] == ["29", "—"]  # no groups: a dash keeps the lines in order
    assert pending[4] == ["\xa0"]  # no dates at all: nothing (a no-break space keeps the cell open)


def test_word_gi_and_trademark_tables(services: Any, tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Cm

    from ipdesk.services.reports.docx_renderer import CELL_MARGINS_CM, render_docx

    one_unit = Cm(8 / 72 * 2.54 / 2)  # half a Chinese character at the tables' 8 pt
    for name, report, expected in (("gi", gi_report(services, "zh_CN"), GI_HEADERS_ZH),
                                   ("tm", trademark_report(services, "zh_CN"), TM_HEADERS_ZH)):
        path = tmp_path / f"{name}.docx"
        render_docx(report, path)
        doc = Document(str(path))
        table = next(t for t in doc.tables if t.rows[0].cells[0].text == expected[0])
        headers = [c.text for c in table.rows[0].cells]
        assert headers == expected
        for header, cell in zip(headers, table.rows[0].cells, strict=True):
            assert cell.width >= display_width(header) * one_unit + Cm(CELL_MARGINS_CM), header
        if name == "gi":
            pear = next(r.cells for r in table.rows[1:] if r.cells[0].text.startswith("茅山后佛见喜梨"))
            assert pear[0].text.split("\n") == ["茅山后佛见喜梨", "类别：果品", "持有人/申请人：北京市平谷区茅山后梨产销协会"]
            assert pear[3].text.split("\n")[:2] == ["农业部公告第2384号", "登记日期：2016-03-31"]
        else:
            first = table.rows[1].cells
            assert first[0].text.split("\n") == ["测试五常稻香", "注册人：五常市测试水稻种植专业合作社联合社",
                                                 "商品/服务：米；大米；糯米；米粉；谷粉（测试）"]
            assert first[2].text == "30\n3004 3006" and first[4].text == "2015-06-01\n2035-05-31"


def test_excel_keeps_a_column_per_gi_and_trademark_field(services: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ipdesk.services.reports.xlsx_renderer import render_xlsx

    for name, report, marker, expected in (
        ("gi", gi_report(services, "zh_CN"), "持有人/申请人", GI_FIELDS_ZH),
        ("tm", trademark_report(services, "zh_CN"), "注册人",
         ["注册号", "商标", "类别", "类似群", "商品/服务", "注册人", "状态", "注册日", "到期日", "截至"]),
    ):
        path = tmp_path / f"{name}.xlsx"
        render_xlsx(report, path)
        book = load_workbook(path)
        header = next(row for ws in book.worksheets for row in ws.iter_rows(values_only=True) if marker in row)
        assert [h for h in header if h] == expected
