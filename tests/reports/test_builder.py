"""The builder on the real seed: search reports carry terms, versions and full records; basket and
wizard outcomes become sections; both languages are complete."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipdesk.domain.basket import BasketItem
from ipdesk.services.reports.builder import MAX_REPORT_ROWS, ReportMeta
from ipdesk.services.search import SearchFilters


def test_search_report_has_terms_scope_and_records(shared_services) -> None:  # type: ignore[no-untyped-def]
    report = shared_services.reports.builder.for_search("wuchang", None, "zh_CN", ReportMeta(client="测试"))
    assert report.title == "知识产权信息检索报告：wuchang"
    assert any(t.value == "wuchang" for t in report.search_terms)
    assert any("wuchang" in t.value and t.label.startswith("读作") for t in report.search_terms)
    names = {d.name for d in report.scope}
    assert {"gi", "divisions"} <= names and all(d.version >= 1 for d in report.scope)
    gi = report.tables()[0]
    assert gi.title == "地理标志"
    rice = [r for r in gi.rows if r[0] == "五常大米"]
    assert rice and isinstance(rice[0][-1], dt.date)  # as-of date of the record
    assert report.disclaimer and report.appendices
    # the total, of every kind, stands on its own, with each kind's share; not under the GI table
    summary = report.sections[0]
    assert summary.heading == "检索结果" and not summary.tables
    assert "地理标志 " in summary.paragraphs[0] and "地方 " in summary.paragraphs[0]
    assert not any("共找到" in p for p in report.sections[1].paragraphs)


def test_the_service_record_line_of_a_search_names_what_was_searched(shared_services) -> None:  # type: ignore[no-untyped-def]
    """The ledger keeps one line per report: two searches must not read the same there."""
    builder = shared_services.reports.builder
    rice = builder.for_search("五常", None, "zh_CN", ReportMeta()).outcome_summary()
    tea = builder.for_search("龙井", None, "zh_CN", ReportMeta()).outcome_summary()
    assert rice.startswith("检索“五常”，") and tea.startswith("检索“龙井”，") and "找到" in rice
    assert "上述" not in rice  # nothing is "above" a line in the ledger
    english = builder.for_search("Wuchang rice", None, "en", ReportMeta()).outcome_summary()
    assert english.startswith("Search for \"wuchang rice\"") or english.startswith("Search for \"Wuchang rice\"")
    long_query = "大米" * 40
    assert len(builder.for_search(long_query, None, "zh_CN", ReportMeta()).outcome_summary()) < 120


def test_search_report_is_capped_and_says_so(shared_services) -> None:  # type: ignore[no-untyped-def]
    report = shared_services.reports.builder.for_search("镇", SearchFilters(kinds=("place",)), "en", ReportMeta())
    rows = sum(len(t.rows) for t in report.tables())
    assert rows == MAX_REPORT_ROWS
    assert "the first 500 are listed" in report.sections[0].paragraphs[0]
    place = report.tables()[0]
    assert place.title == "Place" and len(place.rows[0][0]) == 12


def test_search_with_no_results(shared_services) -> None:  # type: ignore[no-untyped-def]
    report = shared_services.reports.builder.for_search("zzzzqqqq", None, "en", ReportMeta())
    assert report.tables() == [] and report.sections[0].paragraphs == ["(no results)"]


class _SyntheticOutcome:
    """A stand-in wizard outcome (generated test content), in the wizards' dict shape."""

    def to_report_section(self, lang: str) -> dict[str, Any]:
        en = lang.startswith("en")
        return {"title": "Synthetic check" if en else "合成核查", "headline": "OK" if en else "可以",
                "answers": [("Q?", "A")], "rules": ["Synthetic rule"], "next_steps": [], "checklist": []}


def test_basket_mixes_records_and_outcomes(shared_services) -> None:  # type: ignore[no-untyped-def]
    hit = shared_services.search.search("五常大米", limit=1).hits[0]
    place = shared_services.search.search("五常市", SearchFilters(kinds=("place",)), limit=1).hits[0]
    items = [
        BasketItem(hit.kind, hit.ref_id, hit.title),
        BasketItem(place.kind, place.ref_id, place.title),
        BasketItem("wizard", 0, "合成核查", payload=_SyntheticOutcome()),
    ]
    report = shared_services.reports.builder.for_basket(items, "zh_CN", ReportMeta(title="测试篮子"))
    assert report.title == "测试篮子"
    assert [s.heading for s in report.sections] == ["合成核查", "地理标志", "地方"]
    assert report.tables()[1].rows[0][0] == place.key
    assert report.outcome_summary() == "可以"
    assert report.appendices[0].paragraphs == ["Synthetic rule"]


def test_real_gi_check_outcome_renders(shared_services) -> None:  # type: ignore[no-untyped-def]
    wizards = getattr(shared_services, "wizards", None)
    if wizards is None:
        pytest.skip("wizards service not wired")
    outcome = wizards.gi_check({"role": "cooperative", "product": "大米", "township_code": "230184100000"})
    for lang in ("zh_CN", "en"):
        report = shared_services.reports.builder.for_outcome(outcome, lang, ReportMeta())
        wizard = report.wizard_sections()[0]
        assert wizard.outcome_title and wizard.questions and wizard.checklist
        assert "五常大米" in wizard.outcome_title


def test_whole_result_sets_in_the_basket(shared_services) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.reports.builder import search_basket_item

    builder = shared_services.reports.builder
    only = builder.for_basket([search_basket_item("五常")], "zh_CN", ReportMeta())
    assert only.title == "知识产权信息检索报告：五常" and only.search_terms[0].value == "五常"
    tea = search_basket_item("龙井", SearchFilters(kinds=("gi",)))
    assert tea != search_basket_item("龙井")  # different filters, different basket entries
    hit = shared_services.search.search("五常大米", limit=1).hits[0]
    mixed = builder.for_basket([tea, BasketItem(hit.kind, hit.ref_id, hit.title)], "en", ReportMeta())
    headings = [s.heading for s in mixed.sections]
    assert headings[0].startswith('Search "龙井"') and headings[-1] == "Geographical indication"
    # the search's terms belong to its own part, not to the whole report (which holds more)
    assert mixed.search_terms == []
    assert any(t.label == "Record kinds" for t in mixed.sections[0].search_terms)
    assert not any(s.search_terms for s in mixed.sections[1:])
    assert mixed.appendices[-1].title == "How the search works"


def test_search_part_of_a_basket_is_captioned_once_and_named_for_excel(shared_services) -> None:  # type: ignore[no-untyped-def]
    """A search's tables are captioned by their section heading only (no second "地理标志" under
    "检索“五常”：地理标志"), and their sheets say which search; a record added on its own keeps its kind."""
    from ipdesk.services.reports.builder import search_basket_item

    hit = shared_services.search.search("五常大米", SearchFilters(kinds=("gi",)), limit=1).hits[0]
    report = shared_services.reports.builder.for_basket(
        [search_basket_item("五常"), BasketItem(hit.kind, hit.ref_id, hit.title)], "zh_CN", ReportMeta())
    searched = [s for s in report.sections if s.heading.startswith("检索“五常”")]
    gi = next(s for s in searched if s.heading == "检索“五常”：地理标志")
    assert gi.caption(gi.tables[0]) == "" and gi.tables[0].sheet == "地理标志（检索“五常”）"
    alone = report.sections[-1]
    assert alone.heading == "地理标志" and alone.caption(alone.tables[0]) == ""
    sheets = [t.sheet or t.title for t in report.tables()]
    assert len(sheets) == len(set(sheets)) and "地理标志" in sheets


def test_gi_table_shows_the_protected_area(shared_services) -> None:  # type: ignore[no-untyped-def]
    """Where no wording of the area was recorded, the divisions of the area are listed."""
    report = shared_services.reports.builder.for_search("五常大米", SearchFilters(kinds=("gi",)), "zh_CN", ReportMeta())
    gi = report.tables()[0]
    area = [c.label for c in gi.columns].index("保护范围")
    rice = {r[1]: r[area] for r in gi.rows if r[0] == "五常大米"}
    # the mark's area is inferred from its name by the seed's list: marked as the GI check says it (QA)
    assert rice == {"地理标志产品": "五常市", "地理标志证明商标": "五常市（粗略记录，请核实）"}
    assert all(r[area] for r in gi.rows)


def test_area_names_are_capped() -> None:
    from ipdesk.services.reports.builder import area_names

    assert area_names(["甲县", "乙县"], "zh_CN") == "甲县、乙县"
    many = area_names([f"测试县{i}" for i in range(20)], "en")
    assert many.startswith("测试县0, 测试县1") and many.endswith(" and 8 more") and "测试县12" not in many


def test_pinyin_variants_of_a_chinese_query() -> None:
    from ipdesk.services.reports.builder import pinyin_variants

    assert pinyin_variants("五常大米")[:1] == ["wuchangdami"] and "wcdm" in pinyin_variants("五常大米")
    variants = pinyin_variants("长白山人参")
    assert variants[0] == "changbaishanrenshen" and "zhangbaishanrenshen" in variants and "cbsrs" in variants
    assert pinyin_variants("wuchang") == []


def test_chinese_search_report_lists_pinyin(shared_services) -> None:  # type: ignore[no-untyped-def]
    report = shared_services.reports.builder.for_search("五常", None, "zh_CN", ReportMeta())
    terms = {t.label: t.value for t in report.search_terms}
    assert "wuchang" in terms["拼音（含多音字读法与首字母）"] and "wc" in terms["拼音（含多音字读法与首字母）"]


def test_pinyin_of_a_query_keeps_ideographs_beyond_the_basic_block() -> None:
    """QA round 17: the report read 下𱳪镇 as "xiazhen": every character outside U+4E00–U+9FFF was
    dropped. Characters pypinyin knows are read; with one it does not know there is no pinyin line."""
    from ipdesk.services.reports.builder import pinyin_variants

    assert pinyin_variants("𬶍莲")[0] == "tuolian"  # Extension E: 𬶍 (鼍)
    assert pinyin_variants("下𱳪镇")[0] != "xiazhen" and len(pinyin_variants("下𱳪镇")[0]) > len("xiazhen")
    assert pinyin_variants("下\U000323AF镇") == []  # the last of Extension H: pypinyin has no reading for it
    assert pinyin_variants("五常")[:1] == ["wuchang"]


def test_english_counts_agree_with_their_nouns(shared_services) -> None:  # type: ignore[no-untyped-def]
    """QA 18b N5: "This report lists 1 records for the client's reference." (also the service record's
    outcome); the search report's "1 records found" and "the first 1 are listed" too."""
    builder = shared_services.reports.builder
    one = builder.for_basket([BasketItem("place", 230184100000, "五常镇", "")], "en", ReportMeta())
    assert one.conclusion == "This report lists 1 record for the client's reference."
    assert one.outcome_summary() == one.conclusion
    two = builder.for_basket([BasketItem("place", 230184100000, "五常镇", ""),
                              BasketItem("place", 230184101000, "", "")], "en", ReportMeta())
    assert two.conclusion == "This report lists 2 records for the client's reference."
    assert builder.for_basket([BasketItem("place", 230184100000, "五常镇", "")], "zh_CN", ReportMeta()).conclusion == \
        "本报告列出 1 条记录，供服务对象参考。"

    found = builder.for_search("230184100000", SearchFilters(kinds=("place",)), "en", ReportMeta())
    assert found.conclusion == 'Search for "230184100000": 1 record found in the data listed.'
    first = builder.for_search("五常", None, "en", ReportMeta(), limit=1)
    assert first.sections[0].paragraphs[0].endswith("; only the first is listed.")
    assert "records found" in first.conclusion

    found.conclusion = ""  # the service record's line of a report without one
    assert found.outcome_summary() == "1 search result provided"


DOUBT_DAY = dt.date(2026, 11, 25)


def _doubtful_records(services: Any) -> tuple[list[BasketItem], Any]:
    """Synthetic records (numbers start with CN9900 / 9900): a utility model 届满 two years after its filing
    (its ten-year term runs to 2034), an expired invention whose term has run, a registered mark whose term
    and grace period ended long ago, one in its grace period, one in its term."""
    from ipdesk.services.models import Patent, Trademark
    from ipdesk.services.reports.builder import ReportBuilder

    with services.db.session() as s:
        patents = [Patent(pub_no="CN990000033U", title="一种测试用育秧盘", kind="utility", legal_status="expired",
                          filing_date=dt.date(2024, 7, 16), dataset="test"),
                   Patent(pub_no="CN990000034A", title="一种测试用育秧方法", kind="invention", legal_status="expired",
                          filing_date=dt.date(2001, 3, 1), expiry_date=dt.date(2021, 3, 1), dataset="test")]
        marks = [Trademark(reg_no="99000101", mark_text="测试甲", nice_class=30, similar_groups="3008",
                           status="registered", expiry_date=dt.date(2020, 1, 13), dataset="test"),
                 Trademark(reg_no="99000102", mark_text="测试乙", nice_class=30, similar_groups="3008",
                           status="registered", expiry_date=dt.date(2026, 9, 1), dataset="test"),
                 Trademark(reg_no="99000103", mark_text="测试丙", nice_class=30, similar_groups="3008",
                           status="registered", expiry_date=dt.date(2030, 1, 1), dataset="test")]
        s.add_all([*patents, *marks])
        s.flush()
        items = [*(BasketItem("patent", p.id, p.title) for p in patents),
                 *(BasketItem("trademark", t.id, t.mark_text) for t in marks)]
    return items, ReportBuilder(services.db, services.search, today=DOUBT_DAY)


def test_a_doubtful_patent_status_is_printed_as_in_doubt_with_why(services) -> None:  # type: ignore[no-untyped-def]
    """QA 20a N2: the record's page said 状态存疑 (届满, but a utility model filed 2024-07-16 is protected to
    2034-07-15) while every report printed plainly 已届满, which reads as free to use."""
    from ipdesk.domain.report import printed_table

    items, builder = _doubtful_records(services)
    report = builder.for_basket(items, "zh_CN", ReportMeta())
    patents = next(t for t in report.tables() if t.title == "专利")
    assert [c.label for c in patents.columns][7:] == ["法律状态", "届满日", "截至", "状态存疑"]
    doubtful, expired = patents.rows
    assert doubtful[7] == "已届满（状态存疑）" and expired[7] == "已届满" and expired[10] == ""
    assert doubtful[10] == ("状态为已届满，但实用新型专利自申请日2024-07-16起的保护期到2034-07-15为止（2034-07-16期满终止），"
                            "以国家知识产权局登记为准")
    printed = printed_table(patents, "zh_CN")  # PDF and Word: why, under the title
    assert printed.rows[0][1].split("\n")[-1] == "状态存疑：" + doubtful[10] and "状态存疑" not in printed.rows[1][1]
    assert "已届满（状态存疑）" in printed.rows[0]
    english = builder.for_basket(items, "en", ReportMeta())
    row = next(t for t in english.tables() if t.title == "Patent").rows[0]
    assert row[7] == "expired (in doubt)" and row[10].endswith("; CNIPA's register decides")


def test_a_marks_ended_term_is_said_beside_its_status(services) -> None:  # type: ignore[no-untyped-def]
    items, builder = _doubtful_records(services)
    marks = next(t for t in builder.for_basket(items, "zh_CN", ReportMeta()).tables() if t.title == "商标")
    assert marks.columns[-1].label == "状态说明"
    lapsed, grace, live = marks.rows
    assert lapsed[6] == "已注册（状态存疑）" and "宽展期至2020-07-13也已过去" in lapsed[10] and "可能已过时" in lapsed[10]
    assert grace[6] == "已注册（宽展期内）" and "宽展期至2027-03-01，在此之前仍可续展" in grace[10]
    assert live[6] == "已注册" and live[10] == ""
    english = next(t for t in builder.for_basket(items, "en", ReportMeta()).tables() if t.title == "Trademark")
    assert english.rows[0][6] == "registered (in doubt)" and "may be out of date" in english.rows[0][10]


def test_a_table_whose_statuses_nobody_doubts_has_no_note_column(services) -> None:  # type: ignore[no-untyped-def]
    items, builder = _doubtful_records(services)
    report = builder.for_basket([items[1], items[4]], "zh_CN", ReportMeta())
    assert [len(t.columns) for t in report.tables()] == [10, 10]
    assert all(len(r) == 10 for t in report.tables() for r in t.rows)
    assert all(len(pc.details) == 2 for t in report.tables() for pc in t.print_columns if pc.details)


def test_an_invention_in_force_after_20_years_granted_before_2021_06_01_is_printed_in_doubt(services) -> None:  # type: ignore[no-untyped-def]
    """The report reads the grant date as the finder does: 有效 after 20 years is in doubt for an invention
    granted before 2021-06-01 (no compensation for a delayed grant), not for one granted later."""
    from ipdesk.services.models import Patent
    from ipdesk.services.reports.builder import ReportBuilder

    with services.db.session() as s:
        patents = [Patent(pub_no="CN990000035B", title="一种测试用插秧方法", kind="invention", legal_status="in_force",
                          filing_date=dt.date(2005, 3, 1), grant_date=dt.date(2009, 6, 10), dataset="test"),
                   Patent(pub_no="CN990000036B", title="一种测试用育苗方法", kind="invention", legal_status="in_force",
                          filing_date=dt.date(2005, 3, 1), grant_date=dt.date(2022, 3, 1), dataset="test")]
        s.add_all(patents)
        s.flush()
        items = [BasketItem("patent", p.id, p.title) for p in patents]
    report = ReportBuilder(services.db, services.search, today=DOUBT_DAY).for_basket(items, "zh_CN", ReportMeta())
    table = next(t for t in report.tables() if t.title == "专利")
    early, late = table.rows
    assert early[7] == "有效（状态存疑）" and "授权公告日2009-06-10早于2021-06-01" in early[10]
    assert late[7] == "有效" and late[10] == ""
