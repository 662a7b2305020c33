"""A visit to every kiosk screen with content in it (lists filled, wizards at each step), for the
tests that check something on every screen: `every_screen` stops at each one and says which."""

from __future__ import annotations

from collections.abc import Iterator

from tests.kiosk.test_kiosk_shell import find_item, tap, tap_item, type_on_keyboard


def every_screen(qtbot, shell) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Walk the shell through every screen by touch, yielding a label at each (the caller looks
    around, then the walk goes on); it ends on the admin PIN pad."""
    yield "home"
    tap(qtbot, shell.home.tiles["gi_search"])
    with qtbot.waitSignal(shell.gi_finder.sig_results_shown, timeout=10000):
        type_on_keyboard(qtbot, shell.gi_finder.keyboard, "cha")
    yield "finder with results"
    with qtbot.waitSignal(shell.record.sig_loaded, timeout=10000):
        tap_item(qtbot, shell.gi_finder.results, shell.gi_finder.results.item(0))
    yield "record"
    shell.go_home()
    picker = shell.by_place.picker
    with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
        tap(qtbot, shell.home.tiles["by_place"])
    yield "by place: provinces"
    with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
        tap_item(qtbot, picker.tiles, find_item(picker.tiles, "浙江省"))
    yield "by place: prefectures"
    with qtbot.waitSignal(shell.by_place.sig_place_shown, timeout=10000):
        tap(qtbot, picker.choose_here)
    yield "by place: GIs of a place"
    shell.go_home()

    tap(qtbot, shell.home.tiles["gi_check"])
    gi = shell.flows["gi_check"]
    yield "GI check: role"
    role = gi.step_pages["role"]
    tap(qtbot, role.buttons[list(dict(role.options)).index("cooperative")])
    product = gi.step_pages["product"]
    with qtbot.waitSignal(product.suggestions.model().rowsInserted, timeout=10000):
        type_on_keyboard(qtbot, product.keyboard, "wcdm")
    yield "GI check: product with suggestions"
    tap_item(qtbot, product.suggestions, find_item(product.suggestions, "五常大米"))
    qtbot.waitUntil(lambda: gi.session.current == "township", timeout=5000)
    township = gi.step_pages["township"].picker
    qtbot.waitUntil(lambda: township.tiles.count() == 34, timeout=10000)
    yield "GI check: township, provinces"
    for name in ("黑龙江省", "哈尔滨市", "五常市"):
        with qtbot.waitSignal(township.sig_loaded, timeout=10000):
            tap_item(qtbot, township.tiles, find_item(township.tiles, name))
    yield "GI check: township, townships"
    tap_item(qtbot, township.tiles, township.tiles.item(0))
    qtbot.waitUntil(lambda: gi.session.at_summary, timeout=5000)
    yield "GI check: summary"
    with qtbot.waitSignal(gi.sig_outcome_shown, timeout=20000):
        tap(qtbot, gi.next_button)
    yield "GI check: outcome"
    shell.go_home()

    tap(qtbot, shell.home.tiles["brand_check"])
    brand = shell.flows["brand_check"]
    type_on_keyboard(qtbot, brand.step_pages["name"].keyboard, "longjing")
    yield "brand: name"
    tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
    yield "brand: goods"
    tap(qtbot, brand.step_pages["goods"].buttons[1])
    yield "brand: summary"
    with qtbot.waitSignal(brand.sig_outcome_shown, timeout=20000):
        tap(qtbot, brand.next_button)
    yield "brand: outcome"
    shell.go_home()

    tap(qtbot, shell.home.tiles["patents"])
    patents = shell.flows["patents"]
    crops = patents.step_pages["crop"]
    yield "patents: crop"
    tap(qtbot, crops.buttons[-1])  # another crop: typed
    type_on_keyboard(qtbot, crops.typed.keyboard, "mo")
    yield "patents: crop typed"
    tap(qtbot, patents.back_button)
    tap(qtbot, crops.buttons[[v for v, _ in crops.options].index("rice")])
    yield "patents: technique"
    tap(qtbot, patents.step_pages["technique"].buttons[0])
    with qtbot.waitSignal(patents.sig_outcome_shown, timeout=20000):
        tap(qtbot, patents.next_button)
    yield "patents: outcome"
    shell.go_home()

    tap(qtbot, shell.home.admin_button)
    yield "admin"
