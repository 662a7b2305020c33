"""Review of the receipt's one-line standing (`brief_standing`) and short cautions (`Outcome.short_notes`):
lines that say less than the full answer for the same record, or more than the law allows. Each test fails
before a mend. Synthetic records only (CN99…, 合成测试); pure domain, no Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.patent_finder import (
    PatentFacts,
    PatentRecord,
    brief_standing,
    decide,
    open_status_over,
    status_group,
)
from tests.wizards.test_patent_brief import TODAY, _p

# A utility model given up to avoid double patenting (专利法第九条第一款), filed 2014: its 10 years have run, but
# the invention filed the same day runs 20 years, to 2034. The full answer (`open_status_over`) says so.
TWIN_AFTER_TERM = [
    _p(1, "CN990000001U", "utility", "避免重复授权放弃", dt.date(2014, 5, 1)),
    _p(2, "CN990000002U", "utility", "避免重复授权放弃", dt.date(2014, 5, 1), dt.date(2024, 5, 1)),
]


@pytest.mark.parametrize("record", TWIN_AFTER_TERM, ids=[p.pub_no for p in TWIN_AFTER_TERM])
def test_a_utility_model_given_up_for_its_twin_keeps_the_twin_on_the_receipt(record: PatentRecord) -> None:
    """'已失效：保护期已满' alone, under '已失效：这件专利本身不再限制使用', sends the farmer home with a technique
    the same-day invention patent very likely still protects; the screen says to look that patent up."""
    full = open_status_over(record, TODAY)
    assert full is not None and "发明专利" in full.zh  # the full answer names the twin
    brief = brief_standing(record, TODAY)
    assert "发明" in brief.zh and "invention" in brief.en, brief


def test_every_line_in_doubt_says_treat_as_in_force() -> None:
    """The other doubtful lines end '按有效对待'; the double-patenting one does not, though the full answer's
    next step says '核实之前按有效专利对待' and the receipt keeps no caution for this group."""
    record = _p(3, "CN990000003U", "utility", "避免重复授权放弃", dt.date(2020, 5, 1))
    assert status_group(record, TODAY) == "doubtful"
    brief = brief_standing(record, TODAY)
    assert "按有效对待" in brief.zh and "treat as" in brief.en, brief


@pytest.mark.parametrize("kind, pub_no", [("utility", "CN990000004U"), ("design", "CN990000005S")])
def test_a_pending_utility_model_or_design_is_treated_as_in_force(kind: str, pub_no: str) -> None:
    """'审查中：授权后即受保护' reads as 'free until then'. Every other group one must not use before checking
    says '按有效对待', as the full answer's list note does for 审查中 ('使用前都须按有效专利对待'); and a utility
    model or design is published only at its grant (a U or S number), so one in the data is most likely granted."""
    record = _p(4, pub_no, kind, "pending", dt.date(2025, 5, 1))
    assert status_group(record, TODAY) == "pending"
    brief = brief_standing(record, TODAY)
    assert "按有效对待" in brief.zh and "treat as in force" in brief.en, brief


@pytest.mark.parametrize("status", ["invalidation pending", "invalidation_pending"])
def test_a_patent_under_invalidation_is_not_expired(status: str) -> None:
    """A patent whose invalidation is requested stays in force until it is declared invalid (专利法第四十五、
    四十七条). 'invalidation…' starts with the free code 'invalid', so status_group calls it free and the receipt
    prints '已失效：记录的法律状态为“无效宣告中”'."""
    record = _p(5, "CN990000006B", "invention", status, dt.date(2015, 5, 1))
    assert status_group(record, TODAY) != "free"
    assert not brief_standing(record, TODAY).zh.startswith("已失效")


def test_a_granted_utility_model_given_up_is_no_application_never_granted() -> None:
    """A CN…U number is a utility model's grant announcement (they are published only at grant): one recorded
    'abandoned' (放弃 → abandoned at import, 放弃专利权 included) without a grant date in the data was a patent
    whose right was given up, not '未成为专利：视为放弃取得专利权' (nor can it be 'restored', as the note says)."""
    record = _p(6, "CN990000007U", "utility", "abandoned", dt.date(2019, 5, 1))
    assert not brief_standing(record, TODAY).zh.startswith("未成为专利"), brief_standing(record, TODAY)


def test_a_receipt_with_lapsed_patents_says_to_check_the_latest_status() -> None:
    """The full answer's step for 已失效: '用这项技术前，请在国家知识产权局网站核实它的最新法律状态'. The receipt's
    caution says what 已失效 does not mean, but not to check that it still is (statuses under six months old get
    no stale-status note)."""
    lapsed = _p(7, "CN990000008U", "utility", "lapsed", dt.date(2019, 5, 1))
    outcome = decide({"crop": "水稻"}, PatentFacts((lapsed,), {}, today=TODAY))
    assert any("核实" in n.zh and "check" in n.en.lower() for n in outcome.short_notes), outcome.short_notes


def test_a_receipt_of_applications_never_granted_says_other_patents_may_cover_the_technique() -> None:
    """With no lapsed patent found, SHORT_FREE_NOTE is not printed, and '未成为专利的申请：这件申请本身不限制任何人'
    stands without the full answer's '但同一项技术可能还有其他有效专利'."""
    rejected = _p(8, "CN990000009A", "invention", "rejected", dt.date(2019, 5, 1))
    outcome = decide({"crop": "水稻"}, PatentFacts((rejected,), {}, today=TODAY))
    assert any("其他有效专利" in n.zh for n in outcome.short_notes), outcome.short_notes
