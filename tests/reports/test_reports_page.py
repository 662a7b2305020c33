"""The Reports page with pytest-qt: basket → export (archived and logged) → service record, the
month filter, the ledger, preview pages, and errors shown in place."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtPrintSupport import QPrinter

from ipdesk.domain.basket import BasketItem, ReportBasket
from ipdesk.ui.reports_page import ReportsPage
from ipdesk.ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    basket = ReportBasket()
    widget = ReportsPage(services, tasks, basket, "zh_CN")
    qtbot.addWidget(widget)
    yield widget
    tasks.wait_idle(10000)


def _fill(page: ReportsPage) -> None:
    hit = page.services.search.search("五常大米", limit=1).hits[0]
    page.basket.add(BasketItem(hit.kind, hit.ref_id, hit.title, hit.subtitle))
    page.client_edit.setText("测试合作社")
    page.purpose_edit.setCurrentText("地理标志使用咨询")


def test_empty_basket_disables_export(page: ReportsPage) -> None:
    assert not page.pdf_button.isEnabled() and "空" in page.basket_label.text()


def test_export_is_archived_and_shown_in_the_service_record(qtbot, page: ReportsPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(page)
    assert page.basket_list.count() == 1 and page.pdf_button.isEnabled()
    with qtbot.waitSignal(page.sig_exported, timeout=20000) as blocker:
        page.export_to("xlsx", tmp_path / "r.xlsx")
    result = blocker.args[0]
    assert (tmp_path / "r.xlsx").exists() and result.archived_path.exists()
    assert result.report_no in page.message.text()
    with qtbot.waitSignal(page.sig_exported, timeout=20000) as again:
        page.export_to("pdf", tmp_path / "r.pdf")
    assert again.args[0].report_no == result.report_no  # same basket, same number
    qtbot.waitUntil(lambda: page.records.rowCount() == 1, timeout=10000)
    assert page.records.item(0, 2).text() == "测试合作社"
    assert page.records.item(0, 5).text() == result.report_no
    month = result.archived_path.parent.name
    assert page.month_combo.findData(month) >= 0
    with qtbot.waitSignal(page.sig_ledger_written, timeout=10000):
        page.export_ledger_to(tmp_path / "ledger.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "ledger.xlsx").worksheets[0]
    assert ws.cell(2, 5).value == "测试合作社"


def test_unwritable_path_is_explained_in_place(qtbot, page: ReportsPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(page)
    with qtbot.waitSignal(page.sig_failed, timeout=20000) as blocker:
        page.export_to("docx", tmp_path / "missing" / "r.docx")
    assert "missing" in blocker.args[0] and "missing" in page.message.text()


def test_basket_change_starts_a_new_report(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    _fill(page)
    page._report_no = "IPD-20260101-001"
    page.basket.clear()
    assert page._report_no == "" and page.basket_list.count() == 0


def test_preview_paints_the_report(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    _fill(page)
    page._snapshot()
    report = page._build_report()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(Path(page.services.data_dir) / "preview.pdf"))
    from ipdesk.ui.report_pdf import paint_report

    assert paint_report(report, printer) >= 1
    page._show_preview(report)
    assert page.preview.isVisible()
    page.preview.close()


def test_print_paints_off_the_gui_thread_then_archives(qtbot, page: ReportsPage, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch) -> None:
    """What the print dialog hands over is painted in a worker; the page stays busy meanwhile, then
    the printed report is archived and logged as before."""
    import threading

    from ipdesk.ui import report_pdf

    on_gui_thread: list[bool] = []

    def recording_paint(report, device, **options):  # type: ignore[no-untyped-def]
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return report_pdf.paint_report(report, device, **options)

    monkeypatch.setattr("ipdesk.ui.reports_page.paint_report", recording_paint)
    _fill(page)
    page._snapshot()
    report = page._build_report()
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    with qtbot.waitSignal(page.sig_exported, timeout=30000) as blocker:
        page.print_to(report, printer)
        del printer  # the page keeps it alive while the worker paints
        assert page.message.text() == "正在打印…" and not page.print_button.isEnabled()
    assert on_gui_thread == [False]
    assert printed.exists() and printed.read_bytes().startswith(b"%PDF")
    assert blocker.args[0].archived_path.exists() and page.print_button.isEnabled()
    assert page._printer is None


def _synthetic_patents(services, count: int) -> list[BasketItem]:  # type: ignore[no-untyped-def]
    """`count` clearly synthetic patents (CN99…, "一种测试用…") in the basket's shape."""
    import datetime as dt

    from sqlalchemy import select

    from ipdesk.services.models import Patent

    with services.db.session() as s:
        for n in range(count):
            s.add(Patent(pub_no=f"CN99{n:07d}A", app_no=f"CN2020990{n:05d}.X", title=f"一种测试用稻谷烘干装置（第{n + 1}号）",
                         kind="invention", legal_status="in_force", ipc_codes="F26B0017000000",
                         filing_date=dt.date(2020, 1, 1), expiry_date=dt.date(2040, 1, 1),
                         applicants="测试农业机械股份有限公司", dataset="test", as_of=dt.date(2026, 10, 1)))
    with services.db.session() as s:
        ids = s.scalars(select(Patent.id).where(Patent.pub_no.like("CN99%")).order_by(Patent.id))
        return [BasketItem("patent", i, "") for i in ids]


@pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdfinfo"), reason="poppler-utils not installed")
def test_a_long_printout_is_painted_in_a_worker_with_every_page_and_its_text(  # type: ignore[no-untyped-def]
        qtbot, qapp, page: ReportsPage, tmp_path: Path, monkeypatch) -> None:
    """A report of 200 patents printed to a PDF-format QPrinter: the layout (its QTextDocument and
    fonts) is made and painted in a worker thread, not the GUI thread; the file has every page the
    page reports, each with its Chinese header and page number as text, the last patent's title on
    the last page, and the archived copy has the same pages."""
    from PySide6.QtCore import QThread

    from ipdesk.services.reports.builder import ReportMeta
    from ipdesk.ui import report_pdf

    laid_out_in: list[tuple[QThread, QThread]] = []  # (the thread that ran it, the document's thread)
    layout_report = report_pdf.layout_report

    def recording_layout(*args, **kwargs):  # type: ignore[no-untyped-def]
        laid = layout_report(*args, **kwargs)
        laid_out_in.append((QThread.currentThread(), laid.doc.thread()))
        return laid

    monkeypatch.setattr(report_pdf, "layout_report", recording_layout)
    report = page.services.reports.builder.for_basket(_synthetic_patents(page.services, 200), "zh_CN",
                                                      ReportMeta(client="测试合作社"))
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    with qtbot.waitSignal(page.sig_exported, timeout=60000) as blocker:
        page.print_to(report, printer)
    gui = qapp.thread()
    assert len(laid_out_in) == 1 and laid_out_in[0][0] is not gui and laid_out_in[0][1] is not gui
    pages = page.printed_pages
    assert pages >= 5

    def page_count(pdf: Path) -> int:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]

    def text_of(pdf: Path, n: int) -> str:  # without spaces: pdftotext drops the ones between words
        return "".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                      capture_output=True, text=True, check=True).stdout.split())

    assert page_count(printed) == pages and page_count(blocker.args[0].archived_path) == pages
    assert page.message.text().startswith(f"已打印到文件 {printed}，共 {pages} 页。存档副本：")
    for n in range(1, pages + 1):
        text = text_of(printed, n)
        assert report.title in text and report.label("page").format(page=n, pages=pages).replace(" ", "") in text, (n, text[:300])
    assert "一种测试用稻谷烘干装置（第1号）" in text_of(printed, 1)
    assert "一种测试用稻谷烘干装置（第200号）" in text_of(printed, pages)


def test_page_in_english(qtbot, qapp, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every string of the page has an English translation in reports_en.ts."""
    import subprocess
    import sys

    from PySide6.QtCore import QTranslator

    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "reports_en.ts"
    qm = tmp_path / "reports_en.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], capture_output=True, text=True, check=True).stdout
    assert "0 unfinished" in out
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        tasks = TaskRunner()
        widget = ReportsPage(services, tasks, ReportBasket(), "en")
        qtbot.addWidget(widget)
        assert widget.tabs.tabText(1) == "Service record"
        assert widget.pdf_button.text() == "Export P&DF…"
        assert widget.basket_label.text().startswith("The report basket is empty")
        tasks.wait_idle(10000)
    finally:
        qapp.removeTranslator(translator)


def test_wizard_outcome_in_the_basket_reaches_the_pdf(qtbot, page: ReportsPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    wizards = getattr(page.services, "wizards", None)
    if wizards is None or shutil.which("pdftotext") is None:
        pytest.skip("wizards service or pdftotext not available")
    outcome = wizards.gi_check({"role": "cooperative", "product": "大米", "township_code": "230184100000"})
    page.basket.add(BasketItem("wizard", 0, outcome.title("zh_CN"), outcome.code, payload=outcome))
    page.client_edit.setText("测试合作社")
    with qtbot.waitSignal(page.sig_exported, timeout=30000):
        page.export_to("pdf", tmp_path / "w.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "w.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert outcome.headline("zh_CN") in " ".join(text.split()) or "五常大米" in text
    assert "材料清单" in text and "所依据的规定" in text
    qtbot.waitUntil(lambda: page.records.rowCount() == 1, timeout=10000)
    assert "五常大米" in page.records.item(0, 4).text()


def test_basket_rows_speak_to_people(page: ReportsPage) -> None:
    """A search shows its count in words; a wizard result shows its answer, never its code."""
    from ipdesk.services.reports.builder import search_basket_item

    outcome = page.services.wizards.brand_check({"name": "五常香", "nice_class": 30})
    page.basket.add(search_basket_item("五常", subtitle="28"))
    page.basket.add(BasketItem(kind="wizard", ref_id=0, title=outcome.title("zh_CN"), payload=outcome))
    rows = [page.basket_list.item(i).text() for i in range(page.basket_list.count())]
    assert "找到 28 条" in rows[0]
    assert "很可能被驳回" in rows[1] and outcome.code not in rows[1]


def _pdf_pages(path: Path) -> list[str]:
    import subprocess

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return ["".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("margins_mm", [None, 3.53])
def test_the_archived_copy_of_a_printout_has_the_printed_pages(qtbot, page: ReportsPage, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              margins_mm) -> None:
    """QA: 4 pages printed, a 5-page PDF archived. The archive is drawn for the printer's paper and
    margins (the report's own unless changed in the print dialog) with the same layout, so it has
    the same pages, each with the same text."""
    import shutil

    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout

    from ipdesk.ui.report_pdf import report_page_layout
    from tests.reports.conftest import synthetic_report

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not available")
    report = synthetic_report(120, wizard=True)
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    layout = report_page_layout()
    if margins_mm is not None:  # as a print dialog may leave it: the printer's own small margins
        layout.setMargins(QMarginsF(margins_mm, margins_mm, margins_mm, margins_mm))
    printer.setPageLayout(QPageLayout(layout))
    with qtbot.waitSignal(page.sig_exported, timeout=30000) as blocker:
        page.print_to(report, printer)
    del printer
    printed_pages, archived_pages = _pdf_pages(printed), _pdf_pages(blocker.args[0].archived_path)
    assert len(printed_pages) == page.printed_pages == len(archived_pages) >= 3
    assert printed_pages == archived_pages
    entry = page.services.reports.service_entries()[0]
    assert entry.report_formats == ("print",)


def test_the_preview_shows_the_pages_of_the_export(page: ReportsPage) -> None:
    from ipdesk.ui.report_pdf import report_page_layout

    _fill(page)
    page._snapshot()
    page._show_preview(page._build_report())
    assert page.preview.printer().pageLayout().isEquivalentTo(report_page_layout())
    page.preview.close()


def test_wizard_results_in_the_basket_follow_a_language_switch(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    """QA: an item added in Chinese kept "地理标志使用资格：可以申请…" after switching to English."""
    outcome = services.wizards.gi_check({"role": "cooperative", "product": "五常大米", "township_code": "230184100000"})
    basket = ReportBasket()
    basket.add(BasketItem("wizard", 0, outcome.title("zh_CN"), payload=outcome))
    tasks = TaskRunner()
    english = ReportsPage(services, tasks, basket, "en")  # the page as rebuilt after the switch
    qtbot.addWidget(english)
    row = english.basket_list.item(0).text()
    assert outcome.title("en") in row and outcome.title("zh_CN") not in row
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in outcome.title("en").replace("五常大米", ""))
    tasks.wait_idle(10000)


def test_the_staff_name_typed_here_is_used_for_wizard_visits(page: ReportsPage) -> None:
    page.staff_edit.setText("  合成经办人 ")
    assert page.services.reports.staff_on_duty == "合成经办人"


def test_a_long_client_name_does_not_push_the_ledger_off_screen(qtbot, page: ReportsPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client = "合成测试市某某镇稻花香水稻种植专业合作社（一个很长的服务对象名称用来测试换行和截断问题）"
    page.services.reports.record_service(client=client, purpose="Trademark registration enquiry",
                                         outcome="合成结果", detail="品牌名称检查：想注册什么名称？合成测试")
    page.resize(1024, 700)
    page.show()
    page.tabs.setCurrentIndex(1)
    page.refresh_records()
    qtbot.waitUntil(lambda: page.records.rowCount() == 1, timeout=10000)
    table = page.records
    last = table.columnCount() - 1
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width()
    header = table.horizontalHeader()
    for col in range(table.columnCount()):  # no header cut ("咨询…")
        label = table.horizontalHeaderItem(col).text()
        assert table.columnWidth(col) >= header.fontMetrics().horizontalAdvance(label), label
    assert table.item(0, 2).toolTip() == client
    assert table.item(0, 3).text() == "商标注册咨询"  # a standard purpose in the window's language
    # logged before the wizards were renamed: the store keeps 品牌名称检查, the window names it as the rail does
    assert "商标核查：想注册什么名称？合成测试" in table.item(0, 3).toolTip()
    assert "品牌名称检查" not in table.item(0, 3).toolTip()


def test_an_entry_logged_under_a_former_wizard_name_shows_the_current_one_in_english(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    services.reports.record_service(client="合成服务对象", purpose="商标注册咨询", outcome="合成结果",
                                    detail="品牌名称检查：想注册什么名称？合成测试")
    tasks = TaskRunner()
    english = ReportsPage(services, tasks, ReportBasket(), "en")
    qtbot.addWidget(english)
    english.tabs.setCurrentIndex(1)
    english.refresh_records()
    qtbot.waitUntil(lambda: english.records.rowCount() == 1, timeout=10000)
    tip = english.records.item(0, 3).toolTip()
    assert english.records.item(0, 3).text() == "Trademark registration enquiry"
    assert "Brand check: 想注册什么名称？合成测试" in tip and "品牌名称检查" not in tip
    tasks.wait_idle(10000)


def test_the_suggested_report_name_fits_windows_max_path_in_a_deep_folder(page: ReportsPage, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """QA 23b: the Save dialog suggested 60 characters of the title whatever the Documents folder's depth."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from ipdesk.services.outfiles import WINDOWS_MAX_PATH, utf16_len

    documents = tmp_path
    while utf16_len(str(documents)) < 190:
        documents = documents / "共享文件夹"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    suggested: list[str] = []

    def get_save_file_name(_parent: object, _caption: str, where: str, _filter: str) -> tuple[str, str]:
        suggested.append(where)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    _fill(page)
    page.title_edit.setText("知识产权信息检索报告" * 6)
    page._on_export_clicked("docx")
    (where,) = suggested
    assert where.startswith(str(documents)) and where.endswith(".docx") and "知识产权信息检索报告" in where
    assert utf16_len(where) + len("-999.part") <= WINDOWS_MAX_PATH
