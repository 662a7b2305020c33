"""The GI finder says what it shows: how many were found, and when only the first ones are listed."""

from __future__ import annotations

from tests.kiosk.conftest import ADMIN_PIN
from tests.kiosk.test_kiosk_shell import tap, type_on_keyboard


def _search(qtbot, shell, letters: str) -> int:  # type: ignore[no-untyped-def]
    finder = shell.gi_finder
    with qtbot.waitSignal(finder.sig_results_shown, timeout=10000) as shown:
        type_on_keyboard(qtbot, finder.keyboard, letters)
    return int(shown.args[0])


def test_more_hits_than_listed_says_only_the_first_are_shown(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_search"])
    finder = shell.gi_finder
    shown = _search(qtbot, shell, "cha")
    result = finder.last_result
    assert result is not None and result.total > shown == finder.results.count() == 60
    assert finder.status.text() == f"找到 {result.total_label} 个，显示前 60 个，请输入更多字缩小范围"
    shell.set_language("en")
    with qtbot.waitSignal(finder.sig_results_shown, timeout=10000):
        tap(qtbot, finder.keyboard.enter_key)
    assert finder.status.text() == f"{result.total_label} found; showing the first 60. Type more to narrow it down."


def test_all_hits_listed_says_how_many(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    tap(qtbot, shell.home.tiles["gi_search"])
    assert _search(qtbot, shell, "wcdm") == 2
    assert shell.gi_finder.status.text() == "找到 2 个，点一个看详情"


def test_home_promises_automatic_updates_only_when_there_is_an_updater(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    plain = make_shell()
    qtbot.waitUntil(lambda: "数据截至 20" in plain.home.as_of.text(), timeout=5000)
    assert "自动" not in plain.home.as_of.text()
    assert plain.unlock(ADMIN_PIN)
    updating = make_shell(updater=lambda: None)
    qtbot.waitUntil(lambda: "数据截至 20" in updating.home.as_of.text(), timeout=5000)
    assert "数据更新在无人使用时自动进行" in updating.home.as_of.text()
