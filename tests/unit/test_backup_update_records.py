"""A restore never puts a backup's older local copy over a record a data update brought
(services/backup.py, `backup_row_wins`), on real SQLite files: the update's newer (or same-day)
record stays, is counted, and is said before and after; a newer local copy replaces it and becomes
local, as an import marked local would; the datasets' counts follow (down to 0); and restoring the
same backup again reports nothing updated. Synthetic data only (CN999… numbers, 合成测试 titles).

The "data update" records here are non-local rows written by a plain import with an as-of date, the
same rows (dataset `patents`, `trademarks`) a sync writes."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from ipdesk.services.backup import RestorePlan, create_backup, plan_restore, read_backup_info, restore_backup
from ipdesk.services.container import Services, build_services
from ipdesk.services.models import Dataset, Patent, Trademark
from tests.importers.conftest import SYNTH, write_csv

PATENT_HEADER = ["公开号", "名称", "申请人", "地区代码", "申请日", "法律状态", "截至日期"]
MARK_HEADER = ["注册号", "商标", "类别", "类似群", "注册人", "截至日期"]


def _fresh(folder: Path, seed: Path) -> Services:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed, folder / "ipdesk.sqlite")
    return build_services(folder)


def _patent(i: int, title: str, status: str, as_of: str) -> list[object]:
    return [f"CN999{i:06d}A", f"{SYNTH}{title}{i}", f"{SYNTH}合作社", "230184", "2020-01-02", status, as_of]


def _import(svc: Services, folder: Path, *, patents: list[list[object]] | None = None,
            marks: list[list[object]] | None = None, local: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files = [write_csv(folder / name, header, rows) for name, header, rows in (
        ("p.csv", PATENT_HEADER, patents), ("t.csv", MARK_HEADER, marks)) if rows]
    preview = svc.importer.stage(files, local=local)
    assert preview.total("rejected") == 0, preview.errors[:3]
    svc.importer.commit(preview)


def make_old_backup(tmp_path: Path, seed_path: Path) -> Path:
    """The centre's backup: local patents 0–4 and trademark 99000000, all as of 2026-11-01, in force."""
    svc = _fresh(tmp_path / "old-pc", seed_path)
    try:
        _import(svc, tmp_path / "in-old", local=True,
                patents=[_patent(i, "本机副本", "有效", "2026-11-01") for i in range(5)],
                marks=[["99000000", f"{SYNTH}五常香", "30", "3002", f"{SYNTH}合作社", "2026-11-01"]])
        out = tmp_path / "old.zip"
        create_backup(svc.db, svc.data_dir, out)
        return out
    finally:
        svc.close()


@pytest.fixture
def old_backup(tmp_path: Path, seed_path: Path) -> Path:
    return make_old_backup(tmp_path, seed_path)


def write_update(svc: Services, folder: Path) -> None:
    """What a data update brought: patents 0–2 lapsed as of 2026-11-20 (newer than the backup),
    patent 3 as of 2026-10-01 (older), patent 4 as of 2026-11-01 (the same day), and trademark
    99000000 as of 2026-10-01 (older; the only trademark here)."""
    _import(svc, folder, local=False,
            patents=[*(_patent(i, "数据更新", "失效", "2026-11-20") for i in range(3)),
                     _patent(3, "数据更新", "有效", "2026-10-01"), _patent(4, "数据更新", "有效", "2026-11-01")],
            marks=[["99000000", f"{SYNTH}五常香旧", "30", "3002", f"{SYNTH}合作社", "2026-10-01"]])


@pytest.fixture
def updated(tmp_path: Path, seed_path: Path) -> Iterator[Services]:
    svc = _fresh(tmp_path / "new-pc", seed_path)
    write_update(svc, tmp_path / "update")
    yield svc
    svc.close()


def _patents(svc: Services) -> dict[str, tuple[str, str, str, dt.date | None]]:
    with svc.db.session() as s:
        return {p.pub_no: (p.title, p.legal_status, p.dataset, p.as_of)
                for p in s.scalars(select(Patent).where(Patent.pub_no.like("CN999%")))}


def _counts(svc: Services) -> dict[str, int]:
    with svc.db.session() as s:
        return {d.name: d.record_count for d in s.scalars(select(Dataset))
                if d.name in ("patents", "local_patents", "trademarks", "local_trademarks")}


def test_an_older_local_copy_never_replaces_a_data_update_record(old_backup: Path, updated: Services) -> None:
    info = read_backup_info(old_backup)
    plan = plan_restore(updated.db, info)  # what the question says: read before, nothing changed
    assert plan == RestorePlan(inserted=0, updated=2, kept_update=4, replaced_update=2)
    before = _patents(updated)
    assert before["CN999000000A"][1] == "lapsed"

    result = restore_backup(updated.db, updated.data_dir, old_backup)
    assert (result.registry_inserted, result.registry_updated) == (0, 2)
    assert (result.registry_kept_update, result.registry_replaced_update) == (4, 2)
    after = _patents(updated)
    # the update's lapsed patents stay lapsed and stay the update's (a later update still corrects them)
    for i in range(3):
        assert after[f"CN999{i:06d}A"] == (f"{SYNTH}数据更新{i}", "lapsed", "patents", dt.date(2026, 11, 20))
    # the same day: the update's version is kept too
    assert after["CN999000004A"] == (f"{SYNTH}数据更新4", "in_force", "patents", dt.date(2026, 11, 1))
    # the backup's copy is newer: restored, and local from now on (as an import marked local makes it)
    assert after["CN999000003A"] == (f"{SYNTH}本机副本3", "in_force", "local_patents", dt.date(2026, 11, 1))
    with updated.db.session() as s:
        mark = s.scalars(select(Trademark).where(Trademark.reg_no == "99000000")).one()
        assert (mark.mark_text, mark.dataset) == (f"{SYNTH}五常香", "local_trademarks")
    # the counts follow, down to 0 for a dataset whose only record became local
    assert _counts(updated) == {"patents": 4, "local_patents": 1, "trademarks": 0, "local_trademarks": 1}
    hits = {h.title for h in updated.search.search(f"{SYNTH}本机副本3").hits if h.kind == "patent"}
    assert f"{SYNTH}本机副本3" in hits

    # the same backup again: nothing to update, the kept records said again
    assert plan_restore(updated.db, info) == RestorePlan(inserted=0, updated=0, kept_update=4, replaced_update=0)
    again = restore_backup(updated.db, updated.data_dir, old_backup)
    assert (again.registry_inserted, again.registry_updated, again.registry_kept_update) == (0, 0, 4)
    assert again.as_dict()["registry_rows"] == {"inserted": 0, "updated": 0, "kept_update": 4, "replaced_update": 0}
    assert _patents(updated) == after
