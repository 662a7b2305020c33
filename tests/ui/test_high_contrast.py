"""High contrast is drawn, not only set: a chosen answer, a disabled button, the keyboard focus and the
selected navigation entry must each look different from their neighbours (pixels are compared)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ipdesk.domain.basket import ReportBasket
from ipdesk.domain.i18n import Text
from ipdesk.domain.wizard import Outcome
from ipdesk.ui.highlight import HighlightDelegate
from ipdesk.ui.results_model import SpansRole
from ipdesk.ui.theme import (
    HC_DISABLED,
    HC_FOCUS,
    HC_LEVEL_COLOURS,
    LEVEL_COLOURS,
    apply_theme,
    contrast_ratio,
    highlight_color,
)
from ipdesk.ui.wizards.base import touch_list
from ipdesk.ui.wizards.gi_wizard import GiCheckPage

YELLOW, BLACK, WHITE = "#ffff00", "#000000", "#ffffff"


@pytest.fixture
def high_contrast(qtbot: Any) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "normal", True)
    yield
    apply_theme(app)


def colours(image: QImage, rect: QRect | None = None) -> Counter[str]:
    """How many pixels of each colour (#rrggbb) the image (or a part of it) has."""
    area = rect if rect is not None else image.rect()
    found: Counter[str] = Counter()
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            found[image.pixelColor(x, y).name()] += 1
    return found


def picture(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def background(widget: QWidget) -> str:
    """The colour of the widget's inside, off its text (a strip by the left edge, inside any frame)."""
    image = picture(widget)
    strip = QRect(5, 5, 6, image.height() - 10)
    return colours(image, strip).most_common(1)[0][0]


def gi_page(services: Any, tasks: Any, qtbot: Any) -> GiCheckPage:
    page = GiCheckPage(services, tasks, ReportBasket(), "zh_CN", None)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def choice(page: QWidget, key: str) -> QPushButton:
    button = page.findChild(QPushButton, f"choice_{key}")
    assert button is not None
    return button


def test_the_chosen_answer_is_inverted(shared_services: Any, tasks: Any, qtbot: Any, high_contrast: None) -> None:
    page = gi_page(shared_services, tasks, qtbot)
    cooperative, farmer = choice(page, "cooperative"), choice(page, "farmer")
    assert background(cooperative) == background(farmer) == BLACK
    qtbot.mouseClick(cooperative, Qt.MouseButton.LeftButton)
    assert cooperative.isChecked()
    page.next_button.setFocus()  # the chosen one without the focus frame: the checked look on its own
    assert background(cooperative) == YELLOW  # black on yellow: the opposite of its neighbours
    assert background(farmer) == BLACK
    chosen = colours(picture(cooperative))
    assert chosen[BLACK] > 0 and chosen[WHITE] > 0  # black text, a white frame
    assert chosen[YELLOW] > chosen[BLACK]


def test_disabled_buttons_look_disabled(shared_services: Any, tasks: Any, qtbot: Any, high_contrast: None) -> None:
    page = gi_page(shared_services, tasks, qtbot)
    assert not page.back_button.isEnabled() and not page.next_button.isEnabled()
    disabled = colours(picture(page.next_button))
    assert disabled[YELLOW] == 0 and disabled[HC_DISABLED] > 0  # grey text and frame, no yellow at all
    qtbot.mouseClick(choice(page, "farmer"), Qt.MouseButton.LeftButton)
    assert page.next_button.isEnabled()
    page.restart_button.setFocus()
    enabled = colours(picture(page.next_button))
    assert enabled[YELLOW] > 0 and enabled[HC_DISABLED] == 0
    assert not page.back_button.isEnabled()
    assert colours(picture(page.back_button))[YELLOW] == 0


def test_the_keyboard_focus_is_a_cyan_frame(shared_services: Any, tasks: Any, qtbot: Any, high_contrast: None) -> None:
    page = gi_page(shared_services, tasks, qtbot)
    page.activateWindow()
    farmer, cooperative = choice(page, "farmer"), choice(page, "cooperative")
    farmer.setFocus()
    qtbot.waitUntil(farmer.hasFocus, timeout=2000)
    assert colours(picture(farmer))[HC_FOCUS] > 0
    assert colours(picture(cooperative))[HC_FOCUS] == 0
    qtbot.keyClick(farmer, Qt.Key.Key_Space)  # chosen and focused: inverted, and the frame is still cyan
    assert farmer.isChecked() and background(farmer) == YELLOW
    assert colours(picture(farmer))[HC_FOCUS] > 0


def test_the_selected_navigation_entry_keeps_its_icon(shared_services: Any, tasks: Any, qtbot: Any,
                                                      high_contrast: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.ui.main_window import MainWindow

    monkeypatch.setattr(shared_services.settings, "high_contrast", True)
    window = MainWindow(shared_services, tasks, lang="zh_CN", probe_network=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("gi_check")
    row = window.nav.currentRow()
    image = window.nav.viewport().grab().toImage()
    scale = image.width() / window.nav.viewport().width()

    def icon_area(r: int) -> QRect:
        rect = window.nav.visualRect(window.nav.model().index(r, 0))
        size = window.nav.iconSize()
        top = rect.top() + (rect.height() - size.height()) // 2
        return QRect(int((rect.left() + 2) * scale), int(top * scale), int(size.width() * scale),
                     int(size.height() * scale))

    selected = colours(image, icon_area(row))
    assert selected[YELLOW] > 0  # the selection's background
    assert selected[BLACK] > 20  # and the icon drawn on it, in black
    other = colours(image, icon_area(0))
    assert other[YELLOW] > 20  # an entry not selected: a yellow icon on black


def test_ticked_and_unticked_boxes_differ(qtbot: Any, high_contrast: None) -> None:
    """The brand check's group list: an unticked box had been black on black, invisible."""
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

    boxes = QListWidget()
    qtbot.addWidget(boxes)
    for ticked in (False, True):
        item = QListWidgetItem("3008 测试类似群")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        boxes.addItem(item)
    boxes.resize(300, 120)
    boxes.show()
    qtbot.waitExposed(boxes)
    image = picture(boxes)
    rows = [boxes.visualItemRect(boxes.item(i)) for i in range(2)]
    unticked, ticked = (colours(image, QRect(r.left(), r.top(), 30, r.height())) for r in rows)
    assert unticked[WHITE] > 20 and unticked[YELLOW] == 0  # a white frame on black
    assert ticked[YELLOW] > 40  # filled


def text_and_background(image: QImage, rect: QRect | None = None) -> tuple[str, str]:
    """The background (the commonest colour) and the text's colour (the commonest other one: the
    inside of the strokes; the antialiased edges are spread over many shades)."""
    found = colours(image, rect)
    (back, _), (text, _) = found.most_common(2)
    return text, back


@pytest.mark.parametrize("high", [True, False], ids=["high-contrast", "normal"])
def test_the_verdict_headline_is_readable_on_its_background(shared_services: Any, tasks: Any, qtbot: Any,
                                                            monkeypatch: pytest.MonkeyPatch, high: bool) -> None:
    """The wizard's headline is coloured by its level: dark red, blue and green had stayed on high
    contrast's black (2.4–2.9:1). Every level is measured as drawn, at least 4.5:1."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "normal", high)
    monkeypatch.setattr(shared_services.settings, "high_contrast", high)
    try:
        page = gi_page(shared_services, tasks, qtbot)
        for level in ("go", "caution", "stop", "info"):
            page._on_outcome(Outcome(wizard="gi_check", code="synthetic", level=level,
                                     headline=Text("合成测试结论标题", "Synthetic headline"),
                                     explanation=Text("说明", "Explanation")))
            view = page.result_view
            document = view.document()
            block = document.documentLayout().blockBoundingRect(document.firstBlock()).toRect()
            image = view.viewport().grab().toImage()
            text, back = text_and_background(image, block.intersected(image.rect()))
            assert back == (BLACK if high else WHITE), level
            assert contrast_ratio(text, back) >= 4.5, (level, text, back)
    finally:
        apply_theme(app)


@pytest.mark.parametrize("high", [True, False], ids=["high-contrast", "normal"])
def test_the_wizard_problem_line_is_readable(shared_services: Any, tasks: Any, qtbot: Any, high: bool) -> None:
    """What Next still needs, said under the buttons: #b00020 on black was 2.87:1."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "normal", high)
    try:
        page = gi_page(shared_services, tasks, qtbot)
        page._on_next_clicked()  # nothing chosen yet: the problem is said
        label = page.problem_label
        qtbot.waitUntil(lambda: label.isVisible() and bool(label.text()), timeout=2000)
        text, back = text_and_background(picture(label))
        if high:
            assert back == BLACK
        assert contrast_ratio(text, back) >= 4.5, (text, back)
    finally:
        apply_theme(app)


def test_every_level_colour_has_the_contrast_of_normal_text() -> None:
    for level in LEVEL_COLOURS:
        assert contrast_ratio(LEVEL_COLOURS[level], WHITE) >= 4.5, level
        assert contrast_ratio(HC_LEVEL_COLOURS[level], BLACK) >= 4.5, level


def _views(parent: QWidget) -> dict[str, QAbstractItemView]:
    """One view of each kind the app shows selectable rows in, three rows each, with the second current."""
    table = QTableWidget(3, 2, parent)  # the licences, the service record
    list_widget = QListWidget(parent)  # the navigation rail
    touch = touch_list(QListWidget(parent))  # a wizard's list of answers
    tree = QTreeWidget(parent)
    tree.setColumnCount(1)
    results = QTableView(parent)  # the search results, whose delegate paints the text itself
    model = QStandardItemModel(3, 1, results)
    for row in range(3):
        table.setItem(row, 0, QTableWidgetItem("地理标志产品 ABC"))
        table.setItem(row, 1, QTableWidgetItem("MIT"))
        list_widget.addItem("地理标志产品 ABC")
        touch.addItem("地理标志产品 ABC")
        tree.addTopLevelItem(QTreeWidgetItem(["地理标志产品 ABC"]))
        item = QStandardItem("地理标志产品 ABC")
        item.setData([(0, 2)], SpansRole)
        model.setItem(row, 0, item)
    results.setModel(model)
    results.setItemDelegate(HighlightDelegate(highlight_color(True), results))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    views: dict[str, QAbstractItemView] = {"table": table, "list": list_widget, "touch list": touch, "tree": tree,
                                           "results": results}
    return views


def _selected_cell(view: QAbstractItemView) -> Counter[str]:
    """The colours of the current (selected) cell as drawn, inside the 2 px focus frame."""
    rect = view.visualRect(view.currentIndex()).adjusted(3, 3, -3, -3)
    return colours(view.viewport().grab().toImage(), rect)


def _black_on_yellow(colour: str) -> bool:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return red == green and blue == 0


def test_selected_rows_are_black_on_yellow_active_or_not(qtbot: Any, high_contrast: None) -> None:
    """The selected row's text had been greyed in tables (the platform's focus wash over the current cell);
    checked by the palette every view and delegate paints with and by the pixels drawn, focused and not,
    in the active window and in one behind another."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    views = _views(window)
    for view in views.values():
        layout.addWidget(view)
    window.resize(1400, 300)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    for view in views.values():
        view.setCurrentIndex(view.model().index(1, 0))
        palette = view.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            text = palette.color(group, QPalette.ColorRole.HighlightedText).name()
            assert contrast_ratio(text, palette.color(group, QPalette.ColorRole.Highlight).name()) >= 7
    for name, view in views.items():
        view.setFocus()
        qtbot.waitUntil(view.hasFocus, timeout=2000)
        found = _selected_cell(view)
        # the yellow is flat (no wash over it) and the text on it is black, not a grey or a blend
        assert found.most_common(1)[0][0] == YELLOW, (name, found.most_common(4))
        assert found[BLACK] > 0, (name, found.most_common(4))
        # every pixel is black, yellow or an anti-aliased mix of the two: nothing grey or white drawn over it
        assert all(_black_on_yellow(c) for c in found), (name, [c for c in found if not _black_on_yellow(c)][:6])
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other, timeout=2000)
    for name, view in views.items():
        found = _selected_cell(view)
        assert found.most_common(1)[0][0] == YELLOW and found[BLACK] > 0, (name, found.most_common(4))
        assert all(_black_on_yellow(c) for c in found), (name, [c for c in found if not _black_on_yellow(c)][:6])
