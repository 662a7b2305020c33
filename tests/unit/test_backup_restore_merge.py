"""Restoring a backup's local registry rows through the bulk write path (services/backup.py,
`_merge_registry`), on real SQLite files: the natural-key merge (existing rows updated, new ones
inserted, other local rows kept) spread over several batches, one transaction, and a search index
equal to one built from scratch; and the hidden work folder a killed restore leaves, removed at the
next backup or restore. Synthetic data only (CN999… numbers, 合成测试 titles)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from sqlalchemy import event, select

from ipdesk.services import backup
from ipdesk.services.backup import create_backup, remove_stale_work, restore_backup
from ipdesk.services.container import Services, build_services
from ipdesk.services.models import Dataset, GeoIndication, Patent, Trademark
from ipdesk.services.search_index import docs_for_records, prepare_docs, rebuild_all
from tests.conftest import kill_when_marked
from tests.importers.conftest import SYNTH, write_csv

ROOT = Path(__file__).resolve().parents[2]
PATENT_HEADER = ["公开号", "名称", "申请人", "地区代码", "申请日"]
MARK_HEADER = ["注册号", "商标", "类别", "类似群", "注册人"]
GI_HEADER = ["类型", "名称", "持有人", "保护范围代码"]


def _fresh(folder: Path, seed: Path) -> Services:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed, folder / "ipdesk.sqlite")
    return build_services(folder)


def _patents(numbers: range, title: str) -> list[list[object]]:
    return [[f"CN999{i:06d}A", f"{SYNTH}{title}{i}", f"{SYNTH}合作社", "230184", "2098-01-02"] for i in numbers]


def _import(svc: Services, folder: Path, *, patents: list[list[object]] | None = None,
            marks: list[list[object]] | None = None, gis: list[list[object]] | None = None, local: bool = True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files = [write_csv(folder / name, header, rows) for name, header, rows in (
        ("p.csv", PATENT_HEADER, patents), ("t.csv", MARK_HEADER, marks), ("g.csv", GI_HEADER, gis)) if rows]
    preview = svc.importer.stage(files, local=local)
    assert preview.total("rejected") == 0, preview.errors[:3]
    svc.importer.commit(preview)


@pytest.fixture
def backup_file(tmp_path: Path, seed_path: Path) -> Path:
    """A backup of 120 local patents, 3 trademarks and 2 GIs."""
    svc = _fresh(tmp_path / "old-pc", seed_path)
    try:
        _import(svc, tmp_path / "in-old", patents=_patents(range(120), "稻田养鱼装置"),
                marks=[[f"9900000{i}", f"{SYNTH}五常香{i}", "30", "3002", f"{SYNTH}合作社"] for i in range(3)],
                gis=[["地理标志产品", f"{SYNTH}龙凤山贡米", f"{SYNTH}协会", "230184 330106"],
                     ["地理标志产品", f"{SYNTH}西湖藕粉", f"{SYNTH}协会", "330106"]])
        out = tmp_path / "b.zip"
        create_backup(svc.db, svc.data_dir, out)
        return out
    finally:
        svc.close()


@pytest.fixture
def target(tmp_path: Path, seed_path: Path) -> Iterator[Services]:
    """A data folder that already holds some of the backup's records, with other values: patents 0–39
    local under older titles, patent 40 from a plain (not local) import (so it stays: a local copy
    never replaces a non-local record), trademark 0 with another
    owner, the first GI with one area only; and local patents 500–509 the backup does not hold."""
    svc = _fresh(tmp_path / "new-pc", seed_path)
    _import(svc, tmp_path / "in-new", patents=[*_patents(range(40), "旧名称烘干机"), *_patents(range(500, 510), "本机另有")],
            marks=[["99000000", f"{SYNTH}五常香0", "30", "3002", f"{SYNTH}别的合作社"]],
            gis=[["地理标志产品", f"{SYNTH}龙凤山贡米", f"{SYNTH}协会", "230184"]])
    _import(svc, tmp_path / "in-plain", patents=_patents(range(40, 41), "普通导入"), local=False)
    yield svc
    svc.close()


def _rows(svc: Services) -> dict[str, list[tuple[object, ...]]]:
    with svc.db.session() as s:
        return {
            "patent": sorted((p.pub_no, p.title, p.dataset, p.region_code, p.filing_date)
                             for p in s.scalars(select(Patent).where(Patent.pub_no.like("CN999%")))),
            "trademark": sorted((t.reg_no, t.nice_class, t.mark_text, t.owner, t.dataset)
                                for t in s.scalars(select(Trademark).where(Trademark.reg_no.like("99%")))),
            "gi": sorted((g.kind, g.name, g.dataset, tuple(a.division_code for a in g.areas))
                         for g in s.scalars(select(GeoIndication).where(GeoIndication.name.like(f"{SYNTH}%")))),
        }


def _index_state(svc: Services) -> tuple[object, ...]:
    """The registry kinds' search_doc rows, and every posting of every token their records have."""
    with svc.db.engine.connect() as conn:
        docs = conn.exec_driver_sql("SELECT * FROM search_doc WHERE kind IN ('patent', 'trademark', 'gi') "
                                    "ORDER BY doc_id").fetchall()
        records = {kind: [dict(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table}").mappings()]
                   for kind, table in (("patent", "patent"), ("trademark", "trademark"))}
        tokens = {t for kind, rows in records.items() for table in prepare_docs(docs_for_records(kind, rows))[1:]
                  for _doc, text in table for t in text.split()}
        tokens.update(["稻田养鱼装置", "旧名称烘干机", "龙凤山贡米"])
        postings = {(table, token): [r[0] for r in conn.exec_driver_sql(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid", ('"' + token + '"',))]
            for table in ("fts_name", "fts_all", "fts_key") for token in sorted(tokens)}
        for table in ("fts_name", "fts_all", "fts_key"):
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    return docs, postings


def _titles(svc: Services, query: str) -> set[str]:
    return {h.title for h in svc.search.search(query, limit=200).hits if h.kind == "patent"}


def test_restore_merges_by_natural_key_in_batches_and_the_index_equals_a_rebuild(
        backup_file: Path, target: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "_ROWS_BATCH", 25)  # several batches, as 100,000 rows make
    assert f"{SYNTH}旧名称烘干机7" in _titles(target, f"{SYNTH}旧名称烘干机7")
    result = restore_backup(target.db, target.data_dir, backup_file)
    # patents 0–39, trademark 0 and the first GI existed as local rows (40 + 1 + 1); patent 40, from a
    # plain import, is kept; the rest is new (79 + 2 + 1)
    assert (result.registry_inserted, result.registry_updated, result.registry_kept_update) == (82, 42, 1)
    rows = _rows(target)
    assert [r[:3] for r in rows["patent"]] == sorted(
        [(f"CN999{i:06d}A", f"{SYNTH}稻田养鱼装置{i}", "local_patents") for i in range(120) if i != 40]
        + [("CN999000040A", f"{SYNTH}普通导入40", "patents")]
        + [(f"CN999{i:06d}A", f"{SYNTH}本机另有{i}", "local_patents") for i in range(500, 510)])
    assert [r[:4] for r in rows["trademark"]] == [(f"9900000{i}", 30, f"{SYNTH}五常香{i}", f"{SYNTH}合作社")
                                                  for i in range(3)]
    assert rows["gi"] == [("gi_product", f"{SYNTH}西湖藕粉", "local_gi", ("330106000000",)),
                          ("gi_product", f"{SYNTH}龙凤山贡米", "local_gi", ("230184000000", "330106000000"))]
    with target.db.session() as s:
        counts = {d.name: d.record_count for d in s.scalars(select(Dataset).where(Dataset.name.like("local%")))}
    assert counts == {"local_patents": 129, "local_trademarks": 3, "local_gi": 2}
    # the index followed: new titles found, the replaced ones gone, and exactly as built from scratch
    assert f"{SYNTH}稻田养鱼装置7" in _titles(target, f"{SYNTH}稻田养鱼装置7")
    assert f"{SYNTH}稻田养鱼装置39" in _titles(target, f"{SYNTH}稻田养鱼装置39")
    assert f"{SYNTH}普通导入40" in _titles(target, f"{SYNTH}普通导入40")
    assert not _titles(target, f"{SYNTH}旧名称烘干机7") & {f"{SYNTH}旧名称烘干机7"}
    assert any(h.kind == "gi" and h.region.split() == ["230184000000", "330106000000"]
               for h in target.search.search(f"{SYNTH}龙凤山贡米").hits)
    restored = _index_state(target)
    with target.db.session() as s:
        rebuild_all(s)
    assert _index_state(target) == restored
    # the same file again: every row found by its key, nothing written nor counted as updated; the registry's statements
    # are a handful a batch, not one (or more) a row
    monkeypatch.setattr(backup, "_ROWS_BATCH", 2000)
    statements: list[str] = []
    event.listen(target.db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    again = restore_backup(target.db, target.data_dir, backup_file)
    assert len(statements) < 40, len(statements)  # 125 rows; merged one by one they took over 1,000
    assert (again.registry_inserted, again.registry_updated, again.registry_kept_update) == (0, 0, 1)
    assert _rows(target) == rows and _index_state(target) == restored


def test_a_failure_in_the_merge_rolls_back_every_row_and_the_index(
        backup_file: Path, target: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction: the datasets' counts are made last; failing there leaves the registry rows
    and their index as they were before the restore."""
    monkeypatch.setattr(backup, "_ROWS_BATCH", 25)
    before = (_rows(target), _index_state(target))

    def fail(*_args: object) -> None:
        raise RuntimeError("cut short")

    monkeypatch.setattr(backup, "_recount", fail)
    with pytest.raises(RuntimeError, match="cut short"):
        restore_backup(target.db, target.data_dir, backup_file)
    assert (_rows(target), _index_state(target)) == before
    assert not list(target.data_dir.glob(".restore-*"))


def _age(path: Path, seconds: float = 3600) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_stale_work_folders_are_removed_but_not_one_in_use_nor_one_just_made(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = tmp_path / "data"
    stale, busy, new = data / ".restore-stale1", data / ".restore-busy1", data / ".restore-new1"
    for folder in (stale, busy, new):
        (folder / "local").mkdir(parents=True)
        (folder / "local" / "ipdesk-local.sqlite").write_bytes(b"unpacked")
    part = data / "ipdesk-local.before-restore-20261127-093000.sqlite.part"
    part.write_bytes(b"half a safety copy")
    keep = data / "ipdesk-local.before-restore-20261127-093000.sqlite"  # a finished safety copy: kept
    keep.write_bytes(b"safety copy")
    holder = FileLock(str(busy / backup.WORK_LOCK))  # a restore running now holds its folder's lock
    holder.acquire()
    for path in (stale, busy, part, keep):
        _age(path)
    try:
        with caplog.at_level(logging.INFO, logger="ipdesk.backup"):
            assert remove_stale_work(data) == [stale]
        assert not stale.exists() and busy.is_dir() and new.is_dir()
        assert part.exists()  # a running restore may be writing it
        assert "left by an interrupted restore" in caplog.text
    finally:
        holder.release()
    assert remove_stale_work(data) == [busy]
    assert new.is_dir() and part.exists()  # newer than this process: a restore may be starting (and writing it)
    shutil.rmtree(new)
    assert remove_stale_work(data) == [part]
    assert keep.exists() and sorted(p.name for p in data.iterdir()) == [keep.name]


_KILL_SCRIPT = """
import sys, time
from pathlib import Path
from ipdesk.services import backup
from ipdesk.services.container import build_services
svc = build_services(Path(sys.argv[1]))
backup._ROWS_BATCH = 25
merge_batch = backup._merge_batch
def slow_merge(*args):
    merge_batch(*args)
    Path(sys.argv[3]).write_text("merging")
    time.sleep(120)
backup._merge_batch = slow_merge
backup.restore_backup(svc.db, svc.data_dir, Path(sys.argv[2]))
"""


@pytest.mark.slow
def test_a_restore_killed_mid_merge_leaves_a_work_folder_the_next_restore_removes(
        backup_file: Path, tmp_path: Path, seed_path: Path) -> None:
    data = tmp_path / "killed"
    _fresh(data, seed_path).close()
    marker = tmp_path / "merging"
    kill_when_marked(_KILL_SCRIPT, [str(data), str(backup_file), str(marker)], marker, timeout=90)
    left = list(data.glob(".restore-*"))
    assert len(left) == 1 and (left[0] / "local" / "ipdesk-local.sqlite").is_file()
    svc = build_services(data)
    try:  # the merge's transaction was rolled back: no row and no index entry of it
        assert _rows(svc)["patent"] == []
        with svc.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("SELECT count(*) FROM search_doc WHERE kind = 'patent'").scalar() == 0
    finally:
        svc.close()
    # the next restore (a new process, as after a restart) removes the folder and completes
    done = subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(data), "restore", str(backup_file),
                           "--yes", "--json"], env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["registry_rows"] == {"inserted": 125, "updated": 0, "kept_update": 0}
    assert not list(data.glob(".restore-*"))
    svc = build_services(data)
    try:
        assert len(_rows(svc)["patent"]) == 120
        assert f"{SYNTH}稻田养鱼装置7" in _titles(svc, f"{SYNTH}稻田养鱼装置7")
    finally:
        svc.close()


def _cli(data: Path, lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ipdesk", "--data-dir", str(data), "--lang", lang, *args],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
def test_a_restore_killed_part_way_is_told_at_every_next_start_until_run_again(
        backup_file: Path, tmp_path: Path, seed_path: Path, qtbot, tasks) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.restore_state import MARKER
    from ipdesk.ui.main_window import MainWindow

    data = tmp_path / "killed"
    _fresh(data, seed_path).close()
    marker = tmp_path / "merging"
    # killed after the service record and the report files were restored, before the local records were
    kill_when_marked(_KILL_SCRIPT, [str(data), str(backup_file), str(marker)], marker, timeout=90)
    assert (data / MARKER).is_file() and len(list(data.glob(".restore-*"))) == 1
    shown = _cli(data, "en", "info")
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "The last restore of a backup was not finished" in shown.stderr and str(backup_file) in shown.stderr
    assert "Restore the same backup again" in shown.stderr and "ipdesk-local.before-restore-" in shown.stderr
    assert f"If that backup is lost, delete {MARKER}" in shown.stderr  # a way out when the backup is gone
    assert not list(data.glob(".restore-*"))  # the work folder of the killed restore went at this start
    shown = _cli(data, "zh_CN", "search", "合成测试", "--json")
    assert "上次恢复备份没有完成" in shown.stderr and "请再恢复一次同一份备份" in shown.stderr
    assert "上次恢复" not in shown.stdout  # --json output stays clean
    # the window says it too, once it is up
    svc = build_services(data)
    try:
        window = MainWindow(svc, tasks, lang="en", probe_network=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.restore_notice is not None, timeout=15000)
        assert window.restore_notice is not None
        assert "The last restore of a backup was not finished" in window.restore_notice.text()
        assert str(backup_file) in window.restore_notice.text()
        window.restore_notice.close()
        window.close()
    finally:
        tasks.wait_idle(20000)
        svc.close()
    # run again, it completes: the marker goes and nothing is said any more
    done = _cli(data, "en", "restore", str(backup_file), "--yes", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (data / MARKER).exists()
    quiet = _cli(data, "en", "info")
    assert quiet.returncode == 0 and "restore" not in quiet.stderr.lower()


def test_a_restore_that_completes_or_changes_nothing_leaves_no_marker(
        backup_file: Path, tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.services.errors import DataFolderError
    from ipdesk.services.restore_state import MARKER, unfinished_restore

    svc = _fresh(tmp_path / "d", seed_path)
    try:
        restore_backup(svc.db, svc.data_dir, backup_file)
        assert not (svc.data_dir / MARKER).exists() and unfinished_restore(svc.data_dir) is None

        def refused(*_args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(backup, "_replace_local_store", refused)  # fails before changing anything
        with pytest.raises(DataFolderError):
            restore_backup(svc.db, svc.data_dir, backup_file)
        assert not (svc.data_dir / MARKER).exists()
    finally:
        svc.close()
