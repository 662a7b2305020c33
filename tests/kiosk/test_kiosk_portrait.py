"""A portrait kiosk (a 1080×1920 touch screen): the finder's results and the typed wizard steps'
suggestions and candidate characters go above the keyboard across the whole width, not into a
quarter of it beside the keys (QA round 21a); a landscape screen keeps them beside the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from tests.kiosk.test_kiosk_shell import tap, type_on_keyboard

PORTRAIT = (1080, 1920)
LANDSCAPE = (1366, 768)


def _rect(shell: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(shell, QPoint(0, 0)), widget.size())


def test_finder_results_above_the_keyboard_on_a_portrait_screen(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: shell.height() == PORTRAIT[1])
    tap(qtbot, shell.home.tiles["gi_search"])
    finder = shell.gi_finder
    with qtbot.waitSignal(finder.sig_results_shown, timeout=10000):
        type_on_keyboard(qtbot, finder.keyboard, "wcdm")
    qtbot.wait(50)
    results, keyboard, status = (_rect(shell, w) for w in (finder.results, finder.keyboard, finder.status))
    assert results.width() > PORTRAIT[0] * 3 // 4, results
    assert results.bottom() < keyboard.top(), (results, keyboard)
    assert shell.rect().contains(status) and shell.rect().contains(keyboard)
    # the keys as wide as the screen allows, not squeezed beside the list
    assert finder.keyboard.keys["q"].width() >= 80, finder.keyboard.keys["q"].width()


def test_finder_results_beside_the_keyboard_on_a_landscape_screen(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.resize(*LANDSCAPE)
    qtbot.waitUntil(lambda: shell.width() == LANDSCAPE[0])
    tap(qtbot, shell.home.tiles["gi_search"])
    finder = shell.gi_finder
    qtbot.wait(50)
    results, keyboard = _rect(shell, finder.results), _rect(shell, finder.keyboard)
    assert results.left() > keyboard.right(), (results, keyboard)


def test_typed_step_candidates_above_the_keyboard_on_a_portrait_screen(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: shell.height() == PORTRAIT[1])
    tap(qtbot, shell.home.tiles["brand_check"])
    name = shell.flows["brand_check"].step_pages["name"]
    bar = name.candidates
    assert bar is not None
    qtbot.waitUntil(lambda: bar.index is not None, timeout=20000)
    type_on_keyboard(qtbot, name.keyboard, "chang")
    qtbot.wait(50)
    question, candidates, keyboard = (_rect(shell, w) for w in (name.question, bar, name.keyboard))
    assert candidates.width() > PORTRAIT[0] * 3 // 4, candidates
    assert question.bottom() < keyboard.top() and candidates.bottom() < keyboard.top(), (candidates, keyboard)
    assert shell.rect().contains(keyboard)


def test_typed_crop_help_names_no_side(make_shell) -> None:  # type: ignore[no-untyped-def]
    """The crop list is beside the keys on a landscape screen and above them on a portrait one: the help
    says "the list", not "on the right"."""
    shell = make_shell()
    typed = shell.flows["patents"].step_pages["crop"].typed
    assert "右" not in typed.kiosk_help.zh and "right" not in typed.kiosk_help.en
