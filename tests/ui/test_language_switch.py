"""A language switch keeps what the user was doing: each wizard's step, every answer given and a
result already computed (shown again in the new language), and the state of the other pages.

The window is driven as a person would drive it; the switch is what saving the Settings page does
(`set_language(..., keep_page="settings")`), once through the Settings page itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from ipdesk.ui.i18n import install_translators
from tests.ui.conftest import _window, wait_idle


@pytest.fixture
def win(qtbot, shared_services, tasks, compiled_translations) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, shared_services, tasks, "zh_CN")
    yield window
    wait_idle(qtbot, tasks)
    install_translators(app, "zh_CN")


def switch(window: Any, qtbot: Any, tasks: Any, lang: str) -> None:
    """What saving a new language on the Settings page does, and the answers it sets off."""
    window.set_language(lang, keep_page="settings")
    wait_idle(qtbot, tasks)


# --- the other pages -----------------------------------------------------------------------------


def test_search_keeps_its_query_filters_tab_and_order(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("search")
    page.filters_toggle.setChecked(True)
    page.gi_kind_combo.setCurrentIndex(page.gi_kind_combo.findData("gi_product"))
    page.region_picker.set_code("230184000000")
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("date"))
    page.set_query("大米")
    qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.filters.region == "230184000000",
                    timeout=10000)
    page.select_kind("gi")
    filters, total = page.filters(), page.last_result.total

    switch(win, qtbot, tasks, "en")
    rebuilt = win.page("search")
    qtbot.waitUntil(lambda: rebuilt.last_result is not None
                    and rebuilt.last_result.filters.region == "230184000000", timeout=10000)
    assert rebuilt.search_box.text() == "大米" and rebuilt.filters() == filters
    assert rebuilt.last_result.total == total and rebuilt.last_result.filters == filters
    assert rebuilt.filters_box.isVisibleTo(rebuilt) and rebuilt.filters_toggle.text() == "Filters (2)"
    assert rebuilt.kind_tabs.tabText(rebuilt.kind_tabs.currentIndex()) == f"GI ({total:,})"
    assert rebuilt.sort_combo.currentText() == "By date (newest first)"
