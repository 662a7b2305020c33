"""Tab on a wizard's question steps goes as the page reads (QA19c N5): from the step's field(s) to Next
and the other buttons below them. The footer is built before the steps, so it had come first: nav →
About → Back → Start again → Next → the field → its list → back to the navigation. And the brand
check's goods-origin box is named as what it is for, not only "township"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QWidget

from tests.ui.conftest import wait_idle


def tab_from(qtbot: Any, start: QWidget, stop: QWidget, limit: int = 12) -> list[QWidget]:
    """The widgets Tab visits from `start` (given the focus) until `stop` has it, or `limit` presses."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    visited = [start]
    while visited[-1] is not stop and len(visited) <= limit:
        qtbot.keyClick(visited[-1], Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        visited.append(focus)
    return visited


def names(widgets: list[QWidget]) -> list[str]:
    return [w.objectName() or type(w).__name__ for w in widgets]


def test_tab_goes_from_the_fields_to_next(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    gi = window.show_page("gi_check")
    # the first step, a choice: the chosen answer, then Next (Back is not there yet)
    farmer = gi.findChild(QPushButton, "choice_farmer")
    farmer.click()
    assert tab_from(qtbot, farmer, gi.next_button) == [farmer, gi.next_button]
    # a text field and its list: field → list → Next → Back → Start again, never the navigation between
    gi.next_button.click()
    assert gi.session.current == "product"
    gi.product_edit.setText("五常大米")
    gi.product_edit.textEdited.emit("五常大米")
    qtbot.waitUntil(lambda: gi.gi_list.count() > 0 and gi.next_button.isEnabled(), timeout=10000)
    visited = tab_from(qtbot, gi.product_edit, gi.restart_button)
    assert visited == [gi.product_edit, gi.gi_list, gi.next_button, gi.back_button, gi.restart_button], names(visited)
    # Shift+Tab from Next goes back to the step's last field
    gi.next_button.setFocus()
    qtbot.waitUntil(gi.next_button.hasFocus, timeout=2000)
    qtbot.keyClick(gi.next_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is gi.gi_list

    # the patent finder's crop step and the brand check's name step: the field, then Next
    patents = window.show_page("patents")
    patents.crop_edit.setText("水稻")
    patents.crop_edit.textEdited.emit("水稻")
    qtbot.waitUntil(patents.next_button.isEnabled, timeout=10000)
    assert tab_from(qtbot, patents.crop_edit, patents.next_button) == [
        patents.crop_edit, patents.crop_list, patents.next_button]
    brand = window.show_page("brand_check")
    brand.name_edit.setText("测试甲")
    brand.name_edit.textEdited.emit("测试甲")
    assert brand.next_button.isEnabled()
    assert tab_from(qtbot, brand.name_edit, brand.next_button) == [brand.name_edit, brand.next_button]
    # the brand check's goods step: class, groups, the origin box and its matches, then Next
    brand.next_button.click()
    brand.class_combo.setCurrentIndex(brand.class_combo.findData(31))
    qtbot.waitUntil(lambda: brand.group_list.count() > 0, timeout=10000)
    wait_idle(qtbot, window.tasks)
    visited = tab_from(qtbot, brand.class_combo, brand.next_button)
    origin_list = brand.origin.findChild(QListWidget)
    assert visited == [brand.class_combo, brand.group_list, brand.origin.edit, origin_list, brand.next_button], \
        names(visited)


def test_the_result_step_keeps_its_order(qtbot: Any, window: Any) -> None:
    """Next is hidden on the result: result → client → log → Back → Start again → Add → Open reports."""
    from tests.wizards.test_wizard_client import to_result

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    gi = window.show_page("gi_check")
    to_result(gi, qtbot)
    wait_idle(qtbot, window.tasks)
    chain = [gi.client_edit, gi.record_button, gi.back_button, gi.restart_button, gi.basket_button,
             gi.reports_button]
    assert tab_from(qtbot, gi.client_edit, gi.reports_button) == chain


def test_the_goods_origin_box_says_what_it_is(window: Any) -> None:
    brand = window.show_page("brand_check")
    assert brand.origin.edit.accessibleName() == "商品产地（可选）：乡镇"
    assert "地理标志" in brand.origin.edit.accessibleDescription()
    assert brand.origin.results.accessibleName() == "商品产地的乡镇查找结果"
    # the GI check's own township box keeps its plain name
    assert window.show_page("gi_check").township_edit.accessibleName() == "乡镇"
