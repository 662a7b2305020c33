"""Report numbers are never issued twice (QA #3): a restore brings back an older ledger, but the next
number still comes after every number already printed that day — found in the ledger, in the
archive folder's files, and in the counter kept beside the data (report-number.txt), which no
restore replaces. Real SQLite files, synthetic reports."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from ipdesk.services.backup import create_backup, restore_backup
from ipdesk.services.reports.archive import REPORT_NO_FILE
from tests.reports.conftest import synthetic_report


def _export(services, client: str, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    report = synthetic_report(2)
    report.report_no = ""
    report.client = client
    return services.reports.export(report, "xlsx", tmp_path / f"{client}.xlsx").report_no


def test_a_restore_of_an_older_backup_never_brings_a_number_back(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _export(services, "本地客户甲", tmp_path) == "IPD-20260102-001"
    backup = tmp_path / "older.zip"
    create_backup(services.db, services.data_dir, backup)  # its ledger knows -001 only
    assert _export(services, "本地客户乙", tmp_path) == "IPD-20260102-002"  # handed to a client
    restore_backup(services.db, services.data_dir, backup)
    assert [a.report_no for a in services.reports.archived_reports()] == ["IPD-20260102-001"]
    # before the fix: -002 again, archived as IPD-20260102-002-2.xlsx beside the other client's report
    assert _export(services, "客户丙", tmp_path) == "IPD-20260102-003"
    month = services.data_dir / "reports" / "2026-01"
    assert sorted(p.name for p in month.iterdir()) == [
        "IPD-20260102-001.xlsx", "IPD-20260102-002.xlsx", "IPD-20260102-003.xlsx"]


def test_each_source_of_the_truth_counts_on_its_own(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    for client in ("甲", "乙", "丙"):
        _export(services, client, tmp_path)
    when = synthetic_report(1).created_at
    assert reports.next_report_no(when) == "IPD-20260102-004"
    # the archived files gone (removed by hand) and the counter lost: the ledger still knows -003
    shutil.rmtree(services.data_dir / "reports")
    (services.data_dir / REPORT_NO_FILE).unlink()
    assert reports.next_report_no(when) == "IPD-20260102-004"
    # the ledger emptied too (an old backup restored): the counter still says -003
    (services.data_dir / REPORT_NO_FILE).write_text("IPD-20260102-003\n", encoding="utf-8")
    with services.db.local_store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE service_record SET report_id = NULL")
        conn.exec_driver_sql("DELETE FROM report_archive")
    assert reports.next_report_no(when) == "IPD-20260102-004"
    # only a file left in the archive folder (a report set aside by a restore, or a -2 copy)
    (services.data_dir / REPORT_NO_FILE).unlink()
    month = services.data_dir / "reports" / "2026-01"
    month.mkdir(parents=True)
    (month / "IPD-20260102-007.before-restore-20260102-101010.pdf").write_bytes(b"%PDF-1.7 synthetic")
    (month / "IPD-20260102-009-2.docx").write_bytes(b"synthetic")
    (month / "IPD-20260103-020.pdf").write_bytes(b"another day")
    assert reports.next_report_no(when) == "IPD-20260102-010"
    # another day starts at 001; past 999 the numbers go on (not compared as text)
    assert reports.next_report_no(when.replace(day=4)) == "IPD-20260104-001"
    (month / "IPD-20260102-1000.pdf").write_bytes(b"synthetic")
    assert reports.next_report_no(when) == "IPD-20260102-1001"
    # the counter keeps the newest day's highest number, never a lower one
    reports._note_issued("IPD-20260102-1001")
    reports._note_issued("IPD-20260102-005")
    reports._note_issued("IPD-20260101-050")
    assert (services.data_dir / REPORT_NO_FILE).read_text(encoding="utf-8").strip() == "IPD-20260102-1001"


def test_a_failed_export_gives_its_number_back_unless_a_later_one_was_issued(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA 18c N2: a number is taken (under a lock) before the report is made. An export that then
    fails leaves no file and gives it back; if another export took the next number meanwhile, the
    failed one's number is skipped, never issued to a third."""
    from ipdesk.services.errors import DataFolderError

    assert _export(services, "甲", tmp_path) == "IPD-20260102-001"
    month = services.data_dir / "reports" / "2026-01"

    def failing(report, path: Path) -> None:  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    report = synthetic_report(2)
    report.report_no = ""
    with pytest.raises(DataFolderError):
        services.reports.export(report, "docx", tmp_path / "x.docx", renderers={"docx": failing})
    assert report.report_no == ""
    assert sorted(p.name for p in month.iterdir()) == ["IPD-20260102-001.xlsx"]  # no empty file holds -002
    assert (services.data_dir / REPORT_NO_FILE).read_text(encoding="utf-8").strip() == "IPD-20260102-001"
    assert _export(services, "乙", tmp_path) == "IPD-20260102-002"  # nothing had it: given back

    seen: list[str] = []

    def another_export_meanwhile(report, path: Path) -> None:  # type: ignore[no-untyped-def]
        seen.append(report.report_no)
        seen.append(_export(services, "丁", tmp_path))  # the window and a command at the same time
        raise OSError(28, "No space left on device")

    report = synthetic_report(2)
    report.report_no = ""
    with pytest.raises(DataFolderError):
        services.reports.export(report, "docx", tmp_path / "y.docx", renderers={"docx": another_export_meanwhile})
    assert seen == ["IPD-20260102-003", "IPD-20260102-004"]
    assert _export(services, "戊", tmp_path) == "IPD-20260102-005"  # -003 stays a gap: never issued after -004
    assert sorted(p.name for p in month.iterdir()) == [
        "IPD-20260102-001.xlsx", "IPD-20260102-002.xlsx", "IPD-20260102-004.xlsx", "IPD-20260102-005.xlsx"]


def test_an_empty_file_left_holding_a_number_is_removed_after_a_day(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An export killed while rendering leaves the empty file that held its archive name; the counter
    keeps its number, so the file is removed a day later like a `.part`, and the number not reused."""
    month = services.data_dir / "reports" / "2026-01"
    month.mkdir(parents=True)
    old = month / "IPD-20260102-001.pdf"
    old.touch()
    day_old = time.time() - 25 * 3600
    os.utime(old, (day_old, day_old))
    (services.data_dir / REPORT_NO_FILE).write_text("IPD-20260102-001\n", encoding="utf-8")
    fresh = month / "IPD-20260102-002.pdf"
    fresh.touch()  # another ipdesk is rendering it now
    archived = month / "IPD-20251231-009.pdf"
    archived.write_bytes(b"%PDF-1.7 an archived report")
    os.utime(archived, (day_old, day_old))
    assert _export(services, "甲", tmp_path) == "IPD-20260102-003"
    assert not old.exists() and fresh.exists() and archived.exists()
