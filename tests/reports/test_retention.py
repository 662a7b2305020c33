"""Retention of the service record (个人信息保护法 第十九条): entries dated before the cut-off are
removed with their archived reports in every format, leaving tombstones as a client's deletion does;
kept for ever (the default) removes nothing, and a dry run only counts. Real SQLite files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from ipdesk.domain.retention import days_cutoff, is_shorter, retention_cutoff, years_before
from ipdesk.services.models import DeletedEntry, ServiceRecord
from ipdesk.services.settings import Settings, load_settings, save_settings
from tests.reports.conftest import synthetic_report

LEAP_DAY = dt.date(2028, 2, 29)


def _dated(services, entry_id: int, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    """Set an entry's date (the time of day kept at 09:30)."""
    with services.db.local_store.session() as s:
        s.execute(update(ServiceRecord).where(ServiceRecord.id == entry_id)
                  .values(created_at=dt.datetime.combine(day, dt.time(9, 30))))


def _entry(services, client: str, day: dt.date) -> int:  # type: ignore[no-untyped-def]
    entry_id = services.reports.record_service(client=client, purpose="信息查询", outcome="合成")
    _dated(services, entry_id, day)
    return int(entry_id)


def test_the_cutoff_is_the_same_calendar_day_years_before() -> None:
    assert years_before(dt.date(2026, 11, 28), 3) == dt.date(2023, 11, 28)
    assert years_before(LEAP_DAY, 1) == dt.date(2027, 2, 28)  # no 29 Feb in 2027
    assert years_before(LEAP_DAY, 4) == dt.date(2024, 2, 29)
    assert retention_cutoff(0, LEAP_DAY) is None
    assert days_cutoff(30, dt.date(2026, 3, 1)) == dt.date(2026, 1, 30)
    assert is_shorter(3, 0) and is_shorter(1, 3) and not is_shorter(0, 3) and not is_shorter(5, 3)


@pytest.mark.parametrize(("today", "kept", "removed"), [
    # an entry of 29 Feb 2024, one year on: on 28 Feb 2025 (the cut-off is 28 Feb 2024) it is kept…
    (dt.date(2025, 2, 28), [dt.date(2024, 2, 29), dt.date(2024, 2, 28)], [dt.date(2024, 2, 27)]),
    # …on 1 Mar 2025 it is more than a year old
    (dt.date(2025, 3, 1), [dt.date(2024, 3, 1)], [dt.date(2024, 2, 29), dt.date(2024, 2, 28)]),
    # today 29 Feb 2028: exactly four years is 29 Feb 2024, kept; the day before goes
    (LEAP_DAY, [dt.date(2024, 2, 29), dt.date(2024, 3, 1)], [dt.date(2024, 2, 28)]),
])
def test_entries_before_the_cutoff_day_are_removed_those_on_it_kept(services, today, kept, removed) -> None:  # type: ignore[no-untyped-def]
    services.settings.record_retention_years = 4 if today == LEAP_DAY else 1
    ids = {day: _entry(services, f"合成农户{day}", day) for day in [*kept, *removed]}
    assert services.reports.apply_retention(today, dry_run=True).entries == len(removed)
    done = services.reports.apply_retention(today)
    assert done.entries == len(removed)
    left = {e.id for e in services.reports.service_entries()}
    assert left == {ids[d] for d in kept}


def test_old_entries_go_with_their_files_in_every_format_and_leave_tombstones(services, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.ui.report_pdf import render_pdf

    reports = services.reports
    old = synthetic_report(2)
    old.report_no, old.client = "", "合成老农户"
    first = reports.export(old, "pdf", tmp_path / "a.pdf", renderers={"pdf": render_pdf})
    reports.export(old, "docx", tmp_path / "a.docx")
    reports.export(old, "xlsx", tmp_path / "a.xlsx")
    reports.export(old, "pdf", None, renderers={"pdf": render_pdf}, printed=True)  # a printout's copy
    young = synthetic_report(1)
    young.report_no, young.client = "", "合成新农户"
    kept = reports.export(young, "xlsx", tmp_path / "b.xlsx")
    _dated(services, first.service_record_id, dt.date(2022, 5, 1))
    files = [a.path for a in reports.archived_reports() if a.report_no == old.report_no]
    assert len(files) == 4 and all(f.exists() for f in files)
    assert {f.suffix for f in files} == {".pdf", ".docx", ".xlsx"}

    services.settings.record_retention_years = 3
    dry = reports.apply_retention(dt.date(2026, 11, 28), dry_run=True)
    assert (dry.entries, dry.archived, dry.deletion) == (1, 4, None)
    assert all(f.exists() for f in files)  # a dry run removes nothing
    assert len(reports.service_entries()) == 2

    done = reports.apply_retention(dt.date(2026, 11, 28))
    assert (done.entries, done.archived, done.cutoff) == (1, 4, dt.date(2023, 11, 28))
    assert not any(f.exists() for f in files)
    assert kept.archived_path.exists()
    assert [e.client for e in reports.service_entries()] == ["合成新农户"]
    with services.db.local_store.session() as s:
        stones = [(t.entry_id) for t in s.scalars(select(DeletedEntry))]
    assert stones == [first.service_record_id]  # a restore of an older backup deletes it again


def test_kept_for_ever_is_the_default_and_removes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    assert Settings().record_retention_years == 0
    assert services.settings.record_retention_years == 0
    _entry(services, "合成农户", dt.date(1999, 1, 1))
    done = services.reports.apply_retention(dt.date(2026, 11, 28))
    assert (done.cutoff, done.entries) == (None, 0)
    assert len(services.reports.service_entries()) == 1


def test_a_period_not_offered_in_settings_json_keeps_everything(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"record_retention_years": 4}), encoding="utf-8")
    assert load_settings(tmp_path).record_retention_years == 0
    save_settings(tmp_path, Settings(record_retention_years=5))
    assert load_settings(tmp_path).record_retention_years == 5


def test_cli_prune_counts_removes_and_uses_the_setting(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main
    from ipdesk.services.container import build_services

    today = dt.date.today()
    services = build_services(data_dir)
    try:
        old = _entry(services, "合成老农户", years_before(today, 3) - dt.timedelta(days=1))
        young = _entry(services, "合成新农户", years_before(today, 3))
        recent = _entry(services, "合成近农户", today - dt.timedelta(days=10))
        newest = _entry(services, "合成今农户", today - dt.timedelta(days=5))  # exactly 5 days old: kept
    finally:
        services.close()
    base = ["--data-dir", str(data_dir), "report", "prune"]

    assert main([*base, "--json"]) == 0  # the default: kept for ever
    assert json.loads(capsys.readouterr().out) == {
        "cutoff": None, "dry_run": False, "entries": 0, "archived_reports": 0, "files_removed": [],
        "files_left": [], "older_copies": [], "exit": 0}

    assert main([*base, "--keep-years", "3", "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert (dry["cutoff"], dry["dry_run"], dry["entries"]) == (years_before(today, 3).isoformat(), True, 1)

    save_settings(data_dir, Settings(record_retention_years=3))
    assert main([*base, "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert (done["entries"], done["exit"]) == (1, 0)

    assert main([*base, "--older-than", "5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == 2  # the 3-year-old one and the 10-day-old one

    assert main([*base, "--older-than", "0"]) == 2  # a wrong argument
    with pytest.raises(SystemExit) as both:  # one or the other
        main([*base, "--older-than", "5", "--keep-years", "1"])
    assert both.value.code == 2
    capsys.readouterr()
    services = build_services(data_dir)
    try:
        assert [e.id for e in services.reports.service_entries()] == [newest]
        with services.db.local_store.session() as s:
            assert sorted(s.scalars(select(DeletedEntry.entry_id))) == sorted([old, young, recent])
    finally:
        services.close()


def test_cli_restore_applies_the_retention_and_says_so_in_json(data_dir: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The restored entries older than the period are deleted on this computer right after the restore;
    this computer's own expired entries are deleted before the safety copy is made, so the copy (which
    stays in the data folder) does not keep them; the backup file is not touched. --json says each
    count, and the notes the plain output prints."""
    import hashlib
    import sqlite3

    from ipdesk.cli import main
    from ipdesk.services.backup import create_backup
    from ipdesk.services.container import build_services

    services = build_services(data_dir)
    try:
        _entry(services, "合成老农户", dt.date(2019, 1, 2))
        old_report = services.reports.export(synthetic_report(2), "docx")
        _dated(services, old_report.service_record_id, dt.date(2019, 3, 4))
        _entry(services, "合成新农户", dt.date.today())
        create_backup(services.db, services.data_dir, tmp_path / "b.zip")
        _entry(services, "合成备份后的老记录", dt.date(2018, 6, 1))  # only here, never backed up
    finally:
        services.close()
    made = hashlib.sha256((tmp_path / "b.zip").read_bytes()).hexdigest()
    save_settings(data_dir, Settings(record_retention_years=5))
    assert main(["--data-dir", str(data_dir), "restore", str(tmp_path / "b.zip"), "--yes", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    cutoff = years_before(dt.date.today(), 5).isoformat()
    notes = result["retention"].pop("notes")
    assert result["retention"] == {"years": 5, "cutoff": cutoff, "entries_removed": 2, "archived_reports_removed": 1,
                                   "entries_kept": 1, "backup_file_unchanged": True,
                                   "entries_removed_before_safety_copy": 3}
    assert result["restored"]["service_record"] == 3  # what the backup brought, before the clean-up
    assert result["deleted_again"]["entries"] == 0  # the clean-up before is not a deletion to repeat
    assert notes == [
        f"其中 2 条服务台账记录（连同其 1 份存档报告）早于这台电脑上设置的保留期限（5 年，即 {cutoff} 之前），已在本机删除；"
        "本机现有恢复来的记录 1 条。备份文件本身没有改动，仍含有这 2 条记录。",
        "恢复前，本机原有的 3 条服务台账记录早于保留期限（5 年），已删除（连同其存档报告），安全副本中也没有它们。",
    ]
    assert hashlib.sha256((tmp_path / "b.zip").read_bytes()).hexdigest() == made
    with sqlite3.connect(result["safety_copy"]) as con:  # the copy holds this computer's record minus the expired
        assert [r[0] for r in con.execute("SELECT client FROM service_record")] == ["合成新农户"]
        assert con.execute("SELECT count(*) FROM report_archive").fetchone()[0] == 0
    services = build_services(data_dir)
    try:
        assert [e.client for e in services.reports.service_entries()] == ["合成新农户"]
        assert not [p for p in (data_dir / "reports").rglob("*") if p.is_file()]  # the old report's file too
    finally:
        services.close()


def test_cli_restore_after_retention_in_english_singular(data_dir: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main
    from ipdesk.services.backup import create_backup
    from ipdesk.services.container import build_services

    services = build_services(data_dir)
    try:
        _entry(services, "合成老农户", dt.date(2019, 1, 2))
        _entry(services, "合成新农户", dt.date.today())
        create_backup(services.db, services.data_dir, tmp_path / "b.zip")
    finally:
        services.close()
    save_settings(data_dir, Settings(record_retention_years=1))
    assert main(["--data-dir", str(data_dir), "--lang", "en", "restore", str(tmp_path / "b.zip"), "--yes"]) == 0
    printed = capsys.readouterr().out.splitlines()
    cutoff = years_before(dt.date.today(), 1).isoformat()
    assert (f"The retention period set on this computer is 1 year: this computer's service-record entries from before "
            f"{cutoff} are deleted before the restore (the safety copy does not keep them either), and the backup's "
            "entries from before that day are deleted on this computer after it; the backup file itself is not "
            "changed.") in printed  # said before the restore, with what it will do
    printed = printed[printed.index("Restored from the backup: 2 service-record entries."):]
    assert printed[:3] == [
        "Restored from the backup: 2 service-record entries.",
        "Of these, 1 service-record entry was older than the retention period set on this computer (1 year: from "
        f"before {cutoff}) and was deleted on this computer; 1 restored entry is kept here. The backup file itself "
        "is unchanged and still holds that entry.",
        "Before the restore, 1 service-record entry already on this computer was older than the retention period "
        "(1 year) and was deleted (with its archived reports); the safety copy does not hold it either.",
    ]
