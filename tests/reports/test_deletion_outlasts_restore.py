"""A client's deletion (个人信息保护法 Art. 47) outlasts a restore: each deleted entry leaves a
tombstone in the local store (models.DeletedEntry: its id and creation time, no personal data), and a
restore of a backup made before the deletion deletes the entry again, with its archived reports and
their files, keeping both stores' tombstones (services.backup._delete_again). Real SQLite files and
real backups made with create_backup; synthetic names only."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from ipdesk.services.backup import create_backup, restore_backup
from ipdesk.services.container import build_services
from ipdesk.services.models import DeletedEntry
from tests.conftest import kill_when_marked
from tests.reports.conftest import synthetic_report

ROOT = Path(__file__).resolve().parents[2]
NAME = "欧阳测试农户"  # synthetic
OTHER = "另一测试合作社"


def _export(services, client: str, tmp_path: Path, fmt: str, again: str = ""):  # type: ignore[no-untyped-def]
    report = synthetic_report(2)
    report.report_no = ""
    report.client = client
    first = services.reports.export(report, fmt, tmp_path / f"{client}-{fmt}.{fmt}")
    if again:
        services.reports.export(report, again, tmp_path / f"{client}-{again}.{again}")
    return first


def _fill(services, tmp_path: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Two entries of NAME (one with a report in two formats), two of OTHER; NAME's archived files."""
    mine = _export(services, NAME, tmp_path, "xlsx", again="docx")
    services.reports.record_service(client=NAME, purpose="商标注册咨询", outcome="有风险",
                                    when=dt.datetime(2026, 10, 3, 9))
    _export(services, OTHER, tmp_path, "xlsx")
    services.reports.record_service(client=OTHER, purpose="信息查询", outcome="已答复", when=dt.datetime(2026, 9, 1, 10))
    files = [a.path for a in services.reports.archived_reports() if a.report_no == mine.report_no]
    assert len(files) == 2 and all(f.is_file() for f in files)
    return files


def _clients(services) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(e.client for e in services.reports.service_entries())


def _tombstones(services) -> list[tuple[int, dt.datetime]]:  # type: ignore[no-untyped-def]
    with services.db.local_store.session() as s:
        return sorted((t.entry_id, t.created_at) for t in s.scalars(select(DeletedEntry)))


def test_a_restore_of_a_backup_made_before_a_deletion_deletes_it_again(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = _fill(services, tmp_path)
    others = {(e.id, e.report_no) for e in services.reports.service_entries(client=OTHER)}
    other_files = [a.path for a in services.reports.archived_reports() if a.path not in files]
    before = tmp_path / "before.zip"
    create_backup(services.db, services.data_dir, before)

    assert services.reports.delete_client(NAME).entries == 2
    stones = _tombstones(services)
    assert len(stones) == 2

    result = restore_backup(services.db, services.data_dir, before)
    # the client is gone again, entries, archive rows and report files; the other entries are back
    assert _clients(services) == [OTHER, OTHER]
    assert {(e.id, e.report_no) for e in services.reports.service_entries()} == others
    assert all(a.path in other_files for a in services.reports.archived_reports())
    assert not any(f.exists() for f in files) and all(f.is_file() for f in other_files)
    assert (result.deleted_again, result.deleted_again_archived, result.deleted_again_files) == (2, 2, 2)
    assert result.restored_counts["service_record"] == 2 and result.restored_counts["report_archive"] == 1
    assert result.as_dict()["deleted_again"] == {"entries": 2, "archived_reports": 2, "report_files": 2}
    assert _tombstones(services) == stones  # kept: a second restore of the same backup deletes them again
    # and no trace of the name in the restored store's files (the backup's copy was erased with secure_delete)
    raw = b"".join(p.read_bytes() for p in services.data_dir.glob("ipdesk-local.sqlite*"))
    assert OTHER.encode() in raw and NAME.encode() not in raw

    again = restore_backup(services.db, services.data_dir, before)
    assert again.deleted_again == 2 and _clients(services) == [OTHER, OTHER]


def test_a_backup_made_after_the_deletion_keeps_the_tombstones(services, tmp_path: Path, seed_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = _fill(services, tmp_path)
    before, after = tmp_path / "before.zip", tmp_path / "after.zip"
    create_backup(services.db, services.data_dir, before)
    services.reports.delete_client(NAME)
    stones = _tombstones(services)
    create_backup(services.db, services.data_dir, after)

    result = restore_backup(services.db, services.data_dir, after)
    assert result.deleted_again == 0 and _tombstones(services) == stones
    assert restore_backup(services.db, services.data_dir, before).deleted_again == 2
    assert _clients(services) == [OTHER, OTHER] and not any(f.exists() for f in files)

    # another computer: a backup made after the deletion carries its tombstones there, so restoring
    # the older one after it deletes the client again; the older one alone brings them back (README)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "ipdesk.sqlite").write_bytes(seed_path.read_bytes())
    other_pc = build_services(elsewhere)
    try:
        assert restore_backup(other_pc.db, other_pc.data_dir, before).deleted_again == 0
        assert _clients(other_pc) == sorted([NAME, NAME, OTHER, OTHER])
        assert restore_backup(other_pc.db, other_pc.data_dir, after).deleted_again == 0
        assert _tombstones(other_pc) == stones
        assert restore_backup(other_pc.db, other_pc.data_dir, before).deleted_again == 2
        assert _clients(other_pc) == [OTHER, OTHER]
    finally:
        other_pc.close()


def test_a_tombstone_does_not_delete_a_later_entry_given_the_same_id(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reports = services.reports
    reports.record_service(client=OTHER, purpose="信息查询", outcome="x", when=dt.datetime(2026, 9, 1, 10))
    gone = reports.record_service(client=NAME, purpose="信息查询", outcome="x", when=dt.datetime(2026, 10, 1, 10))
    reports.delete_entries([gone])
    later = reports.record_service(client="后来的测试农户", purpose="信息查询", outcome="y",
                                   when=dt.datetime(2026, 11, 2, 11))
    assert later == gone  # SQLite gave the highest id again: the creation time tells them apart
    backup = tmp_path / "b.zip"
    create_backup(services.db, services.data_dir, backup)
    assert restore_backup(services.db, services.data_dir, backup).deleted_again == 0
    assert _clients(services) == [OTHER, "后来的测试农户"]


def _restore_cli(data: Path, lang: str, backup: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(data), "--lang", lang, "restore",
                           str(backup), "--yes", *extra], env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_the_restore_summary_says_how_many_were_deleted_again(data_dir: Path, tmp_path: Path) -> None:
    services = build_services(data_dir)
    try:
        _fill(services, tmp_path)
        create_backup(services.db, services.data_dir, tmp_path / "b.zip")
        services.reports.delete_client(NAME)
        one = services.reports.service_entries(client=OTHER)[0].id
    finally:
        services.close()
    zh = _restore_cli(data_dir, "zh_CN", tmp_path / "b.zip")
    assert zh.returncode == 0, zh.stderr[-2000:]
    assert "备份之后在本机删除的 2 条服务台账记录已再次删除（连同其存档报告），没有恢复。" in zh.stdout
    assert NAME not in zh.stdout + zh.stderr
    en = _restore_cli(data_dir, "en", tmp_path / "b.zip")
    assert en.returncode == 0, en.stderr[-2000:]
    assert ("2 service-record entries deleted on this computer since the backup was made were deleted again "
            "(with their archived reports), not restored.") in en.stdout
    as_json = _restore_cli(data_dir, "en", tmp_path / "b.zip", "--json")
    assert json.loads(as_json.stdout)["deleted_again"] == {"entries": 2, "archived_reports": 2, "report_files": 2}
    # one entry more deleted: said in the singular
    services = build_services(data_dir)
    try:
        services.reports.delete_entries([one])
    finally:
        services.close()
    en = _restore_cli(data_dir, "en", tmp_path / "b.zip")
    assert "3 service-record entries deleted" in en.stdout
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "ipdesk.sqlite").write_bytes((data_dir / "ipdesk.sqlite").read_bytes())
    fresh = _restore_cli(nothing, "en", tmp_path / "b.zip")
    assert fresh.returncode == 0 and "deleted again" not in fresh.stdout  # nothing deleted there: not said


_KILL_SCRIPT = """
import sys, time
from pathlib import Path
from ipdesk.services import backup
from ipdesk.services.container import build_services
svc = build_services(Path(sys.argv[1]))
put_reports = backup._put_reports
def slow_put(*args):
    put_reports(*args)
    Path(sys.argv[3]).write_text("reports put back")
    time.sleep(120)
backup._put_reports = slow_put
backup.restore_backup(svc.db, svc.data_dir, Path(sys.argv[2]))
"""


def test_a_restore_killed_after_the_store_was_replaced_keeps_the_deletion(data_dir: Path, tmp_path: Path) -> None:
    from ipdesk.services.restore_state import MARKER, unfinished_restore

    services = build_services(data_dir)
    try:
        files = _fill(services, tmp_path)
        backup = tmp_path / "b.zip"
        create_backup(services.db, services.data_dir, backup)
        services.reports.delete_client(NAME)
        stones = _tombstones(services)
    finally:
        services.close()
    data = data_dir
    marker = tmp_path / "killed-here"
    kill_when_marked(_KILL_SCRIPT, [str(data), str(backup), str(marker)], marker, timeout=90)
    # the restore was cut short after the store was replaced: told at the next start, as before …
    svc = build_services(data)
    try:
        assert (data / MARKER).is_file() and unfinished_restore(data) is not None
        # … and the replaced store already lacks the client and holds the tombstones (one step)
        assert _clients(svc) == [OTHER, OTHER] and _tombstones(svc) == stones
        assert not any(f.exists() for f in files)
        # run again, it completes; the client stays deleted
        result = restore_backup(svc.db, svc.data_dir, backup)
        assert result.deleted_again == 2 and _clients(svc) == [OTHER, OTHER]
        assert not (data / MARKER).exists() and not any(f.exists() for f in files)
    finally:
        svc.close()
