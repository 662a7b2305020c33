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


# --- Enter, access keys and the wizards' keys (QA18b N7) ----------------------------------------------


def _activate(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)


def _focus(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_enter_presses_the_focused_button(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Only Space pressed a focused button outside a dialog; Enter did nothing."""
    _activate(qtbot, window)
    page = window.show_page("search")
    _focus(qtbot, page.filters_toggle)
    qtbot.keyClick(page.filters_toggle, Qt.Key.Key_Return)
    assert page.filters_toggle.isChecked() and page.filters_box.isVisible()
    qtbot.keyClick(page.filters_toggle, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's
    assert not page.filters_toggle.isChecked()
    # Enter keeps its own meaning in a text field (search now) and in the results (open the record)
    _focus(qtbot, page.search_box)
    page.search_box.setText("五常大米")
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert window.current_page() is page and page.search_box.hasFocus()
    wait_idle(qtbot, window.tasks)
    _focus(qtbot, page.table)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.detail_page, timeout=10000)
    wait_idle(qtbot, window.tasks)


def _gi_page(qtbot, services, tasks):  # type: ignore[no-untyped-def]
    from ipdesk.ui.wizards.gi_wizard import GiCheckPage
    from tests.wizards.test_wizard_client import make

    page = make(GiCheckPage, services, tasks, qtbot)
    qtbot.waitExposed(page)
    _activate(qtbot, page)
    return page


def test_enter_on_a_choice_chooses_it_and_goes_on(qtbot, shared_services, tasks) -> None:  # type: ignore[no-untyped-def]
    """The role step and the summary needed Ctrl+Enter, which nothing on screen said."""
    from PySide6.QtWidgets import QPushButton

    from ipdesk.domain.wizard import SUMMARY
    from tests.wizards.test_wizard_client import ANSWERS

    page = _gi_page(qtbot, shared_services, tasks)
    farmer = page.findChild(QPushButton, "choice_farmer")
    _focus(qtbot, farmer)
    qtbot.keyClick(farmer, Qt.Key.Key_Return)
    assert page.session.data["role"] == "farmer" and page.session.current == "product"
    tip = page.next_button.toolTip()
    assert "Ctrl+Enter" in tip and "回车" in tip
    assert "回车" in farmer.accessibleDescription()
    # the summary: Enter shows the result, and the summary says so
    page.session.data.update(ANSWERS[type(page)])
    page.session.history[:] = [step for step in page.flow.questions if step != SUMMARY]
    page.session.current = SUMMARY
    page._show_current()
    assert "回车键" in page.summary_view.toPlainText()
    _focus(qtbot, page.summary_view)
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=15000):
        qtbot.keyClick(page.summary_view, Qt.Key.Key_Return)


def test_tab_on_a_wizard_result_follows_the_screen(qtbot, shared_services, tasks) -> None:  # type: ignore[no-untyped-def]
    """Tab went result → Back … Open reports → Client → Log, but Client and Log sit above the buttons."""
    from PySide6.QtCore import QPoint

    from tests.wizards.test_wizard_client import to_result

    page = _gi_page(qtbot, shared_services, tasks)
    to_result(page, qtbot)
    _focus(qtbot, page.result_view)
    for _ in range(200):  # the result's links first, as a browser has them
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not page.result_view:
            break
    visited: list[QWidget] = []
    while QApplication.focusWidget() not in visited and len(visited) < 12:
        visited.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    footer = [w for w in visited if page.footer.isAncestorOf(w)]
    expected = [page.client_edit, page.record_button, page.back_button, page.restart_button, page.basket_button,
                page.reports_button]
    assert footer == expected, [w.objectName() for w in footer]

    def place(w: QWidget) -> tuple[int, int]:
        top_left = w.mapTo(page, QPoint(0, 0))
        return top_left.y() + w.height() // 2, top_left.x()

    rows = [place(w) for w in footer]
    assert rows == sorted(rows, key=lambda p: (p[0] // 20, p[1]))  # row by row, left to right


def _access_keys(window) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each access key (Alt+letter) of the visible controls, with the texts that carry it."""
    from collections import defaultdict

    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

    from ipdesk.ui.keys import mnemonic_key

    found: dict[str, list[str]] = defaultdict(list)
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            if key := mnemonic_key(text):
                found[key].append(text)
    return found


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_main_actions_have_access_keys_without_conflicts(qtbot, shared_services, tasks, lang: str,  # type: ignore[no-untyped-def]
                                                         compiled_translations) -> None:
    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.keys import mnemonic_key
    from tests.ui.conftest import _window
    from tests.wizards.test_wizard_client import to_result

    install_translators(QApplication.instance(), lang)
    try:
        window = _window(qtbot, shared_services, tasks, lang)
        conflicts: dict[str, dict[str, list[str]]] = {}

        def check(where: str) -> None:
            wait_idle(qtbot, window.tasks)
            keys = _access_keys(window)
            clash = {k: v for k, v in keys.items() if len(v) > 1}
            if clash:
                conflicts[where] = clash

        for key in PAGE_KEYS:
            window.show_page(key)
            check(key)
        reports = window.show_page("reports")
        for button in (reports.preview_button, reports.print_button, reports.pdf_button, reports.docx_button,
                       reports.xlsx_button):
            assert mnemonic_key(button.text()), button.text()
        search = window.show_page("search")
        search.filters_toggle.setChecked(True)
        check("search with filters")
        assert mnemonic_key(search.add_results_button.text()) and mnemonic_key(search.filters_toggle.text())
        gi_id = next(h.ref_id for h in shared_services.search.search("五常大米", limit=5).hits if h.kind == "gi")
        window.open_record("gi", gi_id)
        qtbot.waitUntil(lambda: window.detail_page.view is not None, timeout=10000)
        check("record")
        assert mnemonic_key(window.detail_page.view.add_button.text())
        gi = window.show_page("gi_check")
        for button in (gi.next_button, gi.back_button):
            assert mnemonic_key(button.text()), button.text()
        to_result(gi, qtbot)
        check("gi result")
        for button in (gi.basket_button, gi.back_button, gi.record_button):
            assert mnemonic_key(button.text()), button.text()
        assert conflicts == {}
        # Alt+N goes on, as the Next button's underlined letter says
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        brand = window.show_page("brand_check")
        type_name = brand.name_edit
        type_name.setText("测试甲")
        type_name.textEdited.emit("测试甲")
        qtbot.waitUntil(brand.next_button.isEnabled, timeout=5000)
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: brand.session.current != "name", timeout=5000)
    finally:
        install_translators(QApplication.instance(), "zh_CN")
