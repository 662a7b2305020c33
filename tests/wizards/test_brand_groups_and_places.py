"""Brand check: similar groups refused unless the class's own, the goods' generic name named as such, and
place names read as words (one reason per word, overlapping forms as one word, everyday words softer)."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain import rules
from ipdesk.domain.brand_check import BrandFacts, PlaceName, decide, group_problems, place_words
from ipdesk.domain.brand_words import joined_generic_names
from ipdesk.domain.codes import LEVEL_COUNTY, LEVEL_PROVINCE
from ipdesk.services.errors import UserInputError

# --- similar groups (QA #4) ------------------------------------------------------------------------

CLASS_30 = [f"30{n:02d}" for n in range(1, 20)]


@pytest.mark.parametrize(("typed", "why_zh", "why_en"), [
    ("9999", "第30类没有类似群9999", "Class 30 has no group 9999"),
    ("3020", "第30类没有类似群3020", "Class 30 has no group 3020"),
    ("2901", "类似群2901属于第29类，不是第30类", "Group 2901 belongs to class 29, not class 30"),
    ("abc", "类似群“abc”不对", "\"abc\" is not a similar group"),
    ("30080", "类似群“30080”不对", "\"30080\" is not a similar group"),
])
def test_a_group_outside_the_class_is_refused_naming_the_groups(typed: str, why_zh: str, why_en: str) -> None:
    problems = group_problems(30, ["3008", typed], CLASS_30)
    assert len(problems) == 1
    assert problems[0].zh.startswith(why_zh) and "第30类的类似群是：3001–3019" in problems[0].zh
    assert problems[0].en.startswith(why_en) and "The groups of class 30 are 3001–3019" in problems[0].en


def test_the_class_groups_and_a_class_without_a_table() -> None:
    assert group_problems(30, ["3008", "３００２", " 3019 "], CLASS_30) == []  # full width and spaces as typed
    assert "3001、3003" in group_problems(30, ["9"], ["3001", "3003"])[0].zh
    unknown = group_problems(1, ["0101"], [])
    assert "本机没有第1类的类似群表" in unknown[0].zh and "Give no group" in unknown[0].en


def test_a_mistyped_group_never_plays_down_an_identical_mark(synthetic_services: Any) -> None:
    """测试甲 is registered in class 30, group 3008 (conftest): a typo must not compare it as other goods."""
    wizards = synthetic_services.wizards
    for typed in ("9999", "2901", "abc"):
        with pytest.raises(UserInputError) as refused:
            wizards.brand_check({"name": "测试甲", "nice_class": 30, "groups": (typed,)})
        assert "3001–3019" in refused.value.zh and "3001–3019" in refused.value.en
    right = wizards.brand_check({"name": "测试甲", "nice_class": 30, "groups": ("３００８",)})
    assert right.code == "same_mark_refused" and right.findings[0].title == "测试甲"
    # the headline says what the body does: the same text in the same group is refused (QA qa11 #7)
    assert right.level == "stop" and right.headline.zh == "“测试甲”很可能被驳回：已有相同的在先商标"
    assert "very likely be refused" in right.headline.en and "会驳回" in right.explanation.zh
    assert "类似群 3008" in right.answers[1].value.zh  # the answer as the table writes it


# --- the goods' generic name (QA #10) ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "word"), [
    ("金丰收大米", "“大米”"), ("Golden Harvest Rice", "“Rice”（大米）"), ("GOLDENRICE", "“RICE”（大米）"),
    ("GOLDENHARVESTRICE", "“RICE”（大米）"), ("jinfengshoudami", "“dami”（大米）"),
])
@pytest.mark.parametrize("in_class", [0, 5000])
def test_the_goods_generic_name_is_said_not_denied(name: str, word: str, in_class: int) -> None:
    outcome = decide({"name": name, "nice_class": 30}, BrandFacts(marks_in_class=in_class))
    assert outcome.code == ("likely_fine" if in_class else "marks_not_checked")
    assert "描述性或误导性词语" not in outcome.explanation.zh
    assert f"{word}是商品的通用名称" in outcome.explanation.zh
    assert "generic name" in outcome.explanation.en and "descriptive or misleading" not in outcome.explanation.en
    assert any(f"{word}是商品的通用名称，任何人都不能独占" in n.zh for n in outcome.notes)


def test_a_coined_word_ending_in_a_few_letters_of_rice_is_not_rice() -> None:
    for name in ("Sunrice", "Avarice", "Priceless", "RICE2", "Teatro", "Harvesttea"):
        assert joined_generic_names(name, 30) == [], name
    # a three-letter name ends too many words: only after plain words or pinyin
    assert joined_generic_names("BIRMINGHAM", 29) == [] and joined_generic_names("Nottingham", 29) == []
    assert [w.typed for w in joined_generic_names("Goldenrice Freshtea", 30)] == ["rice", "tea"]
    assert [w.typed for w in joined_generic_names("jinfengshoutea", 30)] == ["tea"]
    clean = decide({"name": "测试甲", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    assert clean.explanation.zh.startswith("没有发现地名、地理标志、描述性或误导性词语")


# --- place names as words (QA #11) ------------------------------------------------------------------

def _reds(outcome: Any) -> list[Any]:
    return [f for f in outcome.findings if f.group == "red"]


@pytest.mark.parametrize("name", ["龙凤山", "拉林"])
def test_a_township_name_is_no_place_name_problem(shared_services: Any, name: str) -> None:
    """QA qa11 #6: 龙凤山 (holding the county names 龙凤 and 凤山) was "may be refused: the place name has
    another meaning" while its reason said it is a township's name; 拉林, another township, looked fine.
    Both are township names: the same verdict, and a note saying why the place-name rule does not apply."""
    outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
    assert outcome.code == "marks_not_checked", outcome.headline.zh  # the seed has no trademarks of class 30
    assert "地名另有含义" not in outcome.headline.zh
    assert not [f for f in outcome.findings if f.kind == "place"]
    assert rules.TM_ART10_PLACE not in outcome.rules
    assert outcome.explanation.zh.startswith("没有发现县级以上地名")
    (town,) = [n for n in outcome.notes if "乡镇名称" in n.zh]
    assert f"“{name}”是乡镇名称（黑龙江省 哈尔滨市 五常市 {name}镇）" in town.zh and "不适用" in town.zh
    assert "below county level" in town.en and "does not apply" in town.en
    assert ("不是两个地名" in town.zh) == (name == "龙凤山")
    with_marks = decide({"name": name, "nice_class": 30},
                        BrandFacts(marks_in_class=5000, towns=(PlaceName(name, "230184111000", f"{name}镇", 4),)))
    assert with_marks.code == "likely_fine"


def test_overlapping_county_names_are_one_reason_and_still_refused(shared_services: Any) -> None:
    outcome = shared_services.wizards.brand_check({"name": "五常山", "nice_class": 30})  # 五常 and 常山 overlap
    assert outcome.code == "very_likely_refused"
    reasons = {f.reasons[0].zh for f in _reds(outcome)}
    assert len(reasons) == 1 and "“五常”" in next(iter(reasons)) and "或“常山”" in next(iter(reasons))


def test_one_place_word_is_one_reason_listing_its_places(shared_services: Any) -> None:
    outcome = shared_services.wizards.brand_check({"name": "和平", "nice_class": 30})
    places = [f for f in outcome.findings if f.kind == "place"]
    assert sorted(f.title for f in places) == ["和平区", "和平区", "和平县"]
    assert outcome.explanation.zh.count("含有县级以上行政区划名称") == 1
    assert all(s in outcome.explanation.zh for s in ("天津市 和平区", "沈阳市 和平区", "河源市 和平县"))
    assert outcome.explanation.en.lower().count("contains") == 1 and "divisions at county level or above" in outcome.explanation.en


@pytest.mark.parametrize("name", ["和平", "凤凰", "太平", "青山", "东方红", "凤凰大米"])
def test_a_place_name_with_an_everyday_meaning_may_be_refused(shared_services: Any, name: str) -> None:
    outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
    assert outcome.code == "place_may_be_refused" and outcome.level == "caution", outcome.headline.zh
    assert outcome.headline.zh == f"“{name}”可能被驳回：含有的地名另有含义，请核对"
    assert outcome.headline.en.startswith(f"\"{name}\" may be refused")
    assert "另有其他含义" in outcome.explanation.zh and "also means" in outcome.explanation.en
    assert not _reds(outcome)  # 凤凰大米: 凤凰 is a word, so the name is not "only descriptive" either


@pytest.mark.parametrize("name", ["五常", "杭州", "凤凰县", "和平区大米", "五常凤凰"])
def test_a_real_county_name_is_still_likely_refused(shared_services: Any, name: str) -> None:
    outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
    assert outcome.code == "very_likely_refused", outcome.headline.zh
    assert any(f.kind == "place" for f in _reds(outcome))


def test_every_word_with_another_meaning_is_only_a_county_short_name(shared_services: Any) -> None:
    """The softer level is only for county-level short forms: never a province's or a city's name."""
    index = shared_services.wizards.place_index()
    for word in rules.PLACE_WORD_MEANINGS:
        places = index.get(word, [])
        assert places, word
        assert all(p.form != p.name for p in places), word
        # a famous mountain may also name its city (黄山市), never a province
        assert all(p.level == LEVEL_COUNTY or (word in rules.FAMOUS_MOUNTAINS and p.level > LEVEL_PROVINCE) for p in places), word


def test_place_words_on_plain_facts() -> None:
    def county(form: str, code: str, name: str) -> PlaceName:
        return PlaceName(form, code, name, LEVEL_COUNTY)

    a, b = county("龙凤", "230603000000", "龙凤区"), county("凤山", "451223000000", "凤山县")
    town = PlaceName("龙凤山", "230184111000", "龙凤山镇", 4)
    words = place_words("龙凤山", [a, b], [town])
    assert [(w.text, w.forms, w.towns, w.soft) for w in words] == [("龙凤山", ("龙凤", "凤山"), (town,), True)]
    assert not place_words("龙凤山", [a, b])[0].soft  # no township of that name: two county names, one at most
    # a form inside a longer one is part of it; the same word twice is one word
    inner, outer = county("青山", "150204000000", "青山区"), county("青山湖", "360111000000", "青山湖区")
    assert [w.text for w in place_words("青山湖青山湖", [inner, outer])] == ["青山湖"]


@pytest.mark.parametrize(("name", "where"), [("泰山", "泰安市 泰山区"), ("黄山", "安徽省 黄山市")])
def test_a_famous_mountain_that_names_a_district_may_be_refused_not_very_likely(shared_services: Any, name: str,
                                                                                  where: str) -> None:
    """QA qa16 m7: 泰山 and 黄山 were "很可能被驳回" while 凤凰 and 长寿 are softened: the mountain is the better
    known meaning, so the examiner decides; the reason says the mountain's name may still read as the origin."""
    outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
    assert outcome.code == "place_may_be_refused" and outcome.level == "caution", outcome.headline.zh
    assert not _reds(outcome)
    reason = next(f for f in outcome.findings if f.kind == "place").reasons[0]
    assert where in reason.zh and "另有其他含义" in reason.zh and "山名也可能被看作产地" in reason.zh
    assert "may still be read as the goods' origin" in reason.en
    # with a county-level name beside it, the mountain does not soften that one
    assert shared_services.wizards.brand_check({"name": f"五常{name}", "nice_class": 30}).code == "very_likely_refused"


def test_a_name_that_is_a_county_level_place_gets_no_township_note_saying_the_rule_does_not_apply(
        shared_services: Any) -> None:
    """泰山 is 泰山区 and also 泰山街道: the note "the county-level rule does not apply to it" contradicted
    the county-level finding above it. A township-only name (拉林) keeps its note."""
    outcome = shared_services.wizards.brand_check({"name": "泰山", "nice_class": 30})
    assert not [n for n in outcome.notes if "不适用于它" in n.zh]
    lalin = shared_services.wizards.brand_check({"name": "拉林", "nice_class": 30})
    assert [n for n in lalin.notes if "乡镇名称" in n.zh and "不适用于它" in n.zh]
