"""Brand-name check: similarity on real confusable pairs, red flags on the seed, ranking of synthetic marks."""

from __future__ import annotations

import pytest

from ipdesk.domain import rules
from ipdesk.domain.brand_check import (
    RISKY_THRESHOLD,
    SAME_MARK_THRESHOLD,
    BrandFacts,
    EarlierMark,
    GiName,
    PlaceName,
    decide,
    find_place_names,
    is_only_descriptive,
    near_sound,
    rank_marks,
    similarity,
)


@pytest.mark.parametrize(
    ("proposed", "earlier", "why"),
    [
        ("稻香村", "道香村", "读音相同"),  # same sound, different first character
        ("龙凤", "龍鳳", "繁简"),  # traditional variant
        ("金山", "京山", "读音相近"),  # jin / jing: front and back nasal
        ("老干妈", "老干妈妈", "多1个字"),  # one character added
        ("王老吉", "王老吉", "完全相同"),
        ("康师傅", "康帅傅", "字形相近"),  # one character swapped for a look-alike
    ],
)
def test_confusable_pairs_score_high_and_say_why(proposed: str, earlier: str, why: str) -> None:
    sim = similarity(proposed, earlier)
    assert sim.score >= 0.6, (proposed, earlier, sim)
    assert any(why in r.zh for r in sim.reasons), [r.zh for r in sim.reasons]
    assert all(r.en for r in sim.reasons)


@pytest.mark.parametrize(("proposed", "earlier"), [("测试甲", "无关名"), ("稻香村", "东方红"), ("abc", "xyz")])
def test_unrelated_names_score_low(proposed: str, earlier: str) -> None:
    assert similarity(proposed, earlier).score < 0.5


def test_near_sound_folds_common_confusions() -> None:
    assert near_sound("zhang") == near_sound("zan")
    assert near_sound("lan") == near_sound("nan")
    assert near_sound("jing") == near_sound("jin")


def test_goods_weighting_ranks_same_group_first() -> None:
    marks = [
        EarlierMark(1, "99000001", "测试甲", 30, ("3002",)),
        EarlierMark(2, "99000002", "测试甲", 30, ("3008",)),
        EarlierMark(3, "99000003", "测试甲", 30, ("3008",), status="rejected"),
    ]
    ranked = rank_marks("测试甲", 30, ("3008",), marks)
    assert [f.ref_id for f in ranked] == [2, 1, 3]  # a refused application never bars: last
    assert any("同一类似群" in r.zh for r in ranked[0].reasons)
    assert any("不同类似群" in r.zh for r in ranked[1].reasons)
    # cancelled on a date not on record: 《商标法》第五十条 may still bar it, so it stays above another group
    cancelled = EarlierMark(4, "99000004", "测试甲", 30, ("3008",), status="cancelled")
    ranked = rank_marks("测试甲", 30, ("3008",), [*marks, cancelled])
    assert [f.ref_id for f in ranked] == [2, 4, 1, 3]
    assert RISKY_THRESHOLD <= ranked[1].score < SAME_MARK_THRESHOLD


def test_place_short_forms() -> None:
    assert rules.division_short_names("五常市") == ["五常市", "五常"]
    assert rules.division_short_names("延边朝鲜族自治州") == ["延边朝鲜族自治州", "延边"]
    assert rules.division_short_names("恩施土家族苗族自治州")[-1] == "恩施"
    assert rules.division_short_names("广西壮族自治区")[-1] == "广西"
    assert rules.division_short_names("城区") == ["城区"]  # one character is never a form


def test_descriptive_only() -> None:
    assert is_only_descriptive("高山富硒大米", 30)
    assert is_only_descriptive("有机绿茶", 30)
    assert not is_only_descriptive("测试甲大米", 30)
    assert not is_only_descriptive("测试", 30)  # nothing descriptive in it at all


def test_verdicts_with_plain_facts() -> None:
    fine = decide({"name": "测试甲", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    assert fine.code == "likely_fine" and fine.level == "go"
    assert "not a promise" in fine.explanation.en
    assert any("5,000" in n.zh and "class 30" in n.en for n in fine.notes)
    risky = decide({"name": "测试甲", "nice_class": 30, "groups": ("3008",)},
                   BrandFacts(marks=(EarlierMark(1, "99000001", "测式甲", 30, ("3008",)),), marks_in_class=1))
    assert risky.code == "risky" and risky.findings[0].group == "amber"
    gi = decide({"name": "测试大米香", "nice_class": 30}, BrandFacts(gis=(GiName(7, "测试大米", "gi_product"),)))
    assert gi.code == "very_likely_refused" and rules.TM_ART16 in gi.rules
    from_area = decide({"name": "测试大米香", "nice_class": 30},
                       BrandFacts(gis=(GiName(7, "测试大米", "gi_product", covers_origin=True),)))
    assert from_area.code == "risky"
    misleading = decide({"name": "测试特供", "nice_class": 30}, BrandFacts())
    assert misleading.code == "very_likely_refused" and "特供" in misleading.explanation.zh


def test_no_marks_of_the_class_is_never_looks_fine() -> None:
    """With no trademark of the class on the computer, a clean name is not "fine": nothing was compared."""
    unchecked = decide({"name": "测试甲", "nice_class": 31}, BrandFacts())
    assert unchecked.code == "marks_not_checked" and unchecked.level == "caution"
    assert "未能检查" in unchecked.headline.zh and "could not be checked" in unchecked.headline.en
    assert any("第31类" in s.zh and "class 31" in s.en for s in unchecked.next_steps)
    assert any("没有第31类的商标数据" in n.zh for n in unchecked.notes)
    # absolute grounds are still stated as such: they do not depend on the trademark data
    refused = decide({"name": "测试特供", "nice_class": 31}, BrandFacts())
    assert refused.code == "very_likely_refused"


# --- on the real seed ---------------------------------------------------------------------------

def test_county_place_name_is_a_red_flag_naming_the_place(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.brand_check({"name": "五常香", "nice_class": 30})
    assert outcome.code == "very_likely_refused"
    place = next(f for f in outcome.findings if f.kind == "place")
    assert place.title == "五常市" and place.ref_id == 230184000000 and "哈尔滨市" in place.subtitle
    assert "五常" in outcome.explanation.zh and "五常" in outcome.explanation.en
    assert rules.TM_ART10_PLACE in outcome.rules
    assert [f.kind for f in outcome.findings if f.group == "red"] == ["place"]  # not also "descriptive"
    goods = outcome.answers[1].value  # the class in a farmer's words, as the report prints it
    assert goods.zh == "第30类（米、面、茶、蜂蜜、调味品、糕点）"
    assert goods.en == "class 30 (rice, flour, tea, honey, condiments, pastries)"


def test_province_and_autonomous_prefecture_names(shared_services) -> None:  # type: ignore[no-untyped-def]
    index = shared_services.wizards.place_index()
    names = {p.name for p in find_place_names("延边浙江红", index)}
    assert {"延边朝鲜族自治州", "浙江省"} <= names
    assert find_place_names("测试甲", index) == []


@pytest.mark.parametrize(("name", "place"), [
    ("Hangzhou Tea", "杭州市"), ("HANG ZHOU", "杭州市"), ("Xi'an Rice", "西安市"), ("Shaanxi Dami", "陕西省"),
    ("Shanxi Zorvik", "山西省"), ("Hong Kong Tea", "香港特别行政区"), ("Tibet Zorvik", "西藏自治区"),
    ("Harbin Zorvik", "哈尔滨市"), ("Zorvik Qingdao", "青岛市"), ("Beijing", "北京市"), ("Sichuan Pepper", "四川省"),
])
def test_the_pinyin_of_a_province_capital_or_plan_city_is_its_name(shared_services, name: str,  # type: ignore[no-untyped-def]
                                                                    place: str) -> None:
    """The examination guidelines read the pinyin of provinces, municipalities, provincial capitals and
    计划单列市 as their names (not of other counties: Wuchang Rice is not refused for 五常)."""
    outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
    assert outcome.code == "very_likely_refused", (name, outcome.explanation.zh)
    flag = next(f for f in outcome.findings if f.kind == "place")
    assert flag.title == place and flag.group == "red"
    assert "拼音" in flag.reasons[0].zh and "in pinyin or English" in flag.reasons[0].en
    assert rules.TM_ART10_PLACE in outcome.rules


def test_a_pinyin_place_counts_only_as_whole_words(shared_services) -> None:  # type: ignore[no-untyped-def]
    for name in ("Wuchang Rice", "Hangzhouxyz", "Beijingo", "Zorvik", "Anhuix Tea Zorvik"):
        outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
        assert not any(f.kind == "place" for f in outcome.findings), name
    # the place is taken out of the name like a plain word: Hangzhou Tea has nothing distinctive left
    tea = shared_services.wizards.brand_check({"name": "Hangzhou Tea", "nice_class": 30})
    assert "只由商品通用名称或描述性词语组成（Tea（茶））" in tea.explanation.zh
    # and a generic English name that holds a place is still read as the goods' name (Sichuan pepper is 花椒)
    pepper = shared_services.wizards.brand_check({"name": "Sichuan Pepper", "nice_class": 30})
    assert "Sichuan Pepper（花椒）" in pepper.explanation.zh


@pytest.mark.parametrize(("name", "gi"), [
    ("Wuchang Dami", "五常大米"), ("wuchangdami", "五常大米"), ("WU CHANG DA MI", "五常大米"),
    ("Xihu Longjing Zorvik", "西湖龙井"), ("Anxi Tie Guan Yin", "安溪铁观音"), ("Wu Liang Ye", "五粮液酒"),
])
def test_a_gi_name_in_pinyin_or_english_is_the_gi(shared_services, name: str, gi: str) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
    assert outcome.code == "very_likely_refused", (name, outcome.explanation.zh)
    flag = next(f for f in outcome.findings if f.kind == "gi")
    assert flag.title == gi and flag.group == "red"
    assert f"“{gi}（" in flag.reasons[0].zh and f'"{gi} (' in flag.reasons[0].en  # with the words as typed


def test_gi_pinyin_counts_only_as_whole_words(shared_services) -> None:  # type: ignore[no-untyped-def]
    for name in ("Wuchangdamix", "Xwuchang Dami", "Panjin Zorvik", "Zorvik"):
        outcome = shared_services.wizards.brand_check({"name": name, "nice_class": 30})
        assert not any(f.kind == "gi" for f in outcome.findings), name


def test_gi_name_and_descriptive_words_on_the_seed(shared_services) -> None:  # type: ignore[no-untyped-def]
    gi = shared_services.wizards.brand_check({"name": "西湖龙井王", "nice_class": 30})
    assert any(f.kind == "gi" and f.title == "西湖龙井" and f.group == "red" for f in gi.findings)
    assert not any(f.kind == "place" for f in gi.findings)  # 西湖, 龙井 are part of the GI's flag
    same_area = shared_services.wizards.brand_check({"name": "西湖龙井王", "nice_class": 30,
                                                    "origin_code": "330106003000"})
    assert any(f.kind == "gi" and f.group == "gi_amber" for f in same_area.findings)
    plain = shared_services.wizards.brand_check({"name": "高山富硒大米", "nice_class": 30})
    assert plain.code == "very_likely_refused" and any("描述性" in f.reasons[0].zh for f in plain.findings)
    assert any("not checked" in n.en for n in plain.notes)  # the seed has no trademarks


def test_similar_groups_picker(shared_services) -> None:  # type: ignore[no-untyped-def]
    groups = shared_services.wizards.similar_groups(30)
    by_code = {g.code: g for g in groups}
    assert "3008" in by_code and by_code["3008"].plain.zh == "大米、面粉、杂粮"
    assert all(g.code.startswith("30") for g in groups)


def test_earlier_marks_ranked_with_reasons(synthetic_services) -> None:  # type: ignore[no-untyped-def]
    outcome = synthetic_services.wizards.brand_check({"name": "测试甲", "nice_class": 30, "groups": ("3008",)})
    assert outcome.code == "same_mark_refused"
    ambers = [f for f in outcome.findings if f.group == "amber"]
    titles = [f.title for f in ambers]
    assert titles[0] == "测试甲"  # identical, same group
    assert {"测试甲乙", "測試甲", "策式甲"} <= set(titles)
    assert "无关名" not in titles
    assert all(f.reasons for f in ambers)
    # the same text in class 31 (商品可能跨类类似): a risk (qa17 N3), after the marks of the same group that are as
    # close (contained, same sound, traditional), never "the same mark"
    (other,) = [f for f in ambers if f.subtitle.startswith("99000006")]
    same_group = [f for f in ambers if any("同一类似群" in r.zh for r in f.reasons)]
    assert all(ambers.index(f) < ambers.index(other) for f in same_group)
    assert RISKY_THRESHOLD <= other.score < SAME_MARK_THRESHOLD
    assert any("另一类别（第31类）" in r.zh and "cross-searches" in r.en for r in other.reasons)
    searched = next(n for n in outcome.notes if "已检索的类别" in n.zh)
    assert "第29、31、32、33类" in searched.zh and "classes 29, 31, 32, 33" in searched.en
    assert "找到1件" in searched.zh and "Other classes were not searched" in searched.en
    why = {f.title: " ".join(r.zh for r in f.reasons) for f in ambers}
    assert "读音相同" in why["策式甲"] and "繁简" in why["測試甲"] and "多1个字" in why["测试甲乙"]


def test_a_long_name_finds_an_earlier_mark_by_its_sound_alone(services) -> None:  # type: ignore[no-untyped-def]
    """策式佳密祥 reads ce shi jia mi xiang like 测试甲米香 and shares no character with it: only the
    pinyin key lookup finds it. The reading is 15 letters and the keys are cut to 12, so the lookup
    must be cut the same way (it was not, when the wizard queried the index itself)."""
    from ipdesk.services.models import Trademark

    with services.db.session() as s:  # synthetic: registration number 9900xxxx is not a real number
        s.add(Trademark(reg_no="99000101", mark_text="策式佳密祥", nice_class=30, similar_groups="3008",
                        owner="测试用户", status="registered", dataset="test"))
    outcome = services.wizards.brand_check({"name": "测试甲米香", "nice_class": 30, "groups": ("3008",)})
    found = {f.title: f for f in outcome.findings if f.kind == "trademark"}
    assert "策式佳密祥" in found
    assert "读音" in " ".join(r.zh for r in found["策式佳密祥"].reasons)


def test_clean_name_on_a_store_without_marks_is_not_fine(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.brand_check({"name": "測驗乙丙", "nice_class": 31})
    assert outcome.code == "marks_not_checked" and outcome.level == "caution"  # the seed has no trademarks


def test_clean_name_with_marks_of_the_class_counts_them(synthetic_services) -> None:  # type: ignore[no-untyped-def]
    outcome = synthetic_services.wizards.brand_check({"name": "丙丁戊", "nice_class": 30})
    assert outcome.code == "likely_fine" and outcome.level == "go"
    assert any("本机有第30类商标5件" in n.zh for n in outcome.notes)  # SYNTHETIC_MARKS: five of class 30
    other = synthetic_services.wizards.brand_check({"name": "丙丁戊", "nice_class": 32})
    assert other.code == "marks_not_checked"  # marks exist, but none of class 32


def test_gi_kind_and_mark_status_are_in_the_readers_language() -> None:
    for covers in (False, True):
        outcome = decide({"name": "测试大米香", "nice_class": 30},
                         BrandFacts(gis=(GiName(7, "测试大米", "gi_certification_mark", covers_origin=covers),)))
        gi = next(f for f in outcome.to_report_section("en")["findings"] if f["kind"] == "gi")
        assert gi["subtitle"] == "GI certification mark"
        assert next(f for f in outcome.to_report_section("zh_CN")["findings"] if f["kind"] == "gi")["subtitle"] \
            == "地理标志证明商标"
    dead = decide({"name": "测试甲", "nice_class": 30, "groups": ("3008",)},
                  BrandFacts(marks=(EarlierMark(1, "99000001", "测试甲", 30, ("3008",), status="lapsed"),),
                             marks_in_class=1))
    reasons = [r for f in dead.findings for r in f.reasons]
    assert any(r.en.startswith("this mark's right has ended (status: lapsed)")
               and r.zh.startswith("该商标的权利已经终止（状态：已失效）") for r in reasons)


def test_praise_and_the_goods_name_is_only_descriptive() -> None:
    for name in ("好米", "优茶", "佳米", "好好大米", "优质好米", "美味大米"):
        assert is_only_descriptive(name, 30), name
    outcome = decide({"name": "好米", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    assert outcome.code == "very_likely_refused" and rules.TM_ART11 in outcome.rules
    assert any("好" in r.zh for f in outcome.findings for r in f.reasons)
    # a coined name is not a description because it has a praising character in it
    for name in ("好测甲", "好测甲米", "测甲好米", "好"):
        assert not is_only_descriptive(name, 30), name
    assert decide({"name": "好测甲米", "nice_class": 30}, BrandFacts(marks_in_class=5000)).code == "likely_fine"
    assert not is_only_descriptive("好米", 31)  # 米 is not the generic name of class 31 goods


def test_a_gi_name_shared_by_two_records_is_one_reason(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.brand_check({"name": "五常大米", "nice_class": 30})
    assert sum(1 for f in outcome.findings if f.kind == "gi" and f.title == "五常大米") == 2  # product and mark
    assert outcome.explanation.zh.count("含有地理标志“五常大米”") == 1


def test_absolute_quality_claims_are_refused_alike() -> None:
    for name in ("最好", "最佳", "最优米"):
        outcome = decide({"name": name, "nice_class": 30}, BrandFacts(marks_in_class=10))
        assert outcome.code == "very_likely_refused", name


# --- QA qa16: the checklist, regions, pinyin of tourist cities, the law's text ---------------------------

def test_the_checklist_asks_an_individual_for_a_business_basis() -> None:
    """《自然人办理商标注册申请注意事项》: an ID card alone is not enough for a natural person (M5)."""
    outcome = decide({"name": "测试甲", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    (person,) = [c for c in outcome.checklist if c.zh.startswith("个人申请")]
    assert "身份证" in person.zh and "个体工商户营业执照" in person.zh and "农村土地承包经营合同" in person.zh
    assert "自己经营的农副产品" in person.zh and "farm products you produce" in person.en
    assert "rural land contract" in person.en and "sole-trader business licence" in person.en
    assert any(c.zh == "合作社、企业申请：营业执照" for c in outcome.checklist)
    assert not any(c.zh.startswith("身份证明（个人）") for c in outcome.checklist)


@pytest.mark.parametrize(("name", "region"), [("东北大米", "东北"), ("江南米酒", "江南"), ("塞北小米", "塞北"),
                                             ("Dongbei Rice", "Dongbei")])
def test_a_region_and_the_goods_name_lack_distinctiveness(name: str, region: str) -> None:
    """东北 is no administrative division, but 东北大米 only tells the origin and the goods (Art. 11; m5)."""
    klass = 33 if "酒" in name else 30
    outcome = decide({"name": name, "nice_class": klass}, BrandFacts(marks_in_class=5000))
    assert outcome.code == "very_likely_refused", outcome.headline.zh
    assert rules.TM_ART11 in outcome.rules
    assert region in outcome.explanation.zh and "缺乏显著特征" in outcome.explanation.zh
    # beside a coined word a region is only said: the coined word makes the name distinctive
    coined = decide({"name": "东北测试甲大米", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    assert coined.code == "likely_fine"
    assert any("“东北”是描述性词语" in n.zh for n in coined.notes)
    assert rules.REGION_WORDS["东北"].en.startswith("names the region")


@pytest.mark.parametrize(("name", "klass"), [("东北", 30), ("江南", 33), ("Dongbei", 30)])
def test_a_region_alone_lacks_distinctiveness_and_no_township_note_reassures(name: str, klass: int) -> None:
    """qa17 N8: 东北 alone was "看来可以申请" while the same answer called it descriptive, and a note on 东北镇 said
    the place-name rule "does not apply to it". A name made only of a region word tells the goods' origin and
    nothing else (《商标法》第十一条), as 东北大米 does: refused, with the reason, and no reassuring township note."""
    towns = (PlaceName("东北", "510623105000", "东北镇", 4, "四川省 德阳市 中江县"),) if name == "东北" else ()
    for lang_facts in (BrandFacts(marks_in_class=5000, towns=towns), BrandFacts(marks_in_class=0, towns=towns)):
        outcome = decide({"name": name, "nice_class": klass, "groups": ()}, lang_facts)
        assert outcome.code == "very_likely_refused" and outcome.level == "stop", outcome.headline.zh
        assert "很可能被驳回" in outcome.headline.zh and "very likely be refused" in outcome.headline.en
        assert "缺乏显著特征" in outcome.explanation.zh and "产地" in outcome.explanation.zh
        assert "not distinctive" in outcome.explanation.en and "region" in outcome.explanation.en
        assert rules.TM_ART11 in outcome.rules
        assert not any("不适用" in n.zh or "does not apply" in n.en for n in outcome.notes)
        assert not any("看来可以申请" in t for t in (outcome.headline.zh, outcome.explanation.zh))
    # a township's own name that is no region still gets its note
    town = decide({"name": "拉林", "nice_class": 30},
                  BrandFacts(marks_in_class=5000, towns=(PlaceName("拉林", "230184111000", "拉林镇", 4),)))
    assert town.code == "likely_fine" and any("不适用" in n.zh for n in town.notes)


def test_a_name_in_pinyin_is_told_the_tourist_city_rule() -> None:
    """guilin looked fine with no word about pinyin place names; the rule shown omitted tourist cities (m6)."""
    outcome = decide({"name": "guilin", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    (note,) = [n for n in outcome.notes if "拼音" in n.zh]
    assert "“guilin”可以读作拼音" in note.zh and "著名旅游城市的地名拼音也可能被视为地名" in note.zh
    assert "《商标审查审理指南》" in note.zh and "请核实" in note.zh
    assert "well-known tourist city may count too" in note.en and note.en.endswith("check.")
    english = decide({"name": "Golden Harvest", "nice_class": 30}, BrandFacts(marks_in_class=5000))
    assert not any("拼音" in n.zh for n in english.notes)
    harbin = decide({"name": "harbin", "nice_class": 30},
                    BrandFacts(places=(PlaceName("harbin", "230100000000", "哈尔滨市", 2, "黑龙江省"),),
                               marks_in_class=5000))
    assert "著名旅游城市的地名拼音也可能被视为地名" in harbin.explanation.zh
    assert "well-known tourist city" in harbin.explanation.en
    assert not any("可以读作拼音" in n.zh for n in harbin.notes)  # said once, in the reason


def test_the_place_name_article_names_foreign_places_known_to_the_public() -> None:
    """m10: 《商标法》第十条第二款 also bars 公众知晓的外国地名."""
    assert "公众知晓的外国地名" in rules.TM_ART10_PLACE.summary.zh
    assert "foreign place names known to the public" in rules.TM_ART10_PLACE.summary.en


@pytest.mark.parametrize(("name", "said"), [
    ("中国大米", "与我国国家名称相同或近似"), ("中國", "与我国国家名称相同或近似"), ("China Rice", "国家名称"),
    ("P.R.C", "国家名称"), ("红十字", "红十字"), ("联合国", "政府间国际组织"), ("INTERPOL", "政府间国际组织"),
    ("天安门", "中央国家机关"), ("美国大杏仁", "外国的国家名称"), ("Japan", "外国的国家名称"),
    ("巴黎", "外国地名"), ("PARIS", "外国地名"), ("香槟", "酒类的地理标志"), ("Champagne", "酒类的地理标志"),
    ("绿色食品", "绿色食品标志"),
])
def test_signs_no_one_may_use_are_refused(name: str, said: str) -> None:
    """QA: the state's name, the Red Cross, organisations, foreign states and well-known foreign places (Art. 10)
    had the check say 看来可以申请."""
    outcome = decide({"name": name, "nice_class": 33 if "香槟" in name or "Champagne" in name else 30},
                     BrandFacts(places=(), gis=(), marks=(), marks_in_class=0))
    assert outcome.code == "very_likely_refused", (name, outcome.headline.zh)
    assert said in outcome.explanation.zh and outcome.explanation.en
    if said not in ("外国地名", "酒类的地理标志", "绿色食品标志"):
        assert outcome.rules[0] == rules.TM_ART10_SIGNS


@pytest.mark.parametrize("name", ["魔法国度", "甜美国度", "金丰收", "Turkey Farm"])
def test_a_country_only_across_two_words_is_no_country(name: str) -> None:
    """法国 in 魔法国度 is the halves of 魔法 and 国度; Turkey is left out of the English names (the bird)."""
    outcome = decide({"name": name, "nice_class": 30}, BrandFacts(places=(), gis=(), marks=(), marks_in_class=0))
    assert outcome.code != "very_likely_refused", (name, outcome.explanation.zh)


def test_a_gis_place_part_on_its_goods_is_risky() -> None:
    """QA: 茅台 (liquor) and 阳澄湖蟹 (crabs) were "fine": the place part of 茅台酒 and 阳澄湖大闸蟹 (Art. 16)."""
    from ipdesk.domain.brand_check import gi_place_part

    assert gi_place_part("茅台酒（贵州茅台酒）") == "茅台" and gi_place_part("阳澄湖大闸蟹") == "阳澄湖"
    assert gi_place_part("库尔勒香梨") == "库尔勒" and gi_place_part("西湖龙井") == ""
    maotai = GiName(221, "茅台酒（贵州茅台酒）", "gi_product", category="酒类")
    crab = GiName(7, "阳澄湖大闸蟹", "gi_collective_mark", category="水产")

    def check(name: str, nice_class: int, origin: bool | None = None) -> object:
        gis = tuple(GiName(g.id, g.name, g.kind, origin, category=g.category) for g in (maotai, crab))
        return decide({"name": name, "nice_class": nice_class}, BrandFacts(gis=gis, marks_in_class=1))

    for name, nice_class in (("茅台", 33), ("金茅台", 33), ("阳澄湖蟹", 31)):
        outcome = check(name, nice_class)
        assert outcome.code == "risky", (name, outcome.headline.zh)  # type: ignore[attr-defined]
        assert "产地名称" in outcome.explanation.zh and "the place of the GI" in outcome.explanation.en  # type: ignore[attr-defined]
        assert outcome.rules[0] == rules.TM_ART16  # type: ignore[attr-defined]
        gi = next(f for f in outcome.findings if f.kind == "gi")  # type: ignore[attr-defined]
        assert gi.group == "gi_amber"  # listed as a GI, not as an earlier mark
    assert check("茅台", 30).code != "risky"  # type: ignore[attr-defined]  # not liquor: not this GI's goods
    assert check("茅台", 33, origin=True).code != "risky"  # type: ignore[attr-defined]  # from there: no misleading


def test_goods_from_a_roughly_recorded_area_may_come_from_it_and_the_note_is_said_once(shared_services) -> None:  # type: ignore[no-untyped-def]
    """QA: 奉节脐橙王 from 永乐镇 was told its goods come from the GI's area, while the GI check, whose areas for
    the mark and the AGI are recorded roughly, says only "may be inside: check"; and the note about the special
    mark was said twice (once per record of the name)."""
    outcome = shared_services.wizards.brand_check({"name": "奉节脐橙王", "nice_class": 31,
                                                  "origin_code": "500236115000"})  # 奉节县 永乐镇
    reasons = [f.reasons[0] for f in outcome.findings if f.kind == "gi" and f.title == "奉节脐橙"]
    assert len(reasons) == 2
    assert all("可能来自其产地" in r.zh and "请核实" in r.zh and "may come from its area" in r.en for r in reasons)
    assert not any("您的商品来自其产地" in r.zh for r in reasons)
    said = [n.zh for n in outcome.notes]
    assert said.count("来自产地的生产者通常通过地理标志专用标志使用该名称，而不是注册为自己的商标。") == 1
    exact = shared_services.wizards.brand_check({"name": "五常大米王", "nice_class": 30,
                                                "origin_code": "230184100000"})
    product = [f.reasons[0].zh for f in exact.findings if f.kind == "gi" and f.subtitle == "地理标志产品"]
    assert product and "您的商品来自其产地" in product[0]  # the GI product's area is recorded exactly
