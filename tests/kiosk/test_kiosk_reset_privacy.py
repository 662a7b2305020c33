"""After an idle reset nothing of the last visitor comes back: not even by Ctrl+Z on a USB keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.kiosk.test_kiosk_shell import tap, type_on_keyboard


def test_ctrl_z_after_a_reset_does_not_bring_back_the_last_visitors_words(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_search"])
    type_on_keyboard(qtbot, shell.gi_finder.keyboard, "wcdm")
    shell.go_home()
    tap(qtbot, shell.home.tiles["brand_check"])
    brand_name = shell.flows["brand_check"].step_pages["name"]
    type_on_keyboard(qtbot, brand_name.keyboard, "longjing")
    shell.show_admin()
    for digit in "1357":
        tap(qtbot, shell.admin.digit_keys[digit])
    fields = {"finder": shell.gi_finder.field, "brand name": brand_name.field, "PIN": shell.admin.field}
    assert all(field.text() for field in fields.values())
    shell.reset_session()
    for label, field in fields.items():
        assert field.text() == "" and not field.isModified(), label
        assert not field.isUndoAvailable(), label
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        field.undo()
        assert field.text() == "", label


def test_the_reset_empties_the_clipboard_and_the_selection(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """Visitor 1 copies a brand name with a USB keyboard; after the idle reset visitor 2's Ctrl+V
    pastes nothing (QA19a N4). The X11 selection (a drag over a field; middle-click pastes it) too."""
    from PySide6.QtGui import QClipboard
    from PySide6.QtWidgets import QApplication

    clipboard = QApplication.clipboard()
    shell = make_shell(idle_seconds=1.0, countdown_seconds=0.5)
    tap(qtbot, shell.home.tiles["brand_check"])
    name = shell.flows["brand_check"].step_pages["name"]
    type_on_keyboard(qtbot, name.keyboard, "mimi")
    name.field.setFocus()
    QTest.keyClick(name.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(name.field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "mimi"
    if clipboard.supportsSelection():
        clipboard.setText("mimi", QClipboard.Mode.Selection)
    with qtbot.waitSignal(shell.sig_reset_done, timeout=5000):
        pass  # the idle reset
    assert clipboard.text() == ""
    if clipboard.supportsSelection():
        assert clipboard.text(QClipboard.Mode.Selection) == ""
    tap(qtbot, shell.home.tiles["brand_check"])
    name.field.setFocus()
    QTest.keyClick(name.field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert name.field.text() == ""


def test_the_reset_scrolls_every_list_and_page_back_to_the_top(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """On every screen every scroll area is scrolled to its end; after the reset each is back at its
    start (QA19a N5: the brand's class list stayed scrolled down, 第 29 类 hidden above)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    from tests.kiosk.tour import every_screen

    shell = make_shell()
    scrolled: set[str] = set()
    for screen in every_screen(qtbot, shell):
        qtbot.wait(20)  # laid out
        for area in shell.findChildren(QAbstractScrollArea):
            bar = area.verticalScrollBar()
            if area.isVisible() and bar.maximum() > bar.minimum():
                bar.setValue(bar.maximum())
                scrolled.add(f"{screen}: {type(area).__name__}")
    assert {"brand: goods: QScrollArea", "finder with results: QListWidget",
            "by place: provinces: QListWidget"} <= scrolled, scrolled
    shell.reset_session()
    left = [f"{type(area).__name__} in {type(area.parentWidget()).__name__}: {area.verticalScrollBar().value()}"
            for area in shell.findChildren(QAbstractScrollArea)
            if area.verticalScrollBar().value() != area.verticalScrollBar().minimum()]
    assert left == []
    tap(qtbot, shell.home.tiles["brand_check"])
    brand = shell.flows["brand_check"]
    type_on_keyboard(qtbot, brand.step_pages["name"].keyboard, "a")
    tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
    goods = brand.step_pages["goods"].choices_area
    assert goods.verticalScrollBar().value() == 0
    assert goods.widget().visibleRegion().boundingRect().top() == 0  # the first class in view


def test_a_wizard_started_again_shows_its_choices_from_the_top(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """Within a visit too: Home, then the same tile again starts with the first choices in view."""
    shell = make_shell()
    tap(qtbot, shell.home.tiles["brand_check"])
    brand = shell.flows["brand_check"]
    type_on_keyboard(qtbot, brand.step_pages["name"].keyboard, "a")
    tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
    bar = brand.step_pages["goods"].choices_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)
    bar.setValue(bar.maximum())
    tap(qtbot, brand.home_button)
    tap(qtbot, shell.home.tiles["brand_check"])
    type_on_keyboard(qtbot, brand.step_pages["name"].keyboard, "a")
    tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
    assert bar.value() == 0


def test_a_visitor_who_went_home_before_leaving_leaves_no_clipboard(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """The home screen in the default language counts as nothing to reset (no countdown), but what
    visitor 1 copied with a USB keyboard before tapping Home was still there for visitor 2's Ctrl+V."""
    from PySide6.QtWidgets import QApplication

    clipboard = QApplication.clipboard()
    shell = make_shell(idle_seconds=1.0, countdown_seconds=0.5)
    tap(qtbot, shell.home.tiles["brand_check"])
    name = shell.flows["brand_check"].step_pages["name"]
    type_on_keyboard(qtbot, name.keyboard, "mimi")
    name.field.setFocus()
    QTest.keyClick(name.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(name.field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "mimi"
    shell.prints_this_visit = 2
    shell.go_home()
    assert shell.is_pristine()
    qtbot.waitUntil(lambda: clipboard.text() == "" and shell.prints_this_visit == 0, timeout=5000)
