"""A button with the keyboard focus draws its whole label (QA19c N1): the focus frame takes no room of
its own. It had been a border and padding added on focus only to a button sized without them, so the
focused button lost about 20 px of its label ("Jpdate now", "己入服务台账(L"), in both themes.

Every button on every page and on a wizard's summary and result is given the focus, at the largest
font, in Chinese and in English, in the default and the high-contrast theme."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton, QStyle, QStyleOptionButton, QWidget

from ipdesk.ui.keys import without_mnemonic
from ipdesk.ui.pages import PAGE_KEYS
from tests.ui.conftest import wait_idle


def contents(button: QPushButton) -> QRect:
    """Where the button's style draws its label now (its frame and padding taken off)."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)


def label_width(button: QPushButton) -> int:
    width = button.fontMetrics().horizontalAdvance(without_mnemonic(button.text()))
    if not button.icon().isNull():
        width += button.iconSize().width() + 4  # the icon and the gap the style leaves after it
    return width


@pytest.fixture(params=[("zh_CN", False), ("en", False), ("zh_CN", True), ("en", True)],
                ids=["zh_CN", "en", "zh_CN-high-contrast", "en-high-contrast"])
def largest_window(request: pytest.FixtureRequest, qtbot: Any, shared_services: Any, tasks: Any,
                   compiled_translations: Any) -> Iterator[Any]:
    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.theme import apply_theme
    from tests.ui.conftest import _window

    lang, high_contrast = request.param
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, lang)
    apply_theme(app, "largest", high_contrast)
    try:
        window = _window(qtbot, shared_services, tasks, lang)
        window.resize(1024, 768)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        yield window
    finally:
        apply_theme(app)
        install_translators(app, "zh_CN")


def cut_labels(qtbot: Any, root: QWidget, where: str) -> list[str]:
    """Each visible button given the focus in turn: those whose label does not fit while focused, or
    whose label room changes with the focus."""
    bad = []
    for button in root.findChildren(QPushButton):
        if not (button.isVisible() and button.isEnabled() and button.text()):
            continue
        button.clearFocus()
        qtbot.wait(1)
        unfocused = contents(button)
        button.setFocus()
        qtbot.waitUntil(button.hasFocus, timeout=2000)
        focused = contents(button)
        if label_width(button) > focused.width() or focused != unfocused:
            bad.append(f"{where}: {without_mnemonic(button.text())!r} needs {label_width(button)} px, "
                       f"has {focused.width()} focused, {unfocused.width()} not (button {button.width()} px)")
    return bad


def test_a_focused_button_shows_its_whole_label(qtbot: Any, largest_window: Any) -> None:
    window = largest_window
    bad: list[str] = []
    for key in PAGE_KEYS:
        window.show_page(key)
        wait_idle(qtbot, window.tasks)
        qtbot.wait(20)
        bad += cut_labels(qtbot, window, key)
    # a wizard's summary and its result, with the "log this visit" row
    page = window.show_page("gi_check")
    page.findChild(QPushButton, "choice_cooperative").click()
    page.next_button.click()
    page.product_edit.setText("五常大米")
    page.product_edit.textEdited.emit("五常大米")
    qtbot.waitUntil(lambda: page.gi_list.count() > 0, timeout=10000)
    page.next_button.click()
    page.township_edit.setText("230184100000")
    page.township_edit.textEdited.emit("230184100000")
    qtbot.waitUntil(lambda: page.township_list.count() == 1 and page.next_button.isEnabled(), timeout=10000)
    page.next_button.click()
    assert page.session.at_summary
    bad += cut_labels(qtbot, window, "gi_summary")
    page.next_button.click()
    qtbot.waitUntil(lambda: page.outcome is not None, timeout=10000)
    wait_idle(qtbot, window.tasks)
    assert page.record_button.isVisible()
    bad += cut_labels(qtbot, window, "gi_result")
    assert not bad, "\n".join(bad)
