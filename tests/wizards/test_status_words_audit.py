"""Audit of legal-status wordings, end to end: the words a list or a data update gives, as the import stores
them (`patent_status`), then as the patent finder places them (`status_group`, `brief_standing`). Each test
is a misreading found by running the wordings CNIPA's systems and common patent lists print through the
real code. Synthetic records only (CN99…, 合成测试)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.patent_finder import PatentRecord, brief_standing, status_group
from ipdesk.domain.patent_status import open_status
from ipdesk.services.importers.validate import KNOWN_PATENT_STATUSES, patent_status

TODAY = dt.date(2026, 11, 29)

# a granted invention, an invention application, a utility model and a design, each within its term
GRANTED = ("CN990000001B", "invention", dt.date(2018, 5, 1))
APPLICATION = ("CN990000002A", "invention", dt.date(2022, 5, 1))
UTILITY = ("CN990000003U", "utility", dt.date(2020, 5, 1))
DESIGN = ("CN990000004S", "design", dt.date(2021, 5, 1))


def _record(words: str, kind: tuple[str, str, dt.date], expiry: dt.date | None = None) -> PatentRecord:
    """A record as an import would store it from a list giving `words` as its legal status."""
    pub_no, patent_kind, filed = kind
    return PatentRecord(1, pub_no, "合成测试水稻装置", patent_kind, patent_status(words), "合成测试公司",
                        ("A01D0041000000",), filed, expiry)


def _import_warns(stored: str) -> bool:
    """`Validator.validate`'s condition for the unknown-status warning (validate.py, `unknown_statuses`),
    whose notice says the patent finder shows the patent as 状态不明 (status unknown)."""
    return bool(stored) and stored not in KNOWN_PATENT_STATUSES and open_status(stored) is None


# --- an invalidation that did not happen is read as the end of the right (in force shown as free) ---------

@pytest.mark.parametrize("words", [
    "撤回无效宣告请求", "无效宣告请求撤回", "无效宣告请求人撤回请求",  # the requester withdrew: nothing decided
    "终止无效宣告程序", "专利权无效宣告请求终止",  # the invalidation proceedings ended without a decision
])
@pytest.mark.parametrize("kind", [GRANTED, UTILITY, DESIGN], ids=["B", "U", "S"])
def test_withdrawn_or_ended_invalidation_request_leaves_the_patent_in_force(words, kind):
    p = _record(words, kind)
    assert status_group(p, TODAY) == "in_force", (patent_status(words), brief_standing(p, TODAY).en)


@pytest.mark.parametrize("words", ["无效宣告请求被驳回", "驳回无效宣告请求"])
@pytest.mark.parametrize("kind", [GRANTED, UTILITY], ids=["B", "U"])
def test_rejected_invalidation_request_leaves_the_patent_in_force(words, kind):
    p = _record(words, kind)
    assert status_group(p, TODAY) == "in_force", (patent_status(words), brief_standing(p, TODAY).en)


@pytest.mark.parametrize("words", ["请求宣告专利权全部无效", "无效宣告请求（请求宣告全部无效）"])
def test_a_request_for_full_invalidation_is_not_a_decision(words):
    p = _record(words, GRANTED)
    assert patent_status(words) != "invalidated"
    assert status_group(p, TODAY) == "in_force", brief_standing(p, TODAY).en


# --- a utility model given up for its same-day invention read as a plain lapse (free; the twin binds) -------

@pytest.mark.parametrize("words", ["实用新型专利权自动放弃", "实用新型专利权自公告授予发明专利权之日起终止"])
def test_utility_model_given_up_for_its_twin_invention_is_in_doubt(words):
    p = _record(words, UTILITY)
    assert status_group(p, TODAY) == "doubtful", (patent_status(words), brief_standing(p, TODAY).en)
    assert "twin invention" in brief_standing(p, TODAY).en


# --- events that are not statuses, read as the end of the right by a substring (终止, 失效, 撤回) ---------

@pytest.mark.parametrize("words", ["专利实施许可合同备案的终止", "许可合同终止", "质押合同终止", "专利权质押合同登记的失效"])
@pytest.mark.parametrize("kind", [GRANTED, UTILITY], ids=["B", "U"])
def test_a_licence_or_pledge_ending_is_no_lapse_of_the_patent(words, kind):
    p = _record(words, kind)
    assert status_group(p, TODAY) not in ("free", "not_granted"), (patent_status(words), brief_standing(p, TODAY).en)


def test_withdrawing_a_priority_claim_is_no_withdrawn_application():
    p = _record("撤回优先权要求", APPLICATION)
    assert status_group(p, TODAY) not in ("free", "not_granted"), brief_standing(p, TODAY).en


# --- English wordings of a status that is not final, read as final by the finder's prefix rule -------------

@pytest.mark.parametrize("words, kind", [
    ("lapsed, restoration possible", UTILITY),
    ("lapsed - awaiting restoration", GRANTED),
    ("rejected, under re-examination", APPLICATION),
    ("rejected - reexamination requested", APPLICATION),
])
def test_english_status_that_is_not_final_is_not_free(words, kind):
    p = _record(words, kind)
    assert status_group(p, TODAY) not in ("free", "not_granted"), brief_standing(p, TODAY).en


# --- the term's expiry worded with 终止: the finder no longer checks it against the dates ---------------

@pytest.mark.parametrize("words", ["期限届满终止", "期满终止", "专利权的终止（期限届满）"])
def test_expiry_worded_with_termination_is_checked_against_the_term(words):
    # a utility model filed 2020-05-01 with the list's expiry date 2030-05-01: its term has not run, so an
    # expiry status contradicts the dates, as it does for 期限届满 (in doubt, treat as in force)
    assert status_group(_record("期限届满", UTILITY, dt.date(2030, 5, 1)), TODAY) == "doubtful"
    p = _record(words, UTILITY, dt.date(2030, 5, 1))
    assert patent_status(words) == "expired"
    assert status_group(p, TODAY) == "doubtful", brief_standing(p, TODAY).en


# --- the import's warning says "shown as status unknown" for statuses the finder does place ---------------

@pytest.mark.parametrize("words", [
    "无效宣告请求", "无效宣告审查中", "invalidation pending",  # placed in force
    "withdrawn by applicant", "lapsed, restoration possible",  # placed free
    "application published", "in examination",  # placed pending
])
def test_the_import_warns_only_about_statuses_the_finder_cannot_place(words):
    stored = patent_status(words)
    group = status_group(_record(words, GRANTED), TODAY)
    assert _import_warns(stored) == (group == "unknown"), (stored, group)


# --- English words for an ended right that lists print (free shown as 'status unknown') --------------------

@pytest.mark.parametrize("words, kind", [
    ("ceased", GRANTED), ("patent ceased", UTILITY), ("revoked", GRANTED), ("dead", UTILITY),
    ("not in force", GRANTED), ("no longer in force", UTILITY), ("deemed withdrawn", APPLICATION),
    ("refused", APPLICATION), ("patent expired", ("CN990000005B", "invention", dt.date(2004, 5, 1))),
])
def test_english_words_for_an_ended_right_are_known(words, kind):
    stored = patent_status(words)
    assert stored in KNOWN_PATENT_STATUSES, stored
    assert status_group(_record(words, kind), TODAY) in ("free", "not_granted")
