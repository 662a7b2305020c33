"""A patent's standing in one line and the cautions a short answer keeps (`Finding.brief`,
`Outcome.short_notes`): what the kiosk's receipt prints instead of the reasons, the notes, the rules and
the next steps, which the screen and the reports keep in full. Synthetic records only (CN99…, 合成测试)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.patent_finder import (
    SHORT_FOREIGN_NOTE,
    SHORT_FREE_NOTE,
    SHORT_NOT_GRANTED_NOTE,
    SHORT_VARIETY_NOTE,
    VARIETY_NOTE,
    PatentFacts,
    PatentRecord,
    brief_standing,
    decide,
    status_group,
)
from ipdesk.domain.report import display_width

TODAY = dt.date(2026, 11, 29)


def _p(n: int, pub_no: str, kind: str, status: str, filed: dt.date | None = None,
       expiry: dt.date | None = None) -> PatentRecord:
    return PatentRecord(n, pub_no, f"合成测试水稻装置{n}", kind, status, "合成测试公司", ("A01D0041000000",),
                        filed, expiry)


# a record of every kind of standing, with the words its line begins with in each language
STANDINGS = [
    (_p(1, "CN990000001U", "utility", "in_force", dt.date(2022, 5, 1), dt.date(2032, 5, 1)),
     "in_force", "有效（届满日2032-05-01）", "in force (expires 2032-05-01)"),
    (_p(2, "CN990000002A", "invention", "in_force", dt.date(2019, 5, 1)), "in_force", "有效：", "in force:"),
    (_p(3, "CN990000003A", "invention", "pending", dt.date(2024, 5, 1)), "pending", "审查中：公布后有临时保护",
     "pending: provisional protection"),
    (_p(4, "CN990000004U", "utility", "pending", dt.date(2025, 5, 1)), "pending", "审查中：授权后", "pending: protected once"),
    (_p(5, "CN990000005U", "utility", "in_force", dt.date(2010, 5, 1)), "doubtful", "状态存疑：记录的状态或日期有矛盾",
     "in doubt: status or dates conflict"),
    (_p(6, "CN990000006U", "utility", "未缴年费专利权终止，等待恢复", dt.date(2020, 5, 1)), "doubtful",
     "状态存疑：权利可能恢复", "in doubt: may be restored"),
    (_p(7, "CN990000007A", "invention", "驳回后复审", dt.date(2020, 5, 1)), "doubtful", "状态存疑：驳回后正在复审",
     "in doubt: under re-examination"),
    (_p(8, "CN990000008U", "utility", "避免重复授权放弃", dt.date(2020, 5, 1)), "doubtful", "状态存疑：同一技术的发明专利",
     "in doubt: twin invention may be in force"),
    (_p(9, "CN990000009A", "invention", "expired", dt.date(2001, 5, 1), dt.date(2021, 5, 1)), "free",
     "已失效：届满日2021-05-01已过", "expired: the expiry date 2021-05-01 has passed"),
    (_p(10, "CN990000010U", "utility", "lapsed", dt.date(2019, 5, 1)), "free", "已失效：据本机记录的法律状态",
     "lapsed: as the status recorded here says"),
    (_p(11, "CN990000011U", "utility", "未缴年费专利权终止，等待恢复", dt.date(2010, 5, 1)), "free", "已失效：保护期已满",
     "expired: its term has run"),
    (_p(12, "CN990000012A", "invention", "withdrawn", dt.date(2019, 5, 1)), "not_granted", "未成为专利：申请已撤回",
     "never granted: withdrawn"),
    (_p(13, "CN990000013A", "invention", "abandoned", dt.date(2019, 5, 1)), "not_granted", "未成为专利：视为放弃",
     "never granted: deemed abandoned"),
    (_p(14, "CN990000014A", "invention", "rejected", dt.date(2019, 5, 1)), "not_granted", "未成为专利：申请被驳回",
     "never granted: rejected"),
    (_p(15, "CN990000015A", "invention", "复审决定维持驳回", dt.date(2019, 5, 1)), "not_granted", "未成为专利：复审维持驳回",
     "never granted: rejection upheld"),
    (_p(16, "US9900001B2", "invention", "in_force"), "foreign", "外国专利或申请：在中国不受保护",
     "foreign patent or application: no right in China"),
    (_p(17, "HK1230000A", "invention", "in_force"), "foreign", "中国香港特别行政区的专利或申请：在内地不受保护",
     "from Hong Kong SAR, China: no right in the mainland"),
    (_p(18, "WO2020000001A1", "invention", ""), "foreign", "国际申请（PCT）：本身不是专利", "international (PCT)"),
    (_p(19, "CN990000019A", "invention", "合成测试状态"), "unknown", "状态不明：使用前请核实", "status unknown: check"),
]


@pytest.mark.parametrize("record, group, zh, en", STANDINGS, ids=[s[0].pub_no for s in STANDINGS])
def test_a_patents_standing_in_a_line_says_its_group_and_why(record: PatentRecord, group: str, zh: str,
                                                             en: str) -> None:
    assert status_group(record, TODAY) == group
    brief = brief_standing(record, TODAY)
    assert brief.zh.startswith(zh) and brief.en.startswith(en), brief
    # a line of the 80 mm receipt: ~27 Chinese characters, ~56 letters (tests/kiosk/test_kiosk_receipt.py
    # measures it with the receipt's font)
    assert display_width(brief.zh) <= 48 and len(brief.en) <= 56, brief
    assert "专利法" not in brief.zh and "Patent Law" not in brief.en  # no law cited in a line


def test_each_listed_patent_carries_its_line_and_the_answer_its_cautions() -> None:
    patents = tuple(record for record, *_ in STANDINGS)
    outcome = decide({"crop": "水稻"}, PatentFacts(patents, {}, today=TODAY))
    listed = [f for f in outcome.findings if f.kind == "patent"]
    assert len(listed) == len(patents) and all(f.brief is not None for f in listed)
    by_id = {f.ref_id: f for f in listed}
    for record, *_ in STANDINGS:
        assert by_id[record.id].brief == brief_standing(record, TODAY)
    assert outcome.short_notes == (SHORT_FREE_NOTE, SHORT_NOT_GRANTED_NOTE, SHORT_FOREIGN_NOTE)
    assert outcome.to_dict()["findings"][0]["brief"]["zh"] == listed[0].brief.zh  # type: ignore[union-attr]


def test_an_answer_keeps_only_the_cautions_of_the_groups_found() -> None:
    in_force = _p(1, "CN990000101A", "invention", "in_force", dt.date(2019, 5, 1))
    outcome = decide({"crop": "水稻"}, PatentFacts((in_force,), {}, today=TODAY))
    assert outcome.short_notes == ()  # nothing lapsed, never granted or foreign: nothing to qualify
    lapsed = _p(2, "CN990000102U", "utility", "lapsed", dt.date(2019, 5, 1))
    assert decide({"crop": "水稻"}, PatentFacts((in_force, lapsed), {}, today=TODAY)).short_notes == (SHORT_FREE_NOTE,)


def test_a_short_answer_says_what_the_full_one_says_first() -> None:
    """The cautions every verdict rests on are kept: statuses half a year old, a crop read from a homophone, and
    for a breeding search that a variety is no patent."""
    old = PatentRecord(1, "CN990000201A", "合成测试水稻育种方法", "invention", "in_force", filing_date=dt.date(2019, 5, 1),
                       as_of=dt.date(2026, 1, 1))
    outcome = decide({"crop": "水到", "technique": "breeding"}, PatentFacts((old,), {}, today=TODAY))
    assert outcome.short_notes[0].zh.startswith("注意：法律状态截至2026-01-01")
    assert outcome.short_notes[1].zh.startswith("按「水稻」查找")
    assert outcome.short_notes[-1] == SHORT_VARIETY_NOTE and VARIETY_NOTE in outcome.notes
    assert outcome.short_notes[:2] == outcome.notes[:2]


def test_an_answer_without_patents_has_no_short_form() -> None:
    """None found or no patent data: the answer is its next steps (where to search) and prints in full."""
    none = decide({"crop": "水稻"}, PatentFacts((), {}, today=TODAY, store_patents=10))
    assert none.code == "none_found" and none.short_notes == ()
    assert not any(f.brief for f in none.findings)
