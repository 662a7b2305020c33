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
