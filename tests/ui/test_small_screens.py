"""The window on small screens: a 1366×768 laptop at 125 % scaling (1093×614 logical pixels, the
taskbar off that), a 1280×720 projector, a 1024×768 monitor (QA round 21a)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSettings, Qt

from ipdesk.ui.main_window import DEFAULT_SIZE, FRAME_ROOM, MainWindow, first_start_geometry

# the free area (screen less a 40 px taskbar), in logical pixels
SMALL_SCREENS = {
    "1366x768 at 125 %": QRect(0, 0, 1093, 614 - 32),
    "1280x720": QRect(0, 0, 1280, 720 - 40),
    "1024x768": QRect(0, 0, 1024, 768 - 40),
    "second screen left of the first": QRect(-1024, 0, 1024, 728),
}


def _frame(client: QRect) -> QRect:
    """The client area with the frame and title bar FRAME_ROOM allows for around it."""
    border = (FRAME_ROOM.width()) // 2
    return client.adjusted(-border, -(FRAME_ROOM.height() - border), border, border)


@pytest.mark.parametrize("name", list(SMALL_SCREENS))
def test_first_start_geometry_keeps_the_frame_on_a_small_screen(name: str) -> None:
    available = SMALL_SCREENS[name]
    client = first_start_geometry(available)
    assert available.contains(_frame(client)), (name, client)
    assert client.width() == min(DEFAULT_SIZE.width(), available.width() - FRAME_ROOM.width())  # no smaller than it must be


def test_first_start_geometry_on_a_large_screen_is_the_default_size_centred() -> None:
    available = QRect(0, 0, 1920, 1040)
    client = first_start_geometry(available)
    assert client.size() == DEFAULT_SIZE
    assert available.contains(_frame(client))
    assert abs(client.center().x() - available.center().x()) <= 1


def test_first_window_fits_the_screen_it_opens_on(qtbot, shared_services, tasks) -> None:  # type: ignore[no-untyped-def]
    """No saved geometry (a first start): the window, frame included, inside the screen's free area
    (the offscreen test screen is smaller than 1180×760, as a 1366×768 laptop at 125 % is)."""
    QSettings("ipdesk", "ipdesk").remove("main_window/geometry")
    window = MainWindow(shared_services, tasks, lang="zh_CN", probe_network=False)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert available.width() < DEFAULT_SIZE.width() or available.height() < DEFAULT_SIZE.height() + FRAME_ROOM.height()
    assert available.contains(_frame(window.geometry())), (window.geometry(), available)


@pytest.fixture
def themed() -> Iterator[None]:
    """The app's own font and style sheet, as the window runs (the bare test app's font is smaller)."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "normal")
    yield
    apply_theme(app, "normal")


@pytest.mark.parametrize("items", [0, 3])
def test_report_export_buttons_in_view_at_125_percent(qtbot, themed, window, items: int) -> None:  # type: ignore[no-untyped-def]
    """1366×768 at 125 %: the window maximised, 1093×543 (614 less the taskbar and title bar); the Reports page's export
    buttons are inside the page's visible area, not below it behind a scroll."""
    from PySide6.QtCore import QPoint

    from ipdesk.domain.basket import BasketItem

    for n in range(items):
        window.basket.add(BasketItem(kind="gi", ref_id=n + 1, title=f"测试条目 {n + 1}"))
    window.resize(1093, 543)
    page = window.show_page("reports")
    frame = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.isVisible())
    qtbot.wait(50)
    viewport = frame.viewport()
    for button in (page.preview_button, page.xlsx_button):
        bottom = button.mapTo(viewport, QPoint(0, button.height())).y()
        assert bottom <= viewport.height(), (button.text(), bottom, viewport.height())


def _in_view(widget) -> bool:  # type: ignore[no-untyped-def]
    """Whether `widget` is on show and lies, whole, inside every widget it sits in up to the window (a scroll
    area's viewport, a tab, the window itself): not cut off and not scrolled out of sight."""
    from PySide6.QtCore import QRect

    if not widget.isVisible():
        return False
    outer = widget.parentWidget()
    while outer is not None:
        rect = QRect(widget.mapTo(outer, widget.rect().topLeft()), widget.size())
        if not outer.rect().contains(rect):
            return False
        if outer.isWindow():
            return True
        outer = outer.parentWidget()
    return True


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_settings_save_button_in_view_at_125_percent(qtbot, themed, shared_services, tasks, compiled_translations,  # type: ignore[no-untyped-def]
                                                     lang: str) -> None:
    """1366×768 at 125 % (a 1093×543 window): Settings' Save and the line that answers it stay in sight below
    the form, which scrolls on its own (the page used to scroll 67 px, 130 in English, Save below the fold)."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), lang)
    try:
        window = MainWindow(shared_services, tasks, lang=lang, probe_network=False)
        qtbot.addWidget(window)
        window.resize(1093, 543)
        window.show()
        qtbot.waitExposed(window)
        page = window.show_page("settings")
        qtbot.waitUntil(lambda: page.isVisible())
        qtbot.wait(50)
        assert _in_view(page.save_button), (page.save_button.mapTo(window, page.save_button.rect().bottomLeft()),
                                            window.size())
        page._say("无法保存设置：" + "拒绝访问。" * 60)  # a long answer wraps under the window's width
        qtbot.wait(50)
        assert _in_view(page.saved_label) and _in_view(page.save_button)
        page.staff_edit.setFocus()
        qtbot.keyClick(page.staff_edit, Qt.Key.Key_Tab)  # to the form's last field: the form scrolls to it
        assert page.centre_edit.hasFocus()
        assert _in_view(page.centre_edit) and _in_view(page.save_button)
    finally:
        install_translators(QApplication.instance(), "zh_CN")


def test_settings_save_button_right_under_the_form_with_room(qtbot, themed, window) -> None:  # type: ignore[no-untyped-def]
    """With room (the 1280×800 of docs/screenshots), the form shows whole and Save sits right under it, as
    before: not at the bottom of the window."""
    window.resize(1280, 730)
    page = window.show_page("settings")
    qtbot.waitUntil(lambda: page.isVisible())
    qtbot.wait(50)
    assert _in_view(page.kiosk_check) and _in_view(page.save_button)
    gap = page.save_button.mapTo(page, page.save_button.rect().topLeft()).y() - page.kiosk_check.mapTo(
        page, page.kiosk_check.rect().bottomLeft()).y()
    assert gap < 120, gap
    # room left under Save (not pushed to the window's bottom); less than the 100 px of before since the form
    # has the row 保留服务台账和报告 (2026-11-28)
    assert page.height() - page.save_button.mapTo(page, page.save_button.rect().bottomLeft()).y() > 60


def test_staged_import_preview_and_confirm_in_view_at_125_percent(qtbot, themed, services, tasks,  # type: ignore[no-untyped-def]
                                                                  tmp_path) -> None:
    """1366×768 at 125 %: a file chosen on Data & sync → Import files, its preview and 确认导入 come into sight
    (they were 363 px down, under the datasets table, and nothing seemed to happen)."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators
    from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv

    install_translators(QApplication.instance(), "zh_CN")
    window = MainWindow(services, tasks, lang="zh_CN", probe_network=False)
    qtbot.addWidget(window)
    window.resize(1093, 543)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("data")
    page.panels.setCurrentWidget(page.import_panel)
    panel = page.import_panel
    qtbot.wait(50)
    assert _in_view(panel.choose_button)  # the file is chosen here
    with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
        panel.stage_files([write_csv(tmp_path / "专利清单.csv", PATENT_HEADER, patent_rows(12))])
    assert panel.confirm_button.isEnabled()
    qtbot.wait(200)  # the preview's tables laid out, and the page with them
    assert _in_view(panel.confirm_button) and _in_view(panel.cancel_button)
    assert _in_view(panel.counts_view)
    assert panel.tabs.isVisible()
    tabs_top = panel.tabs.mapTo(window, panel.tabs.rect().topLeft()).y()
    frame_top = page.parentWidget().mapTo(window, page.parentWidget().rect().topLeft()).y()
    assert tabs_top >= frame_top  # the list of changes starts in sight
    # scrolled back up by hand: the page stays there when its height changes again
    from PySide6.QtWidgets import QAbstractSlider

    bar = page.parentWidget().parentWidget().verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    window.resize(1093, 560)
    qtbot.wait(100)
    assert bar.value() == 0 and bar.maximum() > 0
    panel.cancel()


def test_search_with_filters_open_shows_results_at_125_percent(qtbot, themed, window) -> None:  # type: ignore[no-untyped-def]
    """1366×768 at 125 %, the filters open: at least three result rows in sight (the form's full-width 清除筛选
    row left two and a half, the page scrolled 90 px); 清除筛选 sits on the 法律状态 row, tabbed to after it."""
    window.resize(1093, 543)
    page = window.show_page("search")
    page.filters_toggle.setChecked(True)
    page.set_query("茶")
    qtbot.waitUntil(lambda: page.model.rowCount() > 10, timeout=10000)
    qtbot.wait(50)
    viewport = window.stack.currentWidget().viewport()
    table = page.table.viewport()
    top = table.mapTo(viewport, table.rect().topLeft()).y()
    seen = min(viewport.height(), top + table.height()) - top
    assert seen >= 3 * page.table.rowHeight(0), (seen, page.table.rowHeight(0))
    assert _in_view(page.clear_filters_button)
    assert page.status_combo.nextInFocusChain() is page.clear_filters_button


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_search_with_filters_open_does_not_scroll_at_125_percent(qtbot, themed, shared_services, tasks,  # type: ignore[no-untyped-def]
                                                                  compiled_translations, lang: str) -> None:
    """1366×768 at 125 % (a 1093×543 window), the filters open and results listed: the page fits its frame, no
    scroll range (the results table asked for Qt's 192 px, and the page in its frame is never shorter than it
    asks: it scrolled 57 px). With room (1200×800) the results take it: not cramped at 100 %."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.ui.i18n import install_translators

    install_translators(QApplication.instance(), lang)
    try:
        window = MainWindow(shared_services, tasks, lang=lang, probe_network=False)
        qtbot.addWidget(window)
        window.resize(1093, 543)
        window.show()
        qtbot.waitExposed(window)
        page = window.show_page("search")
        page.filters_toggle.setChecked(True)
        page.set_query("茶")
        qtbot.waitUntil(lambda: page.model.rowCount() > 10, timeout=10000)
        qtbot.wait(50)
        frame = window.stack.currentWidget()
        assert frame.verticalScrollBar().maximum() == 0, (page.sizeHint(), frame.viewport().size())
        assert page.table.viewport().height() >= 3 * page.table.rowHeight(0)
        window.resize(1200, 800)
        qtbot.wait(50)
        assert frame.verticalScrollBar().maximum() == 0
        assert page.table.viewport().height() >= 9 * page.table.rowHeight(0), page.table.viewport().height()
    finally:
        install_translators(QApplication.instance(), "zh_CN")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_search_with_filters_and_saved_searches_open_does_not_scroll_at_125_percent(  # type: ignore[no-untyped-def]
        qtbot, themed, services, tasks, compiled_translations, lang: str) -> None:
    """1366×768 at 125 % (a 1093×543 window), the filters open and the saved searches' list too (QA 23: the page
    scrolled 242 px): the page fits its frame, with the results' header and three rows and two saved searches in
    sight; the filters take two lines (地区 and 年份, then the rest), not six. With room (1200×800) the list shows
    five saved searches and the results take the rest."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.services.search import SearchFilters
    from ipdesk.ui.i18n import install_translators

    for i, query in enumerate(["茶", "五常大米", "稻花香", "苹果", "红枣", "枸杞"]):
        services.saved_searches.save(f"合成检索 {i} {query}", query, SearchFilters(nice_class=30))
    install_translators(QApplication.instance(), lang)
    try:
        window = MainWindow(services, tasks, lang=lang, probe_network=False)
        qtbot.addWidget(window)
        window.resize(1093, 543)
        window.show()
        qtbot.waitExposed(window)
        page = window.show_page("search")
        page.filters_toggle.setChecked(True)
        page.saved_toggle.setChecked(True)
        page.set_query("茶")
        panel = page.saved_panel
        qtbot.waitUntil(lambda: page.model.rowCount() > 10 and panel.table.rowCount() == 6, timeout=10000)
        qtbot.wait(50)
        frame = window.stack.currentWidget()
        assert frame.verticalScrollBar().maximum() == 0, (page.sizeHint(), frame.viewport().size())
        assert frame.horizontalScrollBar().maximum() == 0
        assert page.table.viewport().height() >= 3 * page.table.rowHeight(0)
        assert panel.table.viewport().height() >= 2 * panel.table.rowHeight(0)
        for widget in (page.region_picker, page.year_to, page.status_combo, page.clear_filters_button,
                       panel.run_button, panel.delete_button, page.save_search_button):
            assert _in_view(widget), widget.accessibleName() or widget.text()
        grid = page.filters_box.grid

        def row_of(widget) -> int:  # type: ignore[no-untyped-def]
            return int(grid.getItemPosition(grid.indexOf(widget))[0])

        # two lines: 地区 with 年份 at its end, then the rest
        assert row_of(page.region_picker) == row_of(page.year_to.parentWidget()) == 0
        assert row_of(page.gi_kind_combo) == row_of(page.ipc_edit) == row_of(page.status_combo.parentWidget()) == 1
        panel.say("已运行“合成检索 0 茶”。")  # its line under the list: still no scrolling
        qtbot.wait(50)
        assert frame.verticalScrollBar().maximum() == 0 and _in_view(panel.message)
        window.resize(1200, 800)
        qtbot.wait(50)
        assert frame.verticalScrollBar().maximum() == 0
        assert panel.table.viewport().height() >= 5 * panel.table.rowHeight(0)
        assert page.table.viewport().height() >= 8 * page.table.rowHeight(0), page.table.viewport().height()
        assert panel.height() <= panel.maximumHeight()
    finally:
        install_translators(QApplication.instance(), "zh_CN")
