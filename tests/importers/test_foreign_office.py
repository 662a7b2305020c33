"""Trademarks and GIs are territorial: an ST.96 record of another office than CNIPA's (a USPTO
registration, a French GI application) is never imported as a Chinese one. Before (QA 18c N1), a US
mark replaced the Chinese mark with the same registration number, and the brand check then called a
brand "very likely refused" because of it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ipdesk.services.importers import ImportFileError
from ipdesk.services.models import GeoIndication, Trademark
from tests.importers.conftest import ST96_GI, ST96_TM, SYNTH, counts, write_csv

# The same synthetic mark as ST96_TM (99000001), filed with the US office, and a second one that says
# CN: a record of CNIPA's own is imported as before.
ST96_TM_US = ST96_TM.replace(
    "<tmk:Trademark>\n", "<tmk:Trademark>\n    <com:RegistrationOfficeCode>US</com:RegistrationOfficeCode>\n", 1
).replace("合成测试山茶", "SYNTH TEST CAMELLIA").replace("合成测试茶叶合作社", "Synthetic Test Tea LLC")
ST96_TM_CN = ST96_TM.replace(
    "<tmk:Trademark>\n", "<tmk:Trademark>\n    <com:RegistrationOfficeCode>CN</com:RegistrationOfficeCode>\n", 1
).replace("99000001", "99000002")
ST96_GI_FR = ST96_GI.replace('com:officeCode="CN"', 'com:officeCode="FR"').replace("合成测试贡米", "Riz synthétique")


def _mixed_zip(tmp_path: Path) -> Path:
    bundle = tmp_path / "mixed.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("cn.xml", ST96_TM_CN)
        zf.writestr("us.xml", ST96_TM_US)
        zf.writestr("fr.xml", ST96_GI_FR)
    return bundle


def _chinese_mark(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "cn.csv", ["注册号", "商标", "尼斯分类", "注册人", "专用权期限至"],
                     [["99000001", f"{SYNTH}蓝翼", "30", f"{SYNTH}电子有限公司", "2099-01-01"]])
    importer.commit(importer.stage([path]))


def _marks(services) -> dict[tuple[str, int], tuple[str, str]]:  # type: ignore[no-untyped-def]
    with services.db.session() as s:
        return {(t.reg_no, t.nice_class): (t.mark_text, t.owner) for t in s.query(Trademark)}


def test_a_file_of_another_offices_marks_imports_nothing_and_says_why(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    _chinese_mark(tmp_path, importer)
    before, marks = counts(services), _marks(services)
    us = tmp_path / "us.xml"
    us.write_text(ST96_TM_US, encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        importer.stage([us])
    err = info.value
    assert err.reason == "foreign" and err.exit_code == 2
    assert "美国（US）" in err.zh and "没有导入任何数据" in err.zh and "地域性" in err.zh and "us.xml" in err.zh
    assert "the United States (US)" in err.en and "nothing was imported" in err.en
    # the Chinese mark with the same number is untouched, and the US one is nowhere
    assert counts(services) == before and _marks(services) == marks
    assert marks[("99000001", 30)] == (f"{SYNTH}蓝翼", f"{SYNTH}电子有限公司")


def test_a_mixed_file_imports_cnipas_records_and_lists_the_others(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    _chinese_mark(tmp_path, importer)
    preview = importer.stage([_mixed_zip(tmp_path)])
    assert preview.counts["trademark"] == {"new": 2, "changed": 0, "unchanged": 0, "rejected": 0}
    assert preview.counts["gi"] == {"new": 0, "changed": 0, "unchanged": 0, "rejected": 0}
    assert preview.foreign == {("trademark", "US"): 2, ("gi", "FR"): 1} and preview.foreign_total == 3
    assert preview.can_commit and preview.total("rejected") == 0
    listed = {(e.where, e.value): e for e in preview.errors}
    assert set(listed) == {("us.xml", "99000001"), ("fr.xml", "Riz synthétique")}
    us = listed[("us.xml", "99000001")]
    assert us.column == "注册号" and "美国（US）" in us.why_zh and "地域性" in us.why_zh
    assert "not protected in China" in us.why_en
    fr = listed[("fr.xml", "Riz synthétique")]
    assert "法国（FR）" in fr.why_zh and "地理标志申请" in fr.why_zh and "France (FR)" in fr.why_en
    assert any("不导入" in n.zh and "美国（US）" in n.zh and "法国（FR）" in n.zh for n in preview.notices)
    assert preview.as_dict()["foreign"] == 3
    importer.commit(preview)
    marks = _marks(services)
    assert marks[("99000001", 30)] == (f"{SYNTH}蓝翼", f"{SYNTH}电子有限公司")  # still the Chinese mark
    assert marks[("99000002", 30)] == ("合成测试山茶", "合成测试茶叶合作社")  # CNIPA's, imported
    with services.db.session() as s:
        assert s.query(GeoIndication).filter_by(name="Riz synthétique").count() == 0


def test_a_gi_application_of_another_office_is_not_a_chinese_gi(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    before = counts(services)
    fr = tmp_path / "fr.xml"
    fr.write_text(ST96_GI_FR, encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        importer.stage([fr])
    assert info.value.reason == "foreign" and "法国（FR）" in info.value.zh and "France (FR)" in info.value.en
    assert counts(services) == before
    cn = tmp_path / "cn.xml"  # CNIPA's own GI document: imported as before
    cn.write_text(ST96_GI, encoding="utf-8")
    preview = importer.stage([cn])
    assert preview.counts["gi"]["new"] == 1 and not preview.foreign
    preview.discard()


def test_the_reference_samples_of_other_offices_are_refused(reference_dir: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    before = counts(services)
    for name, office in (("TrademarkApplication_Example.xml", "美国（US）"), ("GIApplication_Example.xml", "法国（FR）")):
        with pytest.raises(ImportFileError) as info:
            importer.stage([reference_dir / "st96" / name])
        assert info.value.reason == "foreign" and office in info.value.zh
    assert counts(services) == before
