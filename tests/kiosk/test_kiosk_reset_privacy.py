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
