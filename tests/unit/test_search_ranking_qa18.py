"""Search QA round 18a (N1, N6, N10): the same answer for every page size, the place a query names ahead of
trademarks that merely start with it, pinyin place queries listing the place's records, classification
queries. On the real seed; synthetic trademarks where the seed has none."""

from __future__ import annotations

import pytest

from ipdesk.domain.codes import classification_query, nice_class_parts
from ipdesk.domain.text import fold
from ipdesk.services.errors import UserInputError
from ipdesk.services.search import SearchFilters


def search(svc, query: str, n: int = 20, **filters):  # type: ignore[no-untyped-def]
    return svc.search.search(query, SearchFilters(**filters), limit=n)


# --- N1: near spellings do not depend on the page size -----------------------------------------------

@pytest.mark.parametrize("query", ["hangzhou", "wuchang", "longjing", "xihu", "longfengshan", "wuchnag", "changbaishan"])
def test_the_answer_does_not_depend_on_the_page_size(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: near spellings were added when the exact tiers found fewer than a page, so the CLI (20 rows),
    the kiosk (60), the window (100) and the report (500) gave different totals and lists."""
    results = [search(shared_services, query, n) for n in (3, 20, 23, 100, 500)]
    assert len({r.total for r in results}) == 1, [r.total for r in results]
    assert len({tuple(r.doc_ids) for r in results}) == 1


def test_a_pinyin_place_found_exactly_is_not_padded_with_near_spellings(shared_services) -> None:  # type: ignore[no-untyped-def]
    found = search(shared_services, "hangzhou", 100).hits
    assert found and found[0].title == "杭州市"
    assert all(h.matched != "fuzzy" for h in found)  # before: 沧州金丝小枣, 恒州镇, 沧州市, 扬州市 …


def test_a_typo_that_finds_nothing_exactly_still_gets_near_spellings(shared_services) -> None:  # type: ignore[no-untyped-def]
    for n in (3, 100):
        found = search(shared_services, "wuchnag", n).hits
        assert found and all(h.matched == "fuzzy" for h in found)
        assert "五常大米" in [h.title for h in found]


# --- N6: the place a query names, and pinyin place queries ----------------------------------------------

@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory, seed_path):  # type: ignore[no-untyped-def]
    """The seed and 30 synthetic trademarks whose names start with a place's name (as a real register holds
    hundreds of 五常…, 西湖… marks)."""
    import shutil

    from ipdesk.services.container import build_services
    from ipdesk.services.models import Trademark

    folder = tmp_path_factory.mktemp("marks")
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    svc = build_services(folder)
    with svc.db.session() as s:
        for i in range(15):
            s.add(Trademark(reg_no=f"990{i:05d}", mark_text=f"五常香{i}", nice_class=30, dataset="test"))
            s.add(Trademark(reg_no=f"991{i:05d}", mark_text=f"西湖印象{i}", nice_class=30, dataset="test"))
    yield svc
    svc.close()


@pytest.mark.parametrize(("query", "place"), [("五常", "五常市"), ("西湖", "西湖区")])
def test_the_place_named_comes_before_marks_that_start_with_it(marked, query: str, place: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 五常市 was #18 behind 15 marks 五常香…, 西湖区 #17 behind 西湖印象…: each such mark pushed it down."""
    found = search(marked, query, 40).hits
    kinds = [h.kind for h in found]
    at = [h.title for h in found].index(place)
    assert found[at].kind == "place" and at < kinds.index("trademark")
    assert all(h.kind == "gi" for h in found[:at]) or found[0].title == query  # only GIs (or the exact name) before


def test_gis_still_come_before_the_place(shared_services) -> None:  # type: ignore[no-untyped-def]
    titles = [h.title for h in search(shared_services, "五常").hits]
    assert titles[:3] == ["五常大米", "五常大米", "五常市"]


@pytest.mark.parametrize(("letters", "chinese", "code"), [
    ("hangzhou", "杭州", "330100000000"), ("longfengshan", "龙凤山", "230184111000"), ("hang zhou", "杭州", "330100000000"),
])
def test_a_pinyin_place_lists_the_places_records_as_the_chinese_does(marked, letters, chinese, code) -> None:  # type: ignore[no-untyped-def]
    """Before: hangzhou listed the 4 places read so, then near spellings; none of 杭州's GIs."""
    by_letters, by_chinese = search(marked, letters, 500), search(marked, chinese, 500)
    assert by_letters.places == by_chinese.places == [code]
    records = {h.doc_id for h in by_chinese.hits if h.matched == "area"}
    assert records and records <= {h.doc_id for h in by_letters.hits if h.matched == "area"}
    assert by_letters.hits[0].kind == "place" and all(h.matched != "fuzzy" for h in by_letters.hits)


def test_hangzhou_lists_its_tea_gis_after_the_place(marked) -> None:  # type: ignore[no-untyped-def]
    found = search(marked, "hangzhou", 10).hits
    assert found[0].title == "杭州市"
    assert {"龙井茶", "西湖龙井"} <= {h.title for h in found if h.kind == "gi" and h.matched == "area"}


@pytest.mark.parametrize("query", ["li", "an", "xian", "rice", "A01G"])
def test_one_syllable_an_english_word_or_a_code_names_no_place(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    assert search(shared_services, query).places == []


# --- N10: classification queries ------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "parts"), [
    ("第30类 大米", (30, "大米")), ("30类 五常香", (30, "五常香")), ("第30类大米", (30, "大米")), ("大米 第30类", (30, "大米")),
    ("第三十类", (30, "")), ("类别30", (30, "")), ("类别：第30类", (30, "")), ("第四十五类", (45, "")), ("第46类", (46, "")),
    ("Class 30 rice", (30, "rice")), ("五常大米", None), ("第3002组", None), ("cl 50", None), ("第一百类", None),
])
def test_nice_class_parts(typed: str, parts: tuple[int, str] | None) -> None:
    assert nice_class_parts(fold(typed)) == parts


@pytest.mark.parametrize("query", ["第三十类", "类别30", "类别：第30类", "第30类别"])
def test_more_ways_to_write_a_class(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 0 results."""
    found = search(shared_services, query, 5).hits
    assert (found[0].kind, found[0].subkind, found[0].subtitle) == ("class", "nice", "30")
    assert classification_query(fold(query)) == ("nice", "30")


@pytest.mark.parametrize("query", ["第46类", "第0类", "Class 46", "第四十六类", "第46类 大米"])
def test_a_class_beyond_45_is_explained(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 0 results and the generic advice (试试拼音…)."""
    with pytest.raises(UserInputError) as raised:
        search(shared_services, query)
    assert "1–45" in raised.value.message("zh_CN") and "1–45" in raised.value.message("en")


@pytest.fixture(scope="module")
def classed(tmp_path_factory: pytest.TempPathFactory, seed_path):  # type: ignore[no-untyped-def]
    import shutil

    from ipdesk.services.container import build_services
    from ipdesk.services.models import Trademark

    folder = tmp_path_factory.mktemp("classed")
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    svc = build_services(folder)
    with svc.db.session() as s:  # synthetic marks
        s.add(Trademark(reg_no="99200001", mark_text="测香禾", nice_class=30, goods="大米；米粉", dataset="test"))
        s.add(Trademark(reg_no="99200002", mark_text="测香禾", nice_class=33, goods="白酒", dataset="test"))
        s.add(Trademark(reg_no="99200003", mark_text="测金穗", nice_class=31, goods="大米种子", dataset="test"))
        s.add(Trademark(reg_no="99200004", mark_text="测香禾米业", nice_class=30, goods="面条", dataset="test"))
    yield svc
    svc.close()


def marks(svc, query: str, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.subtitle.split(" · ")[0] for h in search(svc, query, 50, **filters).hits]


def test_a_class_and_a_word_search_that_classs_trademarks(classed) -> None:  # type: ignore[no-untyped-def]
    """Before: 第30类 大米 → 0 results, 30类 测香禾 → the marks named inside the query, of every class."""
    assert marks(classed, "第30类 大米") == ["99200001"]  # 大米 in its goods; not class 31's 大米种子
    assert marks(classed, "30类 测香禾") == ["99200001", "99200004"]
    assert marks(classed, "测香禾 第三十类") == ["99200001", "99200004"]
    assert marks(classed, "类别33 测香禾") == ["99200002"]
    # the result keeps the filters the person chose (a basket item runs the query again with them)
    assert search(classed, "第30类 大米").filters == SearchFilters()
    # a class filter chosen by the person wins; a kind filter without trademarks is not emptied by the class
    assert marks(classed, "第30类 测香禾", nice_class=33) == ["99200002"]
    assert all(h.kind == "gi" for h in search(classed, "第30类 大米", kinds=("gi",)).hits)


@pytest.mark.parametrize(("query", "node"), [("A01", "A01"), ("A01K", "A01K"), ("A23L", "A23L"), ("a01k", "A01K")])
def test_a_code_lists_its_own_node_first(shared_services, query: str, node: str) -> None:  # type: ignore[no-untyped-def]
    """Before: A01K 79/00 ('A01K69/00至A01K77/00各组中不包含的…', a title mentioning the code) came first."""
    found = [h for h in search(shared_services, query, 30).hits if h.kind == "class"]
    assert found[0].subtitle == node
    under = [h.klass for h in found[1:] if h.klass.upper().startswith(node)]
    assert under == sorted(under) and len(under) >= 5  # in code order, not by title length
