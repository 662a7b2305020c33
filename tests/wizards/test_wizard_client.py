"""The result step's client (服务对象) for the service record: typed, logged with the visit (Enter in
the field logs too), named in the confirmation, cleared by Restart; and the Reports page's client
offered, never filled in unasked. The three desktop wizards share it (base.FlowPage)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from ipdesk.domain.basket import ReportBasket
from ipdesk.domain.wizard import SUMMARY
from ipdesk.ui.tasks import TaskRunner
from ipdesk.ui.wizards.brand_wizard import BrandCheckPage
from ipdesk.ui.wizards.gi_wizard import GiCheckPage
from ipdesk.ui.wizards.patent_wizard import PatentFinderPage

# Answers that reach a result on each wizard (the synthetic marks and patents of conftest).
ANSWERS: dict[type, dict[str, Any]] = {
    GiCheckPage: {"role": "cooperative", "product": "大米", "township_code": "230184100000",
                  "township_label": "五常镇"},
    BrandCheckPage: {"name": "测试甲", "nice_class": 30, "groups": ("3008",)},
    PatentFinderPage: {"crop": "水稻", "technique": "harvesting", "keywords": ""},
}
CLIENT = "某某镇测试大米专业合作社"


def make(cls: type, services: Any, tasks: TaskRunner, qtbot: Any, lang: str = "zh_CN") -> Any:
    page = cls(services, tasks, ReportBasket(), lang, None)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def to_result(page: Any, qtbot: Any) -> None:
    """Answer every question (as the steps would), then "查看结果" from the summary."""
    page.session.data.update(ANSWERS[type(page)])
    page.session.history[:] = [step for step in page.flow.questions if step != SUMMARY]
    page.session.current = SUMMARY
    page._show_current()
    assert not page.record_bar.isVisible()  # the client and the log button belong to the result
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=15000):
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)


def type_text(widget: QLineEdit, text: str) -> None:
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("cls", [GiCheckPage, BrandCheckPage, PatentFinderPage])
def test_each_wizard_logs_the_client_typed(cls: type, synthetic_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(cls, synthetic_services, tasks, qtbot)
    to_result(page, qtbot)
    field = page.client_edit
    assert page.record_bar.isVisible() and field.isVisible() and field.isEnabled() and not field.isReadOnly()
    assert field.accessibleName() == "服务对象" and field.placeholderText() == "如：某某镇大米专业合作社"
    assert field.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert field.nextInFocusChain() is page.record_button or page.client_offer.isHidden()
    field.setFocus()
    type_text(field, f"  {CLIENT} ")
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "服务台账" in page.status_label.text(), timeout=5000)
    entry = synthetic_services.reports.service_entries()[0]
    assert entry.client == CLIENT  # stray spaces dropped
    assert CLIENT in page.status_label.text() and f"第 {entry.id} 条" in page.status_label.text()
    # what was logged stays on show, and is not edited after the fact
    assert field.isReadOnly() and field.text().strip() == CLIENT and not page.record_button.isEnabled()


def test_enter_in_the_field_logs_and_restart_clears_it(synthetic_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(BrandCheckPage, synthetic_services, tasks, qtbot)
    to_result(page, qtbot)
    page.client_edit.setFocus()
    type_text(page.client_edit, "张测试")
    qtbot.keyClick(page.client_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "张测试" in page.status_label.text(), timeout=5000)
    entries = synthetic_services.reports.service_entries()
    assert len(entries) == 1 and entries[0].client == "张测试" and entries[0].purpose == "商标注册咨询"
    qtbot.keyClick(page.client_edit, Qt.Key.Key_Return)  # logged once: Enter again does not log twice
    tasks.wait_idle(5000)
    assert len(synthetic_services.reports.service_entries()) == 1
    # Restart: the next client starts from nothing
    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    assert page.client_edit.text() == "" and not page.client_edit.isReadOnly()
    assert not page.record_bar.isVisible()
    to_result(page, qtbot)
    assert page.client_edit.text() == "" and page.record_button.isEnabled()


def test_no_client_still_logs(synthetic_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(PatentFinderPage, synthetic_services, tasks, qtbot, lang="en")
    to_result(page, qtbot)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.record_button.isEnabled() and page.tasks.is_running(page._record_task) is False
                    and page._record_task is None, timeout=5000)
    entries = synthetic_services.reports.service_entries()
    assert len(entries) == 1 and entries[0].client == "" and entries[0].purpose == "Patent technology search"


def test_the_reports_page_client_is_offered_not_filled_in(synthetic_services: Any, tasks: TaskRunner,
                                                          qtbot: Any) -> None:
    from ipdesk.ui.main_window import MainWindow

    window = MainWindow(synthetic_services, tasks, lang="zh_CN", probe_network=False)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("brand_check")
    to_result(page, qtbot)
    assert page.client_offer.isHidden()  # the Reports page was never opened: nothing to offer
    reports = window.show_page("reports")
    reports.client_edit.setText(CLIENT)
    window.show_page("brand_check")  # back on the wizard: the name typed there is offered
    assert page.client_offer.isVisible() and CLIENT in page.client_offer.accessibleName()
    assert page.client_edit.text() == ""  # it may be the last visitor's: never filled in unasked
    qtbot.mouseClick(page.client_offer, Qt.MouseButton.LeftButton)
    assert page.client_edit.text() == CLIENT and page.client_offer.isHidden()
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: CLIENT in page.status_label.text(), timeout=5000)
    assert synthetic_services.reports.service_entries()[0].client == CLIENT
    assert page.client_offer.isHidden()


def test_the_client_survives_a_language_switch(synthetic_services: Any, tasks: TaskRunner, qtbot: Any) -> None:
    page = make(GiCheckPage, synthetic_services, tasks, qtbot)
    to_result(page, qtbot)
    type_text(page.client_edit, CLIENT)
    state = page.save_state()
    rebuilt = make(GiCheckPage, synthetic_services, tasks, qtbot, lang="en")
    rebuilt.restore_state(state)
    assert rebuilt.client_edit.text() == CLIENT and rebuilt.record_bar.isVisible()
    qtbot.keyClick(rebuilt.client_edit, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: CLIENT in rebuilt.status_label.text(), timeout=5000)
    again = make(GiCheckPage, synthetic_services, tasks, qtbot)
    again.restore_state(rebuilt.save_state())  # logged: said again, and the field stays as logged
    assert CLIENT in again.status_label.text() and again.client_edit.isReadOnly()
    assert not again.record_button.isEnabled()
