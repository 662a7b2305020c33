"""The dataset table's `updated_at` is UTC whoever wrote it (QA 22c leftovers): an import and the
seed build stored local time while a data update's apply stored UTC. Every writer now stores naive
UTC (models.dataset_time), migration 0006 converts what imports and the seed build had stored, and a
backup made before it is read the same way. The computer's zone is set to China's (UTC+8, no summer
time) so that local time and UTC differ; real SQLite files throughout."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from ipdesk.services.db import (
    DB_FILENAME,
    LOCAL_DB_FILENAME,
    SCHEMA_HEAD,
    _alembic_config,
    make_engine,
    open_database,
    schema_revision,
    sqlite_url,
)
from ipdesk.services.models import Dataset, dataset_time, dataset_time_shown
from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="sets the process's time zone (POSIX)")

BEIJING = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def in_china() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "CST-8"  # POSIX form: UTC+8, no summer time (needs no tz database)
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _close_to_now(stored: dt.datetime | None) -> bool:
    return stored is not None and abs(stored - _utc_now()) < dt.timedelta(hours=1)


def test_the_helpers_store_utc_and_show_local_time(in_china: None) -> None:
    assert dt.datetime(2026, 11, 28, 12, 30).astimezone().utcoffset() == dt.timedelta(hours=8)  # the zone took
    assert dataset_time(dt.datetime(2026, 11, 28, 12, 30, 5, 123)) == dt.datetime(2026, 11, 28, 4, 30, 5)
    assert dataset_time(dt.datetime(2026, 11, 28, 4, 30, tzinfo=dt.UTC)) == dt.datetime(2026, 11, 28, 4, 30)
    assert dataset_time_shown(dt.datetime(2026, 11, 28, 4, 30)) == dt.datetime(2026, 11, 28, 12, 30)
    assert _close_to_now(dataset_time())


def test_an_import_stores_utc(in_china: None, tmp_path: Path, services: object) -> None:
    importer = services.importer  # type: ignore[attr-defined]
    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(3))
    importer.commit(importer.stage([path], as_of=dt.date(2026, 11, 1)))
    with services.db.session() as s:  # type: ignore[attr-defined]
        ds = s.get(Dataset, "patents")
        assert ds is not None and ds.origin == "import"
        assert _close_to_now(ds.updated_at), ds.updated_at  # was local time: eight hours ahead


def _store_at_0005(data: Path, rows: list[tuple[str, str, str, str]]) -> None:
    data.mkdir()
    engine = make_engine(sqlite_url(data / DB_FILENAME))
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn, data / LOCAL_DB_FILENAME), "0005")
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM dataset")
            conn.exec_driver_sql("INSERT INTO dataset (name, version, origin, source, edition, record_count, "
                                 "updated_at) VALUES (?, 1, ?, ?, '', 0, ?)", rows)
        assert schema_revision(engine) == "0005"
    finally:
        engine.dispose()


def test_migration_0006_converts_the_local_times_of_imports_and_the_seed(in_china: None, tmp_path: Path) -> None:
    """Told apart by the row's writer: an update's row (origin sync, no import's note) was UTC;
    the seed build's and an import's rows were local time, as is an update's dataset an import
    merged into (its source carries the import's note)."""
    data = tmp_path / "data"
    _store_at_0005(data, [
        ("divisions", "seed", "民政部 / MCA", "2026-11-20 18:05:00.000000"),  # SQLAlchemy's form
        ("local_patents", "local", "a.csv（2026-11-27 09:00 导入） / a.csv (imported 2026-11-27 09:00)",
         "2026-11-27 09:00:31.000000"),
        ("trademarks", "import", "t.csv（2026-11-28 07:59 导入） / t.csv (imported 2026-11-28 07:59)",
         "2026-11-28 07:59:00.000000"),  # local morning: the previous day in UTC
        ("patents", "sync", "国家知识产权局 / CNIPA", "2026-11-27 02:00:00"),  # the apply's form, UTC
        ("gi", "sync", "国家知识产权局；另含 g.csv（2026-11-27 10:00 导入） / CNIPA; plus g.csv (imported …)",
         "2026-11-27 10:00:07.000000"),
        ("classifications", "seed", "", None),
    ])
    db = open_database(data)
    try:
        assert schema_revision(db.engine) == SCHEMA_HEAD
        with db.session() as s:
            stored = {d.name: d.updated_at for d in s.query(Dataset)}
    finally:
        db.close()
    assert stored == {
        "divisions": dt.datetime(2026, 11, 20, 10, 5),
        "local_patents": dt.datetime(2026, 11, 27, 1, 0, 31),
        "trademarks": dt.datetime(2026, 11, 27, 23, 59),
        "patents": dt.datetime(2026, 11, 27, 2, 0),  # kept: UTC already
        "gi": dt.datetime(2026, 11, 27, 2, 0, 7),
        "classifications": None,
    }
    # a second start changes nothing (the head is current)
    db = open_database(data)
    try:
        with db.session() as s:
            assert {d.name: d.updated_at for d in s.query(Dataset)} == stored
    finally:
        db.close()


def test_a_backup_from_before_0006_restores_its_local_time_as_utc(in_china: None, tmp_path: Path,
                                                                     services: object) -> None:
    """A backup carries its local datasets' rows: one written since carries the offset, one from an
    older version a naive local time; both are restored as UTC."""
    from ipdesk.services.backup import DATASET_MEMBER, create_backup, restore_backup

    importer = services.importer  # type: ignore[attr-defined]
    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(2))
    importer.commit(importer.stage([path], as_of=dt.date(2026, 11, 1), local=True))
    db = services.db  # type: ignore[attr-defined]
    with db.session() as s:
        [name] = [d.name for d in s.query(Dataset) if d.name.startswith("local")]
        s.get(Dataset, name).updated_at = dt.datetime(2026, 11, 27, 1, 0, 31)  # type: ignore[union-attr]
        s.commit()
    made = create_backup(db, db.path.parent, tmp_path / "new.zip")
    with zipfile.ZipFile(made.path) as zf:
        [row] = [json.loads(line) for line in zf.read(DATASET_MEMBER).decode("utf-8").splitlines()]
    assert row["updated_at"] == "2026-11-27T01:00:31+00:00"  # with its offset
    restore_backup(db, db.path.parent, made.path)
    with contextlib.closing(sqlite3.connect(db.path)) as conn:
        [(value,)] = conn.execute("SELECT updated_at FROM dataset WHERE name = ?", (name,))
    assert value.startswith("2026-11-27 01:00:31")

    # the same backup as an older version wrote it: the time without an offset, in local time
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(made.path) as src, zipfile.ZipFile(old, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == DATASET_MEMBER:
                data = data.replace(b"2026-11-27T01:00:31+00:00", b"2026-11-27T09:00:31")
                import hashlib

                for m in manifest["members"]:
                    if m["name"] == DATASET_MEMBER:
                        m["size"], m["sha256"] = len(data), hashlib.sha256(data).hexdigest()
            if info.filename != "manifest.json":
                dst.writestr(info.filename, data)
        dst.writestr("manifest.json", json.dumps(manifest))
    with db.session() as s:
        s.get(Dataset, name).updated_at = dt.datetime(2020, 1, 1)  # type: ignore[union-attr]
        s.commit()
    restore_backup(db, db.path.parent, old)
    with contextlib.closing(sqlite3.connect(db.path)) as conn:
        [(value,)] = conn.execute("SELECT updated_at FROM dataset WHERE name = ?", (name,))
    assert value.startswith("2026-11-27 01:00:31"), value  # was kept as 09:00:31, local time taken for UTC
