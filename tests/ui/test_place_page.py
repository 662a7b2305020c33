"""By place: a real township's GIs (through its county), cascading pickers, type-to-find,
neighbours, and records located there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import SYNTHETIC_MARK, _window, type_text, wait_idle


def _items(lst) -> list[str]:  # type: ignore[no-untyped-def]
    return [lst.item(i).text() for i in range(lst.count())]


def _show(qtbot, page, code: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.sig_place_shown, timeout=10000):
        page.show_place(code)
    qtbot.waitUntil(lambda: not page.picker.is_loading(), timeout=10000)


def test_township_shows_gis_of_its_county_and_its_neighbours(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("place")
    _show(qtbot, page, "230184100000")  # 五常镇, 五常市
    gis = _items(page.gi_list)
    assert len([g for g in gis if g.startswith("五常大米")]) == 2
    assert all("五常市" in g for g in gis)
    assert "五常镇" in page.place_label.text() and "黑龙江省" in page.place_label.text()
    neighbours = _items(page.neighbour_list)
    assert "拉林镇" in neighbours and "五常镇" not in neighbours
    # the cascade shows the township's line
    assert [c.currentText() for c in page.picker.combos] == ["黑龙江省", "哈尔滨市", "五常市", "五常镇"]


def test_cascading_pickers_choose_a_township(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("place")
    combos = page.picker.combos
    qtbot.waitUntil(lambda: combos[0].count() > 30, timeout=10000)
    for level, code in enumerate(("330000000000", "330100000000", "330106000000")):  # 浙江 杭州 西湖区
        combos[level].setCurrentIndex(combos[level].findData(code))
        qtbot.waitUntil(lambda lv=level: combos[lv + 1].count() > 1, timeout=10000)
    with qtbot.waitSignal(page.sig_place_shown, timeout=10000):
        combos[3].setCurrentIndex(1)  # the first township of 西湖区
    wait_idle(qtbot, window.tasks)
    assert page.current.info.level == 4 and page.current.info.code.startswith("330106")
    assert any(g.startswith("西湖龙井") for g in _items(page.gi_list))


def test_typing_pinyin_finds_the_place(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("place")
    type_text(qtbot, page.find_box, "wuchang")
    qtbot.waitUntil(lambda: page.matches.isVisible() and page.matches.count() > 0, timeout=10000)
    wait_idle(qtbot, window.tasks)
    texts = _items(page.matches)
    assert any(t.startswith("五常市") for t in texts)
    row = next(i for i, t in enumerate(texts) if t.startswith("五常镇"))
    page.matches.setFocus()
    page.matches.setCurrentRow(row)
    with qtbot.waitSignal(page.sig_place_shown, timeout=10000):
        qtbot.keyClick(page.matches, Qt.Key.Key_Return)
    assert page.current.info.code == "230184100000"


def test_chinese_name_and_enter_picks_the_first_match(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("place")
    type_text(qtbot, page.find_box, "五常镇")
    qtbot.waitUntil(lambda: page.matches.count() > 0 and page.matches.isVisible(), timeout=10000)
    wait_idle(qtbot, window.tasks)
    with qtbot.waitSignal(page.sig_place_shown, timeout=10000):
        qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    assert page.current.info.name == "五常镇"


def test_records_located_in_the_township_and_opening_a_gi(qtbot, services, tasks, synthetic_records) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, tasks, "zh_CN")
    page = window.show_page("place")
    _show(qtbot, page, "230184100000")
    records = _items(page.record_list)
    assert any(SYNTHETIC_MARK in r for r in records)
    page.gi_list.setFocus()
    page.gi_list.setCurrentRow(0)
    qtbot.keyClick(page.gi_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail_page.view is not None, timeout=10000)
    assert window.detail_page.view.kind == "gi" and window.detail_page.view.heading.text() == "五常大米"


def test_a_record_coded_to_another_place_of_the_same_name_is_not_listed(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    """杭州 余杭区 五常街道 shares 五常 with 黑龙江 五常镇: a patent coded there is not 五常镇's; one
    that only names 五常 in its text (no address code) is listed as such."""
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        s.add_all([
            Patent(pub_no="TEST0000000002A", title="一种测试用五常采摘器（合成）", applicants="测试公司丙",
                   region_code="330110005000", dataset="test"),
            Patent(pub_no="TEST0000000003A", title="一种测试用五常育秧方法（合成）", applicants="测试公司丁",
                   region_code="", dataset="test"),
        ])
    window = _window(qtbot, services, tasks, "zh_CN")
    page = window.show_page("place")
    _show(qtbot, page, "230184100000")
    records = _items(page.record_list)
    assert not any("采摘器" in r for r in records)
    assert any("育秧方法" in r and "文中提到此地" in r for r in records)


def test_county_lists_gis_inside_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("place")
    _show(qtbot, page, "230100000000")  # 哈尔滨市: its counties' GIs lie inside it
    gis = _items(page.gi_list)
    assert any(g.startswith("五常大米") for g in gis) and any(g.startswith("通河大米") for g in gis)


def test_a_gi_whose_area_is_recorded_roughly_only_may_cover_the_place(qtbot, window, shared_services) -> None:  # type: ignore[no-untyped-def]
    """吉林长白山人参's area is recorded by prefecture (its note says so): a street of 吉林市 is not
    told flatly that it is covered; the GI product 五常大米 (recorded by county, exactly) has no such mark,
    the certification mark of its name (its area inferred from the name by the seed's list) has."""
    rough = {g.name: g.area_rough for g in shared_services.places.gis_for("220202001000")}
    assert rough.get("吉林长白山人参") is True
    wuchang = {g.kind: g.area_rough for g in shared_services.places.gis_for("230184100000") if g.name == "五常大米"}
    assert wuchang == {"gi_product": False, "gi_certification_mark": True}
    page = window.show_page("place")
    _show(qtbot, page, "220202001000")
    line = next(g for g in _items(page.gi_list) if g.startswith("吉林长白山人参"))
    assert "粗略记录" in line and "核实" in line
    _show(qtbot, page, "230184100000")
    lines = [g for g in _items(page.gi_list) if g.startswith("五常大米")]
    assert len(lines) == 2 and sum("粗略记录" in g for g in lines) == 1
