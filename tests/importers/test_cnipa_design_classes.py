"""A design's Locarno classes in CNIPA's current XML format (`ClassificationLocarno` in a design's
`DesignBibliographicData`): read into the same field a list's 分类号 column fills, main first, in the forms
CNIPA writes them, kept and shown as Locarno classes; a malformed one, or an IPC symbol on a design, is
refused as a list's is (QA: a design imported from CNIPA XML had no class). The edition is not kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.importers.conftest import SYNTH, cnipa_design_xml, write_csv

HEADER = ["公开号", "名称", "专利类型", "分类号", "截至日期"]


def _stored(importer, paths: list[Path]) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    preview = importer.stage(paths)
    assert [e.why_en for e in preview.errors] == [] and preview.can_commit
    importer.commit(preview)
    with importer.db.engine.connect() as conn:
        return {pub: (kind, codes) for pub, kind, codes in conn.exec_driver_sql("SELECT pub_no, kind, ipc_codes FROM patent")}


@pytest.mark.parametrize("written", ["0905", "09-05", "09–05", "LOC(14) Cl. 09-05", "09.05", " 09 - 05 ", "09 05",
                                     "LOC (14) Cl. 09.05", "０９－０５"])
def test_a_locarno_class_in_each_written_form_is_stored_as_one(tmp_path: Path, importer, written: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "design.xml"
    path.write_bytes(cnipa_design_xml(1, locarno=f"<base:EditionStatement>14</base:EditionStatement>"
                                                 f"<business:MainClassification>{written}</business:MainClassification>"))
    assert _stored(importer, [path]) == {"CN999000001S": ("design", "09-05")}


def test_a_cnipa_design_keeps_its_classes_main_first_and_shows_them_as_locarno(tmp_path: Path, importer,  # type: ignore[no-untyped-def]
                                                                              services) -> None:
    from ipdesk.services.models import Patent
    from ipdesk.services.reports.builder import _patent_table

    main_further = tmp_path / "design1.xml"  # the main class in its original and standard forms, a further class twice
    main_further.write_bytes(cnipa_design_xml(1, locarno=(
        "<base:EditionStatement>LOC(14)</base:EditionStatement>"
        '<business:MainClassification dataFormat="original">0905</business:MainClassification>'
        '<business:MainClassification dataFormat="standard">09-05</business:MainClassification>'
        "<business:FurtherClassification sequence=\"1\">09–03</business:FurtherClassification>"
        "<business:FurtherClassification sequence=\"2\">LOC(14) Cl. 09.01</business:FurtherClassification>"
        "<business:FurtherClassification sequence=\"3\">09-03</business:FurtherClassification>")))
    text_only = tmp_path / "design2.xml"  # 不能细分的分类: a <base:Text> only
    text_only.write_bytes(cnipa_design_xml(2, locarno="<base:EditionStatement>第14版</base:EditionStatement>"
                                                      "<base:Text>LOC(14) Cl. 32-00；09-01</base:Text>"))
    stored = _stored(importer, [main_further, text_only])
    assert stored == {"CN999000001S": ("design", "09-05 09-03 09-01"), "CN999000002S": ("design", "32-00 09-01")}

    with services.db.session() as s:
        p = s.query(Patent).filter_by(pub_no="CN999000001S").one()
        # the rest of a design's document, read from DesignBibliographicData
        assert (p.app_no, p.title, p.applicants, p.inventors) == (
            "CN209930000001.X", f"{SYNTH}包装盒1", f"{SYNTH}包装公司1", "测试丁; 测试戊")
        assert p.region_code == "330106000000" and str(p.filing_date) == "2025-04-24"
        ids = {q.pub_no: q.id for q in s.query(Patent)}
        zh = _patent_table(s, [ids["CN999000001S"]], "zh_CN", dt.date(2026, 11, 29))
        en = _patent_table(s, [ids["CN999000002S"]], "en", dt.date(2026, 11, 29))
    # the record's page: Locarno classes, no IPC
    design = services.records.patent(ids["CN999000001S"])
    assert [c.code for c in design.locarno] == ["09-05", "09-03", "09-01"] and design.ipc == ()
    # the reports: under a class heading, as Locarno classes
    assert zh.columns[5].label == "分类号（IPC/洛迦诺）" and zh.rows[0][5] == "LOC 09-05 LOC 09-03 LOC 09-01"
    assert en.columns[5].label == "Class (IPC/Locarno)" and en.rows[0][5] == "LOC 32-00 LOC 09-01"
    # found by its class as written
    for typed in ("09-05", "0905", "LOC 09-05"):
        assert ids["CN999000001S"] in [h.ref_id for h in services.search.search(typed).hits], typed


def test_a_malformed_locarno_class_is_refused_as_a_lists_is(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    xml = tmp_path / "design.xml"
    xml.write_bytes(cnipa_design_xml(1, locarno="<business:MainClassification>99-05</business:MainClassification>"))
    ok = tmp_path / "design_ok.xml"
    ok.write_bytes(cnipa_design_xml(2, locarno="<business:MainClassification>09-05</business:MainClassification>"))
    from_xml = importer.stage([xml, ok])
    assert from_xml.total("rejected") == 1 and from_xml.total("new") == 1
    (error,) = from_xml.errors
    assert error.file == "design.xml" and "99-05" in error.why_zh and "洛迦诺" in error.why_zh
    assert "99-05" in error.why_en and "Locarno" in error.why_en and "01–32" in error.why_en
    from_list = importer.stage([write_csv(tmp_path / "patents.csv", HEADER,
                                          [["CN999000001S", f"{SYNTH}包装盒", "外观设计", "99-05", "2026-11-26"]])])
    (listed,) = from_list.errors
    assert (error.column, error.why_zh, error.why_en) == (listed.column, listed.why_zh, listed.why_en)


def test_a_design_with_an_ipc_symbol_and_no_locarno_class_is_refused_as_before(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """As a list's: a design is classed by Locarno; an IPC symbol on it is a slip in the kind or the class."""
    xml = tmp_path / "design.xml"
    xml.write_bytes(cnipa_design_xml(1, ipc="<business:ClassificationIPCR sequence=\"1\"><base:Text>A01G    9/00    "
                                            "(2006.01)</base:Text></business:ClassificationIPCR>"))
    preview = importer.stage([xml])
    assert preview.total("rejected") == 1 and preview.total("new") == 0
    (error,) = preview.errors
    assert "外观设计" in error.why_zh and "洛迦诺" in error.why_zh and "A01G 9/00" in error.why_zh
    assert "a design is classed by Locarno" in error.why_en and "A01G 9/00 is an IPC symbol" in error.why_en


def test_a_design_without_a_class_is_imported_without_one(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """Nothing is made up: no ClassificationLocarno, no class (the column is not required)."""
    xml = tmp_path / "design.xml"
    xml.write_bytes(cnipa_design_xml(1))
    assert _stored(importer, [xml]) == {"CN999000001S": ("design", "")}
