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
    assert ws["E2"].data_type == "s"
    assert ws["E2"].value == "'" + FORMULA_CELL
    assert ws["E3"].value == "'+86 synthetic"
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


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

    outcome = {"title": "品牌名称检查", "headline": "有风险", "findings": [{"title": "测试", "reasons": ["r"]}]}
    assert as_section(outcome, "zh_CN").tables[0].sheet == "依据的记录（品牌名称检查）"
    outcome["title"] = "Brand-name check"
    assert as_section(outcome, "en").tables[0].sheet == "Records (Brand-name check)"


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
    assert "Records (Patent finder)" in names or lang != "en"
