"""The client typed on a wizard's result (服务对象) reaches the Reports page and the report (QA19c N3).

The visit was logged under 王大叔 and the report of it was filed with that entry, but the Reports
page's client stayed empty and the farmer's copy said 服务对象 —. And the window titled a report of
one wizard result only 知识产权信息服务报告, where `ipdesk report gi-check` says which check it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipdesk.domain.basket import BasketItem, ReportBasket
from ipdesk.services.reports.builder import ReportMeta
from tests.ui.conftest import wait_idle

CLIENT = "王大叔"  # a person's name as staff type it (no record number: nothing is invented)
GI_TITLE = "知识产权信息服务报告：地理标志核查"  # the wizard as the rail names it


@pytest.fixture
def zh_window(qtbot: Any, services: Any, tasks: Any) -> Any:
    from ipdesk.ui.i18n import install_translators
    from tests.ui.conftest import _window

    install_translators(QApplication.instance(), "zh_CN")
    return _window(qtbot, services, tasks, "zh_CN")


@pytest.mark.parametrize("log_first", [True, False], ids=["logged-then-added", "added-then-typed-and-logged"])
def test_the_visit_client_is_the_report_client(qtbot: Any, zh_window: Any, services: Any, tmp_path: Path,
                                               log_first: bool) -> None:
    from tests.wizards.test_wizard_client import to_result

    window = zh_window
    gi = window.show_page("gi_check")
    to_result(gi, qtbot)
    if log_first:
        gi.client_edit.setText(CLIENT)
        qtbot.mouseClick(gi.record_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "服务台账" in gi.status_label.text(), timeout=10000)
        qtbot.mouseClick(gi.basket_button, Qt.MouseButton.LeftButton)
    else:  # into the report first, the client typed afterwards
        qtbot.mouseClick(gi.basket_button, Qt.MouseButton.LeftButton)
        gi.client_edit.setText(CLIENT)
        qtbot.mouseClick(gi.record_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "服务台账" in gi.status_label.text(), timeout=10000)
    reports = window.show_page("reports")
    assert reports.client_edit.text() == CLIENT
    assert reports.title_edit.placeholderText() == f"默认：{GI_TITLE}"
    with qtbot.waitSignal(reports.sig_exported, timeout=60000) as blocker:
        reports.export_to("docx", tmp_path / "report.docx")
    wait_idle(qtbot, window.tasks)
    result = blocker.args[0]
    # the report and the ledger say the same client: one entry, the visit, with this report
    [entry] = services.reports.service_entries()
    assert entry.client == CLIENT and entry.report_no == result.report_no
    reports._snapshot()
    report = reports._build_report()
    assert report.client == CLIENT and report.title == GI_TITLE


def test_a_client_typed_on_the_reports_page_stays(qtbot: Any, zh_window: Any) -> None:
    from tests.wizards.test_wizard_client import to_result

    window = zh_window
    reports = window.page("reports")
    reports.client_edit.setText("某某镇测试合作社")
    gi = window.show_page("gi_check")
    to_result(gi, qtbot)
    gi.client_edit.setText(CLIENT)
    qtbot.mouseClick(gi.basket_button, Qt.MouseButton.LeftButton)
    assert window.show_page("reports").client_edit.text() == "某某镇测试合作社"


def test_the_filled_in_client_goes_with_the_basket(qtbot: Any, zh_window: Any) -> None:
    """Emptied, the basket takes its client along; a second visitor's result names them instead."""
    from tests.wizards.test_wizard_client import to_result

    window = zh_window
    gi = window.show_page("gi_check")
    to_result(gi, qtbot)
    gi.client_edit.setText(CLIENT)
    qtbot.mouseClick(gi.basket_button, Qt.MouseButton.LeftButton)
    reports = window.show_page("reports")
    assert reports.client_edit.text() == CLIENT
    reports.clear_button.click()
    assert reports.client_edit.text() == "" and reports.title_edit.placeholderText() == "默认：知识产权信息服务报告"


def test_the_builder_names_the_client_and_the_wizard(services: Any) -> None:
    """For the CLI and the window alike: a report of one wizard result has the CLI's title, and the
    client typed with the result when the report names none (a client given wins)."""
    outcome = services.wizards.brand_check({"name": "合成测试甲", "nice_class": 30, "groups": ("3008",)})
    builder = services.reports.builder
    basket = ReportBasket()
    basket.add(BasketItem("wizard", 0, outcome.title("zh_CN"), payload=outcome))
    assert basket.set_client(outcome, CLIENT) and basket.client() == CLIENT
    report = builder.for_basket(basket.items, "zh_CN", ReportMeta())
    assert report.client == CLIENT
    assert report.title == builder.for_outcome(outcome, "zh_CN", ReportMeta()).title == "知识产权信息服务报告：商标核查"
    assert builder.for_basket(basket.items, "zh_CN", ReportMeta(client="另一位")).client == "另一位"
    english = builder.for_basket(basket.items, "en", ReportMeta())
    assert english.title == builder.for_outcome(outcome, "en", ReportMeta()).title
    # two results for different clients: neither is guessed; two results: the general title
    other = services.wizards.brand_check({"name": "合成测试乙", "nice_class": 30, "groups": ("3008",)})
    basket.add(BasketItem("wizard", 0, other.title("zh_CN"), payload=other, client="另一位"))
    assert basket.client() == ""
    report = builder.for_basket(basket.items, "zh_CN", ReportMeta())
    assert report.client == "" and report.title == "知识产权信息服务报告"
