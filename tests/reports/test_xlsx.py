"""Excel: typed columns, identifiers as text, dates as dates, frozen header, filter, no formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from ipdesk.services.reports.xlsx_renderer import render_xlsx
from tests.reports.conftest import FORMULA_CELL, synthetic_report


@pytest.mark.parametrize("rows", [0, 1, 500])
def test_result_sheet_is_typed_frozen_and_filtered(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "r.xlsx"
    render_xlsx(synthetic_report(rows), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "报告信息"
    ws = wb["合成结果表"]
    assert [c.value for c in ws[1]] == ["编号", "名称", "日期", "序号", "说明"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:E{max(2, rows + 1)}"
    if rows == 0:
        assert ws["A2"].value == "（无结果）"
        return
    assert ws["A2"].value == "0000000" and ws["A2"].data_type == "s" and ws["A2"].number_format == "@"
    assert isinstance(ws["C2"].value, dt.datetime) and ws["C2"].value.date() == dt.date(2020, 1, 1)
    assert ws["D2"].value == 0 and ws["D2"].data_type == "n"
    assert ws["B2"].value == "测试样品0号"
    assert ws.max_row == rows + 1


def test_formula_text_is_not_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    render_xlsx(synthetic_report(3), path)
    ws = openpyxl.load_workbook(path)["合成结果表"]
    # exactly the text, kept text by Excel's quote prefix (the import error list's way), not a visible "'"
    assert ws["E2"].data_type == "s" and ws["E2"].quotePrefix
    assert ws["E2"].value == FORMULA_CELL
    assert ws["E3"].value == "+86 synthetic" and ws["E3"].quotePrefix
    assert ws["E4"].value == "合成说明 2" and not ws["E4"].quotePrefix
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_name_or_title_starting_with_a_dash_reads_as_written(tmp_path: Path, lang: str) -> None:
    """QA 23a: "-张三" showed as "'-张三" in Excel, WPS and LibreOffice; with the quote prefix it shows as
    typed and stays text when the cell is edited. The workbook says its language too."""
    import dataclasses

    report = dataclasses.replace(synthetic_report(1, lang), title="-合成标题", client="-张三")
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "-合成标题" in cells and cells["-合成标题"].quotePrefix
    assert "-张三" in cells and cells["-张三"].quotePrefix
    assert not any(v.startswith("'") for v in cells)
    assert wb.properties.language == ("en-US" if lang == "en" else "zh-CN")


def test_libreoffice_shows_guarded_text_as_written(tmp_path: Path) -> None:
    """The office suite's view of a guarded cell (skipped without LibreOffice): the text as typed,
    not computed (=SUM(1+1) is not 2) and without a "'" before it."""
    import shutil
    import subprocess

    from ipdesk.services.reports.ledger import ServiceEntry, write_ledger

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    entries = [ServiceEntry(1, dt.datetime(2026, 11, 2, 9, 30), "-李四", "=SUM(1+1)", "合成咨询", "+86 合成")]
    path = tmp_path / "ledger.xlsx"
    write_ledger(entries, path, "zh_CN", "2026-11")
    out = tmp_path / "csv"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=120)
    shown = (out / "ledger.csv").read_text(encoding="utf-8")
    assert "-李四" in shown and "=SUM(1+1)" in shown and "+86 合成" in shown
    assert "'" not in shown


def test_summary_sheet_carries_scope_wizard_and_disclaimer(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    render_xlsx(synthetic_report(1, "en", wizard=True), path)
    ws = openpyxl.load_workbook(path)["Report"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    for needle in ("Test report: synthetic data", "TEST-00000001", "Test cooperative", "Data scope", "v3",
                   "Synthetic outcome", "☐ Test document", "Disclaimer", "not legal advice"):
        assert needle in text


def test_summary_scope_counts_read_like_the_window(tmp_path: Path) -> None:
    import dataclasses

    report = synthetic_report(1)
    report.scope = [dataclasses.replace(report.scope[0], records=41963)]
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    texts = [c for row in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True) for c in row
             if isinstance(c, str)]
    assert any("· 41,963 ·" in c for c in texts)


def test_sheet_names_say_whose_table_and_stay_within_excels_limit(tmp_path: Path) -> None:
    """Sheets are named by `sheet` where the title alone is ambiguous ("依据的记录"); a long name
    ends in "…" within 31 characters and every name is different."""
    import dataclasses

    report = synthetic_report(2, "en")
    table = report.sections[0].tables[0]
    report.sections[0].tables = [
        dataclasses.replace(table, sheet="Records (Agricultural patent finder)"),
        dataclasses.replace(table, sheet="Records (Agricultural patent finder)"),
        dataclasses.replace(table, title="Records relied on", sheet="Records (Brand-name check)"),
        table,
    ]
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    names = openpyxl.load_workbook(path).sheetnames
    assert names[1:] == ["Records (Agricultural patent f…", "Records (Agricultural patent 2",
                         "Records (Brand-name check)", "Synthetic results"]
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == len(names)


def test_wizard_records_sheet_is_named_for_its_wizard() -> None:
    from ipdesk.domain.report import as_section

    outcome = {"title": "商标核查", "headline": "有风险", "findings": [{"title": "测试", "reasons": ["r"]}]}
    assert as_section(outcome, "zh_CN").tables[0].sheet == "依据的记录（商标核查）"
    outcome["title"] = "Brand check"
    assert as_section(outcome, "en").tables[0].sheet == "Records (Brand check)"


@pytest.mark.parametrize(("lang", "names"), [("zh_CN", {"IPC 国际专利分类", "类似群", "尼斯分类"}),
                                             ("en", {"IPC", "Similar group", "Nice class"})])
def test_class_sheet_names_each_scheme_in_words(shared_services, tmp_path: Path, lang: str, names: set[str]) -> None:  # type: ignore[no-untyped-def]
    """The 分类 sheet's 体系 column showed the stored IPC, GROUP and NICE."""
    from ipdesk.services.reports.builder import ReportMeta
    from ipdesk.services.search import SearchFilters

    report = shared_services.reports.builder.for_search("rice", SearchFilters(kinds=("class",)), lang, ReportMeta())
    path = tmp_path / "classes.xlsx"
    render_xlsx(report, path)
    book = openpyxl.load_workbook(path)
    scheme = "体系" if lang == "zh_CN" else "Scheme"
    sheet = next(ws for ws in book.worksheets if any(c.value == scheme for row in ws.iter_rows() for c in row))
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if scheme in row)
    column = rows[head].index(scheme)
    shown = {row[column] for row in rows[head + 1:] if row[column]}
    assert shown == names, shown


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_imported_data_has_no_version_as_in_the_window(services, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """QA 18b N9: patents imported from a spreadsheet (no published version, 0 in the store) were
    "Version 0" in Word and PDF and "v0 · As of …" in Excel; the window's Data & sync page says "—"."""
    import csv

    import docx

    from ipdesk.services.reports.builder import ReportMeta
    from ipdesk.services.reports.docx_renderer import render_docx

    sheet = tmp_path / "patents.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:  # synthetic numbers
        csv.writer(f).writerows([["公开号", "名称", "专利类型", "申请人", "法律状态", "申请日"],
                                 ["CN999300001A", "合成测试一种水稻育秧方法", "发明", "合成测试合作社", "有效", "2022-03-01"]])
    services.importer.commit(services.importer.stage([sheet]))
    report = services.reports.builder.for_search("水稻", None, lang, ReportMeta())
    patents = "专利" if lang == "zh_CN" else "Patents"
    scope = {row[0]: row for row in report.scope_table().rows}
    assert scope[patents][1] == "—" and scope[patents][3] == 1
    assert all(row[1] == 1 for name, row in scope.items() if name != patents)  # the seed's own: version 1

    render_xlsx(report, tmp_path / "r.xlsx")
    lines = {r[0]: r[1] for r in openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0].iter_rows(values_only=True)
             if r[0] in scope}
    assert lines[patents].startswith("— · ") and "v0" not in lines[patents], lines[patents]
    assert all(line.startswith("v1 · ") for name, line in lines.items() if name != patents)

    render_docx(report, tmp_path / "r.docx")
    table = docx.Document(str(tmp_path / "r.docx")).tables[1]  # the data scope, after the cover
    cells = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert cells[patents] == "—"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_sheet_name_the_program_makes_fits_whole(shared_services, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """QA 18b N9: "Records (Agricultural patent f…": the patent finder's records sheet was cut at
    Excel's 31 characters. Every sheet name made from the program's own words fits whole."""
    from ipdesk.domain.i18n import KIND_NAMES
    from ipdesk.domain.report import LABELS, as_section
    from ipdesk.domain.wizard import WIZARD_TITLES
    from ipdesk.services.reports.builder import ReportMeta

    wizards = shared_services.wizards
    outcomes = {
        "gi_check": wizards.gi_check({"product": "五常大米", "township_code": "230184100000"}),
        "brand_check": wizards.brand_check({"name": "五常香", "nice_class": 30}),
        "patent_finder": wizards.patent_finder({"crop": "水稻"}),
    }
    assert set(outcomes) == set(WIZARD_TITLES)
    names = [LABELS["sheet_summary"](lang), LABELS["results"](lang), *(k(lang) for k in KIND_NAMES.values())]
    for wizard, outcome in outcomes.items():
        section = as_section(outcome.to_report_section(lang), lang)
        names += [t.sheet for t in section.tables] or [as_section({**outcome.to_report_section(lang), "findings": [
            {"title": "合成测试", "reasons": ["r"]}]}, lang).tables[0].sheet]
        report = shared_services.reports.builder.for_outcome(outcome, lang, ReportMeta())
        render_xlsx(report, tmp_path / f"{wizard}.xlsx")
        for name in openpyxl.load_workbook(tmp_path / f"{wizard}.xlsx").sheetnames:
            assert not name.endswith("…"), name
    too_long = [n for n in names if len(n) > 31]
    assert not too_long
    assert ("Records (Patents)" if lang == "en" else "依据的记录（农业专利）") in names  # the rail's name


# --- QA 20a N8: columns a records sheet can be filtered by, real dates, pages that print -------------------

def _import_records(services, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Clearly synthetic patents (CN9995…, 合成测试) and an earlier mark for the wizards to find."""
    import csv

    patents = folder / "patents.csv"
    with patents.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["公开号", "名称", "专利类型", "申请人", "法律状态", "申请日", "IPC分类号"])
        w.writerow(["CN999500001A", "合成测试一种水稻育秧方法", "发明", "合成测试合作社;合成测试研究所", "有效", "2022-03-01",
                    "A01G22/22"])
        w.writerow(["CN999500002U", "合成测试一种水稻插秧装置", "实用新型", "合成测试研究所", "届满", "2024-07-16", "A01C11/02"])
    marks = folder / "marks.csv"
    with marks.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["注册号", "商标", "类别", "注册人", "注册日", "专用权期限至"])
        w.writerow(["99950001", "合成五常香", "30", "合成测试合作社", "2015-06-01", "2035-05-31"])
    services.importer.commit(services.importer.stage([patents, marks], local=True, as_of=dt.date(2026, 11, 1)))


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_wizard_records_sheets_have_a_column_for_each_fact(services, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The records sheet of a wizard packed the number and applicant into 说明 and the kind, filing date
    and status into 理由: nothing to sort or filter by. Each is a column of its own now, the filing
    date a date; the printed table (PDF, Word) keeps its four columns."""
    from ipdesk.domain.basket import BasketItem
    from ipdesk.domain.i18n import pick
    from ipdesk.services.reports.builder import ReportMeta
    from ipdesk.services.reports.docx_renderer import render_docx

    _import_records(services, tmp_path)
    wizards = services.wizards
    outcomes = [wizards.patent_finder({"crop": "水稻", "technique": "planting"}),
                wizards.brand_check({"name": "合成五常香", "nice_class": 30}),
                wizards.gi_check({"role": "cooperative", "product": "大米", "township_code": "230184100000"})]
    items = [BasketItem("wizard", i, o.title(lang), payload=o) for i, o in enumerate(outcomes)]
    report = services.reports.builder.for_basket(items, lang, ReportMeta())
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    wb = openpyxl.load_workbook(path)

    def sheet(short: str) -> tuple[list[str], list[dict[str, object]]]:
        ws = next(ws for ws in wb if short in ws.title)
        head = [str(c.value) for c in ws[1]]
        return head, [dict(zip(head, [c.value for c in row], strict=True)) for row in ws.iter_rows(min_row=2)]

    head, rows = sheet(pick(lang, "（农业专利）", "(Patents)"))  # the wizards as the rail names them
    number, applicant, filed, status, doubt = (pick(lang, "公开号", "Publication no."),
                                               pick(lang, "第一申请人", "First applicant"), pick(lang, "申请日", "Filed"),
                                               pick(lang, "法律状态", "Legal status"),
                                               pick(lang, "状态存疑", "Status in doubt"))
    assert {number, applicant, pick(lang, "类型", "Kind"), filed, status, pick(lang, "分组", "Group")} <= set(head)
    by_number = {r[number]: r for r in rows if r[number]}
    first, second = by_number["CN999500001A"], by_number["CN999500002U"]
    assert first[applicant] == "合成测试合作社" and first[pick(lang, "类型", "Kind")] == pick(lang, "发明", "invention")
    assert first[filed] == dt.datetime(2022, 3, 1) and first[status] == pick(lang, "有效", "in force")
    assert first[doubt] is None and second[doubt]  # a utility model "expired" within its term: the doubt is said
    ws = next(ws for ws in wb if pick(lang, "（农业专利）", "(Patents)") in ws.title)
    filed_cell = ws.cell(2 + rows.index(first), head.index(filed) + 1)
    assert filed_cell.is_date and filed_cell.number_format == "yyyy-mm-dd"
    assert ws.cell(2 + rows.index(first), head.index(number) + 1).number_format == "@"
    head, rows = sheet(pick(lang, "（商标核查）", "(Brand check)"))
    mark = next(r for r in rows if r[pick(lang, "注册号", "Reg. no.")] == "99950001")
    assert mark[pick(lang, "注册人", "Owner")] == "合成测试合作社" and mark[pick(lang, "类别", "Class")] == 30
    head, rows = sheet(pick(lang, "（地理标志核查）", "(GI check)"))
    assert pick(lang, "保护范围", "Protected area") in head and pick(lang, "说明", "Details") not in head
    # Word prints the same records in the four columns it had
    render_docx(report, tmp_path / "r.docx")
    import docx

    tables = docx.Document(str(tmp_path / "r.docx")).tables
    assert any([c.text for c in t.rows[0].cells] == [pick(lang, "名称", "Name"), pick(lang, "说明", "Details"),
                                                     pick(lang, "分组", "Group"), pick(lang, "理由", "Why")]
               for t in tables)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_sheet_prints_on_a4_with_the_report_number_and_pages(tmp_path: Path, lang: str) -> None:
    """No sheet had page setup: a printed sheet could not be matched to its report."""
    report = synthetic_report(300, lang, wizard=True)
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    page = "第 &P 页 / 共 &N 页" if lang == "zh_CN" else "Page &P of &N"
    for ws in wb:
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.oddHeader.right.text == "TEST-00000001" and ws.oddHeader.left.text == report.title
        assert ws.oddFooter.right.text == page and "TEST-00000001" in ws.oddFooter.left.text
    summary, results = wb.worksheets[0], wb[report.tables()[0].title]
    assert summary.page_setup.orientation == "portrait"
    assert results.print_title_rows == "$1:$1"  # the header row on every printed page
    # 出具日期 is a date and time Excel reckons with, not text
    date_row = next(r for r in summary.iter_rows() if r[0].value == report.label("date"))
    assert date_row[1].value == dt.datetime(2026, 1, 2, 3, 4) and date_row[1].number_format == "yyyy-mm-dd hh:mm"


def test_a_wide_sheet_prints_landscape_and_long_text_wraps(tmp_path: Path) -> None:
    from ipdesk.domain.report import Column, ColumnType, ReportTable

    report = synthetic_report(0)
    long = "合成测试" * 20
    report.sections[0].tables = [ReportTable("合成宽表", [Column(f"合成{i}", ColumnType.TEXT) for i in range(5)],
                                             [[long] * 5])]
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    ws = openpyxl.load_workbook(path)["合成宽表"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["A"].width == 32 and ws["A2"].alignment.wrap_text


def test_header_text_is_not_read_as_excel_codes(tmp_path: Path) -> None:
    report = synthetic_report(1)
    report.title = "合成 R&D 报告"
    path = tmp_path / "r.xlsx"
    render_xlsx(report, path)
    assert openpyxl.load_workbook(path).worksheets[0].oddHeader.left.text == "合成 R&&D 报告"


def test_ledger_times_are_times_and_its_pages_are_set_up(tmp_path: Path) -> None:
    from ipdesk.services.reports.ledger import ServiceEntry, write_ledger

    when = dt.datetime(2026, 11, 27, 14, 5, 33)
    entries = [ServiceEntry(1, when, "测试员", "测试合作社", "信息查询", "合成结果", "TEST-00000001", "pdf")]
    path = tmp_path / "ledger.xlsx"
    write_ledger(entries, path, "zh_CN", "2026-11")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws["C1"].value == "时间"
    assert ws["C2"].value == dt.datetime(2026, 11, 27, 14, 5) and ws["C2"].number_format == "hh:mm"
    assert ws["B2"].value == dt.datetime(2026, 11, 27) and ws["B2"].number_format == "yyyy-mm-dd"
    for sheet in wb:
        assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.fitToWidth == 1
        assert sheet.oddHeader.left.text == "服务台账 2026-11" and sheet.oddFooter.right.text == "第 &P 页 / 共 &N 页"
        assert sheet.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"  # ten columns


def test_findings_sheet_reads_what_each_subtitle_holds() -> None:
    """A number that is missing does not shift the applicant into its column; a reason that is no known
    fact stays under 理由; a date that is not a whole date stays text."""
    from ipdesk.domain.report import findings_sheet

    table = findings_sheet([
        {"kind": "patent", "title": "合成甲", "subtitle": "合成测试合作社", "group_label": "有效",
         "reasons": ["类型：发明", "申请日：2024", "合成的其他说明"]},
        {"kind": "trademark", "title": "合成乙", "subtitle": "30 · 合成测试公司", "group_label": "可能冲突",
         "reasons": ["文字完全相同"]},
    ], "zh_CN")
    head = [c.label for c in table.columns]
    assert head == ["名称", "申请人/注册人", "类别", "类型", "申请日", "分组", "理由"]
    assert table.rows[0] == ["合成甲", "合成测试合作社", None, "发明", "2024", "有效", "合成的其他说明"]
    assert table.rows[1] == ["合成乙", "合成测试公司", 30, None, None, "可能冲突", "文字完全相同"]


def test_wrapped_rows_are_as_tall_as_their_lines(tmp_path: Path) -> None:
    """QA 23a: LibreOffice keeps a row without a height at one line, so a wrapped disclaimer or a
    ledger's questions and answers were cut off and overlapped the next row; each such row now says
    its height, and a one-line row is left to the default. The time column is as wide as 14:05."""
    from ipdesk.services.reports.ledger import ServiceEntry, write_ledger

    when = dt.datetime(2026, 11, 27, 14, 5)
    detail = "合成问题：合成回答。" * 12  # 120 CJK characters: several lines in a 32-wide column
    entries = [ServiceEntry(1, when, "测试员", "测试合作社", "信息查询", "合成结果", detail=detail),
               ServiceEntry(2, when, "测试员", "测试合作社", "信息查询", "合成结果", detail="短")]
    path = tmp_path / "ledger.xlsx"
    write_ledger(entries, path, "zh_CN", "2026-11")
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["J2"].alignment.wrap_text
    lines = 240 / (ws.column_dimensions["J"].width - 1)
    assert ws.row_dimensions[2].height >= 15 * lines
    assert ws.row_dimensions[3].height is None and ws.row_dimensions[1].height is None
    assert ws.column_dimensions["C"].width <= 10  # "14:05", not "2026-11-27T14:05:00"
    assert ws.page_setup.orientation == "landscape"

    report_path = tmp_path / "r.xlsx"
    render_xlsx(synthetic_report(1, "en", wizard=True), report_path)
    summary = openpyxl.load_workbook(report_path).worksheets[0]
    disclaimer = next(c for row in summary.iter_rows() for c in row if c.value == "Disclaimer")
    text = summary.cell(disclaimer.row, 2).value
    assert len(text) > 80 and summary.row_dimensions[disclaimer.row].height >= 30
    assert disclaimer.alignment.vertical == "top"  # the label beside the first line of its text


def test_excel_width_counts_full_width_punctuation_as_two() -> None:
    """QA 23: full-width punctuation counted one column, so a column of Chinese sentences came out too
    narrow; wide and full-width characters (east_asian_width W or F) and Chinese quotes count two."""
    from ipdesk.services.reports.xlsx_renderer import excel_width

    assert excel_width("abc 123") == 7
    assert excel_width("合成") == 4
    for ch in "，。：；（）、《》“”！？％＋Ａｚ～":
        assert excel_width(ch) == 2, ch
    assert excel_width("\uff01\uff5e") == 4  # the ends of the full-width forms block
    assert excel_width("ｱ") == 1  # a half-width katakana is narrow
    assert excel_width("e\u0301") == 1  # a combining accent takes no column of its own
    assert excel_width("合成问题：合成回答。") == 20


@pytest.mark.parametrize("title", ["合成报告", "合成标题：" + "合成检索结果（测试）、" * 9])
def test_the_title_in_a1_shows_whole(tmp_path: Path, title: str) -> None:
    """QA 23: the summary sheet's title in A1 spilled past the printed columns (LibreOffice shrank the
    whole page to fit a long one; Excel cut it at the page's edge). It is merged across the sheet's
    columns, wrapped, and its row as tall as its lines at 14 points."""
    import dataclasses

    from ipdesk.services.reports.xlsx_renderer import excel_width

    path = tmp_path / "r.xlsx"
    render_xlsx(dataclasses.replace(synthetic_report(1, "zh_CN"), title=title), path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["A1"].value == title
    assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].alignment.wrap_text and ws["A1"].font.sz == 14
    width = ws.column_dimensions["A"].width + ws.column_dimensions["B"].width
    lines = -(-excel_width(title) * 14 / 11 // (width - 1))
    assert (lines > 1) == (len(title) > 40)
    assert ws.row_dimensions[1].height >= 15 * 14 / 11 * lines


def test_findings_sheet_has_no_why_column_when_every_reason_found_a_column() -> None:
    """QA of the reports: the GI check's records sheet ended in an empty 理由 column on every row."""
    from ipdesk.domain.report import findings_sheet

    table = findings_sheet([{"kind": "gi", "title": "合成甲", "subtitle": "地理标志产品", "group_label": "覆盖您的乡镇",
                             "reasons": ["保护范围：合成县"]}], "zh_CN")
    assert "理由" not in [c.label for c in table.columns]
    said = findings_sheet([{"kind": "gi", "title": "合成甲", "subtitle": "地理标志产品", "group_label": "覆盖您的乡镇",
                            "reasons": ["保护范围：合成县", "合成的其他说明"]}], "zh_CN")
    assert [c.label for c in said.columns][-1] == "理由" and said.rows[0][-1] == "合成的其他说明"
