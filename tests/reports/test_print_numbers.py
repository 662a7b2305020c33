"""A printed report carries its number (QA): the paper handed to the client had no number, while its
archived PDF copy and the service record had one. The number is now taken before the painting
(`ReportsService.reserve_number`), the paper shows it, the archive copy and the ledger use it, and a
printout that fails gives it back. The preview's Print goes the same way (it painted on the GUI
thread, unnumbered, and neither archived nor logged). Real SQLite files, a PDF printer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from ipdesk.domain.basket import ReportBasket
from ipdesk.ui.print_job import preview_print_action
from ipdesk.ui.reports_page import ReportsPage, print_job_name
from ipdesk.ui.tasks import TaskRunner
from tests.reports.conftest import synthetic_report


@pytest.fixture
def page(qtbot: Any, services: Any) -> Any:
    tasks = TaskRunner()
    widget = ReportsPage(services, tasks, ReportBasket(), "zh_CN")
    qtbot.addWidget(widget)
    yield widget
    tasks.wait_idle(10000)


def _unnumbered(rows: int = 3) -> Any:
    report = synthetic_report(rows)
    report.report_no = ""  # a basket printed before any export: no number yet
    return report


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_a_held_number_is_archived_under_its_name_or_given_back(services: Any) -> None:
    reports = services.reports
    report = _unnumbered()
    hold = reports.reserve_number(report)
    assert hold is not None and report.report_no == hold.report_no == "IPD-20260102-001"
    assert hold.claimed.name == "IPD-20260102-001.pdf" and hold.claimed.exists()  # held as an export holds it
    assert reports.reserve_number(report) is None  # numbered already: nothing more to hold

    reports.release_number(report, hold)  # nothing was printed
    assert report.report_no == "" and not hold.claimed.exists()
    again = reports.reserve_number(report)
    assert again is not None and again.report_no == "IPD-20260102-001"  # issued again, no gap

    def render(r: Any, path: Path) -> None:
        path.write_bytes(b"%PDF-1.4\n% printout copy\n%%EOF\n")

    result = reports.export(report, "pdf", None, renderers={"pdf": render}, printed=True, hold=again)
    assert result.report_no == "IPD-20260102-001" and result.archived_path == again.claimed
    assert reports.service_entries()[0].report_no == "IPD-20260102-001"
    nxt = _unnumbered()
    assert reports.reserve_number(nxt).report_no == "IPD-20260102-002"  # type: ignore[union-attr]


def test_the_paper_carries_the_number_of_its_archived_copy(qtbot: Any, page: Any, tmp_path: Path) -> None:
    report = _unnumbered()
    printed = tmp_path / "printed.pdf"
    with qtbot.waitSignal(page.sig_exported, timeout=30000) as blocker:
        page.print_to(report, _pdf_printer(printed))
    result = blocker.args[0]
    number = result.report_no
    assert number.startswith("IPD-")
    assert number in _text(printed)  # before the fix: only on the archived copy
    assert number in _text(result.archived_path) and result.archived_path.name == f"{number}.pdf"
    entry = page.services.reports.service_entries()[0]
    assert entry.report_no == number and entry.report_formats == ("print",)
    assert page._report_no == number  # the basket keeps it: an export of the same basket reuses it


def test_a_failed_printout_gives_its_number_back(qtbot: Any, page: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(report: Any, device: Any, **_options: Any) -> int:  # the printer could not be opened
        raise OSError("cannot paint on the output device")

    monkeypatch.setattr("ipdesk.ui.reports_page.paint_report", broken)
    report = _unnumbered()
    with qtbot.waitSignal(page.sig_failed, timeout=30000):
        page.print_to(report, _pdf_printer(tmp_path / "never.pdf"))
    page.tasks.wait_idle(10000)
    assert report.report_no == "" and page._report_no == ""
    month = page.services.data_dir / "reports" / "2026-01"
    assert not month.exists() or not any(month.iterdir())  # no empty held name left behind
    assert page.services.reports.service_entries() == []
    assert page.services.reports.reserve_number(_unnumbered()).report_no == "IPD-20260102-001"


def test_a_printout_that_broke_off_keeps_its_number_for_the_reprint(qtbot: Any, page: Any, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the printer was open, pages may have come out with the number: giving it back would put it on
    the next client's paper too. It stays this basket's (a gap in the archive if never reprinted)."""
    from ipdesk.ui import report_pdf

    real = report_pdf._paint_header_footer
    calls = [0]

    def jam(*args: Any) -> None:
        calls[0] += 1
        real(*args)  # the first page, number and all, is on its way to the printer
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(report_pdf, "_paint_header_footer", jam)
    report = _unnumbered()
    with qtbot.waitSignal(page.sig_failed, timeout=30000):
        page.print_to(report, _pdf_printer(tmp_path / "jammed.pdf"))
    page.tasks.wait_idle(10000)
    assert calls == [1]
    number = report.report_no
    assert number == "IPD-20260102-001" and page._report_no == number  # kept: a page may carry it
    month = page.services.data_dir / "reports" / "2026-01"
    assert not month.exists() or not any(month.iterdir())  # the held name is not left behind
    assert page.services.reports.service_entries() == []
    assert page.services.reports.reserve_number(_unnumbered()).report_no == "IPD-20260102-002"  # not reused

    monkeypatch.setattr(report_pdf, "_paint_header_footer", real)
    reprinted = tmp_path / "reprinted.pdf"
    with qtbot.waitSignal(page.sig_exported, timeout=30000) as blocker:
        page.print_to(report, _pdf_printer(reprinted))
    assert blocker.args[0].report_no == number and number in _text(reprinted)
    assert blocker.args[0].archived_path.name == f"{number}.pdf"


def test_the_previews_print_goes_the_pages_way(qtbot: Any, page: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    printed = tmp_path / "from-preview.pdf"
    asked: list[str] = []

    def ask(parent: Any, title: str, layout: Any, *, doc_name: str = "", file_suggestion: Any = None) -> QPrinter:
        asked.append(doc_name)
        return _pdf_printer(printed)

    monkeypatch.setattr("ipdesk.ui.reports_page.ask_printer", ask)
    report = _unnumbered()
    page._show_preview(report)
    action = preview_print_action(page.preview)
    assert action is not None
    with qtbot.waitSignal(page.sig_exported, timeout=30000) as blocker:
        action.trigger()
    assert asked == [report.title] and not page.preview.isVisible()  # numbered only after the dialog
    number = blocker.args[0].report_no
    assert number in _text(printed)
    assert page.services.reports.service_entries()[0].report_formats == ("print",)


def test_the_previews_print_button_is_found_in_english_too(qtbot: Any, qapp: Any, services: Any) -> None:
    from ipdesk.ui.i18n import install_translators

    install_translators(qapp, "en")
    try:
        tasks = TaskRunner()
        english = ReportsPage(services, tasks, ReportBasket(), "en")
        qtbot.addWidget(english)
        english._show_preview(_unnumbered())
        assert preview_print_action(english.preview) is not None
        english.preview.close()
        tasks.wait_idle(10000)
    finally:
        install_translators(qapp, "zh_CN")


def test_the_print_job_is_named_by_title_and_number_not_by_client(qtbot: Any, page: Any, tmp_path: Path) -> None:
    """QA: the print queue (Windows' 打印队列) listed the title alone, or nothing: which paper is stuck? The
    number tells it, as the page, the paper and the service record show it; the client's name stays out
    of a queue that others read."""
    report = _unnumbered()
    printed = tmp_path / "printed.pdf"
    with qtbot.waitSignal(page.sig_exported, timeout=30000) as blocker:
        page.print_to(report, _pdf_printer(printed))
    number = blocker.args[0].report_no
    title = PdfReader(str(printed)).metadata.title  # a PDF printer keeps the job's name as the title
    assert title == f"{report.title} {number}" and report.client not in title
    report.report_no = ""
    assert print_job_name(report) == report.title  # before it has a number: the title alone
    report.title, report.report_no = "报告\n\u202e", "IPD-20260102-007"
    assert print_job_name(report) == "报告⏎\\u202e IPD-20260102-007"  # on one line, nothing obeyed


def test_print_to_file_suggests_the_title_in_documents(qtbot: Any, page: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: Qt's print dialog offered the home folder and no name at all (Wayland) or print.pdf there."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QLineEdit

    documents = tmp_path / "文档"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    seen: list[tuple[str, str]] = []

    def cancel(dialog: QPrintDialog) -> int:
        field = dialog.findChild(QLineEdit, "filename")
        seen.append((field.text() if field is not None else "(no field)", dialog.printer().docName()))
        return int(QPrintDialog.DialogCode.Rejected)

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    report = _unnumbered()
    page._print(report)
    assert seen == [(str(documents / f"{report.title}.pdf"), report.title)]
    assert page.services.reports.service_entries() == []  # cancelled: nothing numbered, nothing printed
