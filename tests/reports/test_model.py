"""The report content model: typed tables, widths, wizard outcome shapes."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.domain.report import (
    Column,
    ColumnType,
    ReportTable,
    as_section,
    bilingual_part,
    column_widths,
    display_width,
)
from tests.reports.conftest import synthetic_report


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError, match="expected 2"):
        ReportTable("t", [Column("a"), Column("b")], [["only one"]])


def test_widths_add_up_and_dates_keep_their_room() -> None:
    cols = [Column("名称", ColumnType.TEXT), Column("日期", ColumnType.DATE), Column("来源", ColumnType.TEXT)]
    rows = [["很长的名称" * 10, dt.date(2026, 1, 1), "来源说明" * 20] for _ in range(3)]
    widths = column_widths(cols, rows, total_units=60)
    assert sum(widths) == pytest.approx(1.0)
    assert widths[1] * 60 >= display_width("2026-01-01")


def test_bilingual_source_is_split_at_the_right_slash() -> None:
    text = "IPC (WIPO/CNIPA), 尼斯分类 / Nice classes"
    assert bilingual_part(text, "zh_CN") == "IPC (WIPO/CNIPA), 尼斯分类"
    assert bilingual_part(text, "en") == "Nice classes"


def test_a_source_stored_without_the_publishers_english_name_gets_it_from_the_chinese_half() -> None:
    """Data published before 'Published by <name>' read 'Published by the update's publisher' in English
    while Chinese named the publisher."""
    old = "由 五常市知识产权局 发布 / Published by the update's publisher"
    assert bilingual_part(old, "en") == "Published by 五常市知识产权局"
    assert bilingual_part(old, "zh_CN") == "由 五常市知识产权局 发布"
    unnamed = "由数据发布者发布 / Published by the data publisher"
    assert bilingual_part(unnamed, "en") == "Published by the data publisher"


def test_wizard_dict_becomes_a_section() -> None:
    outcome = {
        "title": "地理标志核查", "headline": "可以申请", "explanation": "说明", "code": "gi_product",
        "answers": [("哪种产品？", "大米")], "next_steps": ["一"], "office": "县局", "checklist": ["表"],
        "rules": ["规则"], "findings": [{"title": "测试", "subtitle": "s", "group_label": "g", "reasons": ["r1", "r2"]}],
        "notes": ["注"], "data_as_of": "gi 2026-01-01",
    }
    section = as_section(outcome, "zh_CN")
    assert section.wizard is not None and section.wizard.outcome_title == "可以申请"
    assert section.wizard.questions[0].answer == "大米"
    assert section.tables[0].rows == [["测试", "s", "g", "r1；r2"]]


def test_outcome_summary_prefers_the_wizard_outcome() -> None:
    assert synthetic_report(3, wizard=True).outcome_summary() == "合成结论"
    assert synthetic_report(3, "en").outcome_summary() == "Synthetic conclusion."


def test_every_label_has_both_languages() -> None:
    report_zh, report_en = synthetic_report(0), synthetic_report(0, "en")
    for (label_zh, _), (label_en, _) in zip(report_zh.cover_fields(), report_en.cover_fields(), strict=True):
        assert label_zh and label_en and label_zh != label_en


def test_report_font_prefers_the_bundled_copy(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.reports import fonts

    bundled = tmp_path / "fonts"
    bundled.mkdir()
    (bundled / "other.ttf").write_bytes(b"synthetic")
    monkeypatch.setattr(fonts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    monkeypatch.delenv("IPDESK_REPORT_FONT", raising=False)
    assert fonts.report_font_path() == bundled / "other.ttf"
    (bundled / "wqy-microhei.ttc").write_bytes(b"synthetic")
    assert fonts.report_font_path() == bundled / "wqy-microhei.ttc"


def test_an_imported_datasets_source_splits_in_both_languages() -> None:
    from ipdesk.services.importers.staging import import_source

    many = import_source([f"p{i}.csv" for i in range(7)], "2026-11-26 10:00")
    assert bilingual_part(many, "zh_CN") == "p0.csv、p1.csv、p2.csv、p3.csv、p4.csv 等 7 个文件（2026-11-26 10:00 导入）"
    assert bilingual_part(many, "en") == "p0.csv, p1.csv, p2.csv, p3.csv, p4.csv and 2 more files (imported 2026-11-26 10:00)"
    chinese_name = import_source(["专利清单.csv"], "2026-11-26 10:00")
    assert bilingual_part(chinese_name, "en") == chinese_name  # no clean English half: both are shown
    older = "p.csv（导入 / imported 2026-11-20 09:00）"  # as imports before 2026-11-26 wrote it
    assert bilingual_part(older, "zh_CN") == bilingual_part(older, "en") == older


def test_short_columns_are_not_wrapped_when_a_long_one_can_wrap_instead() -> None:
    """The GI table of the QA walk: "公告号/注册号" and "地理标志证明商标" wrapped while the long
    source text had room to wrap more."""
    cols = [Column("名称"), Column("类型", ColumnType.TEXT, 3), Column("公告号/注册号", ColumnType.IDENTIFIER, 3),
            Column("保护范围", ColumnType.TEXT, 4), Column("来源", ColumnType.TEXT, 4),
            Column("截至", ColumnType.DATE, 3)]
    rows = [["五常大米", "地理标志证明商标", "", "五常市", "国家知识产权局商标局 地理标志商标注册公告；" * 3, dt.date(2026, 1, 1)]]
    total = 80
    widths = [w * total for w in column_widths(cols, rows, total_units=total)]
    assert sum(widths) == pytest.approx(total)
    for i in (0, 1, 2, 3):  # a name, a kind, a header, an area: one line each
        assert widths[i] >= max(display_width(cols[i].label), display_width(str(rows[0][i]))), cols[i].label
    assert widths[5] >= display_width("2026-01-01")
    assert widths[4] == max(widths)  # the long text takes the rest and wraps


def test_widths_when_everything_fits_follow_the_weights() -> None:
    cols = [Column("甲", ColumnType.TEXT, 1), Column("乙", ColumnType.TEXT, 4)]
    widths = column_widths(cols, [["一二", "三四"]], total_units=100)
    assert widths[1] > widths[0] and sum(widths) == pytest.approx(1.0)


def test_an_imported_records_source_reads_in_one_language() -> None:
    """Before: 'p2_gb.csv（导入 / imported 2026-11-27 04:35）' in either language (walk-through qa11, #14)."""
    from ipdesk.domain.report import source_in

    stored = "p2_gb.csv（导入 / imported 2026-11-27 04:35）"
    assert source_in(stored, "zh_CN") == "p2_gb.csv（2026-11-27 04:35 导入）"
    assert source_in(stored, "en") == "p2_gb.csv (imported 2026-11-27 04:35)"
    assert source_in("国家知识产权局 / CNIPA", "en") == "CNIPA" and source_in("synthetic test data", "zh_CN") == "synthetic test data"


def test_a_chinese_publishers_name_stays_in_the_english_half() -> None:
    """QA: English read "Published by the update's publisher"; a proper name is shown in English too."""
    from ipdesk.domain.report import bilingual_part

    text = "由 五常市知识产权局 发布 / Published by 五常市知识产权局"
    assert bilingual_part(text, "zh_CN") == "由 五常市知识产权局 发布"
    assert bilingual_part(text, "en") == "Published by 五常市知识产权局"
    assert bilingual_part("WIPO/CNIPA 数据", "en") == "WIPO/CNIPA 数据"
