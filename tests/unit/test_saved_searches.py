"""Saved searches (QA 19b N3): kept in the local store under a name, listed, renamed, deleted and run
again; names trimmed, limited and compared without regard to width or case; a name given twice
is refused unless replaced; rows written by another version are read leniently."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from ipdesk.services.container import build_services
from ipdesk.services.errors import UserInputError
from ipdesk.services.models import SavedSearch
from ipdesk.services.saved_searches import (
    MAX_NAME_CHARS,
    SavedSearchNameTaken,
    SavedSearchNotFound,
    conditions_text,
    filters_json,
    read_filters,
)
from ipdesk.services.search import SearchFilters

WUCHANG = "230184000000"  # 黑龙江省 哈尔滨市 五常市


def _add_row(services, name: str, query: str, stored: str, when: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """A row as another version (or a restored backup) may have left it."""
    with services.db.local_store.session() as s:
        s.add(SavedSearch(name=name, query=query, filters_json=stored, created_at=when))


def test_save_list_and_run_keep_the_query_and_every_filter(services, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    saved = services.saved_searches
    filters = SearchFilters(kinds=("trademark",), region=WUCHANG, nice_class=30, similar_group="3004",
                            year_from=2001, year_to=2020, status="registered")
    entry = saved.save("五常 第30类商标", "大米", filters, sort="date")
    assert entry.name == "五常 第30类商标" and entry.query == "大米" and entry.sort == "date"
    assert entry.filters == filters and entry.region_name == "黑龙江省 哈尔滨市 五常市" and not entry.dropped
    ran = saved.run("五常 第30类商标")
    assert (ran.query, ran.filters, ran.sort) == ("大米", filters, "date")
    # the search it gives is the one that was saved
    gi = SearchFilters(kinds=("gi",), region=WUCHANG, gi_kind="gi_product", status="protected")
    rice = saved.run(saved.save("五常的地理标志产品", "大米", gi).name)
    again = services.search.search(rice.query, rice.filters, limit=50)
    assert [h.title for h in again.hits] == ["五常大米"]
    assert again.hits == services.search.search("大米", gi, limit=50).hits
    # kept in the local store's own file, not the registry's
    with sqlite3.connect(data_dir / "ipdesk-local.sqlite") as conn:
        assert conn.execute("SELECT name FROM saved_search ORDER BY id").fetchall() == [("五常 第30类商标",),
                                                                                          ("五常的地理标志产品",)]
    # and there after the program starts again
    services.close()
    reopened = build_services(data_dir)
    try:
        assert [e.name for e in reopened.saved_searches.entries("name")] == ["五常 第30类商标", "五常的地理标志产品"]
        assert reopened.saved_searches.run("五常 第30类商标").filters == filters
    finally:
        reopened.close()


def test_the_command_lines_region_prefix_is_kept_as_the_full_code(services) -> None:  # type: ignore[no-untyped-def]
    entry = services.saved_searches.save("浙江的茶", "茶", SearchFilters(kinds=("gi",), region="33"))
    assert entry.filters.region == "330000000000" and entry.region_name == "浙江省"
    titles = [h.title for h in services.search.search("茶", entry.filters, limit=50).hits]
    assert "西湖龙井" in titles
    assert conditions_text(entry, "zh_CN") == "类型：地理标志；地区：浙江省"
    assert conditions_text(entry, "en") == "kinds: Geographical indication; region: 浙江省"


def test_list_newest_first_or_by_name(services) -> None:  # type: ignore[no-untyped-def]
    for i, name in enumerate(("b 茶", "A 大米", "c 苹果")):
        _add_row(services, name, "茶", "{}", dt.datetime(2026, 1, 1 + i))
    saved = services.saved_searches
    assert [e.name for e in saved.entries()] == ["c 苹果", "A 大米", "b 茶"]
    assert [e.name for e in saved.entries("name")] == ["A 大米", "b 茶", "c 苹果"]
    assert saved.count() == 3


def test_names_are_trimmed_limited_and_an_empty_one_is_refused(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.saved_searches
    assert saved.save("  五常\n 大米\t", "五常").name == "五常 大米"
    for blank in ("", "   ", "\u200b"):
        with pytest.raises(UserInputError) as refused:
            saved.save(blank, "五常")
        assert refused.value.message("zh_CN") == "请给这个检索起个名称。"
        assert refused.value.message("en") == "Give the saved search a name."
        assert refused.value.exit_code == 2
    assert saved.save("长" * MAX_NAME_CHARS, "五常").name == "长" * MAX_NAME_CHARS
    with pytest.raises(UserInputError) as too_long:
        saved.save("长" * (MAX_NAME_CHARS + 1), "五常")
    assert "最多 200 个" in too_long.value.message("zh_CN") and "at most 200" in too_long.value.message("en")
    with pytest.raises(UserInputError) as no_query:
        saved.save("空的", "  ")
    assert no_query.value.en.startswith("Type some text")
    with pytest.raises(UserInputError) as nowhere:
        saved.save("没有的地区", "茶", SearchFilters(region="990000000000"))
    assert "990000000000" in nowhere.value.message("zh_CN")
    assert saved.count() == 2


def test_a_name_given_twice_is_refused_unless_replaced(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.saved_searches
    first = saved.save("Wuchang 大米", "五常")
    for same in ("Wuchang 大米", " wuchang  大米 ", "ＷＵＣＨＡＮＧ 大米"):  # case, spaces, full width
        with pytest.raises(SavedSearchNameTaken) as taken:
            saved.save(same, "五常 大米")
        assert "“Wuchang 大米”" in taken.value.message("zh_CN") and "--replace" in taken.value.message("en")
    assert [(e.id, e.query) for e in saved.entries()] == [(first.id, "五常")]
    replaced = saved.save("wuchang 大米", "五常 大米", SearchFilters(region=WUCHANG), replace=True)
    assert [(e.name, e.query, e.filters.region) for e in saved.entries()] == [("wuchang 大米", "五常 大米", WUCHANG)]
    assert replaced.created_at >= first.created_at


def test_rename_keeps_the_search_and_refuses_a_taken_name(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.saved_searches
    rice = saved.save("大米", "五常 大米", SearchFilters(gi_kind="gi_product"))
    tea = saved.save("茶", "龙井")
    renamed = saved.rename(rice.id, "  五常大米  ")
    assert (renamed.id, renamed.name, renamed.query, renamed.filters) == (rice.id, "五常大米", "五常 大米", rice.filters)
    assert renamed.created_at == rice.created_at
    assert saved.rename(rice.id, "五常大米").name == "五常大米"  # its own name again is no clash
    with pytest.raises(SavedSearchNameTaken):
        saved.rename(rice.id, "茶")
    with pytest.raises(UserInputError):
        saved.rename(rice.id, " ")
    saved.rename(rice.id, "茶", replace=True)
    assert [(e.id, e.name, e.query) for e in saved.entries()] == [(rice.id, "茶", "五常 大米")]
    assert saved.get(tea.id) is None
    assert saved.rename_named("茶", "五常").name == "五常"


def test_delete_and_unknown_names(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.saved_searches
    entry = saved.save("五常", "五常")
    assert saved.delete(entry.id) is True and saved.delete(entry.id) is False
    assert saved.entries() == [] and saved.find("五常") is None
    for call in (lambda: saved.run("五常"), lambda: saved.delete_named("五常"), lambda: saved.rename_named("五常", "x")):
        with pytest.raises(SavedSearchNotFound) as missing:
            call()
        assert missing.value.exit_code == 2
        assert "没有名为“五常”的已保存检索" in missing.value.message("zh_CN")
        assert 'no saved search called "五常"' in missing.value.message("en")


def test_old_rows_unknown_keys_are_ignored_and_values_gone_are_dropped_with_a_note(services) -> None:  # type: ignore[no-untyped-def]
    _add_row(services, "旧版本", "五常", '{"kind": "gi", "colour": "red", "nice_class": 30}', dt.datetime(2026, 1, 1))
    _add_row(services, "已撤销的地区", "茶", '{"region": "339999000000", "status": "protected"}', dt.datetime(2026, 1, 2))
    _add_row(services, "坏的", "茶", "{not json", dt.datetime(2026, 1, 3))
    _add_row(services, "怪的值", "茶", '{"kinds": ["gi", "ufo"], "status": "zombie", "year_from": "x", '
                                       '"nice_class": 99, "gi_kind": "moon", "sort": "sideways"}', dt.datetime(2026, 1, 4))
    saved = services.saved_searches
    old = saved.run("旧版本")
    assert old.filters == SearchFilters(nice_class=30) and old.dropped == () and old.sort == "relevance"
    gone = saved.run("已撤销的地区")
    assert gone.filters == SearchFilters(status="protected") and gone.region_name == ""
    assert [d.zh for d in gone.dropped] == ["地区 339999000000 已不在行政区划中，已去掉这个条件"]
    assert gone.dropped[0].en == "the region 339999000000 is no longer a division and was left out"
    bad = saved.run("坏的")
    assert bad.filters == SearchFilters() and bad.dropped[0].en == "the saved filters could not be read and are not used"
    odd = saved.run("怪的值")
    assert odd.filters == SearchFilters(kinds=("gi",)) and odd.sort == "relevance"
    assert len(odd.dropped) == 5 and all(d.zh and d.en for d in odd.dropped)
    assert services.search.search(gone.query, gone.filters, limit=5).total > 0  # it still runs
    assert len(saved.entries()) == 4


def test_only_the_filters_that_are_set_are_stored() -> None:
    assert filters_json(SearchFilters()) == "{}"
    stored = filters_json(SearchFilters(region="3301", nice_class=30), "date")
    assert stored == '{"nice_class": 30, "region": "330100000000", "sort": "date"}'
    filters, sort, dropped = read_filters(stored)
    assert filters == SearchFilters(region="330100000000", nice_class=30) and sort == "date" and not dropped
