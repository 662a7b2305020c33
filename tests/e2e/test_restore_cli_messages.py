"""`ipdesk restore` as a real process (QA #2 of qa12 and qa13, #13): the question and the result say
how many of the backup's local records have the number of a data update's record here (not restored,
the update's kept, whatever their dates, a local copy without 截至日期 too) and how to make the local
version win, in both languages, and a second restore of the same backup updates nothing; a folder
given instead of the backup file is named as a folder, with the backups in it, newest first."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.e2e.test_backup_cli import ipdesk
from tests.unit.test_backup_update_records import _fresh, make_old_backup, write_update

pytestmark = pytest.mark.e2e


@pytest.fixture
def backup_and_updated(tmp_path: Path, seed_path: Path) -> tuple[Path, Path]:
    backup = make_old_backup(tmp_path, seed_path)
    svc = _fresh(tmp_path / "new-pc", seed_path)
    try:
        write_update(svc, tmp_path / "update")
    finally:
        svc.close()
    return backup, tmp_path / "new-pc"


def test_the_question_and_the_result_count_the_update_records_kept(backup_and_updated: tuple[Path, Path]) -> None:
    backup, data = backup_and_updated
    asked = ipdesk(data, "restore", str(backup), lang="en", stdin="n\n")
    assert asked.returncode == 1, asked.stderr
    assert "Records imported as local: 1 to add, 0 to update." in asked.stdout
    assert ("7 local records in the backup have the same number as a record from a data update and will not be "
            "restored: the data update's versions are kept (later data updates keep correcting them). If the "
            "local version should really win, import the staff's file again as local data (ipdesk import "
            "--local).") in asked.stdout
    assert "newer" not in asked.stdout and "replaced by" not in asked.stdout

    done = ipdesk(data, "restore", str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert "本机导入记录：将新增 1，更新 0。" in done.stdout
    assert ("备份中有 7 条本机记录与数据更新中的记录编号相同，不会恢复，将保留数据更新中的版本（此后的数据更新会继续更正它们）。"
            "如确要以本机的版本为准，请把员工的原文件作为本机数据重新导入（ipdesk import --local）。") in done.stdout
    assert "本机导入记录：新增 1，更新 0" in done.stdout
    assert "备份中有 7 条本机记录与数据更新中的记录编号相同，没有恢复，保留了数据更新中的版本" in done.stdout
    assert "较新" not in done.stdout
    for number in ("CN999000000A", "CN999000005A"):  # 5: the local copy had no 截至日期 (qa13 #2)
        found = json.loads(ipdesk(data, "search", number, "--json").stdout)
        assert "lapsed" in json.dumps(found) and "in_force" not in json.dumps(found), number

    again = ipdesk(data, "restore", str(backup), "--yes", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["registry_rows"] == {"inserted": 0, "updated": 0, "kept_update": 7}
    english = ipdesk(data, "restore", str(backup), "--yes", lang="en")
    assert "Records imported as local: 0 added, 0 updated" in english.stdout
    assert ("7 local records in the backup have the same number as a record from a data update and were not "
            "restored: the data update's versions were kept") in english.stdout


def test_a_folder_names_the_backups_in_it_newest_first(backup_and_updated: tuple[Path, Path], tmp_path: Path) -> None:
    backup, data = backup_and_updated
    usb = tmp_path / "U盘 备份"
    usb.mkdir()
    for name, made in (("older.zip", "2026-11-01T01:00:00Z"), ("newer.zip", "2026-11-27T01:00:00Z")):
        with zipfile.ZipFile(backup) as src, zipfile.ZipFile(usb / name, "w") as dst:
            for item in src.infolist():
                data_bytes = src.read(item)
                if item.filename == "manifest.json":
                    manifest = json.loads(data_bytes)
                    manifest["created_at"] = made
                    data_bytes = json.dumps(manifest).encode()
                dst.writestr(item, data_bytes)
    (usb / "notes.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # a ZIP, not a backup: not listed
    os.utime(usb / "older.zip", (2e9, 2e9))  # the file times say nothing: the backups' own times count
    out = ipdesk(data, "restore", str(usb))
    assert out.returncode == 2
    assert f"{usb} 是一个文件夹，不是备份文件。请给出其中的一个备份文件（.zip）。" in out.stderr
    listed = [line.strip() for line in out.stderr.splitlines() if line.startswith("  ")]
    assert listed == [str(usb / "newer.zip"), str(usb / "older.zip")]
    assert "找不到备份文件" not in out.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    out = ipdesk(data, "restore", str(empty), lang="en")
    assert out.returncode == 2
    assert f"{empty} is a folder, not a backup file, and holds no ipdesk backup." in out.stderr
    shutil.rmtree(empty)
    out = ipdesk(data, "restore", str(empty), lang="en")
    assert out.returncode == 2 and f"No backup file at {empty}." in out.stderr
