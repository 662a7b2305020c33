"""A typed step shows one 下一步, the keyboard's beside the keys, not a second one alike at the
bottom; a step of buttons keeps the wizard's."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from tests.kiosk.test_kiosk_shell import tap, type_on_keyboard


def _visible_next_buttons(screen: QWidget) -> list[QPushButton]:
    return [b for b in screen.findChildren(QPushButton) if b.isVisible() and b.text() == "下一步"]


def test_a_typed_step_shows_one_next_that_refuses_an_empty_name_and_goes_on(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["brand_check"])
    brand = shell.flows["brand_check"]
    page = brand.step_pages["name"]
    assert brand.session.current == "name"
    assert _visible_next_buttons(brand) == [page.keyboard.enter_key]
    assert not brand.next_button.isVisible()

    tap(qtbot, page.keyboard.enter_key)  # nothing typed: the flow's problem, and the page stays
    assert brand.session.current == "name" and brand.problem.isVisible() and brand.problem.text()

    type_on_keyboard(qtbot, page.keyboard, "longjing")
    assert page.keyboard.enter_key.isEnabled()
    tap(qtbot, page.keyboard.enter_key)
    assert brand.session.current == "goods" and brand.session.data["name"] == "longjing"
    # a step of buttons: the wizard's own 下一步 is back
    assert _visible_next_buttons(brand) == [brand.next_button] and brand.next_button.isEnabled()

    assert brand.handle_back()  # back to the typed name: one 下一步 again
    assert brand.session.current == "name" and _visible_next_buttons(brand) == [page.keyboard.enter_key]


def test_another_crop_switches_between_the_wizards_next_and_the_keyboards(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["patents"])
    patents = shell.flows["patents"]
    crops = patents.step_pages["crop"]
    assert _visible_next_buttons(patents) == [patents.next_button]  # the crop buttons
    tap(qtbot, crops.buttons[-1])  # another crop: the keyboard
    assert _visible_next_buttons(patents) == [crops.typed.keyboard.enter_key]
    assert patents.handle_back()  # keyboard → the buttons again
    assert not crops.typing and _visible_next_buttons(patents) == [patents.next_button]
    tap(qtbot, crops.buttons[-1])
    type_on_keyboard(qtbot, crops.typed.keyboard, "huajiao")
    tap(qtbot, crops.typed.keyboard.enter_key)
    assert patents.session.current == "technique" and patents.session.data["crop"] == "huajiao"
    assert _visible_next_buttons(patents) == [patents.next_button]
