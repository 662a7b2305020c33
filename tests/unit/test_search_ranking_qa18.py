"""Search QA round 18a (N1, N6, N10): the same answer for every page size, the place a query names ahead of
trademarks that merely start with it, pinyin place queries listing the place's records, classification
queries. On the real seed; synthetic trademarks where the seed has none."""

from __future__ import annotations

import pytest

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
