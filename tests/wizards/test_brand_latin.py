"""Brand check of names written in English or pinyin: RICE, dami and 大米 are the same generic name.

Every case goes through `decide`, the function the wizard, the kiosk and the CLI end in, with a class
that has trademarks on this computer, so a distinctive name gets "looks fine" and a plain one "refused".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.domain import rules
from ipdesk.domain.brand_check import BrandFacts, decide
from ipdesk.domain.brand_words import english_key
from ipdesk.domain.report import section_from_mapping
from ipdesk.domain.wizard import Outcome

FACTS = BrandFacts(marks_in_class=1000)


def check(name: str, nice_class: int) -> Outcome:
    return decide({"name": name, "nice_class": nice_class}, FACTS)


# name, class, the words the reason must name as typed
GENERIC_OR_DESCRIPTIVE = [
    ("Pork", 29, ["Pork"]),
    ("Fresh Milk", 29, ["Fresh", "Milk"]),
    ("niurou", 29, ["niurou"]),
    ("Camellia Oil", 29, ["Camellia Oil"]),
    ("Rice", 30, ["Rice"]),
    ("RICE", 30, ["RICE"]),
    ("ｒｉｃｅ", 30, ["ｒｉｃｅ"]),  # full width
    ("dami", 30, ["dami"]),
    ("da mi", 30, ["da mi"]),
    ("Da-Mi", 30, ["Da-Mi"]),
    ("DaMi", 30, ["DaMi"]),
    ("da4mi3", 30, ["da4mi3"]),  # tone numbers
    ("Green Tea", 30, ["Green Tea"]),
    ("lǜchá", 30, ["lǜchá"]),  # tone marks
    ("lücha", 30, ["lücha"]),
    ("lvcha", 30, ["lvcha"]),
    ("Lu Cha", 30, ["Lu Cha"]),  # ü written u, syllables apart
    ("Honey", 30, ["Honey"]),  # from the crop table's 'Bees / honey'
    ("Pu'er", 30, ["Pu'er"]),
    ("Organic Rice", 30, ["Organic", "Rice"]),
    ("Premium Tea", 30, ["Premium", "Tea"]),
    ("Youji Dami", 30, ["Youji", "Dami"]),  # 有机大米 in pinyin
    ("The Rice", 30, ["Rice"]),
    ("Good Rice", 30, ["Good", "Rice"]),  # praise beside the goods' name, as 好米
    ("First Grade Tea", 30, ["First Grade", "Tea"]),
    ("Super Honey", 30, ["Super", "Honey"]),
    ("有机Rice", 30, ["有机", "Rice"]),  # mixed scripts
    ("Apple", 31, ["Apple"]),
    ("Apples", 31, ["Apples"]),
    ("pingguo", 31, ["pingguo"]),
    ("Ping Guo", 31, ["Ping Guo"]),
    ("Fresh Apple", 31, ["Fresh", "Apple"]),
    ("Navel Orange", 31, ["Navel Orange"]),  # a member of the citrus group (GROUP_MEMBER_EN)
    ("Kiwi Fruit", 31, ["Kiwi Fruit"]),
    ("Beer", 32, ["Beer"]),
    ("Pijiu", 32, ["Pijiu"]),
    ("Natural Juice", 32, ["Natural", "Juice"]),
    ("Mineral Water", 32, ["Mineral Water"]),
    ("Pure Water", 32, ["Pure", "Water"]),
    ("Baijiu", 33, ["Baijiu"]),
    ("Rice Wine", 33, ["Rice Wine"]),
    ("Huang Jiu", 33, ["Huang Jiu"]),
    ("guojiu", 33, ["guojiu"]),  # 果酒 (fruit wine), not 国酒 (a claim): the milder reading of a homophone
    # plain words written together, with no space or case change between them
    ("GOODRICE", 30, ["GOOD", "RICE"]),
    ("ORGANICRICE", 30, ["ORGANIC", "RICE"]),
    ("GREENTEA", 30, ["GREENTEA"]),
    ("FRESHAPPLES", 31, ["FRESH", "APPLES"]),
    ("purewater", 32, ["pure", "water"]),
]


@pytest.mark.parametrize(("name", "nice_class", "typed"), GENERIC_OR_DESCRIPTIVE)
def test_generic_or_descriptive_latin_names_are_refused_naming_the_words(name: str, nice_class: int,
                                                                        typed: list[str]) -> None:
    outcome = check(name, nice_class)
    assert outcome.code == "very_likely_refused", outcome.headline.en
    assert rules.TM_ART11 in outcome.rules
    reason = next(f for f in outcome.findings if f.kind == "word" and f.title == name).reasons[0]
    assert "缺乏显著特征" in reason.zh and "not distinctive" in reason.en
    for word in typed:
        assert word in reason.zh and word in reason.en, (word, reason)
        assert word in outcome.explanation.zh and word in outcome.explanation.en


def test_a_latin_word_is_given_with_the_chinese_word_it_stands_for() -> None:
    outcome = check("Organic Rice", 30)
    assert "（Organic（有机）、Rice（大米））" in outcome.explanation.zh
    assert "(Organic (有机), Rice (大米))" in outcome.explanation.en
    assert "（好、米）" in check("好米", 30).explanation.zh  # Chinese words are given as they are


@pytest.mark.parametrize(
    ("name", "nice_class", "claim", "counterpart"),
    [
        ("Best Rice", 30, "Best", "最好"),
        ("BEST", 31, "BEST", "最好"),
        ("No.1 Tea", 30, "No.1", "第一"),
        ("Number One Beer", 32, "Number One", "第一"),
        ("Finest Pork", 29, "Finest", "最优"),
        ("Top Grade Baijiu", 33, "Top Grade", "顶级"),
        ("Diyi Cha", 30, "Diyi", "第一"),  # the claim in pinyin
        ("Best Zorvik", 30, "Best", "最好"),  # with a distinctive word: still refused, as 测试第一 is
        ("Zorvik No1", 31, "No1", "第一"),
    ],
)
def test_absolute_claims_are_refused_anywhere_as_in_chinese(name: str, nice_class: int, claim: str,
                                                            counterpart: str) -> None:
    outcome = check(name, nice_class)
    assert outcome.code == "very_likely_refused"
    assert rules.TM_ART10_DECEPTIVE in outcome.rules
    flag = next(f for f in outcome.findings if f.kind == "word" and f.title == claim)
    assert flag.reasons[0].zh == f"“{claim}”（{counterpart}）绝对化的质量宣称，容易误导公众"
    assert flag.reasons[0].en == f"\"{claim}\" ({counterpart}) an absolute quality claim: likely to mislead"
    chinese = check(f"测试{counterpart}", nice_class)  # the Chinese path does the same with the Chinese word
    assert chinese.code == "very_likely_refused"


def test_a_claim_beside_the_goods_name_gives_both_reasons() -> None:
    for name, words in (("Best Rice", "Best（最好）、Rice（大米）"), ("最好大米", "最好、大米")):
        outcome = check(name, 30)
        assert "绝对化的质量宣称" in outcome.explanation.zh
        assert f"只由商品通用名称或描述性词语组成（{words}）" in outcome.explanation.zh


@pytest.mark.parametrize(
    ("name", "nice_class"),
    [
        # a coined word that only contains the letters of a generic name
        ("Hamlet", 29), ("Milkyway", 29), ("Priceless", 30), ("Teatro", 30), ("Honeywell", 30),
        ("Damiro", 30), ("Sunrice", 30), ("Appleton", 31), ("Snapple", 31), ("Peachy", 31),
        ("ZORVIKRICE", 30), ("RICEZORVIK", 30), ("Milkyway", 29), ("Tearose", 30),
        ("Sodalite", 32), ("Beerus", 32), ("Twine", 33), ("Swinery", 33),
        # a generic name beside a distinctive word, in any script
        ("Priceless Rice", 30), ("Zorvik Tea", 30), ("测试甲 Rice", 30), ("Zorvik 大米", 30), ("Zorvik Dami", 30),
        ("한빛 Rice", 30), ("Rice ラボ", 30),  # letters of another script are part of the name too
        ("Apple Zorvik", 31), ("Zorvik Beer", 32), ("Zorvik Baijiu", 33), ("Zorvik Pork", 29),
        # praise with a distinctive word (as 好测甲): praise counts only beside the goods' name
        ("Super Zorvik", 30), ("Good Zorvik", 31), ("King Zorvik", 33), ("Top Zorvik", 32),
        # the goods' name of another class
        ("Apple", 30), ("Rice", 33), ("Beer", 30), ("Tea", 29),
        # one pinyin syllable is read from too many characters (Li is a surname before it is 梨)
        ("Li", 31), ("Mi", 30),
    ],
)
def test_distinctive_names_pass(name: str, nice_class: int) -> None:
    outcome = check(name, nice_class)
    assert outcome.code == "likely_fine", (name, outcome.explanation.zh)
    assert not any(f.group == "red" for f in outcome.findings)


def test_a_descriptive_word_beside_a_distinctive_one_is_a_note() -> None:
    outcome = check("Organic Zorvik", 30)
    assert outcome.code == "likely_fine"
    assert any(n.zh.startswith("“Organic”（有机）是描述性词语") and n.en.startswith("\"Organic\" (有机) only describes")
               for n in outcome.notes)
    assert not any("Zorvik" in n.zh for n in outcome.notes if "描述性" in n.zh)


def test_chinese_new_is_praise_like_its_english_word_and_a_surname_is_not() -> None:
    for name in ("新米", "New Rice"):
        assert check(name, 30).code == "very_likely_refused", name
    # 王 is the commonest surname: 王大米 / Wang Dami is a family's rice, not a claim to be king
    for name in ("王大米", "Wang Dami", "King Tea"):
        assert check(name, 30).code == "likely_fine", name
    # FIRST is a grade beside the goods' name, and not an outright refusal beside a distinctive word
    assert check("First Rice", 30).code == "very_likely_refused"
    assert check("First Zorvik", 30).code == "likely_fine"


def test_every_english_word_has_a_chinese_counterpart_of_the_lists() -> None:
    chinese = {*rules.MISLEADING_WORDS, *rules.DESCRIPTIVE_WORDS, *rules.LAUDATORY_CHARS}
    assert set(rules.PLAIN_WORDS_EN.values()) <= chinese
    goods = {w for c in rules.BRAND_CLASSES for w in rules.GENERIC_GOODS[c]}
    assert set(rules.GENERIC_GOODS_EN) <= goods
    assert all(rules.goods_english(w) for w in goods), [w for w in goods if not rules.goods_english(w)]
    assert rules.goods_english("蜂蜜") == ("honey",)  # not 'bees': the part of the crop's name beside 蜂蜜
    assert "rice" in rules.goods_english("大米") and rules.goods_english("脐橙") == ("navel orange",)
    assert english_key("Fresh Apples") == ("fresh", "apple")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_report_names_the_words_as_typed(lang: str) -> None:
    outcome = check("Organic RICE", 30)
    section = section_from_mapping(outcome.to_report_section(lang), lang)
    assert section.wizard is not None and "Organic" in section.wizard.explanation
    why = [str(row[3]) for table in section.tables for row in table.rows]
    assert any("Organic" in w and "RICE" in w for w in why), why


# --- on the real seed, through the services and the CLI -------------------------------------------------

def test_a_place_and_an_english_generic_name_on_the_seed(shared_services) -> None:  # type: ignore[no-untyped-def]
    outcome = shared_services.wizards.brand_check({"name": "五常 Rice", "nice_class": 30})
    assert outcome.code == "very_likely_refused"
    assert {f.kind for f in outcome.findings if f.group == "red"} == {"place", "word"}
    assert "五常" in outcome.explanation.zh and "Rice（大米）" in outcome.explanation.zh
    coined = shared_services.wizards.brand_check({"name": "Priceless", "nice_class": 30})
    assert coined.code == "marks_not_checked"  # no barred word; the seed has no trademarks to compare


def test_brand_check_report_from_the_cli_names_the_words(data_dir: Path, tmp_path: Path) -> None:
    from docx import Document

    from ipdesk.cli import main

    out = tmp_path / "brand.docx"
    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "brand-check", "Best lǜchá", "--class", "30",
                 "--out", str(out)]) == 0
    doc = Document(str(out))
    text = "\n".join([*(p.text for p in doc.paragraphs),
                      *(c.text for t in doc.tables for r in t.rows for c in r.cells)])
    assert "would very likely be refused" in text
    assert "\"Best\" (最好) an absolute quality claim" in text
    assert "(Best (最好), lǜchá (绿茶)): not distinctive" in text


def test_an_english_name_may_be_longer_than_twenty_letters() -> None:
    from ipdesk.domain.brand_check import name_problems

    assert name_problems("Natural Mineral Water") == []  # 21 letters and spaces
    assert name_problems("测" * 20) == []
    too_many_hanzi = name_problems("测" * 21)
    assert too_many_hanzi and "20个汉字" in too_many_hanzi[0].zh and "20 Chinese characters" in too_many_hanzi[0].en
    assert name_problems("Z" * 41)
    assert check("Natural Mineral Water", 32).code == "very_likely_refused"  # and now it is checked


def test_unspaced_plain_words_make_an_earlier_mark_nearly_the_same() -> None:
    """GOLDENHARVESTRICE against an earlier GOLDEN HARVEST: the earlier mark's letters begin it and the
    rest only names the goods, as GOLDEN HARVEST RICE (spaced) already was."""
    from ipdesk.domain.brand_check import similarity

    for proposed, earlier, added in (("GOLDENHARVESTRICE", "GOLDEN HARVEST", "RICE"),
                                     ("GoldenHarvestRice", "Golden Harvest", "Rice"),
                                     ("ORGANICZORVIK", "ZORVIK", "ORGANIC")):
        found = similarity(proposed, earlier, 30)
        assert found.score >= 0.9, (proposed, found)
        assert f"连写着完整的“{earlier}”" in found.reasons[0].zh and f"（{added}）" in found.reasons[0].zh
        assert f"has all of \"{earlier}\" written in it" in found.reasons[0].en
        assert similarity(earlier, proposed, 30).score == found.score  # either way round
    # letters that only happen to contain the other's: no likeness from that
    assert similarity("PRICELESS", "RICE", 30).score == 0.0
    assert similarity("SUNRICE", "SUN", 30).score < 0.9
    # a plain word alone shared is no likeness (BESTRICE and RICE share only the goods' name)
    assert similarity("BESTRICE", "RICE", 30).score < 0.9
    # an added word that is not plain: a spelling comparison as before, not "only the goods' name"
    other = similarity("GOLDENHARVESTZORVIK", "GOLDEN HARVEST", 30)
    assert not any("连写着" in r.zh for r in other.reasons)
