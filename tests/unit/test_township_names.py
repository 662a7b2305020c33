"""A township given by name (not everyone knows the 12-digit code): PlaceService.match_townships
on the real seed, and the CLI's --township/--origin that use it."""

from __future__ import annotations

import pytest

WUCHANG_LONGFENGSHAN = "230184111000"  # 黑龙江省 哈尔滨市 五常市 龙凤山镇 (the seed's division table)


@pytest.mark.parametrize("typed", ["龙凤山镇", "龙凤山", "五常市 龙凤山镇", "五常 龙凤山镇", "五常市龙凤山镇",
                                   "黑龙江省 五常市 龙凤山镇", "  龙凤山镇  ", WUCHANG_LONGFENGSHAN])
def test_one_township_by_its_name(shared_services, typed: str) -> None:  # type: ignore[no-untyped-def]
    found = shared_services.places.match_townships(typed)
    assert [p.code for p in found] == [WUCHANG_LONGFENGSHAN]
    assert found[0].path == "黑龙江省 哈尔滨市 五常市 龙凤山镇"


def test_a_shared_name_gives_every_township_and_a_place_above_narrows_it(shared_services) -> None:  # type: ignore[no-untyped-def]
    everywhere = shared_services.places.match_townships("城关镇")
    assert len(everywhere) > 20 and all(p.name == "城关镇" for p in everywhere)
    assert [p.code for p in everywhere] == sorted(p.code for p in everywhere)
    counties = {p.ancestors[-1].name for p in everywhere}
    county = sorted(counties)[0]
    narrowed = shared_services.places.match_townships(f"{county} 城关镇")
    assert narrowed and all(p.ancestors[-1].name == county for p in narrowed) and len(narrowed) < len(everywhere)


@pytest.mark.parametrize("typed", ["", "不存在的镇", "五常市", "黑龙江 城关镇x", "230184000000", "上海市 龙凤山镇"])
def test_no_township(shared_services, typed: str) -> None:  # type: ignore[no-untyped-def]
    assert shared_services.places.match_townships(typed) == []  # a county code or a wrong place above is no match
