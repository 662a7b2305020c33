"""Backing up and restoring the centre's own records (services/backup.py), on real SQLite files:
a round trip onto a fresh data folder, the safety copy, every kind of bad file refused with nothing
changed, a backup taken while another connection writes, and a target that cannot be written."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from ipdesk.services.backup import (
    FORMAT_VERSION,
    LOCAL_MEMBER,
    MANIFEST,
    BackupError,
    backup_target,
    create_backup,
    default_backup_name,
    read_backup_info,
    restore_backup,
)
from ipdesk.services.container import Services, build_services
from ipdesk.services.models import GeoIndication, Patent, SavedSearch, Trademark
from ipdesk.services.search import SearchFilters
from tests.importers.conftest import SYNTH, write_csv
from tests.reports.conftest import synthetic_report

ROOT = Path(__file__).resolve().parents[2]


def _fresh(folder: Path, seed: Path) -> Services:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed, folder / "ipdesk.sqlite")
    return build_services(folder)


@pytest.fixture
def filled(tmp_path: Path, seed_path: Path) -> Iterator[Services]:
    """A data folder with service records, archived reports (real files), saved searches and
    registry rows imported as local."""
    svc = _fresh(tmp_path / "old-pc", seed_path)
    svc.reports.record_service(client="五常市合成测试合作社", purpose="咨询", outcome="已答复", staff="王",
                               when=dt.datetime(2026, 10, 3, 9, 30), detail="问：能否使用地理标志？")
    report = synthetic_report(3)
    svc.reports.export(report, "xlsx", tmp_path / "r.xlsx")
    svc.reports.export(report, "docx", tmp_path / "r.docx")
    svc.reports.export(synthetic_report(2, "en"), "docx")
    with svc.db.local_store.session() as s:
        s.add(SavedSearch(name="五常大米", query="五常 大米", filters_json='{"kind": "gi"}',
                          created_at=dt.datetime(2026, 11, 1, 8, 0)))
    importer = svc.importer
    patents = write_csv(tmp_path / "p.csv", ["公开号", "名称", "申请人", "地区代码", "申请日"],
                        [[f"CN999{i:06d}A", f"{SYNTH}稻田养鱼装置{i}", f"{SYNTH}合作社", "230184", "2098-01-02"]
                         for i in range(3)])
    marks = write_csv(tmp_path / "t.csv", ["注册号", "商标", "类别", "类似群", "注册人"],
                      [["99000001", f"{SYNTH}五常香", "30", "3002", f"{SYNTH}合作社"]])
    gis = write_csv(tmp_path / "g.csv", ["类型", "名称", "持有人", "保护范围代码"],
                    [["地理标志产品", f"{SYNTH}龙凤山贡米", f"{SYNTH}协会", "230184"]])
    importer.commit(importer.stage([patents, marks, gis], local=True))
    yield svc
    svc.close()


def _local_rows(svc: Services) -> dict[str, list[tuple[object, ...]]]:
    with svc.db.local_store.engine.connect() as conn:
        return {t: [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY id")]
                for t in ("service_record", "report_archive", "saved_search")}


def _report_bytes(data_dir: Path) -> dict[str, bytes]:
    root = data_dir / "reports"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _registry_local(svc: Services) -> dict[str, list[tuple[object, ...]]]:
    with svc.db.session() as s:
        return {
            "patent": sorted((p.pub_no, p.title, p.dataset, p.region_code, p.filing_date, p.source)
                             for p in s.scalars(select(Patent).where(Patent.dataset.like("local%")))),
            "trademark": sorted((t.reg_no, t.nice_class, t.mark_text, t.dataset)
                                for t in s.scalars(select(Trademark).where(Trademark.dataset.like("local%")))),
            "gi": sorted((g.kind, g.name, g.dataset, tuple(a.division_code for a in g.areas))
                         for g in s.scalars(select(GeoIndication).where(GeoIndication.dataset.like("local%")))),
        }


def test_round_trip_onto_a_fresh_data_folder(filled: Services, tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "usb" / "ipdesk-备份-2026-11-27.zip"
    out.parent.mkdir()
    made = create_backup(filled.db, filled.data_dir, out)
    assert made.counts["service_record"] == 2 and made.counts["report_archive"] == 3
    assert made.counts["saved_search"] == 1 and made.counts["report_files"] == 3
    assert made.counts["patent"] == 3 and made.counts["trademark"] == 1 and made.counts["geo_indication"] == 1
    assert not out.with_name(out.name + ".part").exists()
    info = read_backup_info(out)
    assert info.counts == made.counts and info.format_version == FORMAT_VERSION
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        for m in manifest["members"]:
            data = zf.read(m["name"])
            assert len(data) == m["size"] and hashlib.sha256(data).hexdigest() == m["sha256"]

    new = _fresh(tmp_path / "new-pc", seed_path)  # the main use: a new computer
    try:
        result = restore_backup(new.db, new.data_dir, out)
        assert result.restored_counts == {"service_record": 2, "saved_search": 1, "report_archive": 3}
        assert result.report_files_written == 3 and result.registry_inserted == 5
        assert _local_rows(new) == _local_rows(filled)
        # the saved search is there to run (its old row's "kind", a key this version does not use, ignored)
        rice = new.saved_searches.run("五常大米")
        assert (rice.query, rice.filters, rice.dropped) == ("五常 大米", SearchFilters(), ())
        assert _report_bytes(new.data_dir) == _report_bytes(filled.data_dir)
        assert _registry_local(new) == _registry_local(filled)
        # what the Reports page shows, and the archived files open from the restored record
        entries = new.reports.service_entries()
        assert [e.client for e in entries] == [e.client for e in filled.reports.service_entries()]
        assert all(Path(a.path).is_file() for a in new.reports.archived_reports())
        # the search index followed the restored local records
        assert any(h.kind == "patent" for h in new.search.search(f"{SYNTH}稻田养鱼装置1").hits)
        with new.db.session() as s:
            from ipdesk.services.models import Dataset

            local_patents = s.get(Dataset, "local_patents")
            assert local_patents is not None and local_patents.record_count == 3
        # a second restore of the same file changes nothing, and says so (nothing counted as updated)
        again = restore_backup(new.db, new.data_dir, out)
        assert again.report_files_unchanged == 3 and again.report_files_written == 0
        assert again.registry_updated == 0 and again.registry_inserted == 0
        assert _registry_local(new) == _registry_local(filled)
    finally:
        new.close()


def test_restore_keeps_a_safety_copy_and_replaces_the_service_record(filled: Services, tmp_path: Path) -> None:
    out = tmp_path / "b.zip"
    create_backup(filled.db, filled.data_dir, out)
    before = _local_rows(filled)
    filled.reports.record_service(client="备份之后的来访", purpose="咨询", outcome="—")
    result = restore_backup(filled.db, filled.data_dir, out)
    assert result.replaced_counts["service_record"] == 3 and result.restored_counts["service_record"] == 2
    assert _local_rows(filled) == before  # replaced, not merged
    assert result.safety_copy is not None and result.safety_copy.parent == filled.data_dir
    assert result.safety_copy.name.startswith("ipdesk-local.before-restore-")
    with sqlite3.connect(result.safety_copy) as con:  # the entry made after the backup is kept there
        clients = [r[0] for r in con.execute("SELECT client FROM service_record")]
    assert "备份之后的来访" in clients
    # the store still takes new entries after the restore
    filled.reports.record_service(client="恢复之后", purpose="咨询", outcome="—")
    assert len(filled.reports.service_entries()) == 3


def test_report_files_are_never_deleted_nor_silently_overwritten(filled: Services, tmp_path: Path) -> None:
    out = tmp_path / "b.zip"
    create_backup(filled.db, filled.data_dir, out)
    archived = sorted((filled.data_dir / "reports").rglob("*.docx"))[0]
    original = archived.read_bytes()
    archived.write_bytes(b"a different file under the same name")
    extra = filled.data_dir / "reports" / "2099-01" / "kept.pdf"
    extra.parent.mkdir(parents=True)
    extra.write_bytes(b"%PDF not in the backup")
    result = restore_backup(filled.db, filled.data_dir, out)
    assert archived.read_bytes() == original  # the record's own file is back
    assert len(result.report_files_set_aside) == 1
    aside = filled.data_dir / result.report_files_set_aside[0]
    assert aside.read_bytes() == b"a different file under the same name" and ".before-restore-" in aside.name
    assert extra.read_bytes() == b"%PDF not in the backup"


def _state(svc: Services) -> tuple[object, ...]:
    return (_local_rows(svc), _report_bytes(svc.data_dir), _registry_local(svc),
            sorted(p.name for p in svc.data_dir.iterdir()))


def _rewrite(src: Path, dst: Path, *, rename: dict[str, str] | None = None,
             change: dict[str, bytes] | None = None, manifest: dict[str, object] | None = None) -> Path:
    """A copy of the backup with members renamed or replaced (the manifest kept unless given)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if manifest is not None and info.filename == MANIFEST:
                data = json.dumps(manifest).encode()
            data = (change or {}).get(info.filename, data)
            zout.writestr((rename or {}).get(info.filename, info.filename), data)
    return dst


@pytest.fixture
def backup_and_target(filled: Services, tmp_path: Path, seed_path: Path) -> Iterator[tuple[Path, Services]]:
    out = tmp_path / "good.zip"
    create_backup(filled.db, filled.data_dir, out)
    target = _fresh(tmp_path / "target", seed_path)
    target.reports.record_service(client="目标电脑上原有的记录", purpose="咨询", outcome="—")
    yield out, target
    target.close()


def _refused(target: Services, bad: Path, reason: str, words: str) -> None:
    before = _state(target)
    with pytest.raises(BackupError) as caught:
        read_backup_info(bad)
    assert caught.value.reason == reason and words in caught.value.en, caught.value.en
    with pytest.raises(BackupError) as caught:
        restore_backup(target.db, target.data_dir, bad)
    assert caught.value.reason == reason and words in caught.value.en
    assert reason == "unreadable" or "没有恢复任何内容" in caught.value.zh
    assert _state(target) == before  # nothing changed: no safety copy, no files, no rows


def test_a_corrupt_zip_is_refused(backup_and_target: tuple[Path, Services], tmp_path: Path) -> None:
    _good, target = backup_and_target
    bad = tmp_path / "corrupt.zip"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(4000))
    _refused(target, bad, "damaged", "damaged or incomplete")


def test_a_truncated_file_is_refused(backup_and_target: tuple[Path, Services], tmp_path: Path) -> None:
    good, target = backup_and_target
    bad = tmp_path / "truncated.zip"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    _refused(target, bad, "damaged", "damaged or incomplete")


def test_a_flipped_byte_in_a_member_is_refused(backup_and_target: tuple[Path, Services], tmp_path: Path) -> None:
    good, target = backup_and_target
    with zipfile.ZipFile(good) as zf:
        store = bytearray(zf.read(LOCAL_MEMBER))
    store[len(store) // 2] ^= 0x01
    bad = _rewrite(good, tmp_path / "flipped.zip", change={LOCAL_MEMBER: bytes(store)})
    _refused(target, bad, "damaged", "fails its checksum")


def test_a_zip_slip_name_is_refused(backup_and_target: tuple[Path, Services], tmp_path: Path) -> None:
    good, target = backup_and_target
    with zipfile.ZipFile(good) as zf:
        report = next(n for n in zf.namelist() if n.startswith("reports/"))
    for evil in ("reports/../../evil.txt", "/etc/evil.txt", "reports\\..\\evil.txt", "C:/evil.txt"):
        bad = _rewrite(good, tmp_path / "slip.zip", rename={report: evil})
        _refused(target, bad, "unsafe", "unsafe or unknown entry name")
    assert not (tmp_path / "evil.txt").exists() and not (target.data_dir.parent / "evil.txt").exists()


def test_a_backup_from_a_newer_format_is_refused(backup_and_target: tuple[Path, Services], tmp_path: Path) -> None:
    good, target = backup_and_target
    with zipfile.ZipFile(good) as zf:
        manifest = json.loads(zf.read(MANIFEST))
    manifest.update(format_version=FORMAT_VERSION + 1, app_version="9.0.0")
    bad = _rewrite(good, tmp_path / "newer.zip", manifest=manifest)
    _refused(target, bad, "newer", "Update ipdesk first")


def test_a_zip_bomb_and_a_lying_manifest_are_refused(backup_and_target: tuple[Path, Services], tmp_path: Path) -> None:
    good, target = backup_and_target
    with zipfile.ZipFile(good) as zf:
        manifest = json.loads(zf.read(MANIFEST))
    bomb = bytes(64 << 20)  # 64 MiB of zeros packs to ~64 KiB
    name = next(m["name"] for m in manifest["members"] if m["name"].startswith("reports/"))
    entry = next(m for m in manifest["members"] if m["name"] == name)
    entry.update(size=len(bomb), sha256=hashlib.sha256(bomb).hexdigest())
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = bomb if info.filename == name else (
                json.dumps(manifest).encode() if info.filename == MANIFEST else zin.read(info.filename))
            zout.writestr(info.filename, data)
    _refused(target, tmp_path / "bomb.zip", "too_big", "zip bomb")
    manifest["members"] = [m for m in manifest["members"] if m["name"] != name]  # a member the manifest hides
    bad = _rewrite(good, tmp_path / "hidden.zip", manifest=manifest)
    _refused(target, bad, "damaged", "damaged or incomplete")


def test_not_a_backup_and_a_missing_file(backup_and_target: tuple[Path, Services], tmp_path: Path) -> None:
    _good, target = backup_and_target
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("reports/x.txt", "hello")
    _refused(target, other, "not_backup", "not an ipdesk backup")
    notes = tmp_path / "notes.zip"  # QA #16: a ZIP of someone's notes is "not a backup", not "unsafe"
    with zipfile.ZipFile(notes, "w") as zf:
        zf.writestr("notes.txt", "明天去龙凤山镇")
        zf.writestr("../outside.txt", "x")
    _refused(target, notes, "not_backup", "not an ipdesk backup")
    with zipfile.ZipFile(other, "w") as zf:  # a manifest of something else
        zf.writestr("manifest.json", '{"format": "something-else"}')
        zf.writestr("notes.txt", "hello")
    _refused(target, other, "not_backup", "not an ipdesk backup")
    _refused(target, tmp_path / "nowhere.zip", "unreadable", "No backup file")


def test_a_backup_taken_while_another_connection_writes_is_consistent(filled: Services, tmp_path: Path) -> None:
    """Another connection (as the window logging visits) commits pairs of entries as fast as it can:
    every backup holds whole pairs and passes an integrity check."""
    store = filled.db.local_store.path
    assert store is not None
    stop = threading.Event()

    def writer() -> None:
        con = sqlite3.connect(store, timeout=10)
        n = 0
        while not stop.is_set():
            with con:
                for _ in range(2):
                    con.execute("INSERT INTO service_record (created_at, staff, client, purpose, outcome, detail) "
                                "VALUES ('2026-11-27 10:00:00', '', ?, '咨询', '', '')", (f"并发{n}",))
                n += 1
        con.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for i in range(5):
            out = tmp_path / f"live-{i}.zip"
            create_backup(filled.db, filled.data_dir, out)
            with zipfile.ZipFile(out) as zf:
                (tmp_path / f"live-{i}.sqlite").write_bytes(zf.read(LOCAL_MEMBER))
            with sqlite3.connect(tmp_path / f"live-{i}.sqlite") as con:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                concurrent = con.execute("SELECT count(*) FROM service_record WHERE client LIKE '并发%'").fetchone()[0]
            assert concurrent % 2 == 0
    finally:
        stop.set()
        thread.join()


def test_an_unwritable_folder_gives_a_clear_error_and_no_file(filled: Services, tmp_path: Path) -> None:
    with pytest.raises(BackupError) as caught:
        create_backup(filled.db, filled.data_dir, tmp_path / "no-such-folder" / "b.zip")
    assert caught.value.reason == "unwritable" and "Cannot write the backup" in caught.value.en
    assert "无法写入备份文件" in caught.value.zh
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root writes into a read-only folder; not into /proc
        if not Path("/proc/self").is_dir():
            pytest.skip("root writes into a read-only folder")
        with pytest.raises(BackupError) as caught:
            create_backup(filled.db, filled.data_dir, Path("/proc/ipdesk-backup-test.zip"))
        assert caught.value.reason == "unwritable" and not Path("/proc/ipdesk-backup-test.zip.part").exists()
        return
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(BackupError) as caught:
            create_backup(filled.db, filled.data_dir, locked / "b.zip")
        assert caught.value.reason == "unwritable"
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_a_second_backup_into_the_same_folder_never_replaces_the_first(filled: Services, tmp_path: Path) -> None:
    """QA #3: two backups the same day (even the same minute) into one folder are two files; the
    name says the time, and its language follows the window's."""
    usb = tmp_path / "usb"
    usb.mkdir()
    when = dt.datetime(2026, 11, 27, 9, 35)
    first = create_backup(filled.db, filled.data_dir, backup_target(usb, "zh_CN", when)).path
    assert first.name == "ipdesk-备份-2026-11-27-0935.zip"
    kept = first.read_bytes()
    filled.reports.record_service(client="第二次备份前的记录", purpose="咨询", outcome="—")
    second = create_backup(filled.db, filled.data_dir, backup_target(usb, "zh_CN", when)).path
    assert second.name == "ipdesk-备份-2026-11-27-0935-2.zip"
    assert backup_target(usb, "zh_CN", when).name == "ipdesk-备份-2026-11-27-0935-3.zip"
    assert first.read_bytes() == kept
    assert read_backup_info(first).counts["service_record"] == 2
    assert read_backup_info(second).counts["service_record"] == 3
    assert backup_target(usb, "en", when).name == "ipdesk-backup-2026-11-27-0935.zip"
    assert default_backup_name("en", when) == "ipdesk-backup-2026-11-27-0935.zip"


def test_an_existing_file_is_refused_unless_told_to_replace_it(filled: Services, tmp_path: Path) -> None:
    out = tmp_path / "b.zip"
    create_backup(filled.db, filled.data_dir, out)
    kept = out.read_bytes()
    filled.reports.record_service(client="之后的记录", purpose="咨询", outcome="—")
    with pytest.raises(BackupError) as caught:
        create_backup(filled.db, filled.data_dir, out)
    assert caught.value.reason == "exists" and caught.value.exit_code == 2
    assert "已有同名文件" in caught.value.zh and "already exists" in caught.value.en
    assert out.read_bytes() == kept and sorted(p.name for p in tmp_path.glob("b.zip*")) == ["b.zip"]
    assert backup_target(out) == out  # a file name stays as given: the refusal is create_backup's
    create_backup(filled.db, filled.data_dir, out, overwrite=True)
    assert read_backup_info(out).counts["service_record"] == 3


def test_a_missing_folder_is_said_in_one_language(filled: Services, tmp_path: Path) -> None:
    """QA #14: not "文件夹不存在 / the folder does not exist" in both messages."""
    with pytest.raises(BackupError) as caught:
        create_backup(filled.db, filled.data_dir, tmp_path / "nonexist" / "a.zip")
    assert "（文件夹不存在）" in caught.value.zh and "does not exist" not in caught.value.zh
    assert "(the folder does not exist)" in caught.value.en and "文件夹" not in caught.value.en


def test_the_name_must_end_in_zip(filled: Services, tmp_path: Path) -> None:
    from ipdesk.services.errors import UserInputError

    with pytest.raises(UserInputError, match=r"\.zip"):
        create_backup(filled.db, filled.data_dir, tmp_path / "b.txt")


_DISK_FULL_SCRIPT = """
import resource, sys
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.backup import BackupError, create_backup
svc = build_services(Path(sys.argv[1]))
limit = 1 << 20  # no file may grow past 1 MiB (as a FAT32 stick's 4 GB): the backup's 3 MiB of reports
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    create_backup(svc.db, svc.data_dir, Path(sys.argv[2]))
except BackupError as exc:
    print("DISKFULL", exc.reason, exc.en)
    sys.exit(7)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX-only")
def test_a_file_size_limit_gives_a_clear_error_and_leaves_no_partial_file(filled: Services, tmp_path: Path) -> None:
    """EFBIG (a file-size limit such as FAT32's 4 GB) is said as such, not as a full disk next to gigabytes
    free (QA round 15, M8)."""
    folder = filled.data_dir / "reports" / "2099-01"
    folder.mkdir(parents=True)
    (folder / "big.pdf").write_bytes(os.urandom(3 << 20))  # random: does not compress
    filled.close()
    out = tmp_path / "full" / "b.zip"
    out.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _DISK_FULL_SCRIPT, str(filled.data_dir), str(out)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 7, proc.stderr[-2000:]
    assert "DISKFULL too_large Cannot write the backup" in proc.stdout, proc.stdout
    assert "too large for this drive" in proc.stdout and "NTFS/exFAT" in proc.stdout
    assert "disk is full" not in proc.stdout
    assert list(out.parent.iterdir()) == []


def test_a_report_folder_file_with_a_name_a_restore_would_refuse_is_left_out(filled: Services, tmp_path: Path,
                                                                              seed_path: Path) -> None:
    odd = next((filled.data_dir / "reports").iterdir()) / "a:b.pdf"  # legal on Linux, refused on restore
    odd.write_bytes(b"%PDF")
    create_backup(filled.db, filled.data_dir, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        assert not any(n.endswith("a:b.pdf") for n in zf.namelist())
    new = _fresh(tmp_path / "new", seed_path)
    try:
        assert restore_backup(new.db, new.data_dir, tmp_path / "b.zip").report_files_written == 3
    finally:
        new.close()


_SAME_NAME_SCRIPT = """
import sys, time
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.backup import create_backup
svc = build_services(Path(sys.argv[1]))
start = float(sys.argv[3])
while time.time() < start:  # both processes begin together: the same minute, the same name
    time.sleep(0.005)
info = create_backup(svc.db, svc.data_dir, Path(sys.argv[2]), name_is_ours=True)
print("WROTE", info.path.name)
"""


def test_two_backups_to_one_folder_in_the_same_minute_both_succeed_under_two_names(
        filled: Services, tmp_path: Path) -> None:
    """QA round 17: the second of two backups the same minute failed ("a file of that name already
    exists … give only the folder", which it had), and both wrote into one `.part` file meanwhile."""
    import time as _time

    from ipdesk.services.backup import backup_target, read_backup_info

    folder = tmp_path / "stick"
    folder.mkdir()
    target = backup_target(folder, "en")
    data_dir = filled.data_dir
    filled.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = str(_time.time() + 4)
    procs = [subprocess.Popen([sys.executable, "-c", _SAME_NAME_SCRIPT, str(data_dir), str(target), start], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-1500:] for o in outs]
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([target.name, target.name.replace(".zip", "-2.zip")]), names
    for name in names:  # each a whole backup of its own, none written into the other's file
        assert read_backup_info(folder / name).counts == read_backup_info(folder / names[0]).counts


def test_a_backup_and_restore_in_folders_named_with_uri_characters(tmp_path: Path, seed_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The read-only checks of a backup's service record were opened as `file:<path>?mode=ro`: SQLite
    cut a path at `#` (a stray empty file beside it, the good backup called damaged) and decoded `%20`
    (QA 19e W1). Data folder, backup folder and temporary folder all named so."""
    import tempfile

    weird = tmp_path / "数据#1 100%20 a?b"
    (weird / "tmp").mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(weird / "tmp"))
    old = _fresh(weird / "old#pc", seed_path)
    try:
        old.reports.record_service(client="合成测试合作社", purpose="咨询", outcome="已答复", staff="王",
                                   when=dt.datetime(2026, 10, 3, 9, 30))
        out = weird / "U盘#2" / "备份%41.zip"
        out.parent.mkdir()
        made = create_backup(old.db, old.data_dir, out)
        assert made.counts["service_record"] == 1
        assert read_backup_info(out).counts == made.counts
    finally:
        old.close()
    new = _fresh(weird / "new%20pc", seed_path)
    try:
        result = restore_backup(new.db, new.data_dir, out)
        assert result.restored_counts["service_record"] == 1
        assert [e.client for e in new.reports.service_entries()] == ["合成测试合作社"]
    finally:
        new.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [weird.name]  # no file made at a cut path
    assert not (weird / "U盘").exists() and not (weird / "new pc").exists()


def test_sqlite_file_uris_for_windows_paths() -> None:
    """A share is written with an empty authority (SQLite refuses `file://server/…`), a drive path as
    `file:///C:/…`; `#`, `%`, spaces and Chinese are escaped."""
    from pathlib import PureWindowsPath

    from ipdesk.services.db import sqlite_file_uri

    assert sqlite_file_uri(PureWindowsPath(r"\\server\share\ipdesk\ipdesk.sqlite"), "mode=ro") == \
        "file:////server/share/ipdesk/ipdesk.sqlite?mode=ro"
    assert sqlite_file_uri(PureWindowsPath(r"C:\数据#1\My%20Data\x.sqlite"), "mode=ro&immutable=1") == \
        "file:///C:/%E6%95%B0%E6%8D%AE%231/My%2520Data/x.sqlite?mode=ro&immutable=1"


def test_a_report_open_in_another_program_is_named_before_anything_is_restored(
        filled: Services, tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a report open in WPS or a PDF reader cannot be moved aside: the restore stopped
    half-way, the service record already replaced (QA 19e W3). Windows' sharing violation is played
    by refusing that one file's opening for writing (this machine's root ignores file modes)."""
    from ipdesk.services.errors import UserInputError

    out = tmp_path / "b.zip"
    create_backup(filled.db, filled.data_dir, out)
    new = _fresh(tmp_path / "new-pc", seed_path)
    try:
        restore_backup(new.db, new.data_dir, out)
        busy = next(p for p in (new.data_dir / "reports").rglob("*") if p.is_file())
        busy.write_bytes(b"changed since")  # differs from the backup's copy: the restore would set it aside
        new.reports.record_service(client="恢复前新登记", purpose="咨询", outcome="", staff="李",
                                   when=dt.datetime(2026, 11, 20, 10, 0))
        before = _local_rows(new)
        real_open = Path.open

        def open_(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if self == busy and "+" in mode:
                raise PermissionError(13, "The process cannot access the file because it is being used", str(self))
            return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", open_)
        with pytest.raises(UserInputError) as refused:
            restore_backup(new.db, new.data_dir, out)
        assert str(busy) in refused.value.zh and "WPS" in refused.value.zh and "close it" in refused.value.en
        assert _local_rows(new) == before  # nothing restored: the new entry is still there
        assert busy.read_bytes() == b"changed since"
    finally:
        new.close()


def test_a_temporary_folder_that_cannot_be_removed_does_not_undo_a_finished_backup(
        filled: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a virus scanner may still hold the snapshot when the temporary folder is removed: the
    backup was complete, yet said not to be written (QA 19e W5). The removal's failure is played here."""
    import tempfile

    real_rmtree = shutil.rmtree

    def held(path: str, *args: object, onerror=None, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
        if "ipdesk-backup-" in str(path) or "ipdesk-restore-check-" in str(path):
            held_file = str(Path(path) / "ipdesk-local.sqlite")
            error = OSError(16, "The file is in use by another process", held_file)  # EBUSY
            if onerror is None:
                raise error
            onerror(os.unlink, held_file, (OSError, error, None))
            return
        real_rmtree(path, *args, onerror=onerror, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tempfile._shutil, "rmtree", held)  # type: ignore[attr-defined]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the folders left behind go with tmp_path
    out = tmp_path / "b.zip"
    made = create_backup(filled.db, filled.data_dir, out)
    assert out.is_file() and made.counts["service_record"] == 2
    assert read_backup_info(out).counts == made.counts


def test_a_file_under_reports_that_is_not_a_report_is_not_unpacked_nor_restored(filled: Services, tmp_path: Path,
                                                                                   seed_path: Path) -> None:
    """Leftovers after a0ad148: the window no longer opens reports/…/x.exe, but a restore still put
    it in the data folder. Now it is checked with the rest, not unpacked, counted as skipped, and the
    restore goes on (the real reports come back)."""
    from ipdesk.services.backup import REPORT_SUFFIXES
    from ipdesk.services.reports.archive import FORMATS

    assert tuple(f".{f}" for f in FORMATS) == REPORT_SUFFIXES  # the two lists say the same
    planted = {"2026-11/IPD-x.exe": b"MZ synthetic test bytes", "2026-11/run.bat": b"echo synthetic",
               "2026-11/UPPER.PDF": b"%PDF synthetic upper-case suffix"}
    for name, data in planted.items():
        (filled.data_dir / "reports" / name).parent.mkdir(parents=True, exist_ok=True)
        (filled.data_dir / "reports" / name).write_bytes(data)
    out = tmp_path / "made-up.zip"
    create_backup(filled.db, filled.data_dir, out)  # a backup holds every file under reports (as a made-up one may)
    with zipfile.ZipFile(out) as zf:
        assert "reports/2026-11/IPD-x.exe" in zf.namelist()
    target = _fresh(tmp_path / "target", seed_path)
    try:
        result = restore_backup(target.db, target.data_dir, out)
        restored = _report_bytes(target.data_dir)
        assert "2026-11/IPD-x.exe" not in restored and "2026-11/run.bat" not in restored
        assert restored["2026-11/UPPER.PDF"] == planted["2026-11/UPPER.PDF"]  # a report, whatever the case
        assert restored == {k: v for k, v in _report_bytes(filled.data_dir).items()
                            if not k.endswith((".exe", ".bat"))}
        assert result.report_files_skipped == 2
        assert result.as_dict()["report_files"]["skipped"] == 2
        assert not list(target.data_dir.rglob("*.exe")) and not list(target.data_dir.rglob("*.bat"))
    finally:
        target.close()


def test_the_restore_command_says_how_many_files_were_not_restored(filled: Services, tmp_path: Path, seed_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli import main

    exe = filled.data_dir / "reports" / "2026-11" / "IPD-x.exe"
    exe.parent.mkdir(parents=True, exist_ok=True)
    exe.write_bytes(b"MZ synthetic test bytes")
    out = tmp_path / "made-up.zip"
    create_backup(filled.db, filled.data_dir, out)
    for lang, json_out in (("en", False), ("zh_CN", True)):
        data = tmp_path / f"new-{lang}"
        _fresh(data, seed_path).close()
        args = ["--data-dir", str(data), "--lang", lang, "restore", str(out), "--yes"] + (["--json"] if json_out else [])
        assert main(args) == 0
        printed = capsys.readouterr().out
        if json_out:
            assert json.loads(printed)["report_files"]["skipped"] == 1
        else:
            assert "1 file under reports in the backup is not a report (.pdf, .docx, .xlsx) and was not restored." \
                in printed.splitlines()
        assert not (data / "reports" / "2026-11" / "IPD-x.exe").exists()


@pytest.mark.parametrize("name", ["CON.pdf", "nul.docx", "Com1.xlsx", "a.pdf.", "a.pdf ", "a|b.pdf", "a?.pdf", 'a".pdf'])
def test_a_report_name_windows_cannot_create_is_refused_before_anything_is_restored(
        backup_and_target: tuple[Path, Services], tmp_path: Path, name: str) -> None:
    """QA 23b: a backup made on Linux (or made up) with reports/2026-11/CON.pdf passed the check and
    failed on Windows halfway through the restore; "a.pdf." was written as "a.pdf"."""
    good, target = backup_and_target
    with zipfile.ZipFile(good) as zf:
        report = next(n for n in zf.namelist() if n.startswith("reports/"))
    bad = _rewrite(good, tmp_path / "windows.zip", rename={report: report.rsplit("/", 1)[0] + "/" + name})
    _refused(target, bad, "unsafe", "unsafe or unknown entry name")


def test_two_report_names_differing_only_in_case_are_refused(backup_and_target: tuple[Path, Services],
                                                             tmp_path: Path) -> None:
    """On Windows (NTFS, FAT32, exFAT) the second would replace the first."""
    good, target = backup_and_target
    bad = tmp_path / "case.zip"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        report = next(n for n in zin.namelist() if n.startswith("reports/"))
        zout.writestr(report.rsplit("/", 1)[0] + "/" + report.rsplit("/", 1)[1].lower(), zin.read(report))
    _refused(target, bad, "unsafe", "differing only in case")


def test_report_files_windows_could_not_hold_are_left_out_of_a_backup(filled: Services, tmp_path: Path,
                                                                     seed_path: Path) -> None:
    """Files put into the reports folder by hand on Linux: "CON.pdf" and a second name differing only in
    case would make the backup one no restore takes; they are left out and the rest restores."""
    month = next((filled.data_dir / "reports").iterdir())
    archived = next(month.iterdir())
    (month / "CON.pdf").write_bytes(b"%PDF")
    (month / archived.name.lower()).write_bytes(archived.read_bytes())
    create_backup(filled.db, filled.data_dir, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        names = [n for n in zf.namelist() if n.startswith("reports/")]
    assert not any(n.endswith("/CON.pdf") for n in names)
    assert len({n.lower() for n in names}) == len(names) == 3
    new = _fresh(tmp_path / "new", seed_path)
    try:
        assert restore_backup(new.db, new.data_dir, tmp_path / "b.zip").report_files_written == 3
    finally:
        new.close()


def _folder_of_length(base: Path, units: int) -> Path:
    """A folder under `base` whose absolute path is exactly `units` characters long (ASCII), made of
    names of at most 100 characters."""
    folder = base.absolute()
    left = units - len(str(folder))
    assert left > 2, "the temporary folder is already too deep for this test"
    while left > 0:
        take = min(100, left - 1) if left - 1 > 1 else left - 1
        if left - (take + 1) == 1:  # never leave one character: a name needs its own separator
            take -= 1
        folder = folder / ("d" * take)
        left -= take + 1
    assert len(str(folder)) == units
    return folder


def _backup_with_report_named(filled: Services, tmp_path: Path, name: str) -> Path:
    """A backup holding, besides the archived reports, `reports/2026-11/<name>` (a report file put in
    the reports folder by hand: any report file of the folder goes into a backup)."""
    month = filled.data_dir / "reports" / "2026-11"
    month.mkdir(parents=True, exist_ok=True)
    (month / name).write_bytes(b"%PDF-1.4 a report with a long name")
    out = tmp_path / f"long-{len(name)}.zip"
    create_backup(filled.db, filled.data_dir, out)
    return out


@pytest.mark.parametrize("name_units", [150, 151])
def test_a_restore_checks_the_whole_path_against_windows_max_path(filled: Services, tmp_path: Path,
                                                                  seed_path: Path, name_units: int) -> None:
    """A report's place in the data folder, with the ".part" it is written as first, must fit
    Windows' MAX_PATH (259 characters and the closing NUL): checked for the folder restored into,
    before anything is restored. 259 fits; 260 is refused, naming the file, the length and what to do.
    (The restore's work folder, deeper than the data folder, does not count against it: its files
    have short names.)"""
    name = "长" * 10 + "x" * (name_units - 14) + ".pdf"  # CJK characters count one each, as on Windows
    assert len(name) == name_units
    backup = _backup_with_report_named(filled, tmp_path, name)
    # data folder + "/reports/2026-11/" (17) + name + ".part" (5): 259 with the shorter name, 260 with the longer
    data_dir = _folder_of_length(tmp_path / "deep", 259 - 17 - 150 - 5)
    target = _fresh(data_dir, seed_path)
    try:
        target.reports.record_service(client="深层文件夹里原有的记录", purpose="咨询", outcome="—")
        placed = data_dir / "reports" / "2026-11" / name
        if name_units == 150:
            result = restore_backup(target.db, target.data_dir, backup)
            assert placed.read_bytes() == b"%PDF-1.4 a report with a long name"
            assert len(str(placed.with_name(placed.name + ".part"))) == 259 and result.report_files_written == 4
            return
        before = _state(target)
        with pytest.raises(BackupError) as refused:
            restore_backup(target.db, target.data_dir, backup)
        assert refused.value.reason == "path_too_long"
        assert "260" in refused.value.zh and "259" in refused.value.zh and "没有恢复任何内容" in refused.value.zh
        assert name in refused.value.zh and "D:\\ipdesk" in refused.value.en and "--data-dir" in refused.value.en
        assert "more than the 259 Windows allows" in refused.value.en
        assert _state(target) == before  # no safety copy, no file, no row
        assert not list(data_dir.glob(".restore-*"))
    finally:
        target.close()


def test_the_name_a_different_file_is_kept_under_must_fit_too(filled: Services, tmp_path: Path,
                                                              seed_path: Path) -> None:
    """A different file already at the report's place is kept as `<name>.before-restore-<time><ext>`:
    that longer path is checked as well, before anything is restored."""
    name = "y" * 150 + ".pdf"
    backup = _backup_with_report_named(filled, tmp_path, name)
    data_dir = _folder_of_length(tmp_path / "deep", 259 - 17 - len(name) - 5)
    target = _fresh(data_dir, seed_path)
    try:
        there = data_dir / "reports" / "2026-11" / name
        there.parent.mkdir(parents=True)
        there.write_bytes(b"%PDF-1.4 another file under the same name")
        before = _state(target)
        with pytest.raises(BackupError) as refused:
            restore_backup(target.db, target.data_dir, backup)
        assert refused.value.reason == "path_too_long" and ".before-restore-" in refused.value.zh
        assert _state(target) == before and there.read_bytes() == b"%PDF-1.4 another file under the same name"
    finally:
        target.close()


def test_a_data_folder_too_deep_for_the_restore_work_folder_is_refused_first(filled: Services, tmp_path: Path,
                                                                             seed_path: Path) -> None:
    """Deeper still, even the work folder's short names do not fit: refused before anything is
    unpacked, naming the data folder (not the hidden work folder in it)."""
    backup = tmp_path / "b.zip"
    create_backup(filled.db, filled.data_dir, backup)
    data_dir = _folder_of_length(tmp_path / "deep", 245)
    target = _fresh(data_dir, seed_path)
    try:
        before = _state(target)
        with pytest.raises(BackupError) as refused:
            restore_backup(target.db, target.data_dir, backup)
        assert refused.value.reason == "path_too_long" and ".restore-" not in refused.value.zh
        assert f"245 个字符：{data_dir}" in refused.value.zh and "(245 characters" in refused.value.en
        assert _state(target) == before and not list(data_dir.glob(".restore-*"))
    finally:
        target.close()


def test_the_restore_counts_say_each_number_with_its_noun(tmp_path: Path) -> None:
    """What a restore brought back, unambiguous in both languages: each number with what it counts,
    singular or plural in English, the report files already here (same bytes) said apart."""
    from ipdesk.services.backup import BackupInfo, RestoreResult, restored_text

    info = BackupInfo(tmp_path / "b.zip", 1, "0.1.0", "2026-11-28T08:00:00Z", {}, (), 1)
    many = RestoreResult(info, None, {}, {"service_record": 12, "report_archive": 3, "saved_search": 1},
                         report_files_written=2, report_files_unchanged=1)
    assert restored_text(many).zh == ("从备份恢复了 12 条服务台账记录、3 份存档报告、1 条已保存的检索和 3 个报告文件"
                                      "（其中 1 个本机原已有，内容相同，未改动）。")
    assert restored_text(many).en == ("Restored from the backup: 12 service-record entries, 3 archived reports, "
                                      "1 saved search and 3 report files (1 of them already here, the same, left as "
                                      "they were).")
    one = RestoreResult(info, None, {}, {"service_record": 1, "report_archive": 1, "saved_search": 0},
                        report_files_written=1)
    assert restored_text(one).zh == "从备份恢复了 1 条服务台账记录、1 份存档报告和 1 个报告文件。"
    assert restored_text(one).en == "Restored from the backup: 1 service-record entry, 1 archived report and 1 report file."
    empty = RestoreResult(info, None, {}, {"service_record": 0})
    assert (restored_text(empty).zh, restored_text(empty).en) == ("从备份恢复了 0 条服务台账记录。",
                                                                  "Restored from the backup: 0 service-record entries.")


def test_restore_and_backup_are_not_confused_by_names_differing_only_in_case(filled: Services, tmp_path: Path,
                                                                            seed_path: Path) -> None:
    """On Windows "IPD-1.DOCX" is the record's "IPD-1.docx", and "….DOCX.PART" the restore's part: on
    Linux they are other files. A restore treats a report there under a case-variant name as the file
    at that place (the same bytes: given the record's name; different: kept aside, as a different file
    at the same name is), writes through a part of its own beside a case-variant part, and a backup
    leaves a case-variant part out as it leaves ".part" files out."""
    out = tmp_path / "b.zip"
    create_backup(filled.db, filled.data_dir, out)
    with zipfile.ZipFile(out) as zf:
        names = sorted(n for n in zf.namelist() if n.startswith("reports/"))
    new = _fresh(tmp_path / "new-pc", seed_path)
    try:
        same, other = (new.data_dir.joinpath(*n.split("/")) for n in names[:2])
        same.parent.mkdir(parents=True)
        other.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out) as zf:
            (same.parent / same.name.upper()).write_bytes(zf.read(names[0]))  # the same bytes, upper case
        (other.parent / other.name.upper()).write_bytes(b"a different file, upper case")
        part_twin = other.parent / (other.name.upper() + ".PART")
        part_twin.write_bytes(b"another writer's part")
        result = restore_backup(new.db, new.data_dir, out)
        assert result.report_files_unchanged == 1 and result.report_files_written == len(names) - 1
        assert same.is_file() and not (same.parent / same.name.upper()).exists()  # renamed, not doubled
        assert len(result.report_files_set_aside) == 1 and other.is_file()
        aside = new.data_dir / result.report_files_set_aside[0]
        assert aside.read_bytes() == b"a different file, upper case" and ".before-restore-" in aside.name
        assert not (other.parent / other.name.upper()).exists()
        assert part_twin.read_bytes() == b"another writer's part"
        assert _report_bytes(new.data_dir) == {**_report_bytes(filled.data_dir),
                                                    aside.relative_to(new.data_dir / "reports").as_posix():
                                                    b"a different file, upper case",
                                                    part_twin.relative_to(new.data_dir / "reports").as_posix():
                                                    b"another writer's part"}
        again = tmp_path / "again.zip"
        create_backup(new.db, new.data_dir, again)  # the case-variant part is not a report to back up
        with zipfile.ZipFile(again) as zf:
            assert not [n for n in zf.namelist() if n.lower().endswith(".part")]
    finally:
        new.close()


def test_before_a_restore_the_retention_it_will_apply_is_said_where_it_applies() -> None:
    from ipdesk.services.backup import retention_plan_text

    assert retention_plan_text(0, "") is None  # kept for ever: nothing to say
    said = retention_plan_text(3, "2023-11-28")
    assert said is not None and said.zh == (
        "这台电脑设置的保留期限为 3 年：本机早于 2023-11-28 的服务台账记录会在恢复前删除（安全副本中也不保留），"
        "备份中早于该日的记录恢复后也会在本机删除；备份文件本身不会改动。")
    assert said.en.startswith("The retention period set on this computer is 3 years: ")
