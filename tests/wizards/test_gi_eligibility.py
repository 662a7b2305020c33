"""GI eligibility: every branch with plain data, then the real seed (五常 and a township outside)."""

from __future__ import annotations

import pytest

from ipdesk.domain import rules
from ipdesk.domain.gi_eligibility import (
    GiFacts,
    GiRecord,
    Township,
    decide,
    names_gi,
    near_name,
    product_matches,
    read_product,
)
from ipdesk.domain.i18n import Text
from ipdesk.services.errors import UserInputError

PLACE = Township("990101001000", "测试镇", ("测试省", "测试市", "测试县"))


def gi(id_: int, kind: str, name: str = "测试大米", covers: bool = True, holder: str = "测试协会") -> GiRecord:
    return GiRecord(id=id_, kind=kind, name=name, category="粮油", holder=holder, covers=covers,
                    area_names=("测试县",))


def answers(**extra: object) -> dict[str, object]:
    return {"role": "cooperative", "product": "大米", "township_code": PLACE.code, "township_label": PLACE.label,
            **extra}


@pytest.mark.parametrize(
    ("kind", "code", "checklist", "office"),
    [
        ("gi_product", "gi_product", rules.CHECKLIST_GI_PRODUCT_USER, rules.OFFICE_LOCAL_IP),
        ("gi_certification_mark", "gi_certification_mark", rules.CHECKLIST_CERT_LICENSEE, rules.OFFICE_MARK_OWNER),
        ("gi_collective_mark", "gi_collective_mark", rules.CHECKLIST_COLLECTIVE_MEMBER, rules.OFFICE_ASSOCIATION),
        ("agi", "agi", rules.CHECKLIST_AGI_USER, rules.OFFICE_AGI_HOLDER),
    ],
)
def test_each_kind_of_covering_gi_has_its_route(kind, code, checklist, office) -> None:  # type: ignore[no-untyped-def]
    outcome = decide(answers(), GiFacts(PLACE, (gi(1, kind, holder=""),)))  # as in the data: no holder recorded
    assert outcome.code == code
    assert outcome.checklist == checklist and outcome.office == office
    assert outcome.findings[0].group == "covers"
    assert "测试大米" in outcome.headline.zh and "测试大米" in outcome.headline.en
    assert outcome.rules and outcome.next_steps
    assert outcome.answers[0].value == rules.ROLES["cooperative"]


def test_agi_route_says_what_changed_in_2022() -> None:
    outcome = decide(answers(), GiFacts(PLACE, (gi(1, "agi"),)))
    assert "2022" in outcome.explanation.zh and "2022" in outcome.explanation.en
    assert rules.AGI_STOPPED_2022 in outcome.rules and not rules.AGI_STOPPED_2022.verified
    assert outcome.level == "caution"


def test_gi_product_wins_over_a_certification_mark_of_the_same_name() -> None:
    facts = GiFacts(PLACE, (gi(2, "gi_certification_mark"), gi(1, "gi_product")))
    outcome = decide(answers(), facts)
    assert outcome.code == "gi_product"
    assert any("证明商标" in n.zh for n in outcome.notes)  # the other route is mentioned


def test_named_gi_outside_the_area_is_not_eligible_and_says_why() -> None:
    facts = GiFacts(PLACE, (gi(1, "gi_product", covers=False),))
    outcome = decide(answers(product="测试大米"), facts)
    assert outcome.code == "outside_area" and outcome.level == "stop"
    assert "不在" in outcome.explanation.zh and "misleads" in outcome.explanation.en
    assert rules.TM_ART16 in outcome.rules
    assert outcome.findings[0].group == "outside"


def test_picking_a_suggested_gi_counts_as_naming_it() -> None:
    facts = GiFacts(PLACE, (gi(1, "gi_product", covers=False),))
    assert decide(answers(product="米", gi_id=1), facts).code == "outside_area"


def test_generic_product_with_gis_elsewhere_is_no_gi_not_outside() -> None:
    facts = GiFacts(PLACE, (gi(1, "gi_product", covers=False),), local=(gi(5, "gi_product", name="测试茶"),))
    outcome = decide(answers(product="大米"), facts)
    assert outcome.code == "no_gi"
    text = outcome.explanation.zh + outcome.explanation.en
    for word in ("真实性", "地域性", "特异性", "关联性", "genuine", "local", "distinctive", "linked"):
        assert word in text
    # two routes, each with its own papers under its own heading (not one merged list)
    product_part, mark_part = outcome.checklist_groups
    assert product_part.items == rules.CHECKLIST_NEW_GI_PRODUCT and mark_part.items == rules.CHECKLIST_NEW_GI_TRADEMARK
    assert "地理标志产品" in product_part.title.zh and "GI product" in product_part.title.en
    assert "证明商标或集体商标" in mark_part.title.zh and "certification or collective mark" in mark_part.title.en
    assert outcome.checklist == (*rules.CHECKLIST_NEW_GI_PRODUCT, *rules.CHECKLIST_NEW_GI_TRADEMARK)
    assert any("测试茶" in n.zh for n in outcome.notes)


def test_no_gi_tells_each_role_who_may_apply() -> None:
    facts = GiFacts(PLACE, ())
    firsts = {role: decide(answers(role=role), facts).next_steps[0] for role in rules.ROLES}
    assert "县级以上人民政府" in firsts["government"].zh
    assert "cannot apply for a GI product alone" in firsts["cooperative"].en
    assert firsts["farmer"] == firsts["enterprise"]


def test_farmer_is_told_about_the_credit_code() -> None:
    """In the steps, once (no footnote repeating it: QA 19d R3)."""
    outcome = decide(answers(role="farmer"), GiFacts(PLACE, (gi(1, "gi_product"),)))
    assert sum("统一社会信用代码" in s.zh for s in outcome.next_steps) == 1
    assert not any("统一社会信用代码" in n.zh for n in outcome.notes)


def test_a_farmer_is_told_to_use_the_special_mark_through_a_cooperative_or_enterprise() -> None:
    """QA m9: the mark carries its user's credit code; an individual farmer is not told to file as if a company."""
    outcome = decide(answers(role="farmer"), GiFacts(PLACE, (gi(1, "gi_product"),)))
    assert outcome.code == "gi_product" and outcome.level == "go"
    assert "合作社或企业" in outcome.headline.zh and "cooperative or enterprise" in outcome.headline.en
    steps_zh, steps_en = " ".join(s.zh for s in outcome.next_steps), " ".join(s.en for s in outcome.next_steps)
    assert "您的统一社会信用代码" not in steps_zh and "your unified social credit code" not in steps_en
    assert "使用人（合作社或企业）的统一社会信用代码" in steps_zh and "个体工商户或家庭农场" in steps_zh
    assert "individual business or family farm" in steps_en
    farmer_part, user_part = outcome.checklist_groups
    assert farmer_part.title.zh.startswith("您本人准备") and farmer_part.title.en.startswith("What you bring")
    assert all(item.zh and item.en for item in farmer_part.items)
    assert not any("合作社、企业" in item.zh for item in farmer_part.items)
    assert "合作社或企业" in user_part.title.zh and user_part.items == rules.CHECKLIST_GI_PRODUCT_USER
    # the cooperative and enterprise keep the list and steps addressed to them
    for role in ("cooperative", "enterprise"):
        theirs = decide(answers(role=role), GiFacts(PLACE, (gi(1, "gi_product"),)))
        assert theirs.checklist == rules.CHECKLIST_GI_PRODUCT_USER and not theirs.checklist_groups
        assert "您的统一社会信用代码" in theirs.next_steps[-1].zh


def test_wuchang_rice_for_a_farmer_on_the_seed(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "farmer", "product": "五常大米",
                                                "township_code": "230184111000"})  # 龙凤山镇
    sec = outcome.to_report_section("en")
    assert sec["headline"].endswith("through a cooperative or enterprise")
    assert [len(g["items"]) for g in sec["checklist_groups"]] == [4, len(rules.CHECKLIST_GI_PRODUCT_USER)]
    assert not any("your unified social credit code" in s for s in sec["next_steps"])


def test_a_word_inside_another_products_name_is_not_a_match() -> None:
    grape = GiRecord(id=9, kind="gi_product", name="测试茶葡萄", category="果品", covers=True)
    tea = GiRecord(id=8, kind="gi_product", name="测试龙芽", category="茶叶", covers=True)
    outcome = decide(answers(product="茶"), GiFacts(PLACE, (grape, tea)))
    assert outcome.code == "gi_product" and "测试龙芽" in outcome.headline.zh
    assert decide(answers(product="茶"), GiFacts(PLACE, (grape,))).code == "no_gi"


def test_names_gi() -> None:
    assert names_gi("五常大米", "五常大米")
    assert names_gi("西湖龙井茶", "西湖龙井")
    assert names_gi("西湖龍井", "西湖龙井")
    assert not names_gi("大米", "五常大米")
    assert not names_gi("茶", "西湖龙井")
    pear = GiRecord(id=1, kind="gi_product", name="延边苹果梨", category="果品")
    assert product_matches("梨", pear) and not product_matches("苹果", pear)


def test_a_product_made_from_a_gi_product_is_not_it() -> None:
    """QA: 五常大米酒 and 五常大米饼干 were told they could apply to use 五常大米's special mark."""
    from ipdesk.domain.gi_eligibility import made_from_gi

    for product in ("五常大米酒", "五常大米饼干", "五常大米粥"):
        assert made_from_gi(product, "五常大米", "粮油") and not names_gi(product, "五常大米", "粮油"), product
    for product, name, category in (("五常大米", "五常大米", "粮油"), ("西湖龙井茶", "西湖龙井", "茶叶"),
                                    ("西湖龙井绿茶", "西湖龙井", "茶叶"), ("库尔勒香梨果", "库尔勒香梨", "果品"),
                                    ("正宗五常大米", "五常大米", "粮油")):
        assert not made_from_gi(product, name, category) and names_gi(product, name, category), product


@pytest.mark.parametrize("township", ["230184111000", "330106002000"])
def test_wuchang_rice_wine_is_told_the_mark_is_for_the_rice(shared_services, township: str) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "enterprise", "product": "五常大米酒", "township_code": township})
    assert outcome.code == "made_from_gi" and outcome.level == "caution", outcome.headline.zh
    assert outcome.headline.zh == "“五常大米酒”是用“五常大米”加工的产品：不能使用“五常大米”的地理标志专用标志"
    assert "made from" in outcome.headline.en and "special mark" in outcome.explanation.en
    assert {f.title for f in outcome.findings} == {"五常大米"} and not outcome.checklist
    # the GI product covers the town; the certification mark of the name, whose area the seed infers from the
    # name (area_precision: rough), may
    assert {f.group for f in outcome.findings} == ({"covers", "may_cover"} if township.startswith("23") else {"outside"})


def test_product_typed_in_pinyin_english_or_a_synonym_matches_the_gi() -> None:
    rice = GiRecord(id=1, kind="gi_product", name="测试大米", category="粮油")
    for typed in ("ceshidami", "ce shi da mi", "CSDM", "rice", "Rice", "paddy", "测试 rice", "ceshi rice",
                  "稻米", "水稻", "测试稻米"):
        assert product_matches(typed, rice), typed
    # the place part plus the crop word names this GI; the crop word alone is a kind of product
    assert names_gi("ceshi rice", "测试大米") and names_gi("测试稻米", "测试大米") and names_gi("csdm", "测试大米")
    assert not names_gi("rice", "测试大米") and not names_gi("稻米", "测试大米")


def test_product_words_do_not_match_another_crop_or_another_place() -> None:
    rice = GiRecord(id=1, kind="gi_product", name="测试大米", category="粮油")
    millet = GiRecord(id=2, kind="gi_product", name="测试小米", category="粮油")
    shrimp = GiRecord(id=3, kind="gi_product", name="测试白虾", category="水产")
    for typed in ("apple", "tea", "wheat", "别处大米", "biechu rice", "ceshi", "cs"):
        assert not product_matches(typed, rice), typed
    assert not product_matches("rice", millet) and not product_matches("大米", millet)
    assert not product_matches("crayfish", shrimp)  # 虾 in the patent keywords, but a shrimp is not a crayfish
    tea = GiRecord(id=4, kind="gi_product", name="测试龙芽", category="茶叶")
    assert product_matches("tea", tea) and product_matches("ceshi longya tea", tea)
    assert not product_matches("ceshi tea", tea)


def test_read_product() -> None:
    words = read_product("Wuchang Rice")
    assert words.crop is not None and words.crop.id == "rice" and words.qualifier == "wuchang"
    words = read_product("五常稻米")
    assert words.crop is not None and words.crop.id == "rice" and words.qualifier == "五常"
    assert read_product("navel oranges").crop == rules.CROPS_BY_ID["citrus"]
    assert read_product("wuchangdami").crop is None


def test_other_gis_covering_the_township_are_named_when_the_product_is_not_theirs() -> None:
    wuchang = gi(1, "gi_product")
    outcome = decide(answers(product="蜂蜜"), GiFacts(PLACE, (wuchang,)))  # a search hit, not this product
    assert outcome.code == "no_gi"
    assert any("测试大米" in n.zh for n in outcome.notes)


@pytest.mark.parametrize(("product", "name"), [
    ("五常", "五常大米"), ("常大米", "五常大米"), ("五常大", "五常大米"),  # a part of the name
    ("五長大米", "五常大米"), ("吴常大米", "五常大米"), ("五长", "五常大米"),  # the same sound (长: chang or zhang)
    ("五常大木", "五常大米"), ("五常米", "五常大米"), ("西湖龙景", "西湖龙井"),  # one character off
    ("wuchang", "五常大米"), ("Wu Chang", "五常大米"), ("wuchnagdami", "五常大米"),  # letters: its beginning, a slip
])
def test_near_names(product: str, name: str) -> None:
    assert near_name(product, name)


@pytest.mark.parametrize(("product", "name"), [
    ("五常大米", "五常大米"), ("米", "五常大米"), ("大豆", "五常大米"), ("盘锦大米", "五常大米"), ("龙凤山大米", "五常大米"),
    ("wu", "五常大米"), ("dami", "五常大米"), ("wcdm", "五常大米"), ("xihu", "五常大米"), ("茶叶", "西湖龙井"),
])
def test_not_near_names(product: str, name: str) -> None:
    assert not near_name(product, name)


def test_a_near_miss_of_a_gi_asks_did_you_mean_and_gives_no_new_gi_advice() -> None:
    """QA18a N8: a part or a homophone of a GI's name had "no GI: you can apply for a new one"."""
    local = gi(1, "gi_product")  # 测试大米, covering the township
    elsewhere = gi(2, "gi_certification_mark", name="测试大米", covers=False)
    outcome = decide(answers(product="测试"), GiFacts(PLACE, (elsewhere,), local=(local,)))
    assert outcome.code == "did_you_mean" and outcome.level == "info"
    assert outcome.headline.zh == "没有叫“测试”的地理标志。您是不是要找：测试大米？"
    assert outcome.headline.en == 'No GI is called "测试". Did you mean "测试大米"?'
    assert "测试大米（覆盖您的乡镇）" in outcome.explanation.zh and "covers your township" in outcome.explanation.en
    assert not outcome.checklist and not outcome.checklist_groups and outcome.office is None
    assert outcome.next_steps[0].zh.startswith("如果指的是“测试大米”：用这个名称再查一次")
    assert "new GI" not in outcome.headline.en and "新的地理标志" not in outcome.headline.zh
    assert [f.group for f in outcome.findings] == ["covers", "outside"]  # the covering one first


def test_a_picked_gi_or_a_product_word_is_no_near_miss() -> None:
    facts = GiFacts(PLACE, (gi(1, "gi_product", covers=False),))
    assert decide(answers(product="测试", gi_id=1), facts).code == "outside_area"
    assert decide(answers(product="大米"), facts).code == "no_gi"  # a product other GIs are for, elsewhere


# --- on the real seed ---------------------------------------------------------------------------

WUCHANG_TOWN = "230184100000"  # 五常镇, 五常市 (the 五常大米 area is the whole county-level city)
HANGZHOU_STREET = "330106003000"  # 灵隐街道, 西湖区


def test_cooperative_in_wuchang_gets_the_special_mark_route(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": "大米", "township_code": WUCHANG_TOWN})
    assert outcome.code == "gi_product" and "五常大米" in outcome.headline.zh
    assert outcome.checklist == rules.CHECKLIST_GI_PRODUCT_USER
    assert "五常镇" in outcome.explanation.zh
    assert outcome.data_as_of
    # shown with each dataset's name in the reader's language, stored as names and dates
    section = outcome.to_report_section("zh_CN")["data_as_of"]
    assert "地理标志 " in section and "行政区划 " in section and "gi" not in section
    assert "Geographical indications " in outcome.to_report_section("en")["data_as_of"]


def test_outside_the_area_is_told_why(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": "五常大米",
                                                "township_code": HANGZHOU_STREET})
    assert outcome.code == "outside_area"
    assert "五常大米" in outcome.headline.zh and "灵隐街道" in outcome.explanation.zh
    # what may cover it (the seed records both longjing areas roughly)
    assert {f.title for f in outcome.findings if f.group == "may_cover"} >= {"西湖龙井", "龙井茶"}


def test_tea_in_west_lake_finds_longjing(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "farmer", "product": "茶", "township_code": HANGZHOU_STREET})
    assert outcome.code in {"gi_product", "gi_certification_mark"} and outcome.level == "caution"
    assert any(f.title == "西湖龙井" and f.group == "may_cover" for f in outcome.findings)


def test_suggestions_and_township_lookup(shared_services) -> None:  # type: ignore[no-untyped-def]
    names = [g.name for g in shared_services.wizards.suggest_gis("大米")]
    assert "五常大米" in names
    towns = shared_services.wizards.find_townships("五常镇")
    assert towns and towns[0].code == WUCHANG_TOWN and towns[0].path[-1] == "五常市"
    assert shared_services.wizards.find_townships(WUCHANG_TOWN)[0].name == "五常镇"


@pytest.mark.parametrize("code", ["999999999999", "230184000000", "abc", ""])
def test_unknown_or_non_township_code_is_a_user_error(shared_services, code: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserInputError) as err:
        shared_services.wizards.gi_check({"role": "farmer", "product": "大米", "township_code": code})
    assert err.value.exit_code == 2 and "township" in err.value.en


@pytest.mark.parametrize("product", ["wuchangdami", "wcdm", "wu chang da mi", "rice", "Wuchang rice", "稻米", "水稻",
                                     "五常稻米",
                                     # a crop word in pinyin: what a kiosk's letter keyboard types
                                     "dami", "Da Mi", "dàmǐ", "da4mi3", "daomi", "shuidao", "wuchang dami"])
def test_pinyin_english_and_synonyms_find_wuchang_rice(shared_services, product: str) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": product,
                                                "township_code": WUCHANG_TOWN})
    assert outcome.code == "gi_product", outcome.headline.en
    assert "五常大米" in outcome.headline.en
    assert {f.title for f in outcome.findings if f.group == "covers"} == {"五常大米"}


@pytest.mark.parametrize("product", ["apple", "tea", "苹果", "wheat", "pingguo", "mi", "cha"])
def test_a_product_no_gi_covers_is_not_given_wuchang_rice(shared_services, product: str) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": product,
                                                "township_code": WUCHANG_TOWN})
    assert outcome.code == "no_gi"
    assert "五常大米" not in outcome.headline.zh + outcome.explanation.zh
    assert any("五常大米" in n.zh for n in outcome.notes)  # named as another GI covering the township


def test_another_places_rice_in_english_is_outside_its_area(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": "Panjin rice",
                                                "township_code": WUCHANG_TOWN})
    assert outcome.code == "outside_area" and "盘锦大米" in outcome.headline.en
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": "Wuchang rice",
                                                "township_code": HANGZHOU_STREET})
    assert outcome.code == "outside_area" and "五常大米" in outcome.headline.en


def test_english_words_suggest_gis(shared_services) -> None:  # type: ignore[no-untyped-def]
    names = [g.name for g in shared_services.wizards.suggest_gis("rice")]
    assert "五常大米" in names and all(n.endswith(("米", "稻")) for n in names)
    assert "西湖龙井" in [g.name for g in shared_services.wizards.suggest_gis("tea", limit=200)]


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_english_result_names_gi_kinds_in_english_in_the_text_and_the_report() -> None:
    from ipdesk.domain.report import section_from_mapping

    facts = GiFacts(PLACE, (gi(1, "gi_product"), gi(2, "gi_certification_mark"), gi(3, "agi", name="测试稻")))
    outcome = decide(answers(), facts)
    en = outcome.to_report_section("en")
    assert [f["subtitle"] for f in en["findings"]] == ["GI product", "GI certification mark", "Agricultural-product GI"]
    assert ('"测试大米" is also a GI certification mark; by that route, ask the mark\'s registrant (测试协会) for a '
            'licence and, once the licence is recorded, apply to use the GI special mark.') in en["notes"]
    assert any(n.startswith('The agricultural-product GI "测试稻" also covers') for n in en["notes"])
    zh = outcome.to_report_section("zh_CN")
    assert [f["subtitle"] for f in zh["findings"]][:2] == ["地理标志产品", "地理标志证明商标"]
    # the English report's table: record names are proper names, everything else is English
    table = section_from_mapping(en, "en").tables[0]
    for row in table.rows:
        assert not _cjk(str(row[1])) and not _cjk(str(row[2])), row
    assert outcome.to_dict()["findings"][0]["subtitle_text"] == {"zh": "地理标志产品", "en": "GI product"}


def test_a_role_not_given_is_not_invented() -> None:
    no_role = {k: v for k, v in answers().items() if k != "role"}
    outcome = decide(no_role, GiFacts(PLACE, ()))
    assert outcome.answers[0].value == Text("未说明", "not given")
    assert all(a.value not in rules.ROLES.values() for a in outcome.answers)
    first = outcome.next_steps[0]
    assert "Farmers, cooperatives and enterprises" in first.en and "县级以上人民政府" in first.zh
    assert decide(answers(role="cooperative"), GiFacts(PLACE, ())).next_steps[0] != first


@pytest.mark.parametrize(("typed", "role"), [("合作社", "cooperative"), ("农民专业合作社", "cooperative"),
                                            ("Farmers' cooperative", "cooperative"), ("农户", "farmer"),
                                            ("government", "government"), ("政府", "government"), ("学生", None)])
def test_role_in_words(typed: str, role: str | None) -> None:
    assert rules.role_id(typed) == role


@pytest.mark.parametrize(("product", "township"), [
    ("香菇", "231086100000"),  # shiitake at 东宁: its GI is 东宁黑木耳, a wood ear
    ("木耳", "331126001000"),  # wood ear at 庆元: its GI is 庆元香菇
    ("油", "230184100000"),  # a character of the category 粮油, not a product of 五常大米
    ("禽", "632821100000"),  # poultry, not 乌兰茶卡羊 (category 畜禽)
    ("茶叶蛋", "330106002000"),  # tea eggs contain 茶叶 but are not tea
])
def test_a_product_the_gi_is_not_for_gets_no_gi(shared_services, product: str, township: str) -> None:  # type: ignore[no-untyped-def]
    """Wrong advice is worse than none: the GI check must not tell a shiitake grower to use a wood-ear GI."""
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": product, "township_code": township})
    assert outcome.code == "no_gi", (product, outcome.headline.zh)


@pytest.mark.parametrize(("product", "township"), [
    ("五長大米", "230184111000"), ("五常", "230184111000"), ("五长", "230184111000"), ("wuchang", "230184111000"),
    ("五常大", WUCHANG_TOWN), ("常大米", WUCHANG_TOWN),  # parts of a GI's name are not the product: asked, not taken
    ("五長大米", HANGZHOU_STREET), ("五长", HANGZHOU_STREET),
])
def test_a_near_miss_of_wuchang_rice_asks_did_you_mean(shared_services, product: str, township: str) -> None:  # type: ignore[no-untyped-def]
    """QA18a N8: 五長大米 (a typo) and 五常 got "no GI covers your product: you can apply for a new one"."""
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": product, "township_code": township})
    assert outcome.code == "did_you_mean", (product, outcome.headline.zh)
    assert outcome.headline.zh == f"没有叫“{product}”的地理标志。您是不是要找：五常大米？"
    assert not outcome.checklist and {f.title for f in outcome.findings} == {"五常大米"}
    inside = township != HANGZHOU_STREET
    assert {f.group for f in outcome.findings} == ({"covers", "may_cover"} if inside else {"outside"})
    assert ("五常大米（覆盖您的乡镇）" if inside else "五常大米（不覆盖您的乡镇）") in outcome.explanation.zh


def test_the_picker_offers_wuchang_rice_for_a_homophone(shared_services) -> None:  # type: ignore[no-untyped-def]
    assert [g.name for g in shared_services.wizards.suggest_gis("五长")][:1] == ["五常大米"]


@pytest.mark.parametrize(("product", "township", "gi"), [
    ("黑木耳", "231086100000", "东宁黑木耳"),
    ("食用菌", "231086100000", "东宁黑木耳"),  # the group's own word means all of it
    ("shiitake", "331126001000", "庆元香菇"),
    ("茶叶", "330106002000", "龙井茶"),
])
def test_a_member_or_the_group_word_finds_its_gi(shared_services, product: str, township: str, gi: str) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": product, "township_code": township})
    assert outcome.code != "no_gi" and gi in outcome.headline.zh, (product, outcome.headline.zh)


def test_answers_name_the_product_once_and_brand_groups_in_words() -> None:
    """A product picked as the GI's own name is not repeated (五常大米（五常大米）); a brand finding's group
    is said in words, since a kiosk screen and a black-and-white printout show no colour."""
    from ipdesk.domain.gi_eligibility import _answers
    from ipdesk.domain.wizard import GROUP_LABELS

    same = _answers({"product": "五常大米", "gi_name": "五常大米"})
    assert same[1].value.zh == "五常大米"
    picked = _answers({"product": "大米", "gi_name": "五常大米"})
    assert picked[1].value.zh == "大米（五常大米）"
    for group in ("red", "amber", "gi_amber"):
        label = GROUP_LABELS[group]
        assert not any(colour in label.zh for colour in ("红", "黄")) and group not in label.en
