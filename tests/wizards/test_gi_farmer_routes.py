"""GI check, read as a farmer would (qa19c N2): an individual farmer's certification- and collective-mark routes go
through a licensed or member cooperative or enterprise, with the farmer's own checklist; a GI of the same name is
named with its route; the AGI route gives a farmer a farmer's step (qa19c N8c). Plain data first, then the real
seed (奉节脐橙 at 永乐镇, 邻水脐橙 at 鼎屏镇)."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain import rules
from ipdesk.domain.gi_eligibility import (
    CHECKLIST_FARMER_MARK,
    CHECKLIST_TITLE_FARMER,
    GiFacts,
    GiRecord,
    Township,
    decide,
)

PLACE = Township("990101001000", "测试镇", ("测试省", "测试市", "测试县"))
ROLES = ("farmer", "cooperative", "enterprise", "association", "government", "")


def answers(role: str = "farmer", **extra: object) -> dict[str, object]:
    return {"role": role, "product": "测试大米", "township_code": PLACE.code, "township_label": PLACE.label, **extra}


def gi(id_: int, kind: str, *, holder: str = "", rough: bool = False, reg_no: str = "") -> GiRecord:
    return GiRecord(id=id_, kind=kind, name="测试大米", category="粮油", holder=holder, covers=True,
                    area_names=("测试县",), area_rough=rough, tm_reg_no=reg_no)


def _text(outcome: Any, lang: str) -> str:
    sec = outcome.to_report_section(lang)
    return " ".join([sec["headline"], sec["explanation"], *sec["next_steps"], *sec["notes"], sec["office"],
                     *(g["title"] for g in sec["checklist_groups"]), *sec["checklist"]])


@pytest.mark.parametrize("holder", ["测试协会", ""])
def test_a_farmer_uses_a_certification_mark_through_a_licensed_cooperative(holder: str) -> None:
    outcome = decide(answers(), GiFacts(PLACE, (gi(1, "gi_certification_mark", holder=holder),)))
    assert outcome.code == "gi_certification_mark" and outcome.level == "go"
    assert outcome.headline.zh == "可以通过已获许可的合作社或企业使用“测试大米”证明商标"
    assert outcome.headline.en == 'You can use the certification mark "测试大米" through a licensed cooperative or enterprise'
    # the words a farmer meets are said in plain words: 证明商标, 许可备案, 被许可人
    for word in ("证明商标由", "许可备案", "被许可人", "《商标法》第三条", "《商标法》第四十三条"):
        assert word in outcome.explanation.zh, word
    for word in ("A certification mark is", "licence recordal", "licensee", "Art. 3", "Art. 43"):
        assert word in outcome.explanation.en, word
    find, join, alone = outcome.next_steps
    assert find.zh.startswith("找一家已获“测试大米”使用许可的合作社或企业") and "which local ones are licensed" in find.en
    assert ("sbj.cnipa.gov.cn" in find.zh) == (not holder) and (f"（{holder}）" in find.zh) == bool(holder)
    assert "交售" in join.zh and "supplier" in join.en
    assert "个人也可以直接向注册人申请许可" in alone.zh and "个体工商户或家庭农场" in alone.zh
    assert "individual business or family farm" in alone.en
    # nothing a farmer cannot do: no licence contract to sign and record, no filing "as a licensee"
    steps = " ".join(s.zh for s in outcome.next_steps)
    assert "签订使用许可合同" not in steps and "作为被许可人申请" not in steps
    farmer_part, user_part = outcome.checklist_groups
    assert farmer_part.title == CHECKLIST_TITLE_FARMER and farmer_part.items == CHECKLIST_FARMER_MARK
    assert user_part.items == rules.CHECKLIST_CERT_LICENSEE and "被许可人" in user_part.title.zh
    assert "licensee" in user_part.title.en
    assert outcome.office.zh.startswith("已获许可的合作社或企业") and outcome.office.en.startswith("A licensed cooperative")
    assert rules.TM_ART3 in outcome.rules and rules.TM_ART43 in outcome.rules
    assert rules.TM_REGULATIONS_ART4 in outcome.rules


def test_a_farmer_uses_a_collective_mark_through_a_member_cooperative() -> None:
    outcome = decide(answers(), GiFacts(PLACE, (gi(1, "gi_collective_mark", holder="测试协会"),)))
    assert outcome.code == "gi_collective_mark" and outcome.level == "go"
    assert outcome.headline.zh == "可以通过已是团体成员的合作社或企业使用“测试大米”集体商标"
    assert "through a cooperative or enterprise that is a member" in outcome.headline.en
    assert "集体商标以协会等团体的名义注册" in outcome.explanation.zh and "正当使用" in outcome.explanation.zh
    assert "A collective mark is registered" in outcome.explanation.en and "fair use" in outcome.explanation.en
    find, join, alone = outcome.next_steps
    assert "已是“测试大米”团体成员的合作社或企业" in find.zh and "测试协会" in find.zh
    assert "章程" in join.zh and "个人也可以要求加入该团体" in alone.zh and "ask to join the association" in alone.en
    farmer_part, user_part = outcome.checklist_groups
    assert farmer_part.items == CHECKLIST_FARMER_MARK and user_part.items == rules.CHECKLIST_COLLECTIVE_MEMBER
    assert "团体成员" in user_part.title.zh and rules.TM_ART3 in outcome.rules and rules.TM_ART43 not in outcome.rules


@pytest.mark.parametrize(("kind", "word"), [("gi_certification_mark", "已获许可的合作社或企业"),
                                            ("gi_collective_mark", "已是团体成员的合作社或企业")])
def test_a_farmers_mark_route_with_a_rough_area_checks_first(kind: str, word: str) -> None:
    outcome = decide(answers(), GiFacts(PLACE, (gi(1, kind, rough=True),)))
    assert outcome.level == "caution" and outcome.headline.zh.startswith("您的乡镇可能在“测试大米”")
    assert outcome.headline.zh.endswith(f"请先核实，再通过{word}使用")
    assert "may be inside" in outcome.headline.en and "check that first, then use it through" in outcome.headline.en
    assert "核实" in outcome.next_steps[0].zh and len(outcome.next_steps) == 4
    assert "可能在范围内，也可能不在" in outcome.explanation.zh and outcome.checklist_groups[0].title == CHECKLIST_TITLE_FARMER


@pytest.mark.parametrize("kind", ["gi_certification_mark", "gi_collective_mark"])
@pytest.mark.parametrize("role", ["cooperative", "enterprise"])
def test_a_cooperative_or_enterprise_keeps_its_own_mark_route(kind: str, role: str) -> None:
    outcome = decide(answers(role), GiFacts(PLACE, (gi(1, kind, holder="测试协会"),)))
    assert not outcome.checklist_groups
    assert outcome.checklist == (rules.CHECKLIST_CERT_LICENSEE if kind == "gi_certification_mark"
                                 else rules.CHECKLIST_COLLECTIVE_MEMBER)
    assert "合作社或企业" not in outcome.headline.zh
    if kind == "gi_certification_mark":
        assert outcome.headline.zh == "可以申请许可使用“测试大米”证明商标"
        assert outcome.next_steps[1].zh.startswith("与注册人签订使用许可合同；由注册人（许可人）向国家知识产权局办理许可备案")
    else:
        assert outcome.headline.zh == "可以申请加入“测试大米”集体商标的团体"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("twin", ["gi_certification_mark", "gi_collective_mark", "agi"])
def test_a_gi_of_the_same_name_is_named_with_its_route(role: str, twin: str) -> None:
    """“X”同时是农产品地理标志，也可以走该途径 named no office and no step."""
    outcome = decide(answers(role), GiFacts(PLACE, (gi(1, "gi_product"), gi(2, twin))))
    zh, en = _text(outcome, "zh_CN"), _text(outcome, "en")
    assert "也可以走该途径" not in zh and "that route is open too" not in en
    note = next(n for n in outcome.notes if n.zh.startswith("“测试大米”同时是"))
    assert "by that route, " in note.en
    if twin == "agi":
        assert "登记证书持有人" in note.zh and "年度使用协议" in note.zh and "县农业农村局" in note.zh
        assert "2022" in note.zh and "yearly use agreement" in note.en and "agriculture bureau" in note.en
    elif role == "farmer":
        assert "合作社或企业" in note.zh and "cooperative or enterprise" in note.en
    elif twin == "gi_certification_mark":
        assert "向证明商标注册人" in note.zh and "申请使用许可" in note.zh and "sbj.cnipa.gov.cn" in note.zh
    else:
        assert "申请加入集体商标注册人" in note.zh and "join the association" in note.en


@pytest.mark.parametrize("role", ["farmer", "cooperative"])
def test_the_agi_route_gives_a_farmer_a_farmers_step(role: str) -> None:
    outcome = decide(answers(role), GiFacts(PLACE, (gi(1, "agi"),)))
    steps_zh = " ".join(s.zh for s in outcome.next_steps)
    if role == "farmer":  # converting the protection is the holder's or the government's step
        assert "转为地理标志产品或商标保护" not in steps_zh
        assert "符合条件的单位和个人都可以向证书持有人申请使用" in outcome.next_steps[-1].zh
        assert "businesses and individuals who meet the conditions" in outcome.next_steps[-1].en
        # the special mark's credit code is CNIPA's mark, not an AGI's: no footnote that contradicts the step
        assert not any("统一社会信用代码" in n.zh for n in outcome.notes)
    else:
        assert "转为地理标志产品或商标保护" in steps_zh


# --- the real seed ------------------------------------------------------------------------------------

YONGLE, DINGPING = "500236115000", "511623100000"  # 奉节县 永乐镇, 邻水县 鼎屏镇


def test_fengjie_navel_orange_for_a_farmer_on_the_seed(shared_services: Any) -> None:
    """qa19c N2: the farmer's answer was the cooperative's, with a footnote contradicting its steps."""
    farmer = shared_services.wizards.gi_check({"role": "farmer", "product": "奉节脐橙", "township_code": YONGLE})
    coop = shared_services.wizards.gi_check({"role": "cooperative", "product": "奉节脐橙", "township_code": YONGLE})
    assert farmer.code == coop.code == "gi_certification_mark"
    # the seed's trademark areas are inferred from the names: "may be in the area, check first"
    assert farmer.headline.zh == "您的乡镇可能在“奉节脐橙”证明商标的地域范围内：请先核实，再通过已获许可的合作社或企业使用"
    assert coop.headline.zh.startswith("您的乡镇可能在“奉节脐橙”证明商标的地域范围内：请先核实")
    assert farmer.next_steps != coop.next_steps and coop.checklist == rules.CHECKLIST_CERT_LICENSEE
    sec = farmer.to_report_section("en")
    assert [len(g["items"]) for g in sec["checklist_groups"]] == [len(CHECKLIST_FARMER_MARK),
                                                                 len(rules.CHECKLIST_CERT_LICENSEE)]
    for outcome in (farmer, coop):  # the AGI of the same name, with whom and what
        agi = next(n for n in outcome.notes if "农产品地理标志" in n.zh and n.zh.startswith("“奉节脐橙”同时是"))
        assert "签订年度使用协议" in agi.zh and "by that route, sign a yearly use agreement" in agi.en


def test_linshui_navel_orange_agi_for_a_farmer_on_the_seed(shared_services: Any) -> None:
    outcome = shared_services.wizards.gi_check({"role": "farmer", "product": "邻水脐橙", "township_code": DINGPING})
    assert outcome.code == "agi"
    assert not any("转为地理标志产品" in s.zh for s in outcome.next_steps)
    assert "单位和个人" in outcome.next_steps[-1].zh


def test_a_cooperatives_licence_is_recorded_by_the_registrant() -> None:
    """Trademark Law Art. 43: the licensor records the licence with CNIPA, so a cooperative (the licensee) is told
    to ask the registrant for the recordal notice, not to record it itself."""
    outcome = decide(answers("cooperative"), GiFacts(PLACE, (gi(1, "gi_certification_mark", holder="测试协会"),)))
    contract = next(s for s in outcome.next_steps if "使用许可合同" in s.zh)
    assert "由注册人（许可人）向国家知识产权局办理许可备案" in contract.zh and "备案通知" in contract.zh
    assert "the registrant (the licensor) records it with CNIPA" in contract.en
    assert rules.TM_ART43 in outcome.rules
    assert any("注册人向国家知识产权局备案后取得" in item.zh for item in outcome.checklist)


@pytest.mark.parametrize("kind", ["gi_product", "gi_certification_mark", "gi_collective_mark"])
def test_a_farmer_is_told_of_the_credit_code_once(kind: str) -> None:
    """The steps say the special mark carries its user's credit code; a footnote said it again (QA 19d R3)."""
    outcome = decide(answers(), GiFacts(PLACE, (gi(1, kind, holder="测试协会"),)))
    assert sum("统一社会信用代码" in s.zh for s in outcome.next_steps) == 1
    assert sum("unified social credit code" in s.en for s in outcome.next_steps) == 1
    assert not any("统一社会信用代码" in n.zh or "credit code" in n.en for n in outcome.notes)
