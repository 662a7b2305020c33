"""Word: headings, tables with repeated header rows, East-Asian font, page numbers."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ipdesk.services.reports.docx_renderer import EAST_ASIAN_FONT, render_docx
from tests.reports.conftest import synthetic_report


@pytest.mark.parametrize("rows", [0, 1, 500])
def test_docx_has_the_tables_and_text(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "r.docx"
    render_docx(synthetic_report(rows), path)
    d = docx.Document(str(path))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "测试报告：合成数据" in text and "免责声明" in text and "数据范围" in text
    results = d.tables[-1]
    assert [c.text for c in results.rows[0].cells] == ["编号", "名称", "日期", "序号", "说明"]
    header_props = results.rows[0]._tr.trPr
    assert header_props is not None and header_props.find(qn("w:tblHeader")) is not None
    for row in results.rows[: 1 + rows]:  # no record is cut in two by a page break
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    if rows:
        assert len(results.rows) == rows + 1
        assert results.rows[1].cells[0].text == "0000000"
        assert results.rows[1].cells[1].text == "测试样品0号"
    else:
        assert "（无结果）" in results.rows[1].cells[0].text


def test_east_asian_font_and_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    render_docx(synthetic_report(1, wizard=True), path)
    d = docx.Document(str(path))
    fonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT
    footer_xml = d.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert abs(d.sections[0].page_width.cm - 21.0) < 0.01
    text = "\n".join(p.text for p in d.paragraphs)
    assert "合成结论" in text and "☐ 测试材料" in text


def test_counts_print_with_thousands_separators_and_identifiers_untouched(tmp_path: Path) -> None:
    """The data scope's record counts read as the window shows them (41,963); identifier columns
    (number strings with leading zeros) stay as they are."""
    import dataclasses

    from ipdesk.domain.report import ColumnType, display_cell

    assert display_cell(41963, ColumnType.INTEGER) == "41,963"
    assert display_cell(41963, ColumnType.IDENTIFIER) == "41963" and display_cell(7, ColumnType.INTEGER) == "7"
    report = synthetic_report(2)
    report.scope = [dataclasses.replace(report.scope[0], records=41963)]
    path = tmp_path / "r.docx"
    render_docx(report, path)
    d = docx.Document(str(path))
    scope = next(t for t in d.tables if any("数据集" in c.text for c in t.rows[0].cells))
    assert "41,963" in [c.text for c in scope.rows[1].cells]
    assert d.tables[-1].rows[1].cells[0].text == "0000000"


def test_document_properties_are_the_reports_not_the_templates(tmp_path: Path) -> None:
    """python-docx's template says 2013-12-23, "python-docx" and "Microsoft Macintosh Word"."""
    import datetime as dt
    import zipfile

    report = synthetic_report(1)
    report.created_at = dt.datetime.now().replace(microsecond=0)
    path = tmp_path / "r.docx"
    render_docx(report, path)
    props = docx.Document(str(path)).core_properties
    now = dt.datetime.now(dt.UTC)
    assert props.created is not None and abs((now - props.created.replace(tzinfo=dt.UTC)).total_seconds()) < 120
    assert props.modified is not None and abs((now - props.modified.replace(tzinfo=dt.UTC)).total_seconds()) < 120
    assert props.title == "测试报告：合成数据" and props.identifier == "TEST-00000001"
    assert props.author == props.last_modified_by == "测试员"
    assert props.comments == "ipdesk 0.0.0-test" and props.language == "zh-CN"
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode()
    assert "<Application>ipdesk 0.0.0-test</Application>" in app and "Microsoft" not in app
    report.staff = ""
    render_docx(report, path)
    assert docx.Document(str(path)).core_properties.author == "ipdesk"


def test_a_search_in_a_basket_keeps_its_terms_under_its_own_heading(tmp_path: Path) -> None:
    from ipdesk.domain.report import ReportSection, SearchTerm

    report = synthetic_report(1)
    report.search_terms = []
    report.sections.insert(0, ReportSection("检索“测试”：检索结果", ["共找到 1 条。"],
                                            search_terms=[SearchTerm("查询", "测试")]))
    path = tmp_path / "r.docx"
    render_docx(report, path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    at = texts.index("检索“测试”：检索结果")
    assert texts[at + 1] == "检索条件" and texts[at + 2] == "查询：测试"
    assert texts.count("检索条件") == 1
    assert "合成结果表" not in texts[texts.index("合成结果表") + 1:]  # the table is not captioned again
