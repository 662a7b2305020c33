"""Screens at the kiosk's sizes (1920×1080, 1366×768, portrait 1080×1920, 1024×768): the place tiles
use the whole width and show every name whole, and narrow result lists wrap a GI's kind instead of
cutting it (QA19a N6). The kiosk has no tooltips: what is cut is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QStyleOptionViewItem

from tests.kiosk.test_kiosk_shell import find_item, tap, tap_item, type_on_keyboard

SIZES = [(1920, 1080), (1366, 768), (1080, 1920), (1024, 768)]


def _text_room(view: QListWidget, item: QListWidgetItem) -> QRect:
    """Where the style draws the words of `item` (its own box, padding and text margins taken off)."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
    if not item.icon().isNull():
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        option.decorationSize = view.iconSize()
    option.rect = view.visualItemRect(item)
    room = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return room.adjusted(margin, 0, -margin, 0)


def _cut_tiles(tiles: QListWidget) -> list[str]:
    metrics = QFontMetrics(tiles.font())
    cut = []
    for row in range(tiles.count()):
        item = tiles.item(row)
        room = _text_room(tiles, item)
        one_line = metrics.horizontalAdvance(item.text()) <= room.width()
        wrapped = metrics.boundingRect(QRect(0, 0, room.width(), 10_000), Qt.TextFlag.TextWordWrap, item.text())
        if not one_line and wrapped.height() > room.height():
            cut.append(f"{item.text()} ({room.width()}×{room.height()} px)")
    return cut


def _columns_and_gap(tiles: QListWidget) -> tuple[int, int]:
    rects = [tiles.visualItemRect(tiles.item(row)) for row in range(tiles.count())]
    columns = len({r.left() for r in rects})
    return columns, tiles.viewport().width() - max(r.right() for r in rects)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_place_tiles_fill_the_width_and_show_every_name_whole(qtbot, make_shell, size) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.resize(*size)
    picker = shell.by_place.picker
    with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
        tap(qtbot, shell.home.tiles["by_place"])
    qtbot.wait(100)  # laid out at this width
    tiles = picker.tiles
    columns, gap = _columns_and_gap(tiles)
    assert _cut_tiles(tiles) == []  # 新疆维吾尔自治区, not 新疆维吾尔自…
    cell = tiles.gridSize().width()
    assert gap < cell // 2, f"{gap} px empty on the right of {columns} columns of {cell} px"
    if size == (1920, 1080):
        assert columns == 7  # was 6, with ~270 px empty
    if size == (1080, 1920):
        assert columns == 4  # was 3, with a quarter of the width empty
    for name in ("云南省", "临沧市"):  # 双江拉祜族佤族布朗族傣族自治县: 15 characters
        with qtbot.waitSignal(picker.sig_loaded, timeout=10000):
            tap_item(qtbot, tiles, find_item(tiles, name))
    qtbot.wait(100)
    assert any(len(tiles.item(row).text()) == 15 for row in range(tiles.count()))
    assert _cut_tiles(tiles) == []
    assert tiles.visualItemRect(tiles.item(0)).height() >= 64


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_narrow_result_list_wraps_the_kinds_at_their_dot(qtbot, make_shell, compiled_translations, lang) -> None:  # type: ignore[no-untyped-def]
    """A narrow list beside the keyboard (portrait once, ~320 px; a 1024×768 panel now: a portrait screen
    puts the list above the keyboard); '地理标志证明商标 · 粮油' and 'GI certification mark · Grain and oil
    crops' were cut. Each part now gets its own line (粮油 not split as 粮 / 油), and the row is as tall as its
    lines."""
    shell = make_shell()
    shell.resize(1024, 768)
    shell.set_language(lang)
    tap(qtbot, shell.home.tiles["gi_search"])
    results = shell.gi_finder.results
    with qtbot.waitSignal(shell.gi_finder.sig_results_shown, timeout=10000):
        type_on_keyboard(qtbot, shell.gi_finder.keyboard, "wcdm")
    qtbot.wait(100)
    assert results.viewport().width() < 400
    metrics = QFontMetrics(results.font())
    delegate = results.itemDelegate()
    line_counts = []
    for row in range(results.count()):
        item = results.item(row)
        room = _text_room(results, item)
        option = QStyleOptionViewItem()
        option.initFrom(results)
        option.font = results.font()
        option.decorationSize = results.iconSize()  # as the view hands it to its delegate
        option.rect = results.visualItemRect(item)
        delegate.initStyleOption(option, results.indexFromItem(item))
        lines = option.text.split("\u2028")
        line_counts.append(len(lines))
        category = "粮油" if lang == "zh_CN" else "Grain and oil crops"
        assert any(category in line for line in lines), lines  # whole, on one line
        for line in lines:  # a line too long for the list is split at its dot first
            assert " · " not in line or metrics.horizontalAdvance(line) <= room.width(), (line, room.width())
        shown = metrics.boundingRect(QRect(0, 0, room.width(), 10_000), Qt.TextFlag.TextWordWrap, "\n".join(lines))
        assert shown.height() <= room.height(), (lines, room)  # the row is tall enough for every line
    if lang == "en":
        assert max(line_counts) >= 3  # GI certification mark / Grain and oil crops
    shell.resize(1920, 1080)  # a wide list keeps one line for the kind and the category
    qtbot.wait(100)
    item = results.item(0)
    option = QStyleOptionViewItem()
    option.initFrom(results)
    option.font = results.font()
    option.decorationSize = results.iconSize()
    option.rect = results.visualItemRect(item)
    delegate.initStyleOption(option, results.indexFromItem(item))
    assert len(option.text.split("\u2028")) == 2
