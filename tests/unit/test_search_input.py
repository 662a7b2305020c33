"""What people type that is not plain words (walk-through of 2026-11-27, findings 1 and 5): numbers and
punctuation (2,4-D, pH=7, 1+1=2) are searched, never a database error; punctuation between Chinese words
(五常，大米, 【五常】) separates them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.domain.codes import code_query_forms
from ipdesk.domain.text import fold, pinyin_query_forms, query_words
from ipdesk.services.models import Patent, Trademark
from ipdesk.services.search import SearchFilters, _fts_term


def titles(svc, query: str, n: int = 50, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.title for h in svc.search.search(query, SearchFilters(**filters), limit=n).hits]


# --- 1. numbers and punctuation ------------------------------------------------------------------

ODD_QUERIES = [
    "2,4-D", "2，4-D", "1,2", "pH=7", "1 = 1", "A01G=9", "1+1=2", "' OR 1=1 --", '"', '""', "*", "a*b", "^", "--",
    "AND", "OR NOT", "NEAR(a b)", "(", ")", "a:b", "五常\"大米", "五常*", "N=2", "Xi'an", "x'", "'", "——", "？", "1/2",
    "A01G 9/00=", "#1", "100%", "C++", "3.5mm", "CN-1,2",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("filters", [{}, {"kinds": ("gi",)}, {"region": "23"}, {"kinds": ("trademark", "patent")}])
def test_odd_input_is_searched_never_a_database_error(shared_services, query: str, filters: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    """Before: fts5 refused '"2,4d"*' ('phrase queries are not supported (detail!=full)') and the CLI,
    the report and the window showed the driver's words."""
    result = shared_services.search.search(query, SearchFilters(**filters), limit=20)
    assert result.total == len(result.doc_ids) or result.capped


def test_typed_text_never_becomes_fts_syntax() -> None:
    assert _fts_term("2,4d", prefix=True) == '("2" AND "4d"*)'
    assert _fts_term("wuchang", prefix=True) == '"wuchang"*'
    assert _fts_term('a"b') == '("a" AND "b")'
    assert _fts_term("NEAR") == '"NEAR"' and _fts_term("*") == "" and _fts_term("--") == ""


def test_digits_apart_are_not_read_as_one_number() -> None:
    """1,2 is not the code 12 (every division of Tianjin), nor 1 = 1 the code 11 (Beijing)."""
    for typed in ("1,2", "1 = 1", "2,4-d", "ph=7", "1+1=2"):
        assert pinyin_query_forms(fold(typed)) == [], typed
        assert all(f.isalnum() for f in code_query_forms(typed)), typed
    assert pinyin_query_forms("wu-chang") == ["wuchang"] and pinyin_query_forms("wu3 chang2")[0] == "wuchang"
    assert "a01g900" in code_query_forms("A01G 9/00") and "cn102015000481495" in code_query_forms("CN 102015000481495")


def test_one_two_finds_no_division_by_its_code(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert not [h for h in shared_services.search.search("1,2", limit=50).hits if h.kind == "place"]


def test_a_chemical_name_is_found_as_written(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with services.db.session() as s:  # synthetic records (the seed has no patents)
        s.add(Patent(pub_no="ZZ990000101A", title="一种含2,4-D丁酯的除草剂组合物", abstract="除草剂。", dataset="test"))
        s.add(Patent(pub_no="ZZ990000102A", title="一种玉米田除草方法", abstract="喷施2，4-D异辛酯乳油。", dataset="test"))
        s.add(Patent(pub_no="ZZ990000103A", title="一种第2代4行D型播种机", abstract="播种机。", dataset="test"))
        s.add(Trademark(reg_no="99000101", mark_text="pH=7", nice_class=32, dataset="test"))
    for query in ("2,4-D", "2，4-D", "2,4-d"):
        found = titles(services, query)
        assert found[0] == "一种含2,4-D丁酯的除草剂组合物", query  # by its name first
        assert "一种玉米田除草方法" in found  # by its abstract (written with a full-width comma)
        assert "一种第2代4行D型播种机" not in found  # 2, 4 and D, but not 2,4-D
    assert titles(services, "pH=7") == ["pH=7"]
    assert titles(services, "2,4-D", kinds=("trademark",)) == []


def test_the_cli_and_the_report_search_2_4_d(data_dir: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.cli import main

    assert main(["--data-dir", str(data_dir), "search", "2,4-D"]) == 0
    assert "找到 0 条" in capsys.readouterr().out
    out = tmp_path / "e.pdf"
    assert main(["--data-dir", str(data_dir), "report", "search", "2,4-D", "--out", str(out)]) == 0, capsys.readouterr()
    assert out.is_file()


# --- 5. punctuation separates words ----------------------------------------------------------------

@pytest.mark.parametrize(("typed", "words"), [
    ("五常，大米", ["五常", "大米"]), ("五常,大米", ["五常", "大米"]), ("五常、大米", ["五常", "大米"]),
    ("五常/大米", ["五常", "大米"]), ("五常-大米", ["五常", "大米"]), ("【五常】", ["五常"]), ("（五常）", ["五常"]),
    ("《五常大米》", ["五常大米"]), ('"五常大米"', ["五常大米"]), ("五常大米。", ["五常大米"]), ("五常·大米", ["五常", "大米"]),
    ("2,4-D", ["2,4-d"]), ("A01G 9/00", ["a01g", "9/00"]), ("pH=7", ["ph=7"]), ("1 = 1", ["1"]),
    ("wuchang,dami", ["wuchang", "dami"]), ("kiwi-fruit", ["kiwi", "fruit"]), ("——", []),
])
def test_query_words(typed: str, words: list[str]) -> None:
    assert query_words(fold(typed)) == words


@pytest.mark.parametrize("query", ["五常，大米", "五常,大米", "五常、大米", "五常/大米", "五常-大米", "五常 大米",
                                   "五常；大米", "五常～大米"])
def test_words_apart_by_punctuation_find_wuchang_rice(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: 0 results for each (the whole 五常，大米 was one word, its comma never in a name)."""
    found = shared_services.search.search(query, limit=5).hits
    assert [h.title for h in found[:2]] == ["五常大米", "五常大米"], query
    assert all(h.matched != "in_query" for h in found[:2])


@pytest.mark.parametrize("query", ["【五常】", "（五常）", "“五常”", "五常。"])
def test_bracketed_place_finds_the_place(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    result = shared_services.search.search(query, limit=10)
    assert "五常市" in [h.title for h in result.hits] and "230184000000" in result.places


@pytest.mark.parametrize("query", ["《五常大米》", "“五常大米”", "五常大米。"])
def test_quoted_name_is_an_exact_name(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    first = shared_services.search.search(query, limit=1).hits[0]
    assert (first.title, first.matched) == ("五常大米", "name")


def test_a_name_holding_punctuation_is_still_found_as_typed(shared_services) -> None:  # type: ignore[no-untyped-def]
    first = shared_services.search.search("蜂蜜，蜂王浆等营养食品", limit=1).hits[0]
    assert (first.kind, first.subtitle) == ("class", "3005")


# --- filler words (walk-through qa11, Part 2 #9) ------------------------------------------------------


@pytest.mark.parametrize("query", ["五常 and 大米", "五常 AND 大米", "五常 OR 大米", "五常 the 大米", "五常 大米 AND",
                                   "五常 和 大米", "五常 与 大米", "ＡＮＤ 五常 大米"])
def test_a_filler_word_does_not_turn_a_hit_into_nothing(shared_services, query: str) -> None:  # type: ignore[no-untyped-def]
    """Before: each of these found 0 (every word must match, and no record holds "and")."""
    result = shared_services.search.search(query, limit=10)
    assert result.hits and result.hits[0].title == "五常大米" and result.hits[0].matched == "name"


def test_tea_or_rice_finds_what_tea_rice_finds(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert titles(shared_services, "tea or rice") == titles(shared_services, "tea rice") != []


def test_a_filler_word_alone_or_inside_a_name_is_still_searched() -> None:
    from ipdesk.domain.text import without_filler

    assert without_filler("and") == "and" and without_filler("the or") == "the or"
    assert without_filler("和平镇") == "和平镇" and without_filler("an ji bai cha") == "an ji bai cha"
    assert without_filler("Tea AND rice") == "Tea rice"
