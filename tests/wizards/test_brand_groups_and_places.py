"""Brand check: similar groups refused unless the class's own, the goods' generic name named as such, and
place names read as words (one reason per word, overlapping forms as one word, everyday words softer)."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain.brand_check import BrandFacts, decide, group_problems
from ipdesk.domain.brand_words import joined_generic_names
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
    assert right.code == "risky" and right.findings[0].title == "测试甲"
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
    for name in ("Sunrice", "Avarice", "Priceless", "RICE2", "Teatro"):
        assert joined_generic_names(name, 30) == [], name
    assert [w.typed for w in joined_generic_names("Goldenrice Harvesttea", 30)] == ["rice", "tea"]
    clean = decide({"name": "测试甲", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    assert clean.explanation.zh.startswith("没有发现地名、地理标志、描述性或误导性词语")
