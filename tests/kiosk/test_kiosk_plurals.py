"""English counts take Qt's plural forms: a place with one GI reads "1 GI", not "1 GIs"."""

from __future__ import annotations

WANGKUI = "231221000000"  # 黑龙江省 绥化市 望奎县: one GI's protected area (望奎大米) includes it
WUCHANG = "230184000000"  # 五常市: several
# 开鲁县: two GI products recorded exactly (开鲁红干椒, 科尔沁肥牛肉) and one GI roughly (the seed's lists)
KAILU = "150523000000"


def _show(qtbot, shell, code: str) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(shell.by_place.sig_place_shown, timeout=10000):
        shell.by_place.show_place(code)
    return str(shell.by_place.place_label.text())


def test_one_gi_is_singular_on_screen_and_on_the_printout(qtbot, make_shell, shared_services,  # type: ignore[no-untyped-def]
                                                         compiled_translations) -> None:
    from ipdesk.ui.kiosk.printing import Printouts

    gis = shared_services.places.gis_for(WANGKUI)
    assert [g.relation for g in gis] == ["covers"]  # the seed's data: exactly one
    place = shared_services.places.place(WANGKUI)
    shell = make_shell()
    assert "：1 个地理标志的保护范围包括这里" in _show(qtbot, shell, WANGKUI)
    assert dict(Printouts().for_place(place, gis).rows)["找到"] == "1 个地理标志"
    shell.set_language("en")
    one = _show(qtbot, shell, WANGKUI)
    assert one.endswith(": the protected area of 1 GI includes this place"), one
    assert dict(Printouts().for_place(place, gis).rows)["Found"] == "1 GI"
    several = shared_services.places.gis_for(KAILU)
    sure = sum(g.relation == "covers" and not g.area_rough for g in several)
    rough = sum(g.relation == "covers" and g.area_rough for g in several)
    assert sure > 1 and rough == 1
    many = _show(qtbot, shell, KAILU)
    assert f": the protected areas of {sure} GIs include this place; 1 more may include it (recorded roughly)" \
        in many, many
    assert dict(Printouts().for_place(shared_services.places.place(KAILU), several).rows)["Found"] == (
        f"{len(several)} GIs")


def test_the_place_printouts_gi_lines_take_the_languages_punctuation(qtbot, make_shell, shared_services,  # type: ignore[no-untyped-def]
                                                                     compiled_translations) -> None:
    """QA18b: the English printout kept Chinese full-width brackets and commas around the GI's kind."""
    from ipdesk.ui.kiosk.printing import Printouts

    place, gis = shared_services.places.place(WUCHANG), shared_services.places.gis_for(WUCHANG)
    shell = make_shell()
    _show(qtbot, shell, WUCHANG)
    chinese = [line for _title, lines in Printouts().for_place(place, gis).sections for line in lines]
    assert any("（" in line and "）" in line for line in chinese)
    shell.set_language("en")
    _show(qtbot, shell, WUCHANG)
    english = [line for _title, lines in Printouts().for_place(place, gis).sections for line in lines]
    assert english and not any(ch in line for line in english for ch in "（），")
    assert any(" (" in line and ")" in line for line in english), english[:3]
