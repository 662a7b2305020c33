"""The Data & sync page's datasets at every offered font size: the source column keeps a readable width
(at the largest font it had shrunk to one word a line, so the box showed a single row, scrolled to its
middle), more than one dataset is in view, and a tall row reads from its top line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipdesk.ui.data_page import SOURCE_COLUMN, DatasetsTable
from ipdesk.ui.theme import FONT_POINTS, apply_theme
from tests.ui.conftest import _window, wait_idle


@pytest.fixture(params=sorted(FONT_POINTS))
def font_size(request: Any) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, request.param, request.param == "largest")
    yield request.param
    apply_theme(app)


def _check_table(qtbot: Any, window: Any) -> None:
    window.resize(1280, 800)
    page = window.show_page("data")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 5, timeout=10000)
    wait_idle(qtbot, window.tasks)
    qtbot.wait(50)
    table = page.table
    em = table.fontMetrics().horizontalAdvance("国")
    assert table.columnWidth(SOURCE_COLUMN) >= DatasetsTable.SOURCE_MIN_CHARS * em
    assert table.horizontalScrollBar().maximum() == 0  # every column in view at 1280 wide
    visible = [r for r in range(page.model.rowCount())
               if table.rowViewportPosition(r) >= 0
               and table.rowViewportPosition(r) + table.rowHeight(r) <= table.viewport().height()]
    assert len(visible) >= 2
    first = page.model.index(0, 0)
    assert first.data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignTop)
    frame = window._frames["data"]  # the page itself never scrolls sideways (the import tab's row did)
    assert frame.horizontalScrollBar().maximum() == 0


def test_datasets_readable_in_chinese(qtbot, shared_services, tasks, font_size) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    _check_table(qtbot, _window(qtbot, shared_services, tasks, "zh_CN"))


def test_datasets_readable_in_english(qtbot, font_size, english_window) -> None:  # type: ignore[no-untyped-def]
    _check_table(qtbot, english_window)
