"""QA 20a N10: a basket of several wizards' results is filed under their purposes, not "—", on the report
and in the service record; after a printout the Reports page says where the paper went (the printer, or the
file of a "print to file"), how many pages, and where the archive copy is.

Real seed data; the wizards' results are the real wizards' answers to questions about it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from PySide6.QtPrintSupport import QPrinter

from ipdesk.domain.basket import BasketItem, ReportBasket
from ipdesk.domain.report import default_purpose, purpose_in
from ipdesk.services.reports.builder import ReportMeta
from ipdesk.ui.reports_page import PrintNote, ReportsPage
from ipdesk.ui.tasks import TaskRunner

MIXED_ZH = "地理标志使用咨询、商标注册咨询、专利技术查询"
MIXED_EN = "GI use enquiry, Trademark registration enquiry, Patent technology search"


def test_mixed_wizards_give_each_purpose_in_order_in_either_language() -> None:
    assert default_purpose(["gi_check", "brand_check", "patent_finder", "gi_check"], "zh_CN") == MIXED_ZH
    assert default_purpose(["gi_check", "brand_check", "patent_finder"], "en") == MIXED_EN
    assert default_purpose(["patent_finder", "patent_finder"], "zh_CN") == "专利技术查询"
    assert default_purpose([], "zh_CN") == "信息查询"
    # a joined purpose reads in the ledger's language like a single one; anything else as typed
    assert purpose_in(MIXED_ZH, "en") == MIXED_EN and purpose_in(MIXED_EN, "zh_CN") == MIXED_ZH
    assert purpose_in("合作社、农户咨询", "en") == "合作社、农户咨询"


def _three_results(services: Any) -> list[BasketItem]:
    wizards = services.wizards
    outcomes = [
        wizards.gi_check({"role": "cooperative", "product": "大米", "township_code": "230184100000"}),
        wizards.brand_check({"name": "五常香", "nice_class": 30}),
        wizards.patent_finder({"crop": "水稻", "technique": "planting"}),
    ]
    return [BasketItem("wizard", i, o.title("zh_CN"), payload=o) for i, o in enumerate(outcomes)]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_basket_of_three_wizards_is_filed_under_their_purposes(services: Any, tmp_path: Path, lang: str) -> None:
    report = services.reports.builder.for_basket(_three_results(services), lang, ReportMeta())
    expected = MIXED_ZH if lang == "zh_CN" else MIXED_EN
    assert report.purpose == expected
    result = services.reports.export(report, "docx", tmp_path / "r.docx")
    cover = docx.Document(str(result.path)).tables[0]
    assert [c.text for c in cover.rows[2].cells] == [report.label("purpose"), expected]
    entry = services.reports.service_entries()[0]
    assert purpose_in(entry.purpose, lang) == expected
    services.reports.export_ledger(tmp_path / "ledger.xlsx", "", lang)
    wb = openpyxl.load_workbook(tmp_path / "ledger.xlsx")
    assert wb.worksheets[0].cell(2, 6).value == expected
    assert any(row[0] and expected in row[0] for row in wb.worksheets[1].iter_rows(values_only=True))


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    widget = ReportsPage(services, tasks, ReportBasket(), "zh_CN")
    qtbot.addWidget(widget)
    yield widget
    tasks.wait_idle(10000)


def test_the_page_shows_the_purpose_a_mixed_basket_is_filed_under(page: ReportsPage) -> None:
    for item in _three_results(page.services):
        page.basket.add(item)
    assert page.purpose_edit.lineEdit().placeholderText() == "默认：" + MIXED_ZH
    page.lang_combo.setCurrentIndex(page.lang_combo.findData("en"))
    assert page.purpose_edit.lineEdit().placeholderText() == "默认：" + MIXED_EN


def test_after_printing_the_message_says_where_it_went_and_where_the_copy_is(qtbot, page: ReportsPage,  # type: ignore[no-untyped-def]
                                                                             tmp_path: Path) -> None:
    hit = page.services.search.search("五常大米", limit=1).hits[0]
    page.basket.add(BasketItem(hit.kind, hit.ref_id, hit.title, hit.subtitle))
    page._snapshot()
    report = page._build_report()
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    with qtbot.waitSignal(page.sig_exported, timeout=30000) as blocker:
        page.print_to(report, printer)
    del printer
    result = blocker.args[0]
    text = page.message.text()
    assert page.printed_pages >= 1
    assert text.startswith(f"已打印到文件 {printed}，共 {page.printed_pages} 页。")
    assert f"存档副本：{result.archived_path}（报告编号 {result.report_no}" in text
    assert "已保存" not in text
    # a printer's name, when the paper went to one; said again after a language switch
    page._say_saved(result, PrintNote("合成测试打印机", "", 3))
    assert page.message.text().startswith("已发送到打印机“合成测试打印机”，共 3 页。存档副本：")
    state = page.save_state()
    assert state.printed == PrintNote("合成测试打印机", "", 3)
    page.message.clear()
    page.restore_state(state)
    assert page.message.text().startswith("已发送到打印机“合成测试打印机”")
    page._say_saved(result)  # an export: as before
    assert page.message.text().startswith("已保存：")


def test_the_print_message_in_english(qtbot, qapp, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from PySide6.QtCore import QTranslator

    from ipdesk.services.reports.archive import ExportResult

    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "reports_en.ts"
    qm = tmp_path / "reports_en.qm"
    subprocess.run([str(Path(sys.executable).with_name("pyside6-lrelease")), str(ts), "-qm", str(qm)],
                   capture_output=True, check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        tasks = TaskRunner()
        widget = ReportsPage(services, tasks, ReportBasket(), "en")
        qtbot.addWidget(widget)
        copy = tmp_path / "IPD-20261127-001.pdf"
        result = ExportResult(copy, copy, 1, 1, "", 0, "IPD-20261127-001")
        widget._say_saved(result, PrintNote("Synthetic test printer", "", 1))
        assert widget.message.text() == ("Sent to the printer \"Synthetic test printer\": 1 page. "
                                         f"Archive copy: {copy} (report IPD-20261127-001, logged in the service record)")
        widget._say_saved(result, PrintNote("", str(tmp_path / "out.pdf"), 12))
        assert widget.message.text().startswith(f"Printed to the file {tmp_path / 'out.pdf'}: 12 pages. Archive copy: ")
        tasks.wait_idle(10000)
    finally:
        qapp.removeTranslator(translator)
