"""Review of 80c11a5 and bac50e8 (invalidation requests, side events, the twin's 自动放弃, English open
statuses, granted numbers): wordings those changes now misread, end to end (`patent_status` →
`status_group` / `brief_standing`), and the 0005 migration's copy that still stores the audit's wordings
as ended. Each test failed at the review; the harm is said beside it. Synthetic records only (CN99…, 合成测试)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.patent_finder import PatentRecord, brief_standing, status_group
from ipdesk.services.importers.validate import patent_status
from tests.unit.test_migration_0005 import _migration

TODAY = dt.date(2026, 11, 29)

# a granted invention, an invention application, a utility model and a design, each within its term
GRANTED = ("CN990000001B", "invention", dt.date(2018, 5, 1))
APPLICATION = ("CN990000002A", "invention", dt.date(2022, 5, 1))
UTILITY = ("CN990000003U", "utility", dt.date(2020, 5, 1))
DESIGN = ("CN990000004S", "design", dt.date(2021, 5, 1))


def _record(stored: str, kind: tuple[str, str, dt.date]) -> PatentRecord:
    pub_no, patent_kind, filed = kind
    return PatentRecord(1, pub_no, "合成测试水稻装置", patent_kind, stored, "合成测试公司",
                        ("A01D0041000000",), filed, None)


def _imported(words: str, kind: tuple[str, str, dt.date]) -> PatentRecord:
    """A record as an import stores it from a list giving `words` as its legal status."""
    return _record(patent_status(words), kind)


# --- 1 (harmful: in force shown free) the 0005 migration still stores the audit's wordings as ended codes ---
# An 11-25/26 store upgraded to this version runs 0005, whose copy reads 撤回无效宣告请求 as withdrawn,
# 许可合同终止 as lapsed …: the words are replaced, so the finder can never read them as the importer does
# now. tests/unit/test_migration_0005.py says "never does the copy give a code the importer now reads
# differently", but its word set holds none of these wordings.

AUDIT_WORDINGS = (
    "撤回无效宣告请求", "无效宣告请求撤回", "终止无效宣告程序", "专利权无效宣告请求终止", "无效宣告请求被驳回",
    "驳回无效宣告请求", "请求宣告专利权全部无效", "专利实施许可合同备案的终止", "许可合同终止", "质押合同终止",
    "专利权质押合同登记的失效", "撤回优先权要求",
)


@pytest.mark.parametrize("words", AUDIT_WORDINGS)
def test_migration_0005_does_not_store_an_audit_wording_as_the_end_of_the_right(words):
    then, now = _migration().normalised(words), patent_status(words)
    assert then in (words, now), (words, then, now)  # kept as written (the finder reads the words) or as today
    assert status_group(_record(then, GRANTED), TODAY) not in ("free", "not_granted"), (words, then)


# --- 2 (free shown in force) a decision that names the request is read as a request still pending ---------
# invalidation_request: 全部无效 / 宣告无效 count as a decision only when 请求 is nowhere in the line, and any
# English 'invalidation' is a request; 宣告专利权无效 is not seen as a decision at all.

@pytest.mark.parametrize("words", [
    "宣告专利权全部无效（请求人：合成测试公司）",
    "无效宣告请求审查结论：宣告专利权全部无效",
    "根据无效宣告请求宣告专利权无效",
    "invalidated after invalidation request",
    "Invalidation decision: patent invalid",
    "Patent invalidated following invalidation request",
])
def test_an_invalidation_decision_naming_the_request_is_free(words):
    p = _imported(words, GRANTED)
    assert patent_status(words) == "invalidated", patent_status(words)
    assert status_group(p, TODAY) == "free", brief_standing(p, TODAY).en


# --- 3 (free shown in force) the right's own 终止 beside an invalidation request reads as the request ended ---

@pytest.mark.parametrize("words", ["专利权终止；无效宣告请求", "未缴年费专利权终止，无效宣告请求"])
@pytest.mark.parametrize("kind", [GRANTED, UTILITY], ids=["B", "U"])
def test_a_lapse_beside_an_invalidation_request_is_still_a_lapse(words, kind):
    p = _imported(words, kind)
    assert status_group(p, TODAY) == "free", (patent_status(words), brief_standing(p, TODAY).en)


# --- 4 (free shown unknown) a side event in the same line hides the right's own end ----------------------------

@pytest.mark.parametrize("words, kind, group", [
    ("专利权终止，质押登记注销", GRANTED, "free"),
    ("未缴年费专利权终止，许可合同备案注销", UTILITY, "free"),
    ("视为未要求优先权；发明专利申请公布后的视为撤回", APPLICATION, "not_granted"),
], ids=["pledge", "licence", "priority"])
def test_a_side_event_beside_the_rights_end_does_not_hide_it(words, kind, group):
    p = _imported(words, kind)
    assert status_group(p, TODAY) == group, (patent_status(words), brief_standing(p, TODAY).en)


# --- 5 (free shown in doubt, with a wrong reason) 自动放弃 / 授予发明专利权 read as the twin outside the twin case ---

@pytest.mark.parametrize("words, kind", [
    ("专利权人自动放弃专利权", GRANTED),  # an invention given up by its holder: no same-day twin
    ("自动放弃", DESIGN),  # a design has no twin invention
    ("发明专利申请自动放弃", APPLICATION),
], ids=["invention", "design", "application"])
def test_given_up_outside_the_utility_model_twin_is_no_twin_doubt(words, kind):
    p = _imported(words, kind)
    assert status_group(p, TODAY) != "doubtful", brief_standing(p, TODAY).en
    assert "twin" not in brief_standing(p, TODAY).en


def test_an_invention_application_granted_is_not_its_own_twin():
    p = _imported("授予发明专利权", APPLICATION)  # the application itself was granted: in force
    assert "twin" not in brief_standing(p, TODAY).en, brief_standing(p, TODAY).en


# --- 6 (free shown in doubt) 届满前终止 (ended before its term ran: Patent Law Art. 44) read as an expiry ---------

@pytest.mark.parametrize("words", ["专利权在期限届满前终止", "专利权有效期届满前终止"])
@pytest.mark.parametrize("kind", [GRANTED, UTILITY], ids=["B", "U"])
def test_ended_before_its_term_ran_is_a_lapse(words, kind):
    p = _imported(words, kind)
    assert patent_status(words) == "lapsed"
    assert status_group(p, TODAY) == "free", brief_standing(p, TODAY).en


# --- 7 (wrong reason, same treatment) 're-exam' inside 'pre-examination' -------------------------------------

@pytest.mark.parametrize("words", ["Pre-examination", "Under pre-examination"])
@pytest.mark.parametrize("kind", [APPLICATION, UTILITY], ids=["A", "U"])
def test_pre_examination_is_pending_not_re_examination(words, kind):
    p = _imported(words, kind)
    assert status_group(p, TODAY) == "pending", brief_standing(p, TODAY).en


# --- 8 (wrong stored status, same group) a decided partial invalidation stored as 'invalidation pending' -------

def test_a_partial_invalidation_decision_is_in_force_not_pending_invalidation():
    assert patent_status("专利权的部分无效宣告") == "in_force"  # 无效宣告中 on the record's page
