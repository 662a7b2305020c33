"""Deleting service-record entries with everything kept of them (个人信息保护法 Art. 47), and the
tombstone each deletion leaves so that a restore does not bring them back.

Used by `ReportsService.delete_entries` (a client's request, in the window or `ipdesk report
delete`) and by `services.backup.restore_backup`, which replaces the local store with a backup's
copy: before it does, the entries this computer's tombstones name are deleted from that copy the
same way (with their archive rows, and their report files are not put back). Kept apart from
`archive` so that a restore does not import the report renderers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from filelock import FileLock, Timeout
from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ipdesk.services.models import DeletedEntry, ReportArchive, ServiceRecord
from ipdesk.services.outfiles import write_atomically

log = logging.getLogger("ipdesk.reports")

_CHUNK = 500  # ids in one IN (…)

# The report files of deleted entries still to remove: their paths as logged (`{"files":
# ["reports/2026-11/IPD-….pdf", …]}`; the names are report numbers, no person's name). A deletion
# lists its entries' files here (on the disk) BEFORE its transaction commits and drops them once
# removed, so a deletion killed half-way (kill -9, a power cut) leaves no file nobody removes: the next
# deletion, `report delete --leftovers` and the next start (`remove_left_files`) remove them. A
# listed file an archive row still names (a deletion killed before its commit: the entries are all
# still there) is never removed, only dropped from the list. Files that could not be removed (open in
# another program) stay listed, so that `report entries` and the service-record tab name them after
# their entries are gone. Beside REPORT_NO_FILE: a restore does not bring back a list of files it has
# since removed. LEFTOVER_LOCK is held while the list is read and written, and by a deletion from
# listing its files until its commit, so no one drops a file from the list as "still named" that a
# commit is about to leave named by nothing.
LEFTOVER_FILE = "reports-left-to-remove.json"
LEFTOVER_LOCK = "reports-left-to-remove.lock"
LEFTOVER_LOCK_SECONDS = 10.0


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
    were kept relative) are looked for under this data folder's `reports` too.

    Only a file inside this data folder's `reports` is ever named (QA 22b). The local store comes
    back whole from a backup, which may have been made elsewhere or made up: a path it logs outside
    the archive (`C:\\Windows\\System32\\calc.exe`, `E:\\evil.exe` on the stick, `reports/../../x`)
    would have been opened by "open the report" (a program started) and removed by a deletion.
    Such a path becomes one inside `reports` that does not exist ("no longer in the archive")."""
    reports = data_dir / "reports"
    tail = _reports_tail(stored) if _is_absolute(stored) else None
    if not _is_absolute(stored):
        found = data_dir / stored
    else:
        path, moved = Path(stored), data_dir.joinpath(*tail) if tail else None
        found = path if path.exists() or moved is None else (moved if moved.exists() else path)
        if moved is not None and not _inside(found, reports):
            found = moved  # logged in a `reports` elsewhere: looked for in this one
    if _inside(found, reports):
        return found
    return reports / _OUTSIDE / (PureWindowsPath(stored).name or "file")


_OUTSIDE = "(outside the archive)"  # never made: a folder name the archive's months cannot have


def _inside(path: Path, folder: Path) -> bool:
    """`path` is in `folder` once `..` and links are followed."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        return False


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


@contextlib.contextmanager
def leftover_lock(data_dir: Path) -> Iterator[None]:
    """LEFTOVER_LOCK, for every ipdesk on the data folder. Not taken in LEFTOVER_LOCK_SECONDS (an
    ipdesk hanging with it): the work goes on without it, a list a moment stale beats none."""
    lock = FileLock(str(data_dir / LEFTOVER_LOCK))
    try:
        lock.acquire(timeout=LEFTOVER_LOCK_SECONDS)
    except (Timeout, OSError) as exc:
        log.warning("the lock of the list of report files left to remove was not taken: %s", type(exc).__name__)
    try:
        yield
    finally:
        if lock.is_locked:
            lock.release()


def stored_path(data_dir: Path, path: Path) -> str:
    """A file's path as logged: relative to the data folder (forward slashes) when in it."""
    try:
        return path.relative_to(data_dir).as_posix()
    except ValueError:
        return str(path)


def read_listed(data_dir: Path) -> list[str]:
    """LEFTOVER_FILE's paths as logged; [] when there is none, or it cannot be read."""
    try:
        data = json.loads((data_dir / LEFTOVER_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:  # unreadable or damaged: nothing to name, the next deletion writes it again
        log.warning("the list of report files left to remove could not be read: %s", type(exc).__name__)
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str) and f] if isinstance(files, list) else []


def _write_listed(data_dir: Path, stored: Iterable[str]) -> None:
    """LEFTOVER_FILE as `stored` (on the disk before this returns: `write_atomically` syncs it); gone
    when empty. Raises OSError."""
    files = sorted(dict.fromkeys(stored))
    target = data_dir / LEFTOVER_FILE
    if files:
        write_atomically(target, json.dumps({"files": files}, ensure_ascii=False, indent=1).encode("utf-8"))
    else:
        target.unlink(missing_ok=True)


def list_to_remove(data_dir: Path, stored: Iterable[str]) -> None:
    """Add these files (paths as logged) to LEFTOVER_FILE before the deletion that makes them
    nobody's commits (the caller holds `leftover_lock` until it has). Never raises: a list that
    cannot be written leaves the deletion to go on (the files are removed right after it)."""
    new = [stored_path(data_dir, archived_file(data_dir, s)) for s in stored]
    if not new:
        return
    try:
        _write_listed(data_dir, [*read_listed(data_dir), *new])
    except OSError as exc:
        log.warning("the report files of the deletion could not be listed before it: %s", exc.strerror)


def _named(s: Session, data_dir: Path) -> set[Path]:
    """The files archive rows name (where they are now)."""
    return {archived_file(data_dir, p) for p in s.scalars(select(ReportArchive.path)) if p}


def listed_files(session: Callable[[], AbstractContextManager[Session]], data_dir: Path) -> list[Path]:
    """LEFTOVER_FILE's files that are still there and that no archive row names: the files of deleted
    entries still to remove. (`session`: the local store's.)"""
    listed = [archived_file(data_dir, stored) for stored in read_listed(data_dir)]
    listed = [path for path in dict.fromkeys(listed) if os.path.lexists(path)]
    if not listed:
        return []
    with session() as s:
        named = _named(s, data_dir)
    return [path for path in listed if path not in named]


def keep_listed(session: Callable[[], AbstractContextManager[Session]], data_dir: Path,
                left: Iterable[Path]) -> None:
    """LEFTOVER_FILE after a removal: the files `left` (could not be removed), and those listed
    meanwhile that are still there and named by no archive row. Never raises (the entries are gone)."""
    with leftover_lock(data_dir):
        try:
            kept = [stored_path(data_dir, p) for p in listed_files(session, data_dir)]
            _write_listed(data_dir, [*kept, *(stored_path(data_dir, p) for p in left)])
        except (OSError, SQLAlchemyError) as exc:
            log.warning("the list of report files left to remove could not be written: %s", type(exc).__name__)


def remove_left_files(session: Callable[[], AbstractContextManager[Session]],
                      data_dir: Path) -> tuple[list[Path], list[Path]]:
    """Remove the files LEFTOVER_FILE lists that no archive row names (a deletion cut short, or files
    that could not be removed then): (removed, still left). Cheap without the list: the next start and
    any command that opens the data folder call it. Never raises."""
    if not (data_dir / LEFTOVER_FILE).exists():
        return [], []
    try:
        removed, left = remove_files(listed_files(session, data_dir))
    except SQLAlchemyError as exc:  # the store unreadable now: tried again at the next start
        log.warning("the report files left to remove were not looked at: %s", type(exc).__name__)
        return [], []
    keep_listed(session, data_dir, left)
    if removed or left:
        log.info("removed %d report files left by earlier deletions (%d still left)", len(removed), len(left))
    return removed, left
