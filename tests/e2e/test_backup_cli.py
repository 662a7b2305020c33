"""`ipdesk backup` and `ipdesk restore` as real processes: JSON, the confirmation, both languages,
exit status 2 with a clear message for bad input, and the window's data folder left alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def ipdesk(data_dir: Path, *args: str, lang: str = "zh_CN", stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "ipdesk", "--data-dir", str(data_dir), "--lang", lang, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, input=stdin)


@pytest.fixture
def with_records(data_dir: Path) -> Path:
    from ipdesk.services.container import build_services

    svc = build_services(data_dir)
    try:
        for i in range(3):
            svc.reports.record_service(client=f"合成测试合作社{i}", purpose="咨询", outcome="已答复")
    finally:
        svc.close()
    folder = data_dir / "reports" / "2026-11"
    folder.mkdir(parents=True)
    (folder / "IPD-20261127-001.pdf").write_bytes(b"%PDF-1.7 synthetic")
    return data_dir


def _clients(data_dir: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(data_dir / "ipdesk-local.sqlite") as con:
        return [r[0] for r in con.execute("SELECT client FROM service_record ORDER BY id")]


def test_backup_then_restore_on_a_new_computer(with_records: Path, tmp_path: Path, seed_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    out = ipdesk(with_records, "backup", "--out", str(usb / "b.zip"), "--json")
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert made["ok"] and made["counts"]["service_record"] == 3 and made["counts"]["report_files"] == 1
    settings = json.loads((with_records / "settings.json").read_text(encoding="utf-8"))
    assert settings["last_backup_at"] == made["created_at"]

    new = tmp_path / "new-pc"  # nothing there yet: the restore sets the folder up
    out = ipdesk(new, "restore", str(usb / "b.zip"), "--yes", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["ok"] and result["restored"]["service_record"] == 3
    assert result["report_files"]["written"] == 1 and Path(result["safety_copy"]).exists()
    assert _clients(new) == _clients(with_records)
    assert (new / "reports" / "2026-11" / "IPD-20261127-001.pdf").read_bytes() == b"%PDF-1.7 synthetic"


def test_restore_asks_first_and_a_no_changes_nothing(with_records: Path, tmp_path: Path) -> None:
    out = ipdesk(with_records, "backup", "--out", str(tmp_path))  # a folder: the default name inside it
    assert out.returncode == 0, out.stderr
    backup = next(tmp_path.glob("ipdesk-备份-*.zip"))
    assert "已备份到" in out.stdout and "服务台账记录 3" in out.stdout
    target = tmp_path / "target"
    target.mkdir()
    shutil.copyfile(with_records / "ipdesk.sqlite", target / "ipdesk.sqlite")
    before = sorted(p.name for p in target.iterdir())

    out = ipdesk(target, "restore", str(backup), lang="en", stdin="n\n")
    assert out.returncode == 1
    assert "It holds: service-record entries 3" in out.stdout and "To be replaced" in out.stdout
    assert "Restore now?" in out.stderr and "Cancelled; nothing was changed." in out.stdout
    assert not any(p.name.startswith("ipdesk-local.before-restore") for p in target.iterdir())
    assert not (target / "reports").exists() and _clients(target) == []
    assert set(before) <= {p.name for p in target.iterdir()}

    out = ipdesk(target, "restore", str(backup), stdin="y\n")
    assert out.returncode == 0, out.stderr
    assert "从备份恢复了 3 条服务台账记录" in out.stdout and "原有的服务台账已另存为" in out.stdout
    assert _clients(target) == _clients(with_records)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("backup",), "Name the backup file or folder with --out"),
        (("backup", "--out", "{tmp}/no-such-folder/b.zip"), "Cannot write the backup"),
        (("backup", "--out", "{tmp}/b.txt"), "end its name in .zip"),
        (("restore", "{tmp}/missing.zip", "--yes"), "No backup file at"),
        (("restore", "{tmp}/corrupt.zip", "--yes"), "damaged or incomplete"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(with_records: Path, tmp_path: Path, args: tuple[str, ...],
                                                 message: str) -> None:
    (tmp_path / "corrupt.zip").write_bytes(b"PK\x03\x04 not really a backup")
    out = ipdesk(with_records, *[a.replace("{tmp}", str(tmp_path)) for a in args], lang="en")
    assert out.returncode == 2, out.stderr
    assert message in out.stderr and "Traceback" not in out.stderr
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob("*.zip.part"))


def test_backups_into_a_folder_keep_each_other_and_a_named_file_needs_force(with_records: Path, tmp_path: Path) -> None:
    """QA #3: the second backup the same day was written over the first without a word."""
    usb = tmp_path / "usb"
    usb.mkdir()
    for _ in range(2):
        assert ipdesk(with_records, "backup", "--out", str(usb)).returncode == 0
    out = ipdesk(with_records, "backup", "--out", str(usb), lang="en")
    assert out.returncode == 0, out.stderr
    zh = sorted(p.name for p in usb.glob("ipdesk-备份-*.zip"))
    en = [p.name for p in usb.glob("ipdesk-backup-*.zip")]
    assert len(zh) == 2 and len(en) == 1 and zh[0] != zh[1]
    first = usb / zh[0]
    kept = first.read_bytes()

    for lang, words in (("zh_CN", "确要覆盖它，请加 --force"), ("en", "To replace it, add --force")):
        out = ipdesk(with_records, "backup", "--out", str(first), lang=lang)
        assert out.returncode == 2 and words in out.stderr, out.stderr
    assert first.read_bytes() == kept and len(list(usb.iterdir())) == 3
    for flag in ("--force", "--overwrite"):
        out = ipdesk(with_records, "backup", "--out", str(first), flag, "--json")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["path"] == str(first)
    assert len(list(usb.iterdir())) == 3


def test_write_errors_in_one_language(with_records: Path, tmp_path: Path) -> None:
    """QA #14: "（文件夹不存在 / the folder does not exist）" in both languages."""
    missing = str(tmp_path / "nonexist" / "a.zip")
    zh = ipdesk(with_records, "backup", "--out", missing)
    en = ipdesk(with_records, "backup", "--out", missing, lang="en")
    assert zh.returncode == en.returncode == 2
    assert "（文件夹不存在）" in zh.stderr and "does not exist" not in zh.stderr
    assert "(the folder does not exist)" in en.stderr and "文件夹" not in en.stderr


def test_a_folder_that_does_not_exist_is_named_as_a_folder(with_records: Path, tmp_path: Path) -> None:
    """QA 18c N9: `--out …/nonexist/` (a folder meant, not made yet) said "end its name in .zip
    (nonexist ends in nothing)"; and "（nonexist 是 无后缀）" was no Chinese."""
    for given in (f"{tmp_path / 'nonexist'}{os.sep}", str(tmp_path / "nonexist")):
        zh = ipdesk(with_records, "backup", "--out", given)
        en = ipdesk(with_records, "backup", "--out", given, lang="en")
        assert zh.returncode == en.returncode == 2
        assert f"找不到文件夹：{tmp_path / 'nonexist'}" in zh.stderr and "请先建立它" in zh.stderr
        assert "无后缀" not in zh.stderr and "Traceback" not in zh.stderr
        assert f"There is no folder {tmp_path / 'nonexist'}" in en.stderr and "ends in nothing" not in en.stderr
    assert not (tmp_path / "nonexist").exists() and not list(tmp_path.glob("*.part"))
    (tmp_path / "b").mkdir()
    en = ipdesk(with_records, "backup", "--out", str(tmp_path / "b" / "backup.txt"), lang="en")
    assert "end its name in .zip (backup.txt ends in .txt)" in en.stderr
    zh = ipdesk(with_records, "backup", "--out", str(tmp_path / "b" / "backup.txt"))
    assert "文件名请以 .zip 结尾（backup.txt 的后缀是 .txt）" in zh.stderr


def test_restore_waits_for_the_window_to_close(with_records: Path, tmp_path: Path) -> None:
    from ipdesk.services.db import InstanceLock

    assert ipdesk(with_records, "backup", "--out", str(tmp_path / "b.zip")).returncode == 0
    lock = InstanceLock(with_records)  # as the open window holds it
    lock.acquire()
    try:
        out = ipdesk(with_records, "restore", str(tmp_path / "b.zip"), "--yes", lang="en")
    finally:
        lock.release()
    assert out.returncode == 5 and "Restore from its Data & sync page" in out.stderr
    assert not any(p.name.startswith("ipdesk-local.before-restore") for p in with_records.iterdir())
