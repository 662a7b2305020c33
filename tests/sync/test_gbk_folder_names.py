"""Folders named in GBK bytes on a UTF-8 Linux (as `unzip` leaves a ZIP made on Chinese Windows, or a
stick written there): Python holds those bytes as lone surrogates, which a SQLAlchemy URL, SQLite's text
and UTF-8 JSON all refused. A data folder so named failed to open ("an unexpected problem"), a restore
failed writing its marker, and an update from such a folder was refused as "not in the right format"
(the source could not be recorded). Real data folders, a real repository, the real command line."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipdesk.cli import main
from ipdesk.services.db import open_database
from tests.sync.conftest import Repos

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows file names are Unicode: no undecodable bytes")


def gbk(name: str) -> str:
    """`name` as Python reads it from a folder named in GBK on a UTF-8 Linux."""
    return os.fsdecode(name.encode("gbk"))


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def _no_log_records() -> Iterator[None]:
    """The logs name these folders as Python holds them (the app's own log file escapes them); pytest's
    captured log would carry the lone surrogates to pytest-xdist, which cannot send them (INTERNALERROR)."""
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


def test_a_data_folder_named_in_gbk_opens_updates_and_restores(tmp_path: Path, tiny_seed: Path, repos: Repos,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / gbk("数据")
    assert "\udcca" in str(data)
    db = open_database(data, seed=tiny_seed)
    db.close()
    assert (data / "ipdesk.sqlite").is_file()  # the file SQLite opened is the one in the folder so named

    stick = tmp_path / gbk("更新包")
    shutil.copytree(repos.v1, stick)
    code, out, err = run(capsys, data, "sync", "--dir", str(stick), "--trusted-key", str(repos.pub_file))
    assert code == 0, err
    with sqlite3.connect(data / "ipdesk.sqlite") as con:
        assert con.execute("SELECT count(*) FROM patent WHERE dataset = 'patents'").fetchone()[0] == 120
        source = con.execute("SELECT value FROM sync_meta WHERE key = 'source'").fetchone()[0]
    assert "更新包" in source  # recorded as it reads
    state = json.loads((data / "sync" / "state.json").read_bytes())
    assert state["source"] == str(stick)  # the next check goes to the same folder, byte for byte

    code, out, err = run(capsys, data, "info")
    assert code == 0, err
    assert f"{tmp_path}/数据/ipdesk.sqlite" in out  # named as written, not as raw bytes

    backup = data / "备份.zip"
    assert run(capsys, data, "backup", "--out", str(backup))[0] == 0
    code, out, err = run(capsys, data, "restore", "--yes", str(backup))
    assert code == 0, err  # its marker (which names the backup) failed to be written: UnicodeEncodeError
    assert not (data / "ipdesk-restore-unfinished.json").exists()
