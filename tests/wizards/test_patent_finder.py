"""Patent finder: vocabulary, query plan, status groups, and synthetic patents through the service."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ipdesk.domain import rules
from ipdesk.domain.codes import normalize_ipc
from ipdesk.domain.patent_finder import (
    PatentFacts,
    PatentRecord,
    _shortest_term_end,
    crop_for,
    decide,
    plan_query,
    status_doubt,
    status_group,
)

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(("typed", "crop"), [("水稻", "rice"), ("大米", "rice"), ("rice", "rice"), ("苹果", "apple"),
                                            ("土豆", "potato"), ("香菇", "mushroom"), ("生猪", "pig"),
                                            ("apples", "apple"), ("corn", "maize"), ("Navel oranges", "citrus"),
                                            ("稻", "rice"), ("稻田", "rice"), ("paddy fields", "rice")])
def test_crop_vocabulary(typed: str, crop: str) -> None:
    found = crop_for(typed)
    assert found is not None and found.id == crop


def test_unknown_crop_is_searched_as_typed() -> None:
    assert crop_for("测试作物") is None
    assert plan_query({"crop": "测试作物"}).keywords == ("测试作物",)


def test_plan_maps_technique_to_ipc() -> None:
    q = plan_query({"crop": "苹果", "technique": "harvesting", "keywords": "测试 机械"})
    assert q.ipc == ("A01D",) and "苹果" in q.keywords and q.extra == ("测试", "机械")
    q = plan_query({"crop": "马铃薯", "technique": "harvesting"})
    assert "A01D 13/00" in q.ipc  # crop-specific codes within the technique's subclass


def test_every_vocabulary_ipc_code_is_in_the_seed(shared_services) -> None:  # type: ignore[no-untyped-def]
    codes = {c for t in rules.TECHNIQUES for c in t.ipc} | {c for cr in rules.CROPS for c in cr.ipc}
    in_seed_scope = {c for c in codes if c[:3] in ("A01", "A23", "C05")}  # the seed's IPC subset
    titles = shared_services.wizards.ipc_titles(sorted(codes))
    assert set(titles) == in_seed_scope, sorted(in_seed_scope - set(titles))
    assert codes - in_seed_scope == {"B02B"}  # grain husking and polishing: searched, shown without a heading
    assert all(normalize_ipc(c) or len(c) == 3 for c in codes)


def test_a_crops_own_ipc_groups_name_it_in_the_ipc_table(reference_dir) -> None:  # type: ignore[no-untyped-def]
    """Each own group is in CNIPA's Chinese IPC table and its title names the crop (or its kind): a group
    shared with other crops would bring their patents in."""
    titles = dict(line.split("\t")[:2] for line in
                  (reference_dir / "classifications" / "ipc_zh_agri_subset.tsv").read_text("utf-8").splitlines()
                  if "\t" in line)
    named = {"rice": "水稻", "maize": "玉米", "potato": "马铃薯", "peanut": "花生", "mushroom": "蘑菇", "sheep": "羊",
             "chicken": ("家禽", "蛋")}
    own = {(c.id, code) for c in rules.CROPS for code in c.own_ipc}
    assert {crop for crop, _ in own} == set(named)
    for crop, code in own:
        title = titles[code.replace(" ", "")]
        words = named[crop]
        assert any(w in title for w in ((words,) if isinstance(words, str) else words)), (code, title)


@pytest.mark.parametrize(
    ("status", "expiry", "group"),
    # a rejected application never became a patent: its own group, not "expired or lapsed" (QA)
    [("expired", None, "free"), ("lapsed", None, "free"), ("rejected", None, "not_granted"),
     ("in_force", dt.date(2030, 1, 1), "in_force"), ("in_force", dt.date(2020, 1, 1), "doubtful"),
     ("lapsed", dt.date(2030, 1, 1), "free"), ("expired", dt.date(2030, 1, 1), "doubtful"),
     ("", dt.date(2020, 1, 1), "free"),
     ("pending", None, "pending"), ("", None, "unknown")],
)
def test_status_groups(status: str, expiry: dt.date | None, group: str) -> None:
    assert status_group(PatentRecord(1, "X", "t", legal_status=status, expiry_date=expiry), TODAY) == group


def test_decide_orders_in_force_first_and_explains_kinds() -> None:
    facts = PatentFacts(
        patents=(PatentRecord(1, "CN990000001A", "测试甲", "invention", "in_force"),
                 PatentRecord(2, "CN990000002U", "测试乙", "utility", "expired")),
        ipc_titles={}, today=TODAY,
    )
    outcome = decide({"crop": "水稻"}, facts)
    # in force first, as the user guide says: what restricts use comes first (QA: 已失效 had been listed first)
    assert [f.group for f in outcome.findings] == ["in_force", "free"]
    assert rules.PATENT_KIND_NOTES["invention"] in outcome.notes and rules.PATENT_KIND_NOTES["utility"] in outcome.notes
    assert "1 expired or lapsed" in outcome.explanation.en


def test_service_groups_synthetic_patents(synthetic_services) -> None:  # type: ignore[no-untyped-def]
    outcome = synthetic_services.wizards.patent_finder({"crop": "水稻", "technique": "harvesting"}, today=TODAY)
    groups = {f.title: f.group for f in outcome.findings if f.kind == "patent"}
    assert groups == {
        "一种测试用水稻收获装置": "free",
        "一种测试用水稻收割机（未缴年费终止）": "free",
        "一种测试用水稻割台": "in_force",
        "一种测试用稻谷收割方法": "pending",
    }  # the apple picker (other crop) and the fertilising method (other technique) are left out
    ipc = [f for f in outcome.findings if f.group == "ipc"]
    assert ipc and ipc[0].subtitle == "A01D" and "收获" in ipc[0].title
    anything = synthetic_services.wizards.patent_finder({"crop": "水稻"}, today=TODAY)
    assert "一种测试用水稻施肥方法" in {f.title for f in anything.findings}


def test_more_found_than_listed_is_said() -> None:
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000001A", "测试甲", "invention", "expired"),),
                        ipc_titles={}, today=TODAY, total=5001, total_capped=True)
    outcome = decide({"crop": "水稻"}, facts)
    assert "5001+" in outcome.headline.zh and "of the newest 1: 1 expired or lapsed" in outcome.headline.en
    assert "列出1件，另有较早的5000+件未查看" in outcome.headline.zh
    assert any("5001+ found; 1 listed; 5000+ older ones not read" in n.en for n in outcome.notes)


def _many_patents() -> tuple[PatentRecord, ...]:
    """260 synthetic patents, newest first but for the pending ones: 120 expired
    (their term has run), 80 in force, 35 pending, 25 doubtful (a utility model 届满 whose term runs to 2030)."""
    out = []
    for i in range(260):
        day = dt.date(2005, 1, 1) - dt.timedelta(days=i)  # 测试0 the newest
        # the pending ones filed in 2008, within their 20 years (a pending application past them is doubtful)
        status, expiry, filed = (("expired", day.replace(year=2025), day) if i < 120 else ("in_force", None, day)
                                 if i < 200 else ("pending", None, day.replace(year=day.year + 4)) if i < 235
                                 else ("expired", None, dt.date(2020, 1, 1)))
        out.append(PatentRecord(i + 1, f"CN99{i:07d}A", f"测试{i}", "invention" if i < 235 else "utility", status,
                                filing_date=filed, expiry_date=expiry))
    return tuple(out)


def test_the_listed_patents_are_those_to_treat_as_in_force_and_the_headline_counts_them() -> None:
    """QA 20a N1: the headline said 列出的300件 while 200 were listed, and the cut (the last groups in the list's
    order) dropped every pending application and most doubtful ones."""
    from ipdesk.domain.patent_finder import MAX_LISTED

    outcome = decide({"crop": "水稻"}, PatentFacts(patents=_many_patents(), ipc_titles={}, today=TODAY, total=260))
    listed = [f for f in outcome.findings if f.kind == "patent"]
    groups = [f.group for f in listed]
    assert len(listed) == MAX_LISTED == 200
    assert groups.count("pending") == 35 and groups.count("doubtful") == 25 and groups.count("in_force") == 80
    assert groups.count("free") == 60 and [f.title for f in listed if f.group == "free"][:2] == ["测试0", "测试1"]
    assert groups == sorted(groups, key=["in_force", "doubtful", "pending", "free"].index)  # shown grouped
    assert outcome.headline.zh == ("水稻 / 大米：本机数据中找到260件专利，其中80件有效、25件状态存疑、35件审查中、120件已失效；"
                                   "列出200件，未列出60件已失效")
    assert outcome.headline.en.endswith("; 200 listed, not listed: 60 expired or lapsed")
    assert any("共找到260件，这里列出200件，未列出60件已失效。先列出的是状态存疑" in n.zh for n in outcome.notes)
    assert "300" not in outcome.headline.zh + "".join(n.zh for n in outcome.notes)


def test_the_screen_lists_every_patent_the_headline_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    """QA 20a N1: the result page showed the first 60 (the lapsed ones first) under a headline of more."""
    from ipdesk.ui.wizards.base import outcome_html

    outcome = decide({"crop": "水稻"}, PatentFacts(patents=_many_patents(), ipc_titles={}, today=TODAY, total=260))
    shown = outcome_html(outcome, "zh_CN")
    assert "列出200件" in shown
    assert sum(f"CN99{i:07d}A" in shown for i in range(260)) == 200
    assert all(f.subtitle in shown for f in outcome.findings if f.group in ("pending", "doubtful"))


def test_the_in_force_ones_give_way_before_pending_and_doubtful_ones() -> None:
    many = _many_patents()
    many = tuple(p if p.legal_status != "expired" or p.id > 120 else PatentRecord(
        p.id, p.pub_no, p.title, p.kind, "in_force", filing_date=p.filing_date) for p in many)  # 200 in force
    outcome = decide({"crop": "水稻"}, PatentFacts(patents=many, ipc_titles={}, today=TODAY, total=260))
    groups = [f.group for f in outcome.findings if f.kind == "patent"]
    assert (groups.count("doubtful"), groups.count("pending"), groups.count("in_force")) == (25, 35, 140)
    assert outcome.headline.zh.endswith("；列出200件，未列出60件有效")


def test_every_listed_patent_is_in_the_report_and_the_headline_says_how_many(services) -> None:  # type: ignore[no-untyped-def]
    """Screen, report and headline agree: the outcome's patents are the report's rows."""
    from ipdesk.services.models import Patent
    from ipdesk.services.reports.builder import ReportMeta

    with services.db.session() as s:
        for p in _many_patents():
            s.add(Patent(pub_no=p.pub_no, title=f"一种测试用水稻育秧盘{p.id}", kind=p.kind, legal_status=p.legal_status,
                         ipc_codes="A01G0022220000", filing_date=p.filing_date, expiry_date=p.expiry_date,
                         applicants="测试申请人", dataset="test"))
    outcome = services.wizards.patent_finder({"crop": "水稻", "technique": "planting"}, today=TODAY)
    listed = [f for f in outcome.findings if f.kind == "patent"]
    assert len(listed) == 200 and "找到260件专利" in outcome.headline.zh and "列出200件，未列出60件已失效" in outcome.headline.zh
    report = services.reports.builder.for_outcome(outcome, "zh_CN", ReportMeta())
    rows = [r for t in report.tables() for r in t.rows if str(r[1]).startswith("CN99")]
    assert len(rows) == 200 and sum("审查中" in str(r[2]) for r in rows) == 35
    assert "列出200件" in report.conclusion


def test_keywords_narrow_the_search(synthetic_services) -> None:  # type: ignore[no-untyped-def]
    outcome = synthetic_services.wizards.patent_finder({"crop": "水稻", "keywords": "割台"}, today=TODAY)
    assert [f.title for f in outcome.findings if f.kind == "patent"] == ["一种测试用水稻割台"]


def test_no_patent_data_is_not_zero_patents() -> None:
    """An empty store searched nothing: saying "0 found, 0 free to use" would read as "no patents exist"."""
    outcome = decide({"crop": "水稻", "technique": "harvesting"},
                     PatentFacts(patents=(), ipc_titles={}, today=TODAY, total=0, store_has_patents=False))
    assert outcome.code == "no_data" and outcome.level == "caution"
    assert "没有专利数据" in outcome.headline.zh and "no patent data" in outcome.headline.en
    assert "找到" not in outcome.headline.zh and "does not mean none exist" in outcome.explanation.en
    assert any("A01D" in n.zh for n in outcome.notes)  # the words and codes to search with elsewhere
    some = decide({"crop": "水稻"}, PatentFacts(patents=(), ipc_titles={}, today=TODAY, total=0))
    assert some.code == "none_found" and any("没有符合条件" in n.zh for n in some.notes)


def test_service_tells_an_empty_store_from_no_match(shared_services, synthetic_services) -> None:  # type: ignore[no-untyped-def]
    assert shared_services.wizards.patent_finder({"crop": "水稻"}, today=TODAY).code == "no_data"  # seed: no patents
    assert synthetic_services.wizards.patent_finder({"crop": "猕猴桃"}, today=TODAY).code == "none_found"


def test_reasons_show_status_and_kind_in_words_not_codes() -> None:
    facts = PatentFacts(
        patents=(PatentRecord(1, "CN990000001A", "测试甲", "invention", "in_force"),
                 PatentRecord(2, "CN990000002U", "测试乙", "utility", "lapsed"),
                 PatentRecord(3, "CN990000003S", "测试丙", "design", "测试状态（原文）")),
        ipc_titles={}, today=TODAY,
    )
    section = decide({"crop": "水稻"}, facts)
    by_title = {f.title: f.reasons for f in section.findings}
    assert "法律状态：有效" in [r.zh for r in by_title["测试甲"]]
    assert "legal status: in force" in [r.en for r in by_title["测试甲"]]
    assert "法律状态：已失效" in [r.zh for r in by_title["测试乙"]] and "kind: utility model" in [r.en for r in by_title["测试乙"]]
    assert "类型：外观设计" in [r.zh for r in by_title["测试丙"]]
    assert "法律状态：测试状态（原文）" in [r.zh for r in by_title["测试丙"]]  # free text from the data stays as it is
    for lang in ("zh_CN", "en"):
        text = " ".join(r for f in section.to_report_section(lang)["findings"] for r in f["reasons"])
        assert "in_force" not in text and "utility:" not in text


def test_ipc_headings_are_in_the_readers_language() -> None:
    from ipdesk.domain.i18n import Text

    facts = PatentFacts(patents=(), ipc_titles={"A01F 25/00": Text("测试储藏", "test storage")}, today=TODAY, total=0)
    outcome = decide({"crop": "apple", "technique": "storage"}, facts)
    en = outcome.to_report_section("en")["findings"]
    assert [(f["title"], f["subtitle"]) for f in en] == [("test storage", "A01F 25/00")]
    assert [f["title"] for f in outcome.to_report_section("zh_CN")["findings"]] == ["测试储藏"]
    assert not en[0]["reasons"]  # the code and the heading each once


@pytest.mark.parametrize(("typed", "technique"), [("种植", "planting"), ("种植、播种", "planting"), ("储藏", "storage"),
                                                 ("Planting and sowing", "planting"), ("harvesting", "harvesting"),
                                                 ("dancing", None), ("", None)])
def test_technique_in_words(typed: str, technique: str | None) -> None:
    assert rules.technique_id(typed) == technique


def test_one_patent_is_singular_in_english() -> None:
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000001A", "测试甲", "invention", "expired"),),
                        ipc_titles={}, today=TODAY, total=1)
    assert "1 patent found" in decide({"crop": "水稻"}, facts).headline.en


def test_pinyin_typed_without_an_input_method_finds_the_crop() -> None:
    from ipdesk.domain.patent_finder import crop_for, suggest_crops

    assert crop_for("shuidao").id == "rice" and crop_for("pingguo").id == "apple"
    assert [c.id for c in suggest_crops("shuid")] == ["rice"]
    assert suggest_crops("zzzz") == []


def test_pinyin_initials_offer_the_crop_as_the_gi_finder_takes_wcdm() -> None:
    from ipdesk.domain.patent_finder import suggest_crops

    assert [c.id for c in suggest_crops("pg")] == ["apple"]  # 苹果
    assert [c.id for c in suggest_crops("xlx")] == ["crayfish"]  # 小龙虾
    assert "rice" in [c.id for c in suggest_crops("sd")]  # 水稻
    assert [c.id for c in suggest_crops("mo")] == ["mushroom"]  # mogu, 蘑菇: a syllable, not initials


# --- lapsed is not "free to use"; contradictory status; nothing found here ----------------------------

def _all_text(outcome, lang: str) -> str:  # type: ignore[no-untyped-def]
    section = outcome.to_report_section(lang)
    return " ".join([outcome.headline(lang), outcome.explanation(lang), *(t(lang) for t in outcome.next_steps),
                     *(r.summary(lang) for r in outcome.rules),
                     *(str(f["group_label"]) for f in section["findings"])])


def test_lapsed_patents_are_not_called_free_to_use() -> None:
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000001A", "测试甲", "invention", "expired",
                                              filing_date=dt.date(2001, 1, 1), expiry_date=dt.date(2021, 1, 1)),
                                 PatentRecord(2, "CN990000002U", "测试乙", "utility", "lapsed")),
                        ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, facts)
    zh, en = _all_text(outcome, "zh_CN"), _all_text(outcome, "en")
    assert "自由使用" not in zh and "自由实施" not in zh and "free to use" not in en and "used freely" not in en
    assert outcome.headline.zh == "水稻 / 大米：本机数据中找到2件专利，其中2件已失效"
    assert "本身不再限制使用" in zh and "其他有效专利" in zh and "another patent in force" in en
    assert "恢复" in outcome.rules[0].summary.zh and "restored" in outcome.rules[0].summary.en
    labels = {f["group_label"] for f in outcome.to_report_section("zh_CN")["findings"]}
    assert labels == {"已失效：这件专利本身不再限制使用"}


@pytest.mark.parametrize(
    ("kind", "status", "filing", "expiry", "doubt"),
    [("invention", "expired", dt.date(2008, 5, 1), dt.date(2028, 5, 1), "届满日2028-05-01还没到"),
     # 20 years cannot have run; protected until the day before the anniversary, which is the 期满终止日
     # QA17 N13: "at least until 2034-12-31 (its term ends on 2035-01-01)" contradicted itself
     ("invention", "expired", dt.date(2015, 1, 1), None,
      "保护期到2034-12-31为止（2035-01-01期满终止；如有专利权期限补偿则更晚）"),
     # QA17 N2: 届满 with a recorded expiry date long before the term's end (a term never ends early)
     ("utility", "expired", dt.date(2024, 1, 1), dt.date(2024, 12, 31),
      "状态为已届满，届满日为2024-12-31，但实用新型专利自申请日2024-01-01起的保护期到2033-12-31为止"),
     ("invention", "expired", dt.date(2015, 1, 1), dt.date(2020, 1, 1), "届满日为2020-01-01，但发明专利"),
     ("design", "expired", dt.date(2021, 7, 1), dt.date(2026, 7, 1), "保护期到2036-06-30为止"),  # 15 years
     # the last protected day is today: protected until tonight (it had been called free a day early)
     ("utility", "expired", dt.date(2016, 11, 26), dt.date(2026, 11, 25), "届满日2026-11-25就是今天"),
     ("utility", "expired", None, dt.date(2026, 11, 25), "今天可能仍在保护期内"),  # which day it is, unknown
     ("utility", "expired", dt.date(2016, 11, 25), dt.date(2026, 11, 25), None),  # the term ended today
     ("utility", "expired", dt.date(2010, 1, 1), dt.date(2015, 1, 1), None),  # the term has run by now anyway
     ("utility", "expired", dt.date(2010, 1, 1), None, None),  # 10 years have
     ("design", "expired", dt.date(2012, 3, 1), None, None),  # 10 years for designs filed before 2021-06-01
     ("design", "expired", dt.date(2021, 7, 1), None, "保护期到2036-06-30为止"),  # 15 years from then
     # 有效 for a utility model or design whose whole term has run (no term compensation for them)
     ("utility", "in_force", dt.date(2015, 1, 1), None, "保护期到2024-12-31为止，已于2025-01-01期满终止"),
     ("design", "in_force", dt.date(2012, 5, 31), None, "2022-05-31期满终止，且不能延长"),
     ("utility", "in_force", dt.date(2016, 11, 25), None, "2026-11-25期满终止"),  # the anniversary is today
     ("utility", "in_force", dt.date(2016, 11, 26), None, None),  # today is its last day
     ("design", "in_force", dt.date(2021, 6, 1), None, None),  # 15 years
     # QA: filed 2000, its 20 years ended before 2021-06-01, so it was granted before then too: no compensation for
     # a delayed grant, and five years for a new drug have run by now (this case had been locked as in force)
     ("invention", "in_force", dt.date(2000, 1, 1), None, "20年在2021-06-01之前届满，授权也必在此之前"),
     ("invention", "in_force", dt.date(1995, 1, 1), None, "不能因授权延迟而补偿期限"),
     ("invention", "in_force", dt.date(2005, 3, 1), None, None),  # may be granted from 2021-06-01: compensation
     ("invention", "pending", dt.date(2000, 1, 1), None, "期限已于2020-01-01届满，状态与日期不符"),
     ("utility", "pending", dt.date(2010, 1, 1), None, "实用新型专利自申请日2010-01-01起的期限已于2020-01-01届满"),
     ("utility", "pending", dt.date(2020, 1, 1), None, None),
     ("utility", "in_force", dt.date(2010, 1, 1), dt.date(2030, 1, 1), "届满日2030-01-01晚于实用新型专利自申请日2010-01-01起"
                                                                      "保护期的期满日2020-01-01，而其期限不能延长"),
     ("design", "in_force", dt.date(2018, 1, 1), dt.date(2033, 1, 1), "期限不能延长"),  # 10 years before 2021-06-01
     ("utility", "in_force", dt.date(2020, 1, 1), dt.date(2029, 12, 31), None),  # the last day given as expiry
     ("invention", "lapsed", dt.date(2015, 1, 1), dt.date(2035, 1, 1), None),  # unpaid fees: ends early
     ("invention", "in_force", dt.date(2000, 1, 1), dt.date(2020, 1, 1), "届满日2020-01-01已过"),
     ("invention", "pending", dt.date(2000, 1, 1), dt.date(2020, 1, 1), "届满日2020-01-01已过"),
     ("invention", "in_force", dt.date(2020, 1, 1), dt.date(2019, 1, 1), "早于申请日"),
     ("invention", "in_force", dt.date(2020, 1, 1), dt.date(2040, 1, 1), None)],
)
def test_status_that_contradicts_the_dates(kind: str, status: str, filing: dt.date | None, expiry: dt.date | None,
                                           doubt: str | None) -> None:
    from ipdesk.domain.patent_finder import status_doubt

    record = PatentRecord(1, "CN990000001A", "测试", kind, status, filing_date=filing, expiry_date=expiry)
    found = status_doubt(record, TODAY)
    assert (found is None) == (doubt is None)
    if doubt is not None:
        assert found is not None and doubt in found.zh and found.en
        assert "至少" not in found.zh and "at least" not in found.en
        assert status_group(record, TODAY) == "doubtful"


def test_an_expiry_date_before_the_term_end_is_said_in_english_too() -> None:
    """QA17 N2, N13: the English of the contradiction, and an invention's term compensation worded as
    "or later", not "at least" next to a definite end."""
    from ipdesk.domain.patent_finder import status_doubt

    utility = PatentRecord(1, "CN990000001U", "测试", "utility", "expired", filing_date=dt.date(2024, 1, 1),
                           expiry_date=dt.date(2024, 12, 31))
    found = status_doubt(utility, TODAY)
    assert found is not None and found.en == (
        "the status is expired with the expiry date 2024-12-31, but a utility model patent filed on 2024-01-01 is "
        "protected until 2033-12-31 (its term ends on 2034-01-01)")
    invention = PatentRecord(2, "CN990000002A", "测试", "invention", "expired", filing_date=dt.date(2015, 1, 1))
    found = status_doubt(invention, TODAY)
    assert found is not None and found.en.endswith(
        "is protected until 2034-12-31 (its term ends on 2035-01-01, or later if it was extended by term compensation)")


def test_a_doubtful_status_is_shown_as_doubtful_not_free() -> None:
    """QA: 届满 (expired) with an expiry date of 2028 had been listed as free to use."""
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000001A", "测试甲", "invention", "expired",
                                              filing_date=dt.date(2008, 5, 1), expiry_date=dt.date(2028, 5, 1)),),
                        ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, facts)
    (finding,) = outcome.findings
    assert finding.group == "doubtful"
    assert any("以国家知识产权局登记为准" in r.zh and "CNIPA's register decides" in r.en for r in finding.reasons)
    assert outcome.headline.zh.endswith("其中1件状态存疑") and "已失效" not in outcome.headline.zh
    assert any("按有效专利对待" in s.zh and "treat them as in force" in s.en for s in outcome.next_steps)
    (row,) = outcome.to_report_section("zh_CN")["findings"]
    assert row["group_label"] == "状态存疑——以国家知识产权局登记为准"


def test_nothing_found_says_on_this_computer_and_where_to_search() -> None:
    from ipdesk.domain.patent_finder import PATENT_SEARCH_SITE

    outcome = decide({"crop": "玉米"}, PatentFacts(patents=(), ipc_titles={}, today=TODAY, total=0, store_patents=6))
    assert outcome.code == "none_found" and outcome.level == "caution"
    assert outcome.headline.zh == "玉米：本机的6件专利中没有找到相关专利"
    assert outcome.headline.en == "Maize: none of the 6 patents on this computer matched"
    zh, en = _all_text(outcome, "zh_CN"), _all_text(outcome, "en")
    assert "0件" not in zh and "找到0" not in zh and " 0 " not in en
    assert "这不表示没有相关专利" in zh and "does not mean none exist" in en
    assert PATENT_SEARCH_SITE == "http://epub.cnipa.gov.cn/"  # the site the kiosk prints as a QR code
    assert any(PATENT_SEARCH_SITE in s.zh and PATENT_SEARCH_SITE in s.en for s in outcome.next_steps)


def test_service_counts_the_store_when_nothing_matches(synthetic_services) -> None:  # type: ignore[no-untyped-def]
    outcome = synthetic_services.wizards.patent_finder({"crop": "猕猴桃"}, today=TODAY)
    assert outcome.headline.zh == "猕猴桃：本机的6件专利中没有找到相关专利"


# --- a crop's own IPC groups, grain processing -----------------------------------------------------

GRAIN_PATENTS = (
    # pub_no, title, abstract, status, ipc, filing, expiry
    ("CN990000101B", "一种测试用五常大米的加工方法", "稻谷去壳、碾米、抛光", "expired", "B02B0003000000",
     dt.date(2001, 2, 1), dt.date(2021, 2, 1)),
    ("CN990000102A", "一种测试用稻田养蟹的种植方法", "稻蟹共生", "pending", "A01G0022220000 A01K0061590000",
     dt.date(2020, 11, 1), None),
    ("CN990000103A", "一种测试用水稻育秧方法", "水稻育秧", "in_force", "A01G0022220000",
     dt.date(2021, 3, 1), dt.date(2041, 3, 1)),
    ("CN990000104A", "一种测试用小麦栽培方法", "冬小麦", "in_force", "A01G0022200000",  # cereals: not rice
     dt.date(2021, 3, 1), dt.date(2041, 3, 1)),
    ("CN990000105A", "一种测试用果树栽培方法", "果树", "in_force", "A01G0017000000",
     dt.date(2021, 3, 1), dt.date(2041, 3, 1)),
)


@pytest.fixture
def grain_services(services):  # type: ignore[no-untyped-def]
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        for pub_no, title, abstract, status, ipc, filing, expiry in GRAIN_PATENTS:
            s.add(Patent(pub_no=pub_no, title=title, abstract=abstract, kind="invention", legal_status=status,
                         ipc_codes=ipc, filing_date=filing, expiry_date=expiry, applicants="测试申请人", dataset="test"))
    return services


def _titles(services, data) -> list[str]:  # type: ignore[no-untyped-def]
    outcome = services.wizards.patent_finder(data, today=TODAY)
    return sorted(f.title for f in outcome.findings if f.kind == "patent")


def test_plan_uses_a_crops_own_groups_within_the_technique() -> None:
    assert plan_query({"crop": "水稻"}).own_ipc == ("A01G 22/22", "A01D 45/04")
    assert plan_query({"crop": "水稻", "technique": "planting"}).own_ipc == ("A01G 22/22",)  # within A01G 22/00
    assert plan_query({"crop": "水稻", "technique": "harvesting"}).own_ipc == ("A01D 45/04",)  # within A01D
    assert plan_query({"crop": "水稻", "technique": "processing"}).own_ipc == ()
    assert "B02B" in plan_query({"crop": "大米", "technique": "processing"}).ipc
    assert plan_query({"crop": "苹果"}).own_ipc == ()  # A01G 17/00 is every fruit tree's


def test_rice_processing_finds_grain_milling(grain_services) -> None:  # type: ignore[no-untyped-def]
    """QA: 大米 + 加工 found nothing although a rice-milling patent (B02B 3/00) was there."""
    assert _titles(grain_services, {"crop": "大米", "technique": "processing"}) == ["一种测试用五常大米的加工方法"]


def test_a_crops_own_group_finds_patents_that_never_name_it(grain_services) -> None:  # type: ignore[no-untyped-def]
    """QA: 稻田养蟹 (A01G 22/22, rice cultivation) was never found for 水稻: 稻田 is not a crop word."""
    rice = ["一种测试用五常大米的加工方法", "一种测试用水稻育秧方法", "一种测试用稻田养蟹的种植方法"]
    assert _titles(grain_services, {"crop": "水稻"}) == sorted(rice)  # not the wheat (cereals) nor the fruit trees
    assert _titles(grain_services, {"crop": "水稻", "technique": "planting"}) == sorted(rice[1:])
    assert _titles(grain_services, {"crop": "水稻", "keywords": "养蟹"}) == ["一种测试用稻田养蟹的种植方法"]
    assert _titles(grain_services, {"crop": "水稻", "technique": "processing"}) == ["一种测试用五常大米的加工方法"]
    assert _titles(grain_services, {"crop": "小麦", "technique": "planting"}) == ["一种测试用小麦栽培方法"]


def test_a_patent_found_both_ways_is_counted_once(grain_services) -> None:  # type: ignore[no-untyped-def]
    outcome = grain_services.wizards.patent_finder({"crop": "水稻"}, today=TODAY)
    assert outcome.headline.zh.startswith("水稻 / 大米：本机数据中找到3件专利，")  # 水稻育秧 has the word and the group
    assert any("A01G 22/22" in n.zh and "A01G 22/22" in n.en for n in outcome.notes)


def test_next_steps_speak_only_of_the_groups_found() -> None:
    """The advice began with lapsed patents ("“已失效”的专利本身不再限制使用…") even when none had lapsed
    (水稻: one in force, one pending)."""
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000002U", "测试甲", "utility", "in_force"),
                                 PatentRecord(2, "CN990000003A", "测试乙", "invention", "pending")),
                        ipc_titles={}, today=TODAY)
    steps = decide({"crop": "水稻"}, facts).next_steps
    assert not [s for s in steps if "已失效" in s.zh or "lapsed" in s.en]
    assert steps[0].zh.startswith("“有效”的专利") and steps[1].zh.startswith("“审查中”的申请") and len(steps) == 2
    lapsed = PatentFacts(patents=(PatentRecord(3, "CN990000004U", "测试丙", "utility", "lapsed"),
                                  PatentRecord(4, "CN990000007A", "测试丁", "invention", "专利权质押")),
                         ipc_titles={}, today=TODAY)
    steps = decide({"crop": "水稻"}, lapsed).next_steps
    # in the order the patents are listed (GROUP_ORDER): what restricts use first
    assert "unknown status" in steps[0].en and "“状态不明”" in steps[0].zh
    assert steps[1].zh.startswith("“已失效”的专利") and len(steps) == 2


@pytest.mark.parametrize(
    ("kind", "status", "reason", "rule"),
    [("invention", "未缴年费专利权终止，等待恢复", "请求恢复权利", "《专利法实施细则》第六条"),
     ("invention", "驳回后复审", "临时保护", "《专利法》第四十一条"),
     # the invention patent may have lapsed since: said as something to check, not as a fact (QA)
     ("utility", "避免重复授权放弃专利权", "那件发明专利可能仍然有效，请核实", "《专利法》第九条第一款")],
)
def test_statuses_that_are_not_final_are_doubtful_with_their_words(kind: str, status: str, reason: str,
                                                                   rule: str) -> None:
    """QA16 M1: 等待恢复 was stored as lapsed, 驳回后复审 as rejected, 避免重复授权放弃 as abandoned, and each
    was listed as 已失效: this patent no longer restricts use."""
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000001A", "测试甲", kind, status,
                                              filing_date=dt.date(2020, 3, 1)),), ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, facts)
    (finding,) = outcome.findings
    assert finding.group == "doubtful"
    zh = [r.zh for r in finding.reasons]
    assert f"法律状态：{status}" in zh  # the record's own words, not 已失效
    assert any(reason in r for r in zh) and all(r.en and r.en != r.zh for r in finding.reasons)
    assert "按有效专利对待" in outcome.explanation.zh and "treat them as in force" in outcome.explanation.en
    assert rule in [r.title.zh for r in outcome.rules]
    text = _all_text(outcome, "zh_CN")
    assert "不再限制使用" not in text and "已失效" not in text
    duplicate_step = [s for s in outcome.next_steps if "避免重复授权放弃" in s.zh]
    assert bool(duplicate_step) == (kind == "utility")
    if duplicate_step:
        assert "invention patent" in duplicate_step[0].en and "treat it as in force" in duplicate_step[0].en
        assert "可能仍然有效" in duplicate_step[0].zh and "may still be in force" in duplicate_step[0].en
        assert not any("仍然有效，这项技术仍受保护" in r.zh or "stays in force" in r.en for r in finding.reasons)


def test_a_status_that_is_not_final_is_over_once_the_expiry_date_has_passed() -> None:
    record = PatentRecord(1, "CN990000001A", "测试", "invention", "未缴年费专利权终止，等待恢复",
                          filing_date=dt.date(2000, 1, 1), expiry_date=dt.date(2020, 1, 1))
    assert status_group(record, TODAY) == "free"


@pytest.mark.parametrize(("kind", "status", "filing", "expiry", "zh", "en"), [
    ("invention", "未缴年费专利权终止，等待恢复", dt.date(2004, 1, 1), dt.date(2024, 1, 1),
     "保护期已满（届满日2024-01-01已过），恢复权利不能超过保护期", "a restored right cannot outlast the term"),
    # a utility model's term cannot be extended: over without an expiry date too
    ("utility", "未缴年费专利权终止，等待恢复", dt.date(2010, 1, 1), None,
     "保护期已满（自申请日2010-01-01起的保护期已于2020-01-01期满终止，且不能延长）", "ended on 2020-01-01"),
    ("invention", "驳回后复审", dt.date(2004, 1, 1), dt.date(2024, 1, 1), "即使复审后授权也不再受保护",
     "even a grant after the re-examination"),
    ("utility", "避免重复授权放弃专利权", dt.date(2010, 1, 1), dt.date(2020, 1, 1), "发明专利保护期更长，可能仍然有效",
     "invention patent on the same technique has a longer term"),
])
def test_a_status_that_is_not_final_says_why_it_is_over_once_the_term_has_run(
        kind: str, status: str, filing: dt.date, expiry: dt.date | None, zh: str, en: str) -> None:
    """QA17 N5 (a): 等待恢复 after the whole term was listed as "no longer restricts use" next to "ended,
    may be restored", with no reason."""
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000001A", "测试甲", kind, status, filing_date=filing,
                                              expiry_date=expiry),), ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, facts)
    (finding,) = outcome.findings
    assert finding.group == "free"
    assert any(zh in r.zh and en in r.en for r in finding.reasons), finding.reasons
    assert "may be restored" not in " ".join([_all_text(outcome, "en"), *(r.en for r in finding.reasons)])
    assert not any("状态存疑" in r.zh for r in finding.reasons)


@pytest.mark.parametrize("status", ["权利恢复", "专利权的恢复", "恢复专利权", "专利权恢复"])
def test_a_restored_right_is_in_force_not_ended(status: str) -> None:
    """QA17 N5 (b): 权利恢复 (the right HAS been restored) read as "ended, may be restored" through its
    bare 恢复."""
    from ipdesk.domain.i18n import status_name
    from ipdesk.domain.patent_status import open_status

    assert open_status(status) is None and open_status("恢复") is None
    assert open_status("未缴年费专利权终止，等待恢复") is not None and open_status("请求恢复权利") is not None
    record = PatentRecord(1, "CN990000001B", "测试甲", "invention", status, filing_date=dt.date(2020, 3, 1))
    assert status_group(record, TODAY) == "in_force"
    name = status_name(status)
    assert name.zh == status and "restored" in name.en and "may be" not in name.en
    outcome = decide({"crop": "水稻"}, PatentFacts(patents=(record,), ipc_titles={}, today=TODAY))
    (finding,) = outcome.findings
    assert "可能恢复" not in " ".join([_all_text(outcome, "zh_CN"), *(r.zh for r in finding.reasons)])
    assert "may be restored" not in " ".join([_all_text(outcome, "en"), *(r.en for r in finding.reasons)])
    # restored, but a utility model's term has run: the in-force check still applies
    old = PatentRecord(2, "CN990000002U", "测试乙", "utility", status, filing_date=dt.date(2010, 3, 1))
    assert status_group(old, TODAY) == "doubtful"


def test_a_pending_invention_has_provisional_protection_a_utility_model_not() -> None:
    """QA16 M2: "审查中：授权后才有保护" ignored 专利法第十三条 (a published invention application may
    cost a fee once granted)."""
    invention = PatentFacts(patents=(PatentRecord(1, "CN990000010A", "测试甲", "invention", "pending"),),
                            ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, invention)
    said = "发明专利申请公布后即有临时保护，授权后申请人可要求支付适当费用；使用前按有效专利对待"
    assert said in outcome.explanation.zh and "provisional protection" in outcome.explanation.en
    assert "授权后才有保护" not in _all_text(outcome, "zh_CN")
    (step,) = [s for s in outcome.next_steps if s.zh.startswith("“审查中”的申请")]
    assert said in step.zh and "treat it as in force" in step.en
    assert "《专利法》第十三条" in [r.title.zh for r in outcome.rules]
    (finding,) = outcome.findings
    assert any(said in r.zh for r in finding.reasons)
    report = " ".join(r for f in outcome.to_report_section("en")["findings"] for r in f["reasons"])
    assert "provisional protection" in report

    utility = PatentFacts(patents=(PatentRecord(2, "CN990000011U", "测试乙", "utility", "pending"),),
                          ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, utility)
    assert "临时保护" not in outcome.explanation.zh.replace("也没有临时保护", "")
    assert "授权前不公布" in outcome.explanation.zh and "not published before the grant" in outcome.explanation.en
    assert "《专利法》第十三条" not in [r.title.zh for r in outcome.rules]


def test_list_shows_the_filing_date_and_notes_designs_foreign_rights_and_term_compensation() -> None:
    """QA16 m4, m10: no filing date in the reasons, nothing on designs' terms, rights abroad or term
    compensation."""
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000005S", "测试甲", "design", "in_force",
                                              filing_date=dt.date(2022, 5, 31)),), ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, facts)
    (finding,) = outcome.findings
    assert "申请日：2022-05-31" in [r.zh for r in finding.reasons] and "filed: 2022-05-31" in [r.en for r in finding.reasons]
    assert rules.PATENT_KIND_NOTES["design"] in outcome.notes
    design = rules.PATENT_KIND_NOTES["design"]
    assert "15年" in design.zh and "2021年6月1日前申请的为10年" in design.zh and "10 years if filed before" in design.en
    assert "期限补偿" in rules.PATENT_KIND_NOTES["invention"].zh and "compensation" in rules.PATENT_KIND_NOTES["invention"].en
    assert any("其他国家或地区可能仍然有效" in n.zh and "other countries" in n.en for n in outcome.notes)


@pytest.mark.parametrize(("kind", "status", "expiry", "words"), [
    ("invention", "expired", None, "but an invention patent filed on 2020-01-01"),  # QA: "a invention patent"
    ("utility", "expired", None, "but a utility model patent filed on 2020-01-01"),
    ("design", "expired", None, "but a design patent filed on 2020-01-01"),
])
def test_status_doubt_english_takes_the_right_article(kind: str, status: str, expiry: dt.date | None,
                                                      words: str) -> None:
    from ipdesk.domain.patent_finder import status_doubt

    record = PatentRecord(1, "CN990000001A", "测试", kind, status, filing_date=dt.date(2020, 1, 1), expiry_date=expiry)
    found = status_doubt(record, TODAY)
    assert found is not None and words in found.en, found


# --- regional names of a crop (QA18a N11) ------------------------------------------------------------

@pytest.mark.parametrize(("typed", "crop"), [
    ("洋芋", "potato"), ("山药蛋", "potato"), ("土豆", "potato"), ("马铃薯", "potato"), ("yangyu", "potato"),
    ("玉米", "maize"), ("苞谷", "maize"), ("包谷", "maize"), ("苞米", "maize"), ("玉蜀黍", "maize"), ("棒子", "maize"),
    ("红薯", "sweet_potato"), ("甘薯", "sweet_potato"), ("番薯", "sweet_potato"), ("地瓜", "sweet_potato"),
    ("红苕", "sweet_potato"), ("sweet potato", "sweet_potato"), ("Sweet potatoes", "sweet_potato"),
    ("hongshu", "sweet_potato"), ("花生", "peanut"), ("落花生", "peanut"),
])
def test_regional_names_are_the_same_crop(typed: str, crop: str) -> None:
    found = crop_for(typed)
    assert found is not None and found.id == crop, typed


def test_regional_names_search_the_same_words_and_an_ambiguous_one_is_not_searched() -> None:
    assert plan_query({"crop": "洋芋"}).keywords == plan_query({"crop": "土豆"}).keywords == (
        "马铃薯", "土豆", "洋芋", "山药蛋")
    assert plan_query({"crop": "棒子"}).keywords == plan_query({"crop": "玉米"}).keywords
    assert "棒子" not in plan_query({"crop": "棒子"}).keywords  # any stick: read as maize, not looked for
    assert crop_for("山药") is None  # yam is not potato (山药蛋 is)
    assert crop_for("potato").id == "potato" and crop_for("马铃薯").id != crop_for("红薯").id  # type: ignore[union-attr]


def test_a_homophone_of_a_crop_word_is_that_crop() -> None:
    """QA18a N11: --crop 水到 (the input method's homophone of 水稻; shuidao worked) found no patent."""
    rice = crop_for("水到")
    assert rice is not None and rice.id == "rice" and rules.crop_sounding_like("水到") == ("水稻", rice)
    assert plan_query({"crop": "水到"}).keywords == plan_query({"crop": "水稻"}).keywords
    outcome = decide({"crop": "水到"}, PatentFacts(patents=(), ipc_titles={}, today=TODAY))
    # the answers keep the word typed and say what it was read as (QA: they had shown only 水稻 / 大米)
    assert outcome.answers[0].value.zh == "水到（按水稻 / 大米查找）"
    said = [n for n in outcome.notes if "按「水稻」查找" in n.zh]  # and a note says it was read so
    assert said and "Searched as 水稻 (Rice): 水到 as typed sounds the same." in said[0].en
    plain = decide({"crop": "水稻"}, PatentFacts(patents=(), ipc_titles={}, today=TODAY))
    assert not any("查找：输入的" in n.zh for n in plain.notes)
    assert crop_for("萍果").id == "apple"  # type: ignore[union-attr]
    # one character is read like too many words; a word that is not read like a crop word stays as typed
    assert crop_for("到") is None and crop_for("山药") is None and rules.crop_sounding_like("水稻") is None


ROOT_PATENTS = (
    # pub_no, title, abstract, status, ipc, filing, expiry
    ("CN990000201A", "一种测试用马铃薯收获机", "马铃薯挖掘", "in_force", "A01D0013000000",
     dt.date(2021, 3, 1), dt.date(2041, 3, 1)),
    ("CN990000202A", "一种测试用洋芋切片装置", "洋芋切片", "in_force", "A23N0015000000",
     dt.date(2021, 4, 1), dt.date(2041, 4, 1)),
    ("CN990000203A", "一种测试用红薯育苗方法", "甘薯育苗", "in_force", "A01G0022000000",
     dt.date(2021, 5, 1), dt.date(2041, 5, 1)),
)


def test_a_regional_name_finds_the_crops_patents_whatever_word_they_use(services) -> None:  # type: ignore[no-untyped-def]
    """QA18a N11: --crop 洋芋 found nothing where 土豆 found the potato patents."""
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        for pub_no, title, abstract, status, ipc, filing, expiry in ROOT_PATENTS:
            s.add(Patent(pub_no=pub_no, title=title, abstract=abstract, kind="invention", legal_status=status,
                         ipc_codes=ipc, filing_date=filing, expiry_date=expiry, applicants="测试申请人", dataset="test"))
    potato = ["一种测试用洋芋切片装置", "一种测试用马铃薯收获机"]
    for word in ("洋芋", "土豆", "马铃薯", "山药蛋"):
        assert _titles(services, {"crop": word}) == potato, word
    for word in ("地瓜", "红薯", "番薯", "红苕"):
        assert _titles(services, {"crop": word}) == ["一种测试用红薯育苗方法"], word


# --- the related classes and the searched-for line (qa19c N8) ------------------------------------------------

SEEDLING_PATENTS = (
    # pub_no, title, ipc
    ("CN990000201A", "一种测试用水稻育秧盘", "A01G0009029000"),  # receptacles for seedlings: rice planting
    ("CN990000202A", "一种测试用稻谷壳花盆", "A01G0009020000"),  # a flower-pot of husks: not rice planting
    ("CN990000203A", "一种测试用蔬菜温室", "A01G0009140000"),  # a greenhouse: vegetables
)


@pytest.fixture
def seedling_services(services):  # type: ignore[no-untyped-def]
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        for pub_no, title, ipc in SEEDLING_PATENTS:
            s.add(Patent(pub_no=pub_no, title=title, kind="invention", legal_status="in_force", ipc_codes=ipc,
                         filing_date=dt.date(2021, 3, 1), applicants="测试申请人", dataset="test"))
    return services


def test_planting_searches_the_greenhouse_group_only_for_crops_grown_there() -> None:
    """A01G 9/00 (greenhouses, flower-pots, edging for flower beds) was searched and listed for rice + planting."""
    rice = plan_query({"crop": "水稻", "technique": "planting"})
    assert "A01G 9/00" not in rice.ipc and "A01G 9/029" in rice.ipc  # rice seedlings are raised in trays
    assert rice.ipc[:2] == ("A01C", "A01G 22/00") and rice.own_ipc == ("A01G 22/22",)
    for crop in ("蔬菜", "辣椒", "测试作物"):  # vegetables, chillies, and a crop the vocabulary does not know
        assert "A01G 9/00" in plan_query({"crop": crop, "technique": "planting"}).ipc, crop
    for crop in ("小麦", "苹果", "生猪"):
        assert not any(c.startswith("A01G 9/") for c in plan_query({"crop": crop, "technique": "planting"}).ipc), crop


def test_rice_planting_lists_the_classes_it_searched_and_finds_seedling_trays(seedling_services) -> None:  # type: ignore[no-untyped-def]
    outcome = seedling_services.wizards.patent_finder({"crop": "水稻", "technique": "planting"}, today=TODAY)
    assert sorted(f.title for f in outcome.findings if f.kind == "patent") == ["一种测试用水稻育秧盘"]
    related = {f.subtitle: f for f in outcome.findings if f.group == "ipc"}
    assert set(related) == {"A01C", "A01G 22/00", "A01G 9/029", "A01G 22/22"}  # no greenhouse or flower-bed group
    assert related["A01G 22/22"].title.endswith("水稻") and related["A01G 22/22"].title_text.en.endswith("rice")
    assert related["A01G 9/029"].title.endswith("秧苗容器") and "花坛" not in related["A01G 9/029"].title
    searched = next(n for n in outcome.notes if n.zh.startswith("检索用词："))
    for code in related:  # the line names every class searched, the crop's own group too
        assert code in searched.zh and code in searched.en, code
    assert "A01G 9/00" not in searched.zh and "文字中不必有作物名" in searched.zh
    assert not any(n.zh.startswith("另查找") for n in outcome.notes)  # one line, not a second note
    vegetables = seedling_services.wizards.patent_finder({"crop": "蔬菜", "technique": "planting"}, today=TODAY)
    assert [f.title for f in vegetables.findings if f.kind == "patent"] == ["一种测试用蔬菜温室"]
    assert "A01G 9/00" in {f.subtitle for f in vegetables.findings if f.group == "ipc"}


def test_the_searched_line_without_a_technique_says_any_class() -> None:
    outcome = decide({"crop": "水稻"}, PatentFacts(patents=(), ipc_titles={}, today=TODAY, total=0))
    searched = next(n for n in outcome.notes if n.zh.startswith("检索用词："))
    assert "分类号：不限，以及专属于这种作物的A01G 22/22、A01D 45/04" in searched.zh
    assert "IPC: any, and A01G 22/22, A01D 45/04, specific to this crop" in searched.en


def test_subgroup_headings_are_the_ipc_tables(reference_dir) -> None:  # type: ignore[no-untyped-def]
    """The headings the vocabulary gives the subgroups it searches end with the IPC's own (Chinese and English)."""
    def table(name: str) -> dict[str, str]:
        lines = (reference_dir / "classifications" / name).read_text("utf-8").splitlines()
        return dict(line.split("\t")[:2] for line in lines if "\t" in line)

    zh, en = table("ipc_zh_agri_subset.tsv"), table("ipc_agri_subset_en.tsv")
    for code, title in rules.IPC_SUBGROUP_TITLES.items():
        group, sub = code.replace(" ", "").split("/")
        own_zh = zh[code.replace(" ", "")].split("（")[0]
        own_en = en[f"{group[:4]}{int(group[4:]):04d}{sub.ljust(6, '0')}"].split(" (")[0]
        assert title.zh.endswith(own_zh) and title.en.lower().endswith(own_en.lower()), code
    searched = {code for crop in rules.CROPS for _, code in crop.technique_ipc} | {c for crop in rules.CROPS
                                                                                   for c in crop.own_ipc}
    assert {c for c in searched if c.split("/")[1] != "00"} <= set(rules.IPC_SUBGROUP_TITLES)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_command_line_says_how_many_records_it_does_not_print(data_dir, capsys, lang: str) -> None:  # type: ignore[no-untyped-def]
    """QA 20a N1 (`ipdesk patents`): 30 records were printed under a headline of more, the rest unsaid."""
    from ipdesk.cli import main
    from ipdesk.services.container import build_services
    from ipdesk.services.models import Patent

    svc = build_services(data_dir)
    with svc.db.session() as s:
        for i in range(40):
            s.add(Patent(pub_no=f"CN99{i:07d}A", title=f"一种测试用水稻育秧盘{i}", kind="invention", legal_status="in_force",
                         ipc_codes="A01G0022220000", filing_date=dt.date(2020, 1, 1), dataset="test"))
    svc.close()
    assert main(["--data-dir", str(data_dir), "--lang", lang, "patents", "--crop", "水稻", "--technique", "planting"]) == 0
    out = capsys.readouterr().out
    assert out.count("一种测试用水稻育秧盘") == 30  # and 4 related IPC groups not printed either
    assert ("另有 14 条未在此显示；加 --json 可得到全部" in out) if lang == "zh_CN" else ("… and 14 more not shown here" in out)


def test_a_term_from_29_february_runs_to_the_last_day_of_february() -> None:
    """QA 22c: a utility model filed on 2008-02-29 had been called ended on 2018-02-28 (protected "until
    2018-02-27"); its last month has no 29th, so the term runs to the month's last day, 2018-02-28, and ends
    on 1 March. A leap year keeps the 29th."""
    def patent(filed: dt.date, kind: str = "utility") -> PatentRecord:
        return PatentRecord(1, "CN000000001U", "合成测试", kind=kind, legal_status="in_force", filing_date=filed)

    assert status_group(patent(dt.date(2008, 2, 29)), dt.date(2018, 2, 28)) == "in_force"
    assert status_group(patent(dt.date(2008, 2, 29)), dt.date(2018, 3, 1)) == "doubtful"
    why = status_doubt(patent(dt.date(2008, 2, 29)), dt.date(2018, 3, 1))
    assert why is not None and "保护期到2018-02-28为止，已于2018-03-01期满终止" in why.zh
    assert status_group(patent(dt.date(2004, 2, 29), "design"), dt.date(2014, 2, 28)) == "in_force"
    # 2028 is a leap year: filed 2008-02-29, an invention's anniversary is 2028-02-29
    assert _shortest_term_end(patent(dt.date(2008, 2, 29), "invention")) == dt.date(2028, 2, 29)


def test_a_filing_date_near_the_calendars_end_does_not_break_the_finder() -> None:
    """QA 22c: a record filed 9999-12-31 (an import's "no date") raised ValueError (year 10009 is out of
    range) in the finder and in the import's status check. A filing date after the day judged on (a
    slip, or this computer's clock set behind) is doubtful, never in force or free."""
    p = PatentRecord(1, "CN000000002U", "合成测试", kind="utility", legal_status="in_force",
                     filing_date=dt.date(9999, 12, 31))
    why = status_doubt(p, dt.date(2026, 1, 1))
    assert why is not None and "晚于判断所依据的日期2026-01-01" in why.zh and "check this computer's date" in why.en
    assert status_group(p, dt.date(2026, 1, 1)) == "doubtful"
    outcome = decide({"crop": "苹果"}, PatentFacts((p,), {}, today=dt.date(2026, 1, 1)))
    assert outcome.findings


def test_the_answer_says_the_day_its_terms_were_reckoned_on() -> None:
    """QA 22c: "expired" and "in force" rest on the computer's date, which the answer never said; a clock
    set a year wrong changed verdicts unseen. The note is in the answer, so on the screen, the printout
    and the report."""
    p = PatentRecord(1, "CN000000003U", "合成测试", kind="utility", legal_status="in_force",
                     filing_date=dt.date(2020, 3, 5))
    outcome = decide({"crop": "苹果"}, PatentFacts((p,), {}, today=dt.date(2026, 11, 28)))
    section = outcome.to_report_section("zh_CN")
    assert any("保护期按本机日期2026-11-28计算" in n for n in section["notes"])
    assert any("as of 2026-11-28, this computer's date" in n for n in outcome.to_report_section("en")["notes"])


@pytest.mark.parametrize(
    ("filing", "grant", "doubt"),
    [  # granted before 2021-06-01: no compensation for a delayed grant (Patent Law, Art. 42(2))
     (dt.date(2005, 3, 1), dt.date(2009, 6, 10), "已于2025-03-01期满终止；授权公告日2009-06-10早于2021-06-01"),
     (dt.date(2005, 3, 1), dt.date(2021, 5, 31), "只有新药相关专利可能另有至多五年的期限补偿"),  # the day before
     # 25 years on: even a new drug's compensation (five years at most, Art. 42(3)) has run
     (dt.date(2001, 1, 1), dt.date(2004, 1, 1), "新药相关专利的期限补偿也不超过五年（专利法第四十二条第三款），最晚到2025-12-31为止"),
     (dt.date(2006, 11, 26), dt.date(2010, 1, 1), None),  # today is the 20th year's last day
     (dt.date(2005, 3, 1), dt.date(2021, 6, 1), None),  # granted from 2021-06-01: compensation may apply
     (dt.date(2001, 1, 1), dt.date(2023, 1, 1), None),  # no ceiling in the law for a delayed grant's compensation
     (dt.date(2005, 3, 1), None, None)],  # no grant date: unchanged, the benefit of the doubt
)
def test_an_invention_in_force_after_20_years_granted_before_compensation_existed(
        filing: dt.date, grant: dt.date | None, doubt: str | None) -> None:
    """An invention granted before 2021-06-01 and still 有效 after its 20 years was listed as in force:
    term compensation for a delayed grant applies only to inventions granted from 2021-06-01 on."""
    record = PatentRecord(1, "CN990000001B", "测试", "invention", "in_force", filing_date=filing, grant_date=grant)
    found = status_doubt(record, TODAY)
    assert (found is None) == (doubt is None)
    assert status_group(record, TODAY) == ("in_force" if doubt is None else "doubtful")
    if found is not None:
        assert found.zh.startswith("状态为有效，但发明专利自申请日") and doubt in found.zh
        assert "专利法第四十二条第二款" in found.zh and "Art. 42(2)" in found.en and "2021-06-01" in found.en
        assert "cannot have term compensation for a delayed grant" in found.en


def test_the_english_of_an_invention_past_any_compensation() -> None:
    record = PatentRecord(1, "CN990000001B", "测试", "invention", "in_force", filing_date=dt.date(2001, 1, 1),
                          grant_date=dt.date(2004, 1, 1))
    found = status_doubt(record, TODAY)
    assert found is not None and found.en == (
        "the status is in force, but an invention patent filed on 2001-01-01 was protected until 2020-12-31; its "
        "term ended on 2021-01-01, and granted on 2004-01-01, before 2021-06-01, it cannot have term compensation "
        "for a delayed grant (Patent Law, Art. 42(2), in force from 2021-06-01); a new drug's patent is compensated "
        "by five years at most (Patent Law, Art. 42(3)), so until 2025-12-31 at the latest")


def test_an_invention_granted_from_2021_06_01_in_force_after_20_years_says_the_register_decides() -> None:
    """Granted on or after 2021-06-01, an invention past its 20 years keeps the benefit of the doubt (in
    force), and its finding says that term compensation may have extended it and the register decides;
    neither is said of one still within its 20 years nor of one without a grant date."""
    patents = (
        PatentRecord(1, "CN990000001B", "测试甲", "invention", "in_force", filing_date=dt.date(2004, 1, 1),
                     grant_date=dt.date(2022, 3, 1)),
        PatentRecord(2, "CN990000002B", "测试乙", "invention", "in_force", filing_date=dt.date(2004, 1, 1)),
        PatentRecord(3, "CN990000003B", "测试丙", "invention", "in_force", filing_date=dt.date(2015, 1, 1),
                     grant_date=dt.date(2022, 3, 1)),
    )
    outcome = decide({"crop": "水稻"}, PatentFacts(patents=patents, ipc_titles={}, today=TODAY))
    reasons = {f.ref_id: f.reasons for f in outcome.findings if f.kind == "patent"}
    assert {f.ref_id: f.group for f in outcome.findings if f.kind == "patent"} == {1: "in_force", 2: "in_force",
                                                                                 3: "in_force"}
    (note,) = [r for r in reasons[1] if "期限补偿" in r.zh]
    assert note.zh == ("保护期：发明专利自申请日2004-01-01起20年到2023-12-31为止；授权公告日2022-03-01不早于2021-06-01，"
                       "保护期可能已因专利权期限补偿而延长（专利法第四十二条第二、三款），以国家知识产权局专利登记簿为准")
    assert note.en.startswith("term: the 20 years of an invention patent filed on 2004-01-01 run until 2023-12-31; ")
    assert "may have been extended by term compensation" in note.en and "patent register decides" in note.en
    assert not [r for r in (*reasons[2], *reasons[3]) if "期限补偿" in r.zh]


# --- QA review of the patent wizard ------------------------------------------------------------------------

@pytest.mark.parametrize(("pub_no", "status", "office"),
                         [("US9900001B2", "in_force", "US"), ("EP9900002A1", "pending", "EP"),
                          ("JP2099000003A", "in_force", "JP"), ("WO2099000001A1", "published", "WO")])
def test_a_foreign_patent_or_pct_application_is_no_right_in_china(pub_no: str, status: str, office: str) -> None:
    """QA: US9900001B2 was listed as 有效——需征得权利人许可, a WO application with Art. 13 provisional protection.
    Patent rights are territorial: they are grouped apart and never counted as in force or pending in China."""
    from ipdesk.domain.wizard import GROUP_LABELS

    foreign = PatentRecord(1, pub_no, "测试外国", "invention", status, filing_date=dt.date(2020, 1, 1))
    chinese = PatentRecord(2, "CN990000002A", "测试中国", "invention", "in_force", filing_date=dt.date(2020, 1, 1))
    assert status_group(foreign, TODAY) == "foreign" and status_group(chinese, TODAY) == "in_force"
    outcome = decide({"crop": "水稻"}, PatentFacts(patents=(foreign, chinese), ipc_titles={}, today=TODAY))
    groups = {f.ref_id: f.group for f in outcome.findings if f.kind == "patent"}
    assert groups == {1: "foreign", 2: "in_force"}
    assert "1件有效" in outcome.headline.zh and "1件境外专利或国际申请" in outcome.headline.zh
    assert "有效2件" not in outcome.explanation.zh and "在中国内地不受保护" in outcome.explanation.zh
    assert "Art. 13" not in " ".join(r.title.en for r in outcome.rules)
    reasons = next(f.reasons for f in outcome.findings if f.ref_id == 1)
    assert any("同族" in r.zh and "Chinese family member" in r.en for r in reasons)
    if office == "WO":
        assert any("中国国家阶段" in r.zh for r in reasons)
    label = outcome.to_report_section("zh_CN")["findings"][-1]["group_label"]
    assert label == GROUP_LABELS["foreign"].zh == "境外专利或国际申请：在中国内地不受保护；请查找其在国家知识产权局的同族专利"
    # an application number alone tells it too; a Chinese number, a ZL certificate number or bare digits do not
    assert status_group(PatentRecord(3, "", "t", legal_status="in_force", app_no="US16/123456"), TODAY) == "foreign"
    for number in ("CN990000003A", "ZL209910012345.6", "209910012345.6"):
        assert status_group(PatentRecord(4, number, "t", legal_status="in_force"), TODAY) == "in_force", number


@pytest.mark.parametrize(("pub_no", "zh", "en"), [("HK1230000A", "中国香港特别行政区", "Hong Kong SAR, China"),
                                                ("MO12345A", "中国澳门特别行政区", "Macao SAR, China"),
                                                ("TW201900001A", "中国台湾地区", "Taiwan, China")])
def test_a_patent_of_hong_kong_macao_or_taiwan_is_no_right_in_the_mainland_and_never_foreign(
        pub_no: str, zh: str, en: str) -> None:
    """They are no rights in the mainland (CNIPA's patents are), but they are China's regions: never called 外国."""
    record = PatentRecord(1, pub_no, "测试", "invention", "in_force", filing_date=dt.date(2020, 1, 1))
    assert status_group(record, TODAY) == "foreign"
    outcome = decide({"crop": "水稻"}, PatentFacts(patents=(record,), ipc_titles={}, today=TODAY))
    reasons = next(f.reasons for f in outcome.findings if f.ref_id == 1)
    said = " ".join(r.zh for r in reasons) + outcome.headline.zh + outcome.explanation.zh
    said += " ".join(n.zh for n in outcome.notes) + " ".join(s.zh for s in outcome.next_steps)
    assert zh in said and "在中国内地不受保护" in said and "外国" not in said
    said_en = " ".join(r.en for r in reasons) + outcome.headline.en + outcome.explanation.en
    assert en in said_en and "foreign" not in said_en.lower()


def test_the_service_reads_a_foreign_record_as_foreign(services) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        s.add(Patent(pub_no="US9900001B2", title="一种测试用水稻育秧盘", kind="invention", legal_status="in_force",
                     ipc_codes="A01G0022220000", filing_date=dt.date(2020, 1, 1), dataset="test"))
    outcome = services.wizards.patent_finder({"crop": "水稻"}, today=TODAY)
    assert [f.group for f in outcome.findings if f.kind == "patent"] == ["foreign"]


@pytest.mark.parametrize(("typed", "suggested"), [("桃", "kiwi"), ("花", "peanut"), ("油", "rapeseed"),
                                                 ("果", "apple"), ("薯", "potato")])
def test_one_character_of_a_crops_name_is_not_read_as_that_crop(typed: str, suggested: str) -> None:
    """QA: 桃 was read as 猕猴桃, 花 as 花生, 油 as 油菜 … without a word; a part of a name may be offered as a
    suggestion, but the search goes by what was typed and the answers keep it."""
    from ipdesk.domain.patent_finder import suggest_crops

    assert crop_for(typed) is None
    assert suggested in [c.id for c in suggest_crops(typed)]
    assert plan_query({"crop": typed}).keywords == (typed,)
    outcome = decide({"crop": typed}, PatentFacts(patents=(), ipc_titles={}, today=TODAY, total=0))
    assert outcome.answers[0].value.zh == typed and outcome.headline.zh.startswith(f"{typed}：")
    assert crop_for("有机大米").id == "rice"  # type: ignore[union-attr]  # a longer word holding a crop's word still is


WORD_PATENTS = (  # pub_no, title
    ("CN990000301A", "一种测试用糯米酒的酿造方法"),
    ("CN990000302A", "一种测试用粳稻育秧方法"),
    ("CN990000303A", "一种测试用杂交稻制种方法"),
    ("CN990000304A", "一种测试用丝苗米抛光装置"),
    ("CN990000305A", "一种测试用奇异果果酱"),
    ("CN990000306A", "一种测试用弥猴桃嫁接方法"),
)


@pytest.mark.parametrize(("typed", "crop"), [("粳稻", "rice"), ("籼稻", "rice"), ("杂交稻", "rice"), ("糯稻", "rice"),
                                            ("糯米", "rice"), ("香米", "rice"), ("稻种", "rice"), ("稻子", "rice"),
                                            ("奇异果", "kiwi"), ("弥猴桃", "kiwi")])
def test_everyday_words_for_rice_and_kiwifruit(typed: str, crop: str) -> None:
    found = crop_for(typed)
    assert found is not None and found.id == crop
    assert typed in plan_query({"crop": typed}).keywords


def test_seedlings_are_not_read_as_rice() -> None:
    """秧苗 is any crop's seedlings (辣椒秧苗): searched as typed, not as rice."""
    assert crop_for("秧苗") is None and plan_query({"crop": "秧苗"}).keywords == ("秧苗",)


def test_the_word_typed_is_always_searched(services) -> None:  # type: ignore[no-untyped-def]
    """QA: 糯米 was read as rice but not searched itself, so 一种糯米酒… was missed; 丝苗米 (read as rice) likewise."""
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        for pub_no, title in WORD_PATENTS:
            s.add(Patent(pub_no=pub_no, title=title, kind="invention", legal_status="in_force",
                         filing_date=dt.date(2021, 3, 1), applicants="测试申请人", dataset="test"))
    assert "一种测试用丝苗米抛光装置" in _titles(services, {"crop": "丝苗米"})
    rice = _titles(services, {"crop": "水稻"})
    for title in ("一种测试用糯米酒的酿造方法", "一种测试用粳稻育秧方法", "一种测试用杂交稻制种方法"):
        assert title in rice and title in _titles(services, {"crop": "糯米"}), title
    kiwi = ["一种测试用奇异果果酱", "一种测试用弥猴桃嫁接方法"]
    assert sorted(_titles(services, {"crop": "猕猴桃"})) == sorted(kiwi)


NOT_THE_CROP = (  # pub_no, title, crop typed, whether it is about that crop
    ("CN990000401A", "一种测试用荞麦面条", "小麦", False),
    ("CN990000402A", "一种测试用小麦与荞麦混合粉", "小麦", True),
    ("CN990000403A", "一种测试用麦芽糖", "小麦", True),  # 麦 alone: not one of the compounds left out
    ("CN990000404A", "一种测试用蚕豆脱皮机", "蚕桑", False),
    ("CN990000405A", "一种测试用羊肚菌栽培方法", "羊", False),
    ("CN990000406A", "一种测试用牛蒡切片机", "牛", False),
    ("CN990000407A", "一种测试用蜗牛养殖箱", "牛", False),
    ("CN990000408A", "一种测试用油茶采摘器", "茶叶", False),
    ("CN990000409A", "一种测试用苹果手机保护壳", "苹果", False),
    ("CN990000410A", "一种测试用苹果套袋机", "苹果", True),
)


def test_a_compound_that_is_not_the_crop_does_not_find_its_patents(services) -> None:  # type: ignore[no-untyped-def]
    """QA: 小麦's 麦 found 荞麦, 蚕桑 found 蚕豆, 羊 found 羊肚菌, 牛 found 牛蒡 and 蜗牛, 茶叶 found 油茶, 苹果 found a
    phone case. A record whose only match is such a compound (`Crop.not_crop`) is left out, and not counted."""
    from ipdesk.domain.patent_finder import names_the_crop
    from ipdesk.services.models import Patent

    with services.db.session() as s:
        for pub_no, title, _crop, _about in NOT_THE_CROP:
            s.add(Patent(pub_no=pub_no, title=title, kind="invention", legal_status="in_force",
                         filing_date=dt.date(2021, 3, 1), applicants="测试申请人", dataset="test"))
    for typed in dict.fromkeys(c for _, _, c, _ in NOT_THE_CROP):
        expected = sorted(t for _, t, c, about in NOT_THE_CROP if c == typed and about)
        outcome = services.wizards.patent_finder({"crop": typed}, today=TODAY)
        assert sorted(f.title for f in outcome.findings if f.kind == "patent") == expected, typed
        if expected:
            assert f"找到{len(expected)}件专利" in outcome.headline.zh, typed
    wheat = crop_for("小麦")
    assert names_the_crop("小麦芽", wheat.keywords, wheat) and not names_the_crop("燕麦片、大麦茶", wheat.keywords, wheat)  # type: ignore[union-attr]


def test_breeding_says_varieties_are_no_patents_and_searches_no_animal_breeds_for_rice() -> None:
    """QA: nothing said that plant varieties cannot be patented (Art. 25(1)(iv)) and are protected by plant variety
    rights, nor that a lapsed patent frees no variety, trademark or GI name; rice breeding listed A01K 67/00 (new
    breeds of animals) as a related class."""
    from ipdesk.domain.patent_finder import VARIETY_NOTE, VARIETY_RULE

    assert "A01K 67/00" not in plan_query({"crop": "水稻", "technique": "breeding"}).ipc
    assert "A01K 67/00" in plan_query({"crop": "生猪", "technique": "breeding"}).ipc
    assert "A01K 67/00" in plan_query({"crop": "测试作物", "technique": "breeding"}).ipc  # may be an animal
    lapsed = PatentRecord(1, "CN990000001A", "测试甲", "invention", "lapsed", filing_date=dt.date(2010, 1, 1))
    for data, facts in (({"crop": "水稻", "technique": "breeding"}, PatentFacts((lapsed,), {}, today=TODAY)),
                        ({"crop": "水稻", "technique": "breeding"}, PatentFacts((), {}, today=TODAY, total=0)),
                        ({"crop": "稻种"}, PatentFacts((lapsed,), {}, today=TODAY))):
        outcome = decide(data, facts)
        assert VARIETY_NOTE in outcome.notes and VARIETY_RULE in outcome.rules, data
        assert "植物新品种权" in VARIETY_NOTE.zh and "第二十五条第一款第（四）项" in VARIETY_NOTE.zh
    plain = decide({"crop": "水稻", "technique": "harvesting"}, PatentFacts((lapsed,), {}, today=TODAY))
    assert VARIETY_NOTE not in plain.notes
    assert "品种、商标或地理标志名称" in plain.explanation.zh and "trademark" in plain.explanation.en
    assert "植物新品种" in plain.rules[0].summary.zh and "plant variety" in plain.rules[0].summary.en


def test_old_legal_statuses_are_said_with_their_date(services) -> None:  # type: ignore[no-untyped-def]
    """QA: statuses read years ago were given as today's. More than six months old, a caution with the date."""
    from ipdesk.services.models import Patent

    p = PatentRecord(1, "CN990000001A", "测试甲", "invention", "in_force", filing_date=dt.date(2015, 1, 1))
    old = decide({"crop": "水稻"}, PatentFacts((p,), {}, today=TODAY, data_as_of="patents 2019-06-01 · classifications 2026-01-01"))
    assert old.notes[0].zh == "注意：法律状态截至2019-06-01，此后可能已变化，以国家知识产权局登记为准。"
    assert "as of 2019-06-01 and may have changed" in old.notes[0].en
    recent = decide({"crop": "水稻"}, PatentFacts((p,), {}, today=TODAY, data_as_of="patents 2026-06-01"))
    assert not any("法律状态截至" in n.zh for n in recent.notes)
    by_record = decide({"crop": "水稻"}, PatentFacts((dataclasses.replace(p, as_of=dt.date(2020, 3, 1)),), {},
                                                   today=TODAY, data_as_of="patents 2026-11-01"))
    assert "法律状态截至2020-03-01" in by_record.notes[0].zh
    with services.db.session() as s:  # a record's own as-of date reaches the answer
        s.add(Patent(pub_no="CN990000001A", title="一种测试用水稻育秧盘", kind="invention", legal_status="in_force",
                     filing_date=dt.date(2015, 1, 1), dataset="test", as_of=dt.date(2019, 6, 1)))
    outcome = services.wizards.patent_finder({"crop": "水稻"}, today=TODAY)
    assert "法律状态截至2019-06-01" in outcome.notes[0].zh


def test_old_statuses_among_newer_ones_are_named() -> None:
    """QA of the reports: "法律状态截至2025-12-01" stood beside a 数据范围 of 2026-11-29 (the list imported since),
    naming no record: when only some statuses are old, the note says which."""
    old = PatentRecord(1, "CN990000001A", "测试甲", "invention", "in_force", filing_date=dt.date(2015, 1, 1),
                       as_of=dt.date(2025, 12, 1))
    new = PatentRecord(2, "CN990000002A", "测试乙", "invention", "in_force", filing_date=dt.date(2015, 1, 1),
                       as_of=dt.date(2026, 11, 1))
    mixed = decide({"crop": "水稻"}, PatentFacts((old, new), {}, today=TODAY, data_as_of="patents 2026-11-29"))
    assert mixed.notes[0].zh == ("注意：其中1件（CN990000001A）的法律状态是半年多以前的（最早截至2025-12-01），"
                                 "此后可能已变化，以国家知识产权局登记为准。")
    assert "the legal status of 1 of them (CN990000001A) is more than six months old" in mixed.notes[0].en
    fresh = decide({"crop": "水稻"}, PatentFacts((new,), {}, today=TODAY, data_as_of="patents 2019-01-01"))
    assert not any("法律状态" in n.zh and "注意" in n.zh for n in fresh.notes)  # its own date, not the dataset's


@pytest.mark.parametrize(("status", "said"), [
    ("withdrawn", "收到通知之日起2个月内请求恢复（专利法实施细则第六条）"),
    ("视为撤回", "收到通知之日起2个月内请求恢复"),
    ("发明专利申请公布后的视为撤回", "收到通知之日起2个月内请求恢复"),
    ("视为放弃取得专利权", "视为放弃取得专利权"),
    ("abandoned", "视为放弃取得专利权"),
    ("rejected", "3个月内请求复审（专利法第四十一条）"),
    ("驳回", "3个月内请求复审"),
    ("复审决定维持驳回", "只能在收到复审决定之日起3个月内向人民法院起诉（专利法第四十一条第二款）")])
def test_an_application_that_never_became_a_patent_is_not_called_expired(status: str, said: str) -> None:
    """QA: 已撤回, 视为撤回, 驳回 and 视为放弃取得专利权 were labelled 已失效 / expired or lapsed, as if they had been
    patents; and 复审决定维持驳回 was read as under re-examination (may be granted), where the rejection was upheld."""
    from ipdesk.domain.patent_status import open_status
    from ipdesk.domain.wizard import GROUP_LABELS

    assert open_status("复审决定维持驳回") is None and open_status("驳回后复审") is not None
    p = PatentRecord(1, "CN990000001A", "测试甲", "invention", status, filing_date=dt.date(2018, 1, 1))
    assert status_group(p, TODAY) == "not_granted"
    outcome = decide({"crop": "水稻"}, PatentFacts((p,), {}, today=TODAY))
    (finding,) = [f for f in outcome.findings if f.kind == "patent"]
    assert any(said in r.zh and "did not become a patent" in r.en for r in finding.reasons)
    assert "已失效" not in outcome.headline.zh and "1件未成为专利的申请" in outcome.headline.zh
    assert outcome.to_report_section("zh_CN")["findings"][0]["group_label"] == GROUP_LABELS["not_granted"].zh
    assert "本身不限制任何人" in GROUP_LABELS["not_granted"].zh
    # given up after a grant: a patent whose right was given up, lapsed
    given_up = PatentRecord(2, "CN990000002B", "测试乙", "invention", "abandoned", grant_date=dt.date(2019, 1, 1))
    assert status_group(given_up, TODAY) == "free"


def test_the_user_guide_gives_the_order_the_screen_shows() -> None:
    """QA: the guide said in-force patents are listed first and lapsed ones last, while 已失效 came first."""
    from pathlib import Path

    from ipdesk.domain.patent_finder import GROUP_ORDER

    assert list(GROUP_ORDER) == ["in_force", "doubtful", "pending", "unknown", "free", "not_granted", "foreign"]
    help_dir = Path(__file__).resolve().parents[2] / "resources" / "help"
    zh = (help_dir / "zh_CN.md").read_text("utf-8")
    en = (help_dir / "en.md").read_text("utf-8")
    assert "有效的（需征得权利人许可）排在最前" in zh and "境外专利或国际申请" in zh and "未成为专利的申请" in zh
    assert "those in force (ask the holder) first" in en and "from outside the Chinese mainland or international" in en


def test_the_english_counts_read_as_english() -> None:
    """QA: "1 applications never granted, 1 from outside the Chinese mainland, or international (no right there)"."""
    facts = PatentFacts(patents=(PatentRecord(1, "CN990000002A", "测试甲", "invention", "rejected"),
                                 PatentRecord(2, "US9900001B2", "测试乙", "invention", "in_force")),
                        ipc_titles={}, today=TODAY)
    outcome = decide({"crop": "水稻"}, facts)
    assert "1 never granted, 1 from outside the Chinese mainland or international (no right in the mainland)" \
        in outcome.headline.en, outcome.headline.en
    said = outcome.headline.en + outcome.explanation.en
    assert "1 applications" not in said and "no right there" not in said and "1 application never granted" in said
