"""A database left locked by another writer (a data update's apply on a data folder on a network
share, where readers wait for writers): the error is told in words, in both languages and on the
command line, with exit status 75, and the same request works once the lock is gone. The lock is
a real one, taken by another connection on the real file; only SQLite's wait is shortened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlean
from sqlalchemy.exc import OperationalError

from ipdesk.cli import main
from ipdesk.services import db as db_module
from ipdesk.services.db import DB_FILENAME, open_database
from ipdesk.services.errors import DatabaseBusyError, IpdeskError, UserInputError, as_expected


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)


@pytest.fixture
def shared_folder(short_wait: None, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder treated as on a share (rollback journal), made once before the lock is taken."""
    monkeypatch.setenv("IPDESK_DATA_ON_NETWORK", "1")
    open_database(data_dir).close()
    return data_dir


@pytest.fixture
def writer_lock(shared_folder: Path) -> Iterator[sqlean.Connection]:
    """Another connection in the middle of a write, as a data update's apply is."""
    other = sqlean.connect(str(shared_folder / DB_FILENAME), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_locked_database_is_said_in_words_and_works_once_unlocked(shared_folder: Path) -> None:
    db = open_database(shared_folder)
    other = sqlean.connect(str(shared_folder / DB_FILENAME), isolation_level=None)
    try:
        assert db.on_network
        with db.engine.connect() as conn:  # a pooled connection, open before the write begins
            assert conn.exec_driver_sql("SELECT count(*) FROM geo_indication").scalar() > 0
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(OperationalError) as raised, db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM geo_indication").scalar()
        told = as_expected(raised.value)
        assert isinstance(told, DatabaseBusyError) and told.exit_code == 75
        assert told.__cause__ is raised.value and "locked" in told.detail
        assert "数据更新或导入" in told.message("zh_CN") and "locked" not in told.message("zh_CN")
        assert "data update or an import" in told.message("en")
        other.execute("ROLLBACK")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM geo_indication").scalar() > 0
    finally:
        other.close()
        db.close()


def test_other_errors_are_left_as_they_are(tmp_path: Path) -> None:
    conn = sqlean.connect(str(tmp_path / "x.sqlite"))
    with pytest.raises(sqlean.OperationalError) as missing:
        conn.execute("SELECT * FROM no_such_table")
    conn.close()
    assert as_expected(missing.value) is missing.value
    refused = UserInputError("请输入要查找的内容。", "Type something to search for.")
    assert as_expected(refused) is refused
    other = RuntimeError("database is locked, but not SQLite's words")
    assert as_expected(other) is other
    explained = IpdeskError("说明", "explained")
    explained.__cause__ = sqlean.OperationalError("database is locked")
    assert as_expected(explained) is explained  # already explained: its own words stay


@pytest.mark.parametrize(("lang", "words"), [("zh_CN", "数据更新或导入"), ("en", "data update or an import")])
def test_the_command_line_says_it_and_exits_75(capsys: pytest.CaptureFixture[str], shared_folder: Path,
                                              writer_lock: sqlean.Connection, lang: str, words: str) -> None:
    code = main(["--data-dir", str(shared_folder), "--lang", lang, "search", "茶"])
    err = capsys.readouterr().err
    assert code == 75, err
    assert words in err and "Traceback" not in err and "OperationalError" not in err
    writer_lock.execute("ROLLBACK")
    assert main(["--data-dir", str(shared_folder), "--lang", lang, "search", "茶"]) == 0
