"""Answers that arrive after the visitor left (Back, Home, an idle reset) are never shown: a slow
kiosk PC must not put the last visitor's result in front of the next one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from tests.kiosk.test_kiosk_shell import find_item, tap, tap_item


def _gated(fn: Callable[..., Any]) -> tuple[Callable[..., Any], threading.Event, threading.Event]:
    """`fn` that waits in the worker until `release` is set (a slow computer, made deterministic)."""
    started, release = threading.Event(), threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(10)
        return fn(*args, **kwargs)

    return slow, started, release


def _patents_to_summary(qtbot, shell):  # type: ignore[no-untyped-def]
    tap(qtbot, shell.home.tiles["patents"])
    patents = shell.flows["patents"]
    crops = patents.step_pages["crop"]
    tap(qtbot, crops.buttons[[v for v, _ in crops.options].index("rice")])
    tap(qtbot, patents.step_pages["technique"].buttons[0])
    assert patents.session.at_summary
    return patents


def _finish(qtbot, shell, release: threading.Event) -> None:  # type: ignore[no-untyped-def]
    release.set()
    assert shell.tasks.wait_idle(10000)
    qtbot.wait(200)  # the answer crosses to the GUI thread


def test_a_wizard_result_after_back_is_dropped(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    patents = _patents_to_summary(qtbot, shell)
    patents._compute, started, release = _gated(patents._compute)
    tap(qtbot, patents.next_button)
    assert started.wait(5) and not patents.next_button.isEnabled()
    tap(qtbot, patents.back_button)  # back to the technique question while it computes
    assert patents.session.current == "technique" and patents.next_button.isEnabled()
    _finish(qtbot, shell, release)
    assert patents.outcome is None and patents.session.current == "technique"
    assert patents.pages.currentWidget() is patents.step_pages["technique"]


def test_a_wizard_result_after_home_and_a_new_start_is_dropped(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    patents = _patents_to_summary(qtbot, shell)
    patents._compute, started, release = _gated(patents._compute)
    tap(qtbot, patents.next_button)
    assert started.wait(5)
    tap(qtbot, patents.home_button)
    _finish(qtbot, shell, release)
    assert patents.outcome is None


def test_a_wizard_result_after_an_idle_reset_is_not_shown_to_the_next_visitor(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    patents = _patents_to_summary(qtbot, shell)
    patents._compute, started, release = _gated(patents._compute)
    tap(qtbot, patents.next_button)
    assert started.wait(5)
    shell.reset_session()
    tap(qtbot, shell.home.tiles["patents"])  # the next visitor starts afresh
    assert patents.next_button.isEnabled() and patents.problem.text() == ""
    _finish(qtbot, shell, release)
    assert patents.outcome is None and patents.session.current == "crop"
    assert patents.pages.currentWidget() is patents.step_pages["crop"]
    assert patents.result.toPlainText() == ""


def test_a_place_loaded_after_back_or_a_reset_is_not_shown(qtbot, make_shell, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    by_place = shell.by_place
    picker = by_place.picker
    with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
        tap(qtbot, shell.home.tiles["by_place"])
    with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
        tap_item(qtbot, picker.tiles, find_item(picker.tiles, "浙江省"))
    for leave in ("back", "reset"):
        slow, started, release = _gated(shell.services.places.gis_for)
        monkeypatch.setattr(shell.services.places, "gis_for", slow)
        tap(qtbot, picker.choose_here)
        assert started.wait(5)
        if leave == "back":
            tap(qtbot, by_place.back_button)
        else:
            shell.reset_session()
        _finish(qtbot, shell, release)
        assert by_place.place is None and by_place.pages.currentWidget() is picker, leave
        assert by_place.gi_list.count() == 0
        monkeypatch.undo()
        if leave == "back":
            with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
                tap_item(qtbot, picker.tiles, find_item(picker.tiles, "浙江省"))


def test_suggestions_for_the_last_visitors_word_are_not_shown_after_a_reset(qtbot, make_shell, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_check"])
    wizard = shell.flows["gi_check"]
    tap(qtbot, wizard.step_pages["role"].buttons[0])
    product = wizard.step_pages["product"]
    slow, started, release = _gated(product._suggest)
    monkeypatch.setattr(product, "_suggest", slow)
    product.field.setText("wcdm")
    product._run_suggest()
    assert started.wait(5)
    shell.reset_session()
    _finish(qtbot, shell, release)
    assert product.suggestions.count() == 0
