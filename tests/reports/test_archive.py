"""The report archive and the service record: files under reports/YYYY-MM, one record per report,
month filter, the Excel ledger, clear errors, and survival of a data update."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from ipdesk.services.errors import UserInputError
from ipdesk.services.models import GeoIndication, GiArea, ReportArchive, ServiceRecord
from ipdesk.services.reports.archive import wizard_visit_detail
from ipdesk.services.reports.builder import ReportMeta
from tests.reports.conftest import synthetic_report


def test_export_archives_and_logs_once_per_report(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = synthetic_report(3)
    report.report_no = ""
    first = services.reports.export(report, "xlsx", tmp_path / "a.xlsx")
    second = services.reports.export(report, "docx", tmp_path / "a.docx")
    assert report.report_no.startswith("IPD-") and report.report_no.endswith("-001")
    month = report.created_at.strftime("%Y-%m")
    assert first.archived_path.parent == services.data_dir / "reports" / month
    assert first.archived_path.read_bytes() == (tmp_path / "a.xlsx").read_bytes()
    assert first.sha256 == hashlib.sha256(first.archived_path.read_bytes()).hexdigest()
    assert second.service_record_id == first.service_record_id  # one visit, two formats
    entries = services.reports.service_entries()
    assert len(entries) == 1 and entries[0].client == "测试合作社" and entries[0].outcome == "合成结论。"
    assert [a.format for a in services.reports.archived_reports()] == ["docx", "xlsx"]
    assert services.reports.next_report_no(report.created_at).endswith("-002")


def test_month_filter_and_ledger(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    reports.record_service(client="甲合作社", purpose="地理标志咨询", outcome="可申请", staff="张",
                           when=dt.datetime(2026, 10, 31, 23, 59))
    reports.record_service(client="乙合作社", purpose="商标咨询", outcome="有风险", staff="李",
                           when=dt.datetime(2026, 11, 1, 0, 0))
    reports.record_service(client="=cmd|' /C calc'!A0", purpose="商标咨询", outcome="x", staff="李",
                           when=dt.datetime(2026, 11, 15, 9, 30))
    assert reports.months() == ["2026-11", "2026-10"]
    assert [e.client for e in reports.service_entries("2026-10")] == ["甲合作社"]
    assert len(reports.service_entries("2026-11")) == 2
    path = reports.export_ledger(tmp_path / "ledger.xlsx", "2026-11", "zh_CN")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2"
    assert [ws.cell(2, c).value for c in (1, 4, 5)] == [1, "李", "乙合作社"]
    assert isinstance(ws.cell(2, 2).value, dt.datetime)
    client = ws.cell(3, 5)  # a client name cannot smuggle a formula in, and reads as written
    assert client.value == "=cmd|' /C calc'!A0" and client.data_type == "s" and client.quotePrefix
    assert not ws.cell(2, 5).quotePrefix  # "乙合作社": nothing to guard
    assert wb.properties.language == "zh-CN"
    totals = wb.worksheets[1]  # its header as the entries sheet's: bold and kept in view
    assert [c.font.b for c in totals[1]] == [True, True] and totals.freeze_panes == "A2"
    stats = {r[0].value: r[1].value for r in wb.worksheets[1].iter_rows(min_row=2)}
    assert stats["服务总次数"] == 2 and stats["咨询事项：商标咨询"] == 2
    with pytest.raises(UserInputError):
        reports.service_entries("2026/11")


def test_unknown_format_and_unwritable_path(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserInputError) as err:
        services.reports.export(synthetic_report(1), "odt", tmp_path / "x.odt")
    assert err.value.exit_code == 2 and "pdf" in err.value.message("en")
    with pytest.raises(UserInputError) as err:
        services.reports.export(synthetic_report(1), "xlsx", tmp_path / "missing" / "x.xlsx")
    assert "missing" in err.value.message("zh_CN")
    assert services.reports.service_entries() == []  # nothing logged for a failed export


@pytest.mark.skipif(sys.platform.startswith("win") or os.geteuid() == 0, reason="permissions differ")
def test_read_only_folder_is_refused(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserInputError):
            services.reports.export(synthetic_report(1), "docx", folder / "x.docx")
    finally:
        folder.chmod(0o700)


def test_archive_and_record_survive_a_data_update(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = services.reports.builder.for_search("五常", None, "zh_CN", ReportMeta(client="测试合作社"))
    result = services.reports.export(report, "xlsx", tmp_path / "r.xlsx")
    # a registry data update: every GI deleted and inserted again in one transaction
    with services.db.session() as s:
        gis = [(g, [a.division_code for a in g.areas]) for g in s.scalars(select(GeoIndication))]
        rows = [({c.key: getattr(g, c.key) for c in GeoIndication.__table__.columns}, codes) for g, codes in gis]
        for g, _ in gis:
            s.delete(g)
        s.flush()
        assert s.scalar(select(func.count()).select_from(GeoIndication)) == 0
        for values, codes in rows:
            s.add(GeoIndication(**values, areas=[GiArea(division_code=c) for c in codes]))
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(GeoIndication)) == len(rows)
    with services.db.local_store.session() as s:
        archived = s.get(ReportArchive, result.archive_id)
        record = s.get(ServiceRecord, result.service_record_id)
        assert archived is not None and archived.sha256 == result.sha256
        assert record is not None and record.client == "测试合作社" and record.report_id == archived.id
    assert result.archived_path.exists()
    assert services.search.search("五常大米", limit=1).hits[0].title == "五常大米"


def test_the_record_finds_its_reports_after_the_data_folder_moves(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A centre restores its data folder on a new computer (another user name, another drive): the
    service record still opens its archived reports. Older entries logged absolute paths; those
    are found under the new folder's `reports` too."""
    import shutil

    from sqlalchemy import update

    from ipdesk.services.container import build_services

    first = services.reports.export(synthetic_report(2), "xlsx")
    second = services.reports.export(synthetic_report(2), "docx")
    third = services.reports.export(synthetic_report(2), "xlsx")
    with services.db.local_store.session() as s:  # logged as an older ipdesk did: absolute
        s.execute(update(ReportArchive).where(ReportArchive.id == second.archive_id)
                  .values(path=str(second.archived_path)))
        # ... and on a Windows computer, before the folder came here
        month, name = third.archived_path.parent.name, third.archived_path.name
        s.execute(update(ReportArchive).where(ReportArchive.id == third.archive_id)
                  .values(path=f"C:\\Users\\张三\\AppData\\Local\\ipdesk\\reports\\{month}\\{name}"))
    old_folder = services.data_dir
    services.close()
    moved = tmp_path / "restored" / "ipdesk"
    shutil.copytree(old_folder, moved)
    shutil.rmtree(old_folder)
    restored = build_services(moved)
    try:
        paths = {a.path for a in restored.reports.archived_reports()}
        assert paths == {moved / "reports" / r.archived_path.parent.name / r.archived_path.name
                         for r in (first, second, third)}
        assert all(p.exists() for p in paths)
        entries = restored.reports.service_entries()  # one visit, two formats: its first report
        assert [Path(e.report_path) for e in entries] == [moved / "reports" / first.archived_path.parent.name
                                                          / first.archived_path.name]
    finally:
        restored.close()


def _brand_outcome(services):  # type: ignore[no-untyped-def]
    return services.wizards.brand_check({"name": "合成测试甲", "nice_class": 30, "groups": ("3008",)})


def test_a_wizard_visit_is_logged_under_a_standard_purpose(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The ledger counts wizard visits with the others: the purpose is the standard one, the
    questions and answers go to the detail, each language with its own punctuation."""
    reports = services.reports
    outcome = _brand_outcome(services)
    reports.record_wizard_visit(outcome, "zh_CN")
    reports.record_wizard_visit(outcome, "en")
    reports.record_service(client="合成合作社", purpose="商标注册咨询", outcome="已答复")
    english, chinese = reports.service_entries()[1:]
    assert chinese.purpose == "商标注册咨询" and english.purpose == "Trademark registration enquiry"
    assert chinese.detail.startswith("商标核查：") and "合成测试甲；" in chinese.detail  # the rail's name
    assert english.detail.startswith("Brand check: ") and "合成测试甲; " in english.detail
    assert not any(ch in english.detail for ch in "：；")
    assert chinese.outcome == outcome.headline("zh_CN")
    path = reports.export_ledger(tmp_path / "ledger.xlsx", "", "zh_CN")
    wb = openpyxl.load_workbook(path)
    stats = {r[0].value: r[1].value for r in wb.worksheets[1].iter_rows(min_row=2)}
    assert stats["咨询事项：商标注册咨询"] == 3  # one purpose, counted once whatever the language
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    detail = [ws.cell(r, headers.index("问答详情") + 1).value for r in range(2, 5)]
    assert sum(1 for d in detail if d and "合成测试甲" in d) == 2
    assert wb.properties.creator.startswith("ipdesk ") and wb.properties.lastModifiedBy.startswith("ipdesk ")


def test_wizard_visits_and_exports_are_the_staff_member_named_on_the_reports_page(services) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    reports.settings.staff_name = "设置中的名字"
    reports.record_wizard_visit(_brand_outcome(services), "zh_CN")
    reports.staff_on_duty = "合成经办人"
    reports.record_wizard_visit(_brand_outcome(services), "zh_CN")
    assert [e.staff for e in reports.service_entries()] == ["合成经办人", "设置中的名字"]
    report = synthetic_report(1)
    report.staff = ""
    reports.export(report, "docx")
    assert report.staff == "合成经办人"


def test_the_ledger_names_every_way_a_report_went_out(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    report = synthetic_report(2)
    report.report_no = ""
    reports.export(report, "docx", tmp_path / "r.docx")
    reports.export(report, "xlsx", tmp_path / "r.xlsx")
    reports.export(report, "docx", tmp_path / "r2.docx")
    reports.export(report, "xlsx", None, printed=True)  # stands in for a printout's archived PDF copy
    entry = reports.service_entries()[0]
    assert entry.report_formats == ("docx", "xlsx", "print")
    path = reports.export_ledger(tmp_path / "ledger.xlsx", "", "zh_CN")
    ws = openpyxl.load_workbook(path).worksheets[0]
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("报告形式") + 1).value == "DOCX、XLSX、打印"
    path = reports.export_ledger(tmp_path / "ledger_en.xlsx", "", "en")
    ws = openpyxl.load_workbook(path).worksheets[0]
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("Report as") + 1).value == "DOCX, XLSX, printed"


def test_a_logged_visit_and_its_report_are_one_ledger_entry(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """记入服务台账 then 加入报告 → export: one entry (the visit) with its report attached, filed under
    the wizard's purpose as `ipdesk report brand-check` files it; the other order gives one entry too."""
    from ipdesk.domain.basket import BasketItem

    reports = services.reports
    outcome = _brand_outcome(services)
    reports.record_wizard_visit(outcome, "zh_CN", client="合成合作社")
    item = BasketItem("wizard", 0, outcome.title("zh_CN"), payload=outcome)
    report = reports.builder.for_basket([item], "zh_CN", ReportMeta())
    assert report.purpose == "商标注册咨询"  # none typed: the wizard's standard purpose
    reports.export(report, "docx", tmp_path / "r.docx")
    reports.export(report, "xlsx", tmp_path / "r.xlsx")
    [entry] = reports.service_entries()
    assert entry.client == "合成合作社" and entry.purpose == "商标注册咨询" and "合成测试甲" in entry.detail
    assert entry.report_no == report.report_no and entry.report_formats == ("docx", "xlsx")

    other = _brand_outcome(services)  # report first, visit logged afterwards
    report2 = reports.builder.for_basket([BasketItem("wizard", 0, "x", payload=other)], "en", ReportMeta())
    assert report2.purpose == "Trademark registration enquiry"
    reports.export(report2, "docx", tmp_path / "r2.docx")
    reports.record_wizard_visit(other, "zh_CN", client="合成乙")
    entries = reports.service_entries()
    assert len(entries) == 2 and entries[0].report_no == report2.report_no and "合成测试甲" in entries[0].detail
    ws = openpyxl.load_workbook(reports.export_ledger(tmp_path / "l.xlsx", "", "zh_CN")).worksheets[1]
    stats = {r[0].value: r[1].value for r in ws.iter_rows(min_row=2)}
    assert stats["服务总次数"] == 2 and stats["咨询事项：商标注册咨询"] == 2



def test_a_wizard_report_made_without_a_logged_visit_keeps_its_questions_and_answers(
        services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`ipdesk report brand-check` (no window, no 记入服务台账): the ledger's 问答详情 is still filled."""
    reports = services.reports
    outcome = _brand_outcome(services)
    reports.export(reports.builder.for_outcome(outcome, "zh_CN", ReportMeta()), "docx", tmp_path / "r.docx")
    [entry] = reports.service_entries()
    assert entry.detail == wizard_visit_detail(outcome, "zh_CN") and entry.detail.startswith("商标核查：")


def test_only_the_newest_visits_are_remembered_and_the_newest_still_joins_its_report(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A window open for weeks must not keep every wizard outcome it logged."""
    from ipdesk.domain.basket import BasketItem
    from ipdesk.services.reports.archive import RECENT_VISITS

    reports = services.reports
    outcomes = [_brand_outcome(services) for _ in range(RECENT_VISITS + 5)]
    for outcome in outcomes:
        reports.record_wizard_visit(outcome, "zh_CN", client="合成合作社")
    assert len(reports._visits) == RECENT_VISITS
    report = reports.builder.for_basket([BasketItem("wizard", 0, "x", payload=outcomes[-1])], "zh_CN", ReportMeta())
    reports.export(report, "docx", tmp_path / "r.docx")
    entries = reports.service_entries()
    assert len(entries) == RECENT_VISITS + 5 and sum(e.report_no == report.report_no for e in entries) == 1

def test_a_basket_without_wizard_results_is_an_information_search(services) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.reports.builder import search_basket_item

    report = services.reports.builder.for_basket([search_basket_item("五常")], "zh_CN", ReportMeta())
    assert report.purpose == "信息查询"
    typed = services.reports.builder.for_basket([search_basket_item("五常")], "zh_CN", ReportMeta(purpose="自填"))
    assert typed.purpose == "自填"


def test_a_path_a_restored_store_logs_outside_the_archive_is_never_opened_or_removed(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA 22b: the local store comes back whole from a backup, which may have been made up. An archive
    row naming a file outside the data folder's `reports` (a program, a person's document, a path
    that climbs out with ..) was offered to "open the report" (QDesktopServices starts a program)
    and removed by a deletion. Now such a row names nothing that exists."""
    from sqlalchemy import update

    victims = []
    for name in ("calc.exe", "document.docx", "climbed.txt"):
        victim = tmp_path / "elsewhere" / name
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("not a report", encoding="utf-8")
        victims.append(victim)
    logged = [str(victims[0]), str(tmp_path / "elsewhere" / "reports" / ".." / "document.docx"),
              "reports/../../elsewhere/climbed.txt"]
    assert services.data_dir == tmp_path / "data"  # so the third climbs to tmp_path / "elsewhere"
    results = []
    for i in range(len(logged)):
        report = synthetic_report(1)
        report.client, report.report_no = f"测试合作社{i}", ""  # three visits, three reports
        results.append(services.reports.export(report, "xlsx"))
    with services.db.local_store.session() as s:
        for result, path in zip(results, logged, strict=True):
            s.execute(update(ReportArchive).where(ReportArchive.id == result.archive_id).values(path=path))
    reports = (services.data_dir / "reports").resolve()
    entries = services.reports.service_entries()
    assert len(entries) == 3
    offered = [Path(e.report_path) for e in entries if e.report_path]  # .exe and .txt: not even offered
    assert len(offered) == 1
    assert offered[0].resolve().is_relative_to(reports) and not offered[0].exists(), offered
    services.reports.delete_entries([e.id for e in entries])
    assert all(v.read_text(encoding="utf-8") == "not a report" for v in victims)


def test_only_a_report_file_is_offered_to_open(services) -> None:  # type: ignore[no-untyped-def]
    """QA 22b: a made-up backup can bring back both a row and a file inside `reports`
    (reports/2026-11/IPD-x.exe); "open the report" hands the path to the system, which runs a program
    as readily as it shows a PDF. Only .pdf, .docx and .xlsx files are offered."""
    from sqlalchemy import update

    result = services.reports.export(synthetic_report(1), "xlsx")
    assert [e.report_path for e in services.reports.service_entries()] == [str(result.archived_path)]
    program = result.archived_path.with_suffix(".exe")
    program.write_bytes(b"MZ not a report")
    with services.db.local_store.session() as s:
        s.execute(update(ReportArchive).where(ReportArchive.id == result.archive_id)
                  .values(path=program.relative_to(services.data_dir).as_posix()))
    assert [e.report_path for e in services.reports.service_entries()] == [""]


def test_an_export_never_writes_into_a_part_file_differing_only_in_case(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The archived file and the copy are written first as their own new `.part` (outfiles.fresh_part):
    a "….DOCX.PART" already there (on Windows the same file as "….docx.part": another export's, or one
    a cut-short export left) is neither written into nor removed while young; one a day old is cleaned
    up like any other part, whatever its case."""
    report = synthetic_report(2)  # numbered already (TEST-00000001): its archive name is known
    month = services.data_dir / "reports" / report.created_at.strftime("%Y-%m")
    month.mkdir(parents=True)
    young = month / f"{report.report_no}.DOCX.PART"
    young.write_bytes(b"another export's")
    copy_twin = tmp_path / "COPY.DOCX.PART"
    copy_twin.write_bytes(b"another program's")
    done = services.reports.export(report, "docx", tmp_path / "copy.docx")
    assert done.archived_path == month / f"{report.report_no}.docx"
    assert done.archived_path.read_bytes() == (tmp_path / "copy.docx").read_bytes() and done.size > 1000
    assert young.read_bytes() == b"another export's" and copy_twin.read_bytes() == b"another program's"
    assert sorted(p.name for p in month.iterdir()) == sorted([young.name, done.archived_path.name])
    old = os.stat(young).st_mtime - 2 * 86400
    os.utime(young, (old, old))
    assert services.reports.remove_stale_parts() == [young]
