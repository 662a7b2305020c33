"""`ipdesk restore` as a real process (QA #2, #13): the question and the result say how many of the
backup's local records are older than the data update's here (kept) and how many newer ones replace
it, in both languages, and a second restore of the same backup updates nothing; a folder given
instead of the backup file is named as a folder, with the backups in it, newest first."""

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
    assert "Records imported as local: 0 to add, 2 to update." in asked.stdout
    assert ("4 local records are older than the data update's (as of the same date or earlier); the data "
            "update's versions will be kept.") in asked.stdout
    assert "2 records from a data update will be replaced by the backup's newer local copies" in asked.stdout

    done = ipdesk(data, "restore", str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert "本机导入记录：将新增 0，更新 2。" in done.stdout
    assert "4 条本机记录比数据更新中的旧（数据截至日期不晚于后者），将保留数据更新中的版本。" in done.stdout
    assert "本机导入记录：新增 0，更新 2" in done.stdout
    assert "4 条本机记录比数据更新中的旧（数据截至日期不晚于后者），保留了数据更新中的版本。" in done.stdout
    assert "2 条数据更新中的记录已由备份中较新的本机记录取代" in done.stdout
    lapsed = json.loads(ipdesk(data, "search", "CN999000000A", "--json").stdout)
    assert "lapsed" in json.dumps(lapsed)

    again = ipdesk(data, "restore", str(backup), "--yes", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["registry_rows"] == {"inserted": 0, "updated": 0, "kept_update": 4,
                                                         "replaced_update": 0}
    english = ipdesk(data, "restore", str(backup), "--yes", lang="en")
    assert "Records imported as local: 0 added, 0 updated" in english.stdout
    assert "4 local records were older than the data update's" in english.stdout


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
