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
             "发明专利申请公布后的视为撤回", "专利权期限届满", "实质审查的生效", "专利权质押", "专利权质押"]
    rows = [[f"CN99930{i:04d}A", f"{SYNTH}苹果贮藏方法{i}", "发明", word, "2015-01-01", "", AS_OF]
            for i, word in enumerate(words)]
    preview = importer.stage([write_csv(tmp_path / "status.csv", HEADER, rows)])
    assert preview.total("rejected") == 0 and preview.can_commit
    (warning,) = [n for n in preview.notices if "无法识别" in n.zh]
    assert "2 件专利的法律状态无法识别" in warning.zh and "“专利权质押”（第 12、13 行）" in warning.zh
    assert "状态不明" in warning.zh and "终止" not in warning.zh.split("。")[0]
    assert "the legal status of 2 patents is not one the import knows: '专利权质押' (rows 12, 13)" in warning.en
    assert "status unknown" in warning.en
    importer.commit(preview)

    from ipdesk.services.models import Patent

    with services.db.session() as s:
        stored = dict(s.query(Patent.pub_no, Patent.legal_status).filter(Patent.pub_no.like("CN99930%")).all())
    assert [stored[f"CN99930{i:04d}A"] for i in range(len(words))] == [
        "lapsed", "lapsed", "lapsed", "lapsed", "abandoned", "rejected", "withdrawn", "withdrawn", "expired",
        "pending", "专利权质押", "专利权质押"]
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
    # QA 17: partly invalidated stays in force on its remaining claims (it imported as "unknown status")
    assert patent_status("专利权部分无效") == "in_force" and patent_status("部分无效") == "in_force"
    # QA16 m2: CNIPA's own invalidation wording; a request for invalidation is no invalidation
    assert patent_status("宣告专利权全部无效") == "invalidated" and patent_status("专利权全部无效") == "invalidated"
    assert patent_status("宣告专利权部分无效") == "in_force"
    assert patent_status("无效宣告请求") == "invalidation_pending"  # the patent stays in force meanwhile
    # QA16 M1: not final, kept as written (the first word alone had made them lapsed, rejected, abandoned)
    for words in ("未缴年费专利权终止，等待恢复", "驳回后复审", "避免重复授权放弃专利权"):
        assert patent_status(f" {words} ") == words
    assert patent_status("In Force") == "in_force" and patent_status("under examination") == "under_examination"
    assert patent_status("") == ""


def test_statuses_that_are_not_final_are_kept_as_written_and_treated_as_in_force(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """QA16 M1, m1, m2: 等待恢复, 复审 and 避免重复授权放弃 were stored as lapsed, rejected and abandoned (no
    longer restricting use); 宣告专利权全部无效 was unknown; 有效 after a utility model's whole term passed
    unwarned."""
    rows = [
        ["CN999500001B", f"{SYNTH}水稻育秧方法一", "发明", "未缴年费专利权终止，等待恢复", "2020-03-01", "", AS_OF],
        ["CN999500002A", f"{SYNTH}水稻育秧方法二", "发明", "驳回后复审", "2022-03-01", "", AS_OF],
        ["CN999500003U", f"{SYNTH}水稻育秧装置三", "实用新型", "避免重复授权放弃专利权", "2022-03-01", "", AS_OF],
        ["CN999500004B", f"{SYNTH}水稻育秧方法四", "发明", "宣告专利权全部无效", "2015-01-01", "", AS_OF],
        ["CN999500005U", f"{SYNTH}水稻育秧装置五", "实用新型", "有效", "2015-01-01", "", AS_OF],
        ["CN999500006S", f"{SYNTH}水稻育秧盘六", "外观设计", "有效", "2012-05-31", "", AS_OF],
    ]
    preview = importer.stage([write_csv(tmp_path / "open.csv", HEADER, rows)])
    assert preview.total("new") == 6 and preview.can_commit
    assert not [n for n in preview.notices if "无法识别" in n.zh]
    (warning,) = [n for n in preview.notices if "状态存疑" in n.zh]
    assert "2 件专利的法律状态与日期矛盾" in warning.zh
    assert "CN999500005U：状态为有效，但实用新型专利自申请日2015-01-01起的保护期到2024-12-31为止" in warning.zh
    assert "CN999500006S" in warning.zh and "cannot be extended" in warning.en
    importer.commit(preview)

    from ipdesk.services.models import Patent

    with services.db.session() as s:
        stored = dict(s.query(Patent.pub_no, Patent.legal_status).filter(Patent.pub_no.like("CN9995%")).all())
    assert stored["CN999500001B"] == "未缴年费专利权终止，等待恢复" and stored["CN999500004B"] == "invalidated"
    outcome = services.wizards.patent_finder({"crop": "水稻"}, today=dt.date(2026, 11, 26))
    groups = {f.subtitle.split(" · ")[0]: f.group for f in outcome.findings if f.kind == "patent"}
    assert groups == {"CN999500001B": "doubtful", "CN999500002A": "doubtful", "CN999500003U": "doubtful",
                      "CN999500004B": "free", "CN999500005U": "doubtful", "CN999500006S": "doubtful"}
    detail = services.records.patent(next(f.ref_id for f in outcome.findings if f.subtitle.startswith("CN999500003U")))
    assert detail is not None and detail.status_doubt is not None and "发明专利可能仍然有效" in detail.status_doubt.zh


def test_qa17_expired_too_early_pending_words_and_restored_rights(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """QA17 N2: 届满 with a 届满日 years before the term's end was imported unwarned and listed as no longer
    restricting use. N4: 审查中, the app's own word for pending, was 'not one the import knows'. N5 (b):
    权利恢复 (restored) was kept as 'ended, may be restored'."""
    rows = [
        ["CN999600001U", f"{SYNTH}小麦播种装置一", "实用新型", "届满", "2024-01-01", "2024-12-31", AS_OF],
        ["CN999600002S", f"{SYNTH}小麦播种盘二", "外观设计", "审查中", "2025-06-01", "", AS_OF],
        ["CN999600003U", f"{SYNTH}小麦播种装置三", "实用新型", "审查", "2025-06-01", "", AS_OF],
        ["CN999600004B", f"{SYNTH}小麦播种方法四", "发明", "权利恢复", "2020-03-01", "", AS_OF],
        ["CN999600005B", f"{SYNTH}小麦播种方法五", "发明", "专利权的恢复", "2020-03-01", "", AS_OF],
        ["CN999600006B", f"{SYNTH}小麦播种方法六", "发明", "恢复专利权", "2020-03-01", "", AS_OF],
    ]
    preview = importer.stage([write_csv(tmp_path / "qa17.csv", HEADER, rows)])
    assert preview.total("new") == 6 and preview.can_commit
    assert not [n for n in preview.notices if "无法识别" in n.zh]
    (warning,) = [n for n in preview.notices if "状态存疑" in n.zh]
    assert "1 件专利的法律状态与日期矛盾" in warning.zh
    assert ("第 2 行 CN999600001U：状态为已届满，届满日为2024-12-31，但实用新型专利自申请日2024-01-01起的保护期到"
            "2033-12-31为止") in warning.zh
    assert "with the expiry date 2024-12-31, but a utility model patent filed on 2024-01-01" in warning.en
    importer.commit(preview)

    from ipdesk.services.models import Patent

    with services.db.session() as s:
        stored = dict(s.query(Patent.pub_no, Patent.legal_status).filter(Patent.pub_no.like("CN9996%")).all())
    assert [stored[f"CN99960000{i}{k}"] for i, k in ((2, "S"), (3, "U"), (4, "B"), (5, "B"), (6, "B"))] == [
        "pending", "pending", "in_force", "in_force", "in_force"]
    outcome = services.wizards.patent_finder({"crop": "小麦"}, today=dt.date(2026, 11, 26))
    groups = {f.subtitle.split(" · ")[0]: f.group for f in outcome.findings if f.kind == "patent"}
    assert groups == {"CN999600001U": "doubtful", "CN999600002S": "pending", "CN999600003U": "pending",
                      "CN999600004B": "in_force", "CN999600005B": "in_force", "CN999600006B": "in_force"}


def test_pending_words_do_not_catch_an_invalidation_under_examination() -> None:
    from ipdesk.services.importers.validate import patent_status

    assert patent_status("审查中") == "pending" and patent_status(" 审查 ") == "pending"
    assert patent_status("专利权无效宣告审查中") == "invalidation_pending"  # a granted patent: not guessed pending
    assert patent_status("恢复") == "恢复"  # a bare 恢复 says neither restored nor awaiting restoration


def test_an_invention_in_force_after_20_years_granted_before_2021_06_01_is_warned_about(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """An invention 有效 after its 20 years was imported unwarned and found as in force, whatever its grant
    date: term compensation for a delayed grant is only for inventions granted from 2021-06-01 on (Patent
    Law, Art. 42(2)), so one granted earlier is in doubt; one granted later, or without a grant date, is not."""
    header = ["公开号", "名称", "专利类型", "法律状态", "申请日", "授权日", "届满日", "截至日期"]
    rows = [
        ["CN999700001B", f"{SYNTH}水稻直播方法一", "发明", "有效", "2005-03-01", "2009-06-10", "", AS_OF],
        ["CN999700002B", f"{SYNTH}水稻直播方法二", "发明", "有效", "2005-03-01", "2022-03-01", "", AS_OF],
        ["CN999700003B", f"{SYNTH}水稻直播方法三", "发明", "有效", "2005-03-01", "", "", AS_OF],
    ]
    preview = importer.stage([write_csv(tmp_path / "term.csv", header, rows)])
    assert preview.total("rejected") == 0 and preview.total("new") == 3 and preview.can_commit
    (warning,) = [n for n in preview.notices if "状态存疑" in n.zh]
    zh, en = warning.text("zh_CN"), warning.text("en")
    assert "1 件专利的法律状态与日期矛盾" in zh
    assert "CN999700001B：状态为有效，但发明专利自申请日2005-03-01起的保护期到2025-02-28为止" in zh
    assert "授权公告日2009-06-10早于2021-06-01" in zh and "cannot have term compensation for a delayed grant" in en
    assert "CN999700002B" not in zh and "CN999700003B" not in zh
    importer.commit(preview)

    outcome = services.wizards.patent_finder({"crop": "水稻"}, today=dt.date(2026, 11, 26))
    groups = {f.subtitle.split(" · ")[0]: f.group for f in outcome.findings if f.kind == "patent"}
    assert groups == {"CN999700001B": "doubtful", "CN999700002B": "in_force", "CN999700003B": "in_force"}
    ids = {f.subtitle.split(" · ")[0]: f.ref_id for f in outcome.findings if f.kind == "patent"}
    doubtful, compensable = services.records.patent(ids["CN999700001B"]), services.records.patent(ids["CN999700002B"])
    assert doubtful is not None and doubtful.status_doubt is not None  # the record's page says so too
    assert "授权公告日2009-06-10早于2021-06-01" in doubtful.status_doubt.zh
    assert compensable is not None and compensable.status_doubt is None
