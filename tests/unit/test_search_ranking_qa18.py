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
