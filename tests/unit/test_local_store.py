"""The local store: the service record and report archive in a file of their own.

What it is for: a data update holds the registry file's write lock for the whole apply, and the
staff member logging a visit or exporting a report meanwhile must neither wait nor fail; and a
damaged registry file must not take the service record with it. Databases from before it move
their rows into it on the first start, without losing or doubling any.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlean
from sqlalchemy import select

from ipdesk.services.db import (
    DB_FILENAME,
    LOCAL_DB_FILENAME,
    SCHEMA_HEAD,
    _alembic_config,
    make_engine,
    migrate,
    move_local_rows,
    open_database,
    schema_revision,
    sqlite_url,
)
from ipdesk.services.errors import CorruptDatabaseError
from ipdesk.services.models import LOCAL_TABLES, ServiceRecord
from ipdesk.services.reports.archive import ReportsService
from ipdesk.services.search import SearchService
from ipdesk.services.settings import Settings


def _tables(path: Path) -> set[str]:
    conn = sqlean.connect(str(path))
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _old_folder(folder: Path) -> Path:
    """A data folder as an ipdesk from before the local store left it: schema 0002, with a report,
    the service record entry that points at it, one without a report, and a saved search."""
    from alembic import command

    folder.mkdir(parents=True)
    engine = make_engine(sqlite_url(folder / DB_FILENAME))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn, None), "0002")
        conn.exec_driver_sql(
            "INSERT INTO report_archive (id, created_at, report_no, title, format, path, sha256, meta_json) "
            "VALUES (7, '2026-03-01 10:00:00.000000', 'IPD-20260301-001', '合成测试报告', 'pdf', 'r.pdf', 'ab', '{}')")
        conn.exec_driver_sql(
            "INSERT INTO service_record (id, created_at, staff, client, purpose, outcome, report_id) VALUES "
            "(3, '2026-03-01 10:00:00.000000', '合成测试员', '合成测试合作社', '地理标志咨询', '可以使用', 7), "
            "(4, '2026-03-02 09:30:00', '合成测试员', '合成测试农户', '商标咨询', '已答复', NULL)")
        conn.exec_driver_sql("INSERT INTO saved_search (id, name, query, filters_json, created_at) VALUES "
                             "(1, '合成测试检索', '稻', '{}', '2026-03-01 00:00:00')")
    engine.dispose()
    return folder


def _local_rows(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlean.connect(str(folder / LOCAL_DB_FILENAME))
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in LOCAL_TABLES}
    finally:
        conn.close()


def test_a_new_folder_has_both_files(tmp_path: Path, seed_path: Path) -> None:
    db = open_database(tmp_path / "data", seed=seed_path)
    db.close()
    assert not _tables(tmp_path / "data" / DB_FILENAME) & set(LOCAL_TABLES)
    assert set(LOCAL_TABLES) <= _tables(tmp_path / "data" / LOCAL_DB_FILENAME)


def test_an_older_database_moves_its_records_into_the_local_store(tmp_path: Path) -> None:
    folder = _old_folder(tmp_path / "data")
    db = open_database(folder)
    try:
        assert schema_revision(db.engine) == SCHEMA_HEAD
        assert not _tables(folder / DB_FILENAME) & set(LOCAL_TABLES)
        rows = _local_rows(folder)
        assert [r[0] for r in rows["report_archive"]] == [7]
        assert [(r[0], r[3], r[6]) for r in rows["service_record"]] == [(3, "合成测试合作社", 7), (4, "合成测试农户", None)]
        assert [r[1] for r in rows["saved_search"]] == ["合成测试检索"]
        reports = ReportsService(db, SearchService(db.engine), Settings(), folder)
        entries = reports.service_entries()
        assert [(e.client, e.report_no) for e in entries] == [("合成测试农户", ""), ("合成测试合作社", "IPD-20260301-001")]
        new_id = reports.record_service(client="合成测试新客户", purpose="咨询", outcome="已答复")
        assert new_id == 5  # after the moved entries, none overwritten
    finally:
        db.close()
    again = open_database(folder)  # a second start moves nothing more
    again.close()
    assert len(_local_rows(folder)["service_record"]) == 3


def test_a_move_cut_short_is_done_again_without_doubles(tmp_path: Path) -> None:
    """The copy committed, then the process died before the old tables were dropped."""
    folder = _old_folder(tmp_path / "data")
    engine = make_engine(sqlite_url(folder / DB_FILENAME))
    with engine.connect() as conn:
        assert move_local_rows(conn, folder / LOCAL_DB_FILENAME) == 4
    assert schema_revision(engine) == "0002"
    engine.dispose()
    db = open_database(folder)
    db.close()
    rows = _local_rows(folder)
    assert [r[0] for r in rows["service_record"]] == [3, 4]
    assert [r[0] for r in rows["report_archive"]] == [7]


def test_records_are_never_dropped_without_a_store_to_move_them_to(tmp_path: Path) -> None:
    folder = _old_folder(tmp_path / "data")
    engine = make_engine(sqlite_url(folder / DB_FILENAME))
    with pytest.raises(RuntimeError, match="local store"):
        migrate(engine)  # no local store named
    assert schema_revision(engine) == "0002"
    engine.dispose()
    assert set(LOCAL_TABLES) <= _tables(folder / DB_FILENAME)


def test_the_record_is_written_while_an_update_holds_the_database(tmp_path: Path, seed_path: Path) -> None:
    """A data update's apply holds the registry file's write lock for its whole transaction; with
    one file, logging a visit then failed after the busy timeout ("database is locked")."""
    db = open_database(tmp_path / "data", seed=seed_path)
    update = sqlean.connect(str(db.path), timeout=0)
    try:
        update.execute("BEGIN IMMEDIATE")  # what apply_items holds, from another connection
        update.execute("UPDATE dataset SET record_count = record_count")
        reports = ReportsService(db, SearchService(db.engine), Settings(), db.data_dir)
        record_id = reports.record_service(client="合成测试合作社", purpose="咨询", outcome="已答复")
        with db.local_store.session() as s:
            assert s.scalar(select(ServiceRecord.client).where(ServiceRecord.id == record_id)) == "合成测试合作社"
        assert reports.next_report_no(dt.datetime(2026, 11, 26)) == "IPD-20261126-001"
        update.execute("ROLLBACK")
    finally:
        update.close()
        db.close()


def test_a_damaged_registry_file_leaves_the_service_record(tmp_path: Path, seed_path: Path) -> None:
    folder = tmp_path / "data"
    db = open_database(folder, seed=seed_path)
    ReportsService(db, SearchService(db.engine), Settings(), folder).record_service(
        client="合成测试合作社", purpose="咨询", outcome="已答复")
    db.close()
    (folder / DB_FILENAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(folder, seed=seed_path)
    assert not info.value.local and LOCAL_DB_FILENAME in info.value.message("en")
    db = open_database(folder, seed=seed_path)  # started again from the seed
    try:
        entries = ReportsService(db, SearchService(db.engine), Settings(), folder).service_entries()
        assert [e.client for e in entries] == ["合成测试合作社"]
    finally:
        db.close()


def test_a_damaged_local_store_is_set_aside_and_explained(tmp_path: Path, seed_path: Path) -> None:
    folder = tmp_path / "data"
    open_database(folder, seed=seed_path).close()
    (folder / LOCAL_DB_FILENAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(folder, seed=seed_path)
    assert info.value.local
    assert "服务台账" in info.value.message("zh_CN") and "service record" in info.value.message("en")
    moved = Path(info.value.moved_to)
    assert moved.exists() and moved.name.startswith(LOCAL_DB_FILENAME + ".corrupt-")
    assert (folder / DB_FILENAME).exists()  # the registry is not touched
    db = open_database(folder, seed=seed_path)  # goes on with an empty service record
    try:
        assert ReportsService(db, SearchService(db.engine), Settings(), folder).service_entries() == []
    finally:
        db.close()


def test_moved_rows_are_byte_for_byte_what_was_stored(tmp_path: Path) -> None:
    folder = _old_folder(tmp_path / "data")
    conn = sqlean.connect(str(folder / DB_FILENAME))
    stored = {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in LOCAL_TABLES}
    conn.close()
    open_database(folder).close()
    moved = _local_rows(folder)
    for table, rows in stored.items():  # columns added to the local store since come last, defaulted
        width = len(rows[0])
        assert [row[:width] for row in moved[table]] == rows
        assert all(value == "" for row in moved[table] for value in row[width:])


def test_a_local_store_from_before_the_detail_column_gains_it(tmp_path: Path) -> None:
    """A store made before service_record.detail existed gets the column, its rows kept, and an
    entry logged with a detail reads back."""
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlean.connect(str(folder / LOCAL_DB_FILENAME))
    conn.executescript(
        "CREATE TABLE report_archive (id INTEGER PRIMARY KEY, created_at DATETIME, report_no VARCHAR(40) NOT NULL,"
        " title TEXT NOT NULL, format VARCHAR(10) NOT NULL, path TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL,"
        " meta_json TEXT NOT NULL);"
        "CREATE TABLE service_record (id INTEGER PRIMARY KEY, created_at DATETIME, staff VARCHAR(80) NOT NULL,"
        " client VARCHAR(200) NOT NULL, purpose TEXT NOT NULL, outcome TEXT NOT NULL,"
        " report_id INTEGER REFERENCES report_archive (id));"
        "INSERT INTO service_record VALUES (1, '2026-03-02 09:30:00', '合成测试员', '合成测试农户', '商标咨询', '已答复', NULL);"
        "PRAGMA user_version = 1;")
    conn.close()
    from ipdesk.services.db import open_local_store

    store = open_local_store(folder)
    try:
        with store.session() as s:
            old = s.get(ServiceRecord, 1)
            assert old is not None and old.client == "合成测试农户" and old.detail == ""
            s.add(ServiceRecord(created_at=dt.datetime(2026, 3, 3), staff="", client="", purpose="商标注册咨询",
                                outcome="x", detail="品牌名称检查：想注册什么名称？合成测试"))
        with store.session() as s:
            assert s.scalar(select(ServiceRecord.detail).where(ServiceRecord.id == 2)) == "品牌名称检查：想注册什么名称？合成测试"
    finally:
        store.close()
    store = open_local_store(folder)  # a second start adds nothing more
    store.close()
