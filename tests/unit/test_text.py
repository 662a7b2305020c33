from __future__ import annotations

from types import SimpleNamespace

import pytest

from ipdesk.domain.codes import (
    division_ancestors,
    division_prefix,
    expand_division_code,
    format_ipc,
    normalize_ipc,
    patent_number_keys,
)
from ipdesk.domain.text import char_grams, fold, pinyin_keys, pinyin_query_forms, query_grams


def test_fold_traditional_fullwidth_case() -> None:
    assert fold("龍井 ＡＢＣ") == "龙井 abc"
    assert fold("  五常   大米 ") == "五常 大米"


def test_grams_cover_one_and_two_character_queries() -> None:
    grams = char_grams(fold("西湖龙井"))
    assert "龙" in grams and "龙井" in grams and "西湖" in grams
    assert set(query_grams("西湖龙井")) <= set(grams)


def test_pinyin_keys_include_initials_and_syllable_suffixes() -> None:
    keys = pinyin_keys("五常大米")
    for expected in ("wuchangdami", "wcdm", "dami", "cdm"):
        assert expected in keys


def test_pinyin_keys_cover_polyphonic_readings() -> None:
    # 长 reads chang or zhang; both readings are indexed.
    keys = pinyin_keys("长白山")
    assert "changbaishan" in keys
    assert any(k.startswith("zhangbaishan") for k in keys)



def test_patent_titles_are_keyed_by_their_phrase_reading_only() -> None:
    """Names (GIs, places, marks) keep one more reading per polyphonic character; a patent title
    keeps pypinyin's phrase-aware reading alone (half the key postings, the costliest writes)."""
    from ipdesk.services.search_index import doc_for_gi, docs_for_records

    title = "长白山人参种植方法"
    primary = pinyin_keys(title, alternatives=False)
    assert "changbaishan" in primary and "cbsrszzff" in primary
    assert not any(k.startswith("zhang") for k in primary)
    assert set(primary) < set(pinyin_keys(title))
    patent = {"id": 1, "pub_no": "CN999000001A", "app_no": "", "title": title, "abstract": "", "applicants": "",
              "inventors": "", "address": "", "ipc_codes": "", "kind": "invention", "region_code": "",
              "pub_date": None, "filing_date": None, "legal_status": ""}
    (doc,) = docs_for_records("patent", [patent])
    assert "changbaishan" in doc.key_tokens and not any(k.startswith("zhang") for k in doc.key_tokens)
    assert (doc.pinyin, doc.initials) == ("changbaishanrenshenzhongzhifangfa", "cbsrszzff")
    gi = SimpleNamespace(id=1, name="长白山人参", category="", holder="", area_text="", note="", standard="",
                         name_en="", announcement_no="", tm_reg_no="", agi_no="", registered_on="", kind="gi_product",
                         status="")
    assert any(k.startswith("zhangbaishan") for k in doc_for_gi(gi, []).key_tokens)  # type: ignore[arg-type]

@pytest.mark.parametrize(
    ("typed", "form"),
    [("wu chang", "wuchang"), ("wǔ cháng", "wuchang"), ("wu3chang2", "wuchang"), ("WUCHANG", "wuchang")],
)
def test_pinyin_query_forms(typed: str, form: str) -> None:
    assert pinyin_query_forms(typed)[0] == form


def test_mixed_query_reads_chinese_as_initials() -> None:
    assert "wcdm" in pinyin_query_forms("五常dm")


@pytest.mark.parametrize(
    ("typed", "norm", "printed"),
    [
        ("A01G 9/00", "A01G0009000000", "A01G 9/00"),
        ("a01g9/00", "A01G0009000000", "A01G 9/00"),
        ("A01B 33/08", "A01B0033080000", "A01B 33/08"),
        ("A01G 9/024", "A01G0009024000", "A01G 9/024"),
        ("A01G0009000000", "A01G0009000000", "A01G 9/00"),
    ],
)
def test_ipc_both_forms(typed: str, norm: str, printed: str) -> None:
    assert normalize_ipc(typed) == norm
    assert format_ipc(norm) == printed


def test_ipc_rejects_nonsense() -> None:
    assert normalize_ipc("hello") is None
    assert normalize_ipc("Z99") is None


def test_patent_number_keys() -> None:
    keys = patent_number_keys("CN 102015000481495 A")
    assert {"cn102015000481495a", "cn102015000481495", "102015000481495"} <= set(keys)


def test_division_codes() -> None:
    assert division_prefix("330106000000") == "330106"
    assert division_prefix("330000000000") == "33"
    assert division_prefix("330106001000") == "330106001"
    assert division_ancestors("330106001000") == ["330000000000", "330100000000", "330106000000"]
    assert expand_division_code("3301") == "330100000000"
    assert expand_division_code("331") is None


def test_label_value_has_no_colon_after_a_question() -> None:
    from ipdesk.domain.i18n import label_value

    assert label_value("谁在询问？", "合作社", "zh_CN") == "谁在询问？ 合作社"
    assert label_value("产地", "五常市", "zh_CN") == "产地：五常市"
    assert label_value("Who is asking?", "a cooperative", "en") == "Who is asking? a cooperative"
    assert label_value("Place", "Wuchang", "en") == "Place: Wuchang"


@pytest.mark.parametrize(
    ("typed", "key"),
    [("A01D", "A01D"), ("A01C 21/00", "A01C0021"), ("A01G 9/02", "A01G000902"), ("A01G 10/00", "A01G0010")],
)
def test_ipc_prefix_key_keeps_the_group_digits(typed: str, key: str) -> None:
    from ipdesk.domain.codes import ipc_prefix_key

    assert ipc_prefix_key(typed) == key


def test_pinyin_keys_are_cut_and_queries_cut_the_same_way() -> None:
    from ipdesk.domain.text import PINYIN_KEY_LETTERS, key_prefix

    keys = pinyin_keys("弓长岭矿泉水")
    assert max(len(k) for k in keys) <= PINYIN_KEY_LETTERS
    assert "gongchanglin" in keys and "kuangquanshu" in keys and "gclkqs" in keys
    assert key_prefix("gongchanglingkuangquanshui") == "gongchanglin"
    assert key_prefix("cn102015000481495") == "cn102015000481495"  # numbers are indexed whole
    assert key_prefix("wcdm") == "wcdm"


def test_memoised_word_readings_equal_pypinyin_on_whole_texts() -> None:
    """The index reads pypinyin's segmented words one at a time (memoised); the result must be
    exactly pypinyin's reading of the whole text, phrases and polyphonic characters included."""
    import random

    from pypinyin import Style, lazy_pinyin

    from ipdesk.domain.text import _primary_syllables

    rng = random.Random(20261126)
    pool = [chr(c) for c in range(0x4E00, 0x9FA6)]
    # phrase-sensitive cases: 长 (chang/zhang), 行 (xing/hang), 重 (zhong/chong), 发 (fa), 种 (zhong)
    texts = ["长白山人参", "银行行长", "重庆小面", "重新种植方法", "发酵茶", "种子处理", "西湖龙井", "五常大米"]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 16))) for _ in range(3000)]
    words = "长白山人参银行行长重庆种植方法发酵茶叶水稻苹果"
    texts += ["".join(rng.choice(words) for _ in range(rng.randint(2, 16))) for _ in range(3000)]
    for text in texts:
        assert _primary_syllables(text) == tuple(lazy_pinyin(text, style=Style.NORMAL, errors="ignore")), text


def test_stored_utc_times_read_as_local_minutes() -> None:
    import datetime as dt

    from ipdesk.domain.i18n import local_time_text

    beijing = dt.timezone(dt.timedelta(hours=8))
    assert local_time_text("2026-11-26T09:59:50Z", beijing) == "2026-11-26 17:59"
    assert local_time_text("2026-12-31T20:30:00Z", beijing) == "2027-01-01 04:30"
    assert local_time_text("2026-11-26 09:59:50", dt.UTC) == "2026-11-26 09:59"  # naive: stored UTC
    assert local_time_text("") == "" and local_time_text("not a time") == "not a time"


def test_data_as_of_names_each_dataset_in_the_readers_language() -> None:
    from ipdesk.domain.i18n import data_as_of_label

    stamps = "divisions 2026-09-11 · gi 2026-11-25 · 2025年合作社清单.xlsx 2026-01-02"
    assert data_as_of_label(stamps, "zh_CN") == "行政区划 2026-09-11 · 地理标志 2026-11-25 · 2025年合作社清单.xlsx 2026-01-02"
    assert data_as_of_label(stamps, "en").startswith("Administrative divisions 2026-09-11 · Geographical indications")
    assert data_as_of_label("", "en") == ""


def test_folding_survives_an_opencc_that_cannot_load(monkeypatch: pytest.MonkeyPatch,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    """Every search folds text: a converter that fails to load (a damaged install, an old OpenCC under
    a non-ASCII Windows folder) leaves traditional characters as typed and says why in the log,
    instead of failing every search."""
    import opencc

    from ipdesk.domain import text

    def broken(config: str) -> None:
        raise RuntimeError(f"{config}.json not found or not accessible")

    text._t2s.cache_clear()
    monkeypatch.setattr(opencc, "OpenCC", broken)
    try:
        with caplog.at_level("ERROR", logger="ipdesk.text"):
            assert text.fold("龍井 ＴＥＡ") == "龍井 tea"
            assert text.fold("龙井") == "龙井"
        assert "OpenCC t2s could not be loaded" in caplog.text
    finally:
        text._t2s.cache_clear()
    monkeypatch.undo()
    assert text.fold("龍井") == "龙井"


def test_extension_g_and_h_ideographs_are_chinese_characters() -> None:
    from ipdesk.domain.text import char_grams, has_cjk, is_cjk, segments

    for ch in ("𰝟", "𱳪", "𬮤", "𠀀", "五"):  # G, H, E, B, basic
        assert is_cjk(ch) and has_cjk(ch), hex(ord(ch))
    assert segments("下𱳪镇") == [("cjk", "下𱳪镇")]
    assert {"下𱳪", "𱳪镇", "𱳪"} <= set(char_grams("下𱳪镇"))
    assert not is_cjk("\U00010000") and not is_cjk("a")


def test_extension_h_ideographs_count_as_letters_where_pythons_tables_do_not_know_them() -> None:
    """Python 3.11's Unicode tables predate Extension H (Unicode 15): 𱳪 reads as unassigned there."""
    from ipdesk.domain.input_words import has_letters
    from ipdesk.domain.text import fold, query_words

    assert query_words(fold("下𱳪镇 𰝟渡镇")) == ["下𱳪镇", "𰝟渡镇"]
    assert query_words(fold("𱳪")) == ["𱳪"]
    assert has_letters("𱳪") and not has_letters("🌾🌾")
