"""Review of the status-wording audit fix (0f66977): wordings `trademark_status` read right before it and wrong
after, or that its clause rule splits into parts that read differently. Each is run end to end as the audit's
tests do: stored as the import stores it, then judged by the brand check (`decide`). Synthetic records only
(99007…, 测试丰)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.brand_check import BrandFacts, EarlierMark, decide, right_state
from ipdesk.domain.trademark_term import TM_ENDED_STATUSES, TM_NEVER_REGISTERED, add_months, mark_has_ended
from ipdesk.domain.wizard import Outcome
from ipdesk.services.importers.validate import trademark_status

TODAY = dt.date(2026, 11, 29)
NAME, CLASS, GROUP = "测试丰", 30, "3008"


def _expiry(registered_years_ago: int) -> str:
    registered = add_months(TODAY, -12 * registered_years_ago)
    return (add_months(registered, 120) - dt.timedelta(days=1)).isoformat()


TWO_YEARS = _expiry(2)


def _mark(words: str) -> EarlierMark:
    return EarlierMark(1, "99007001", NAME, CLASS, (GROUP,), owner="合成测试公司",
                       status=trademark_status(words), expiry_date=TWO_YEARS)


def _check(words: str) -> Outcome:
    return decide({"name": NAME, "nice_class": CLASS, "groups": (GROUP,)},
                  BrandFacts(marks=(_mark(words),), marks_in_class=1, today=TODAY))


def _said(words: str) -> str:
    state = right_state(_mark(words), TODAY)
    return "" if state.said is None else state.said.en


def _assert_live_bar(words: str) -> None:
    stored = trademark_status(words)
    outcome = _check(words)
    assert stored not in TM_ENDED_STATUSES and not mark_has_ended(words), (words, stored, _said(words))
    assert outcome.code == "same_mark_refused" and outcome.level == "stop", (words, stored, outcome.headline.en)


def _assert_ended(words: str) -> str:
    stored = trademark_status(words)
    outcome = _check(words)
    assert stored in TM_ENDED_STATUSES and mark_has_ended(words), (words, stored)
    assert outcome.code != "same_mark_refused", (words, stored, outcome.headline.en)
    return stored


# --- harmful: a live registration read as ended ---------------------------------------------------------

@pytest.mark.parametrize("words", ["期满，已续展", "期满；续展注册", "届满，续展核准"])
def test_a_renewal_in_its_own_clause_is_not_set_aside(words):
    """期满已续展 is now live, but with a comma the clause rule sets 已续展 aside as an 'event' and reads the
    rest, 期满, as expired: the one clause that says the mark lives is thrown away (risky, Art. 50 cited)."""
    _assert_live_bar(words)


# --- regressions: an ended mark read as live (a wrong "stop", mostly silent on import) ------------------

@pytest.mark.parametrize("words", [
    "不予注册复审不成立", "不予注册，复审不成立", "异议成立，不予注册；复审不成立",
    "不予注册（异议成立，申请人复审不成立）",
])
def test_a_failed_review_of_a_refusal_stays_refused(words):
    """Before: rejected. Now 不成立 anywhere is read as 'a request against the registration failed' →
    registered: the applicant's review failed, the application is refused, yet it is said to bar."""
    assert _assert_ended(words) in TM_NEVER_REGISTERED


def test_a_failed_review_of_a_rejection_is_not_a_registration():
    """驳回复审不成立 (was pending, still live) is now stored as *registered*: the refusal stands."""
    assert trademark_status("驳回复审不成立") == "rejected"


@pytest.mark.parametrize("words", [
    "撤销申请成立", "请求宣告无效成立", "申请宣告无效成立",
    "已撤销（撤销申请成立）", "已宣告无效（请求宣告无效）", "撤销注册商标申请成立，已撤销",
])
def test_a_request_granted_is_the_decision(words):
    """Before: revoked / invalidated. Now the request rule (撤销+申请, 请求宣告) wins over 成立 and over an
    explicit outcome (已撤销, 已宣告无效): stored revocation/invalidation_pending, live, no import warning."""
    _assert_ended(words)


@pytest.mark.parametrize("words", [
    "撤销商标注册申请", "商标注册申请被撤销", "注册申请已撤销", "撤销注册申请", "撤销商标申请", "商标申请撤销",
])
def test_an_application_revoked_is_not_a_revocation_request(words):
    """The object of 撤销 is the application (商标注册申请), not a registration: the application ended.
    Before: revoked (ended). Now revocation_pending (live, 'stop', no import warning)."""
    _assert_ended(words)


@pytest.mark.parametrize("words", ["宽展期内注销", "宽展期内已注销", "宽展期内被撤销", "注销，宽展期内"])
def test_an_ending_in_the_grace_period_is_an_ending(words):
    """宽展期内 is now read first, as registered, whatever follows: a mark cancelled or revoked during its
    grace period is said to be in force. Before: cancelled / revoked."""
    _assert_ended(words)


@pytest.mark.parametrize("words", [
    "期满未予续展", "期满不予续展", "期满未办理续展", "期满未申请续展", "注册商标期满未予续展注销",
    "届满未办理续展手续",
])
def test_a_renewal_not_made_or_refused_is_no_event(words):
    """续展 without the exact 未续展 makes the whole line an 'event' (kept as written, live): 未予续展,
    不予续展, 未办理续展 are the mark not renewed. Before: expired."""
    _assert_ended(words)


@pytest.mark.parametrize("words", [
    "注销（转让后）", "转让后注销", "商标已注销（转让前）", "变更后注销", "注销（名义变更后）",
    "质押后注销", "注销（质押登记）", "许可后注销", "已撤销（转让后）", "已失效（转让）",
])
def test_an_ending_that_names_an_event_is_still_the_marks(words):
    """A clause naming 转让/变更/质押/许可 is set aside whole, even when what it says ended is the mark; with
    nothing left the line is kept as written (live; the import warns). Before: cancelled / revoked / lapsed."""
    _assert_ended(words)


# --- minor: a live wording now stored unread (an import warning, no change in the verdict) ---------------

def test_a_renewed_registration_is_registered():
    """续展注册 was stored registered; now a line of nothing but an 'event', kept as written."""
    assert trademark_status("续展注册") == "registered"
