"""Every page in English has no untranslated text; every interactive widget has an accessible
name; keyboard focus reaches every part of the search page; the language switches at run time;
nothing is clipped at the largest font size."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollBar,
    QTabBar,
    QWidget,
)

from ipdesk.domain.text import has_cjk
from ipdesk.ui.pages import PAGE_KEYS
from ipdesk.ui.theme import apply_theme
from tests.ui.conftest import _window, wait_idle

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)


def _is_record_data(widget: QWidget, stop: QWidget) -> bool:
    w: QWidget | None = widget
    while w is not None and w is not stop:
        if w.property("record_data") or w.property("record_list"):
            return True
        w = w.parentWidget()
    return False


# A Chinese term followed by its English gloss, e.g. "水稻 (rice)": an example of what to type (the data is
# Chinese), understood by an English reader. Such text is allowed; bare Chinese is not.
_GLOSSED = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+\s*\([^()]*[A-Za-z][^()]*\)")


def _untranslated(text: str) -> bool:
    return has_cjk(_GLOSSED.sub("", text))


def _is_sub_control(widget: QWidget) -> bool:
    """A part Qt builds inside another control (a spin box's editor, a line edit's clear button,
    a table's header): assistive technology reaches it through its owner."""
    parent = widget.parentWidget()
    return isinstance(parent, (QLineEdit, QComboBox, QAbstractSpinBox)) or isinstance(widget, QHeaderView)


def _visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.window() is root.window()]


def _texts(widget: QWidget) -> list[str]:
    """The user-visible interface text of one widget (not record data)."""
    out: list[str] = []
    if isinstance(widget, QLabel):
        out.append(re.sub(r"<[^>]+>", "", widget.text()))
    elif isinstance(widget, QAbstractButton):
        out.append(widget.text())
    elif isinstance(widget, QLineEdit):
        out.append(widget.placeholderText())
    elif isinstance(widget, QComboBox):
        count = 1 if widget.property("data_items") else widget.count()
        out += [widget.itemText(i) for i in range(count)]
    elif isinstance(widget, QTabBar):
        out += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QGroupBox):
        out.append(widget.title())
    elif isinstance(widget, QHeaderView) and widget.model() is not None:
        model = widget.model()
        out += [str(model.headerData(i, widget.orientation()) or "") for i in range(model.columnCount())
                if widget.orientation() == Qt.Orientation.Horizontal]
    elif isinstance(widget, QListWidget):
        out += [widget.item(i).text() for i in range(widget.count())]
    if isinstance(widget, QAbstractSpinBox):
        out.append(widget.specialValueText())
    out += [widget.toolTip(), widget.accessibleName()]
    return [t for t in out if t]


SCREENS = (*PAGE_KEYS, "detail:gi", "detail:place", "detail:class")


def _visit(qtbot, window, shared_services, screen: str) -> None:  # type: ignore[no-untyped-def]
    """Show one screen as a person would see it: a page (the search with filters and results, the
    by-place page with a township), or a detail view of one kind."""
    if screen.startswith("detail:"):
        kind = screen.split(":", 1)[1]
        if kind == "gi":
            ref_id = next(h for h in shared_services.search.search("五常大米", limit=3).hits if h.kind == "gi").ref_id
        elif kind == "place":
            ref_id = 230184000000
        else:
            ref_id = shared_services.records.class_id("ipc", "A01G")
        window.open_record(kind, ref_id)
        qtbot.waitUntil(lambda: window.detail_page.view is not None and window.detail_page.view.kind == kind,
                        timeout=10000)
        wait_idle(qtbot, window.tasks)
        return
    page = window.show_page(screen)
    wait_idle(qtbot, window.tasks)
    if screen == "search":
        page.filters_toggle.setChecked(True)
        page.set_query("五常")
        wait_idle(qtbot, window.tasks)
    if screen == "place":
        page.show_place("230184100000")
        wait_idle(qtbot, window.tasks)
        wait_idle(qtbot, window.tasks)


def _visit_everything(qtbot, window, shared_services):  # type: ignore[no-untyped-def]
    for screen in SCREENS:
        _visit(qtbot, window, shared_services, screen)
        yield screen, window


@pytest.mark.parametrize("screen", SCREENS)
def test_english_screen_has_no_chinese_interface_text(qtbot, english_window, shared_services, screen: str) -> None:  # type: ignore[no-untyped-def]
    """Fails on any visible interface text with Chinese characters (record data is exempt:
    widgets marked `record_data` / `record_list`, and table cells)."""
    window = english_window
    _visit(qtbot, window, shared_services, screen)
    untranslated: list[str] = []
    for widget in _visible_widgets(window):
        if _is_record_data(widget, window):
            continue
        for text in _texts(widget):
            if _untranslated(text):
                untranslated.append(f"{screen}: {type(widget).__name__} {widget.objectName()!r}: {text!r}")
    assert not has_cjk(window.windowTitle())
    assert not untranslated, "untranslated in English:\n" + "\n".join(sorted(set(untranslated)))
    assert window.nav.item(0).text() == "Search"


def test_the_untranslated_rule() -> None:
    assert not _untranslated("e.g. 水稻 (rice), 苹果 (apples)")
    assert _untranslated("e.g. 水稻, 苹果") and _untranslated("搜索") and _untranslated("Search 搜索 (搜索)")
    assert not _untranslated("Search")


def test_every_interactive_widget_has_an_accessible_name(qtbot, window, shared_services) -> None:  # type: ignore[no-untyped-def]
    missing: list[str] = []
    for where, root in _visit_everything(qtbot, window, shared_services):
        for widget in _visible_widgets(root):
            if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar) or _is_sub_control(widget):
                continue
            if not widget.isEnabled() and not isinstance(widget, QComboBox):
                continue
            iface = QAccessible.queryAccessibleInterface(widget)
            name = iface.text(QAccessible.Text.Name) if iface is not None else ""
            if not (name or widget.accessibleName()):
                missing.append(f"{where}: {type(widget).__name__} {widget.objectName()!r} in "
                               f"{type(widget.parentWidget()).__name__}")
    assert not missing, "\n".join(sorted(set(missing)))


def test_keyboard_alone_reaches_every_part_of_the_search_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("search")
    page.set_query("五常")
    wait_idle(qtbot, window.tasks)
    window.nav.setFocus()
    seen: list[QWidget] = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    for widget in (page.search_box, page.sort_combo, page.filters_toggle, page.kind_tabs, page.table, window.nav):
        assert widget in seen, type(widget).__name__
    assert seen.index(page.search_box) < seen.index(page.table)
    # Ctrl+2 goes to By place, Ctrl+F back to the search box
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.page("place")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is page
    assert QApplication.focusWidget() is page.search_box


def test_focus_is_drawn_visibly() -> None:
    app = QApplication.instance()
    apply_theme(app)
    assert "QLineEdit:focus" in app.styleSheet() and "QPushButton:focus" in app.styleSheet()


def test_language_and_font_switch_from_settings(qtbot, services, tasks, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.settings import load_settings
    from ipdesk.ui.i18n import install_translators

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        settings_page = window.show_page("settings")
        assert window.nav.item(0).text() == "搜索"
        settings_page.language_combo.setCurrentIndex(settings_page.language_combo.findData("en"))
        settings_page.font_combo.setCurrentIndex(settings_page.font_combo.findData("largest"))
        settings_page.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.lang == "en"
        assert window.nav.item(0).text() == "Search"
        assert window.current_page() is window.page("settings")
        assert window.page("settings").save_button.text() == "Save"
        assert app.font().pointSize() == 17
        saved = load_settings(services.data_dir)
        assert (saved.language, saved.font_size) == ("en", "largest")
        # the Chinese source strings come back when switching back
        page = window.page("settings")
        page.language_combo.setCurrentIndex(page.language_combo.findData("zh_CN"))
        page.font_combo.setCurrentIndex(page.font_combo.findData("normal"))
        page.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.nav.item(0).text() == "搜索"
    finally:
        install_translators(app, "zh_CN")
        apply_theme(app)


def test_language_switch_keeps_the_query_and_says_saved(qtbot, services, tasks, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.i18n import install_translators

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        search = window.show_page("search")
        search.set_query("五常")
        wait_idle(qtbot, tasks)
        assert search.last_result is not None and search.last_result.total > 0
        settings_page = window.show_page("settings")
        settings_page.language_combo.setCurrentIndex(settings_page.language_combo.findData("en"))
        settings_page.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.lang == "en" and window.current_page() is window.page("settings")
        assert window.page("settings").saved_label.text() == "Saved."  # on the rebuilt page, in English
        rebuilt = window.page("search")
        assert rebuilt is not search and rebuilt.search_box.text() == "五常"
        qtbot.waitUntil(lambda: rebuilt.last_result is not None and rebuilt.last_result.query == "五常", timeout=10000)
        assert rebuilt.last_result.total == search.last_result.total
    finally:
        install_translators(app, "zh_CN")
        apply_theme(app)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_nothing_is_clipped_at_the_largest_font(qtbot, shared_services, tasks, compiled_translations, lang: str) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.i18n import install_translators

    app = QApplication.instance()
    install_translators(app, lang)
    apply_theme(app, "largest", False)
    try:
        window = _window(qtbot, shared_services, tasks, lang)
        clipped: list[str] = []
        for where, root in _visit_everything(qtbot, window, shared_services):
            need = root.minimumSizeHint()
            if need.width() > 1366 or need.height() > 768:  # must fit a common laptop screen
                clipped.append(f"{where}: the window needs {need.width()}x{need.height()}")
            for widget in _visible_widgets(root):
                if not widget.isVisible():
                    continue
                if _is_sub_control(widget):
                    continue
                single_line = isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and not widget.wordWrap())
                if single_line and widget.width() + 1 < widget.minimumSizeHint().width():
                    clipped.append(f"{where}: {type(widget).__name__} {_texts(widget)[:1]} "
                                   f"{widget.width()} < {widget.minimumSizeHint().width()}")
        assert not clipped, "\n".join(sorted(set(clipped)))
    finally:
        install_translators(app, "zh_CN")
        apply_theme(app)
