"""The default theme's selected rows, placeholders and check boxes meet WCAG AA (QA19c N6), measured with
`theme.contrast_ratio` on the palette and on what is drawn; the high-contrast theme does at least as well.

On Linux (Fusion) the platform's palette had white on #308cc6 (3.7:1) for the current navigation entry
and selected rows, placeholders #7f7f7f on white (4.0:1), and check boxes 14 px at every font size
with a #bcbcbc frame on the window's #efefef (1.65:1; 3:1 is needed for a control's boundary)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.ui.theme import FONT_POINTS, apply_theme, contrast_ratio

ACTIVE_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


@pytest.fixture
def app() -> Iterator[QApplication]:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    yield application
    apply_theme(application)


def on(colour: QColor, background: QColor) -> str:
    """`colour` as drawn on `background` (a colour with alpha, as Qt's default placeholder has, blended)."""
    a = colour.alphaF()
    mixed = QColor.fromRgbF(*(a * c + (1 - a) * b for c, b in zip(
        (colour.redF(), colour.greenF(), colour.blueF()), (background.redF(), background.greenF(), background.blueF()),
        strict=True)))
    return mixed.name()


def palette_ratios(palette: QPalette) -> dict[str, float]:
    role = QPalette.ColorRole
    out = {}
    for group in ACTIVE_GROUPS:
        name = group.name.lower()
        highlight = palette.color(group, role.Highlight)
        out[f"selected {name}"] = contrast_ratio(on(palette.color(group, role.HighlightedText), highlight),
                                                 highlight.name())
        base = palette.color(group, role.Base)
        out[f"placeholder {name}"] = contrast_ratio(on(palette.color(group, role.PlaceholderText), base), base.name())
    return out


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_selected_text_and_placeholders_have_the_contrast_of_normal_text(app: QApplication,
                                                                        high_contrast: bool) -> None:
    apply_theme(app, "normal", high_contrast)
    ratios = palette_ratios(app.palette())
    assert all(r >= 4.5 for r in ratios.values()), ratios


def test_a_selected_row_is_drawn_readable(qtbot: Any, app: QApplication) -> None:
    """The navigation rail's current page and a chosen match are list rows: white text on the selection."""
    apply_theme(app, "normal")
    rows = QListWidget()
    qtbot.addWidget(rows)
    for text in ("搜索", "地理标志核查"):
        rows.addItem(QListWidgetItem(text))
    rows.resize(240, 120)
    rows.show()
    qtbot.waitExposed(rows)
    rows.setCurrentRow(1)
    rect = rows.visualItemRect(rows.item(1))
    image = rows.viewport().grab().toImage()
    scale = image.width() / rows.viewport().width()
    back = image.pixelColor(int((rect.right() - 4) * scale), int(rect.center().y() * scale)).name()
    text = app.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText).name()
    assert contrast_ratio(text, back) >= 4.5, (text, back)


def indicator(box: QCheckBox) -> QRect:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)


def frame_colour(box: QCheckBox) -> str:
    """The colour of an unticked box's frame: the commonest colour of its left edge, 1 px in."""
    rect = indicator(box)
    image = box.grab().toImage()
    scale = image.width() / box.width()
    found: dict[str, int] = {}
    x = int((rect.left() + 1) * scale)
    for y in range(int((rect.top() + 3) * scale), int((rect.bottom() - 3) * scale)):
        name = image.pixelColor(x, y).name()
        found[name] = found.get(name, 0) + 1
    return max(found, key=lambda k: found[k])


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_check_boxes_grow_with_the_font_and_their_frame_is_seen(qtbot: Any, app: QApplication,
                                                                high_contrast: bool) -> None:
    sides = {}
    for size in FONT_POINTS:
        apply_theme(app, size, high_contrast)
        holder = QWidget()
        qtbot.addWidget(holder)
        layout = QVBoxLayout(holder)
        box = QCheckBox("作为本机数据导入", holder)
        layout.addWidget(box)
        holder.show()
        qtbot.waitExposed(holder)
        rect = indicator(box)
        sides[size] = rect.height()
        em = box.fontMetrics().horizontalAdvance("中")
        assert rect.height() >= em and rect.width() >= em, (size, rect, em)  # as tall as a character
        window = holder.palette().color(QPalette.ColorRole.Window).name()
        frame = frame_colour(box)
        assert contrast_ratio(frame, window) >= 3, (size, frame, window)
        # ticked, the box is filled: it looks different from an unticked one
        box.setChecked(True)
        inside = box.grab().toImage().pixelColor(rect.left() + 3, rect.top() + 3)
        assert inside != QColor(Qt.GlobalColor.white if not high_contrast else Qt.GlobalColor.black)
    assert sides["largest"] > sides["normal"], sides


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_a_menu_buttons_arrow_grows_with_the_font(qtbot: Any, app: QApplication, high_contrast: bool) -> None:
    """下载空白模板… opens a menu: its arrow stayed the platform's 12 px beside the largest font's text (QA 19d R2)."""
    from PySide6.QtWidgets import QMenu, QPushButton, QStyle, QStyleOptionButton

    arrows, widths = {}, {}
    for size in FONT_POINTS:
        apply_theme(app, size, high_contrast)
        button = QPushButton("下载空白模板…")
        qtbot.addWidget(button)
        button.setMenu(QMenu(button))
        button.show()
        qtbot.waitExposed(button)
        option = QStyleOptionButton()
        button.initStyleOption(option)
        arrows[size] = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
        widths[size] = button.width()
        em = button.fontMetrics().horizontalAdvance("中")
        assert arrows[size] >= min(12, em) and arrows[size] >= 0.75 * em, (size, arrows[size], em)
        # the label and the arrow both fit: the button is wider than its text by at least the arrow
        assert button.width() >= button.fontMetrics().horizontalAdvance("下载空白模板…") + arrows[size], size
    assert arrows["largest"] > arrows["normal"], arrows
