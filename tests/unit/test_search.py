"""Search on the real seed: every query form, ranking, filters, and index consistency."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ipdesk.services.errors import UserInputError
from ipdesk.services.models import ClassNode, GeoIndication, GiArea, Patent, Trademark
from ipdesk.services.search import SearchFilters, SearchService


def titles(svc, query: str, n: int = 5, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    result = svc.search.search(query, SearchFilters(**filters), limit=n)
    return [h.title for h in result.hits]


@pytest.mark.parametrize("query", ["龙井", "龍井", "longjing", "lj", "xihu longjing", "西湖龍井"])
def test_xihu_longjing_in_first_five(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    assert "西湖龙井" in titles(shared_services, query)


@pytest.mark.parametrize("query", ["五常", "wuchang", "wcdm", "五常dm", "wu chang da mi", "wǔcháng", "WUCHANGDAMI", "五常 大米"])
def test_wuchang_rice_in_first_five(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    assert "五常大米" in titles(shared_services, query)


@pytest.mark.parametrize("query", ["茶", "米", "梨", "参", "橙"])
def test_one_character_queries_use_the_index(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search(query, limit=5)
    assert result.total > 0
    assert all(query in h.title or h.matched in {"text", "key", "place", "area"} or h.kind == "gi"
               for h in result.hits)


def test_tea_lists_tea_gis_first(shared_services) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search("茶", limit=10)
    assert [h.kind for h in result.hits[:10]] == ["gi"] * 10
    assert all(h.subtitle == "茶叶" or "茶" in h.title for h in result.hits)


@pytest.mark.parametrize("query", ["大米", "脐橙", "香梨", "枸杞", "人参"])
def test_two_character_queries(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    hits = titles(shared_services, query, n=5)
    assert hits and all(query in t for t in hits[:1])


def test_exact_then_prefix_then_substring(shared_services) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search("五常大米", limit=10)
    assert result.hits[0].title == "五常大米" and result.hits[0].matched == "name"
    # GIs come before places for the same query
    kinds = [h.kind for h in shared_services.search.search("五常", limit=10).hits]
    assert kinds.index("gi") < kinds.index("place")


def test_place_name_finds_the_place_and_its_records(shared_services) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search("五常市", limit=50)
    kinds = {(h.kind, h.title) for h in result.hits}
    assert ("place", "五常市") in kinds
    assert ("gi", "五常大米") in kinds
    assert result.places and result.places[0] == "230184000000"


def test_a_place_name_with_places_not_wanted_lists_the_records_of_that_place(shared_services) -> None:  # type: ignore[no-untyped-def]
    """QA18c: 大兴区 --kind patent found nothing (the place was read as a place only when places were
    wanted), though the region filter lists that county's patents."""
    result = shared_services.search.search("五常市", SearchFilters(kinds=("gi",)), limit=50)
    assert {h.kind for h in result.hits} == {"gi"}
    assert "五常大米" in {h.title for h in result.hits}
    assert result.places and result.places[0] == "230184000000"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("330106", "西湖区"), ("230184", "五常市"), ("2301", "哈尔滨市"), ("230184000000", "五常市")],
)
def test_division_codes_and_prefixes(shared_services, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in titles(shared_services, query, n=10, kinds=("place",))


@pytest.mark.parametrize("query", ["A01G 9/00", "A01G9/00", "a01g 9/00", "A01G0009000000"])
def test_ipc_codes_in_either_form(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search(query, SearchFilters(kinds=("class",)), limit=5)
    assert result.hits and result.hits[0].subtitle == "A01G 9/00"


def test_typo_in_pinyin_ranked_below_exact(shared_services) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search("wuchnag", limit=10)
    assert "五常大米" in [h.title for h in result.hits]
    assert all(h.matched == "fuzzy" for h in result.hits)


def test_kind_and_region_filters(shared_services) -> None:  # type: ignore[no-untyped-def]
    everything = shared_services.search.search("茶", limit=20)
    gis = shared_services.search.search("茶", SearchFilters(kinds=("gi",)), limit=20)
    assert all(h.kind == "gi" for h in gis.hits) and gis.total <= everything.total
    zhejiang = shared_services.search.search("茶", SearchFilters(kinds=("gi",), region="33"), limit=50)
    assert zhejiang.hits and "西湖龙井" in [h.title for h in zhejiang.hits]
    with shared_services.db.session() as s:
        for h in zhejiang.hits:
            codes = [a.division_code for a in s.get(GeoIndication, h.ref_id).areas]
            assert any(c.startswith("33") for c in codes)


def test_township_filter_includes_gis_of_its_county(shared_services) -> None:  # type: ignore[no-untyped-def]
    with shared_services.db.session() as s:
        township = s.execute(
            text("SELECT code FROM division WHERE parent_code = '230184000000' ORDER BY code LIMIT 1")
        ).scalar()
    result = shared_services.search.search("大米", SearchFilters(kinds=("gi",), region=township), limit=10)
    assert "五常大米" in [h.title for h in result.hits]
    elsewhere = shared_services.search.search("大米", SearchFilters(kinds=("gi",), region="330106"), limit=10)
    assert "五常大米" not in [h.title for h in elsewhere.hits]


def test_gi_kind_filter(shared_services) -> None:  # type: ignore[no-untyped-def]
    r = shared_services.search.search("五常", SearchFilters(kinds=("gi",), gi_kind="gi_certification_mark"))
    assert r.hits and all(h.subkind == "gi_certification_mark" for h in r.hits)


def test_paging_is_stable(shared_services) -> None:  # type: ignore[no-untyped-def]
    first = shared_services.search.search("山", limit=20)
    second = shared_services.search.search("山", limit=20, offset=20)
    assert first.total > 40
    assert not {h.doc_id for h in first.hits} & {h.doc_id for h in second.hits}
    assert first.doc_ids[20:40] == [h.doc_id for h in second.hits]


def test_counts_by_kind_add_up(shared_services) -> None:  # type: ignore[no-untyped-def]
    r = shared_services.search.search("山", limit=5)
    assert sum(r.counts_by_kind.values()) == r.total


def test_spans_for_highlighting(shared_services) -> None:  # type: ignore[no-untyped-def]
    hit = shared_services.search.search("龙井", SearchFilters(kinds=("gi",)), limit=5).hits[0]
    start, end = hit.spans[0]
    assert hit.title[start:end] == "龙井"
    hit = shared_services.search.search("wcdm", SearchFilters(kinds=("gi",)), limit=1).hits[0]
    assert hit.spans == ((0, 4),)


@pytest.mark.parametrize("bad", ["", "   ", "茶" * 101])
def test_empty_or_long_query_is_an_error(shared_services, bad: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserInputError):
        shared_services.search.search(bad)


def test_short_queries_never_scan(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Every SQL statement a search runs uses an index: no full scan of search_doc or a record table."""
    raw = shared_services.db.engine.raw_connection()
    plans: list[str] = []
    try:
        svc = SearchService(shared_services.db.engine)
        real = svc._tiers

        def spy(cur, *a, **k):  # type: ignore[no-untyped-def]
            class Cur:
                def execute(self, sql, params=()):  # type: ignore[no-untyped-def]
                    plans.extend(str(r[-1]) for r in cur.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())
                    return cur.execute(sql, params)

            return real(Cur(), *a, **k)

        svc._tiers = spy  # type: ignore[method-assign]
        svc.search("茶")
        svc.search("大米")
    finally:
        raw.close()
    assert plans
    assert not [p for p in plans if p.startswith("SCAN d") or p.startswith("SCAN search_doc")], plans


# --- the index follows the data in the same transaction ---------------------------------------

def test_index_follows_insert_update_delete(services) -> None:  # type: ignore[no-untyped-def]
    with services.db.session() as s:
        s.add(Patent(pub_no="CN999000001A", title="一种测试用的荞麦脱壳装置", abstract="荞麦", dataset="test",
                     ipc_codes="A23N0005000000"))
        s.add(Trademark(reg_no="99000001", mark_text="测试荞麦", nice_class=30, dataset="test"))
    assert "一种测试用的荞麦脱壳装置" in titles(services, "荞麦脱壳")
    assert "测试荞麦" in titles(services, "测试荞麦", kinds=("trademark",))
    assert titles(services, "CN999000001", kinds=("patent",)) == ["一种测试用的荞麦脱壳装置"]
    with services.db.session() as s:
        p = s.query(Patent).filter_by(pub_no="CN999000001A").one()
        p.title = "一种测试用的燕麦脱壳装置"
    assert titles(services, "荞麦脱壳") == []
    assert "一种测试用的燕麦脱壳装置" in titles(services, "燕麦脱壳")
    with services.db.session() as s:
        s.delete(s.query(Patent).filter_by(pub_no="CN999000001A").one())
    assert titles(services, "燕麦脱壳") == []
    _assert_index_consistent(services)


def test_index_rolls_back_with_the_data(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), services.db.session() as s:
        s.add(Patent(pub_no="CN999000002A", title="回滚测试专利名称", dataset="test"))
        s.flush()
        raise RuntimeError("abort")
    assert titles(services, "回滚测试") == []
    _assert_index_consistent(services)


def test_gi_area_change_reindexes_region(services) -> None:  # type: ignore[no-untyped-def]
    with services.db.session() as s:
        gi = s.query(GeoIndication).filter_by(name="西湖龙井").first()
        assert gi is not None
        s.add(GiArea(gi_id=gi.id, division_code="230184000000"))
    r = services.search.search("龙井", SearchFilters(kinds=("gi",), region="230184"))
    assert "西湖龙井" in [h.title for h in r.hits]


def test_class_node_is_searchable_after_insert(services) -> None:  # type: ignore[no-untyped-def]
    with services.db.session() as s:
        s.add(ClassNode(scheme="ipc", code="A01Z", level="subclass", title_zh="测试小类荞麦", title_en="Test"))
    assert "测试小类荞麦" in titles(services, "测试小类")


def _assert_index_consistent(services) -> None:  # type: ignore[no-untyped-def]
    with services.db.engine.connect() as conn:
        for table, kind in (("patent", "patent"), ("trademark", "trademark"), ("geo_indication", "gi")):
            missing = conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                f"(SELECT 1 FROM search_doc d WHERE d.kind = '{kind}' AND d.ref_id = t.id)"
            ).scalar()
            stale = conn.exec_driver_sql(
                f"SELECT count(*) FROM search_doc d WHERE d.kind = '{kind}' AND NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.id = d.ref_id)"
            ).scalar()
            assert (missing, stale) == (0, 0), table
        docs = conn.exec_driver_sql("SELECT count(*) FROM search_doc").scalar()
        for fts in ("fts_name", "fts_all", "fts_key"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {fts}").scalar() == docs


def test_checked_tiers_stop_at_their_cap_and_say_so(shared_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ipdesk.services.search as search_module

    full = shared_services.search.search("朝鲜族", SearchFilters(kinds=("place",)), limit=5)
    assert full.total > 5 and not full.capped and full.total_label == f"{full.total:,}"
    monkeypatch.setattr(search_module, "VERIFIED_CAP", 3)
    short = shared_services.search.search("朝鲜族", SearchFilters(kinds=("place",)), limit=2)
    assert short.capped and short.total_label.endswith("+")
    assert [h.doc_id for h in short.hits] == [h.doc_id for h in full.hits[:2]]  # the page itself is unchanged


def test_ipc_filter_does_not_spill_into_neighbouring_groups(services) -> None:  # type: ignore[no-untyped-def]
    with services.db.session() as s:
        s.add(Patent(pub_no="CN999000010A", title="测试分组专利一号", dataset="test", ipc_codes="A01G0010000000"))
        s.add(Patent(pub_no="CN999000011A", title="测试分组专利二号", dataset="test", ipc_codes="A01G0011000000"))
    found = titles(services, "测试分组专利", n=10, kinds=("patent",), ipc_prefix="A01G 10/00")
    assert found == ["测试分组专利一号"]


def test_typo_vocabulary_follows_new_records(services) -> None:  # type: ignore[no-untyped-def]
    assert "榛子测试" not in titles(services, "zhenzicehsi")  # warms the vocabulary
    with services.db.session() as s:
        gi = GeoIndication(kind="gi_product", name="榛子测试", dataset="test", source="test")
        gi.areas.append(GiArea(division_code="230184000000"))
        s.add(gi)
    hits = services.search.search("zhenzicehsi", limit=5).hits
    assert hits and hits[0].title == "榛子测试" and hits[0].matched == "fuzzy"


@pytest.mark.parametrize(("query", "name"), [
    ("gongchanglingkuangquanshui", "弓长岭矿泉水"),  # 26 letters: looked up by its first 12
    ("kuangquanshui", "弓长岭矿泉水"),
    ("keshanmalingshu", "克山马铃薯（克山土豆）"),
])
def test_pinyin_longer_than_the_keys_still_finds(shared_services, query: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in titles(shared_services, query)


def test_full_first_tiers_stop_the_search_but_still_name_the_place(shared_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ipdesk.services.search as search_module

    full = shared_services.search.search("五常")
    assert full.places and not full.capped
    assert [h.matched for h in full.hits[:3]] == ["name", "name", "place"]
    monkeypatch.setattr(search_module, "COUNT_CAP", 1)  # the two name hits fill it: no place tier runs
    cut = shared_services.search.search("五常", limit=1)
    assert cut.capped and cut.total == 1
    assert [h.doc_id for h in cut.hits] == [h.doc_id for h in full.hits[:1]]  # the same first page
    assert cut.places == full.places  # the by-place link survives the early stop


def test_one_expansion_key_tier_equals_the_two_query_tier(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with services.db.session() as s:  # a trademark and a patent, so that both sides have matches
        s.add(Trademark(reg_no="99000077", mark_text="龙井长白", nice_class=30, dataset="test"))
        s.add(Patent(pub_no="CN999000077A", title="一种龙井茶长白山加工装置", dataset="test", ipc_codes="A01B0001000000"))
    queries = ["lj", "wuchang", "xihulongjing", "changbai", "a01g", "A01B 1/00", "2301", "rice", "tea", "cha"]
    fast = [services.search.search(q, limit=50) for q in queries]
    monkeypatch.setattr(SearchService, "_key_matches_once", lambda *a, **k: None)
    slow = [services.search.search(q, limit=50) for q in queries]
    for q, f, w in zip(queries, fast, slow, strict=True):
        assert (f.doc_ids, f.total) == (w.doc_ids, w.total), q
    assert any(h.kind == "class" for h in fast[queries.index("rice")].hits)  # classes from the cached keys


def test_places_inside_the_place_named_say_so(shared_services) -> None:  # type: ignore[no-untyped-def]
    """The townships of 五常市 are listed for 五常 because their county is named: not 'other fields'."""
    hits = shared_services.search.search("五常", limit=40).hits
    inside = [h for h in hits if h.kind == "place" and h.subtitle.endswith("五常市")]
    assert inside and all(h.matched == "within" for h in inside if h.title != "五常镇")


def test_township_names_with_extension_g_and_h_ideographs_are_indexed_whole(shared_services) -> None:  # type: ignore[no-untyped-def]
    """𰝟 (Extension G) and 𱳪 (Extension H) were not counted as Chinese: their names were indexed
    without them, and two such names typed together found only one."""
    places = SearchFilters(kinds=("place",))
    both = titles(shared_services, "下𱳪镇 𰝟渡镇", n=10, kinds=("place",))
    assert "下𱳪镇" in both and "𰝟渡镇" in both
    for name, county in (("下𱳪镇", "英德市"), ("𰝟渡镇", "渠县")):
        hits = shared_services.search.search(name, places, limit=3).hits
        assert hits[0].title == name and county in hits[0].subtitle
    # the rare character alone is a query of its own (a one-character name query)
    assert "下𱳪镇" in titles(shared_services, "𱳪", n=10, kinds=("place",))


def test_an_offset_past_any_result_set_is_an_empty_page(services) -> None:  # type: ignore[no-untyped-def]
    """`ipdesk search --offset 100000000000000000000` stopped with an OverflowError (exit 70): SQLite's
    integers end at 2**63. Past the results is an empty page, whatever the number."""
    first = services.search.search("五常")
    assert first.total > 0
    for offset in (first.total, 10**20, 2**63):
        page = services.search.search("五常", offset=offset)
        assert page.hits == [] and page.total == first.total
