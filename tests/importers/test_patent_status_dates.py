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


def test_cnipa_status_words_are_understood_and_an_unknown_one_is_warned_about(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """终止 (CNIPA's usual word for a patent right that ended) was stored as written, unwarned, and the
    finder called the patent 状态不明; now it is lapsed, CNIPA's other words are read, and a status the
    import does not know is imported with a warning naming it and its rows."""
    words = ["终止", "专利权终止", "未缴年费终止", "未缴年费专利权终止", "视为放弃", "驳回", "撤回",
             "发明专利申请公布后的视为撤回", "专利权期限届满", "实质审查的生效", "专利权的恢复", "专利权的恢复"]
    rows = [[f"CN99930{i:04d}A", f"{SYNTH}苹果贮藏方法{i}", "发明", word, "2015-01-01", "", AS_OF]
            for i, word in enumerate(words)]
    preview = importer.stage([write_csv(tmp_path / "status.csv", HEADER, rows)])
    assert preview.total("rejected") == 0 and preview.can_commit
    (warning,) = [n for n in preview.notices if "无法识别" in n.zh]
    assert "2 件专利的法律状态无法识别" in warning.zh and "“专利权的恢复”（第 12、13 行）" in warning.zh
    assert "状态不明" in warning.zh and "终止" not in warning.zh.split("。")[0]
    assert "the legal status of 2 patents is not one the import knows: '专利权的恢复' (rows 12, 13)" in warning.en
    assert "status unknown" in warning.en
    importer.commit(preview)

    from ipdesk.services.models import Patent

    with services.db.session() as s:
        stored = dict(s.query(Patent.pub_no, Patent.legal_status).filter(Patent.pub_no.like("CN99930%")).all())
    assert [stored[f"CN99930{i:04d}A"] for i in range(len(words))] == [
        "lapsed", "lapsed", "lapsed", "lapsed", "abandoned", "rejected", "withdrawn", "withdrawn", "expired",
        "pending", "专利权的恢复", "专利权的恢复"]
    outcome = services.wizards.patent_finder({"crop": "苹果"}, today=dt.date(2026, 11, 26))
    groups = {f.subtitle.split(" · ")[0]: f.group for f in outcome.findings if f.kind == "patent"}
    assert groups["CN999300000A"] == "free"  # 终止: no longer restricts use
    assert groups["CN999300010A"] == "unknown"


def test_known_status_words_give_no_warning(tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    rows = [[f"CN99940{i:04d}A", f"{SYNTH}水稻方法{i}", "发明", word, "2015-01-01", "", AS_OF]
            for i, word in enumerate(["审中", "有效", "失效", "in force", "lapsed", "granted", "terminated", ""])]
    preview = importer.stage([write_csv(tmp_path / "known.csv", HEADER, rows)])
    assert not [n for n in preview.notices if "无法识别" in n.zh]


def test_patent_status_reads_cnipa_wordings() -> None:
    from ipdesk.services.importers.validate import patent_status

    assert patent_status("终止") == "lapsed"
    assert patent_status("发明专利申请公布后的驳回") == "rejected"  # not pending for its 公布
    assert patent_status("专利权部分无效") == "专利权部分无效"  # the rest of the patent stays in force: not guessed
    assert patent_status("In Force") == "in_force" and patent_status("under examination") == "under_examination"
    assert patent_status("") == ""
