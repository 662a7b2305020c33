"""Trademark statuses (QA qa11 #1): the import reads a list's words into stored statuses as it does for
patents and warns about words it does not know; the brand check counts a mark under invalidation as a
live mark, and only a right that has ended (status, or term and grace long past) at half weight."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ipdesk.domain.brand_check import BrandFacts, EarlierMark, decide, ended_reason
from ipdesk.domain.i18n import status_name
from ipdesk.domain.trademark_term import mark_has_ended, trademark_status
from tests.importers.conftest import write_csv

HEADER = ["注册号", "商标", "类别", "类似群", "状态", "专用权期限至", "截至日期"]
AS_OF = "2026-11-01"
TODAY = dt.date(2026, 11, 27)
# Synthetic registration numbers (9900…) and names (测试 + a metal): never real records.
ROWS = [
    ["99001001", "银测试丰", 30, "3008", "已失效", "2016-01-01", AS_OF],
    ["99001002", "铜测试丰", 30, "3008", "期满未续展", "2016-01-01", AS_OF],
    ["99001003", "铁测试丰", 30, "3008", "无效宣告中", "2030-12-31", AS_OF],
    ["99001004", "锡测试丰", 30, "3008", "注册", "2030-12-31", AS_OF],
    ["99001005", "铅测试丰", 30, "3008", "乱写的状态", "2030-12-31", AS_OF],
]


def test_trademark_status_words_are_read_and_an_unknown_one_is_warned_about(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    preview = importer.stage([write_csv(tmp_path / "tm.csv", HEADER, ROWS)])
    assert preview.total("rejected") == 0 and preview.can_commit
    (warning,) = [n for n in preview.notices if "无法识别" in n.zh]
    assert "1 件商标的状态无法识别：“乱写的状态”（第 6 行）" in warning.zh and "仍然有效" in warning.zh
    assert "the status of 1 trademark is not one the import knows: '乱写的状态' (row 6)" in warning.en
    assert "still in force" in warning.en
    importer.commit(preview)

    from ipdesk.services.models import Trademark

    with services.db.session() as s:
        stored = dict(s.query(Trademark.reg_no, Trademark.status).filter(Trademark.reg_no.like("990010%")).all())
    assert stored == {"99001001": "lapsed", "99001002": "expired", "99001003": "invalidation_pending",
                      "99001004": "registered", "99001005": "乱写的状态"}

    for name in ("铁测试丰", "锡测试丰", "铅测试丰"):  # under invalidation, registered, unreadable: all live
        outcome = services.wizards.brand_check({"name": name, "nice_class": 30, "groups": ("3008",)})
        assert outcome.code == "same_mark_refused" and outcome.level == "stop", (name, outcome.headline.zh)
        assert outcome.findings[0].title == name
    for name in ("银测试丰", "铜测试丰"):  # the right has ended: listed, said, but not a bar
        outcome = services.wizards.brand_check({"name": name, "nice_class": 30, "groups": ("3008",)})
        assert outcome.code != "same_mark_refused" and outcome.level == "caution", (name, outcome.headline.zh)
        same = next(f for f in outcome.findings if f.title == name)
        assert any("权利已经终止" in r.zh for r in same.reasons)


def test_trademark_status_reading() -> None:
    assert [trademark_status(w) for w in ("无效宣告中", "已失效", "期满未续展", "注册", "商标已注册", "注册申请中",
                                          "驳回复审中", "异议成立，不予注册", "部分无效", "已注销", "撤销", " ")] == [
        "invalidation_pending", "lapsed", "expired", "registered", "registered", "pending", "pending", "rejected",
        "registered", "cancelled", "revoked", ""]
    assert not mark_has_ended("无效宣告中") and not mark_has_ended("乱写的状态") and not mark_has_ended("异议中")
    assert mark_has_ended("已失效") and mark_has_ended("期满未续展") and mark_has_ended("invalidated")
    # shown in the reader's language, also when stored as written before the import read it
    assert status_name("有效").en == "in force" and status_name("期满未续展") .en == "expired"
    assert status_name("期满未续展").zh == "期满未续展" and status_name("invalidation_pending").zh == "无效宣告中"
    assert status_name("乱写的状态").en == "乱写的状态"


def test_a_term_long_ended_without_renewal_no_longer_bars_a_new_mark() -> None:
    def mark(expiry: str) -> EarlierMark:
        return EarlierMark(1, "99001006", "测试丰", 30, ("3008",), status="registered", expiry_date=expiry)

    said, ended = ended_reason(mark("2016-01-01"), TODAY)
    assert ended and said is not None and "2016-07-01" in said.zh and "no longer valid" in said.en
    said, ended = ended_reason(mark("2026-01-01"), TODAY)  # grace ended 2026-07-01: a renewal may be on its way
    assert not ended and said is not None and "仍按有效商标对待" in said.zh
    assert ended_reason(mark("2026-08-01"), TODAY) == (None, False)  # in the grace period: still live
    assert ended_reason(mark(""), TODAY) == (None, False)
    old = decide({"name": "测试丰", "nice_class": 30, "groups": ("3008",)},
                 BrandFacts(marks=(mark("2016-01-01"),), marks_in_class=1, today=TODAY))
    assert old.code == "close_marks" and old.level == "caution"
    recent = decide({"name": "测试丰", "nice_class": 30, "groups": ("3008",)},
                    BrandFacts(marks=(mark("2026-01-01"),), marks_in_class=1, today=TODAY))
    assert recent.code == "same_mark_refused"
