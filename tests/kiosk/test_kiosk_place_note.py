"""The kiosk's "by place" list at 1024×768 in English: a GI whose area is recorded only roughly says so
in a line that fits (the desk's longer note was cut off, and the kiosk has no tooltips to show the rest)."""

from __future__ import annotations

XIHU = "330106000000"  # 浙江省 杭州市 西湖区: 龙井茶 is recorded by 杭州市 only roughly (the seed's GI list)


def test_the_rough_area_note_fits_on_its_own_line(qtbot, make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.resize(1024, 768)
    shell.set_language("en")
    screen = shell.by_place
    shell.open_tile("by_place")
    with qtbot.waitSignal(screen.sig_place_shown, timeout=10000):
        screen.show_place(XIHU)
    qtbot.wait(50)
    view = screen.gi_list
    fm = view.fontMetrics()
    room = view.viewport().width() - view.iconSize().width() - 2 * fm.horizontalAdvance("M")
    rows = [view.item(r) for r in range(view.count())]
    noted = [item for item in rows if "roughly" in item.text()]
    assert noted, [item.text() for item in rows]
    for item in noted:
        lines = item.text().split("\n")
        assert len(lines) == 3 and "ask the staff" in lines[2]
        assert all(fm.horizontalAdvance(line) <= room for line in lines), (lines, room)
        assert item.sizeHint().height() >= 3 * fm.lineSpacing()


FENGJIE_STREET = "500236001000"  # 重庆市 奉节县 夔门街道: 奉节脐橙's mark and AGI, both recorded roughly (the seed's lists)


def test_a_place_only_rough_areas_may_include_is_not_told_it_is_included(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """QA: the header said "2 个地理标志的保护范围包括这里" where both areas are only inferred from the name, and the
    printout's section heading said so too; the GI check says "may be inside: check first"."""
    from ipdesk.ui.kiosk.printing import Printouts

    shell = make_shell()
    screen = shell.by_place
    shell.open_tile("by_place")
    with qtbot.waitSignal(screen.sig_place_shown, timeout=10000):
        screen.show_place(FENGJIE_STREET)
    head = screen.place_label.text()
    assert "可能包括这里" in head and "保护范围包括这里" not in head, head
    assert screen.gis and all(g.area_rough for g in screen.gis if g.relation == "covers")
    sections = [title for title, _lines in Printouts().for_place(screen.place, screen.gis).sections]
    assert "保护范围包括这里" not in sections and "保护范围可能包括这里（粗略记录，请核实）" in sections


def test_a_gis_record_says_its_area_is_rough_and_shows_its_note(qapp, shared_services) -> None:  # type: ignore[no-untyped-def]
    """QA: the record screen (and its printout) showed 保护范围 奉节县 as plain fact and left out the note."""
    from ipdesk.domain.gi_eligibility import ROUGH_AREA_NOTE
    from ipdesk.ui.kiosk.printing import Printouts

    ids = [g.gi_id for g in shared_services.places.gis_for(FENGJIE_STREET) if g.kind == "gi_certification_mark"]
    detail = shared_services.records.gi(ids[0])
    assert detail.area_rough
    rows = dict(Printouts().for_gi(detail).rows)
    assert "粗略记录" in rows["保护范围"] and ROUGH_AREA_NOTE.zh in rows["备注"]
    exact = next(g.gi_id for g in shared_services.places.gis_for("230184100000") if g.kind == "gi_product")
    assert "粗略记录" not in dict(Printouts().for_gi(shared_services.records.gi(exact)).rows)["保护范围"]
