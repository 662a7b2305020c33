"""GI check, certification (and collective) marks: 120 of the 121 built-in certification marks have no
registrant recorded (real data: left empty). The advice reads right with and without one, in both
languages, and never points at a section that is not shown."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ipdesk.domain.gi_eligibility import GiFacts, GiRecord, Township, decide

PLACE = Township("990101001000", "测试镇", ("测试省", "测试市", "测试县"))
DONGGANG_STREET = "210681001000"  # 大东街道, 东港市: 东港草莓, a certification mark with no registrant recorded


def answers(**extra: object) -> dict[str, object]:
    return {"role": "cooperative", "product": "大米", "township_code": PLACE.code, "township_label": PLACE.label,
            **extra}


def record(id_: int, kind: str, *, holder: str = "") -> GiRecord:
    return GiRecord(id=id_, kind=kind, name="测试大米", category="粮油", holder=holder, covers=True,
                    area_names=("测试县",))


def _cjk_outside_names(text: str, *allowed: str) -> list[str]:
    """Chinese characters in English text, other than the record names and the place (record data)."""
    for name in allowed:
        text = text.replace(name, "")
    return re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", text)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_certification_mark_without_a_registrant_says_how_to_find_one(lang: str) -> None:
    outcome = decide(answers(), GiFacts(PLACE, (record(1, "gi_certification_mark"),)))
    sec = outcome.to_report_section(lang)
    text = " ".join([*sec["next_steps"], sec["office"]])
    assert "sbj.cnipa.gov.cn" in sec["next_steps"][0] and "sbj.cnipa.gov.cn" in sec["office"]
    assert "（（" not in text and "))" not in text and "未收录）" not in text
    assert "下方" not in text and "below" not in text  # no pointer to a section that is not shown
    if lang == "en":
        assert "market regulation bureau" in sec["next_steps"][0]
        assert not _cjk_outside_names(text, "测试大米"), text
    else:
        assert "市场监督管理局" in sec["next_steps"][0] and "注册人" in sec["next_steps"][0]


def test_certification_mark_with_a_registrant_names_it_in_both_languages() -> None:
    outcome = decide(answers(), GiFacts(PLACE, (record(1, "gi_certification_mark", holder="测试协会"),)))
    step, office = outcome.next_steps[0], outcome.office
    assert office is not None
    assert "（测试协会）" in step.zh and "(测试协会)" in step.en and "sbj.cnipa" not in step.zh
    assert "测试协会" in office.zh and "测试协会" in office.en and "below" not in office.en
    assert not _cjk_outside_names(step.en + office.en, "测试协会", "测试大米")


@pytest.mark.parametrize("kind", ["gi_collective_mark", "agi"])
def test_collective_mark_and_agi_without_a_holder_say_where_to_look(kind: str) -> None:
    outcome = decide(answers(), GiFacts(PLACE, (record(1, kind),)))
    step = outcome.next_steps[0]
    assert "本机数据没有收录" in step.zh and "does not record" in step.en
    assert "见登记公告）" not in step.zh and not _cjk_outside_names(step.en, "测试大米")
    named = decide(answers(), GiFacts(PLACE, (record(1, kind, holder="测试协会"),))).next_steps[0]
    assert "测试协会" in named.zh and "测试协会" in named.en


# --- on the real seed ----------------------------------------------------------------------------------

def test_dongang_strawberry_reads_right_in_both_languages(shared_services: Any) -> None:
    outcome = shared_services.wizards.gi_check({"role": "farmer", "product": "东港草莓",
                                                "township_code": DONGGANG_STREET})
    assert outcome.code == "gi_certification_mark"
    zh, en = outcome.to_report_section("zh_CN"), outcome.to_report_section("en")
    assert all("（（" not in s and "未收录）" not in s for s in [*zh["next_steps"], zh["office"]])
    place = zh["answers"][2][1].split("（")[0]
    for text in [*en["next_steps"], en["office"], en["headline"], en["explanation"]]:
        assert not _cjk_outside_names(text, "东港草莓", place), text
