"""QA qa11 #8: input with no letters or characters (🌾🌾, １２３, 😀) got a confident answer ("looks fine",
"no GI covers your product", "no patents found"); now each wizard refuses it, in both languages, at the
step (window) and in the service (CLI, reports, kiosk)."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain.brand_check import BRAND_FLOW, name_problems
from ipdesk.domain.gi_eligibility import GI_FLOW
from ipdesk.domain.input_words import has_letters
from ipdesk.domain.patent_finder import PATENT_FLOW
from ipdesk.services.errors import UserInputError


@pytest.mark.parametrize("name", ["🌾🌾", "？！", "🌾 🍚", "★"])
def test_a_brand_name_without_letters_is_refused(shared_services: Any, name: str) -> None:
    (problem,) = name_problems(name)
    assert "没有汉字或字母" in problem.zh and "no Chinese characters or letters" in problem.en
    assert BRAND_FLOW.problems("name", {"name": name}) == [problem]
    with pytest.raises(UserInputError) as refused:
        shared_services.wizards.brand_check({"name": name, "nice_class": 30})
    assert refused.value.zh == problem.zh and refused.value.en == problem.en


@pytest.mark.parametrize("name", ["123", "１２３", "12 34", "8-8"])
def test_a_brand_name_of_digits_only_is_refused_as_such(shared_services: Any, name: str) -> None:
    (problem,) = name_problems(name)
    assert "只有数字" in problem.zh and "缺乏显著特征" in problem.zh and "only digits" in problem.en
    with pytest.raises(UserInputError):
        shared_services.wizards.brand_check({"name": name, "nice_class": 30})


@pytest.mark.parametrize("name", ["金丰收888", "A1", "한빛", "Café", "三九"])
def test_names_with_letters_or_characters_are_checked(name: str) -> None:
    assert has_letters(name) and name_problems(name) == []


@pytest.mark.parametrize("product", ["🌾", "123", "——"])
def test_a_gi_product_without_letters_is_refused(shared_services: Any, product: str) -> None:
    (problem,) = GI_FLOW.problems("product", {"product": product})
    assert "产品名称里没有汉字或字母" in problem.zh and "has no Chinese characters or letters" in problem.en
    with pytest.raises(UserInputError) as refused:
        shared_services.wizards.gi_check({"product": product, "township_code": "230184111000"})
    assert refused.value.zh == problem.zh
    assert GI_FLOW.problems("product", {"product": "大米"}) == []


@pytest.mark.parametrize("crop", ["😀", "123", "🌾🌾"])
def test_a_patent_crop_without_letters_is_refused(shared_services: Any, crop: str) -> None:
    (problem,) = PATENT_FLOW.problems("crop", {"crop": crop})
    assert "作物名称里没有汉字或字母" in problem.zh and "has no Chinese characters or letters" in problem.en
    with pytest.raises(UserInputError) as refused:
        shared_services.wizards.patent_finder({"crop": crop})
    assert refused.value.en == problem.en
    assert PATENT_FLOW.problems("crop", {"crop": "水稻"}) == []
