"""Word: headings, tables with repeated header rows, East-Asian font, page numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from ipdesk.domain.report import Report
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


def _two_wizards(lang: str = "zh_CN") -> Report:
    """Two wizard results of three and two steps, each with a checklist (QA 20a N5)."""
    from ipdesk.domain.report import ReportSection, WizardSection

    report = synthetic_report(0, lang, wizard=True)
    first = report.sections[0].wizard
    assert first is not None
    first.next_steps = ["第一步", "第二步", "第三步"]
    second = WizardSection(wizard="合成向导二", outcome_title="合成结论二", next_steps=["乙一", "乙二"],
                           checklist_groups=[("合成路线", ["合成材料甲", "合成材料乙"])])
    report.sections.insert(1, ReportSection(heading="合成向导二", wizard=second))
    return report


def _numbering(d: Any, para: Any) -> tuple[int, int]:
    """(numId, start) of a numbered paragraph: the start is the num's startOverride, else the list's."""
    num_id = int(para._p.pPr.numPr.numId.val)
    numbering = d.part.numbering_part.element
    num = next(n for n in numbering.num_lst if n.numId == num_id)
    starts = num.findall(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
    return num_id, int(starts[0].get(qn("w:val"))) if starts else -1


def test_each_results_steps_are_numbered_from_one_and_boxes_have_no_bullet(tmp_path: Path) -> None:
    """QA 20a N5: every 下一步 list was one run of the List Number style, so the second result's steps were
    4, 5; each checklist item was a List Bullet with a ☐ too (a bullet and a box)."""
    path = tmp_path / "r.docx"
    render_docx(_two_wizards(), path)
    d = docx.Document(str(path))
    first = [p for p in d.paragraphs if p.text in ("第一步", "第二步", "第三步")]
    second = [p for p in d.paragraphs if p.text in ("乙一", "乙二")]
    assert len(first) == 3 and len(second) == 2
    first_ids = {_numbering(d, p) for p in first}
    second_ids = {_numbering(d, p) for p in second}
    assert len(first_ids) == 1 and len(second_ids) == 1 and first_ids != second_ids  # one list each
    for (num_id, start) in (*first_ids, *second_ids):
        assert start == 1, "each list restarts at 1"
        numbering = d.part.numbering_part.element
        abstract = next(n for n in numbering.num_lst if n.numId == num_id).abstractNumId.val
        style_num = int(d.styles["List Number"].element.pPr.numPr.numId.val)
        assert abstract == next(n for n in numbering.num_lst if n.numId == style_num).abstractNumId.val
    boxes = [p for p in d.paragraphs if p.text.startswith("☐")]
    assert {p.text for p in boxes} == {"☐ 测试材料", "☐ 合成材料甲", "☐ 合成材料乙"}
    for p in boxes:
        assert "Bullet" not in p.style.name and p._p.pPr.numPr is None


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_footer_says_page_of_pages_as_the_pdf_and_languages_match(tmp_path: Path, lang: str) -> None:
    """QA 20a N6: the footer read "… 1 / 13"; the PDF says 第 1 页 / 共 13 页 (Page 1 of 13). The styles kept
    python-docx's en-US as the East Asian language of a Chinese report."""
    path = tmp_path / "r.docx"
    render_docx(synthetic_report(1, lang), path)
    d = docx.Document(str(path))
    footer = d.sections[0].footer.paragraphs[0]
    instr = [i.text.strip() for i in footer._p.iter(qn("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    # the text with each field's result in its place, as Word shows it on page 1 of 13
    shown = []
    in_result = False  # a field's placeholder result, between its separate and end marks
    for run in footer._p.iter(qn("w:r")):
        mark = run.find(qn("w:fldChar"))
        if mark is not None:
            in_result = mark.get(qn("w:fldCharType")) == "separate"
        elif run.find(qn("w:instrText")) is not None:
            shown.append({"PAGE": "1", "NUMPAGES": "13"}[run.find(qn("w:instrText")).text.strip()])
        elif not in_result:
            shown.append("".join(t.text or "" for t in run.iter(qn("w:t"))) + ("\t" if run.find(qn("w:tab")) is not None
                                                                             else ""))
    text = "".join(shown)
    expected = "第 1 页 / 共 13 页" if lang == "zh_CN" else "Page 1 of 13"
    assert text.endswith("\t" + expected) and text.startswith("ipdesk 0.0.0-test")
    language = d.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language.get(qn("w:eastAsia")) == "zh-CN"
    assert language.get(qn("w:val")) == ("zh-CN" if lang == "zh_CN" else "en-US")


def test_cover_and_questions_grids_have_the_cells_widths(tmp_path: Path) -> None:
    """QA 20a N6: the cover and 问题与回答 tables' w:tblGrid was two equal columns (LibreOffice lays out by
    the grid) while the cells said 4 cm and the rest."""
    path = tmp_path / "r.docx"
    render_docx(synthetic_report(1, wizard=True), path)
    d = docx.Document(str(path))
    cover = next(t for t in d.tables if t.rows[0].cells[0].text == "报告编号")
    qa = next(t for t in d.tables if t.rows[0].cells[0].text == "问题")
    for table in (cover, qa):
        grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert len(grid) == 2 and grid[0] != grid[1]
        assert abs(sum(grid) - round((21.0 - 3.6) / 2.54 * 1440)) < 5  # the body's width
        for row in table.rows:
            assert [c.width.twips if hasattr(c.width, "twips") else c.width // 635 for c in row.cells] == grid
    assert abs(cover.columns[0].width.cm - 4) < 0.01


def test_control_characters_in_record_text_do_not_fail_the_report(tmp_path: Path) -> None:
    """QA 22b: a title imported with a vertical tab (Excel's line break in some CSV exports) or a stray
    control character made lxml refuse the whole Word report (ValueError, exit 70). A vertical tab
    is a line break now, other control characters are left out; the rest of the text is kept."""
    report = synthetic_report(2, wizard=True)
    table = report.sections[-1].tables[0]
    table.rows[0][1] = "合成\x0b测试\x01标题<b>"
    report.client = "测试\x1b[31m合作社"
    report.sections[0].wizard.questions[0] = type(report.sections[0].wizard.questions[0])("问\x07题", "答\x00案")  # type: ignore[union-attr]
    path = tmp_path / "r.docx"
    render_docx(report, path)
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    assert "合成\n测试标题<b>" in cells and "测试[31m合作社" in cells and "问题" in cells and "答案" in cells
    assert table.rows[0][1] == "合成\x0b测试\x01标题<b>"  # the report itself is left as it was


def test_headings_are_in_the_named_fonts_not_the_themes(tmp_path: Path) -> None:
    """QA 23a: the template's headings name theme fonts (majorEastAsia: 宋体 for Chinese, majorHAnsi)
    beside 黑体 and Calibri, and a theme font wins in Word and LibreOffice: no theme is left on the
    styles the report uses, their linked character styles or the document's defaults."""
    from ipdesk.services.reports.docx_renderer import HEADING_EAST_ASIAN_FONT, LATIN_FONT

    path = tmp_path / "r.docx"
    render_docx(synthetic_report(1, wizard=True), path)
    d = docx.Document(str(path))
    themes = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    used = ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Title Char", "Heading 1 Char",
            "Heading 2 Char", "Heading 3 Char"]
    for name in used:
        fonts = d.styles[name].element.rPr.find(qn("w:rFonts"))
        assert not [t for t in themes if fonts.get(t) is not None], name
        east_asian = EAST_ASIAN_FONT if name == "Normal" else HEADING_EAST_ASIAN_FONT
        assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))) == (east_asian, LATIN_FONT), name
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT


def test_font_table_names_the_chinese_fonts_stand_ins(tmp_path: Path) -> None:
    """宋体 and 黑体 are in the font table with their Latin names and the GB2312 character set, so
    Word, WPS or LibreOffice without them choose a Chinese face of the same kind."""
    import zipfile

    from lxml import etree

    path = tmp_path / "r.docx"
    render_docx(synthetic_report(1), path)
    with zipfile.ZipFile(path) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
    fonts = {f.get(qn("w:name")): f for f in table.findall(qn("w:font"))}
    for name, alt in (("宋体", "SimSun"), ("黑体", "SimHei")):
        assert fonts[name].find(qn("w:altName")).get(qn("w:val")) == alt
        assert fonts[name].find(qn("w:charset")).get(qn("w:val")) == "86"


def test_page_numbers_are_as_small_as_the_footers_words(tmp_path: Path) -> None:
    """QA 23a: a field without a result run was printed by LibreOffice in the paragraph's 10.5 pt
    beside the footer's 8 pt words ("Page 1 of 3" with big numbers); each field now has its result,
    and every run of the footer, field parts included, is 8 pt."""
    path = tmp_path / "r.docx"
    render_docx(synthetic_report(1, "en"), path)
    footer = docx.Document(str(path)).sections[0].footer.paragraphs[0]
    kinds = [m.get(qn("w:fldCharType")) for m in footer._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    assert footer.runs and all(run.font.size is not None and run.font.size.pt == 8 for run in footer.runs)
