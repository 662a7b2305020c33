"""Keyboard use of the window: Ctrl+1…8 put focus on the page's first control, Esc and Backspace
go back from a record (Backspace not while a text field has focus)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ipdesk.ui.pages import PAGE_KEYS
from tests.ui.conftest import wait_idle


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_ctrl_number_puts_focus_on_a_control_of_the_page(qtbot, window, key: str) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + PAGE_KEYS.index(key)), Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.tasks)
    page = window.page(key)
    assert window.current_page() is page
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not page and page.isAncestorOf(focus), (key, focus)
    assert focus.focusPolicy() & Qt.FocusPolicy.TabFocus and focus.isVisible() and focus.isEnabled()


def test_ctrl_number_on_the_search_page_focuses_the_search_box(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.page("search").search_box


def _open_from_search(qtbot, window) -> QWidget:  # type: ignore[no-untyped-def]
    search = window.show_page("search")
    search.set_query("五常大米")
    qtbot.waitUntil(lambda: search.last_result is not None and search.model.rowCount() > 0, timeout=10000)
    search.table.setFocus()
    search.table.setCurrentIndex(search.model.index(0, 0))
    qtbot.keyClick(search.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail_page.view is not None and window.detail_page.view.detail is not None,
                    timeout=10000)
    wait_idle(qtbot, window.tasks)
    assert window.current_page() is window.detail_page
    return search


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Backspace])
def test_esc_and_backspace_go_back_from_a_record(qtbot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    search = _open_from_search(qtbot, window)
    focus = QApplication.focusWidget()
    assert focus is not None and window.detail_page.isAncestorOf(focus)
    qtbot.keyClick(focus, key)
    assert window.current_page() is search


def test_backspace_in_a_text_field_on_the_detail_page_deletes_and_stays(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    _open_from_search(qtbot, window)
    # a text field inside the page (none is there today: a future note box or find field)
    edit = QLineEdit("ab", window.detail_page.view)
    edit.show()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=5000)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "a" and window.current_page() is window.detail_page


def test_year_boxes_are_labelled_from_and_to(qtbot, english_window) -> None:  # type: ignore[no-untyped-def]
    page = english_window.show_page("search")
    page.filters_toggle.setChecked(True)
    qtbot.wait(10)
    (from_label, to_label) = page.year_labels
    assert (from_label.text(), to_label.text()) == ("From", "To")
    assert from_label.buddy() is page.year_from and to_label.buddy() is page.year_to
    assert from_label.isVisible() and to_label.isVisible()
    assert from_label.geometry().right() < page.year_from.geometry().left() < to_label.geometry().left()
    assert (page.year_from.accessibleName(), page.year_to.accessibleName()) == ("From year", "To year")
    assert page.year_from.text() == "any" and "Date column" in page.year_from.accessibleDescription()
