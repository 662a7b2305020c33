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


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size_name", ["normal", "large", "larger", "largest"])
def test_many_townships_leave_the_list_room(qtbot: Any, shared_services: Any, tasks: Any, compiled_translations: Any,
                                            lang: str, size_name: str) -> None:
    """城关镇 (82 townships) on 1024×768 at every font size: at least six rows of the list in view (the
    note beside Next had taken six lines at the largest font in English, leaving three); how many and how
    to narrow them is said above the list, and beside Next only what to do."""
    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.theme import apply_theme
    from tests.wizards.test_township_step import _typed
    from tests.wizards.test_wizard_pages import to_township_step

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, lang)
    apply_theme(app, size_name)
    try:
        window = _window(qtbot, shared_services, tasks, lang)
        window.resize(1024, 768)
        page = window.show_page("gi_check")
        to_township_step(page, qtbot)
        _typed(page, qtbot, "城关镇")
        wait_idle(qtbot, tasks)
        qtbot.wait(20)
        total = page.township_list.count()
        assert total > 20
        body = page.body.viewport()
        rows = page.township_list.viewport()

        def shown_height() -> int:
            view = QRect(body.mapTo(window, QPoint(0, 0)), body.size())
            return QRect(rows.mapTo(window, QPoint(0, 0)), rows.size()).intersected(view).height()

        # the layout settles after the list is filled (a loaded machine takes longer than the 20 ms above)
        qtbot.waitUntil(lambda: shown_height() >= 6 * page.township_list.sizeHintForRow(0), timeout=3000)
        assert str(total) in page.township_note.text() and fully_shown(page.township_note, page.body)
        line = page.next_hint.fontMetrics().lineSpacing()
        hint = page.next_hint
        assert hint.heightForWidth(hint.width()) <= 2 * line + 4, hint.text()  # two lines at most
        frame = window._frames["gi_check"]
        for button in (page.back_button, page.next_button):
            assert fully_shown(button, frame), button.objectName()
    finally:
        apply_theme(app, "normal")
        install_translators(app, "zh_CN")
