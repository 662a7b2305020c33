"""The wizard engine: next, back, problems and the outcome's two forms."""

from __future__ import annotations

import json

from ipdesk.domain.brand_check import BRAND_FLOW
from ipdesk.domain.gi_eligibility import GI_FLOW
from ipdesk.domain.i18n import Text
from ipdesk.domain.patent_finder import PATENT_FLOW
from ipdesk.domain.wizard import SUMMARY, Answer, Finding, Outcome, RuleCitation, WizardSession


def test_session_walks_forward_and_back_to_the_same_steps() -> None:
    session = WizardSession(GI_FLOW)
    assert session.current == "role" and not session.can_go_back()
    assert not session.can_go_next()  # no role yet
    assert session.go_next() == "role"  # refused: stays
    session.data["role"] = "cooperative"
    assert session.go_next() == "product"
    session.data["product"] = "大米"
    assert session.go_next() == "township"
    session.data["township_code"] = "2301841"  # not a code
    assert session.problems()
    session.data["township_code"] = "230184100000"
    assert session.go_next() == SUMMARY and session.at_summary
    assert session.go_next() is None  # finished: compute the outcome
    assert [session.go_back(), session.go_back(), session.go_back()] == ["township", "product", "role"]
    assert session.go_back() == "role"
    assert session.data["product"] == "大米"  # answers are kept when going back
    session.restart()
    assert session.current == "role" and not session.data


def test_every_flow_reaches_the_summary() -> None:
    for flow, answers in (
        (GI_FLOW, {"role": "farmer", "product": "茶", "township_code": "330106003000"}),
        (BRAND_FLOW, {"name": "测试甲", "nice_class": 30}),
        (PATENT_FLOW, {"crop": "水稻", "technique": "harvesting"}),
    ):
        session = WizardSession(flow, data=dict(answers))
        steps = [session.current]
        while (nxt := session.go_next()) is not None:
            steps.append(nxt)
        assert steps[-1] == SUMMARY, flow.name
        assert session.answers(), flow.name


def test_brand_flow_rejects_bad_class_and_long_name() -> None:
    session = WizardSession(BRAND_FLOW, data={"name": "测" * 21})
    assert session.problems() and session.go_next() == "name"
    session.data["name"] = "测试甲"
    session.go_next()
    for bad in (0, 46, "30", None):
        session.data["nice_class"] = bad
        assert session.problems(), bad
    session.data["nice_class"] = 30
    assert session.go_next() == SUMMARY


def test_outcome_renders_in_both_languages_and_json() -> None:
    outcome = Outcome(
        wizard="gi_check", code="x", level="go", headline=Text("标题", "Headline"), explanation=Text("说明", "Why"),
        rules=(RuleCitation(Text("某规则", "A rule"), Text("内容", "says"), verified=False),),
        answers=(Answer(Text("问", "Q"), Text("答", "A")),),
        findings=(Finding("gi", 1, "测试", group="covers", reasons=(Text("理由", "reason"),)),),
    )
    zh, en = outcome.to_report_section("zh_CN"), outcome.to_report_section("en")
    assert zh["headline"] == "标题" and en["headline"] == "Headline"
    assert "请向当地知识产权局核实" in zh["rules"][0] and "check with your local IP office" in en["rules"][0]
    assert en["answers"] == [("Q", "A")] and en["findings"][0]["reasons"] == ["reason"]
    assert en["findings"][0]["group_label"] == "covers your township"
    assert json.loads(json.dumps(outcome.to_dict()))["rules"][0]["verified"] is False
    assert outcome.title("en") == "GI check: Headline" and outcome.title("zh_CN") == "地理标志核查：标题"
