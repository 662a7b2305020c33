"""Brand check: similar groups refused unless the class's own, the goods' generic name named as such, and
place names read as words (one reason per word, overlapping forms as one word, everyday words softer)."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain.brand_check import group_problems
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
