"""Earlier marks in the brand check: names in Latin letters found however they are typed, a group left
unticked never giving a milder verdict, a verdict that agrees with the marks it lists, counts in words
that agree with the numbers, and class 35 for selling.

The store is real: synthetic marks (registration numbers 9900xxxx, owners 合成测试…) are imported from a
CSV through the importer, and every check goes through `services.wizards.brand_check`, which the wizard
page, the kiosk and the CLI call.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from ipdesk.domain import rules
from ipdesk.domain.brand_check import (
    RISKY_THRESHOLD,
    SAME_MARK_THRESHOLD,
    BrandFacts,
    EarlierMark,
    decide,
    similarity,
    units,
)
from ipdesk.domain.wizard import LEVEL_CAUTION, LEVEL_GO, LEVEL_STOP, Outcome
from ipdesk.services.wizard_data import MAX_MARK_CANDIDATES

HEADER = ["注册号", "商标", "类别", "类似群", "商品服务", "注册人", "状态", "申请日", "注册日"]
OWNER = "合成测试农业合作社"
MARKS = [
    ("99000301", "GOLDEN HARVEST", "30", "3008"),
    ("99000302", "SILVERMOON", "30", "3002"),  # stored without the space
    ("99000303", "Red-River", "30", "3008"),  # stored with a hyphen
    ("99000304", "金丰收", "30", "3008"),
    ("99000305", "QING HE YUAN", "30", "3008"),  # the pinyin of 青禾源
    ("99000306", "老王", "30", "3008"),
    ("99000307", "GOLDEN HARVEST", "31", "3102"),  # the same words in another class
    ("99000308", "测试丙丁", "30", "3002"),
]
# Many marks sharing a word with GOLDEN HARVEST: none may crowd the identical mark out of the candidates.
CROWD = [(f"99001{n:03d}", f"GOLDEN STAR {n}", "30", "3008") for n in range(1, 251)]


def _import(services: Any, tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    path = tmp_path / "marks.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for reg_no, text, klass, group in rows:
            writer.writerow([reg_no, text, klass, group, "合成测试商品", OWNER, "注册", "2010-01-01", "2011-01-01"])
    preview = services.importer.stage([path])
    assert preview.error_count == 0
    services.importer.commit(preview)


@pytest.fixture
def store(services: Any, tmp_path: Path) -> Any:
    _import(services, tmp_path, [*MARKS, *CROWD])
    return services


def check(services: Any, name: str, nice_class: int = 30, groups: tuple[str, ...] = ()) -> Outcome:
    return services.wizards.brand_check({"name": name, "nice_class": nice_class, "groups": groups})


def marks_listed(outcome: Outcome) -> dict[str, Any]:
    return {f.title: f for f in outcome.findings if f.kind == "trademark"}


# --- 1. Latin letters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "Golden Harvest", "GOLDEN HARVEST", "golden harvest", "goldenharvest", "GoldenHarvest", "Golden-Harvest",
    "ＧＯＬＤＥＮ　ＨＡＲＶＥＳＴ",  # full width, with an ideographic space
])
def test_an_identical_latin_mark_is_found_however_it_is_typed(store: Any, typed: str) -> None:
    for groups in ((), ("3008",)):
        outcome = check(store, typed, groups=groups)
        # the same words for the same (or untold) goods: very likely refused, as the body says (QA qa11 #7)
        assert outcome.code == "same_mark_refused" and outcome.level == LEVEL_STOP, (typed, groups)
        top = outcome.findings[0]
        assert (top.title, top.subtitle.split(" · ")[0]) == ("GOLDEN HARVEST", "99000301")
        assert top.score >= 0.9 and (top.score == 1.0 or not groups)
        assert "GOLDEN HARVEST" in outcome.explanation.zh and "GOLDEN HARVEST" in outcome.explanation.en
    # the same words in class 31: listed after the class's own, for a check (goods may be similar across classes);
    # a risk of its own (qa17 N3), never "the same mark exists"
    other = next(f for f in outcome.findings if f.subtitle.startswith("99000307"))
    assert RISKY_THRESHOLD <= other.score < SAME_MARK_THRESHOLD and outcome.findings.index(other) > 0


@pytest.mark.parametrize(("typed", "stored", "why_zh"), [
    ("Silver Moon", "SILVERMOON", "文字相同"),  # spaces typed, none stored
    ("redriver", "Red-River", "文字相同"),  # none typed, a hyphen stored
    ("Golden Harvest Rice", "GOLDEN HARVEST", "完整包含"),  # the mark inside the name, with the goods' name
    ("The Golden Harvest Farm", "GOLDEN HARVEST", "完整包含"),
    ("Golden Harvst", "GOLDEN HARVEST", "拼写相近"),  # one letter left out
    ("Harvest Golden", "GOLDEN HARVEST", "顺序不同"),
    ("Jin Feng Shou", "金丰收", "拼音"),  # a name in pinyin against a Chinese mark
    ("青禾源", "QING HE YUAN", "拼音"),  # and the other way round
])
def test_similar_latin_marks_are_found_and_say_why(store: Any, typed: str, stored: str, why_zh: str) -> None:
    outcome = check(store, typed)
    found = marks_listed(outcome)
    assert stored in found, (typed, list(found))
    assert why_zh in " ".join(r.zh for r in found[stored].reasons)
    assert all(r.en for r in found[stored].reasons)
    assert outcome.code == ("same_mark_refused" if why_zh == "文字相同" else "risky"), (typed, outcome.explanation.en)


def test_the_crowd_sharing_a_word_is_not_listed_and_candidates_stay_capped(store: Any) -> None:
    facts = store.wizards.brand_facts("Golden Harvest", 30)
    assert len(facts.marks) <= MAX_MARK_CANDIDATES
    assert any(m.reg_no == "99000301" for m in facts.marks)
    listed = marks_listed(check(store, "Golden Harvest"))
    assert not any(title.startswith("GOLDEN STAR") for title in listed), list(listed)


def test_a_different_latin_name_is_fine_and_lists_nothing(store: Any) -> None:
    outcome = check(store, "Zorvik", groups=("3008",))
    assert outcome.code == "likely_fine" and outcome.level == LEVEL_GO
    assert not marks_listed(outcome)


def test_latin_words_are_compared_whole() -> None:
    assert units("GOLDEN HARVEST") == ["golden", "harvest"] and units("老王 Rice") == ["老", "王", "rice"]
    assert similarity("Golden Harvest", "GOLD").score < 0.5  # GOLD is not a word of Golden Harvest
    assert similarity("Priceless", "RICE").score < 0.5
    assert similarity("Golden Harvest Rice", "GOLDEN HARVEST", 30).score >= 0.9  # only the goods' name added
    assert similarity("Golden Harvest Rice", "GOLDEN HARVEST").score < 0.9  # without the class, one word added
    assert similarity("Zorvik Farm", "FARM", 30).score < 0.5  # sharing a descriptive word is no likeness
    assert similarity("测试甲大米", "大米", 30).score < 0.5
    assert "1 word added" in similarity("Golden Harvest Moon", "GOLDEN HARVEST").reasons[0].en
    assert "2 characters added" in similarity("测试甲乙丙", "测试甲").reasons[0].en
    assert "1 letter apart" in similarity("Golden Harvst", "GOLDEN HARVEST").reasons[0].en


# --- 2. a group left unticked --------------------------------------------------------------------------

SEVERITY = {"likely_fine": 0, "close_marks": 1, "marks_not_checked": 1, "risky": 2, "very_likely_refused": 3,
            "same_mark_refused": 3}


@pytest.mark.parametrize(("name", "earlier"), [
    ("老王家大米", "老王"), ("测试甲", "测式甲"), ("测试甲乙", "测试甲"), ("Golden Harvest Rice", "GOLDEN HARVEST"),
    ("Golden Harvst", "GOLDEN HARVEST"), ("测试甲", "测试乙"),
])
def test_not_knowing_the_group_is_never_milder_than_the_right_group(name: str, earlier: str) -> None:
    facts = BrandFacts(marks=(EarlierMark(1, "99000001", earlier, 30, ("3008",)),), marks_in_class=100)
    unknown = decide({"name": name, "nice_class": 30, "groups": ()}, facts)
    right = decide({"name": name, "nice_class": 30, "groups": ("3008",)}, facts)
    other = decide({"name": name, "nice_class": 30, "groups": ("3002",)}, facts)
    assert SEVERITY[unknown.code] >= SEVERITY[right.code] >= SEVERITY[other.code], (unknown.code, right.code)
    assert unknown.findings[0].score >= right.findings[0].score
    assert any("未选择类似群" in r.zh and "no similar group was chosen" in r.en for r in unknown.findings[0].reasons)
    assert any("没有选择类似群" in n.zh and "No similar group was chosen" in n.en for n in unknown.notes)
    assert not any("没有选择类似群" in n.zh for n in right.notes)


def test_the_reported_case_is_risky_with_the_group_unticked(store: Any) -> None:
    unsure = check(store, "老王家大米")
    assert unsure.code == "risky" and unsure.level == LEVEL_CAUTION
    assert unsure.findings[0].title == "老王" and "老王" in unsure.explanation.zh
    assert "没有相近" not in unsure.explanation.zh and "no close earlier" not in unsure.explanation.en
    assert SEVERITY[unsure.code] >= SEVERITY[check(store, "老王家大米", groups=("3008",)).code]


def test_an_earlier_mark_without_groups_on_record_counts_as_similar_goods() -> None:
    facts = BrandFacts(marks=(EarlierMark(1, "99000001", "老王", 30, ()),), marks_in_class=100)
    outcome = decide({"name": "老王家大米", "nice_class": 30, "groups": ("3008",)}, facts)
    assert outcome.code == "risky"
    assert any("本机没有记录" in r.zh and "not on record" in r.en for r in outcome.findings[0].reasons)


@pytest.mark.parametrize(("name", "earlier", "groups"), [
    ("测试甲", "测试甲", ("3002",)),  # identical, but another group: listed, not risky
    ("测试甲", "测试乙", ("3008",)),  # one character apart
    ("测试甲", "无关名", ("3008",)),  # nothing alike: nothing listed
    ("Golden Harvest", "GOLDEN HARVEST", ()),
])
def test_the_headline_never_contradicts_the_marks_listed(name: str, earlier: str, groups: tuple[str, ...]) -> None:
    facts = BrandFacts(marks=(EarlierMark(1, "99000001", earlier, 30, ("3008",)),), marks_in_class=100)
    outcome = decide({"name": name, "nice_class": 30, "groups": groups}, facts)
    listed = [f for f in outcome.findings if f.group == "amber"]
    if listed:
        assert outcome.level != LEVEL_GO, outcome.code
        assert listed[0].title in outcome.explanation.zh and listed[0].title in outcome.explanation.en
        assert "没有相近" not in outcome.explanation.zh and "no close earlier" not in outcome.explanation.en
    else:
        assert outcome.code == "likely_fine"
    if name == earlier and groups == ("3002",):
        assert outcome.code == "close_marks" and "不同类似群" in outcome.explanation.zh


# --- 25. counts in words -------------------------------------------------------------------------------

@pytest.mark.parametrize(("in_class", "related", "zh", "en"), [
    (4, 0, "本机有第30类商标4件，其中没有与该名称相关的商标。",
     "This computer has 4 trademarks in class 30; none of them is related to the name."),
    (1, 1, "本机有第30类商标1件，其中与该名称相关的1件已详细比较。",
     "This computer has 1 trademark in class 30; the one related to the name was compared in detail."),
    (5000, 2, "本机有第30类商标5,000件，其中与该名称相关的2件已逐一比较。",
     "This computer has 5,000 trademarks in class 30; the 2 related to the name were compared one by one."),
])
def test_the_compared_note_agrees_with_its_numbers(in_class: int, related: int, zh: str, en: str) -> None:
    marks = tuple(EarlierMark(i, f"9900000{i}", f"无关名{i}", 30) for i in range(related))
    outcome = decide({"name": "测试甲", "nice_class": 30, "groups": ("3008",)},
                     BrandFacts(marks=marks, marks_in_class=in_class))
    assert (zh, en) in [(n.zh, n.en) for n in outcome.notes]


# --- 17. class 35 --------------------------------------------------------------------------------------

def test_class_35_for_selling_is_offered_with_its_groups(shared_services: Any) -> None:
    assert 35 in rules.BRAND_CLASSES and rules.BRAND_CLASS_WORDS[35].zh and rules.BRAND_CLASS_WORDS[35].en
    groups = {g.code: g for g in shared_services.wizards.similar_groups(35)}
    assert "3503" in groups and groups["3503"].title.zh == "替他人推销"  # the heading, from the seed
    assert groups["3503"].plain.zh.startswith("替他人推销") and groups["3503"].plain.en
    assert all(code.startswith("35") for code in groups)
    assert all(c in groups for c in ("3501", "3502", "3509"))  # the plain words name real groups only


def test_class_35_check_says_what_the_class_covers(shared_services: Any) -> None:
    outcome = shared_services.wizards.brand_check({"name": "测驗乙丙", "nice_class": 35, "groups": ("3503",)})
    assert outcome.code == "marks_not_checked"  # the seed has no trademarks
    assert any("第35类" in n.zh and "class 35" in n.en and "29–33" in n.en for n in outcome.notes)
    assert any("第35类" in a.value.zh and "selling" in a.value.en for a in outcome.answers)
    # the name of the goods sold, or the shop, alone describes the service
    for plain in ("大米商店", "Rice Shop", "Online Store"):
        refused = shared_services.wizards.brand_check({"name": plain, "nice_class": 35})
        assert refused.code == "very_likely_refused", plain


# --- QA qa16 M4: the other goods classes ----------------------------------------------------------------

def test_the_same_mark_in_another_goods_class_is_listed_for_a_check(services: Any, tmp_path: Path) -> None:
    """福满园 for 稻谷 (31) never showed for 米 (30): goods may be similar across classes (区分表 交叉检索).
    Identical and same-sounding marks of classes 29–33 are listed, and the note says which classes were
    searched. They used to be "never risky on their own", so the answer read "冲突的可能不算大" beside them
    (qa17 N3): the same words or sound on goods that may be similar is a risk, below "the same mark exists"."""
    _import(services, tmp_path, [("99000401", "测试禾园", "31", "3102"), ("99000402", "测试和园", "29", "2904"),
                                 ("99000403", "测试禾园", "35", "3503"), ("99000404", "测试甲", "30", "3008")])
    outcome = check(services, "测试禾园", 30, ("3008",))
    listed = marks_listed(outcome)
    same = [f for f in outcome.findings if f.kind == "trademark" and f.subtitle.startswith("99000401")]
    assert same and RISKY_THRESHOLD <= same[0].score < SAME_MARK_THRESHOLD, listed
    assert any("另一类别（第31类）" in r.zh for r in same[0].reasons)
    assert any(f.subtitle.startswith("99000402") for f in outcome.findings)  # same sound, class 29
    assert not any(f.subtitle.startswith("99000403") for f in outcome.findings)  # 35 is selling, not goods
    assert outcome.code == "risky" and outcome.level == LEVEL_CAUTION
    searched = next(n for n in outcome.notes if "已检索的类别" in n.zh)
    assert "第30类（所选类别），以及第29、31、32、33类" in searched.zh and "找到2件" in searched.zh
    assert "2 marks were found in those classes" in searched.en
    # selling (35): only its own class, and said
    selling = check(services, "测试禾园", 35)
    assert [f.subtitle.split(" · ")[0] for f in selling.findings if f.kind == "trademark"] == ["99000403"]
    only = next(n for n in selling.notes if "只检索了第35类" in n.zh)
    assert "searched in class 35 only" in only.en


# --- QA qa17 N3: an identical mark in another goods class outranks a look-alike of the class --------------

def test_an_identical_mark_of_another_goods_class_leads_over_a_look_alike_of_the_class(services: Any,
                                                                                    tmp_path: Path) -> None:
    """福满园 for rice (30, 3008): 福满园 in class 31 was listed as "可能冲突" while the headline named the weaker
    香满园 (same group, one character apart) and said "冲突的可能不算大". The identical (or same-sounding) mark on
    goods that may be similar is named, and the answer is at least "risky"; the same mark in the same group
    stays the strongest."""
    _import(services, tmp_path, [("99000501", "福满园", "31", "3101"), ("99000502", "香满园", "30", "3008"),
                                 ("99000503", "富满园", "29", "2901")])
    outcome = check(services, "福满园", 30, ("3008",))
    assert outcome.code == "risky" and outcome.level == LEVEL_CAUTION, outcome.explanation.zh
    top = next(f for f in outcome.findings if f.kind == "trademark")
    assert top.subtitle.startswith("99000501"), [f.subtitle for f in outcome.findings]
    assert "“福满园”" in outcome.explanation.zh and '"福满园"' in outcome.explanation.en
    assert "另一类别（第31类）" in outcome.explanation.zh and "another class (31)" in outcome.explanation.en
    for text in (outcome.headline.zh, outcome.explanation.zh):
        assert "不算大" not in text
    assert "less likely" not in outcome.explanation.en
    scores = {f.subtitle.split(" · ")[0]: f.score for f in outcome.findings if f.kind == "trademark"}
    assert scores["99000501"] > scores["99000503"] >= RISKY_THRESHOLD > scores["99000502"]  # same sound in 29: risky
    # the same mark in the class's own group is still the strongest: "very likely refused"
    _import(services, tmp_path, [("99000504", "福满园", "30", "3008")])
    same = check(services, "福满园", 30, ("3008",))
    assert same.code == "same_mark_refused"
    assert next(f for f in same.findings if f.kind == "trademark").subtitle.startswith("99000504")


@pytest.mark.parametrize(("earlier", "klass", "groups"), [
    ("测试乙", "30", "3008"),  # one character apart, the same group
    ("测试甲", "30", "3002"),  # identical, another group of the class
    ("测试甲乙", "31", "3101"),  # holds it with one character added, another class
])
def test_a_close_marks_answer_never_calls_a_listed_conflict_unlikely(services: Any, tmp_path: Path, earlier: str,
                                                                    klass: str, groups: str) -> None:
    """Every listed earlier mark is labelled "可能冲突": the answer below "risky" says so too, never "不算大"."""
    _import(services, tmp_path, [("99000601", earlier, klass, groups), ("99000602", "无关名", "30", "3008")])
    outcome = check(services, "测试甲", 30, ("3008",))
    assert outcome.code == "close_marks", (earlier, outcome.code)
    assert "不算大" not in outcome.explanation.zh and "仍可能冲突" in outcome.explanation.zh
    assert "less likely" not in outcome.explanation.en and "may still conflict" in outcome.explanation.en


def test_the_classes_note_agrees_in_number() -> None:
    """QA round 17: "1 mark was found in those classes: check whether their goods are similar"."""
    from ipdesk.domain.brand_check import _classes_note

    one = _classes_note(30, (29, 31, 32, 33), 1).en
    assert "1 mark was found in those classes: check whether its goods are similar" in one
    assert "check whether their goods are similar" in _classes_note(30, (29, 31, 32, 33), 2).en


def test_the_answer_says_the_day_earlier_marks_terms_were_reckoned_on() -> None:
    """QA 22c: whether an earlier mark's term, grace period or Art. 50's year is over rests on the computer's
    date, which the answer never said."""
    import datetime as dt

    mark = EarlierMark(1, "99000001", "老王", 30, ("3008",), status="registered", expiry_date="2026-01-31")
    facts = BrandFacts(marks=(mark,), marks_in_class=100, today=dt.date(2026, 11, 28))
    notes = [n.zh for n in decide({"name": "老王", "nice_class": 30, "groups": ["3008"]}, facts).notes]
    assert any("按本机日期2026-11-28计算" in n for n in notes)
    undated = BrandFacts(marks=(EarlierMark(1, "99000001", "老王", 30, ("3008",)),), marks_in_class=100)
    assert not any("按本机日期" in n.zh for n in decide({"name": "老王", "nice_class": 30}, undated).notes)
