"""QA: the kiosk's admin PIN pad showed the common 首页 beside its 返回: two ways out of a PIN pad, and
首页 dropped the screen a visitor had come from. The pad has 返回 only; every visitor's screen keeps 首页."""

from __future__ import annotations

from tests.kiosk.conftest import ADMIN_PIN
from tests.kiosk.test_kiosk_shell import tap


def test_the_pin_pad_has_back_but_no_home(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_search"])
    assert shell.gi_finder.home_button.isVisible()  # a visitor's screen keeps it
    finder_title = shell.gi_finder.title.geometry()
    assert shell.close() is False  # a close attempt (as Alt+F4) opens the PIN pad
    assert shell.current_screen() is shell.admin
    assert shell.admin.back_button.isVisible() and not shell.admin.home_button.isVisible()
    # its room is kept: the title stands where it stands on the other screens
    assert shell.admin.title.geometry() == finder_title
    tap(qtbot, shell.admin.back_button)
    assert shell.current_screen() is shell.gi_finder  # back where the visitor was
    assert shell.gi_finder.home_button.isVisible()


def test_the_pin_pad_opened_from_home_and_after_a_pin_still_has_no_home(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.show_admin()
    assert not shell.admin.home_button.isVisible()
    for digit in ADMIN_PIN:
        tap(qtbot, shell.admin.digit_keys[digit])
    tap(qtbot, shell.admin.ok)
    assert shell.current_screen() is shell.admin_choices
    shell.set_language("en")  # retranslating shows no hidden button again
    tap(qtbot, shell.admin_choices.back_button)
    shell.show_admin()
    assert shell.admin.back_button.isVisible() and not shell.admin.home_button.isVisible()
