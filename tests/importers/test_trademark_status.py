"""Trademark statuses (QA qa11 #1): the import reads a list's words into stored statuses as it does for
patents and warns about words it does not know; the brand check counts a mark under invalidation as a
live mark, and only a right that has ended (status, or term and grace long past) at half weight."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipdesk.domain import rules
from ipdesk.domain.brand_check import BrandFacts, EarlierMark, decide, ended_reason
from ipdesk.domain.i18n import status_name
from ipdesk.domain.trademark_term import mark_has_ended, trademark_status
from ipdesk.domain.wizard import Outcome
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
    # ended for some goods only: the rest stays registered, or (refused in part) goes on as an application
    assert [trademark_status(w) for w in ("部分驳回", "部分驳回复审中", "部分撤销", "部分注销", "部分宣告无效")] == [
        "pending", "pending", "registered", "registered", "registered"]
    assert not any(mark_has_ended(w) for w in ("部分驳回", "部分撤销", "部分注销", "部分宣告无效"))
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


# --- 《商标法》第五十条: a registration that ended still bars the same mark for a year (QA qa16 M3) ----------

def _ended(status: str, expiry: str = "") -> EarlierMark:
    return EarlierMark(1, "99001007", "测试丰", 30, ("3008",), status=status, expiry_date=expiry)


def _check(mark: EarlierMark) -> Outcome:
    return decide({"name": "测试丰", "nice_class": 30, "groups": ("3008",)},
                  BrandFacts(marks=(mark,), marks_in_class=1, today=TODAY))


@pytest.mark.parametrize("status", ["已注销", "已撤销", "已宣告无效", "已失效"])
def test_a_mark_ended_on_a_date_not_on_record_stays_a_risk_under_art_50(status: str) -> None:
    """田园乐 (已注销, no date) was "冲突的可能不算大": Art. 50 bars the same mark for a year from the ending,
    and the record does not say when that was."""
    outcome = _check(_ended(status))
    assert outcome.code == "risky" and outcome.level == "caution", outcome.headline.zh
    assert "冲突的可能不算大" not in outcome.explanation.zh
    assert rules.TM_ART50 in outcome.rules
    said = outcome.findings[0].reasons[-1]
    assert "终止的日期本机没有记录" in said.zh and "第五十条" in said.zh and "一年内" in said.zh
    assert "Art. 50" in said.en and "not in the offline data" in said.en
    # the non-use exception cannot be told from a bare status: said where the status may be a revocation
    assert ("连续三年不使用" in said.zh) == (status in ("已撤销", "已失效"))
    assert ("three years' non-use" in said.en) == (status in ("已撤销", "已失效"))


def test_a_mark_not_renewed_says_when_the_year_of_art_50_ends() -> None:
    # term 2025-01-31, grace to 2025-07-31: the year runs from the cancellation, at the earliest 2026-07-31
    recent = _check(_ended("期满未续展", "2025-01-31"))
    assert recent.code == "risky" and rules.TM_ART50 in recent.rules
    said = recent.findings[0].reasons[-1]
    assert "最早于2026-07-31结束" in said.zh and "ends on 2026-07-31 at the earliest" in said.en
    # long ago: the year is over, no longer a bar (still listed, at half weight)
    old = _check(_ended("期满未续展", "2016-01-01"))
    assert old.code == "close_marks" and "这一年已于2017-07-01前后过去" in old.findings[0].reasons[-1].zh
    # no ended status, but the term and grace ran out 13 months ago with no renewal on record: Art. 50's
    # year may still run (before: "no longer valid", a conflict "less likely")
    lapsed_term = _check(_ended("registered", "2025-04-01"))
    assert lapsed_term.code == "risky", lapsed_term.headline.zh
    assert "除非已经续展，它已不再有效" in lapsed_term.findings[0].reasons[-1].zh


def test_a_cancelled_mark_whose_term_ended_long_ago_no_longer_bars() -> None:
    """QA round 17 (N9): 田园乐, 已注销 with its term ending 2021-01-13, was still "有风险 … 终止的日期本机没有
    记录". Cancelled on an unknown day, but no later than the end of the grace period: Art. 50's year
    from then is over. With a term that ended recently (or not yet) it stays a risk."""
    old = _check(_ended("已注销", "2021-01-13"))
    assert old.code == "close_marks", old.headline.zh
    said = old.findings[0].reasons[-1]
    assert "这一年最晚于2022-07-13前后已经过去" in said.zh and "ended around 2022-07-13 at the latest" in said.en
    recent = _check(_ended("已注销", "2025-06-01"))
    assert recent.code == "risky" and "终止的日期本机没有记录" in recent.findings[0].reasons[-1].zh
    before_term = _check(_ended("已注销", "2030-01-01"))  # cancelled before its term ran out: date unknown
    assert before_term.code == "risky"


def test_a_refused_application_is_no_bar_and_a_bare_invalidation_is_pending() -> None:
    refused = _check(_ended("驳回"))
    assert refused.code == "close_marks" and rules.TM_ART50 not in refused.rules
    assert "没有获得注册" in refused.findings[0].reasons[-1].zh
    # 无效宣告 is the procedure's name (谷满仓): a request pending, like 无效宣告中, never an ended right
    assert trademark_status("无效宣告") == trademark_status("无效宣告中") == "invalidation_pending"
    assert trademark_status("无效宣告（请求中）") == "invalidation_pending" and not mark_has_ended("无效宣告")
    assert trademark_status("已宣告无效") == "invalidated"
    assert _check(_ended("无效宣告")).code == "same_mark_refused"
