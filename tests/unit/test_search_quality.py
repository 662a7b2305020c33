"""Search quality on the real seed (walk-through of 2026-11-27): classes named by number, a place and
a product, what a GI hit matched and how GIs by name are ranked, English words."""

from __future__ import annotations

import pytest

from ipdesk.domain.codes import classification_query, division_prefix
from ipdesk.domain.i18n import MATCH_NAMES
from ipdesk.domain.text import fold
from ipdesk.services.models import GeoIndication
from ipdesk.services.search import TIER_FIELDS, SearchFilters, _syllables_match


def hits(svc, query: str, n: int = 20, **filters):  # type: ignore[no-untyped-def]
    return svc.search.search(query, SearchFilters(**filters), limit=n).hits


def gi_area_codes(svc, ref_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    with svc.db.session() as s:
        return [a.division_code for a in s.get(GeoIndication, ref_id).areas]


# --- 1. Nice classes and similar groups by number ------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("第30类", ("nice", "30")), ("30类", ("nice", "30")), ("第 30 类", ("nice", "30")), ("Class 30", ("nice", "30")),
    ("class 30", ("nice", "30")), ("Nice 30", ("nice", "30")), ("尼斯30类", ("nice", "30")), ("第３０类", ("nice", "30")),
    ("nice class 5", ("nice", "5")), ("第3002组", ("group", "3002")), ("类似群3002", ("group", "3002")),
    ("类似群 ３００２", ("group", "3002")), ("group 3002", ("group", "3002")),
    ("30", None), ("3002", None), ("第46类", None), ("第0类", None), ("第9901组", None), ("茶", None),
])
def test_classification_query_forms(typed: str, expected: tuple[str, str] | None) -> None:
    assert classification_query(fold(typed)) == expected


@pytest.mark.parametrize("query", ["第30类", "30类", "第 30 类", "Class 30", "class 30", "Nice 30", "尼斯30类", "第３０类",
                                   "３０类"])
def test_nice_class_forms_find_the_class_then_its_groups(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    found = hits(shared_services, query, n=30)
    assert found and (found[0].kind, found[0].subkind, found[0].subtitle) == ("class", "nice", "30")
    groups = [h.subtitle for h in found[1:]]
    assert groups[:3] == ["3001", "3002", "3003"] and groups == sorted(groups)
    assert all(g.startswith("30") and len(g) == 4 for g in groups)


@pytest.mark.parametrize("klass", ["29", "31", "32", "33", "35", "44"])
def test_every_class_of_the_seed_is_found_by_its_number(shared_services, klass: str) -> None:  # type: ignore[no-untyped-def]
    for query in (f"第{klass}类", f"class {klass}"):
        first = hits(shared_services, query, n=1)[0]
        assert (first.subkind, first.subtitle) == ("nice", klass), query


@pytest.mark.parametrize("query", ["3002", "第3002组", "类似群3002", "类似群 3002", "３００２"])
def test_similar_group_forms(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    first = hits(shared_services, query, n=1)[0]
    assert (first.kind, first.subkind, first.subtitle, first.title) == ("class", "group", "3002", "茶、茶饮料")


def test_class_form_respects_the_kind_filter(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert all(h.kind == "gi" for h in hits(shared_services, "第30类", kinds=("gi",)))


# --- 2. a place and a product ---------------------------------------------------------------------

@pytest.mark.parametrize(("query", "province", "product"), [
    ("黑龙江 大米", "23", "大米"), ("大米 黑龙江", "23", "大米"), ("黑龙江大米", "23", "大米"),
    ("五常 大米", "230184", "大米"), ("杭州 茶", "3301", "茶"), ("杭州茶", "3301", "茶"),
    ("福建 茶叶", "35", "茶叶"), ("浙江 茶", "33", "茶"),
])
def test_place_and_product_lists_that_places_gis_first(shared_services, query, province, product) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search(query, limit=20)
    first = result.hits[:2]
    assert len(first) == 2
    for h in first:
        assert h.kind == "gi" and (product in h.title or product in h.subtitle), (query, h.title)
        # an area inside the place, or around it (the region filter's rule)
        assert any(c.startswith(province) or province.startswith(division_prefix(c)) for c in
                   gi_area_codes(shared_services, h.ref_id)), (query, h.title)
        assert h.matched in {"name", "area_name", "area_category"}
    assert result.places and result.places[0].startswith(province)


def test_heilongjiang_rice_finds_the_rice_of_heilongjiang(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Before: the words were ANDed over each record's text, and found two rices whose text happens to
    say 黑龙江; 五常大米 (area 五常市) was missing."""
    found = hits(shared_services, "黑龙江 大米", n=10)
    rices = [h.title for h in found if h.matched == "area_name"]
    assert {"五常大米", "响水大米", "通河大米", "望奎大米", "海伦大米"} <= set(rices)
    assert all("大米" in h.title for h in found)  # the province's other GIs are not listed


def test_place_and_product_says_which_matched(shared_services) -> None:  # type: ignore[no-untyped-def]
    found = {h.title: h.matched for h in hits(shared_services, "杭州 茶")}
    assert found["龙井茶"] == "area_name"  # the product is in the name, the place is its area
    assert found["西湖龙井"] == "area_category"  # 茶 only in its category 茶叶


def test_ambiguous_or_non_product_splits_fall_back(shared_services) -> None:  # type: ignore[no-untyped-def]
    # 西湖 names two counties (杭州, 南昌): no place is read, the name search answers as before
    result = shared_services.search.search("西湖 龙井", limit=5)
    assert result.product_words == () and result.hits[0].title == "西湖龙井" and result.hits[0].matched == "name"
    # 五常镇 is a place (五常 + the ending 镇), not 五常 and a product 镇
    result = shared_services.search.search("五常镇", limit=5)
    assert result.product_words == () and result.hits[0].title == "五常镇"
    # two places: nothing is a product
    assert shared_services.search.search("黑龙江 五常", limit=5).product_words == ()


# --- 3. what a GI matched, and GIs by name in the order a farmer means ------------------------------

def test_tea_names_first_then_tea_category_then_the_place_called_chadian(shared_services) -> None:  # type: ignore[no-untyped-def]
    found = hits(shared_services, "茶", n=200, kinds=("gi",))
    titles = [h.title for h in found]
    position = {h.title: i for i, h in reversed(list(enumerate(found)))}
    tea_named = [i for i, h in enumerate(found) if h.subtitle == "茶叶" and "茶" in h.title]
    tea_category_only = [i for i, h in enumerate(found) if h.subtitle == "茶叶" and "茶" not in h.title]
    assert tea_named and tea_category_only
    assert max(tea_named) < position["五城茶干"] < min(tea_category_only)  # name (tea) → name (other) → category
    assert max(tea_category_only) < position["茶淀玫瑰香葡萄"]  # 茶 there is the place 茶淀, not the product
    assert titles[0] != "茶淀玫瑰香葡萄"


def test_category_match_says_category(shared_services) -> None:  # type: ignore[no-untyped-def]
    by_title = {h.title: h.matched for h in hits(shared_services, "茶", n=200, kinds=("gi",))}
    assert by_title["蒲江雀舌"] == "category"
    assert by_title["龙井茶"] == "name"
    assert by_title["茶淀玫瑰香葡萄"] == "name"


def test_rows_fetched_later_say_what_they_matched(shared_services) -> None:  # type: ignore[no-untyped-def]
    svc = shared_services.search
    result = svc.search("茶", limit=5)
    later = svc.hits_for(result.doc_ids[5:150], result.query, result.tiers, result.product_words)
    assert later and {h.matched for h in later} > {"name", "category"}
    page = svc.search("茶", limit=150).hits[5:]
    assert [h.matched for h in later] == [h.matched for h in page]


def test_place_prefix_of_a_gi_name(shared_services) -> None:  # type: ignore[no-untyped-def]
    svc = shared_services.search
    with svc._raw_cursor() as cur:
        assert svc._place_prefix_len(cur, "茶淀玫瑰香葡萄", "120116000000") == 2  # 茶淀街道 lies in 滨海新区
        assert svc._place_prefix_len(cur, "五常大米", "230184000000") == 2
        assert svc._place_prefix_len(cur, "龙井茶", "330100000000 330600000000") == 0  # 龙井市 is in Jilin
        assert svc._place_prefix_len(cur, "乌兰茶卡羊", "632821000000") == 4  # 乌兰县, then its 茶卡镇


def test_every_match_has_a_name_in_both_languages() -> None:
    for matched in {*TIER_FIELDS, "within", "category", "area_name", "area_category"}:
        assert MATCH_NAMES[matched].zh and MATCH_NAMES[matched].en


# --- 4. English words -------------------------------------------------------------------------------

def test_rice_lists_rice_gis_then_classifications_then_pinyin_fragments(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Walk-through finding 15: the GIs for the product before classification entries that mention it."""
    found = hits(shared_services, "rice", n=60)
    kinds = [h.kind for h in found]
    assert kinds[0] == "gi" and found[0].matched == "product_word"
    first_class = kinds.index("class")
    assert set(kinds[:first_class]) == {"gi"}
    assert found[first_class].subtitle == "3008" and found[first_class].matched == "english"
    assert "place" not in kinds or kinds.index("place") > max(i for i, k in enumerate(kinds) if k == "class")
    assert "日峰镇" not in [h.title for h in found]  # no near spelling of an English word


def test_tea_lists_tea_gis_then_tea_classes(shared_services) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search("tea", limit=200)
    found = result.hits
    gis = [h for h in found if h.kind == "gi"]
    assert len(gis) >= 20 and all(h.subtitle == "茶叶" for h in gis)
    # named for tea (龙井茶) first, then tea by category only (西湖龙井), then the classes (3002 first)
    assert [h.matched for h in gis] == sorted((h.matched for h in gis), key=["product_word", "category"].index)
    assert {"product_word", "category"} <= {h.matched for h in gis}
    first_class = next(i for i, h in enumerate(found) if h.kind == "class")
    assert first_class == len(gis) and found[first_class].subtitle == "3002" and found[first_class].matched == "english"
    titles = [h.title for h in found]
    if "解特阿热勒镇" in titles:  # te-a inside a township's name: last
        assert titles.index("解特阿热勒镇") > max(titles.index(h.title) for h in gis)


@pytest.mark.parametrize(("query", "name"), [
    ("wuchang", "五常大米"), ("wcdm", "五常大米"), ("anji baicha", "安吉白茶"), ("longjing", "龙井茶"), ("long", "龙井茶"),
])
def test_pinyin_is_not_read_as_english(shared_services, query: str, name: str) -> None:  # type: ignore[no-untyped-def]
    svc = shared_services.search
    with svc._raw_cursor() as cur:
        assert not svc._is_english(cur, svc._plan(query))
    assert name in [h.title for h in hits(shared_services, query, n=30)]


def test_gi_check_still_takes_gis_found_by_category(shared_services) -> None:  # type: ignore[no-untyped-def]
    """The GI check's candidates are the name-like matches; a category match now says 'category'."""
    titles = [h.title for h in shared_services.wizards._gi_hits("茶叶")]
    assert "蒲江雀舌" in titles and "西湖龙井" in titles


@pytest.mark.parametrize(("query", "endings"), [
    ("rice", ("大米", "稻米", "水稻", "稻谷", "稻", "丝苗米", "糯米")), ("Rice", ("大米", "稻米", "稻", "丝苗米", "糯米")),
    ("apples", ("苹果",)), ("kiwi fruit", ("猕猴桃",)), ("navel oranges", ("脐橙",)), ("shiitake", ("香菇",)),
])
def test_an_english_product_word_finds_the_gis_named_for_it(shared_services, query: str,
                                                            endings: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """The GIs' names are Chinese: rice finds 五常大米 by the crop vocabulary's word for it, before the
    classification entries whose English title has the word; a member of a group (navel orange) finds
    that product only, not every citrus."""
    found = hits(shared_services, query, n=200)
    gis = [h for h in found if h.kind == "gi"]
    assert gis, query
    assert all(h.title.endswith(endings) for h in gis), [h.title for h in gis if not h.title.endswith(endings)]
    assert all(h.matched in ("product_word", "category") for h in gis)
    assert any(h.matched == "product_word" for h in gis)
    classes = [i for i, h in enumerate(found) if h.kind == "class"]
    assert not classes or min(classes) > found.index(gis[-1])


def test_rice_finds_wuchang_rice_and_pinyin_stays_pinyin(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert "五常大米" in [h.title for h in hits(shared_services, "rice", n=200)]
    dami = hits(shared_services, "dami", n=50)
    assert "五常大米" in [h.title for h in dami] and all(h.matched != "product_word" for h in dami)
    # a product word in a filter that leaves GIs out finds none of them
    assert not [h for h in hits(shared_services, "rice", n=200, kinds=("class",)) if h.kind == "gi"]


# --- names inside a longer query ----------------------------------------------------------------------

@pytest.mark.parametrize(("query", "first"), [
    ("西湖龙井茶", ["西湖龙井", "龙井茶"]),  # two GIs, each named by a part: the longer name first
    ("五常大米地理标志", ["五常大米"]),
    ("我想查五常大米", ["五常大米"]),
    ("我在五常市种大米", ["五常市"]),
])
def test_a_query_that_holds_a_name_finds_it(shared_services, query: str, first: list[str]) -> None:  # type: ignore[no-untyped-def]
    found = hits(shared_services, query, n=20)
    assert found and all(h.matched == "in_query" for h in found)
    titles = [h.title for h in found]
    assert all(t in titles for t in first)
    assert titles.index(first[0]) == 0
    assert all(fold(t) in fold(query) for t in titles)  # only whole names inside the query
    lengths = [len(fold(t)) for t in titles]
    assert lengths == sorted(lengths, reverse=True)


def test_names_inside_the_query_only_when_nothing_holds_all_of_it(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert all(h.matched != "in_query" for h in hits(shared_services, "五常大米", n=20))
    assert hits(shared_services, "怎么申请地理标志") == []  # no record is named by a part of it
    # filters still apply: only GIs, only in Zhejiang
    assert [h.kind for h in hits(shared_services, "我在五常市种大米", kinds=("gi",))] == []
    zj = hits(shared_services, "西湖龙井茶", region="33")
    assert zj and all(h.kind == "gi" for h in zj)
    assert hits(shared_services, "西湖龙井茶", region="23") == []


# --- walk-through of 2026-11-27, second pass: region filter, what matched, letters, ranking -----------

def _in_region(svc, hit, prefix: str) -> bool:  # type: ignore[no-untyped-def]
    if hit.kind == "gi":  # an area inside the region, or one the region lies in (the filter's rule)
        return any(c.startswith(prefix) or prefix.startswith(division_prefix(c)) for c in gi_area_codes(svc, hit.ref_id))
    return hit.region.startswith(prefix)


def test_region_filter_applies_to_the_records_of_the_place_named(services) -> None:  # type: ignore[no-untyped-def]
    """Finding 2: 五常 in Zhejiang (33) listed 五常市's rice, marks and patents (Heilongjiang) as 所在地."""
    from ipdesk.services.models import Patent, Trademark

    with services.db.session() as s:  # synthetic records of 五常市
        s.add(Trademark(reg_no="99000201", mark_text="测试五常香", nice_class=30, dataset="test", region_code="230184000000"))
        s.add(Patent(pub_no="ZZ990000201A", title="一种测试用稻谷烘干机", dataset="test", region_code="230184100000"))
    svc = services.search
    everywhere = [h.title for h in svc.search("五常", limit=100).hits]
    assert {"五常大米", "测试五常香", "一种测试用稻谷烘干机"} <= set(everywhere)
    for region in ("33", "3301", "330110"):
        found = svc.search("五常", SearchFilters(region=region), limit=100).hits
        assert found and all(_in_region(services, h, region) for h in found), [(h.title, h.region) for h in found]
        assert "五常街道" in [h.title for h in found] and "五常大米" not in [h.title for h in found]
    heilongjiang = [h.title for h in svc.search("五常", SearchFilters(region="23"), limit=100).hits]
    assert {"五常大米", "测试五常香", "一种测试用稻谷烘干机"} <= set(heilongjiang)
    assert svc.search("五常", SearchFilters(region="99"), limit=20).total == 0  # no such province
    assert svc.search("龙凤山镇", SearchFilters(region="44"), limit=20).total == 0
    assert svc.search("五常", SearchFilters(region="33", kinds=("trademark", "patent")), limit=20).total == 0


@pytest.mark.parametrize("query", ["蜂蜜", "玉米", "茶", "收获"])
def test_a_classification_found_by_its_title_says_name(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Finding 6: classification entries said 地名 / place name."""
    found = [h for h in hits(shared_services, query, n=200) if h.kind == "class"]
    assert found and all(h.matched == "name" for h in found), [(h.title, h.matched) for h in found]
    assert all(h.kind == "place" for h in hits(shared_services, query, n=200) if h.matched == "place")


@pytest.mark.parametrize("query", ["Wuchang rice", "rice wuchang", "wuchang rice", "Wu Chang rice", "WUCHANG RICE"])
def test_pinyin_place_and_english_product(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Finding 8: 0 results; the GI check already read Wuchang rice as 五常大米."""
    result = shared_services.search.search(query, limit=10)
    assert [h.title for h in result.hits[:2]] == ["五常大米", "五常大米"]
    assert result.hits[0].matched == "area_name" and "230184000000" in result.places
    # not the other products of the places read wuchang (五城茶干 is wucheng; 武昌区 has no rice GI)
    assert all("米" in h.title for h in result.hits if h.kind == "gi")
    # the region filter holds here too
    assert shared_services.search.search(query, SearchFilters(region="33"), limit=10).total == 0


def test_hangzhou_tea_lists_the_tea_gis_of_hangzhou(shared_services) -> None:  # type: ignore[no-untyped-def]
    found = hits(shared_services, "Hangzhou tea", n=20)
    gis = [h for h in found if h.kind == "gi"]
    assert {"龙井茶", "西湖龙井"} <= {h.title for h in gis}
    assert all(h.subtitle == "茶叶" and _in_region(shared_services, h, "3301") for h in gis)
    assert {h.title: h.matched for h in gis}["西湖龙井"] == "area_category"
    assert found[0].title == "龙井茶" and found[0].matched == "area_name"  # tea in its name first
    assert [h.title for h in hits(shared_services, "杭州 茶", n=2)] == [h.title for h in found[:2]]


def test_longjing_tea_is_read_as_a_name_not_a_near_spelling(shared_services) -> None:  # type: ignore[no-untyped-def]
    found = hits(shared_services, "longjing tea", n=20)
    assert found[0].title == "龙井茶" and found[0].matched == "key"
    assert all(h.matched != "fuzzy" for h in found) and "龙井乡" not in [h.title for h in found]


@pytest.mark.parametrize("query", ["green tea", "Green Tea", "organic tea"])
def test_green_tea_finds_tea(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    found = hits(shared_services, query, n=200)
    gis = [h for h in found if h.kind == "gi"]
    assert len(gis) >= 20 and all(h.subtitle == "茶叶" for h in gis)
    assert "3002" in [h.subtitle for h in found if h.kind == "class"]
    if query.lower() == "green tea":
        assert gis[0].title.endswith("绿茶")  # 绿茶 itself first


def test_corn_is_maize(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Finding 8: corn found nothing, maize a classification entry; the patent finder reads corn as 玉米."""
    maize = [(h.kind, h.ref_id) for h in hits(shared_services, "maize", n=50)]
    corn = hits(shared_services, "corn", n=50)
    assert maize and [(h.kind, h.ref_id) for h in corn] == maize
    assert corn[0].matched == "english"


@pytest.mark.parametrize("query", ["Xi'an", "xi'an", "xi’an", "XI'AN"])
def test_apostrophe_separates_pinyin_syllables(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Finding 8: Xi'an gave 10,000+ results starting 仙居鸡, 响水大米 (xian as a prefix: xian-ju, xiang-shui)."""
    result = shared_services.search.search(query, limit=200)
    assert result.hits[0].title == "西安市"
    assert 0 < result.total < 100 and not result.capped
    # each name reads xi then an (西安, 西岸; 西干沟乡 by 干's reading an), none merely starts with xian; then
    # the records of 西安市, the place xi'an names (QA18a N6: as 西安 lists them)
    named = [h for h in result.hits if h.matched != "area"]
    assert all(_syllables_match(h.title, ("xi", "an")) for h in named), [h.title for h in named]
    assert result.places == ["610100000000"]
    assert "仙居鸡" not in [h.title for h in result.hits]


def test_xihu_puts_the_places_read_xihu_first(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Finding 15: 西火镇 (xi-huo) ranked above 西湖区."""
    titles = [h.title for h in hits(shared_services, "xihu", n=50) if h.kind == "place"]
    assert titles.index("西湖区") < titles.index("西火镇")
    assert titles[:3] == sorted(titles[:3], key=lambda t: t.endswith("镇"))  # districts before towns
    places = [h.title for h in hits(shared_services, "wuchang", n=50) if h.kind == "place"]
    assert places[:2] == ["五常市", "武昌区"] or places[:2] == ["武昌区", "五常市"]


@pytest.mark.parametrize("query", ["五长大米", "吴常大米", "五常大未"])
def test_a_chinese_typo_finds_the_name_read_alike(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Finding 15: 0 results and no suggestion; pinyin typos (wuchnag) already worked."""
    found = hits(shared_services, query, n=10)
    assert found[0].title == "五常大米" and found[0].matched == "fuzzy"


def test_chinese_near_readings_only_when_nothing_else_is_found(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert all(h.matched != "fuzzy" for h in hits(shared_services, "五常大米", n=20))
    assert all(h.matched == "in_query" for h in hits(shared_services, "我想查五常大米", n=20))
    assert hits(shared_services, "怎么申请地理标志") == []
    assert hits(shared_services, "五长大米", kinds=("place",)) == []  # filters hold
