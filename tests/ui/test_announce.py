"""Screen readers hear the status bar and the confirmations (QA19c N4).

The status bar's connection label was named 联网状态 with the tooltip as its description, so the word
离线/在线 was not exposed; the update message was named 数据更新状态 with the detail as its description,
so the message itself was not. And nothing in the window sent an accessibility event: 已记入服务台账,
已加入报告, 找到 N 条, 已保存 and a wizard's problem line were only there to be looked for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from ipdesk.ui.announce import announcer
from tests.ui.conftest import press_save, search_in_window, wait_idle


@pytest.fixture
def heard() -> Iterator[list[tuple[Any, str]]]:
    """What was announced during the test: (widget, text)."""
    said: list[tuple[Any, str]] = []

    def listen(widget: Any, text: str) -> None:
        said.append((widget, text))

    announcer.sig_announced.connect(listen)
    yield said
    announcer.sig_announced.disconnect(listen)


def exposed(widget: Any) -> str:
    """What a screen reader gets for a widget: its accessible name and description."""
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    return face.text(QAccessible.Text.Name) + "\n" + face.text(QAccessible.Text.Description)


def test_the_status_bar_exposes_what_it_shows(window: Any, heard: list[tuple[Any, str]]) -> None:
    bar = window.status
    bar.set_online_state("offline")
    assert "离线" in exposed(bar.online_label) and "联网状态" in exposed(bar.online_label)
    assert "○" not in exposed(bar.online_label)  # the shape is not read out
    bar.set_online_state("online")
    assert "在线" in exposed(bar.online_label)
    bar.set_online_state("unset")
    assert "离线" in exposed(bar.online_label) and "未设置更新来源" in exposed(bar.online_label)
    bar.set_sync_message("有可用更新：地理标志 v2", "详细说明")
    shown = exposed(bar.sync_label)
    assert "数据更新状态" in shown and "有可用更新：地理标志 v2" in shown and "详细说明" in shown
    assert heard == [(bar.sync_label, "有可用更新：地理标志 v2")]  # a new message is said at once


def test_confirmations_and_problems_are_announced(qtbot: Any, services: Any, tasks: Any, tmp_path: Path,
                                                 heard: list[tuple[Any, str]]) -> None:
    from ipdesk.ui.i18n import install_translators
    from tests.ui.conftest import _window
    from tests.wizards.test_wizard_client import to_result

    install_translators(QApplication.instance(), "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")

    def said(start: str) -> Any:
        return next((w for w, text in heard if text.startswith(start)), None)

    # a wizard's problem line: Next with nothing chosen
    gi = window.show_page("gi_check")
    gi._on_next_clicked()
    problem = " ".join(gi.problem_label.text().split())
    assert problem and (gi.problem_label, problem) in heard, heard
    # its result logged for a client, then added to the report
    to_result(gi, qtbot)
    gi.client_edit.setText("王大叔")
    qtbot.mouseClick(gi.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: said("已记入服务台账") is not None, timeout=10000)
    assert said("已记入服务台账") is gi.status_label and "王大叔" in exposed(gi.status_label)
    qtbot.mouseClick(gi.basket_button, Qt.MouseButton.LeftButton)
    assert said("已加入报告") is gi.status_label
    # a search's count
    page = search_in_window(qtbot, window, "五常大米")
    assert said("找到") is page.status_label
    # the settings saved
    settings = window.show_page("settings")
    press_save(qtbot, settings)
    assert said("已保存") is settings.saved_label
    # a report saved
    reports = window.show_page("reports")
    heard.clear()
    with qtbot.waitSignal(reports.sig_exported, timeout=60000):
        reports.export_to("pdf", tmp_path / "report.pdf")
    wait_idle(qtbot, tasks)
    assert said("已保存") is reports.message, heard
