"""The search page: typing shows results, filters and kind tabs narrow them, sort, highlight,
empty-result advice, and the lazy results model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ipdesk.services.search import SearchFilters
from ipdesk.ui.results_model import FETCH_BATCH, ResultsModel, SpansRole
from tests.ui.conftest import search_in_window, type_text, wait_idle


def _titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.model.hit(r).title for r in range(page.model.rowCount())]


@pytest.mark.parametrize("text", ["五常", "wuchang", "wcdm"])
def test_typing_finds_wuchang_rice(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, text)
    assert "五常大米" in _titles(page)[:5]
    assert page.model.hit(0).kind == "gi"
    assert "找到" in page.status_label.text()


def test_typing_is_debounced_and_only_the_last_query_answers(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("search")
    shown = []
    page.sig_results_shown.connect(lambda r: shown.append(r.query if r else None))
    qtbot.keyClicks(page.search_box, "wuchang")  # seven keystrokes, faster than the debounce
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    wait_idle(qtbot, window.tasks)
    qtbot.wait(250)
    assert shown == ["wuchang"]


def test_matched_text_is_highlighted(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "五常")
    row = _titles(page).index("五常大米")
    spans = page.model.index(row, page.model.title_column()).data(SpansRole)
    assert spans == [(0, 2)]
    assert page.model.index(row, 0).data(SpansRole) == []



def test_the_all_tab_names_each_gis_own_kind(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Two GIs called 五常大米 (a GI product and a certification mark) must not look like one row twice."""
    page = search_in_window(qtbot, window, "五常")
    rows = [r for r in range(page.model.rowCount()) if page.model.hit(r).title == "五常大米"]
    kinds = {page.model.index(r, 0).data() for r in rows}
    assert len(rows) == 2 and len(kinds) == 2, kinds
    assert kinds <= {"地理标志产品", "地理标志证明商标", "地理标志集体商标", "农产品地理标志"}
    place = next(r for r in range(page.model.rowCount()) if page.model.hit(r).kind == "place")
    assert page.model.index(place, 0).data() == "地方"

def test_kind_tabs_show_counts_and_filter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "五常")
    counts = page.last_result.counts_by_kind
    place_tab = page._kind_keys.index("place")
    assert f"({counts['place']:,})" in page.kind_tabs.tabText(place_tab)
    page.kind_tabs.setCurrentIndex(place_tab)
    assert page.model.rowCount() == min(counts["place"], FETCH_BATCH)
    assert {page.model.hit(r).kind for r in range(page.model.rowCount())} == {"place"}
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "所属"
    page.kind_tabs.setCurrentIndex(0)
    assert page.model.rowCount() == min(page.last_result.total, FETCH_BATCH)


def test_region_filter_narrows_results(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "茶")
    everywhere = page.last_result.total
    picker = page.region_picker
    qtbot.waitUntil(lambda: picker.combos[0].count() > 30, timeout=10000)
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        picker.combos[0].setCurrentIndex(picker.combos[0].findData("330000000000"))  # 浙江省
    result = page.last_result
    assert result.filters.region == "330000000000"
    assert 0 < result.total < everywhere
    assert "西湖龙井" in [h.title for h in result.hits]
    assert "安吉白茶" in [h.title for h in result.hits]
    assert not {"信阳毛尖", "普洱茶"} & {h.title for h in result.hits}


def test_gi_kind_and_year_filters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "大米")
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        page.gi_kind_combo.setCurrentIndex(page.gi_kind_combo.findData("agi"))
    gis = [h for h in page.last_result.hits if h.kind == "gi"]
    assert gis and {h.subkind for h in gis} == {"agi"}
    assert page.filters_toggle.text() == "筛选 (1)(&F)"  # visible even when the filters are folded away
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        page.clear_filters()
    qtbot.waitUntil(lambda: page.filters() == SearchFilters(), timeout=5000)
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        page.year_from.setValue(2030)
    assert page.last_result.total < 50
    assert all(not h.date or h.date >= "2030" for h in page.last_result.hits)


def test_sort_by_date_puts_newest_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "茶")
    page.kind_tabs.setCurrentIndex(page._kind_keys.index("gi"))
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("date"))
    dates = [page.model.hit(r).date for r in range(page.model.rowCount())]
    dated = [d for d in dates if d]
    assert dated and dated == sorted(dated, reverse=True)


def test_nothing_found_explains_what_to_try(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "qqqqzzzzxx")
    assert page.model.rowCount() == 0
    assert page.empty_help.isVisible()
    assert "拼音" in page.empty_help.text() and "少输" in page.empty_help.text()
    # the seed has no trademarks or patents: "0" there means none loaded, and the advice says so
    assert set(page.last_result.kinds_without_data) == {"trademark", "patent"}
    assert "本机还没有商标、专利数据" in page.empty_help.text()


def test_the_advice_fits_a_number_chinese_or_letters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """QA18a N11: a patent number that found nothing was told to try pinyin (wuchang, wcdm)."""
    page = search_in_window(qtbot, window, "ZL 2099 9 9999999.9")  # no such number
    assert page.model.rowCount() == 0 and page.empty_help.isVisible()
    advice = page.empty_help.text()
    assert "核对号码" in advice and "A01G 9/00" in advice and "wuchang" not in advice and "少输几个字" not in advice
    page = search_in_window(qtbot, window, "龘龘龘龘")
    advice = page.empty_help.text()
    assert "少输几个字" in advice and "错字" in advice and "核对号码" not in advice
    page = search_in_window(qtbot, window, "qqqqzzzzxx")
    advice = page.empty_help.text()
    assert "检查拼写" in advice and "汉字" in advice and "核对号码" not in advice


def test_only_invisible_characters_are_an_empty_box(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """QA18a N11: a zero-width space or a BOM alone showed "找到 0 条" and the advice."""
    page = search_in_window(qtbot, window, "qqqqzzzzxx")
    assert page.empty_help.isVisible()
    for invisible in ("\u200b", "\ufeff", "\u200b\ufeff "):
        with qtbot.waitSignal(page.sig_results_shown, timeout=10000) as shown:
            page.search_box.setText(invisible)
        assert shown.args == [None] and page.last_result is None
        assert page.status_label.text() == "" and not page.empty_help.isVisible() and page.model.rowCount() == 0


def test_an_error_replaces_the_empty_result_advice(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "qqqqzzzzxx")
    assert page.empty_help.isVisible()
    page.set_query("好" * 1000)  # pasted: too long to search
    wait_idle(qtbot, window.tasks)
    assert "查询过长" in page.status_label.text()
    assert not page.empty_help.isVisible()  # the advice was about the query before
    assert page.last_result is None and not page.add_results_button.isEnabled()
    page.kind_tabs.setCurrentIndex(page._kind_keys.index("gi"))  # and switching tabs does not bring it back
    assert not page.empty_help.isVisible()


def test_an_empty_kind_tab_says_no_data_is_loaded(qtbot, english_window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, english_window, "五常")
    assert page.last_result.total > 0 and page.last_result.kinds_without_data == ("trademark", "patent")
    page.kind_tabs.setCurrentIndex(page._kind_keys.index("patent"))
    assert page.model.rowCount() == 0 and page.empty_help.isVisible()
    assert "No Patent records are on this computer yet" in page.empty_help.text()
    page.kind_tabs.setCurrentIndex(page._kind_keys.index("gi"))
    assert not page.empty_help.isVisible()


def test_enter_on_a_result_opens_its_detail(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "五常大米")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)  # ↓ from the box to the first result
    assert page.table.hasFocus() and page.table.currentIndex().row() == 0
    with qtbot.waitSignal(page.sig_open_record, timeout=5000) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args[0] == "gi"
    qtbot.waitUntil(lambda: window.detail_page.view is not None, timeout=10000)
    assert window.current_page() is window.detail_page
    assert window.detail_page.view.heading.text() == "五常大米"


def test_results_model_fetches_rows_lazily(qtbot, qtmodeltester, shared_services) -> None:  # type: ignore[no-untyped-def]
    search = shared_services.search
    result = search.search("镇", SearchFilters(kinds=("place",)), limit=FETCH_BATCH)
    assert len(result.doc_ids) > 3 * FETCH_BATCH
    calls: list[int] = []

    def fetch(ids, res):  # type: ignore[no-untyped-def]
        calls.append(len(ids))
        return search.hits_for(ids, res.query, res.tiers, res.product_words)

    model = ResultsModel(fetch)
    model.set_result(result)
    assert model.rowCount() == FETCH_BATCH and calls == []  # the first page came with the result
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * FETCH_BATCH and calls == [FETCH_BATCH]
    assert model.hit(FETCH_BATCH).doc_id == result.doc_ids[FETCH_BATCH]
    qtmodeltester.check(model, force_py=True)  # stays connected: every change below is re-checked
    model.fetchMore()
    model.set_sort_by_date(True)
    model.set_kind("gi")
    assert model.rowCount() == 0
    model.set_kind("place")
    assert model.rowCount() == FETCH_BATCH
    model.set_result(None)
    assert model.rowCount() == 0 and not model.canFetchMore()


class _SlowSearch:
    """The real search service, made slow (as on a big corpus on an old PC)."""

    def __init__(self, real, delay: float) -> None:  # type: ignore[no-untyped-def]
        self.real = real
        self.delay = delay

    def search(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        import time

        time.sleep(self.delay)
        return self.real.search(*args, **kwargs)

    def hits_for(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return self.real.hits_for(*args, **kwargs)


def test_a_slow_search_never_freezes_the_window(qtbot, shared_services, tasks) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from PySide6.QtCore import QElapsedTimer, QTimer

    from ipdesk.domain.basket import ReportBasket
    from ipdesk.ui.search_page import SearchPage

    services = SimpleNamespace(search=_SlowSearch(shared_services.search, 0.6), places=shared_services.places,
                               settings=shared_services.settings, saved_searches=shared_services.saved_searches)
    page = SearchPage(services, tasks, ReportBasket(), "zh_CN")
    qtbot.addWidget(page)
    page.show()
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    ticker.start()
    with qtbot.waitSignal(page.sig_results_shown, timeout=10000):
        type_text(qtbot, page.search_box, "五常")
    ticker.stop()
    assert page.model.rowCount() > 0
    assert len(gaps) >= 20  # the event loop kept turning while the query ran
    assert max(gaps[1:]) < 250, gaps  # no frozen moment longer than a quarter second


def test_results_go_into_the_report_basket(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("search")
    assert not page.add_results_button.isEnabled()
    page = search_in_window(qtbot, window, "五常")
    assert page.add_results_button.isEnabled()
    before = len(window.basket)
    qtbot.mouseClick(page.add_results_button, Qt.MouseButton.LeftButton)
    assert len(window.basket) == before + 1
    item = window.basket.items[-1]
    assert item.title == "五常" and item.subtitle == page.last_result.total_label
    qtbot.mouseClick(page.add_results_button, Qt.MouseButton.LeftButton)  # the same set only once
    assert len(window.basket) == before + 1


def test_gi_categories_are_in_the_windows_language(qtbot, english_window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, english_window, "五常大米")
    row = next(r for r in range(page.model.rowCount()) if page.model.hit(r).kind == "gi")
    assert page.model.index(row, 2).data() == "Grain and oil crops"  # stored as 粮油
    page.kind_tabs.setCurrentIndex(page._kind_keys.index("gi"))
    assert page.model.index(0, 1).data() == "Grain and oil crops"


def test_rows_fetched_later_keep_what_they_matched(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Rows past the first page came back as 'name' whatever found them (walk-through 2026-11-27)."""
    search = shared_services.search
    result = search.search("五常", limit=2)
    model = ResultsModel(lambda ids, res: search.hits_for(ids, res.query, res.tiers, res.product_words))
    model.set_result(result)
    shown = [model.hit(row).matched for row in range(model.rowCount())]  # type: ignore[union-attr]
    assert shown[:2] == ["name", "name"] and "place" in shown and "within" in shown


def _matched_column_in_view(page) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(right edge of the last column, Matched, in viewport pixels; the viewport's width)."""
    header = page.table.horizontalHeader()
    last = page.model.columnCount() - 1
    return header.sectionViewportPosition(last) + header.sectionSize(last), page.table.viewport().width()


def _long_class_title_row(page) -> int:  # type: ignore[no-untyped-def]
    """The row of Nice class 30, whose title is long (its heading lists every kind of goods)."""
    return next(r for r in range(page.model.rowCount())
                if page.model.hit(r).kind == "class" and page.model.hit(r).subtitle == "30")


@pytest.mark.parametrize(("fixture", "text", "matched"), [("window", "蜂蜜", "匹配"), ("english_window", "rice", "Matched")])
def test_a_long_class_title_leaves_every_column_in_view(qtbot, request, fixture: str, text: str,  # type: ignore[no-untyped-def]
                                                          matched: str) -> None:
    """Class 30's 200-character title had the Name column so wide that Details, Date and Matched
    were off-screen at 1280×800; now the title is cut short (whole in its tooltip)."""
    window = request.getfixturevalue(fixture)
    window.resize(1280, 800)
    page = search_in_window(qtbot, window, text)
    wait_idle(qtbot, window.tasks)
    assert page.model.headerData(page.model.columnCount() - 1, Qt.Orientation.Horizontal) == matched
    row = _long_class_title_row(page)
    right, room = _matched_column_in_view(page)
    assert right <= room, (right, room)
    assert not page.table.horizontalScrollBar().isVisible()
    title = page.model.index(row, page.model.title_column())
    full = page.model.hit(row).title
    assert title.data(Qt.ItemDataRole.ToolTipRole) == full
    width = page.table.fontMetrics().horizontalAdvance(full)
    assert page.table.columnWidth(page.model.title_column()) < width  # cut short, not wide enough for it all
    # a narrower window: the columns give way again
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: _matched_column_in_view(page)[0] <= _matched_column_in_view(page)[1], timeout=3000)


def test_capped_widths_cut_the_widest_columns_first() -> None:
    from ipdesk.ui.search_page import capped_widths

    assert capped_widths([80, 300, 50], 1000) == [80, 300, 50]  # room enough: as they are
    assert capped_widths([85, 1566, 43, 43, 57], 1080) == [85, 852, 43, 43, 57]
    assert capped_widths([200, 900, 600], 1000) == [200, 400, 400]
    assert capped_widths([500, 500], 100, floor=90) == [90, 90]  # never below the floor


def test_a_highlighted_title_too_long_for_its_column_ends_in_an_ellipsis(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The highlight delegate paints the matched part bold; cut short it ends in "…" like any cell."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from ipdesk.ui import highlight

    page = search_in_window(qtbot, window, "蜂蜜")
    row = _long_class_title_row(page)
    index = page.model.index(row, page.model.title_column())
    assert index.data(SpansRole)  # highlighted: the delegate paints it
    drawn: list[str] = []

    class Recorder(QPainter):
        def drawText(self, *args) -> None:  # type: ignore[no-untyped-def, override]
            drawn.append(str(args[-1]))
            super().drawText(*args)

    image = QImage(300, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = Recorder(image)
    option = QStyleOptionViewItem()
    option.initFrom(page.table)
    option.rect = image.rect()
    option.widget = page.table
    page.delegate.paint(painter, option, index)
    painter.end()
    assert drawn[-1] == highlight.ELLIPSIS
    assert "".join(drawn[:-1]) and page.model.hit(row).title.startswith("".join(drawn[:-1]))


def _scroll_to_end(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    while page.model.canFetchMore():
        page.model.fetchMore()
    page.table.scrollToBottom()
    qtbot.wait(50)


def test_a_capped_result_keeps_its_plus_on_every_tab_and_says_so_at_the_end(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """QA 20b N3: 全部 (10,000+) but 专利 (9,999), and the list just ended at row 10,000."""
    import ipdesk.services.search as search_module

    monkeypatch.setattr(search_module, "COUNT_CAP", 150)  # 茶 finds 169 on the seed
    page = search_in_window(qtbot, window, "茶")
    result = page.last_result
    assert result.capped and result.total == 150
    for i, kind in enumerate(page._kind_keys):
        n = result.counts_by_kind.get(kind, 0)
        if kind and n:
            assert page.kind_tabs.tabText(i).endswith(f"({n:,}+)"), page.kind_tabs.tabText(i)
    assert page.kind_tabs.tabText(0) == "全部 (150+)"
    assert page.more_hint.isHidden()  # not at the end yet
    _scroll_to_end(qtbot, page)
    assert page.more_hint.isVisibleTo(page)
    assert page.more_hint.text().startswith("还有更多记录没有列出：这里只列出找到的前 150 条。")
    assert "年份、地区" in page.more_hint.text()
    page.table.scrollToTop()
    qtbot.wait(50)
    assert page.more_hint.isHidden()


def test_an_exact_result_has_no_plus_and_no_hint(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = search_in_window(qtbot, window, "茶")
    assert not page.last_result.capped
    assert all("+" not in page.kind_tabs.tabText(i) for i in range(page.kind_tabs.count()))
    _scroll_to_end(qtbot, page)
    assert page.more_hint.isHidden()


def test_the_end_of_a_capped_list_in_english(qtbot, english_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ipdesk.services.search as search_module

    monkeypatch.setattr(search_module, "COUNT_CAP", 150)
    page = search_in_window(qtbot, english_window, "茶")
    assert page.kind_tabs.tabText(0) == "All (150+)"
    _scroll_to_end(qtbot, page)
    assert page.more_hint.text().startswith("More records were found than are listed: only the first 150 are shown.")
