"""A data folder on a network share (given through build_services, as the composition root does): the
status bar says 网络文件夹 / Network folder and the Data & sync page says, in words, that one computer at a
time may use it and that a local folder is faster and safer; on a local folder neither shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def network_services(data_dir: Path) -> Iterator[object]:
    from ipdesk.services.container import build_services

    svc = build_services(data_dir, on_network=True)
    yield svc
    svc.close()


def _page_and_bar(qtbot, services, tasks, lang: str):  # type: ignore[no-untyped-def]
    from ipdesk.domain.basket import ReportBasket
    from ipdesk.ui.data_page import DataPage
    from ipdesk.ui.status_bar import StatusBar

    page = DataPage(services, tasks, ReportBasket(), lang)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    bar = StatusBar(services, tasks, probe=False)
    qtbot.addWidget(bar)
    bar.resize(1000, 30)
    bar.show()
    qtbot.waitExposed(page)
    qtbot.waitExposed(bar)
    return page, bar


def test_the_notice_in_chinese(qtbot, network_services, tasks) -> None:  # type: ignore[no-untyped-def]
    page, bar = _page_and_bar(qtbot, network_services, tasks, "zh_CN")
    assert bar.network_label.isVisible() and bar.network_label.text() == "网络文件夹"
    assert "同一时间只能有一台计算机使用这个数据文件夹" in bar.network_label.toolTip()
    notice = page.network_notice
    assert notice.isVisible()
    assert str(network_services.data_dir) in notice.text()  # type: ignore[attr-defined]
    assert "同一时间只能有一台计算机使用这个数据文件夹" in notice.text() and "更快也更安全" in notice.text()
    # wrapped within the page, not widening it
    assert notice.width() <= page.width() and notice.heightForWidth(notice.width()) <= notice.height()


def test_the_notice_in_english(qtbot, network_services, tasks, english) -> None:  # type: ignore[no-untyped-def]
    page, bar = _page_and_bar(qtbot, network_services, tasks, english)
    assert bar.network_label.text() == "Network folder"
    assert "Only one computer at a time may use this data folder" in bar.network_label.toolTip()
    assert bar.network_label.accessibleName() == "Data folder on a network drive"
    text = page.network_notice.text()
    assert text.startswith("Note: the data folder ") and str(network_services.data_dir) in text  # type: ignore[attr-defined]
    assert "Only one computer at a time may use this data folder" in text and "faster and safer" in text


def test_a_local_folder_shows_neither(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    page, bar = _page_and_bar(qtbot, services, tasks, "zh_CN")
    assert not services.db.on_network
    assert not bar.network_label.isVisible() and not page.network_notice.isVisible()
