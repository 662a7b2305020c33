"""Saved searches on the search page (QA 19b N3): "Save search…" keeps the query, the filters, the
kind tab and the order under a name; the list runs one again (box, filters and tab filled, searched),
renames it (F2) and deletes it (Delete), from the keyboard, its buttons or its context menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipdesk.domain.text import has_cjk
from ipdesk.services.search import SearchFilters
from tests.ui.conftest import _window, type_text, wait_idle

ZHEJIANG = "330000000000"


@pytest.fixture
def page(qtbot, services, tasks):  # type: ignore[no-untyped-def]
    """The search page of a window on a data folder of its own (saving writes to its local store)."""
    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    page = window.show_page("search")
    wait_idle(qtbot, tasks)
    return page


@pytest.fixture
def said():  # type: ignore[no-untyped-def]
    """What was said to screen readers (ui.announce), in order."""
    from ipdesk.ui.announce import announcer

    heard: list[tuple[object, str]] = []

    def hear(widget: object, text: str) -> None:
        heard.append((widget, text))

    announcer.sig_announced.connect(hear)
    yield heard
    announcer.sig_announced.disconnect(hear)


def _answers(monkeypatch, panel, *, names=(), replace=(), delete=()):  # type: ignore[no-untyped-def]
    """The dialogs' answers, in order: names typed, replace? and delete? questions."""
    asked: list[tuple[str, str]] = []
    names, replace, delete = list(names), list(replace), list(delete)

    def ask_name(title: str, prompt: str, name: str) -> str | None:
        asked.append((title, name))
        return names.pop(0)

    monkeypatch.setattr(panel, "ask_name", ask_name)
    monkeypatch.setattr(panel, "confirm_replace", lambda name: (asked.append(("replace", name)), replace.pop(0))[1])
    monkeypatch.setattr(panel, "confirm_delete", lambda name: (asked.append(("delete", name)), delete.pop(0))[1])
    return asked


def test_save_list_run_rename_delete(qtbot, page, services, tasks, monkeypatch, said) -> None:  # type: ignore[no-untyped-def]
    panel = page.saved_panel
    asked = _answers(monkeypatch, panel, names=["浙江的茶", "浙江的茶", "浙江的茶", "浙江茶叶", "五常", "浙江茶叶"],
                     replace=[False, True, True], delete=[False, True])
    assert not page.save_search_button.isEnabled() and page.saved_toggle.text() == "已保存的检索(&V)"
    assert not panel.isVisible()

    # a search with a region, the GI tab and newest first, saved
    picker = page.region_picker
    qtbot.waitUntil(lambda: picker.combos[0].count() > 30, timeout=10000)
    picker.combos[0].setCurrentIndex(picker.combos[0].findData(ZHEJIANG))
    type_text(qtbot, page.search_box, "茶")
    qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.filters.region == ZHEJIANG, timeout=10000)
    page.select_kind("gi")
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("date"))
    assert page.save_search_button.isEnabled()
    qtbot.mouseClick(page.save_search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.saved_toggle.text() == "已保存的检索 (1)(&V)", timeout=10000)
    assert asked[0] == ("保存检索", "茶")  # the query offered as the name
    assert page.status_label.text() == "已保存检索“浙江的茶”。"
    assert said[-1] == (page.status_label, "已保存检索“浙江的茶”。")  # heard by screen readers (QA 19d R1)
    entry = services.saved_searches.find("浙江的茶")
    assert (entry.query, entry.filters, entry.sort) == ("茶", SearchFilters(kinds=("gi",), region=ZHEJIANG), "date")

    # the same name again: replaced only when the person agrees
    page.search_box.setText("龙井")
    qtbot.mouseClick(page.save_search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("replace", "浙江的茶") in asked, timeout=10000)
    wait_idle(qtbot, tasks)
    assert services.saved_searches.find("浙江的茶").query == "茶"
    page.search_box.setText("茶")
    qtbot.mouseClick(page.save_search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: asked.count(("replace", "浙江的茶")) == 2, timeout=10000)
    wait_idle(qtbot, tasks)
    assert services.saved_searches.count() == 1

    # the list, opened from the keyboard (Alt+V)
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.names() == ["浙江的茶"], timeout=10000)
    conditions = panel.table.item(0, 2).text()
    assert conditions == "类型：地理标志；地区：浙江省；按日期排序", conditions
    assert panel.table.item(0, 1).text() == "茶"

    # another search on the page, then the saved one run with Enter: box, filters, tab and order back
    page.clear_filters()
    page.select_kind("")
    page.sort_combo.setCurrentIndex(0)
    page.set_query("五常")
    qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.query == "五常", timeout=10000)
    wait_idle(qtbot, tasks)
    panel.table.setFocus()
    panel.table.selectRow(0)
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert page.search_box.text() == "茶" and page.last_result.query == "茶"
    assert page.last_result.filters.region == ZHEJIANG
    assert "安吉白茶" in [h.title for h in page.last_result.hits]
    assert page._kind_keys[page.kind_tabs.currentIndex()] == "gi" and page.sort_combo.currentData() == "date"
    qtbot.waitUntil(lambda: picker.code() == ZHEJIANG, timeout=10000)  # the region box shows it too
    wait_idle(qtbot, tasks)
    assert page.last_result.filters.region == ZHEJIANG and page.search_box.text() == "茶"
    assert panel.message.text() == "已运行“浙江的茶”。"
    assert (panel.message, "已运行“浙江的茶”。") in said

    # F2 renames
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: panel.names() == ["浙江茶叶"], timeout=10000)
    assert asked[-1] == ("重命名检索", "浙江的茶") and panel.message.text() == "已把“浙江的茶”改名为“浙江茶叶”。"
    assert services.saved_searches.find("浙江的茶") is None and services.saved_searches.find("浙江茶叶").query == "茶"

    # a second one, renamed by its button to the first one's name: replaced after asking
    page.search_box.setText("五常")
    qtbot.mouseClick(page.save_search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sorted(panel.names()) == ["五常", "浙江茶叶"], timeout=10000)
    assert panel.current_entry().name == "五常"  # the one just saved is chosen
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.names() == ["浙江茶叶"], timeout=10000)
    assert ("replace", "浙江茶叶") in asked and services.saved_searches.find("浙江茶叶").query == "五常"

    # Delete asks; "no" keeps it, "yes" deletes it
    panel.table.setFocus()
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    wait_idle(qtbot, tasks)
    assert panel.names() == ["浙江茶叶"]
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.names() == [], timeout=10000)
    assert asked[-2:] == [("delete", "浙江茶叶"), ("delete", "浙江茶叶")]
    assert services.saved_searches.count() == 0
    assert page.saved_toggle.text() == "已保存的检索(&V)"
    assert panel.message.text().startswith("还没有已保存的检索。")
    assert not panel.run_button.isEnabled() and not panel.delete_button.isEnabled()


def test_the_context_menu_runs_renames_and_deletes(qtbot, page, services, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services.saved_searches.save("五常", "五常", SearchFilters(region="230184000000"))
    panel = page.saved_panel
    page.saved_toggle.setChecked(True)
    qtbot.waitUntil(lambda: panel.names() == ["五常"], timeout=10000)
    row = panel.table.visualItemRect(panel.table.item(0, 0)).center()
    panel.table.clearSelection()
    menu = panel.context_menu(row)  # what a right click (or the menu key) opens on the row
    assert [a.text() for a in menu.actions()] == ["运行", "重命名…", "删除…"]
    assert panel.current_entry().name == "五常"  # the row under the pointer is the one acted on
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        menu.actions()[0].trigger()
    assert page.search_box.text() == "五常" and page.last_result.filters.region == "230184000000"
    monkeypatch.setattr(panel, "ask_name", lambda title, prompt, name: "五常市")
    panel.context_menu(row).actions()[1].trigger()
    qtbot.waitUntil(lambda: panel.names() == ["五常市"], timeout=10000)
    monkeypatch.setattr(panel, "confirm_delete", lambda name: True)
    panel.context_menu(row).actions()[2].trigger()
    qtbot.waitUntil(lambda: panel.names() == [], timeout=10000)
    assert panel.context_menu(row) is None  # no row there: no menu


def test_a_saved_search_with_filters_the_window_lacks_says_what_it_left_out(qtbot, page, services, tasks) -> None:  # type: ignore[no-untyped-def]
    """Saved on the command line: two kinds and a similar group, which the window has no box for."""
    services.saved_searches.save("两类", "大米", SearchFilters(kinds=("gi", "trademark"), similar_group="3004"))
    panel = page.saved_panel
    page.saved_toggle.setChecked(True)
    qtbot.waitUntil(lambda: panel.names() == ["两类"], timeout=10000)
    panel.table.selectRow(0)
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        panel.run_current()
    assert page.last_result.filters == SearchFilters() and page.kind_tabs.currentIndex() == 0
    assert panel.message.text() == "已运行“两类”。窗口中没有这些条件，已略去：类型：地理标志、商标；类似群 3004。"


def test_the_saved_searches_in_english(qtbot, english_window, tasks) -> None:  # type: ignore[no-untyped-def]
    page = english_window.show_page("search")
    page.saved_toggle.setChecked(True)
    panel = page.saved_panel
    qtbot.waitUntil(lambda: panel.loaded, timeout=10000)
    wait_idle(qtbot, tasks)
    header = panel.table.horizontalHeader().model()
    texts = [panel.title(), page.saved_toggle.text(), page.save_search_button.text(), panel.run_button.text(),
             panel.rename_button.text(), panel.delete_button.text(), panel.table.accessibleName(),
             *(str(header.headerData(c, Qt.Orientation.Horizontal)) for c in range(4))]
    if not panel.names():
        texts.append(panel.message.text())
    assert not [t for t in texts if has_cjk(t)], texts
    assert page.save_search_button.text() == "&Save search…"


def test_tab_reaches_the_saved_searches_in_screen_order(qtbot, page, services, tasks) -> None:  # type: ignore[no-untyped-def]
    services.saved_searches.save("五常", "五常")
    page.saved_toggle.setChecked(True)
    qtbot.waitUntil(lambda: page.saved_panel.names() == ["五常"], timeout=10000)
    page.set_query("五常")
    wait_idle(qtbot, tasks)
    page.window().activateWindow()
    page.search_box.setFocus()
    qtbot.waitUntil(page.search_box.hasFocus, timeout=5000)
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    panel = page.saved_panel
    wanted = [page.filters_toggle, page.saved_toggle, panel.table, panel.run_button, panel.rename_button,
              panel.delete_button, page.kind_tabs, page.sort_combo, page.add_results_button, page.save_search_button,
              page.table]
    assert [w for w in seen if w in wanted] == wanted, [type(w).__name__ for w in seen]
