"""Names a person typed, quoted by the window on one line (QA 23, `shown_text.quoted_name`): a saved
search's name in the saved-searches line and questions, a report's title as the printer's job name, a
client's name in the service record's line. A line break shows as ⏎, a
direction override (U+202E, which turns the rest of the line round) as \\u202e."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import _window, wait_idle

OVERRIDE = "合成\u202e检索"
OVERRIDE_SHOWN = "合成\\u202e检索"
OLD_NAME = "旧的\n检索"  # kept by an older ipdesk, or restored from a backup it made
OLD_SHOWN = "旧的⏎检索"


def _one_line(text: str) -> None:
    assert "\u202e" not in text and "\n" not in text, text


@pytest.fixture
def page(qtbot, services, tasks):  # type: ignore[no-untyped-def]
    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    page = window.show_page("search")
    wait_idle(qtbot, tasks)
    return page


def test_the_saved_searches_line_and_questions_quote_a_name(qtbot, page, services, tasks,  # type: ignore[no-untyped-def]
                                                           monkeypatch) -> None:
    from ipdesk.services.models import SavedSearch
    from ipdesk.services.search import SearchFilters

    services.saved_searches.save(OVERRIDE, "茶", SearchFilters())
    with services.db.local_store.session() as s:
        s.add(SavedSearch(name=OLD_NAME, query="米", filters_json="{}", created_at=dt.datetime(2025, 1, 1)))
    panel = page.saved_panel
    page.saved_toggle.click()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=10000)
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    for name, shown in ((OVERRIDE, OVERRIDE_SHOWN), (OLD_NAME, OLD_SHOWN)):
        row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == name)
        panel.table.selectRow(row)
        panel.run_current()
        assert panel.message.text() == f"已运行“{shown}”。", panel.message.text()
        panel.delete_current()  # the question, answered No
        assert asked[-1] == f"要删除已保存的检索“{shown}”吗？"
        assert panel.confirm_replace(name) is False
        assert asked[-1] == f"已有名为“{shown}”的检索。要用这次的检索替换它吗？"
        wait_idle(qtbot, tasks)
    assert panel.table.rowCount() == 2  # nothing deleted
    assert all("\u202e" not in text and "\n" not in text for text in asked)


def test_a_report_title_and_a_client_are_quoted_on_one_line(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from ipdesk.domain.basket import ReportBasket
    from ipdesk.ui.report_pdf import _name_document
    from ipdesk.ui.reports_page import ReportsPage
    from ipdesk.ui.tasks import TaskRunner
    from tests.reports.conftest import synthetic_report

    tasks = TaskRunner()
    basket = ReportBasket()
    page = ReportsPage(services, tasks, basket, "zh_CN")
    qtbot.addWidget(page)
    report = synthetic_report(1)
    report.title = "合成\n报告\u202e标题"
    printer = QPrinter()
    _name_document(report, printer)
    assert printer.docName() == "合成⏎报告\\u202e标题"  # the print queue's one line

    services.reports.record_service(client="合成\u202e农户", purpose="信息查询", outcome="合成")
    page.show()
    page.tabs.setCurrentIndex(1)
    page.client_filter.setText("合成\u202e农户")
    qtbot.waitUntil(lambda: page.records.rowCount() == 1 and "\\u202e" in page.record_message.text(), timeout=10000)
    _one_line(page.record_message.text())
    tasks.wait_idle(10000)
