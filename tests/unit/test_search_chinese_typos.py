"""Search QA round 18a N7 and N11: Chinese near matches (a wrong, missing or homophone character, a generic
product word), and the product itself before what is made of it among GIs by name. On the real seed."""

from __future__ import annotations

import re

import pytest

from ipdesk.domain.text import fold
from ipdesk.services.search import SearchFilters


def hits(svc, query: str, n: int = 20, **filters):  # type: ignore[no-untyped-def]
    return svc.search.search(query, SearchFilters(**filters), limit=n).hits


# --- N7: one character wrong or missing -------------------------------------------------------------------

@pytest.mark.parametrize(("query", "name"), [
    # one wrong character that does not sound alike (before: 0 results, or 金山卫镇 for 君山未针)
    ("五常未米", "五常大米"), ("平谷未桃", "平谷大桃"), ("兴隆未啡", "兴隆咖啡"), ("君山未针", "君山银针"),
    ("庆元未菇", "庆元香菇"), ("龙未柚", "龙安柚"),
    # one character missing (before: 0 results, or 无梁殿镇, 无量寺乡 for 五粮酒, 木尔乡 for 库尔香梨)
    ("沁州小米", "沁州黄小米"), ("阿克苹果", "阿克苏苹果"), ("琼中橙", "琼中绿橙"), ("螺髻黑猪", "螺髻山黑猪"),
    ("五粮酒", "五粮液酒"), ("库尔香梨", "库尔勒香梨"),
    # a character read alike (these worked through the pinyin of the query, and still do)
    ("五长大米", "五常大米"), ("吴常大米", "五常大米"), ("五常大未", "五常大米"),
])
def test_one_wrong_or_missing_character_finds_the_gi_as_a_near_match(shared_services, query: str,
                                                                     name: str) -> None:  # type: ignore[no-untyped-def]
    found = hits(shared_services, query)
    assert found and found[0].title == name and found[0].matched == "fuzzy", [(h.title, h.matched) for h in found]
    assert all(h.kind == "gi" and h.matched == "fuzzy" for h in found), [h.title for h in found]


@pytest.mark.parametrize(("query", "gi", "place"), [("萧县埔萄", "萧县葡萄", "萧县"), ("临县开洋大枣", "临县开阳大枣", "临县")])
def test_a_homophone_next_to_a_place_finds_the_gi_before_the_place(shared_services, query: str, gi: str,
                                                                   place: str) -> None:  # type: ignore[no-untyped-def]
    """Before: only the place (the name inside the query), and the near spellings never ran."""
    found = [(h.title, h.matched) for h in hits(shared_services, query)]
    assert found == [(gi, "fuzzy"), (place, "in_query")]


def test_another_places_gi_comes_after_the_place_named(shared_services) -> None:  # type: ignore[no-untyped-def]
    """萧县苹果: no such GI; 吉县苹果 is one character away, but another place's: the place typed comes first."""
    found = [(h.title, h.matched) for h in hits(shared_services, "萧县苹果")]
    assert found[0] == ("萧县", "in_query") and ("吉县苹果", "fuzzy") in found


def test_a_place_is_near_only_by_its_name_not_its_ending(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Before: 龙风山镇 listed 龙凤山镇 and 松峰山镇, 青峰山镇, 龙门山镇 (near in pinyin letters)."""
    assert [(h.title, h.matched) for h in hits(shared_services, "龙风山镇")] == [("龙凤山镇", "fuzzy")]
    assert [h.title for h in hits(shared_services, "龙风山")] == ["龙凤山镇"]


# --- N7: correct generic words ------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "ending"), [("有机大米", "大米"), ("东北大米", "大米"), ("富硒大米", "大米"),
                                               ("乌龙茶", "茶")])
def test_a_generic_product_lists_the_gis_of_its_product_word_not_places(shared_services, query: str,
                                                                       ending: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 有机大米 → 友谊大街街道, 乌龙茶 → 卧龙朝鲜族乡, 五龙山瑶族乡 …, 东北大米 → nothing."""
    found = hits(shared_services, query, n=200)
    assert found and all(h.kind == "gi" and h.matched == "fuzzy" for h in found), [h.title for h in found][:5]
    # a name with brackets ends with it before them or without them: 羊楼洞砖茶（洞茶）, 凤凰单丛（枞）茶
    named = {h.ref_id for h in hits(shared_services, ending, n=500, kinds=("gi",))
             if any(form.endswith(ending) for form in (fold(h.title).split("(")[0], re.sub(r"\W", "", h.title)))}
    assert {h.ref_id for h in found} == named


def test_near_matches_keep_the_filters(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert hits(shared_services, "五常未米", kinds=("place",)) == []
    assert hits(shared_services, "五常未米", region="33") == []  # 五常大米 lies in Heilongjiang
    heilongjiang = hits(shared_services, "有机大米", n=100, region="23")
    titles = [h.title for h in heilongjiang]
    assert "五常大米" in titles and "盘锦大米" not in titles and all(h.matched == "fuzzy" for h in heilongjiang)


def test_words_found_as_typed_get_no_near_matches(shared_services) -> None:  # type: ignore[no-untyped-def]
    for query in ("五常大米", "大米", "葡萄", "西湖龙井茶", "我想查五常大米", "我在五常市种大米"):
        assert all(h.matched != "fuzzy" for h in hits(shared_services, query, n=100)), query
    assert hits(shared_services, "怎么申请地理标志") == []


@pytest.mark.parametrize("query", ["五常未米", "萧县埔萄", "有机大米", "乌龙茶", "沁州小米"])
def test_near_matches_do_not_depend_on_the_page_size(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    results = [shared_services.search.search(query, limit=n) for n in (3, 20, 100, 500)]
    assert len({r.total for r in results}) == 1 and len({tuple(r.doc_ids) for r in results}) == 1


def test_the_gi_picker_and_the_search_agree(shared_services) -> None:  # type: ignore[no-untyped-def]
    """The GI wizard's picker reads the search's near matches: 螺髻黑猪 offered 桃源黑猪 first (by its
    two-character parts), where the search now finds 螺髻山黑猪."""
    for product in ("螺髻黑猪", "五常未米", "萧县埔萄"):
        picked = [g.name for g in shared_services.wizards.suggest_gis(product)]
        assert picked and picked[0] == hits(shared_services, product)[0].title, (product, picked)


# --- N11: the product before what is made of it ------------------------------------------------------

def test_grape_gis_come_before_wine_gis(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Before: 葡萄 listed 盐井葡萄酒 and 沙城葡萄酒 before 萧县葡萄."""
    names = [h.title for h in hits(shared_services, "葡萄", n=100, kinds=("gi",))]
    ending = [n.endswith("葡萄") for n in names]
    assert ending[:5] == [True] * 5 and ending == sorted(ending, reverse=True), names
    assert names.index("萧县葡萄") < names.index("盐井葡萄酒")
