"""Numbers and codes in the forms people copy or type (search QA round 18a, N2-N5): full-width digits and
punctuation, patent certificate numbers (ZL…), a label typed in front, a kind code alone, GI announcement
numbers and IPC main groups. Synthetic records on a copy of the real seed (numbers nobody holds: year 2099,
CN9990…)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdesk.domain.codes import (
    code_query_forms,
    gi_announcement_query,
    ipc_prefix_key,
    labelled_number,
    number_punctuation,
    patent_family_keys,
)
from ipdesk.domain.text import fold
from ipdesk.services.models import Patent, Trademark
from ipdesk.services.search import SearchFilters

GRANT = "CN999012345B"  # the grant of an invention; its A publication shares the number
APP = "CN209910012345.6"
OTHER = "CN999067890A"  # a publication alone, no grant
MARK = "99012345"


@pytest.fixture(scope="module")
def numbered(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[object]:
    from ipdesk.services.container import build_services

    folder = tmp_path_factory.mktemp("numbers")
    shutil.copyfile(seed_path, folder / "ipdesk.sqlite")
    svc = build_services(folder)
    with svc.db.session() as s:
        s.add(Patent(pub_no=GRANT, app_no=APP, title="一种测试用的稻田灌溉装置", dataset="test",
                     ipc_codes="A01G0025020000", pub_date=dt.date(2023, 5, 2)))
        s.add(Patent(pub_no=OTHER, app_no="CN209910067890.1", title="一种测试用的温室骨架", dataset="test",
                     ipc_codes="A01G0009140000", pub_date=dt.date(2022, 3, 1)))
        s.add(Patent(pub_no="CN999067891A", app_no="CN209910067891.X", title="一种测试用的温室", dataset="test",
                     ipc_codes="A01G0009000000", pub_date=dt.date(2022, 3, 1)))
        # the B grant of OTHER, newer (its doc_id sorts first), and an old 7-digit number
        s.add(Patent(pub_no="CN999067890B", app_no="CN209910067890.1", title="一种测试用的温室骨架", dataset="test",
                     ipc_codes="A01G0009140000", pub_date=dt.date(2024, 6, 1)))
        s.add(Patent(pub_no="CN9990123A", app_no="CN99100123.4", title="一种测试用的老式犁", dataset="test",
                     ipc_codes="A01B0001000000", pub_date=dt.date(1999, 6, 1)))
        s.add(Trademark(reg_no=MARK, mark_text="测试禾苗", nice_class=30, dataset="test"))
    yield svc
    svc.close()


def found(svc, query: str, n: int = 20, **filters) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(h.kind, h.subtitle.split(" · ")[0] if h.kind in ("patent", "trademark") else h.title)
            for h in svc.search.search(query, SearchFilters(**filters), limit=n).hits]


# --- N3: full-width digits and punctuation ---------------------------------------------------------

def test_number_punctuation() -> None:
    assert number_punctuation("201710693560。3") == "201710693560.3"
    assert number_punctuation("五常。大米") == "五常。大米"


@pytest.mark.parametrize("query", ["２０９９１００１２３４５．６", "209910012345。6", "２０９９１００１２３４５。６",
                                   "ＣＮ２０９９１００１２３４５．６"])
def test_full_width_application_number(numbered, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 0 results; `looks_like_code` saw the raw query, whose full-width digits are above U+3000."""
    assert found(numbered, query)[:1] == [("patent", GRANT)]


@pytest.mark.parametrize("query", ["Ａ０１Ｇ　２５／０２", "A01G 25／02", "Ａ０１Ｇ２５／０２"])
def test_full_width_ipc_symbol(numbered, query: str) -> None:  # type: ignore[no-untyped-def]
    assert found(numbered, query) == [("patent", GRANT)]  # (the seed holds no class node A01G 25/02)


# --- N2: patent and trademark numbers in the forms people copy -------------------------------------

@pytest.mark.parametrize(("typed", "number"), [
    ("专利号209910012345.6", "209910012345.6"), ("申请号：209910012345.6", "209910012345.6"),
    ("专利申请号 209910012345.6", "209910012345.6"), ("注册号99012345", "99012345"), ("商标注册号：99012345", "99012345"),
    ("第99012345号", "99012345"), ("专利号：ZL209910012345.6", "zl209910012345.6"), ("公开（公告）号CN999012345B", "cn999012345b"),
    ("第37号", None), ("五常大米", None), ("国家质检总局公告2012年第37号", None), ("专利号", None),
])
def test_labelled_number(typed: str, number: str | None) -> None:
    assert labelled_number(fold(typed)) == number


def test_certificate_and_kind_code_forms() -> None:
    assert "2099100123456" in code_query_forms("zl 2099 1 0012345.6")
    assert "209910012345" in code_query_forms("zl209910012345")  # the check digit left out: a prefix
    assert "cn999012345b" in code_query_forms("999012345b")
    assert patent_family_keys("cn999012345a") == ["cn999012345"] and patent_family_keys("999012345a") == ["cn999012345"]
    assert patent_family_keys("cn999012345") == [] and patent_family_keys("2099100123456") == []


@pytest.mark.parametrize("query", [
    "ZL209910012345.6", "ZL 2099 1 0012345.6", "zl209910012345.6", "ZL209910012345", "ＺＬ２０９９１００１２３４５．６",
    "专利号209910012345.6", "申请号：209910012345.6", "专利号：ZL 2099 1 0012345.6", "999012345B", "999012345b",
    "CN999012345A", "cn 999012345 a", "授权公告号 CN999012345B",
])
def test_patent_number_forms_find_the_patent(numbered, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 0 results for each (ZL was not read as CN, a label made the query Chinese words, the digits and
    kind code had no key, the A publication did not find the B grant)."""
    assert found(numbered, query) == [("patent", GRANT)]


@pytest.mark.parametrize("query", ["注册号99012345", "第99012345号", "商标注册号：99012345", "注册号：９９０１２３４５"])
def test_trademark_number_with_a_label(numbered, query: str) -> None:  # type: ignore[no-untyped-def]
    assert found(numbered, query) == [("trademark", MARK)]


def test_a_publication_and_its_grant_exact_one_first(numbered) -> None:  # type: ignore[no-untyped-def]
    assert found(numbered, "CN999067890A") == [("patent", "CN999067890A"), ("patent", "CN999067890B")]
    assert found(numbered, "CN999067890B") == [("patent", "CN999067890B"), ("patent", "CN999067890A")]
    # the number as a whole token: an old 7-digit number is not the start of a 9-digit one
    assert found(numbered, "CN9990123B") == [("patent", "CN9990123A")]


# --- N4: GI announcement numbers and AGI numbers -----------------------------------------------------

@pytest.mark.parametrize(("typed", "read"), [
    ("国家质检总局公告2012年第37号", ("国家质检总局公告", "2012", "37")), ("2012年第37号", ("", "2012", "37")),
    ("公告2012年第37号", ("公告", "2012", "37")), ("2012 年 第 37 号", ("", "2012", "37")), ("2012年37号", ("", "2012", "37")),
    ("農業部公告第1813號", ("农业部公告", "", "1813")), ("第1813号", ("", "", "1813")),
    ("37号", None), ("第30类", None), ("五常2012年第37号", None), ("第12345678号", None),
])
def test_gi_announcement_query(typed: str, read: tuple[str, str, str] | None) -> None:
    assert gi_announcement_query(fold(typed)) == read


@pytest.mark.parametrize("query", ["国家质检总局公告2012年第37号", "2012年第37号", "公告2012年第37号", "２０１２年第３７号",
                                   "国家质检总局公告 2012 年第 37 号"])
def test_gi_announcement_number_from_the_detail_page(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 0 results; the number was only in the GI's key index, as one compacted CJK token."""
    result = shared_services.search.search(query, limit=20)
    titles = {h.title for h in result.hits}
    assert "京白梨" in titles and all(h.kind == "gi" and h.matched == "key" for h in result.hits)
    with shared_services.db.session() as s:
        numbers = {r[0] for r in s.execute(text(
            "SELECT g.announcement_no FROM geo_indication g JOIN search_doc d ON d.kind = 'gi' AND d.ref_id = g.id "
            f"WHERE d.doc_id IN ({','.join(str(i) for i in result.doc_ids)})"))}
    assert numbers == {"国家质检总局公告2012年第37号"}  # not 第137号 or another year's 第37号


def test_gi_announcement_number_keeps_the_filters(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert not search_titles(shared_services, "2012年第37号", kinds=("patent",))
    in_beijing = search_titles(shared_services, "2012年第37号", region="11")
    assert "京白梨" in in_beijing and "南充丝绸" not in in_beijing


def test_agi_number_without_its_zero_or_letters(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Before: AGI01459 was found, 01459 and AGI1459 not."""
    for query in ("AGI01459", "AGI1459", "agi1459", "01459", "ＡＧＩ１４５９"):
        assert search_titles(shared_services, query)[:1] == ["呼伦湖秀丽白虾"], query
    assert code_query_forms("1459") == ["1459"]  # four digits alone stay a number


def search_titles(svc, query: str, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.title for h in svc.search.search(query, SearchFilters(**filters), limit=50).hits]


# --- N5: an IPC main group as the query -----------------------------------------------------------------

UNDER_9 = {("patent", "CN999067890A"), ("patent", "CN999067890B"), ("patent", "CN999067891A")}


@pytest.mark.parametrize("query", ["A01G 9/00", "A01G9/00", "a01g 9/00", "A01G0009000000", "A01G 9", "A01G9", "Ａ０１Ｇ　９／００"])
def test_a_main_group_lists_its_node_then_the_patents_under_it(numbered, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: A01G 9/00 found the class node only, not the patents filed under A01G 9/14 (the IPC filter
    found them); A01G 9 found nothing."""
    hits = found(numbered, query)
    assert hits[0][0] == "class" and numbered.search.search(query, limit=1).hits[0].subtitle == "A01G 9/00"
    assert set(hits[1:]) == UNDER_9  # 9/14 and 9/00 itself, not 25/02 or another group


def test_the_ipc_filter_reads_a_main_group_without_its_slash(numbered) -> None:  # type: ignore[no-untyped-def]
    for ipc in ("A01G 9", "A01G9", "A01G 9/00"):
        assert set(found(numbered, "测试", ipc_prefix=ipc)) == UNDER_9, ipc
    assert ipc_prefix_key("A01G 9") == "A01G0009" and ipc_prefix_key("A01G 10/00") == "A01G0010"


def test_a_subgroup_query_lists_the_patents_at_or_below_it(numbered) -> None:  # type: ignore[no-untyped-def]
    assert found(numbered, "A01G 9/14") == [("patent", "CN999067890B"), ("patent", "CN999067890A")]
