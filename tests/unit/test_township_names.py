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


@pytest.mark.parametrize("typed", ["", "不存在的镇", "黑龙江 城关镇x", "上海市 龙凤山镇", "110000000000", "abc", "lfs"])
def test_no_township(shared_services, typed: str) -> None:  # type: ignore[no-untyped-def]
    # a wrong place above, a province's code, letters that are only initials: no match (none guessed)
    assert shared_services.places.match_townships(typed) == []


@pytest.mark.parametrize("typed", ["longfengshan", "Longfengshan Town", "五常市，龙凤山镇", "五常市、龙凤山镇",
                                   "五常市/龙凤山镇", "２３０１８４１１１０００", "２３０１８４１１１", "五常市　龙凤山镇"])
def test_pinyin_english_full_width_and_separators_read_as_the_window_reads_them(  # type: ignore[no-untyped-def]
        shared_services, typed: str) -> None:
    """One reading for the CLI and the window (it had found these by the search index, the CLI not)."""
    assert [p.code for p in shared_services.places.match_townships(typed)] == [WUCHANG_LONGFENGSHAN]
    towns, county, suggested = shared_services.wizards.township_matches(typed)
    assert [t.code for t in towns] == [WUCHANG_LONGFENGSHAN] and county == "" and not suggested


@pytest.mark.parametrize("typed", ["五常市", "五常市 ", "230184000000", "230184", "２３０１８４"])
def test_a_county_gives_all_its_townships_and_names_itself(shared_services, typed: str) -> None:  # type: ignore[no-untyped-def]
    read = shared_services.places.read_townships(typed)
    assert read.county is not None and read.county.name == "五常市"
    names = {p.name for p in read.towns}
    assert len(read.towns) == 24 and {"龙凤山镇", "营城子满族乡", "长山乡", "兴隆乡", "二河乡"} <= names
    assert all(p.ancestors[-1].name == "五常市" for p in read.towns)


def test_every_township_of_a_shared_name_for_the_window(shared_services) -> None:  # type: ignore[no-untyped-def]
    """The window's list is not cut at 20 (城关镇: 82 in the seed's division table)."""
    towns, county, _ = shared_services.wizards.township_matches("城关镇")
    assert county == "" and len(towns) == len(shared_services.places.match_townships("城关镇")) > 20
    assert shared_services.wizards.township("２３０１８４１１１０００").name == "龙凤山镇"


# QA18a N9: forms the main search finds, read as the township itself
@pytest.mark.parametrize("typed", ["龍鳳山鎮", "五常市 龍鳳山鎮", "lóngfèngshān", "LÓNGFÈNGSHĀN Town", "哈尔滨市五常市龙凤山镇",
                                   "黑龙江省哈尔滨市五常市龙凤山镇", "黑龙江省 哈尔滨市五常市 龙凤山镇",
                                   "黑龙江省 哈尔滨市 五常市 龙凤山镇（230184111000）", "龙凤山镇 230184111000",
                                   "230184111000 龙凤山镇", "五常市龙凤山镇（２３０１８４１１１０００）", "【龙凤山镇】"])
def test_traditional_tones_places_run_together_and_the_printed_label_are_the_township(  # type: ignore[no-untyped-def]
        shared_services, typed: str) -> None:
    read = shared_services.places.read_townships(typed)
    assert [p.code for p in read.towns] == [WUCHANG_LONGFENGSHAN] and not read.suggested
    choices = shared_services.wizards.township_matches(typed)
    assert [t.code for t in choices.towns] == [WUCHANG_LONGFENGSHAN] and not choices.suggested


def test_a_county_label_with_its_code_is_the_county(shared_services) -> None:  # type: ignore[no-untyped-def]
    read = shared_services.places.read_townships("黑龙江省 哈尔滨市 五常市（230184000000）")
    assert read.county is not None and read.county.name == "五常市" and len(read.towns) == 24


@pytest.mark.parametrize("typed", ["龙凤山乡", "龙凤山街道", "龙风山", "龙风山镇", "五常市 龙风山", "五常市龙凤山乡",
                                   "龍風山鄉"])
def test_another_ending_or_a_homophone_typo_is_only_suggested(shared_services, typed: str) -> None:  # type: ignore[no-untyped-def]
    """A 乡 renamed a 镇, the input method's homophone: offered for the person to confirm, never taken."""
    read = shared_services.places.read_townships(typed)
    assert WUCHANG_LONGFENGSHAN in [p.code for p in read.towns] and read.suggested
    choices = shared_services.wizards.township_matches(typed)
    assert WUCHANG_LONGFENGSHAN in [t.code for t in choices.towns] and choices.suggested


def test_a_one_character_typo_suggests_the_townships_one_character_apart(shared_services) -> None:  # type: ignore[no-untyped-def]
    read = shared_services.places.read_townships("龙凤出镇")
    assert read.suggested and WUCHANG_LONGFENGSHAN in [p.code for p in read.towns]
    assert all(len(p.name) == len("龙凤山镇") for p in read.towns)


@pytest.mark.parametrize("typed", ["上海市 龙凤山乡", "上海市 龙风山"])
def test_a_place_above_narrows_the_suggestions_too(shared_services, typed: str) -> None:  # type: ignore[no-untyped-def]
    assert shared_services.places.read_townships(typed).towns == []


def test_a_code_the_name_beside_it_does_not_name_is_only_suggested(shared_services) -> None:  # type: ignore[no-untyped-def]
    read = shared_services.places.read_townships("龙凤山镇 230184100000")  # the code of 五常镇
    assert read.suggested and {p.code for p in read.towns} == {WUCHANG_LONGFENGSHAN, "230184100000"}


def test_a_name_written_in_traditional_is_tried_as_typed_first(shared_services) -> None:  # type: ignore[no-untyped-def]
    """OpenCC reads 乾 as traditional (乾县 → 干县): a simplified name is looked up as typed before."""
    read = shared_services.places.read_townships("乾县")
    assert read.county is not None and read.county.name == "乾县" and not read.suggested


def test_the_command_line_asks_before_it_takes_a_suggestion(shared_services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.commands.context import CliContext, township_arg
    from ipdesk.services.errors import UserInputError

    ctx = CliContext(tmp_path, "zh_CN", _services=shared_services)
    label = "黑龙江省 哈尔滨市 五常市 龙凤山镇（230184111000）"
    assert township_arg(ctx, label) == township_arg(ctx, "龍鳳山鎮") == WUCHANG_LONGFENGSHAN
    for typed in ("龙凤山乡", "龙风山"):
        with pytest.raises(UserInputError) as err:
            township_arg(ctx, typed)
        assert f"没有叫“{typed}”的乡镇。您是不是要找" in err.value.zh and WUCHANG_LONGFENGSHAN in err.value.zh
        assert "Did you mean" in err.value.en and f"--township {WUCHANG_LONGFENGSHAN}" in err.value.en
