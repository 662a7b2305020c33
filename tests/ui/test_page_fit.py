"""Pages at a small screen and the largest font, in English (whose words are longer): nothing makes a
page wider than the window, and the main controls keep a useful width."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import wait_idle

SMALL = (1024, 768)


@pytest.fixture
def largest_high_contrast() -> Iterator[None]:
    """The largest font with high contrast (its thicker frames), as a person with weak sight has it."""
    from ipdesk.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "largest", True)
    yield
    apply_theme(app)


def _small(qtbot: Any, window: Any) -> None:
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.width() == SMALL[0])


def test_reports_page_is_no_wider_than_the_window(qtbot: Any, largest_high_contrast: None,
                                                  english_window: Any) -> None:
    """The empty basket's hint ("The report basket is empty. Use "Add to report" …") did not wrap:
    832 px wide, so Export Excel… was off the right edge behind a horizontal scroll bar."""
    _small(qtbot, english_window)
    page = english_window.show_page("reports")
    wait_idle(qtbot, english_window.tasks)
    qtbot.wait(50)
    frame = english_window._frames["reports"]
    assert page.basket_label.text().startswith("The report basket is empty")
    assert page.minimumSizeHint().width() <= frame.viewport().width()
    assert frame.horizontalScrollBar().maximum() == 0


def _text_room(combo: Any) -> int:
    """The width a combo box draws its text in (its frame and arrow taken off, as the style has them)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return int(field.width())


def test_search_page_keeps_its_main_controls_readable(qtbot: Any, largest_high_contrast: None,
                                                      english_window: Any) -> None:
    """The search box had shrunk to ~190 px (narrower than the sort box beside it), the region boxes
    read "(all province", and the chosen Filters switch (bold, a thicker frame) cut its last letter."""
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    from ipdesk.ui.keys import without_mnemonic
    from ipdesk.ui.search_page import SEARCH_BOX_MIN_EMS

    _small(qtbot, english_window)
    page = english_window.show_page("search")
    page.filters_toggle.setChecked(True)
    wait_idle(qtbot, english_window.tasks)
    qtbot.wait(50)
    box = page.search_box
    assert box.width() >= SEARCH_BOX_MIN_EMS * box.fontMetrics().horizontalAdvance("中")
    assert box.width() > 2 * page.sort_combo.width()
    for combo in [*page.region_picker.combos, page.sort_combo]:
        text = combo.currentText()
        assert combo.fontMetrics().horizontalAdvance(text) <= _text_room(combo), (text, combo.width())
    toggle = page.filters_toggle
    option = QStyleOptionButton()
    toggle.initStyleOption(option)
    room = toggle.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, toggle)
    bold = QFont(toggle.font())
    bold.setBold(True)
    text = without_mnemonic(toggle.text())
    assert QFontMetrics(bold).horizontalAdvance(text) <= room.width(), (text, room)
    frame = english_window._frames["search"]
    assert frame.horizontalScrollBar().maximum() == 0


def test_service_record_shows_the_month_and_purposes_whole(qtbot: Any, services: Any, tasks: Any,
                                                            english: str) -> None:
    """At the normal font, 1366×768: the month box read "2026-1‹" and Purpose "Trademark regi…" while
    Outcome had hundreds of pixels to spare."""
    import datetime as dt

    from ipdesk.ui.theme import apply_theme
    from tests.ui.conftest import _window

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "normal")  # the window's own font (the CJK family's digits are wider than 'x')

    purposes = ("Trademark registration enquiry", "Patent technology search", "Information search")
    for purpose in purposes:
        services.reports.record_service(client="Synthetic test cooperative", purpose=purpose,
                                        outcome="Synthetic outcome", when=dt.datetime(2026, 11, 27, 12, 0))
    window = _window(qtbot, services, tasks, english)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    page = window.page("reports")
    page.tabs.setCurrentIndex(1)  # the service record on show before its months are listed
    window.show_page("reports")
    qtbot.waitUntil(lambda: page.records.rowCount() == len(purposes) and page.month_combo.count() > 1,
                    timeout=10000)
    wait_idle(qtbot, tasks)
    qtbot.wait(50)
    combo = page.month_combo
    assert combo.currentText() == "2026-11"
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= _text_room(combo)
    table = page.records
    shown = {table.item(row, 3).text() for row in range(table.rowCount())}
    assert shown == set(purposes)
    for col in (0, 2, 3, 5):  # date, client, purpose, report number: whole, there is room
        assert table.columnWidth(col) >= table.sizeHintForColumn(col), col
    assert table.horizontalScrollBar().maximum() == 0
