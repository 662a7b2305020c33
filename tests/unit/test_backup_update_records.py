"""A restore never puts a backup's local copy over a record a data update brought
(services/backup.py, `backup_row_wins`), on real SQLite files, whatever the as-of dates: the
update's record stays (and stays the update's, so later updates keep correcting it), is counted, and
is said before and after; a local copy without its own 截至日期 (QA #2 of qa13: it got the import
day and counted as "newer") is kept out too; a record the update does not hold is restored; the
way out the message names (importing the file again as local) takes the record over; and restoring
the same backup again reports nothing updated. Synthetic data only (CN999… numbers, 合成测试 titles).

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
    """The centre's backup: local patents 0–4 and trademark 99000000, all as of 2026-11-01, in force;
    patent 5 in force with no 截至日期 (so as of the import day); patent 6, which no update holds."""
    svc = _fresh(tmp_path / "old-pc", seed_path)
    try:
        _import(svc, tmp_path / "in-old", local=True,
                patents=[*(_patent(i, "本机副本", "有效", "2026-11-01") for i in range(5)),
                         _patent(5, "本机副本", "有效", ""), _patent(6, "本机副本", "有效", "2026-11-01")],
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
    patent 3 as of 2026-10-01 (older), patent 4 as of 2026-11-01 (the same day), patent 5 lapsed as
    of 2020-01-01 (older than the backup's copy, dated the day it was imported), and trademark
    99000000 as of 2026-10-01 (older; the only trademark here)."""
    _import(svc, folder, local=False,
            patents=[*(_patent(i, "数据更新", "失效", "2026-11-20") for i in range(3)),
                     _patent(3, "数据更新", "有效", "2026-10-01"), _patent(4, "数据更新", "有效", "2026-11-01"),
                     _patent(5, "数据更新", "失效", "2020-01-01")],
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


def test_a_local_copy_never_replaces_a_data_update_record_whatever_its_date(
        old_backup: Path, updated: Services, tmp_path: Path) -> None:
    info = read_backup_info(old_backup)
    plan = plan_restore(updated.db, info)  # what the question says: read before, nothing changed
    assert plan == RestorePlan(inserted=1, updated=0, kept_update=7)
    before = _patents(updated)
    assert before["CN999000000A"][1] == "lapsed"

    result = restore_backup(updated.db, updated.data_dir, old_backup)
    assert (result.registry_inserted, result.registry_updated, result.registry_kept_update) == (1, 0, 7)
    assert result.as_dict()["registry_rows"] == {"inserted": 1, "updated": 0, "kept_update": 7}
    after = _patents(updated)
    # every record the update brought stays as it was and stays the update's (later updates correct it):
    # the newer update, the older one, the same day ...
    for i in range(6):
        assert after[f"CN999{i:06d}A"] == before[f"CN999{i:06d}A"]
        assert after[f"CN999{i:06d}A"][2] == "patents"
    assert after["CN999000000A"] == (f"{SYNTH}数据更新0", "lapsed", "patents", dt.date(2026, 11, 20))
    assert after["CN999000003A"] == (f"{SYNTH}数据更新3", "in_force", "patents", dt.date(2026, 10, 1))
    # ... and QA's case: the local copy had no 截至日期 (as of the import day, "newer"): still lapsed
    assert after["CN999000005A"] == (f"{SYNTH}数据更新5", "lapsed", "patents", dt.date(2020, 1, 1))
    with updated.db.session() as s:
        mark = s.scalars(select(Trademark).where(Trademark.reg_no == "99000000")).one()
        assert (mark.mark_text, mark.dataset) == (f"{SYNTH}五常香旧", "trademarks")
    # a record no update holds is restored, local
    assert after["CN999000006A"] == (f"{SYNTH}本机副本6", "in_force", "local_patents", dt.date(2026, 11, 1))
    counts = _counts(updated)
    assert (counts["patents"], counts["local_patents"], counts["trademarks"]) == (6, 1, 1)
    assert counts.get("local_trademarks", 0) == 0
    hits = {h.title for h in updated.search.search(f"{SYNTH}本机副本6").hits if h.kind == "patent"}
    assert f"{SYNTH}本机副本6" in hits

    # the same backup again: nothing to add or update, the kept records said again
    assert plan_restore(updated.db, info) == RestorePlan(inserted=0, updated=0, kept_update=7)
    again = restore_backup(updated.db, updated.data_dir, old_backup)
    assert again.as_dict()["registry_rows"] == {"inserted": 0, "updated": 0, "kept_update": 7}
    assert _patents(updated) == after

    # the way out the message names: the staff's file imported again as local takes the record over
    _import(updated, tmp_path / "again-local", local=True, patents=[_patent(5, "本机副本", "有效", "")])
    assert _patents(updated)["CN999000005A"][1:3] == ("in_force", "local_patents")
