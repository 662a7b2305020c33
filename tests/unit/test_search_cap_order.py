"""A capped result is the newest N matches in every tier (QA round 20b, N2).

When more than the cap share a name prefix, the name-prefix tier kept the first 10,001 in name order:
合成 listed one crop's patents (合成大豆…, 大 sorting first), "newest first" sorted only that slice, and
the pinyin hecheng (the key tier, newest first) returned another set. The data here is synthetic
(ZZ numbers: no country has that code): 12,000 patents whose titles share a prefix, the crop whose
second character sorts first being the oldest.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipdesk.services import search as search_module
from ipdesk.services.models import Patent
from ipdesk.services.search import SearchFilters
from ipdesk.services.search_index import kind_of_doc, make_doc_id

CROPS = ("大豆", "水稻", "玉米", "茶叶")  # 大 < 水 < 玉 < 茶: name order puts the soybean patents first
PER_CROP = 3_000
LATIN = 1_200  # patents named NX-…: a prefix ending in letters


def _date(crop_index: int, n: int) -> dt.date:
    if crop_index == 0:  # the soybean patents are the oldest (2001-2009)
        return dt.date(2001, 1, 1) + dt.timedelta(days=n)
    # the others are spread over 2016-2024, several on one day (ties are ordered by record id)
    return dt.date(2024, 12, 31) - dt.timedelta(days=(n * 7 + crop_index) % 3_000)


@pytest.fixture(scope="module")
def capped_store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[tuple[object, dict[str, list[int]]]]:
    from ipdesk.services.container import build_services

    folder = tmp_path_factory.mktemp("cap-order")
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    svc = build_services(folder)
    made: dict[str, list[tuple[dt.date, int]]] = {"合成": [], "nx": []}
    with svc.db.session() as s:
        patents = []
        for c, crop in enumerate(CROPS):
            for n in range(PER_CROP):
                patents.append(("合成", Patent(pub_no=f"ZZ9{c}{n:05d}A", title=f"合成{crop}栽培装置{n}", dataset="test",
                                             pub_date=_date(c, n))))
        for n in range(LATIN):  # NX-00000 is the oldest: name order is oldest first
            patents.append(("nx", Patent(pub_no=f"ZZ8{n:06d}A", title=f"NX-{n:05d}型播种机", dataset="test",
                                         pub_date=dt.date(2010, 1, 1) + dt.timedelta(days=n * 3))))
        s.add_all([p for _prefix, p in patents])
        s.flush()
        for prefix, p in patents:
            assert p.pub_date is not None
            made[prefix].append((p.pub_date, p.id))
    # the newest first, ties by record id: the order of doc_ids (search_index.make_doc_id)
    newest = {prefix: sorted(make_doc_id("patent", d, i) for d, i in rows) for prefix, rows in made.items()}
    # and those published up to 2019 (the year filter below)
    newest["合成 ≤ 2019"] = sorted(make_doc_id("patent", d, i) for d, i in made["合成"] if d.year <= 2019)
    yield svc, newest
    svc.close()  # type: ignore[attr-defined]


def _patents(doc_ids: list[int]) -> list[int]:
    return [i for i in doc_ids if kind_of_doc(i) == "patent"]


# 2: every name with the prefix is ordered in memory (12,000 < 2 × 10,001); 1: the tier walks in doc_id order
@pytest.mark.parametrize("factor", [2, 1])
def test_a_capped_prefix_is_the_newest_matches(capped_store, monkeypatch, factor: int) -> None:  # type: ignore[no-untyped-def]
    svc, newest = capped_store
    monkeypatch.setattr(search_module, "_PREFIX_SORT_FACTOR", factor)
    result = svc.search.search("合成", limit=100)
    assert result.capped and result.total_label == "10,000+"
    found = _patents(result.doc_ids)
    assert len(found) == 10_000
    assert found == newest["合成"][:10_000]  # was: the 3,000 oldest 合成大豆… and 7,000 others by name
    # so the list sorted newest first starts with the newest patents of every crop
    assert {h.title[2:4] for h in result.hits[:100]} == set(CROPS[1:])
    assert result.hits[0].date == "2024-12-31"


@pytest.mark.parametrize("factor", [10, 1])  # 10: sorted in memory, 1: walked (the filter on each row)
def test_a_capped_prefix_with_a_filter_is_the_newest_it_keeps(capped_store, monkeypatch, factor: int) -> None:  # type: ignore[no-untyped-def]
    svc, newest = capped_store
    monkeypatch.setattr(search_module, "COUNT_CAP", 1_000)
    monkeypatch.setattr(search_module, "_PREFIX_SORT_FACTOR", factor)
    result = svc.search.search("合成", SearchFilters(year_to=2019), limit=20)
    assert result.capped and 1_001 < len(newest["合成 ≤ 2019"]) < 10_010
    assert _patents(result.doc_ids) == newest["合成 ≤ 2019"][:1_000]


def test_pinyin_and_chinese_give_the_same_capped_set(capped_store) -> None:  # type: ignore[no-untyped-def]
    svc, newest = capped_store
    chinese = _patents(svc.search.search("合成", limit=20).doc_ids)
    pinyin = _patents(svc.search.search("hecheng", limit=20).doc_ids)
    assert len(pinyin) > 9_000  # a few seed places or GIs read hecheng may come first
    assert pinyin == chinese[: len(pinyin)] == newest["合成"][: len(pinyin)]


@pytest.mark.parametrize("factor", [2, 1])
def test_a_capped_latin_prefix_is_the_newest_matches(capped_store, monkeypatch, factor: int) -> None:  # type: ignore[no-untyped-def]
    """A prefix ending in letters (nx: not a whole token of nx-00001) walks the records in doc_id order."""
    svc, newest = capped_store
    monkeypatch.setattr(search_module, "COUNT_CAP", 1_000)
    monkeypatch.setattr(search_module, "_PREFIX_SORT_FACTOR", factor)
    result = svc.search.search("nx", limit=20)
    assert result.capped
    assert _patents(result.doc_ids) == newest["nx"][:1_000]


def test_an_uncapped_prefix_keeps_every_match_in_order(capped_store) -> None:  # type: ignore[no-untyped-def]
    svc, newest = capped_store
    result = svc.search.search("nx", limit=20)
    assert not result.capped  # (places read nx, 宁夏…, follow by the key tier)
    assert _patents(result.doc_ids) == newest["nx"] and result.doc_ids[:LATIN] == newest["nx"]


@pytest.mark.parametrize("factor", [2, 1])
def test_the_prefix_tier_reads_an_index_with_statistics(capped_store, monkeypatch, factor: int) -> None:  # type: ignore[no-untyped-def]
    """With ANALYZE's statistics (the benchmark corpus has them) a plain `ORDER BY doc_id` over the name range
    made SQLite scan the whole table (30 ms for 夏 on 150,000 records, which has no name beginning with it)."""
    svc, _newest = capped_store
    monkeypatch.setattr(search_module, "_PREFIX_SORT_FACTOR", factor)
    with svc.db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    plans: list[str] = []
    service = search_module.SearchService(svc.db.engine)
    real = service._tiers

    def spy(cur, *a, **k):  # type: ignore[no-untyped-def]
        class Cur:
            def execute(self, sql, params=()):  # type: ignore[no-untyped-def]
                plans.extend(str(r[-1]) for r in cur.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())
                return cur.execute(sql, params)

        return real(Cur(), *a, **k)

    service._tiers = spy  # type: ignore[method-assign]
    for query in ("合成", "合成大豆", "nx", "夏"):
        service.search(query)
    assert plans
    assert not [p for p in plans if p.startswith(("SCAN d", "SCAN search_doc"))], plans
