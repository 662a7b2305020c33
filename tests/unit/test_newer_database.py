"""A data folder a newer ipdesk has opened (a centre that went back to an older installer: the
uninstaller keeps the data folder), QA 19b N1: the registry's schema revision is one this version
does not know. It is refused in words, in both languages, with exit status 7 (NewerVersionError), as
the local store written by a newer ipdesk is, by the same words; nothing is changed; `ipdesk backup`
still saves the service record (it lives in the local store); `ipdesk kiosk supervise` stops instead
of restarting the shell for ever. Real SQLite files throughout."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from ipdesk.cli import main
from ipdesk.commands.kiosk_cmd import NEWER_DATA_EXIT, supervise
from ipdesk.services.backup import LOCAL_MEMBER, read_backup_info, restore_backup
from ipdesk.services.container import build_services
from ipdesk.services.db import (
    DB_FILENAME,
    LOCAL_DB_FILENAME,
    LOCAL_SCHEMA_VERSION,
    SCHEMA_HEAD,
    open_database,
)
from ipdesk.services.errors import DataFolderError, NewerVersionError

NEWER = "9001"  # a revision no migration of this version has


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _set_revision(db_file: Path, revision: str) -> None:
    with contextlib.closing(sqlite3.connect(db_file)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))


@pytest.fixture
def newer(tmp_path: Path, seed_path: Path) -> Path:
    """A data folder this version set up (one service-record entry), whose registry a newer ipdesk
    then upgraded to a revision this one does not know."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(seed_path, data / DB_FILENAME)
    services = build_services(data)
    services.reports.record_service(client="合成测试合作社", purpose="咨询", outcome="已答复", staff="王",
                                    when=dt.datetime(2026, 11, 3, 9, 30))
    services.close()
    _set_revision(data / DB_FILENAME, NEWER)
    return data


def test_a_registry_at_an_unknown_revision_is_refused_in_words_and_left_alone(newer: Path) -> None:
    before = _sha(newer / DB_FILENAME)
    with pytest.raises(NewerVersionError) as caught:
        open_database(newer)
    err = caught.value
    assert isinstance(err, DataFolderError) and err.exit_code == 7 and not err.local
    en, zh = err.message("en"), err.message("zh_CN")
    assert f"format {NEWER}; this version knows up to {SCHEMA_HEAD}" in en, en
    assert "newer ipdesk" in en and "Install that newer version again" in en and "ipdesk backup" in en
    assert "CommandError" not in en and "Can't locate" not in en
    assert f"格式 {NEWER}" in zh and SCHEMA_HEAD in zh and "更新版本的 ipdesk" in zh and "ipdesk backup" in zh
    assert _sha(newer / DB_FILENAME) == before  # not migrated, not touched
    with contextlib.closing(sqlite3.connect(newer / DB_FILENAME)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (NEWER,)
    open_database(newer.parent / "fresh").close()  # nothing was left held: another folder opens as ever


def test_a_newer_local_store_is_refused_by_the_same_words(tmp_path: Path, seed_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(seed_path, data / DB_FILENAME)
    open_database(data).close()
    with contextlib.closing(sqlite3.connect(data / LOCAL_DB_FILENAME)) as conn, conn:
        conn.execute(f"PRAGMA user_version = {LOCAL_SCHEMA_VERSION + 1}")
    with pytest.raises(NewerVersionError) as caught:
        open_database(data)
    err = caught.value
    assert err.local and err.exit_code == 7
    assert f"newer ipdesk (format {LOCAL_SCHEMA_VERSION + 1}; this version knows up to {LOCAL_SCHEMA_VERSION})" \
        in err.message("en")
    assert "ipdesk backup" not in err.message("en")  # the service record itself cannot be read
    (data / LOCAL_DB_FILENAME).rename(data / "moved.sqlite")  # the file was let go (Windows could not move it)


@pytest.mark.parametrize("command", [["info"], ["search", "五常"], ["--lang", "zh_CN", "info"]])
def test_every_command_says_so_with_exit_status_7(newer: Path, command: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(newer), "--lang", "en", *command]) == 7
    err = capsys.readouterr().err
    assert "unexpected error" not in err.lower() and "CommandError" not in err
    if "zh_CN" in command:
        assert "更新版本的 ipdesk" in err and "请重新安装那个更新的版本" in err
    else:
        assert "was upgraded by a newer ipdesk" in err and "Install that newer version again" in err


def test_backup_still_saves_the_service_record_when_only_the_registry_is_newer(
        newer: Path, tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    assert main(["--data-dir", str(newer), "--lang", "en", "backup", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "not the records imported as local" in captured.err
    assert "Backed up to" in captured.out and "service-record entries 1" in captured.out
    [made] = list(out.glob("*.zip"))
    with zipfile.ZipFile(made) as zf:
        names = zf.namelist()
    assert LOCAL_MEMBER in names and not [n for n in names if n.startswith("registry/")]
    info = read_backup_info(made)  # a sound backup, checked whole
    assert info.counts["service_record"] == 1
    # and it restores onto another computer's folder
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(seed_path, other / DB_FILENAME)
    services = build_services(other)
    try:
        restore_backup(services.db, other, made)
        entries = services.reports.service_entries()
        assert [e.client for e in entries] == ["合成测试合作社"]
    finally:
        services.close()


def test_backup_refuses_when_the_local_store_is_a_newer_ones(newer: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    with contextlib.closing(sqlite3.connect(newer / LOCAL_DB_FILENAME)) as conn, conn:
        conn.execute(f"PRAGMA user_version = {LOCAL_SCHEMA_VERSION + 1}")
    out = tmp_path / "usb"
    out.mkdir()
    assert main(["--data-dir", str(newer), "--lang", "en", "backup", "--out", str(out)]) == 7
    assert "local service-record file" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_supervise_stops_at_a_newer_data_folder() -> None:
    statuses = iter([3, NEWER_DATA_EXIT, 0])
    calls: list[int] = []
    status = supervise(["shell"], run=lambda cmd: calls.append(1) or next(statuses), sleep=lambda s: None)
    assert status == NEWER_DATA_EXIT == 7 and len(calls) == 2  # restarted after the crash (3), not after 7


def test_the_kiosk_shell_on_a_newer_data_folder_is_not_restarted(newer: Path,
                                                                 capfd: pytest.CaptureFixture[str]) -> None:
    """The real shell process refuses (status 7) and says why; the real supervisor stops."""
    assert main(["--data-dir", str(newer), "--lang", "en", "kiosk", "supervise", "--delay", "0"]) == 7
    err = capfd.readouterr().err
    assert "was upgraded by a newer ipdesk" in err  # the shell's own words
    assert err.count("not restarting") == 1 and "restarting in" not in err
