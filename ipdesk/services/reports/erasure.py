"""Deleting service-record entries with everything kept of them (个人信息保护法 Art. 47), and the
tombstone each deletion leaves so that a restore does not bring them back.

Used by `ReportsService.delete_entries` (a client's request, in the window or `ipdesk report
delete`) and by `services.backup.restore_backup`, which replaces the local store with a backup's
copy: before it does, the entries this computer's tombstones name are deleted from that copy the
same way (with their archive rows, and their report files are not put back). Kept apart from
`archive` so that a restore does not import the report renderers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ipdesk.services.models import DeletedEntry, ReportArchive, ServiceRecord

log = logging.getLogger("ipdesk.reports")

_CHUNK = 500  # ids in one IN (…)


@dataclass(frozen=True)
class Tombstone:
    """A deleted entry, as `DeletedEntry` keeps it: its id and when it was made (together they name
    the same entry in an older copy of the store), and when it was deleted. No personal data."""

    entry_id: int
    created_at: dt.datetime
    deleted_at: dt.datetime

    @property
    def key(self) -> tuple[int, dt.datetime]:
        return self.entry_id, self.created_at


@dataclass
class Erased:
    """What `erase_entries` removed from the store: the entries, their archive rows' ids, and the
    archived files' paths as logged (for `archived_file`)."""

    entries: list[int] = field(default_factory=list)
    archive_ids: list[int] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)


def _is_absolute(stored: str) -> bool:
    # Absolute in either system's terms: a folder restored from Windows onto Linux or back.
    return stored.startswith(("/", "\\")) or bool(PureWindowsPath(stored).drive)


def _reports_tail(stored: str) -> list[str] | None:
    """An absolute logged path's parts from its last `reports` folder on (None without one)."""
    windows = PureWindowsPath(stored)
    parts = list(windows.parts if ("\\" in stored or windows.drive) else PurePosixPath(stored).parts)
    if "reports" not in parts:
        return None
    return parts[len(parts) - 1 - parts[::-1].index("reports"):]


def archived_file(data_dir: Path, stored: str) -> Path:
    """Where a logged archive file is now. Entries logged with absolute paths (before paths
    were kept relative) are looked for under this data folder's `reports` too."""
    if not _is_absolute(stored):
        return data_dir / stored
    path = Path(stored)
    tail = _reports_tail(stored)
    if path.exists() or tail is None:
        return path
    moved = data_dir.joinpath(*tail)
    return moved if moved.exists() else path


def report_member(stored: str) -> str | None:
    """A logged archive file as a backup names it (`reports/2026-11/…`, relative to the data folder),
    for one logged with an absolute path too; None for a file outside any `reports` folder."""
    if not _is_absolute(stored):
        return PurePosixPath(stored.replace("\\", "/")).as_posix()
    tail = _reports_tail(stored)
    return "/".join(tail) if tail else None


def erase_entries(s: Session, entry_ids: Iterable[int], *, deleted_at: dt.datetime | None = None,
                  tombstones: bool = True) -> Erased:
    """Delete these entries and their reports' archive rows in every format (and printouts' copies)
    in the session's transaction, leaving a tombstone of each entry (`tombstones`); the files are
    the caller's to remove (`remove_files`)."""
    ids = sorted({int(i) for i in entry_ids})
    if not ids:
        return Erased()
    records = [r for start in range(0, len(ids), _CHUNK) for r in s.scalars(
        select(ServiceRecord).where(ServiceRecord.id.in_(ids[start:start + _CHUNK])))]
    report_ids = {r.report_id for r in records if r.report_id is not None}
    numbers = {n for n in s.scalars(select(ReportArchive.report_no).where(ReportArchive.id.in_(report_ids))) if n}
    archives = list(s.scalars(select(ReportArchive).where(
        or_(ReportArchive.id.in_(report_ids), ReportArchive.report_no.in_(numbers)))))
    if tombstones:
        when = (deleted_at or dt.datetime.now()).replace(microsecond=0)
        have = {t.key for t in read_tombstones(s)}
        for record in records:
            if (record.id, record.created_at) not in have:
                s.add(DeletedEntry(entry_id=record.id, created_at=record.created_at, deleted_at=when))
    for record in records:
        s.delete(record)
    s.flush()
    archive_ids = [a.id for a in archives]
    if archive_ids:  # no other entry may point at a row about to go (none should)
        s.execute(update(ServiceRecord).where(ServiceRecord.report_id.in_(archive_ids)).values(report_id=None))
    for archive in archives:
        s.delete(archive)
    s.flush()
    return Erased([r.id for r in records], archive_ids, [a.path for a in archives])


def read_tombstones(s: Session) -> list[Tombstone]:
    return [Tombstone(t.entry_id, t.created_at, t.deleted_at)
            for t in s.scalars(select(DeletedEntry).order_by(DeletedEntry.deleted_at, DeletedEntry.entry_id))]


def erase_tombstoned(s: Session, stones: Sequence[Tombstone]) -> Erased:
    """A store about to be restored: keep `stones` (another store's tombstones) beside its own, and
    delete the entries any of them names (the same id made at the same moment), as `erase_entries`."""
    have = {t.key for t in read_tombstones(s)}
    for stone in stones:
        if stone.key not in have:
            s.add(DeletedEntry(entry_id=stone.entry_id, created_at=stone.created_at, deleted_at=stone.deleted_at))
            have.add(stone.key)
    s.flush()
    ids = sorted({entry_id for entry_id, _made in have})
    named = [r.id for start in range(0, len(ids), _CHUNK) for r in s.scalars(
        select(ServiceRecord).where(ServiceRecord.id.in_(ids[start:start + _CHUNK])))
        if (r.id, r.created_at) in have]
    return erase_entries(s, named, tombstones=False)


def remove_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Remove archived report files: (removed, left: could not be removed, e.g. open in another
    program). A file already gone counts as neither."""
    removed: list[Path] = []
    left: list[Path] = []
    for path in dict.fromkeys(paths):
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("an archived report of a deleted entry could not be removed: %s", exc.strerror)
            left.append(path)
    return removed, left
