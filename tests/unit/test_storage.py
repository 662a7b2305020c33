"""The store: migrations, the real seed, faults on open."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from ipdesk.services.db import (
    SCHEMA_HEAD,
    head_revision,
    make_engine,
    migrate,
    open_database,
    schema_revision,
    sqlite_url,
)
from ipdesk.services.errors import CorruptDatabaseError, DataFolderError
from ipdesk.services.models import LOCAL_TABLES, Division, GeoIndication, GiArea


def test_migrations_upgrade_from_empty(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "empty.sqlite"))
    migrate(engine)
    assert schema_revision(engine) == head_revision() == SCHEMA_HEAD
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"division", "geo_indication", "gi_area", "patent", "trademark", "class_node", "dataset",
            "search_doc", "fts_name", "fts_all", "fts_key"} <= tables
    assert not tables & set(LOCAL_TABLES)  # in the local store (tests/unit/test_local_store.py)
    migrate(engine)  # idempotent
    engine.dispose()


def test_seed_counts_per_level(shared_services) -> None:  # type: ignore[no-untyped-def]
    counts = shared_services.info()["counts"]
    assert counts["provinces"] >= 31
    assert counts["prefectures"] >= 300
    assert counts["counties"] >= 2800
    assert counts["townships"] >= 38000


def test_seed_gis_real_and_resolvable(shared_services) -> None:  # type: ignore[no-untyped-def]
    info = shared_services.info()
    counts = info["counts"]
    assert counts["gi"] >= 300
    assert set(counts["gi_by_kind"]) >= {"gi_product", "gi_certification_mark", "agi"}
    assert counts["gi_provinces"] >= 25
    with shared_services.db.session() as s:
        orphans = s.scalar(
            select(func.count()).select_from(GiArea).where(~GiArea.division_code.in_(select(Division.code)))
        )
        assert orphans == 0
        no_area = s.scalar(
            select(func.count()).select_from(GeoIndication).where(~GeoIndication.id.in_(select(GiArea.gi_id)))
        )
        assert no_area == 0
        assert s.scalar(select(func.count()).select_from(GeoIndication).where(GeoIndication.source == "")) == 0
        # One announcement registers many GIs; registration and AGI numbers name one each.
        for column in (GeoIndication.tm_reg_no, GeoIndication.agi_no):
            dupes = s.execute(
                select(column, func.count()).where(column != "").group_by(column).having(func.count() > 1)
            ).all()
            assert dupes == [], f"duplicate identifiers in {column}"


def test_areas_the_lists_infer_from_names_are_rough_and_no_status_is_made_up(shared_services) -> None:  # type: ignore[no-untyped-def]
    """agi.tsv and gi_trademarks.tsv take most areas from the county a product's name points to (their header's
    `area_precision: rough`): an entry without the official wording is built with a note the GI check reads as
    rough, so 南汇水蜜桃's mark, recorded as all of 浦东新区 (the former 南汇区 is part of it), may cover 陆家嘴 but is
    not said to. A status no list gives is not made up: only a GI product's protection announcement gives one."""
    from ipdesk.domain.gi_eligibility import ROUGH_AREA_NOTE as ROUGH
    from ipdesk.domain.gi_eligibility import area_precision
    from ipdesk.services.seed_build import GI_FILES, areas_are_rough

    ROUGH_AREA_NOTE = ROUGH.zh  # the sentence the seed build writes

    seed_gi = Path(__file__).resolve().parents[2] / "resources" / "seed" / "gi"
    assert [f for f in GI_FILES if areas_are_rough(seed_gi / f)] == ["gi_trademarks.tsv", "agi.tsv"]
    with shared_services.db.session() as s:
        rows = s.execute(select(GeoIndication.kind, GeoIndication.note, GeoIndication.area_text,
                                GeoIndication.status, GeoIndication.name, GeoIndication.holder)).all()
    for kind, note, area_text, status, name, _ in rows:
        inferred = kind in ("gi_certification_mark", "agi") and not area_text
        assert (ROUGH_AREA_NOTE in note) == inferred, name
        if inferred:
            assert area_precision(note).rough, name
        assert status == ("protected" if kind == "gi_product" else ""), name
    assert sum(1 for r in rows if ROUGH_AREA_NOTE in r[1]) >= 200
    assert [r[5] for r in rows if r[4] == "平谷大桃"] == [""]  # a holder nobody could confirm stays empty
    outcome = shared_services.wizards.gi_check({"role": "cooperative", "product": "南汇水蜜桃",
                                                "township_code": "310115005000"})  # 陆家嘴街道, 浦东新区
    assert outcome.level == "caution" and "covers" not in {f.group for f in outcome.findings}, outcome.headline.zh


def test_divisions_carry_old_names_and_not_the_abolished(shared_services) -> None:  # type: ignore[no-untyped-def]
    """An abolition into a named successor keeps the old name (蓟县 is 蓟州区, 南汇区 part of 浦东新区), which older GI
    texts and people still use; the townships the package lists as abolished (北关街道（撤销）) are no divisions."""
    with shared_services.db.session() as s:
        former = dict(s.execute(select(Division.code, Division.former_names).where(
            Division.code.in_(["120119000000", "310115000000", "440112000000", "330603000000"]))).all())
        marked = s.scalar(select(func.count()).select_from(Division).where(Division.name.like("%撤%）")))
    assert "蓟县" in former["120119000000"].split("|") and "南汇区" in former["310115000000"].split("|")
    assert "萝岗区" in former["440112000000"].split("|") and "绍兴县" in former["330603000000"].split("|")
    assert marked == 0
    hits = shared_services.search.search("蓟县").hits
    assert any(h.kind == "place" and h.title == "蓟州区" for h in hits[:5]), [h.title for h in hits[:5]]
    edition = {d.name: d.edition for d in shared_services.datasets()}["divisions"]
    assert "2026-09-11" in edition and "2025 年末" not in edition


def test_every_dataset_names_its_source(shared_services) -> None:  # type: ignore[no-untyped-def]
    datasets = {d.name: d for d in shared_services.datasets()}
    assert {"divisions", "gi", "classifications"} <= set(datasets)
    for name in ("divisions", "gi", "classifications"):
        assert datasets[name].source and datasets[name].record_count > 0


def test_classification_nodes(shared_services) -> None:  # type: ignore[no-untyped-def]
    with shared_services.db.session() as s:
        rows = dict(s.execute(text("SELECT scheme, count(*) FROM class_node GROUP BY scheme")).all())
        subclasses = {r[0] for r in s.execute(text("SELECT code FROM class_node WHERE level='subclass'"))}
        groups = {r[0] for r in s.execute(text("SELECT code FROM class_node WHERE scheme='group'"))}
        classes = {r[0] for r in s.execute(text("SELECT code FROM class_node WHERE scheme='nice'"))}
    assert rows["ipc"] >= 300
    assert {"A01B", "A01G", "A01K", "A01N", "A23L", "C05F"} <= subclasses
    assert classes == {"29", "30", "31", "32", "33", "35", "44"}
    assert {"2901", "3002", "3101", "3301", "3501", "4401"} <= groups


def test_first_start_copies_seed(tmp_path: Path, seed_path: Path) -> None:
    db = open_database(tmp_path / "fresh", seed=seed_path)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM division")).scalar() > 40000
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_corrupt_file_is_set_aside(tmp_path: Path, seed_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ipdesk.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(folder, seed=seed_path)
    moved = Path(info.value.moved_to)
    assert moved.exists() and moved.name.startswith("ipdesk.sqlite.corrupt-")
    assert not (folder / "ipdesk.sqlite").exists()
    assert "损坏" in info.value.message("zh_CN") and "damaged" in info.value.message("en")
    db = open_database(folder, seed=seed_path)  # start again from the seed
    db.close()


def test_a_damaged_file_held_open_elsewhere_is_explained(tmp_path: Path, seed_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows will not move a file another process has open (a scheduled `ipdesk sync`): simulated
    at the rename, the one call that fails there."""
    import os

    from ipdesk.services.errors import DataFolderError

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ipdesk.sqlite").write_bytes(b"this is not a database" * 100)

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DataFolderError) as info:
        open_database(folder, seed=seed_path)
    assert "其他正在运行的 ipdesk" in info.value.zh and "Close any other running ipdesk" in info.value.en
    assert (folder / "ipdesk.sqlite").read_bytes().startswith(b"this is not")  # nothing lost or replaced


def _damage_inner_pages(path: Path) -> None:
    """A bad sector or a torn copy: pages in the middle overwritten, the header intact."""
    data = bytearray(path.read_bytes())
    for start in range(4096 * 3, len(data), 4096 * 7):
        data[start : start + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))


def test_damage_found_while_reading_is_explained_then_set_aside(tmp_path: Path, seed_path: Path) -> None:
    from sqlalchemy import text

    folder = tmp_path / "data"
    open_database(folder, seed=seed_path).close()
    _damage_inner_pages(folder / "ipdesk.sqlite")
    db = open_database(folder, seed=seed_path)  # the open-time probe reads only the first pages
    try:
        with pytest.raises(CorruptDatabaseError) as info, db.engine.connect() as conn:
            for table in ("division", "search_doc", "gi", "class_node"):
                conn.execute(text(f"SELECT count(*), sum(length(quote(rowid))) FROM {table}")).all()
                conn.execute(text(f"SELECT * FROM {table}")).all()
        assert "重新打开" in info.value.zh and "open it again" in info.value.en and not info.value.local
    finally:
        db.close()
    assert (folder / "ipdesk.sqlite.damaged").exists()
    with pytest.raises(CorruptDatabaseError) as reopened:  # the next start checks the whole file
        open_database(folder, seed=seed_path)
    assert Path(reopened.value.moved_to).exists() and not (folder / "ipdesk.sqlite.damaged").exists()
    db = open_database(folder, seed=seed_path)  # and starts again from the seed
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM division")).scalar()
    db.close()


def test_damage_met_by_the_search_is_explained_too(tmp_path: Path, seed_path: Path) -> None:
    """The search talks to the driver directly (no SQLAlchemy error hook): it must say the same."""
    from ipdesk.services.container import build_services

    folder = tmp_path / "data"
    open_database(folder, seed=seed_path).close()
    _damage_inner_pages(folder / "ipdesk.sqlite")
    services = build_services(folder)
    try:
        with pytest.raises(CorruptDatabaseError) as info:
            for query in ("五常", "wuchang", "茶", "大米", "镇", "县", "A01"):
                services.search.search(query, limit=500)
        assert "重新打开" in info.value.zh
    finally:
        services.close()
    assert (folder / "ipdesk.sqlite.damaged").exists()


def test_a_marker_on_a_sound_file_is_dropped(tmp_path: Path, seed_path: Path) -> None:
    folder = tmp_path / "data"
    open_database(folder, seed=seed_path).close()
    (folder / "ipdesk.sqlite.damaged").write_text("an earlier scare", encoding="utf-8")
    open_database(folder, seed=seed_path).close()
    assert (folder / "ipdesk.sqlite").exists() and not (folder / "ipdesk.sqlite.damaged").exists()


def test_truncated_database_is_detected(tmp_path: Path, seed_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    data = seed_path.read_bytes()
    (folder / "ipdesk.sqlite").write_bytes(data[:4096] + b"\x00" * 4096)
    with pytest.raises(CorruptDatabaseError):
        db = open_database(folder, seed=seed_path)
        with db.engine.connect() as conn:  # pragma: no cover - only if the probe missed it
            conn.exec_driver_sql("SELECT count(*) FROM division").scalar()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_is_a_clear_error(tmp_path: Path, seed_path: Path) -> None:  # pragma: no cover
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(DataFolderError):
        open_database(folder, seed=seed_path)


def test_unwritable_folder_is_a_clear_error(tmp_path: Path, seed_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(DataFolderError) as info:
        open_database(blocker / "data", seed=seed_path)
    assert "--data-dir" in info.value.message("en")


def test_seed_is_a_valid_sqlite_file(seed_path: Path) -> None:
    conn = sqlite3.connect(f"file:{seed_path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_seed_as_of_dates_are_the_lists_own(shared_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A report prints each dataset's as-of date: for the hand-compiled lists it is the date they
    were last checked against their sources (their `# as_of:` line), never the day the seed was built."""
    from ipdesk.services.resources import resource_path
    from ipdesk.services.seed_build import declared_as_of

    datasets = {d.name: d for d in shared_services.datasets()}
    for name, folder in (("gi", "gi"), ("classifications", "classifications")):
        files = sorted(resource_path("seed", folder).glob("*.tsv"))
        declared = declared_as_of(*files)
        assert declared is not None and datasets[name].as_of == declared
    with shared_services.db.session() as s:
        assert {g.as_of for g in s.scalars(select(GeoIndication))} == {datasets["gi"].as_of}
    undated = tmp_path / "undated.tsv"
    undated.write_text("# a list without a date\ncode\tname\n", encoding="utf-8")
    later = tmp_path / "later.tsv"
    later.write_text("# as_of: 2027-01-02\ncode\tname\n", encoding="utf-8")
    assert declared_as_of(undated) is None
    assert declared_as_of(undated, later, files[0]) == dt.date(2027, 1, 2)


def test_old_log_files_are_pruned_to_the_newest(tmp_path: Path) -> None:
    import logging
    import os

    from ipdesk.services.logfiles import open_log_file

    logs = tmp_path / "logs"
    logs.mkdir()
    for i in range(40):
        f = logs / f"ipdesk-2026010{i // 10}-0000{i % 10:02d}-{99_999_900 + i}.log"  # no such process
        f.write_text("old", encoding="utf-8")
        os.utime(f, (1_700_000_000 + i, 1_700_000_000 + i))
    (logs / "notes.txt").write_text("kept", encoding="utf-8")  # not ours
    handler = open_log_file(tmp_path)
    assert handler is not None
    left = sorted(p.name for p in logs.glob("ipdesk-*.log"))
    assert len(left) == 30 and "ipdesk-20260103-000009-99999939.log" in left
    assert "ipdesk-20260100-000000-99999900.log" not in left
    assert (logs / "notes.txt").exists()
    handler.handle(logging.LogRecord("ipdesk.test", logging.WARNING, __file__, 1, "中文消息", None, None))
    handler.close()
    assert any("中文消息" in p.read_text(encoding="utf-8") for p in logs.glob("ipdesk-*.log"))


def test_an_unwritable_data_drive_only_loses_the_log_file(tmp_path: Path) -> None:
    from ipdesk.services.logfiles import open_log_file

    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert open_log_file(blocker) is None


def test_a_log_file_that_cannot_be_written_stays_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A full disk or a vanished drive: the program explains the fault itself, so the log handler must
    not print a '--- Logging error ---' traceback for every record; other logging faults still show."""
    import logging

    from ipdesk.services.logfiles import open_log_file

    handler = open_log_file(tmp_path)
    assert handler is not None
    (tmp_path / "logs").rmdir()
    (tmp_path / "logs").write_text("not a folder", encoding="utf-8")  # the file can no longer be opened
    record = logging.LogRecord("ipdesk.test", logging.ERROR, __file__, 1, "disk full", None, None)
    handler.handle(record)
    assert "Logging error" not in capsys.readouterr().err
    handler.close()
    writable = open_log_file(tmp_path / "elsewhere")
    assert writable is not None
    bad = logging.LogRecord("ipdesk.test", logging.ERROR, __file__, 1, "%d", ("not a number",), None)
    writable.handle(bad)
    assert "Logging error" in capsys.readouterr().err
    writable.close()


@pytest.mark.parametrize(("tables", "said"), [(1, "is 1 table of another program"),
                                              (2, "is 2 tables of another program")])
def test_another_programs_file_is_counted_in_words(tmp_path: Path, seed_path: Path, tables: int, said: str) -> None:
    """The log's reason for setting aside another program's SQLite file: "1 table", not "1 tables"."""
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(folder / "ipdesk.sqlite")
    for i in range(tables):
        conn.execute(f"CREATE TABLE other_{i} (x)")
    conn.commit()
    conn.close()
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(folder, seed=seed_path)
    assert info.value.detail.endswith(said), info.value.detail
