"""A language switch keeps what the user was doing: each wizard's step, every answer given and a
result already computed (shown again in the new language), and the state of the other pages.

The window is driven as a person would drive it; the switch is what saving the Settings page does
(`set_language(..., keep_page="settings")`), once through the Settings page itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QPushButton

from ipdesk.domain.text import has_cjk
from ipdesk.ui.i18n import install_translators
from ipdesk.ui.theme import apply_theme
from tests.ui.conftest import _window, type_text, wait_idle

WUCHANG_TOWN = "230184100000"  # 五常镇, 五常市, 黑龙江
WUCHANG_CHAIN = ("230000000000", "230100000000", "230184000000", WUCHANG_TOWN)


@pytest.fixture
def win(qtbot, shared_services, tasks, compiled_translations) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, shared_services, tasks, "zh_CN")
    yield window
    wait_idle(qtbot, tasks)
    install_translators(app, "zh_CN")


def switch(window: Any, qtbot: Any, tasks: Any, lang: str) -> None:
    """What saving a new language on the Settings page does, and the answers it sets off."""
    window.set_language(lang, keep_page="settings")
    wait_idle(qtbot, tasks)


def button(page: Any, name: str) -> QPushButton:
    found = page.findChild(QPushButton, name)
    assert found is not None, name
    return found


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_item(qtbot: Any, lst: QListWidget, item: QListWidgetItem) -> None:
    lst.scrollToItem(item)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(item).center())


def item_by_code(lst: QListWidget, code: str) -> QListWidgetItem:
    for i in range(lst.count()):
        data = lst.item(i).data(Qt.ItemDataRole.UserRole)
        if data == code or (isinstance(data, tuple | list) and data[0] == code):
            return lst.item(i)
    raise AssertionError(f"{code} not listed")


def selected_code(lst: QListWidget) -> object:
    items = lst.selectedItems()
    return items[0].data(Qt.ItemDataRole.UserRole) if items else None


def session_of(page: Any) -> tuple[str, list[str], dict[str, Any]]:
    return page.session.current, list(page.session.history), dict(page.session.data)


def pick_levels(qtbot: Any, picker: Any, codes: tuple[str, ...]) -> None:
    for level, code in enumerate(codes):
        qtbot.waitUntil(lambda lv=level, c=code: picker.combos[lv].findData(c) > 0, timeout=5000)
        picker.combos[level].setCurrentIndex(picker.combos[level].findData(code))


# --- GI eligibility --------------------------------------------------------------------------------


def gi_to_township(qtbot: Any, page: Any) -> int:
    """A cooperative, rice, 五常大米 picked from the suggestions; returns that GI's id."""
    click(qtbot, button(page, "choice_cooperative"))
    click(qtbot, page.next_button)
    type_text(qtbot, page.product_edit, "大米")
    qtbot.waitUntil(lambda: any(page.gi_list.item(i).text().startswith("五常大米")
                                for i in range(page.gi_list.count())), timeout=5000)
    wuchang = next(page.gi_list.item(i) for i in range(page.gi_list.count())
                   if page.gi_list.item(i).text().startswith("五常大米"))
    click_item(qtbot, page.gi_list, wuchang)
    assert page.session.data["gi_name"] == "五常大米"
    click(qtbot, page.next_button)
    assert page.session.current == "township"
    return int(page.session.data["gi_id"])


def test_gi_check_halfway_keeps_its_step_and_answers(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("gi_check")
    gi_id = gi_to_township(qtbot, page)
    type_text(qtbot, page.township_edit, "五常")
    qtbot.waitUntil(lambda: page.township_list.count() > 1, timeout=5000)
    click_item(qtbot, page.township_list, item_by_code(page.township_list, WUCHANG_TOWN))
    before = session_of(page)
    assert before[2]["township_code"] == WUCHANG_TOWN

    switch(win, qtbot, tasks, "en")
    rebuilt = win.show_page("gi_check")
    assert rebuilt is not page
    assert session_of(rebuilt) == before
    assert rebuilt.question_label.text() == "Which township is it produced in?"
    assert rebuilt.township_edit.text() == "五常"
    assert rebuilt.township_list.count() > 1  # the matches for what was typed, with the one picked
    assert selected_code(rebuilt.township_list)[0] == WUCHANG_TOWN
    assert rebuilt.next_button.isEnabled() and rebuilt.next_button.text() == "&Next"

    click(qtbot, rebuilt.back_button)  # every earlier answer is on its step, in English
    assert rebuilt.session.current == "product" and rebuilt.product_edit.text() == "大米"
    qtbot.waitUntil(lambda: bool(rebuilt.gi_list.selectedItems()), timeout=5000)
    chosen = rebuilt.gi_list.selectedItems()[0]
    assert chosen.text().startswith("五常大米") and "GI product" in chosen.text()
    assert rebuilt.session.data["gi_id"] == gi_id
    click(qtbot, rebuilt.back_button)
    role = button(rebuilt, "choice_cooperative")
    assert rebuilt.session.current == "role" and role.isChecked() and role.text() == "Farmers' cooperative"
    click(qtbot, rebuilt.next_button)
    click(qtbot, rebuilt.next_button)
    assert rebuilt.session.current == "township" and selected_code(rebuilt.township_list)[0] == WUCHANG_TOWN
    click(qtbot, rebuilt.next_button)
    assert rebuilt.session.at_summary
    assert rebuilt.session.data == before[2]
    summary = rebuilt.summary_view.toPlainText()
    assert "Who is asking?" in summary and "Farmers' cooperative" in summary and WUCHANG_TOWN in summary


def test_gi_check_township_picked_level_by_level_or_typed_is_kept(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("gi_check")
    gi_to_township(qtbot, page)
    pick_levels(qtbot, page.region_picker, WUCHANG_CHAIN)
    assert page.session.data["township_code"] == WUCHANG_TOWN
    before = session_of(page)

    switch(win, qtbot, tasks, "en")
    rebuilt = win.page("gi_check")
    assert session_of(rebuilt) == before
    assert rebuilt.region_picker.code() == WUCHANG_TOWN  # the pickers show it, level by level
    assert [c.currentData() for c in rebuilt.region_picker.combos] == list(WUCHANG_CHAIN)
    assert rebuilt.next_button.isEnabled()

    # typed, its matches listed, none picked yet: the text stays and its matches are listed again
    type_text(qtbot, rebuilt.township_edit, "五常")
    qtbot.waitUntil(lambda: rebuilt.township_list.count() > 1, timeout=5000)
    typed, matches = session_of(rebuilt), rebuilt.township_list.count()
    assert typed[2]["township_code"] == "" and not rebuilt.next_button.isEnabled()
    switch(win, qtbot, tasks, "zh_CN")
    again = win.page("gi_check")
    assert session_of(again) == typed
    assert again.township_edit.text() == "五常" and again.township_list.count() == matches
    assert not again.township_list.selectedItems() and again.region_picker.code() == ""
    assert not again.next_button.isEnabled() and again.next_hint.text() == "请在列表中点选一个乡镇。"


def gi_to_result(qtbot: Any, page: Any) -> Any:
    gi_to_township(qtbot, page)
    type_text(qtbot, page.township_edit, WUCHANG_TOWN)
    qtbot.waitUntil(lambda: page.next_button.isEnabled(), timeout=5000)
    click(qtbot, page.next_button)
    assert page.session.at_summary
    with qtbot.waitSignal(page.sig_outcome_ready, timeout=10000) as blocker:
        click(qtbot, page.next_button)
    return blocker.args[0]


def test_gi_check_result_is_shown_again_in_the_new_language(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("gi_check")
    outcome = gi_to_result(qtbot, page)
    assert outcome.code == "gi_product"
    assert outcome.headline("zh_CN") in page.result_view.toPlainText()
    click(qtbot, page.basket_button)
    before = session_of(page)

    switch(win, qtbot, tasks, "en")
    rebuilt = win.show_page("gi_check")
    assert rebuilt.outcome is outcome and session_of(rebuilt) == before
    assert rebuilt.result_view.isVisible() and not rebuilt.stack.isVisible()
    text = rebuilt.result_view.toPlainText()
    assert outcome.headline("en") in text and outcome.headline("zh_CN") not in text
    assert "What to do next" in text and "Where to go" in text
    assert rebuilt.question_label.text() == "Result"
    assert rebuilt.basket_button.isVisible() and not rebuilt.basket_button.isEnabled()  # already added
    assert rebuilt.status_label.text() == "Added to the report. Export or print it on the Reports page."
    assert len(rebuilt.basket) == 1

    switch(win, qtbot, tasks, "zh_CN")  # and back
    again = win.show_page("gi_check")
    text = again.result_view.toPlainText()
    assert outcome.headline("zh_CN") in text and outcome.headline("en") not in text
    assert "下一步怎么做" in text
    click(qtbot, again.back_button)  # from the result to the summary of the same answers
    assert again.session.at_summary and "五常镇" in again.summary_view.toPlainText()


def test_gi_result_still_being_computed_arrives_on_the_rebuilt_page(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("gi_check")
    gi_to_township(qtbot, page)
    type_text(qtbot, page.township_edit, WUCHANG_TOWN)
    qtbot.waitUntil(lambda: page.next_button.isEnabled(), timeout=5000)
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)  # the answer is computed on the DB worker ...
    win.set_language("en", keep_page="settings")  # ... and the language switched before it arrives
    rebuilt = win.page("gi_check")
    assert rebuilt.status_label.text() == "Working it out…"
    qtbot.waitUntil(lambda: rebuilt.outcome is not None, timeout=10000)
    assert rebuilt.outcome.code == "gi_product"
    assert rebuilt.outcome.headline("en") in rebuilt.result_view.toPlainText()
    assert rebuilt.status_label.text() == ""


def test_switch_from_the_settings_page_keeps_the_gi_check(qtbot, services, tasks, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        page = window.show_page("gi_check")
        gi_to_township(qtbot, page)
        before = session_of(page)
        settings = window.show_page("settings")
        settings.language_combo.setCurrentIndex(settings.language_combo.findData("en"))
        settings.save_button.click()
        wait_idle(qtbot, tasks)
        assert window.lang == "en" and window.current_page() is window.page("settings")
        window.nav.setCurrentRow(2)  # back to the GI check by the navigation rail
        rebuilt = window.current_page()
        assert rebuilt is window.page("gi_check") and rebuilt is not page
        assert session_of(rebuilt) == before
        assert rebuilt.question_label.text() == "Which township is it produced in?"
    finally:
        install_translators(app, "zh_CN")
        apply_theme(app)


# --- brand-name check ----------------------------------------------------------------------------


def brand_to_goods(qtbot: Any, page: Any) -> None:
    type_text(qtbot, page.name_edit, "五常香")
    click(qtbot, page.next_button)
    assert page.session.current == "goods"
    page.class_combo.setCurrentIndex(page.class_combo.findData(30))
    qtbot.waitUntil(lambda: page.group_list.count() > 0, timeout=5000)
    for code in ("3002", "3008"):
        click_item(qtbot, page.group_list, item_by_code(page.group_list, code))
    type_text(qtbot, page.origin.edit, "五常")
    qtbot.waitUntil(lambda: page.origin.results.count() > 1, timeout=5000)
    click_item(qtbot, page.origin.results, item_by_code(page.origin.results, WUCHANG_TOWN))
    assert page.session.data["groups"] == ("3002", "3008")
    assert page.session.data["origin_code"] == WUCHANG_TOWN


def ticked(lst: QListWidget) -> list[str]:
    return [str(lst.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked]


def test_brand_check_halfway_keeps_class_ticked_groups_and_origin(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("brand_check")
    brand_to_goods(qtbot, page)
    before = session_of(page)

    switch(win, qtbot, tasks, "en")
    rebuilt = win.show_page("brand_check")
    assert rebuilt is not page and session_of(rebuilt) == before
    assert rebuilt.question_label.text() == "For which goods?"
    assert rebuilt.class_combo.currentData() == 30 and rebuilt.class_combo.currentText().startswith("Class 30: ")
    assert ticked(rebuilt.group_list) == ["3002", "3008"]
    tea = item_by_code(rebuilt.group_list, "3002")
    assert not has_cjk(tea.text()) and "tea" in tea.text().lower()  # the groups' words, in English
    assert rebuilt.origin.edit.text() == "五常" and rebuilt.origin.results.count() > 1
    assert selected_code(rebuilt.origin.results) == WUCHANG_TOWN
    click(qtbot, rebuilt.back_button)
    assert rebuilt.name_edit.text() == "五常香"
    click(qtbot, rebuilt.next_button)
    click(qtbot, rebuilt.next_button)
    assert rebuilt.session.at_summary and rebuilt.session.data == before[2]

    with qtbot.waitSignal(rebuilt.sig_outcome_ready, timeout=10000) as blocker:
        click(qtbot, rebuilt.next_button)
    outcome = blocker.args[0]
    assert outcome.headline("en") in rebuilt.result_view.toPlainText()
    switch(win, qtbot, tasks, "zh_CN")
    again = win.page("brand_check")
    text = again.result_view.toPlainText()
    assert again.outcome is outcome and outcome.headline("zh_CN") in text and outcome.headline("en") not in text


# --- agricultural patent finder ------------------------------------------------------------------


def test_patent_finder_keeps_its_answers_and_result(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("patents")
    type_text(qtbot, page.crop_edit, "水稻")
    click(qtbot, page.next_button)
    click(qtbot, button(page, "choice_harvesting"))
    type_text(qtbot, page.keywords_edit, "收割")
    before = session_of(page)
    assert before[0] == "technique" and before[2]["technique"] == "harvesting"

    switch(win, qtbot, tasks, "en")
    rebuilt = win.show_page("patents")
    assert session_of(rebuilt) == before
    assert rebuilt.question_label.text() == "Which kind of technique?"
    assert button(rebuilt, "choice_harvesting").isChecked() and rebuilt.keywords_edit.text() == "收割"
    click(qtbot, rebuilt.back_button)
    assert rebuilt.crop_edit.text() == "水稻" and rebuilt.crop_list.item(0).text() == "Rice"
    click(qtbot, rebuilt.next_button)
    click(qtbot, rebuilt.next_button)
    with qtbot.waitSignal(rebuilt.sig_outcome_ready, timeout=10000) as blocker:
        click(qtbot, rebuilt.next_button)
    outcome = blocker.args[0]

    switch(win, qtbot, tasks, "zh_CN")
    again = win.show_page("patents")
    assert again.outcome is outcome and session_of(again) == session_of(rebuilt)
    assert outcome.headline("zh_CN") in again.result_view.toPlainText()
    switch(win, qtbot, tasks, "en")
    last = win.show_page("patents")
    text = last.result_view.toPlainText()
    assert outcome.headline("en") in text and outcome.headline("zh_CN") not in text


# --- the other pages -----------------------------------------------------------------------------


def test_search_keeps_its_query_filters_tab_and_order(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("search")
    page.filters_toggle.setChecked(True)
    page.gi_kind_combo.setCurrentIndex(page.gi_kind_combo.findData("gi_product"))
    page.region_picker.set_code("230184000000")
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("date"))
    page.set_query("大米")
    qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.filters.region == "230184000000",
                    timeout=10000)
    page.select_kind("gi")
    filters, total = page.filters(), page.last_result.total

    switch(win, qtbot, tasks, "en")
    rebuilt = win.page("search")
    qtbot.waitUntil(lambda: rebuilt.last_result is not None
                    and rebuilt.last_result.filters.region == "230184000000", timeout=10000)
    assert rebuilt.search_box.text() == "大米" and rebuilt.filters() == filters
    assert rebuilt.last_result.total == total and rebuilt.last_result.filters == filters
    assert rebuilt.filters_box.isVisibleTo(rebuilt) and rebuilt.filters_toggle.text() == "&Filters (2)"
    assert rebuilt.kind_tabs.tabText(rebuilt.kind_tabs.currentIndex()) == f"GI ({total:,})"
    assert rebuilt.sort_combo.currentText() == "By date (newest first)"


def test_reports_page_keeps_the_report_form_and_the_basket_still_updates_it(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.domain.basket import BasketItem

    page = win.show_page("reports")
    win.basket.add(BasketItem("place", 230184000000, "五常市", "黑龙江省 哈尔滨市 五常市"))
    page.title_edit.setText("五常大米咨询")
    page.client_edit.setText("某某镇大米专业合作社")
    page.purpose_edit.setCurrentText("地理标志使用咨询")
    page.staff_edit.setText("王芳")
    page.lang_combo.setCurrentIndex(page.lang_combo.findData("en"))
    page.tabs.setCurrentIndex(1)

    switch(win, qtbot, tasks, "en")
    rebuilt = win.page("reports")
    assert rebuilt is not page
    assert (rebuilt.title_edit.text(), rebuilt.client_edit.text(), rebuilt.staff_edit.text()) == (
        "五常大米咨询", "某某镇大米专业合作社", "王芳")
    assert rebuilt.purpose_edit.currentText() == "GI use enquiry"  # a standard purpose, in English
    assert rebuilt.report_language() == "en" and rebuilt.tabs.currentIndex() == 1
    assert rebuilt.basket_list.count() == 1 and rebuilt.basket_label.text() == "Report basket: 1 item"
    # the basket outlives the page: adding to it updates the rebuilt page (and nothing of the old one)
    win.basket.add(BasketItem("place", 230184100000, "五常镇", "黑龙江省 哈尔滨市 五常市 五常镇"))
    assert rebuilt.basket_list.count() == 2 and rebuilt.basket_label.text() == "Report basket: 2 items"


def test_reports_page_keeps_the_client_search_and_its_list(qtbot, services, tasks, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    """The service record's 服务对象 box was emptied by a language switch and the list showed every
    client's entries of the newest month again: what was typed and the list it filtered are kept."""
    import datetime as dt

    client = "欧阳测试农户"  # synthetic
    reports = services.reports
    reports.record_service(client=client, purpose="信息查询", outcome="x")
    reports.record_service(client="另一测试合作社", purpose="信息查询", outcome="y")
    reports.record_service(client=client, purpose="信息查询", outcome="z", when=dt.datetime(2020, 1, 5, 9))

    def clients(page: Any) -> list[str]:
        return [page.records.item(row, 2).text() for row in range(page.records.rowCount())]

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        page = window.show_page("reports")
        page.tabs.setCurrentIndex(1)
        wait_idle(qtbot, tasks)
        assert len(set(clients(page))) == 2  # the newest month: both clients
        with qtbot.waitSignal(page.sig_records_shown, timeout=10000):
            page.client_filter.setText("欧阳")
            page.find_client_button.click()
        wait_idle(qtbot, tasks)
        assert clients(page) == [client, client]  # this month's visit and the 2020 one

        switch(window, qtbot, tasks, "en")
        rebuilt = window.page("reports")
        assert rebuilt is not page and rebuilt.tabs.currentIndex() == 1
        assert rebuilt.client_filter.text() == "欧阳"
        assert clients(rebuilt) == [client, client]
        assert rebuilt.month_combo.currentText() == "All" and rebuilt.selected_month() == ""
        assert rebuilt.record_message.text().startswith('Client "欧阳": 2 entries'), rebuilt.record_message.text()
    finally:
        wait_idle(qtbot, tasks)
        install_translators(app, "zh_CN")


def test_a_report_being_saved_is_said_saved_on_the_rebuilt_page(qtbot, services, tasks, compiled_translations,  # type: ignore[no-untyped-def]
                                                                tmp_path) -> None:
    from ipdesk.domain.basket import BasketItem

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        page = window.show_page("reports")
        window.basket.add(BasketItem("place", 230184000000, "五常市", "黑龙江省 哈尔滨市 五常市"))
        page.export_to("xlsx", tmp_path / "report.xlsx")
        window.set_language("en", keep_page="settings")  # before the report is saved
        rebuilt = window.page("reports")
        assert rebuilt.message.text() == "Making the report…" and not rebuilt.pdf_button.isEnabled()
        qtbot.waitUntil(lambda: rebuilt.message.text().startswith("Saved: "), timeout=20000)
        assert (tmp_path / "report.xlsx").exists() and rebuilt.pdf_button.isEnabled()
        number = rebuilt._report_no
        window.set_language("zh_CN", keep_page="settings")
        again = window.page("reports")
        assert again.message.text().startswith("已保存：") and number in again.message.text()
        assert again._report_no == number  # exporting again in another format keeps the number
    finally:
        wait_idle(qtbot, tasks)
        install_translators(app, "zh_CN")


def test_place_page_shows_the_same_place_in_the_new_language(qtbot, win, tasks) -> None:  # type: ignore[no-untyped-def]
    page = win.show_page("place")
    with qtbot.waitSignal(page.sig_place_shown, timeout=10000):
        page.show_place("230184000000")
    label, gis = page.place_label.text(), page.gi_list.count()

    switch(win, qtbot, tasks, "en")
    rebuilt = win.page("place")
    qtbot.waitUntil(lambda: rebuilt.current is not None, timeout=10000)
    assert rebuilt.current.info.code == "230184000000" and rebuilt.place_label.text() == label
    assert rebuilt.gi_list.count() == gis and rebuilt.add_button.isEnabled()
    assert rebuilt.summary.text().startswith("County") and "GIs covering this place" in rebuilt.summary.text()
    qtbot.waitUntil(lambda: rebuilt.picker.code() == "230184000000", timeout=10000)


def test_data_page_keeps_a_staged_import_and_the_source_typed(qtbot, services, tasks, compiled_translations,  # type: ignore[no-untyped-def]
                                                              tmp_path) -> None:
    from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        page = window.show_page("data")
        page.sync_panel.source_edit.setText(str(tmp_path / "stick"))
        page.panels.setCurrentWidget(page.import_panel)
        with qtbot.waitSignal(page.import_panel.sig_preview_ready, timeout=20000) as blocker:
            page.import_panel.stage_files([write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(12))])
        preview = blocker.args[0]
        assert page.import_panel.counts_model.row_values(0) == ["专利", "12", "0", "0", "0"]

        switch(window, qtbot, tasks, "en")
        rebuilt = window.page("data")
        panel = rebuilt.import_panel
        assert rebuilt.panels.currentWidget() is panel
        assert rebuilt.sync_panel.source_edit.text() == str(tmp_path / "stick")
        assert panel.preview is preview and not preview.committed
        assert panel.counts_model.row_values(0) == ["Patents", "12", "0", "0", "0"]
        assert panel.changes_model.rowCount() == 12 and panel.changes_model.row_values(0)[:2] == ["New", "Patent"]  # one record
        assert panel.status_label.text() == "Check the changes below, then click \"Confirm import\"."
        assert panel.confirm_button.isEnabled()
        with qtbot.waitSignal(panel.sig_imported, timeout=20000) as done:
            panel.confirm()
        assert done.args[0].inserted["patent"] == 12
    finally:
        wait_idle(qtbot, tasks)
        install_translators(app, "zh_CN")


def test_an_import_being_merged_finishes_on_the_rebuilt_page(qtbot, services, tasks, compiled_translations,  # type: ignore[no-untyped-def]
                                                             tmp_path) -> None:
    from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv

    app = QApplication.instance()
    install_translators(app, "zh_CN")
    window = _window(qtbot, services, tasks, "zh_CN")
    try:
        panel = window.show_page("data").import_panel
        with qtbot.waitSignal(panel.sig_preview_ready, timeout=20000):
            panel.stage_files([write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(12))])
        panel.confirm()
        window.set_language("en", keep_page="settings")  # while it is merged
        rebuilt = window.page("data").import_panel
        assert rebuilt.status_label.text() == "Writing to the database…" and not rebuilt.choose_button.isEnabled()
        qtbot.waitUntil(lambda: rebuilt.status_label.text().startswith("Import done: 12 new"), timeout=20000)
        assert rebuilt.choose_button.isEnabled() and rebuilt.preview is None
        window.set_language("zh_CN", keep_page="settings")
        assert window.page("data").import_panel.status_label.text().startswith("导入完成：新增 12 条")
    finally:
        wait_idle(qtbot, tasks)
        install_translators(app, "zh_CN")
