"""The status bar's dataset line stays one line and never breaks inside an item: at a narrow width the
least important datasets drop out ("…" says so), the tooltip lists them all."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from ipdesk.ui.status_bar import MORE, SEPARATOR, fit_parts
from tests.ui.conftest import wait_idle

FIVE = [
    SimpleNamespace(name="classifications", version=1, record_count=467, as_of=dt.date(2026, 11, 25)),
    SimpleNamespace(name="divisions", version=1, record_count=41963, as_of=dt.date(2026, 9, 11)),
    SimpleNamespace(name="gi", version=1, record_count=527, as_of=dt.date(2026, 11, 25)),
    SimpleNamespace(name="patents", version=0, record_count=6, as_of=dt.date(2026, 11, 26)),
    SimpleNamespace(name="trademarks", version=0, record_count=5, as_of=dt.date(2026, 11, 26)),
]


def test_fit_parts_drops_whole_items_least_important_first() -> None:
    parts = [(4, "cccc"), (3, "dddd"), (0, "gggg"), (2, "pppp"), (1, "tttt")]
    prefix = "D: "
    full = prefix + SEPARATOR.join(t for _r, t in parts)
    assert fit_parts(prefix, parts, len(full), len) == full
    # one character short: the classifications (rank 4) go, the order of the rest is kept
    assert fit_parts(prefix, parts, len(full) - 1, len) == prefix + SEPARATOR.join(
        ["dddd", "gggg", "pppp", "tttt", MORE])
    assert fit_parts(prefix, parts, len(prefix) + 14, len) == prefix + "gggg" + SEPARATOR + MORE
    assert fit_parts(prefix, parts, 3, len) == prefix + "gggg"  # the caller cuts this one short
    assert fit_parts(prefix, [], 100, len) == "D:"


@pytest.mark.parametrize("width", [1024, 800, 640, 300])
def test_english_bar_at_narrow_widths_keeps_items_whole(qtbot, english_window, width: int) -> None:  # type: ignore[no-untyped-def]
    english_window.resize(width, 700)
    status = english_window.status
    wait_idle(qtbot, status.tasks)  # the window's own reading of the store's datasets, not over FIVE later
    status._show_datasets(FIVE)
    qtbot.wait(20)
    label = status.data_label
    items = label.full_text().removeprefix("Data: ").split(SEPARATOR)
    assert len(items) == 5 and "Trademarks (as of 2026-11-26)" in items
    shown = label.text()
    assert "\n" not in shown and not label.wordWrap()
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.height() < 2 * label.fontMetrics().lineSpacing()  # one line
    assert label.toolTip().split("\n") == items
    assert "Trademarks (as of 2026-11-26)" in label.accessibleDescription()
    if shown.endswith("…") and not shown.endswith(SEPARATOR + MORE):
        return  # not even the most important item fits: cut short, said in full in the tooltip
    shown_items = shown.removeprefix("Data: ").split(SEPARATOR)
    whole = [s for s in shown_items if s != MORE]
    assert whole and all(s in items for s in whole)  # nothing broken inside an item
    assert "GIs v1 (as of 2026-11-25)" in whole  # the most important stays longest
    if len(whole) < 5:
        assert shown_items[-1] == MORE


def test_the_window_stays_narrow_with_a_long_bar(qtbot, english_window) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, english_window.status.tasks)
    english_window.status._show_datasets(FIVE)
    assert english_window.status.data_label.minimumSizeHint().width() == 0
    english_window.resize(1024, 768)
    qtbot.wait(20)
    assert english_window.width() == 1024
    assert english_window.status.data_label.text().startswith("Data: ")
