"""A portrait kiosk (a 1080×1920 touch screen): the finder's results and the typed wizard steps'
suggestions and candidate characters go above the keyboard across the whole width, not into a
quarter of it beside the keys (QA round 21a); a landscape screen keeps them beside the keyboard."""

from __future__ import annotations

import itertools

import pytest
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


def _row_gaps(keyboard) -> list[int]:  # type: ignore[no-untyped-def]
    """The empty pixels between one row of keys and the next (digits, q, a, z, common characters, clear)."""
    rows = [keyboard.keys[ch] for ch in ("1", "q", "a", "z", "茶")] + [keyboard.clear_key]
    return [below.y() - (above.y() + above.height()) for above, below in itertools.pairwise(rows)]


def test_portrait_home_tiles_no_taller_than_their_maximum(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """QA 21a finding 8: on a 1080×1920 panel three columns of ~840 px tall tiles broke every name in two."""
    from ipdesk.ui.kiosk.screens import HOME_TILE_MAX_HEIGHT

    shell = make_shell()
    shell.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: shell.height() == PORTRAIT[1])
    qtbot.wait(50)
    tiles = [_rect(shell, tile) for tile in shell.home.tiles.values()]
    for tile in tiles:
        assert 150 <= tile.height() <= HOME_TILE_MAX_HEIGHT, tile
        assert tile.width() > PORTRAIT[0] * 2 // 5, tile  # two to a row, not three
    assert len({t.left() for t in tiles}) == 3  # two columns and the fifth tile centred below them
    last = tiles[-1]
    assert abs(last.center().x() - shell.home.rect().center().x()) <= 2, last
    above = tiles[0].top() - _rect(shell, shell.home.hint).bottom()
    below = _rect(shell, shell.home.as_of).top() - last.bottom()
    assert abs(above - below) <= 40, (above, below)  # the free room shared above and below the tiles


def test_portrait_keyboard_rows_packed_with_the_room_above_to_the_list(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """The finder's key rows stood ~45 px apart on a 1080×1920 panel; they are packed, KEY_SPACING apart,
    at PACKED_KEY_HEIGHT, and the list above them has the room. The typed wizard steps too."""
    from ipdesk.ui.kiosk.keyboard import KEY_SPACING
    from ipdesk.ui.kiosk.widgets import PACKED_KEY_HEIGHT, TOUCH_MIN

    shell = make_shell()
    shell.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: shell.height() == PORTRAIT[1])
    tap(qtbot, shell.home.tiles["gi_search"])
    finder = shell.gi_finder
    qtbot.wait(50)
    keyboard = finder.keyboard
    assert max(_row_gaps(keyboard)) <= KEY_SPACING, _row_gaps(keyboard)
    assert all(key.height() == PACKED_KEY_HEIGHT >= TOUCH_MIN for key in keyboard.all_keys())
    assert finder.results.height() > PORTRAIT[1] // 2, finder.results.height()  # was 670 px
    assert _rect(shell, keyboard).bottom() <= shell.height()
    shell.go_home()
    tap(qtbot, shell.home.tiles["brand_check"])
    qtbot.wait(50)
    typed = shell.flows["brand_check"].step_pages["name"].keyboard
    assert max(_row_gaps(typed)) <= KEY_SPACING, _row_gaps(typed)
    assert all(key.height() == PACKED_KEY_HEIGHT for key in typed.all_keys())  # as in the finder


def test_landscape_home_tiles_and_keys_unchanged_also_after_a_portrait_screen(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """1920×1080 keeps the sizes it had before the portrait layout (3 + 2 tiles of 607×410 px with the app's
    theme, as `ipdesk --kiosk` runs: 418 were measured on the bare test app; finder keys 112 px), also after
    the window was portrait: a page left portrait while hidden makes it no taller."""
    shell = make_shell()
    landscape_sizes = {"gi_search": (607, 410), "by_place": (606, 410), "gi_check": (607, 410),
                       "brand_check": (607, 410), "patents": (606, 410)}
    for size in ((1920, 1080), PORTRAIT, (1920, 1080)):
        shell.resize(*size)
        qtbot.waitUntil(lambda size=size: shell.height() == size[1])
        if size == PORTRAIT:
            tap(qtbot, shell.home.tiles["gi_search"])
            qtbot.wait(50)
            shell.go_home()
            continue
        qtbot.wait(50)
        assert shell.size().toTuple() == size  # not made taller by a page laid out for portrait
        tiles = {key: _rect(shell, tile) for key, tile in shell.home.tiles.items()}
        assert {key: (r.width(), r.height()) for key, r in tiles.items()} == landscape_sizes
        assert len({r.top() for r in tiles.values()}) == 2 and len({r.left() for r in tiles.values()}) == 3
        tap(qtbot, shell.home.tiles["gi_search"])
        qtbot.wait(50)
        keys = shell.gi_finder.keyboard.keys
        assert {keys[ch].height() for ch in "1qaz茶"} == {112}
        assert _rect(shell, shell.gi_finder.results).left() > _rect(shell, shell.gi_finder.keyboard).right()
        shell.go_home()


def _column_gaps(keyboard) -> list[int]:  # type: ignore[no-untyped-def]
    """The empty pixels between neighbouring keys across every row (the wide keys included)."""
    rows = [[keyboard.keys[ch] for ch in "1234567890"], [keyboard.keys[ch] for ch in "qwertyuiop"],
            [*(keyboard.keys[ch] for ch in "asdfghjkl"), keyboard.backspace],
            [*(keyboard.keys[ch] for ch in "zxcvbnm"), keyboard.space],
            [keyboard.keys[ch] for ch in "茶米果酒梨橙枣参椒蜜"], [keyboard.clear_key, keyboard.enter_key]]
    return [right.x() - (left.x() + left.width()) for row in rows for left, right in itertools.pairwise(row)]


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_landscape_keys_evenly_spaced_and_touch_sized(qtbot, make_shell, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A landscape screen: the keys stand KEY_SPACING apart down as across, in the finder and a typed wizard step
    (on 1920×1080 the rows stood 31 px apart and the keys 6), each at least TOUCH_MIN both ways and not a
    sliver (the typed step's keys were 64 px wide and 112 tall there)."""
    from ipdesk.ui.kiosk.keyboard import KEY_SPACING
    from ipdesk.ui.kiosk.widgets import TOUCH_MIN

    shell = make_shell()
    shell.resize(*size)
    qtbot.waitUntil(lambda: shell.size().toTuple() == size)
    tap(qtbot, shell.home.tiles["gi_search"])
    qtbot.wait(50)
    finder = shell.gi_finder.keyboard
    shell.go_home()
    tap(qtbot, shell.home.tiles["brand_check"])
    qtbot.wait(50)
    typed = shell.flows["brand_check"].step_pages["name"].keyboard
    for keyboard in (finder, typed):
        assert set(_row_gaps(keyboard)) == {KEY_SPACING}, _row_gaps(keyboard)
        assert set(_column_gaps(keyboard)) == {KEY_SPACING}, _column_gaps(keyboard)
        for key in keyboard.all_keys():
            assert key.width() >= TOUCH_MIN and key.height() >= TOUCH_MIN, (key.text(), key.size())
            assert key.height() <= key.width() * 3 // 2, (key.text(), key.size())
        assert _rect(shell, keyboard).bottom() <= shell.height()
