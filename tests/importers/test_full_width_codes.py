"""Codes typed with an input method in full-width mode (ＣＮ１１４０００００５Ａ, ２３０１８４) are read as the
registers write them at import, as search and the township step read them (they were refused)."""

from __future__ import annotations

from pathlib import Path

from tests.importers.conftest import SYNTH, write_csv

HEADER = ["公开号", "申请号", "名称", "专利类型", "法律状态", "申请日", "截至日期", "行政区划代码"]


def test_full_width_publication_and_application_numbers_are_folded(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    rows = [["ＣＮ９９９２００００１Ａ", "２０２１１０９９９０００１．Ｘ", f"{SYNTH}稻米烘干装置", "发明", "有效",
             "2021-03-01", "2026-11-26", "２３０１８４"]]
    preview = importer.stage([write_csv(tmp_path / "patents.csv", HEADER, rows)])
    assert preview.total("rejected") == 0 and preview.total("new") == 1 and preview.can_commit
    importer.commit(preview)
    with importer.db.engine.connect() as conn:
        got = conn.exec_driver_sql("SELECT pub_no, app_no, region_code FROM patent WHERE pub_no = 'CN999200001A'").one()
    assert got[0] == "CN999200001A" and got[1].startswith("CN202110999000") and got[2].startswith("230184")
