"""Migration 0005 and the other ways a patent status stored as written reaches this version (QA 19b
N2): the 2026-11-25/26 versions stored 无效, 未缴年费专利权终止 … as the list gave them, and the patent
finder called those patents "status unknown". The migration stores them as the import does today
(and their search documents' status with them); a data update from a publisher still on an old
version, and a backup one of them made, are read the same way. Real SQLite files; the old-shaped
store is made by the migration chain (0001 … 0004), then raw rows, then the upgrade to the head."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from alembic import command

from ipdesk.domain.patent_finder import PatentRecord, status_group
from ipdesk.services.backup import create_backup, read_backup_info, restore_backup
from ipdesk.services.container import build_services
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
from ipdesk.services.importers.validate import _PATENT_STATUS, _PATENT_STATUS_WORDS, patent_status
from ipdesk.services.records import RecordService
from ipdesk.services.search import SearchFilters, SearchService
from ipdesk.services.search_index import docs_for_records, write_docs
from ipdesk.services.sync.manifest import generate_key, load_public_key_file, public_key_text
from ipdesk.services.sync.publisher import Publisher
from tests.sync.conftest import FAST, make_tiny_seed
from tests.sync.synthetic import patent_record

ROOT = Path(__file__).resolve().parents[2]
MIGRATION = ROOT / "ipdesk" / "services" / "migrations" / "versions" / "0005_normalise_patent_status.py"
TODAY = dt.date(2026, 11, 27)

# Statuses as the old versions stored them, and what the import stores for them today.
RAW = {
    "无效": "invalidated",
    "未缴年费专利权终止": "lapsed",
    "专利权全部无效": "invalidated",
    "发明专利申请公布后的视为撤回": "withdrawn",
    "专利权期限届满": "expired",
    " 驳回 ": "rejected",
    "in force": "in_force",
    "部分无效": "in_force",
    "专利权的恢复": "in_force",
}
KEPT = ("未缴年费专利权终止，等待恢复", "合成测试：不认识的状态", "in_force", "lapsed", "")


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0005", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migrations_copy_reads_every_status_as_the_importer_does_today() -> None:
    """The migration holds a copy (a migration must not change with the importer): as of 0005 the
    copy and the importer agreed on every word either of them knows, and on the QA's statuses. Since
    then the importer reads more words (English lists' words for an ended right, an invalidation
    requested: 2026-11-30): the copy keeps those as written, which the finder reads as it did; never
    does the copy give a code the importer now reads differently."""
    copy = _migration()
    words = {*_PATENT_STATUS, *copy.PATENT_STATUS, *(w for w, _c in _PATENT_STATUS_WORDS),
             *(w for w, _c in copy.PATENT_STATUS_WORDS), *copy.KNOWN_PATENT_STATUSES, *copy.OPEN_STATUS_WORDS,
             *copy.RESTORED_WORDS, *RAW, *KEPT, "宣告专利权部分无效", "无效宣告请求", "驳回后复审", "避免重复授权放弃专利权",
             "实质审查的生效", "发明专利申请公布", "授权", "Under Examination", "in-force"}
    newer = 0
    for word in sorted(words):
        then, now = copy.normalised(word), patent_status(word.strip())
        if then != now:  # read since 0005: kept as written then
            assert then == word.strip() and now != word.strip(), (word, then, now)
            newer += 1
    assert newer < 20  # the words read since, not a drift
    for raw, code in RAW.items():
        assert copy.normalised(raw) == code, raw


def _old_store(data: Path) -> None:
    """A registry at 0004 (as an upgraded 11-25/26 folder was before this version), holding patents
    with the statuses those versions stored, and their search documents as they wrote them."""
    data.mkdir()
    engine = make_engine(sqlite_url(data / DB_FILENAME))
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn, data / LOCAL_DB_FILENAME), "0004")
        with engine.begin() as conn:
            records = []
            for i, status in enumerate([*RAW, *KEPT]):
                record = patent_record(i)
                record.update(legal_status=status, dataset="local_patents", filing_date=dt.date(2015, 3, 1),
                              pub_date=dt.date(2016, 3, 1), as_of=dt.date(2026, 11, 20))
                records.append(record)
            conn.exec_driver_sql(f"INSERT INTO patent ({', '.join(records[0])}) VALUES "
                                 f"({', '.join('?' * len(records[0]))})", [tuple(r.values()) for r in records])
            write_docs(conn, docs_for_records("patent", records))
        assert schema_revision(engine) == "0004"
    finally:
        engine.dispose()


def _statuses(db_file: Path) -> dict[str, tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(db_file)) as conn:
        return {pub_no: (status, doc) for pub_no, status, doc in conn.execute(
            "SELECT p.pub_no, p.legal_status, d.status FROM patent p "
            "JOIN search_doc d ON d.kind = 'patent' AND d.ref_id = p.id")}


def test_statuses_stored_as_written_are_normalised_at_the_upgrade(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _old_store(data)
    before = _statuses(data / DB_FILENAME)
    assert before[patent_record(0)["pub_no"]] == ("无效", "无效")  # the QA's state

    db = open_database(data)  # migrates to the head
    try:
        assert schema_revision(db.engine) == SCHEMA_HEAD
        after = _statuses(data / DB_FILENAME)
        for i, (raw, code) in enumerate(RAW.items()):
            assert after[patent_record(i)["pub_no"]] == (code, code), raw  # the row and its search document
        for i, kept in enumerate(KEPT, start=len(RAW)):
            assert after[patent_record(i)["pub_no"]] == (kept, kept), kept  # already what the import stores
        # what is read from the status: the finder's group, the record view's "ended", the search filter
        records = RecordService(db, today=TODAY)
        with contextlib.closing(sqlite3.connect(data / DB_FILENAME)) as conn:
            ids = dict(conn.execute("SELECT pub_no, id FROM patent"))
        invalidated, lapsed = ids[patent_record(0)["pub_no"]], ids[patent_record(1)["pub_no"]]
        for pid in (invalidated, lapsed):
            detail = records.patent(pid)
            assert detail is not None
            group = status_group(PatentRecord(pid, detail.pub_no, detail.title, legal_status=detail.legal_status,
                                              filing_date=dt.date(2015, 3, 1)), TODAY)
            assert group == "free", detail.legal_status  # was "unknown"
        lapsed_detail = records.patent(lapsed)
        assert lapsed_detail is not None and lapsed_detail.expired  # was "not expired"
        found = SearchService(db.engine).search("合成测试", SearchFilters(kinds=("patent",), status="lapsed"), limit=50)
        assert patent_record(1)["pub_no"] in {h.subtitle.split(" · ")[0] for h in found.hits}
    finally:
        db.close()
    # a second start changes nothing (the head is current)
    assert _statuses(data / DB_FILENAME) == after


@pytest.fixture
def key_and_pub(tmp_path: Path) -> tuple[Any, str]:
    key = generate_key(tmp_path / "publisher.key")
    return key, public_key_text(load_public_key_file(tmp_path / "publisher.key.pub"))


def test_a_data_update_from_an_old_publisher_is_stored_as_the_import_stores_it(
        tmp_path: Path, key_and_pub: tuple[Any, str]) -> None:
    """A publisher still on the 11-25 version publishes its statuses as written; the client stores
    the codes, and the same record sent again is not counted as changed."""
    from ipdesk.services.sync.client import SyncService

    key, public = key_and_pub
    records = [patent_record(i) for i in range(4)]
    records[0]["legal_status"], records[1]["legal_status"] = "无效", "未缴年费专利权终止"
    records[2]["legal_status"] = "未缴年费专利权终止，等待恢复"
    repo = tmp_path / "repo"
    publisher = Publisher(repo, key)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=2)
    publisher.publish({"patents": records}, now=now)
    data = tmp_path / "data"
    db = open_database(data, seed=make_tiny_seed(tmp_path / "tiny.sqlite"))
    try:
        client = SyncService(db.engine, data, policy=FAST, trusted_keys=[public],
                             default_key_file=data / "no-default.pub")
        client.sync(str(repo))
        after = _statuses(data / DB_FILENAME)
        assert after[records[0]["pub_no"]] == ("invalidated", "invalidated")
        assert after[records[1]["pub_no"]] == ("lapsed", "lapsed")
        assert after[records[2]["pub_no"]] == ("未缴年费专利权终止，等待恢复",) * 2  # not final: kept as written
        # the next version changes one title; the raw statuses sent again are no change here
        records[3]["title"] += "（修订）"
        publisher.publish({"patents": records}, now=now + dt.timedelta(hours=1))
        applied = client.sync(str(repo)).applied
        assert applied is not None
        [change] = [c for c in applied.changes if c.dataset == "patents"]
        assert (change.added, change.updated, change.deleted) == (0, 1, 0)
        assert _statuses(data / DB_FILENAME) == after
    finally:
        db.close()


def test_a_backup_made_by_an_old_version_restores_normalised_statuses(tmp_path: Path, seed_path: Path) -> None:
    """A backup's local patents as an 11-25/26 version wrote them (无效 as written): restored (and
    planned) as the import stores them."""
    old = tmp_path / "old"
    old.mkdir()
    shutil.copyfile(seed_path, old / DB_FILENAME)
    services = build_services(old)
    try:
        with services.db.engine.begin() as conn:
            record = patent_record(0)
            record.update(legal_status="未缴年费专利权终止", dataset="local_patents", filing_date=dt.date(2015, 3, 1),
                          pub_date=dt.date(2016, 3, 1), as_of=dt.date(2026, 11, 20))
            conn.exec_driver_sql(f"INSERT INTO patent ({', '.join(record)}) VALUES ({', '.join('?' * len(record))})",
                                 tuple(record.values()))
            write_docs(conn, docs_for_records("patent", [record]))
        made = create_backup(services.db, old, tmp_path / "old.zip")
    finally:
        services.close()
    with zipfile.ZipFile(made.path) as zf:  # it carries the status as written, as the old version's did
        assert json.loads(zf.read("registry/patent.jsonl"))["legal_status"] == "未缴年费专利权终止"

    new = tmp_path / "new"
    new.mkdir()
    shutil.copyfile(seed_path, new / DB_FILENAME)
    services = build_services(new)
    try:
        result = restore_backup(services.db, new, made.path)
        assert result.registry_inserted == 1
        assert _statuses(new / DB_FILENAME)[record["pub_no"]] == ("lapsed", "lapsed")
        # restored again: the same values, nothing to update
        from ipdesk.services.backup import plan_restore

        assert plan_restore(services.db, read_backup_info(made.path)).updated == 0
    finally:
        services.close()
