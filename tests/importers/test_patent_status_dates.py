"""A patent row whose legal status contradicts its own dates is imported with a warning, never
rejected: the staff member sees which rows, and the patent finder shows them as status in doubt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.importers.conftest import SYNTH, write_csv

HEADER = ["公开号", "名称", "专利类型", "法律状态", "申请日", "届满日", "截至日期"]
AS_OF = "2026-11-26"


def _rows() -> list[list[object]]:
    return [
        # 届满 (term expired) although the term runs until 2098: contradictory
        ["CN999100001A", f"{SYNTH}水稻栽培方法", "发明", "届满", "2078-05-01", "2098-05-01", AS_OF],
        # 失效 (lapsed, e.g. unpaid fees) long before the term's end: consistent
        ["CN999100002U", f"{SYNTH}水稻插秧机", "实用新型", "失效", "2020-01-01", "2030-01-01", AS_OF],
        # 有效 (in force) after the expiry date: contradictory
        ["CN999100003A", f"{SYNTH}稻谷烘干方法", "发明", "有效", "2000-03-01", "2020-03-01", AS_OF],
        # 届满 with no expiry date, filed 2020: an invention's 20 years cannot have run
        ["CN999100004A", f"{SYNTH}大米抛光方法", "发明", "届满", "2020-06-01", "", AS_OF],
        # 届满 after its 20 years: consistent
        ["CN999100005A", f"{SYNTH}稻米加工方法", "发明", "届满", "2001-02-01", "2021-02-01", AS_OF],
    ]


def test_status_that_contradicts_the_dates_is_warned_about_not_rejected(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "patents.csv", HEADER, _rows())
    preview = importer.stage([path])
    assert preview.total("rejected") == 0 and preview.total("new") == 5 and preview.can_commit
    warnings = [n for n in preview.notices if "状态存疑" in n.zh]
    assert len(warnings) == 1
    zh, en = warnings[0].text("zh_CN"), warnings[0].text("en")
    assert "3 件专利的法律状态与日期矛盾" in zh and "已照常导入" in zh
    assert "第 2 行 CN999100001A" in zh and "2098-05-01还没到" in zh
    assert "第 4 行 CN999100003A" in zh and "2020-03-01已过" in zh
    assert "第 5 行 CN999100004A" in zh and "2040-06-01" in zh
    assert "CN999100002U" not in zh and "CN999100005A" not in zh  # lapsed early, expired on time: no warning
    assert "3 patents whose legal status contradicts the dates were imported" in en and "status in doubt" in en
    importer.commit(preview)

    outcome = services.wizards.patent_finder({"crop": "水稻"}, today=dt.date(2026, 11, 26))
    groups = {f.subtitle.split(" · ")[0]: f.group for f in outcome.findings if f.kind == "patent"}
    assert groups == {"CN999100001A": "doubtful", "CN999100002U": "free", "CN999100003A": "doubtful",
                      "CN999100004A": "doubtful", "CN999100005A": "free"}


def test_many_contradictions_list_the_first_few_and_count_all(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    rows = [[f"CN9992{i:05d}A", f"{SYNTH}水稻方法{i}", "发明", "届满", "2080-01-01", "2100-01-01", AS_OF]
            for i in range(12)]
    preview = importer.stage([write_csv(tmp_path / "many.csv", HEADER, rows)])
    (warning,) = [n for n in preview.notices if "状态存疑" in n.zh]
    assert "共 12 件" in warning.zh and warning.zh.count("CN9992") == 5 and "12 in all" in warning.en
