"""A design's Locarno class (外观设计分类号) in a patent list's classification column, as CNIPA's lists put it
there for designs: read in its written forms and kept as a Locarno class (never shown as IPC); an IPC symbol
on a design, or a Locarno class on an invention or utility model, is named as such (QA: a list with designs
could not be imported, 'IPC 分类号 09-05 无法识别')."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.domain.codes import format_patent_class, is_locarno, normalize_locarno
from tests.importers.conftest import SYNTH, write_csv

HEADER = ["公开号", "名称", "专利类型", "分类号", "截至日期"]
AS_OF = "2026-11-26"


@pytest.mark.parametrize(("written", "stored"), [
    ("09-05", "09-05"), ("LOC(13) Cl. 09-05", "09-05"), ("LOC (14) Cl. 09-05", "09-05"), ("0905", "09-05"),
    ("LOC(14)Cl.32-00", "32-00"), ("Cl. 9-5", "09-05"), ("０９－０５", "09-05"), ("loc(14) cl. 09-05", "09-05"),
    ("09–05", "09-05"), ("09.05", "09-05"), ("9.05", "09-05"), (" 09 . 05 ", "09-05"), ("09 05", "09-05"),
])
def test_locarno_forms(written: str, stored: str) -> None:
    assert normalize_locarno(written) == stored
    assert is_locarno(stored) and format_patent_class(stored) == "LOC 09-05".replace("09-05", stored)


# 9.1 may be the number 9.10 with its zero dropped: after a dot the subclass needs both digits
@pytest.mark.parametrize("text", ["33-01", "00-05", "905", "A01G 9/00", "09/05", "09-5x", "LOC(14)", "09-123", "9.1",
                                  "9 5", "0905 0903"])
def test_not_locarno(text: str) -> None:
    assert normalize_locarno(text) is None


def test_a_list_with_designs_imports_their_locarno_classes(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["CN999300001S", f"{SYNTH}包装盒", "外观设计", "09-05", AS_OF],
        ["CN999300002S", f"{SYNTH}茶叶罐", "", "LOC(13) Cl. 09-03", AS_OF],  # the kind from the kind code S
        ["CN999300003S", f"{SYNTH}酒瓶", "外观设计", "LOC (14) Cl. 09-01; 0903", AS_OF],
        ["CN999300004A", f"{SYNTH}水稻育秧方法", "发明", "A01G 9/00", AS_OF],
    ]
    preview = importer.stage([write_csv(tmp_path / "patents.csv", HEADER, rows)])
    assert [e.why_en for e in preview.errors] == [] and preview.total("new") == 4 and preview.can_commit
    importer.commit(preview)
    with importer.db.engine.connect() as conn:
        stored = dict(conn.exec_driver_sql("SELECT pub_no, ipc_codes FROM patent").all())
    assert stored == {"CN999300001S": "09-05", "CN999300002S": "09-03", "CN999300003S": "09-01 09-03",
                      "CN999300004A": "A01G0009000000"}
    ids = {h.subtitle.split(" · ")[0]: h.ref_id for h in services.search.search(SYNTH).hits if h.kind == "patent"}
    # the record's page: a Locarno class, not an IPC symbol
    design = services.records.patent(ids["CN999300003S"])
    assert [c.code for c in design.locarno] == ["09-01", "09-03"] and design.ipc == ()
    invention = services.records.patent(ids["CN999300004A"])
    assert [c.code for c in invention.ipc] == ["A01G 9/00"] and invention.locarno == ()
    # found by its class as written, the main class shown as Locarno
    for typed in ("09-05", "0905", "LOC 09-05"):
        assert ids["CN999300001S"] in [h.ref_id for h in services.search.search(typed).hits], typed
    hit = next(h for h in services.search.search("09-05").hits if h.ref_id == ids["CN999300001S"])
    assert hit.klass == "LOC 09-05"


def test_a_class_of_the_wrong_scheme_for_the_kind_is_named(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["CN999300011S", f"{SYNTH}包装盒", "外观设计", "A01G 9/00", AS_OF],
        ["CN999300012U", f"{SYNTH}插秧机", "实用新型", "09-05", AS_OF],
        ["CN999300013A", f"{SYNTH}育秧方法", "发明", "LOC(14) Cl. 09-05", AS_OF],
        ["CN999300014S", f"{SYNTH}瓶子", "外观设计", "99-05", AS_OF],
    ]
    preview = importer.stage([write_csv(tmp_path / "patents.csv", HEADER, rows)])
    assert preview.total("rejected") == 4 and preview.total("new") == 0
    by_row = {e.row: e for e in preview.errors}
    assert "外观设计" in by_row[2].why_zh and "洛迦诺" in by_row[2].why_zh and "A01G 9/00" in by_row[2].why_zh
    assert "design" in by_row[2].why_en and "Locarno" in by_row[2].why_en and "IPC" in by_row[2].why_en
    for row in (3, 4):
        assert "09-05" in by_row[row].why_zh and "洛迦诺" in by_row[row].why_zh and "IPC" in by_row[row].why_zh
        assert "Locarno" in by_row[row].why_en and "invention or utility model" in by_row[row].why_en
    assert "99-05" in by_row[5].why_zh and "Locarno" in by_row[5].why_en


def test_reports_put_a_locarno_class_under_a_class_heading_not_ipc(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """QA of the reports: the search report headed LOC 09-05 'IPC', and the English patent answer's Excel put
    'Locarno class: 09-05' under 'Why' (its IPC column empty)."""
    import datetime as dt

    from ipdesk.domain.report import findings_sheet
    from ipdesk.services.models import Patent
    from ipdesk.services.reports.builder import _patent_table

    rows = [["CN999300001S", f"{SYNTH}包装盒", "外观设计", "09-05", AS_OF],
            ["CN999300004A", f"{SYNTH}水稻育秧方法", "发明", "A01G 9/00", AS_OF]]
    importer.commit(importer.stage([write_csv(tmp_path / "patents.csv", HEADER, rows)]))
    with services.db.session() as s:
        ids = {p.pub_no: p.id for p in s.query(Patent)}
        both = _patent_table(s, list(ids.values()), "en", dt.date(2026, 11, 29))
        ipc_only = _patent_table(s, [ids["CN999300004A"]], "zh_CN", dt.date(2026, 11, 29))
    assert both.columns[5].label == "Class (IPC/Locarno)" and ipc_only.columns[5].label == "IPC"
    table = findings_sheet([{"kind": "patent", "title": f"{SYNTH}包装盒", "subtitle": "CN999300001S · 合成测试",
                             "group_label": "in force", "reasons": ["kind: design", "Locarno class: 09-05"]}], "en")
    head = [c.label for c in table.columns]
    assert "IPC / Locarno class" in head
    assert table.rows[0][head.index("IPC / Locarno class")] == "09-05"
