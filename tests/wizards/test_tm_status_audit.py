"""Audit of trademark status wordings, end to end: the words a list, an ST.96 file or a data update gives, as
the import stores them (`validate.trademark_status`, the `tm_status` column), then as the brand check judges
an earlier mark with that status (`right_state`, `decide`). Each test is a misreading found by running the
wordings CNIPA's 商标局 systems (商标状态, 商标流程) and common lists print through the real code. Synthetic
records only (9900…, 测试丰)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.brand_check import BrandFacts, EarlierMark, decide, right_state
from ipdesk.domain.trademark_term import TM_ENDED_STATUSES, TM_NEVER_REGISTERED, add_months, mark_has_ended
from ipdesk.domain.wizard import Outcome
from ipdesk.services.importers.validate import KNOWN_TM_STATUSES, trademark_status

TODAY = dt.date(2026, 11, 29)
NAME, CLASS, GROUP = "测试丰", 30, "3008"


def _expiry(registered_years_ago: int) -> str:
    """The last day of the ten-year term of a mark registered that many years before TODAY."""
    registered = add_months(TODAY, -12 * registered_years_ago)
    return (add_months(registered, 120) - dt.timedelta(days=1)).isoformat()


TEN_YEARS = _expiry(10)  # the term ended yesterday: in the grace period, still live
TWO_YEARS = _expiry(2)  # eight years of the term left


def _mark(words: str, expiry: str = TWO_YEARS) -> EarlierMark:
    """An identical earlier mark, same class and group, stored as an import stores `words`."""
    return EarlierMark(1, "99007001", NAME, CLASS, (GROUP,), owner="合成测试公司",
                       status=trademark_status(words), expiry_date=expiry)


def _check(words: str, expiry: str = TWO_YEARS) -> Outcome:
    return decide({"name": NAME, "nice_class": CLASS, "groups": (GROUP,)},
                  BrandFacts(marks=(_mark(words, expiry),), marks_in_class=1, today=TODAY))


def _said(words: str, expiry: str = TWO_YEARS) -> str:
    state = right_state(_mark(words, expiry), TODAY)
    return "" if state.said is None else state.said.en


def _import_warns(stored: str) -> bool:
    """`Validator.row`'s condition for the unknown trademark status warning (`unknown_tm_statuses`)."""
    return bool(stored) and stored not in KNOWN_TM_STATUSES


def _assert_live_bar(words: str, expiry: str = TWO_YEARS) -> None:
    stored = trademark_status(words)
    outcome = _check(words, expiry)
    assert stored not in TM_ENDED_STATUSES and not mark_has_ended(words), (words, stored, _said(words, expiry))
    assert outcome.code == "same_mark_refused" and outcome.level == "stop", (words, stored, outcome.headline.en)


# --- 1. a live application or registration read as never registered: "no longer bars a new one" -----------

@pytest.mark.parametrize("words", ["不予注册复审中", "不予注册复审"])
def test_review_of_a_refusal_after_opposition_keeps_the_application_live(words):
    """商标法第三十五条: the applicant's review of 不予注册 keeps the application going (as 驳回复审中 does);
    read as 不予注册 it is an application refused, no bar, and the identical mark is "close" only."""
    _assert_live_bar(words)


def test_registration_refused_for_some_goods_keeps_the_rest():
    """部分不予注册 (after an opposition, for some goods): the rest is registered, like 部分驳回."""
    _assert_live_bar("部分不予注册")


@pytest.mark.parametrize("words", [
    "转让撤回", "撤回转让申请", "转让申请驳回", "驳回转让申请",  # an assignment withdrawn or refused
    "变更撤回", "续展申请撤回", "驳回续展申请",  # a change of name, a renewal withdrawn or refused
    "已注册，许可备案撤回",  # a registration beside a licence record withdrawn
])
def test_an_event_withdrawn_or_refused_is_not_an_application_that_never_became_a_mark(words):
    """撤回/驳回 of a request about the mark (转让, 变更, 续展, 许可) read as the mark's own withdrawal or refusal:
    a registered mark is said to have been "never registered" and to bar nothing."""
    stored = trademark_status(words)
    assert stored not in TM_NEVER_REGISTERED, (words, stored, _said(words))
    _assert_live_bar(words)


# --- 2. a registration in force read as ended (risky at 0.9, "this mark's right has ended", Art. 50 cited) ---

@pytest.mark.parametrize("words", [
    "撤销连续三年停止使用注册商标申请", "撤销注册商标申请", "撤销连续三年停止使用注册商标提供证据通知发文",
    "请求宣告无效", "申请宣告无效", "请求宣告注册商标无效",
])
def test_a_revocation_or_invalidation_request_is_not_its_decision(words):
    """The request (撤销…申请, 请求宣告无效) read by its key word 撤销 / 宣告无效 / 无效 as the decision."""
    stored = trademark_status(words)
    assert stored in ("revocation_pending", "invalidation_pending"), (words, stored)
    _assert_live_bar(words)


@pytest.mark.parametrize("words", ["撤销不成立", "撤销申请不成立", "撤销申请被驳回", "撤回撤销申请", "撤销申请撤回"])
def test_a_revocation_refused_or_withdrawn_leaves_the_registration(words):
    """The request failed (不成立, 被驳回) or was withdrawn: the mark stays registered; read as 撤销 → revoked."""
    _assert_live_bar(words)


@pytest.mark.parametrize("words", [
    "许可合同备案注销", "许可备案撤销", "撤销许可备案",  # a licence record cancelled
    "质权登记注销", "商标专用权质权登记注销", "已注册；质押登记注销",  # a pledge released
])
def test_a_licence_or_pledge_record_ending_is_not_the_mark_ending(words):
    """注销/撤销 of a licence record or a pledge registration read as the mark cancelled or revoked."""
    _assert_live_bar(words)


@pytest.mark.parametrize("words", ["期满已续展", "期满前续展", "届满前续展"])
def test_a_renewal_is_not_an_expiry(words):
    """期满 / 届满 inside a renewal's wording read as 期满未续展."""
    _assert_live_bar(words)


def test_a_mark_in_its_grace_period_is_live():
    """宽展期内未续展: not yet renewed, but 《商标法》第四十条 grace still runs (the term ended yesterday): read
    by 未续展 as expired, the identical mark is only "risky" and said to have ended."""
    _assert_live_bar("宽展期内未续展", TEN_YEARS)


@pytest.mark.parametrize("words", ["公告期满无异议，核准注册", "异议期满"])
def test_the_opposition_period_ending_is_no_expiry(words):
    """The three months' opposition period after 初步审定公告 ended (and the mark was registered): 期满 is
    the period's, not the term's."""
    _assert_live_bar(words)


@pytest.mark.parametrize("words", ["部分商品撤销", "撤销部分商品"])
def test_a_revocation_for_some_goods_keeps_the_rest(words):
    """部分撤销 is read as registered, but the same decision worded by goods is read as revoked outright."""
    _assert_live_bar(words)


# --- 3. the import stores these silently: no unknown-status warning draws an eye to them ------------------

@pytest.mark.parametrize("words", [
    "不予注册复审中", "撤回转让申请", "撤销申请被驳回", "质权登记注销", "期满已续展", "请求宣告无效",
])
def test_a_misread_wording_is_read_live_or_warned_about(words):
    stored = trademark_status(words)
    assert stored not in TM_ENDED_STATUSES or _import_warns(stored), (words, stored)


# --- 4. a registration's request read as an application (live either way, but said as 审查中) -------------

@pytest.mark.parametrize("words", ["撤销连续三年不使用注册商标申请中", "撤销连续三年停止使用注册商标申请中"])
def test_a_non_use_revocation_request_pending_is_a_revocation_pending(words):
    """申请中 is reached before 撤销: a registration under a non-use revocation is stored as an application
    (pending, shown 审查中), not as revocation_pending (撤销审查中)."""
    assert trademark_status(words) == "revocation_pending"
