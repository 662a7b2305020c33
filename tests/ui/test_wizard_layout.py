"""The wizard pages on the commonest small screens: Back and Next always show in full (the step
scrolls above them), and a short step fits without a scroll bar."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from tests.ui.conftest import _window, wait_idle

WIZARDS = ("gi_check", "brand_check", "patents")


@pytest.fixture(params=["normal", "largest"])
def font_size(request: pytest.FixtureRequest) -> Iterator[str]:
    """The window built under the font size chosen in Settings (the default and the largest)."""
    from ipdesk.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, request.param)
    yield str(request.param)
    apply_theme(app, "normal")


def fully_shown(widget: QWidget, frame: QAbstractScrollArea) -> bool:
    """Whether `widget` is shown whole: not clipped by any parent and inside the window frame's view."""
    viewport = frame.viewport()
    view = QRect(viewport.mapTo(frame.window(), QPoint(0, 0)), viewport.size())
    rect = QRect(widget.mapTo(frame.window(), QPoint(0, 0)), widget.size())
    return widget.isVisible() and view.contains(rect) and widget.visibleRegion().boundingRect() == widget.rect()


def vertical_scroll_bars(window: QWidget) -> list[str]:
    return [area.objectName() or type(area).__name__ for area in window.findChildren(QAbstractScrollArea)
            if area.isVisible() and area.verticalScrollBar().isVisible()]


def walk(window: Any, tasks: Any, qtbot: Any, size: tuple[int, int]) -> None:
    window.resize(*size)
    for key in WIZARDS:
        page = window.show_page(key)
        wait_idle(qtbot, tasks)
        qtbot.wait(20)
        frame = window._frames[key]
        for button in (page.back_button, page.next_button):
            assert fully_shown(button, frame), (key, size, button.objectName())
        assert not frame.verticalScrollBar().isVisible(), (key, size)  # the page itself never scrolls
    if size[0] >= 1366:  # the first step (one text field) fits on the commonest laptop screen
        brand = window.show_page("brand_check")
        qtbot.wait(20)
        assert brand.session.current == "name"
        assert vertical_scroll_bars(window) == [], size


def test_back_and_next_show_in_full_on_small_screens(
        qtbot: Any, shared_services: Any, tasks: Any, font_size: str) -> None:
    from ipdesk.ui.i18n import install_translators

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, shared_services, tasks, "zh_CN")
    for size in ((1024, 768), (1366, 768)):
        walk(window, tasks, qtbot, size)


def test_back_and_next_show_in_full_in_english(
        qtbot: Any, shared_services: Any, tasks: Any, english: str, font_size: str) -> None:
    window = _window(qtbot, shared_services, tasks, english)
    for size in ((1024, 768), (1366, 768)):
        walk(window, tasks, qtbot, size)


def test_a_tall_step_scrolls_above_the_buttons(qtbot: Any, shared_services: Any, tasks: Any, english: str) -> None:
    """The brand check's goods step at the largest font on 1024×768: its list of groups scrolls in the
    page's body; Back and Next stay whole below it, and Next still works."""
    from ipdesk.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "largest")
    try:
        window = _window(qtbot, shared_services, tasks, english)
        window.resize(1024, 768)
        page = window.show_page("brand_check")
        page.name_edit.setText("ABC")
        page.changed()
        page.next_button.click()
        assert page.session.current == "goods"
        page.class_combo.setCurrentIndex(page.class_combo.findData(30))
        qtbot.waitUntil(lambda: page.group_list.count() > 0, timeout=10000)
        qtbot.wait(20)
        frame = window._frames["brand_check"]
        assert "wizard_body" in vertical_scroll_bars(window)
        assert not page.body.horizontalScrollBar().isVisible()  # the class list narrows with the window
        for button in (page.back_button, page.next_button):
            assert fully_shown(button, frame), button.objectName()
        page.next_button.click()
        assert page.session.current == "summary"
        assert page.body.verticalScrollBar().value() == 0
    finally:
        apply_theme(app, "normal")
