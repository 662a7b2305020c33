"""Backing up and restoring the centre's own records: one ZIP file a person can carry on a USB stick.

What a backup holds (format version 1):

- `local/ipdesk-local.sqlite`: the local store (service record, report archive, saved searches),
  copied with SQLite's online backup API from the open store, so the copy is one consistent moment
  even while the window logs a visit (a raw copy of a live WAL database can be torn);
- `reports/YYYY-MM/…`: every file under `<data>/reports/` (the archived report exports);
- `registry/<table>.jsonl`: the registry rows marked local (`dataset` starting with `local`: staff
  imports made with `--local`), one JSON object a line, a GI's area codes with it, and the rows of
  their `local_*` datasets;
- `manifest.json`: format and app version, when, counts per table, and each member's size and
  sha256.

The file is written as `<out>.part` and renamed at the end: a full disk or a pulled stick leaves
no half backup under the chosen name. An existing file is never replaced unless the caller says so
(`overwrite`: the window asked, or `ipdesk backup --force`); a folder as the target gets a new name
with the date and time (`backup_target`), `-2`, `-3`… if even that is taken.

Restoring checks everything first (ZIP structure, member names, sizes, every sha256, the format
version, the store's own integrity) and changes nothing if any check fails. Then:

- the local store is **replaced** (not merged; first, so a failure there restores nothing) by the backup's copy, through SQLite's backup API
  into the open store (works with the file open, on Windows too), after a safety copy of the
  current store is written beside it as `ipdesk-local.before-restore-<stamp>.sqlite`. A client's
  deletion outlasts it: the entries deleted here since the backup was made (the tombstones of the
  store being replaced, `models.DeletedEntry`) are first deleted from the backup's copy, with their
  archive rows, and the copy keeps both stores' tombstones (`_delete_again`), so the replace brings
  the deletion in the same step; their report files are not put back;
- report files are put back: a file already there with the same bytes is left alone, a file not in
  the backup is never deleted, and a *different* file at the same name is kept under
  `<name>.before-restore-<stamp><ext>` (the restored record points at the backup's file); a file
  there that is not a report (.pdf, .docx, .xlsx; a made-up backup's `reports/…/x.exe`) is checked
  but neither unpacked nor put back, and counted (`report_files_skipped`);
- registry rows marked local are **merged** by natural key (publication number; registration
  number and class; GI kind and name): a row with the key is updated (its changed columns only),
  one without is inserted, local rows that are not in the backup stay. A row here that is *not*
  local (a data update's, or a plain import's) is never replaced, whatever the as-of dates: it stays
  as it is and stays the update's, so later updates keep correcting it (the update may hold a change
  since, a patent lapsed; and a staff row imported without its own 截至日期 carries the import day,
  which says nothing about how current it is). Such rows are counted as `registry_kept_update`
  (`backup_row_wins`; `plan_restore` counts the same before asking), and the question and the
  result say how to make the local version win on purpose: import the staff's file again as local
  (`ipdesk import --local`, the window's 作为本机数据导入), which takes the record over. Only
  rows whose values change are counted as updated, so the same backup restored twice updates
  nothing the second time. All in one transaction,
  through the bulk write path the import merge uses (a batch of rows at a time, looked up and
  written with a few statements, the search index kept in step by a BulkIndexWriter on the same
  connection), so 100,000 local records restore in seconds, not minutes (bench/bench_restore.py),
  and a failure or a killed process leaves the registry and its index as they were.

Before the safety copy, with a retention period set, this computer's own entries older than it are
removed as the daily clean-up removes them (`prune_current`), so that the copy, which stays in the data
folder, does not keep them; the restored entries older than it are removed after the restore by the
caller (ReportsService.retain_after_restore), on this computer only: the backup file is never changed.
Each report file's whole path in the data folder (with its `.part`, and a set-aside name) must fit
Windows' MAX_PATH, checked before anything changes (`_check_report_targets`).

The backup is unpacked (and checked) into a hidden work folder in the data folder, `.restore-*`
(report files under short names, `r/<n>`, so that its paths are never the ones too long: `_check_work_paths`),
removed at the end. The restoring process holds a lock file in it throughout; a folder whose lock
nobody holds and which is older than the process looking at it was left by a restore that was cut
short (the process killed, the computer switched off), and is removed (logged) at the next start,
backup or restore (`remove_stale_work`; every CLI command and the window start call it when such a
folder is there: `restore_state.check_at_start`), with an unfinished safety copy
(`ipdesk-local.before-restore-*.part`) it may have left. A restore cut short after it began to change
things leaves its marker, `ipdesk-restore-unfinished.json` (written before the local store is
replaced, removed when all is done; a step that fails with an error leaves it too): the next start
says that the restore from that backup did not finish and should be run again (`restore_state`). The backup's registry rows are streamed
both ways (written into the ZIP as they are read, merged a batch at a time as they are read back),
so memory does not grow with their number.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import sqlean
from filelock import FileLock, Timeout
from sqlalchemy import Connection, Date, DateTime, Table, delete, event, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from ipdesk import __version__
from ipdesk.domain.amounts import plural
from ipdesk.domain.i18n import Text, pick
from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.bulk_sql import bound, column_defaults, insert_rows, update_changed
from ipdesk.services.db import (
    LOCAL_DB_FILENAME,
    LOCAL_SCHEMA_VERSION,
    Database,
    bulk_registry_write,
    ensure_local_schema,
    make_engine,
    refuse_if_read_only,
    secure_delete,
    sqlite_file_uri,
    sqlite_url,
)
from ipdesk.services.errors import ZIP_READ_ERRORS, DataFolderError, UserInputError, os_reason
from ipdesk.services.importers.validate import stored_patent_status
from ipdesk.services.models import (
    LOCAL_TABLES,
    Dataset,
    Division,
    GeoIndication,
    GiArea,
    Patent,
    Trademark,
    dataset_time,
)
from ipdesk.services.outfiles import (
    WINDOWS_MAX_PATH,
    check_replaceable,
    claim_name,
    drop_claim,
    fresh_part,
    is_part,
    require_suffix,
    same_file_there,
    unused_path,
    utf16_len,
    windows_key,
    windows_name_problem,
)
from ipdesk.services.reports.erasure import erase_tombstoned, read_tombstones, remove_files, report_member
from ipdesk.services.restore_state import WORK_LOCK, WORK_PREFIX, mark_finished, mark_started
from ipdesk.services.search_index import BulkIndexWriter
from ipdesk.services.settings import Settings, update_settings
from ipdesk.services.sync.payload import LOCAL_PREFIX

log = logging.getLogger("ipdesk.backup")

FORMAT = "ipdesk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
LOCAL_MEMBER = "local/" + LOCAL_DB_FILENAME
REPORTS_DIR = "reports"
# what an archived report can be (reports.archive.FORMATS; not imported: a restore does not load the
# renderers): a backup's file of another type under reports/ is not unpacked nor put back
REPORT_SUFFIXES = (".pdf", ".docx", ".xlsx")
REGISTRY_DIR = "registry"
BACKUP_FILE = Text("备份文件", "backup")

# Caps against a hostile or broken file (a backup is untrusted input, like an import).
MAX_MEMBERS = 200_000
MAX_MANIFEST_BYTES = 32 << 20
MAX_LOCAL_STORE_BYTES = 4 << 30
MAX_MEMBER_BYTES = 1 << 30
MAX_TOTAL_BYTES = 32 << 30
MAX_RATIO = 500  # unpacked / packed, for members above 1 MiB (deflate's own limit is ~1030:1)

_CHUNK = 1 << 16
_ROWS_BATCH = 2000  # registry rows a backup reads, and a restore merges, at a time


@dataclass(frozen=True)
class _RegistryTable:
    name: str  # the member's stem and the table's name
    model: Any
    key: tuple[str, ...]  # natural key columns
    lookup: str  # the key's indexed column, by which stored rows are looked up


REGISTRY_TABLES = (
    _RegistryTable("patent", Patent, ("pub_no",), "pub_no"),
    _RegistryTable("trademark", Trademark, ("reg_no", "nice_class"), "reg_no"),
    _RegistryTable("geo_indication", GeoIndication, ("kind", "name"), "name"),
)
DATASET_MEMBER = f"{REGISTRY_DIR}/dataset.jsonl"


class BackupError(UserInputError):
    """A backup that cannot be written where asked, or a file that is not a sound backup (exit 2).
    `reason`: unwritable, disk_full, exists, unreadable, folder (a folder given for the backup file), no_folder
    (a name without .zip that does not exist: a folder not made yet, or a file name missing its suffix),
    not_backup, damaged, unsafe, too_big, newer, path_too_long (a report file's place in this data folder, or the
    restore's work folder there, past Windows' MAX_PATH)."""

    def __init__(self, zh: str, en: str, *, reason: str, detail: str = "") -> None:
        super().__init__(zh, en, detail=detail)
        self.reason = reason


# --- what a backup says about itself ----------------------------------------------------------------

@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BackupInfo:
    """A backup's manifest, checked."""

    path: Path
    format_version: int
    app_version: str
    created_at: str  # UTC, ISO 8601 with Z
    counts: dict[str, int]
    members: tuple[Member, ...]
    file_size: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path), "format_version": self.format_version, "app_version": self.app_version,
            "created_at": self.created_at, "counts": dict(self.counts), "file_size": self.file_size,
            "members": len(self.members),
        }


@dataclass
class RestoreResult:
    info: BackupInfo
    safety_copy: Path | None
    replaced_counts: dict[str, int]  # what the local store held before
    restored_counts: dict[str, int]  # what it holds now
    report_files_written: int = 0
    report_files_unchanged: int = 0
    report_files_set_aside: list[str] = field(default_factory=list)  # data-folder paths kept aside
    registry_inserted: int = 0
    registry_updated: int = 0  # rows whose values changed
    registry_kept_update: int = 0  # local rows with the key of a data update's row: not restored, the update's kept
    # entries deleted on this computer since the backup was made (their tombstones), deleted again,
    # with their archived reports (rows) and report files (not put back, or removed)
    deleted_again: int = 0
    deleted_again_archived: int = 0
    deleted_again_files: int = 0
    # files under reports/ that are not a report (.pdf, .docx, .xlsx): a made-up backup's x.exe, not put back
    report_files_skipped: int = 0
    # entries the backup brought back that were older than the retention period (settings
    # record_retention_years), removed right after the restore by the clean-up (ReportsService
    # .retain_after_restore), as the next daily clean-up would have, with their archive rows; on this
    # computer only (the backup file is not changed); cut-off "" and years 0 when kept for ever
    retention_removed: int = 0
    retention_removed_archived: int = 0
    retention_cutoff: str = ""
    retention_years: int = 0
    # this computer's own entries older than the retention period, removed before the safety copy was
    # made (ReportsService.retain_before_restore), so that the copy does not keep them
    retention_removed_before: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "backup": self.info.as_dict(),
            "safety_copy": str(self.safety_copy) if self.safety_copy else None,
            "replaced": dict(self.replaced_counts), "restored": dict(self.restored_counts),
            "report_files": {"written": self.report_files_written, "unchanged": self.report_files_unchanged,
                             "set_aside": list(self.report_files_set_aside),
                             "skipped": self.report_files_skipped},
            "registry_rows": {"inserted": self.registry_inserted, "updated": self.registry_updated,
                              "kept_update": self.registry_kept_update},
            "deleted_again": {"entries": self.deleted_again, "archived_reports": self.deleted_again_archived,
                              "report_files": self.deleted_again_files},
            "retention": {
                "years": self.retention_years, "cutoff": self.retention_cutoff or None,
                # of the restored entries (counted in "restored"), deleted on this computer only
                "entries_removed": self.retention_removed, "archived_reports_removed": self.retention_removed_archived,
                "entries_kept": max(0, self.restored_counts.get("service_record", 0) - self.retention_removed),
                "backup_file_unchanged": True,
                # this computer's entries, removed before the safety copy was made (not in it)
                "entries_removed_before_safety_copy": self.retention_removed_before,
            },
        }


COUNT_NAMES = {
    "service_record": Text("服务台账记录", "service-record entries"),
    "report_archive": Text("报告存档记录", "archived reports"),
    "saved_search": Text("已保存的检索", "saved searches"),
    "report_files": Text("报告文件", "report files"),
    "patent": Text("本机专利", "local patents"),
    "trademark": Text("本机商标", "local trademarks"),
    "geo_indication": Text("本机地理标志", "local GIs"),
}


def _years_text(years: int) -> Text:
    return Text(f"{years} 年", f"{years} year" if years == 1 else f"{years} years")


def retention_plan_text(years: int, cutoff: str) -> Text | None:
    """Before a restore is confirmed: what the retention period set here will delete, and where (this
    computer: before the safety copy, and of the restored entries; not the backup file). None when
    kept for ever."""
    if years <= 0 or not cutoff:
        return None
    span = _years_text(years)
    return Text(
        f"这台电脑设置的保留期限为 {span.zh}：本机早于 {cutoff} 的服务台账记录会在恢复前删除（安全副本中也不保留），"
        "备份中早于该日的记录恢复后也会在本机删除；备份文件本身不会改动。",
        f"The retention period set on this computer is {span.en}: this computer's service-record entries from before "
        f"{cutoff} are deleted before the restore (the safety copy does not keep them either), and the backup's "
        "entries from before that day are deleted on this computer after it; the backup file itself is not changed.",
    )


def restored_text(result: RestoreResult) -> Text:
    """What the restore brought back, every number with its noun ("从备份恢复了 12 条服务台账记录、3 份存档报告
    和 4 个报告文件。"; singular or plural in English), before any retention: `retention_text` says then
    how many of these were deleted here. Entries deleted again (`deleted_again`) are not in it."""
    counts = result.restored_counts
    files = result.report_files_written + result.report_files_unchanged
    parts_zh, parts_en = [f"{counts.get('service_record', 0):,} 条服务台账记录"], [
        plural(counts.get("service_record", 0), "service-record entry", "service-record entries")]
    if counts.get("report_archive"):
        parts_zh.append(f"{counts['report_archive']:,} 份存档报告")
        parts_en.append(plural(counts["report_archive"], "archived report", "archived reports"))
    if counts.get("saved_search"):
        parts_zh.append(f"{counts['saved_search']:,} 条已保存的检索")
        parts_en.append(plural(counts["saved_search"], "saved search", "saved searches"))
    if files:
        unchanged = result.report_files_unchanged
        parts_zh.append(f"{files:,} 个报告文件" + (f"（其中 {unchanged:,} 个本机原已有，内容相同，未改动）" if unchanged else ""))
        parts_en.append(plural(files, "report file", "report files")
                        + (f" ({unchanged:,} of them already here, the same, left as they were)" if unchanged else ""))
    zh = "、".join(parts_zh[:-1]) + "和 " + parts_zh[-1] if len(parts_zh) > 1 else parts_zh[0]
    en = ", ".join(parts_en[:-1]) + " and " + parts_en[-1] if len(parts_en) > 1 else parts_en[0]
    return Text(f"从备份恢复了 {zh}。", f"Restored from the backup: {en}.")


def retention_text(result: RestoreResult) -> Text | None:
    """How many of the restored entries were deleted right after the restore because they are older than
    the retention period set on this computer, that they were deleted here only, how many entries are
    kept, and that the backup file itself still holds them. None when none was deleted."""
    n = result.retention_removed
    if not n:
        return None
    kept = max(0, result.restored_counts.get("service_record", 0) - n)
    years, day, archived = _years_text(result.retention_years), result.retention_cutoff, result.retention_removed_archived
    with_zh = f"（连同其 {archived:,} 份存档报告）" if archived else ""
    with_en = f" (with {plural(archived, 'archived report', 'archived reports')})" if archived else ""
    one = n == 1
    return Text(
        f"其中 {n:,} 条服务台账记录{with_zh}早于这台电脑上设置的保留期限（{years.zh}，即 {day} 之前），已在本机删除；"
        f"本机现有恢复来的记录 {kept:,} 条。备份文件本身没有改动，仍含有这 {n:,} 条记录。",
        f"Of these, {plural(n, 'service-record entry', 'service-record entries')}{with_en} "
        f"{'was' if one else 'were'} older than the retention period set on this computer ({years.en}: from before "
        f"{day}) and {'was' if one else 'were'} deleted on this computer; {plural(kept, 'restored entry', 'restored entries')} "
        f"{'is' if kept == 1 else 'are'} kept here. The backup file itself is unchanged and still holds "
        f"{'that entry' if one else 'those entries'}.",
    )


def retention_before_text(result: RestoreResult) -> Text | None:
    """This computer's own entries older than the retention period, deleted before the safety copy was
    made (so that it does not keep them). None when none was."""
    n = result.retention_removed_before
    if not n:
        return None
    years, one = _years_text(result.retention_years), n == 1
    return Text(
        f"恢复前，本机原有的 {n:,} 条服务台账记录早于保留期限（{years.zh}），已删除（连同其存档报告），安全副本中也没有它们。",
        f"Before the restore, {plural(n, 'service-record entry', 'service-record entries')} already on this computer "
        f"{'was' if one else 'were'} older than the retention period ({years.en}) and {'was' if one else 'were'} "
        f"deleted (with {'its' if one else 'their'} archived reports); the safety copy does not hold "
        f"{'it' if one else 'them'} either.",
    )


def utc_now_text() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_backup_name(lang: str = "zh_CN", when: dt.datetime | None = None) -> str:
    """`ipdesk-备份-2026-11-27-0935.zip` (`ipdesk-backup-…` in English), local time to the minute:
    a second backup the same day gets a name of its own. (Chinese in a file name is safe on Windows,
    NTFS and FAT32/exFAT USB sticks alike: they store names in Unicode, as does Python's file API.)"""
    stem = pick(lang, "备份", "backup")
    return f"ipdesk-{stem}-{(when or dt.datetime.now()):%Y-%m-%d-%H%M}.zip"


def backup_target(out: Path, lang: str = "zh_CN", when: dt.datetime | None = None) -> Path:
    """Where `--out` (or the window's choice) puts the backup: a folder gets a new file in it named by
    `default_backup_name`, with `-2`, `-3`… if even that is taken (never an existing file); a file
    name stays as given (`create_backup` refuses an existing one unless told to replace it)."""
    out = out.expanduser()
    if out.is_dir():
        name = default_backup_name(lang, when)
        return unused_path(out, name.removesuffix(".zip"), ".zip")
    return out


def note_backup(data_dir: Path, settings: Settings, when: str | None = None) -> None:
    """Remember when the last backup was made (settings.last_backup_at, UTC)."""
    try:
        update_settings(data_dir, settings, last_backup_at=when or utc_now_text())
    except OSError as exc:  # the backup itself is fine; only the reminder is not kept
        log.warning("could not save the last backup time: %s", exc)


# --- errors -------------------------------------------------------------------------------------------

def _is_full(exc: BaseException) -> bool:
    """A full disk or quota. Not EFBIG: a file-size limit (a FAT32 stick's 4 GB) next to plenty of free
    space, which `os_reason` names as such (QA: "disk full … 55201 MB free")."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    text = str(exc).lower()
    return "full" in text or "disk i/o" in text


def _free_text(folder: Path) -> str:
    try:
        return f"{shutil.disk_usage(folder).free // (1 << 20)} MB"
    except OSError:
        return "?"


def _write_error(out: Path, exc: BaseException, reason: Text | None = None) -> BackupError:
    folder = out.parent
    if _is_full(exc):
        free = _free_text(folder)
        return BackupError(
            f"目标磁盘已满，备份没有写入：{quoted_name(out)}（可用 {free}）。请释放空间或换一个位置（如另一个 U 盘）后重试。",
            f"The disk is full: the backup was not written to {quoted_name(out)} ({free} free). Free some space or "
            "choose another place (another USB stick) and try again.",
            reason="disk_full", detail=str(exc),
        )
    why = reason or os_reason(exc, writing=True)
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return BackupError(f"无法写入备份文件：{quoted_name(out)}（{why.zh}）。", f"Cannot write the backup to {quoted_name(out)} ({why.en}).",
                           reason="too_large", detail=str(exc))
    return BackupError(
        f"无法写入备份文件：{quoted_name(out)}（{why.zh}）。请检查该文件夹是否存在、可写，或换一个位置。",
        f"Cannot write the backup to {quoted_name(out)} ({why.en}). Check that the folder exists and can be written, "
        "or choose another place.",
        reason="unwritable", detail=str(exc),
    )


def _data_folder_error(folder: Path, exc: BaseException) -> DataFolderError:
    if _is_full(exc):
        free = _free_text(folder)
        return DataFolderError(
            f"数据文件夹所在磁盘已满，没有恢复任何内容：{quoted_name(folder)}（可用 {free}）。请释放空间后重试。",
            f"The disk holding the data folder is full; nothing was restored: {quoted_name(folder)} ({free} free). "
            "Free some space and try again.",
            detail=str(exc),
        )
    why = os_reason(exc, writing=True)
    return DataFolderError(
        f"无法写入数据文件夹，没有恢复任何内容：{quoted_name(folder)}（{why.zh}）。请检查权限。",
        f"Cannot write to the data folder; nothing was restored: {quoted_name(folder)} ({why.en}). Check its permissions.",
        detail=str(exc),
    )


def _partly_restored(folder: Path, safety: Path, exc: BaseException) -> DataFolderError:
    """The service record was restored, but report files or local imports could not all be written."""
    why = Text("磁盘已满", "the disk is full") if _is_full(exc) else os_reason(exc, writing=True)
    reason, reason_en = why.zh, why.en
    return DataFolderError(
        f"服务台账已恢复，但报告文件或本机导入记录没有全部写入数据文件夹 {quoted_name(folder)}（{reason}）。"
        f"解决后再恢复一次同一份备份即可补齐。恢复前的服务台账保存在 {quoted_name(safety.name)}。",
        f"The service record was restored, but not all report files or local imports could be written to "
        f"the data folder {quoted_name(folder)} ({reason_en}). Put that right and restore the same backup again to complete "
        f"it. The service record from before is kept in {quoted_name(safety.name)}.",
        detail=str(exc),
    )


def _bad(path: Path, zh: str, en: str, reason: str, detail: str = "") -> BackupError:
    return BackupError(f"{quoted_name(path.name)}：{zh}没有恢复任何内容。", f"{quoted_name(path.name)}: {en} Nothing was restored.",
                       reason=reason, detail=detail)


def _damaged(path: Path, detail: str = "") -> BackupError:
    return _bad(path, "备份文件已损坏或不完整（可能复制时中断）。请换一份备份，或重新复制该文件。",
                "the backup file is damaged or incomplete (a copy cut short?). Use another backup, or copy "
                "the file again.", "damaged", detail)


# --- creating a backup ----------------------------------------------------------------------------------

_FOLDER_MISSING = Text("文件夹不存在", "the folder does not exist")


def _exists_error(out: Path) -> BackupError:
    return BackupError(
        f"已有同名文件：{quoted_name(out)}。为免覆盖以前的备份，没有写入。请换一个文件名，或只给出文件夹（自动取一个带时间的新文件名）。",
        f"A file of that name already exists: {quoted_name(out)}. Nothing was written, so that no earlier backup is lost. "
        "Choose another name, or give only the folder (a new name with the time is made).",
        reason="exists",
    )


def _check_target(out: Path, overwrite: bool) -> Path:
    out = out.expanduser()
    if not out.suffix and not out.exists():  # `--out E:/备份/` (a folder: the trailing / is lost) or `--out E:/备份`
        raise BackupError(
            f"找不到文件夹：{quoted_name(out)}。备份没有写入。要备份到这个文件夹，请先建立它（或插好 U 盘）；"
            "要给出备份文件的名字，请以 .zip 结尾。",
            f"There is no folder {quoted_name(out)}. Nothing was written. To back up into that folder, create it first (or "
            "plug in the USB stick); to name the backup file, end its name in .zip.",
            reason="no_folder",
        )
    require_suffix(out, ".zip", BACKUP_FILE)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise _write_error(out, FileNotFoundError(errno.ENOENT, "no such folder", str(folder)), _FOLDER_MISSING)
    if out.exists() and not overwrite:
        raise _exists_error(out)
    return out


def _snapshot_local(local: Database, target: Path) -> None:
    """A consistent copy of the open local store (SQLite's online backup API), self-contained (no WAL)."""
    raw = local.engine.raw_connection()
    try:
        source = raw.driver_connection
        dest = sqlean.connect(str(target))
        try:
            source.backup(dest)  # type: ignore[union-attr]
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        raw.close()


def _store_counts(path: Path) -> dict[str, int]:
    con = sqlean.connect(sqlite_file_uri(path, "mode=ro"), uri=True)
    try:
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) if t in present else 0
                for t in LOCAL_TABLES}
    finally:
        con.close()


def local_store_size(db: Database) -> int:
    path = db.local_store.path
    return path.stat().st_size if path is not None and path.exists() else 0


def local_counts(db: Database) -> dict[str, int]:
    """What the local store holds now (what a restore replaces)."""
    with db.local_store.engine.connect() as conn:
        return {t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() or 0) for t in LOCAL_TABLES}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _add_registry(zf: zipfile.ZipFile, db: Database, members: list[Member]) -> dict[str, int]:
    """The registry rows marked local, one JSON line each, written into the ZIP as they are read
    (a member per table that has any; memory stays flat however many there are). Returns the
    count per table."""
    counts: dict[str, int] = {}
    with db.engine.connect() as conn:
        for spec in REGISTRY_TABLES:
            table = spec.model.__table__
            columns = [c.name for c in table.columns if c.name != "id"]
            rows = conn.execute(select(table).where(table.c.dataset.like("local%")).order_by(table.c.id)).mappings()
            counts[spec.name] = 0
            with _LazyMember(zf, f"{REGISTRY_DIR}/{spec.name}.jsonl", members) as out:
                while chunk := rows.fetchmany(_ROWS_BATCH):
                    areas = _area_codes(conn, [r["id"] for r in chunk]) if spec.model is GeoIndication else {}
                    lines = []
                    for r in chunk:
                        row = {c: _jsonable(r[c]) for c in columns}
                        if spec.model is GeoIndication:
                            row["area_codes"] = areas.get(r["id"], [])
                        lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                    out.write("".join(lines).encode("utf-8"))
                    counts[spec.name] += len(chunk)
        # updated_at (naive UTC) with its offset: a backup from before migration 0006 has local time there
        datasets = [json.dumps({c.name: _jsonable(v.replace(tzinfo=dt.UTC) if c.name == "updated_at" and v else v)
                                for c, v in zip(Dataset.__table__.columns, r, strict=True)},
                               ensure_ascii=False, sort_keys=True) + "\n"
                    for r in conn.execute(select(Dataset.__table__).where(Dataset.name.like("local%"))
                                          .order_by(Dataset.name))]
        if datasets:
            _add_bytes(zf, DATASET_MEMBER, "".join(datasets).encode("utf-8"), members)
    return counts


def _area_codes(conn: Connection, gi_ids: list[int]) -> dict[int, list[str]]:
    """GI id → its division codes, in code order."""
    out: dict[int, list[str]] = {}
    for start in range(0, len(gi_ids), 500):
        for gi_id, code in conn.execute(select(GiArea.gi_id, GiArea.division_code)
                                        .where(GiArea.gi_id.in_(gi_ids[start:start + 500]))
                                        .order_by(GiArea.gi_id, GiArea.division_code)):
            out.setdefault(gi_id, []).append(code)
    return out


class _LazyMember:
    """A ZIP member opened at the first write (a table without local rows gets none), hashed and
    listed in `members` when closed."""

    def __init__(self, zf: zipfile.ZipFile, name: str, members: list[Member]) -> None:
        self.zf, self.name, self.members = zf, name, members
        self._fh: IO[bytes] | None = None
        self._writer: _HashingWriter | None = None

    def write(self, data: bytes) -> None:
        if self._writer is None:
            info = zipfile.ZipInfo(self.name, date_time=dt.datetime.now().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            self._fh = self.zf.open(info, "w", force_zip64=True)
            self._writer = _HashingWriter(self._fh)
        self._writer.write(data)

    def __enter__(self) -> _LazyMember:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if self._fh is None or self._writer is None:
            return
        self._fh.close()
        if exc_type is None:
            self.members.append(Member(self.name, self._writer.size, self._writer.digest.hexdigest()))


def _report_files(data_dir: Path) -> list[tuple[str, Path]]:
    """Every archived report file (member name, path), skipping files being written (`.part`)."""
    root = data_dir / REPORTS_DIR
    if not root.is_dir():
        return []
    found = []
    taken: set[str] = set()
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and not is_part(path.name) and not path.name.lower().endswith(".tmp"):
            name = f"{REPORTS_DIR}/{path.relative_to(root).as_posix()}"
            # a name a restore would refuse (put there by hand; one differing from another only in
            # case, as Windows sees it): left out rather than spoil the backup
            if _safe_member_name(name) and windows_key(name) not in taken:
                found.append((name, path))
                taken.add(windows_key(name))
            else:
                log.warning("report folder file %s left out of the backup: its name is not portable", path)
    return found


class _HashingWriter:
    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.fh.write(data)
        self.digest.update(data)
        self.size += len(data)


def _add_file(zf: zipfile.ZipFile, name: str, source: Path, members: list[Member]) -> None:
    info = zipfile.ZipInfo(name, date_time=_zip_time(source))
    info.compress_type = zipfile.ZIP_DEFLATED
    with source.open("rb") as src, zf.open(info, "w", force_zip64=True) as dst:
        writer = _HashingWriter(dst)
        for block in iter(lambda: src.read(_CHUNK), b""):
            writer.write(block)
    members.append(Member(name, writer.size, writer.digest.hexdigest()))


def _add_bytes(zf: zipfile.ZipFile, name: str, data: bytes, members: list[Member] | None) -> None:
    info = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
    if members is not None:
        members.append(Member(name, len(data), hashlib.sha256(data).hexdigest()))


def _zip_time(path: Path) -> tuple[int, int, int, int, int, int]:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
    if stamp.year < 1980:
        stamp = dt.datetime(1980, 1, 1)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)


def create_backup(db: Database, data_dir: Path, out: Path, *, overwrite: bool = False,
                  name_is_ours: bool = False, local_only: bool = False,
                  progress: Callable[[str, int], None] | None = None) -> BackupInfo:
    """Write one backup file of the centre's own records to `out` (a .zip the caller names; see
    `backup_target` for a folder).

    Raises BackupError (exit 2) when `out` cannot be written (missing or read-only folder, full
    disk); the file is then not there at all (nor a `.part`). An existing `out` is refused
    (reason "exists", before any work and again at the end) unless `overwrite`; with `name_is_ours`
    (the name was made by `backup_target` for a folder the person gave) a file made meanwhile under
    it (another backup the same minute) moves this one to the next free name instead.
    The part file is this process's own: two backups to one name never write into one file.
    `local_only`: `db` is the local store alone (the registry could not be opened: a newer ipdesk
    upgraded it); the backup then holds the service record, report archive and report files, and
    no registry rows (a restore then merges none).
    `progress(step, count)`: each step as it starts (snapshot, reports with the number of report
    files, registry, finish), for the command line's progress lines."""
    say = progress or (lambda _step, _count: None)
    if name_is_ours and not overwrite and out.exists():  # another backup took the name since it was made
        out = unused_path(out.parent, out.name.removesuffix(".zip"), ".zip")
    out = _check_target(out, overwrite)
    remove_stale_work(data_dir)
    part: Path | None = None  # this process's own new file (outfiles.fresh_part): two backups never share one
    claimed: Path | None = None  # the empty file that holds the final name until the backup replaces it
    created = utc_now_text()
    try:
        part = fresh_part(out, str(os.getpid()))
        with tempfile.TemporaryDirectory(prefix="ipdesk-backup-", ignore_cleanup_errors=True) as tmp:
            snapshot = Path(tmp) / LOCAL_DB_FILENAME
            say("snapshot", 0)
            try:
                _snapshot_local(db if local_only else db.local_store, snapshot)
            except (OSError, sqlean.Error, DBAPIError) as exc:
                if _is_full(exc):
                    raise _write_error(Path(tmp), exc) from exc
                raise
            counts = _store_counts(snapshot)
            reports = _report_files(data_dir)
            counts["report_files"] = len(reports)
            say("reports", len(reports))
            members: list[Member] = []
            with part.open("wb") as fh:
                with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
                    _add_file(zf, LOCAL_MEMBER, snapshot, members)
                    for name, path in reports:
                        try:
                            _add_file(zf, name, path, members)
                        except FileNotFoundError:  # removed while the backup ran
                            log.info("report file %s went away during the backup", path)
                            counts["report_files"] -= 1
                    if not local_only:
                        say("registry", 0)
                        counts.update(_add_registry(zf, db, members))
                    say("finish", 0)
                    manifest = {
                        "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
                        "created_at": created, "local_schema_version": LOCAL_SCHEMA_VERSION,
                        "counts": counts,
                        "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in members],
                    }
                    _add_bytes(zf, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"), None)
                fh.flush()
                os.fsync(fh.fileno())
            if not overwrite:
                out = _claim_name(out, part, name_is_ours)
                claimed = out
            os.replace(part, out)
            claimed = None
    except OSError as exc:
        if part is not None:
            part.unlink(missing_ok=True)
        drop_claim(claimed)
        raise _write_error(out, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            if part is not None:
                part.unlink(missing_ok=True)
        drop_claim(claimed)
        raise
    size = out.stat().st_size
    log.info("backup written to %s (%d bytes): %s", out, size, counts)
    return BackupInfo(out, FORMAT_VERSION, __version__, created, counts, tuple(members), size)


def _claim_name(out: Path, part: Path, name_is_ours: bool) -> Path:
    """Take `out` for this backup atomically (`claim_name`; `os.replace` then puts the backup over this
    empty claim). A name taken meanwhile is refused, or with `name_is_ours` the next free one is taken."""
    try:
        return claim_name(out, next_free=name_is_ours)
    except FileExistsError:
        part.unlink(missing_ok=True)
        raise _exists_error(out) from None


# --- checking a backup ----------------------------------------------------------------------------------

def _safe_member_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name:
        return False
    parts = PurePosixPath(name).parts
    if any(p in ("", ".", "..") for p in parts) or name.endswith("/"):
        return False
    if name in (MANIFEST, LOCAL_MEMBER, DATASET_MEMBER):
        return True
    if parts[0] == REGISTRY_DIR:
        return len(parts) == 2 and parts[1] in {f"{t.name}.jsonl" for t in REGISTRY_TABLES}
    # and a name Windows can create (QA 23b): a backup made on Linux with reports/2026-11/CON.pdf or
    # "a.pdf." was refused only on Windows, halfway through the restore, or written under another name
    return parts[0] == REPORTS_DIR and len(parts) >= 2 and all(windows_name_problem(p) is None for p in parts)


# A member whose bytes zipfile, UTF-8 or JSON refuse (JSONDecodeError is a ValueError)
_DAMAGED_MEMBER: tuple[type[Exception], ...] = (UnicodeDecodeError, *ZIP_READ_ERRORS)
_UNREADABLE_ZIP: tuple[type[Exception], ...] = (OSError, KeyError, *_DAMAGED_MEMBER)


def _backup_made_at(path: Path) -> str | None:
    """A quick look at a ZIP: its manifest's creation time if it is an ipdesk backup, else None
    (only the manifest is read; `read_backup_info` checks the rest)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST_BYTES:
                return None
            raw = json.loads(_read_capped(zf, info, MAX_MANIFEST_BYTES).decode("utf-8"))
    except _UNREADABLE_ZIP:  # not a backup this listing can read
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None
    return str(raw.get("created_at") or "")


_LOOKED_AT = 500  # ZIP files a folder's listing looks into at most


def backups_in(folder: Path) -> list[Path]:
    """The ipdesk backups in `folder` (not its subfolders; other ZIP files left out), newest first
    (by the time the backup was made, as its manifest says)."""
    try:
        zips = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".zip" and p.is_file())
    except OSError:
        return []
    found = [(made, p) for p in zips[:_LOOKED_AT] if (made := _backup_made_at(p)) is not None]
    return [p for _made, p in sorted(found, key=lambda f: (f[0], f[1].name), reverse=True)]


_LISTED = 5  # backups named when a folder is given instead of a file


def _folder_error(folder: Path) -> BackupError:
    """A folder given where a backup file belongs: say so, and name the backups in it."""
    found = backups_in(folder)
    if not found:
        return BackupError(
            f"{quoted_name(folder)} 是一个文件夹，不是备份文件，其中也没有 ipdesk 备份文件。请给出备份文件本身（.zip），"
            "如 ipdesk-备份-2026-11-27-0935.zip。",
            f"{quoted_name(folder)} is a folder, not a backup file, and holds no ipdesk backup. Give the backup file itself "
            "(.zip), e.g. ipdesk-backup-2026-11-27-0935.zip.",
            reason="folder",
        )
    names = "\n".join(f"  {quoted_name(p)}" for p in found[:_LISTED])
    more_zh = f"\n  …另有 {len(found) - _LISTED} 个" if len(found) > _LISTED else ""
    more_en = f"\n  … and {len(found) - _LISTED} more" if len(found) > _LISTED else ""
    return BackupError(
        f"{quoted_name(folder)} 是一个文件夹，不是备份文件。请给出其中的一个备份文件（.zip）。其中的备份（最新的在前）：\n"
        f"{names}{more_zh}",
        f"{quoted_name(folder)} is a folder, not a backup file. Give one of the backup files (.zip) in it. The backups there "
        f"(newest first):\n{names}{more_en}",
        reason="folder",
    )


def _open_zip(path: Path) -> zipfile.ZipFile:
    if path.is_dir():
        raise _folder_error(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{quoted_name(path)}。", f"No backup file at {quoted_name(path)}.", reason="unreadable")
    try:
        return zipfile.ZipFile(path)
    except OSError as exc:
        raise _read_error(path, exc) from exc
    except ZIP_READ_ERRORS as exc:  # ipdesk writes plain deflated ZIPs: anything else is damage or another file
        raise _bad(path, "这不是 ipdesk 备份文件，或文件已损坏、不完整。",
                   "this is not an ipdesk backup, or the file is damaged or incomplete.", "damaged",
                   f"{type(exc).__name__}: {exc}") from exc


def _read_error(path: Path, exc: OSError) -> BackupError:
    why = os_reason(exc)
    return BackupError(f"无法读取备份文件：{quoted_name(path)}（{why.zh}）。", f"Cannot read the backup file {quoted_name(path)} ({why.en}).",
                       reason="unreadable", detail=str(exc))


def _read_manifest(path: Path, zf: zipfile.ZipFile) -> BackupInfo:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bad(path, f"文件中的条目过多（{len(infos):,} 个）。", f"it holds too many entries ({len(infos):,}).",
                   "too_big")
    names = [i.filename for i in infos]
    # First whether it is a backup at all (a ZIP of notes is "not a backup", not "unsafe"); only the
    # manifest is read for that, by its exact name, so nothing else in the file is touched yet.
    if MANIFEST not in names:
        raise _bad(path, "这不是 ipdesk 备份文件（缺少 manifest.json）。",
                   "this is not an ipdesk backup (it has no manifest.json).", "not_backup")
    manifest_info = zf.getinfo(MANIFEST)
    if manifest_info.file_size > MAX_MANIFEST_BYTES:
        raise _bad(path, "清单文件过大。", "its manifest is too big.", "too_big")
    try:
        raw = json.loads(_read_capped(zf, manifest_info, MAX_MANIFEST_BYTES).decode("utf-8"))
    except _DAMAGED_MEMBER as exc:
        raise _damaged(path, f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad(path, "这不是 ipdesk 备份文件。", "this is not an ipdesk backup.", "not_backup")
    for info in infos:
        if not _safe_member_name(info.filename):
            raise _bad(path, f"文件中有不安全或不认识的条目名“{quoted_name(info.filename)}”，出于安全不予恢复。",
                       f"it holds an unsafe or unknown entry name \"{quoted_name(info.filename)}\"; refused for safety.", "unsafe")
    if len({windows_key(n) for n in names}) != len(names):  # on Windows the second would replace the first
        raise _bad(path, "文件中有重复的条目（或只差大小写的条目）。",
                   "it holds the same entry twice (or two differing only in case).", "unsafe")
    version = raw.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise _damaged(path, f"format_version {version!r}")
    if version > FORMAT_VERSION:
        raise _bad(path, f"这份备份由更新版本的 ipdesk（{raw.get('app_version', '?')}）制作，格式版本 {version}，"
                         f"本版本只能读取到 {FORMAT_VERSION}。请先升级 ipdesk 再恢复。",
                   f"this backup was made by a newer ipdesk ({raw.get('app_version', '?')}), format {version}; this "
                   f"version reads up to {FORMAT_VERSION}. Update ipdesk first, then restore.", "newer")
    try:
        members = tuple(Member(str(m["name"]), int(m["size"]), str(m["sha256"])) for m in raw["members"])
        counts = {str(k): int(v) for k, v in dict(raw.get("counts") or {}).items()}
        created = str(raw["created_at"])
    except (KeyError, TypeError, ValueError) as exc:
        raise _damaged(path, f"manifest: {exc}") from exc
    listed = {m.name for m in members}
    actual = set(names) - {MANIFEST}
    if listed != actual or len(listed) != len(members) or LOCAL_MEMBER not in listed:
        raise _damaged(path, f"members differ from the manifest: {sorted(listed ^ actual)[:5]}")
    total = 0
    for m in members:
        info = zf.getinfo(m.name)
        cap = MAX_LOCAL_STORE_BYTES if m.name == LOCAL_MEMBER else MAX_MEMBER_BYTES
        if m.size < 0 or m.size > cap:
            raise _bad(path, f"条目“{quoted_name(m.name)}”过大。", f"the entry \"{quoted_name(m.name)}\" is too big.", "too_big")
        if info.file_size != m.size:
            raise _damaged(path, f"{m.name}: size {info.file_size} != manifest {m.size}")
        if m.size > (1 << 20) and m.size > MAX_RATIO * max(1, info.compress_size):
            raise _bad(path, f"条目“{quoted_name(m.name)}”的压缩比异常（可能是“压缩炸弹”）。",
                       f"the entry \"{quoted_name(m.name)}\" is compressed beyond any real file (a zip bomb?).", "too_big")
        total += m.size
    if total > MAX_TOTAL_BYTES:
        raise _bad(path, "备份解压后过大。", "the backup unpacks to too much data.", "too_big")
    return BackupInfo(path, version, str(raw.get("app_version", "")), created, counts, members, path.stat().st_size)


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    with zf.open(info) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise ValueError(f"{info.filename} is larger than it says")
    return data


def _extract_member(path: Path, zf: zipfile.ZipFile, member: Member, target: Path | None) -> None:
    """Read one member (to `target`, or only to check it), never more than its listed size, and
    check its sha256. The ZIP's own CRC is checked on the way (a flipped byte fails one of them)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(member.name) as src, (target.open("wb") if target else contextlib.nullcontext()) as dst:
            while True:
                block = src.read(_CHUNK)
                if not block:
                    break
                size += len(block)
                if size > member.size:
                    raise _damaged(path, f"{member.name} is larger than the manifest says")
                digest.update(block)
                if dst is not None:
                    dst.write(block)
    except ZIP_READ_ERRORS as exc:
        raise _damaged(path, f"{member.name}: {type(exc).__name__}: {exc}") from exc
    if size != member.size or digest.hexdigest() != member.sha256:
        raise _bad(path, f"条目“{quoted_name(member.name)}”的校验值不符：备份文件已损坏或被改动。",
                   f"the entry \"{quoted_name(member.name)}\" fails its checksum: the backup is damaged or was altered.", "damaged")


def _check_store_file(path: Path, store: Path) -> None:
    try:
        con = sqlean.connect(sqlite_file_uri(store, "mode=ro"), uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlean.Error as exc:
        raise _damaged(path, f"local store: {exc}") from exc
    if result != "ok" or "service_record" not in tables:
        raise _damaged(path, f"local store: quick_check {result}, tables {sorted(tables)}")
    if version > LOCAL_SCHEMA_VERSION:
        raise _bad(path, "备份中的服务台账来自更新版本的 ipdesk。请先升级 ipdesk 再恢复。",
                   "its service record was written by a newer ipdesk. Update ipdesk first, then restore.", "newer")


def read_backup_info(path: Path) -> BackupInfo:
    """The backup's manifest, for showing what it holds, after checking the whole file (names,
    sizes, every member's sha256, the store's integrity). Raises BackupError; changes nothing."""
    path = path.expanduser()
    with _open_zip(path) as zf:
        try:
            info = _read_manifest(path, zf)
            with tempfile.TemporaryDirectory(prefix="ipdesk-restore-check-", ignore_cleanup_errors=True) as tmp:
                for member in info.members:
                    target = Path(tmp) / LOCAL_DB_FILENAME if member.name == LOCAL_MEMBER else None
                    _extract_member(path, zf, member, target)
                _check_store_file(path, Path(tmp) / LOCAL_DB_FILENAME)
                _check_registry_members(path, zf, info)
        except OSError as exc:
            raise _read_error(path, exc) from exc
    return info


# --- restoring ------------------------------------------------------------------------------------------

def _registry_rows(fh: IO[bytes], size: int) -> Iterator[dict[str, Any]]:
    """The rows of a registry member, one JSON object a line, read as a stream (never more than
    its listed `size`)."""
    read = 0
    for raw in fh:
        read += len(raw)
        if read > size:
            raise ValueError("larger than the manifest says")
        line = raw.decode("utf-8")
        if line.strip():
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("a row is not an object")
            yield row


def _check_registry_members(path: Path, zf: zipfile.ZipFile, info: BackupInfo) -> None:
    tables = {f"{REGISTRY_DIR}/{t.name}.jsonl": t for t in REGISTRY_TABLES}
    for member in info.members:
        spec = tables.get(member.name)
        if spec is None and member.name != DATASET_MEMBER:
            continue
        model = spec.model if spec else Dataset
        columns = {c.name for c in model.__table__.columns} | {"area_codes"}
        try:
            with zf.open(member.name) as fh:
                for row in _registry_rows(fh, member.size):
                    unknown = set(row) - columns
                    if unknown or (spec and any(k not in row for k in spec.key)):
                        raise ValueError(f"unknown or missing columns {sorted(unknown)}")
        except _DAMAGED_MEMBER as exc:
            raise _damaged(path, f"{member.name}: {type(exc).__name__}: {exc}") from exc


def _typed(model: Any, row: dict[str, Any]) -> dict[str, Any]:
    """A JSON row back to the column types (dates, datetimes); unknown keys dropped."""
    out: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name == "id" or column.name not in row:
            continue
        value = row[column.name]
        if value is not None and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value)
        out[column.name] = value
    return out


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Merge:
    """One restore's registry merge: the connection, its index writer and what it has done."""

    conn: Connection
    index: BulkIndexWriter
    divisions: set[str] | None = None
    touched: set[str] = field(default_factory=set)  # datasets rows were added to or moved from
    inserted: int = 0
    updated: int = 0  # rows that changed (a row restored with the values it already had is not counted)
    kept_update: int = 0  # a data update's row kept: the backup's local copy of it was not restored


def _has_registry_rows(info: BackupInfo) -> bool:
    """The backup holds records imported as local (or their dataset notes): restoring writes the registry."""
    names = {m.name for m in info.members}
    return DATASET_MEMBER in names or any(_member_of(spec) in names for spec in REGISTRY_TABLES)


def _merge_registry(db: Database, data_dir: Path, work: Path, info: BackupInfo) -> _Merge | None:
    """Upsert the backup's local registry rows by natural key (an existing row is updated, a new one
    inserted), in one transaction, through the bulk write path the import merge uses: rows a batch
    at a time, the search index kept in step by a BulkIndexWriter on the same connection (so a
    rollback rolls it back too). Reads the checked members extracted into `work`."""
    by_name = {m.name: m for m in info.members}
    todo = [(spec, by_name[_member_of(spec)]) for spec in REGISTRY_TABLES if _member_of(spec) in by_name]
    if not _has_registry_rows(info):
        return None
    expected = sum(max(0, info.counts.get(spec.name, 0)) for spec, _m in todo)
    with (bulk_registry_write(db.engine, data_dir), db.engine.begin() as conn,
          BulkIndexWriter(conn, expected) as index):
        merge = _Merge(conn, index)
        for spec, member in todo:
            seen: set[tuple[Any, ...]] = set()
            with _extracted(work, member.name).open("rb") as fh:
                for batch in _batches(_registry_rows(fh, member.size), _ROWS_BATCH):
                    keys = [tuple(row[k] for k in spec.key) for row in batch]
                    if not seen.isdisjoint(keys):  # a row named twice (a doctored file): its first
                        index.drain()  # document must be written before the second is made
                    seen.update(keys)
                    _merge_batch(merge, spec, batch)
        if DATASET_MEMBER in by_name:
            member = by_name[DATASET_MEMBER]
            with _extracted(work, member.name).open("rb") as fh:
                for row in _registry_rows(fh, member.size):
                    _merge_dataset(conn, row, merge.touched)
        _recount(conn, merge.touched)
    return merge


@dataclass(frozen=True)
class RestorePlan:
    """What a restore would do with a backup's local registry rows on this computer, read before
    asking (`plan_restore`): rows to add, rows to change, and the backup's rows with the key of a
    row a data update brought here, which are not restored (the update's row stays)."""

    inserted: int = 0
    updated: int = 0
    kept_update: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"inserted": self.inserted, "updated": self.updated, "kept_update": self.kept_update}


def plan_restore(db: Database, info: BackupInfo) -> RestorePlan:
    """What restoring `info` (checked by `read_backup_info`) would do with its local registry rows
    here, decided as the restore decides (`backup_row_wins`); reads only, changes nothing."""
    by_name = {m.name: m for m in info.members}
    counts = {"new": 0, "change": 0, "kept": 0}
    try:
        with _open_zip(info.path) as zf, db.engine.connect() as conn:
            divisions: set[str] | None = None
            for spec in REGISTRY_TABLES:
                member = by_name.get(_member_of(spec))
                if member is None:
                    continue
                if spec.model is GeoIndication and divisions is None:
                    divisions = set(conn.execute(select(Division.code)).scalars())
                seen: set[tuple[Any, ...]] = set()
                with zf.open(member.name) as fh:
                    for batch in _batches(_registry_rows(fh, member.size), _ROWS_BATCH):
                        decisions, repeated = _decide(conn, spec, batch, divisions or set())
                        counts["change"] += repeated
                        for d in decisions:
                            key = tuple(d.values[k] for k in spec.key)
                            if d.verdict == "new" and key in seen:  # named in an earlier batch: written by then
                                counts["change"] += 1
                            elif d.verdict != "same":
                                counts[d.verdict] += 1
                            seen.add(key)
    except OSError as exc:
        raise _read_error(info.path, exc) from exc
    except _DAMAGED_MEMBER as exc:
        raise _damaged(info.path, f"{type(exc).__name__}: {exc}") from exc
    return RestorePlan(counts["new"], counts["change"], counts["kept"])


def _member_of(spec: _RegistryTable) -> str:
    return f"{REGISTRY_DIR}/{spec.name}.jsonl"


def _extracted(work: Path, name: str) -> Path:
    return work.joinpath(*PurePosixPath(name).parts)


def backup_row_wins(old: dict[str, Any]) -> bool:
    """Whether a backup's local row replaces the stored row of the same key: only a stored local
    row (the backup is the centre's own copy of it). A stored row that is not local (a data
    update's, or a plain import's) is never replaced, whatever the as-of dates: the update may carry
    a change since (a patent lapsed), a local row imported without its own 截至日期 carries the
    import day (no sign of being current), and a row made local here would no longer be corrected
    by later updates. Taking a record over on purpose is what an import marked local does."""
    return str(old.get("dataset") or "").startswith(LOCAL_PREFIX)  # the backup's values (dates) do not count


@dataclass
class _Decision:
    """What a restore does with one backup row: `new` (inserted), `change` (the stored row updated),
    `same` (nothing differs), `kept` (the stored row is a data update's: left alone)."""

    values: dict[str, Any]
    areas: list[str]
    old: dict[str, Any] | None
    verdict: str
    old_areas: list[str] = field(default_factory=list)


def _decide(conn: Connection, spec: _RegistryTable, batch: list[dict[str, Any]],
            divisions: set[str]) -> tuple[list[_Decision], int]:
    """The decision for each row of a batch (a key named twice: the last row, the other counted in
    the second value returned, as an update)."""
    gi = spec.model is GeoIndication
    wanted: dict[tuple[Any, ...], tuple[dict[str, Any], list[str]]] = {}
    repeated = 0
    for row in batch:
        values = _typed(spec.model, row)
        if spec.model is Patent and "legal_status" in values:  # a backup an older version made: 无效 as written
            values["legal_status"] = stored_patent_status(values["legal_status"])
        key = tuple(values[k] for k in spec.key)
        if key in wanted:
            repeated += 1
        areas = sorted({c for c in row.get("area_codes") or [] if c in divisions}) if gi else []
        wanted[key] = (values, areas)
    existing = _existing_rows(conn, spec, wanted)
    old_areas = _area_codes(conn, [r["id"] for r in existing.values()]) if gi and existing else {}
    out: list[_Decision] = []
    for key, (values, areas) in wanted.items():
        old = existing.get(key)
        if old is None:
            out.append(_Decision(values, areas, None, "new"))
            continue
        before = old_areas.get(old["id"], [])
        if not backup_row_wins(old):
            out.append(_Decision(values, areas, old, "kept", before))
            continue
        changed = any(old[c] != v for c, v in values.items()) or (gi and before != areas)
        out.append(_Decision(values, areas, old, "change" if changed else "same", before))
    return out, repeated


def _merge_batch(merge: _Merge, spec: _RegistryTable, batch: list[dict[str, Any]]) -> None:
    """Insert the batch's new rows and update its existing ones (changed columns only), then index
    both; rows a data update brought stay as they are (`backup_row_wins`). A key named twice in the batch: the last row wins (counted as an update,
    as when rows were merged one by one)."""
    conn = merge.conn
    table: Table = spec.model.__table__
    gi = spec.model is GeoIndication
    if gi and merge.divisions is None:
        merge.divisions = set(conn.execute(select(Division.code)).scalars())
    decisions, repeated = _decide(conn, spec, batch, merge.divisions or set())
    merge.updated += repeated

    new_rows: list[dict[str, Any]] = []
    new_areas: list[list[str]] = []
    changes: list[tuple[int, dict[str, Any]]] = []
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    replaced_areas: list[tuple[int, list[str]]] = []
    for d in decisions:
        values, areas, old = d.values, d.areas, d.old
        if d.verdict == "kept":
            merge.kept_update += 1
            continue
        merge.touched.add(str(values.get("dataset", "")))
        if old is None:
            new_rows.append(values)
            new_areas.append(areas)
            continue
        if d.verdict == "same":
            continue
        merge.updated += 1
        merge.touched.add(str(old["dataset"]))
        diff = {c: v for c, v in values.items() if old[c] != v}
        areas_changed = gi and d.old_areas != areas
        if diff:
            changes.append((old["id"], bound(conn, table, diff)))
        if areas_changed:
            replaced_areas.append((old["id"], areas))
        before, after = dict(old), {**old, **values}
        if gi:
            before["areas"], after["areas"] = d.old_areas, areas
        pairs.append((before, after))
    kind = _INDEX_KIND[spec.name]
    if new_rows:
        # ids above every id in use (no record had them, so no document either), as the import gives them
        first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        defaults = column_defaults(table)
        full = [{**defaults, **values, "id": first + i} for i, values in enumerate(new_rows)]
        insert_rows(conn, table, full)
        if gi:
            area_rows = [{"gi_id": r["id"], "division_code": c} for r, codes in zip(full, new_areas, strict=True)
                         for c in codes]
            if area_rows:
                conn.execute(insert(GiArea), area_rows)
            for r, codes in zip(full, new_areas, strict=True):
                r["areas"] = codes
        merge.inserted += len(full)
        merge.index.add(kind, full, fresh=True)
    update_changed(conn, table.name, "id", changes)
    if replaced_areas:
        conn.execute(delete(GiArea).where(GiArea.gi_id.in_([i for i, _ in replaced_areas])))
        area_rows = [{"gi_id": i, "division_code": c} for i, codes in replaced_areas for c in codes]
        if area_rows:
            conn.execute(insert(GiArea), area_rows)
    merge.index.add_changed(kind, pairs)


_INDEX_KIND = {"patent": "patent", "trademark": "trademark", "geo_indication": "gi"}


def _existing_rows(conn: Connection, spec: _RegistryTable,
                   wanted: dict[tuple[Any, ...], Any]) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The stored rows with these natural keys (looked up by the key's indexed column: publication
    number, registration number, GI name); of rows sharing a key, the first by id."""
    table: Table = spec.model.__table__
    column = table.c[spec.lookup]
    position = spec.key.index(spec.lookup)
    values = sorted({key[position] for key in wanted}, key=str)
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for start in range(0, len(values), 500):
        stmt = select(table).where(column.in_(values[start:start + 500])).order_by(table.c.id)
        for r in conn.execute(stmt).mappings():
            key = tuple(r[k] for k in spec.key)
            if key in wanted and key not in out:
                out[key] = dict(r)
    return out


def _merge_dataset(conn: Connection, row: dict[str, Any], touched: set[str]) -> None:
    """A local dataset's row from the backup: added, or its columns set (its count is made again)."""
    values = _typed(Dataset, row)
    name = values["name"] = str(row.get("name", ""))
    if not name.startswith(LOCAL_PREFIX):
        return
    if values.get("updated_at") is not None:  # without an offset (before 0006): an import's local time
        values["updated_at"] = dataset_time(values["updated_at"])
    if conn.execute(select(Dataset.name).where(Dataset.name == name)).first() is None:
        conn.execute(insert(Dataset).values(**values))
    else:
        conn.execute(update(Dataset).where(Dataset.name == name).values(**values))
    touched.add(name)


def _recount(conn: Connection, names: set[str]) -> None:
    """The record count of each dataset rows were added to or moved from."""
    for name in sorted(names):
        if not name or conn.execute(select(Dataset.name).where(Dataset.name == name)).first() is None:
            continue
        count = sum(conn.execute(select(func.count()).select_from(spec.model)
                                 .where(spec.model.dataset == name)).scalar() or 0
                    for spec in REGISTRY_TABLES)
        # 0 too: a data update's dataset whose every row became local holds none (not its old count)
        conn.execute(update(Dataset).where(Dataset.name == name).values(record_count=count))


# A restore's work folder in the data folder (on the same disk, so its files are renamed into place,
# not copied), and the lock file in it that the restoring process holds until the folder is removed.
# (WORK_PREFIX and WORK_LOCK: services.restore_state, which checks for them at each start)
_LOADED = time.time()  # this process is at least this old: a folder made after it may be a restore starting now


def remove_stale_work(data_dir: Path) -> list[Path]:
    """Remove what a restore that was cut short (the process killed, the computer switched off) left
    in the data folder: its hidden work folders (`.restore-*`, holding the backup's unpacked files)
    and its unfinished safety copy (`ipdesk-local.before-restore-*.part`). A folder is left alone
    while a restore holds its lock file (a restore running now, in this process or another), or when
    it is newer than this process (a restore may be starting and not hold its lock yet). Safety-copy
    `.part` files are left alone while any restore is running. Called at start-up and at each backup
    and restore; returns what was removed (each logged). Never raises for what it cannot remove."""
    removed: list[Path] = []
    busy = False
    try:
        folders = sorted(p for p in data_dir.glob(WORK_PREFIX + "*") if p.is_dir() and not p.is_symlink())
    except OSError:
        return removed
    for folder in folders:
        try:
            if folder.stat().st_mtime >= _LOADED:
                busy = True
                continue
            lock = FileLock(str(folder / WORK_LOCK))
            lock.acquire(timeout=0)
        except Timeout:
            busy = True
            continue
        except OSError as exc:
            log.warning("could not check the restore work folder %s: %s", folder, exc)
            busy = True
            continue
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():
            log.warning("a restore work folder left by an interrupted restore could not be removed: %s", folder)
        else:
            log.info("removed a restore work folder left by an interrupted restore: %s", folder)
            removed.append(folder)
    if busy:
        return removed
    for part in data_dir.glob("ipdesk-local.before-restore-*.part"):
        try:
            if part.stat().st_mtime < _LOADED:
                part.unlink()
                log.info("removed an unfinished safety copy left by an interrupted restore: %s", part)
                removed.append(part)
        except OSError as exc:
            log.warning("could not remove %s: %s", part, exc)
    return removed


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _safety_copy(db: Database, data_dir: Path, stamp: str) -> Path:
    """The current local store, copied beside it under a name no file has (nor one differing only in
    case), written first into a new file of its own (`fresh_part`: never another file's)."""
    target = data_dir / f"ipdesk-local.before-restore-{stamp}.sqlite"
    n = 2
    while same_file_there(target) is not None:
        target = data_dir / f"ipdesk-local.before-restore-{stamp}-{n}.sqlite"
        n += 1
    part: Path | None = None
    try:
        part = fresh_part(target)
        _snapshot_local(db.local_store, part)
        os.replace(part, target)
    except (OSError, sqlean.Error, DBAPIError) as exc:
        if part is not None:
            part.unlink(missing_ok=True)
        raise _data_folder_error(data_dir, exc) from exc
    return target


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _aside_name(path: Path, stamp: str) -> Path:
    target = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
    n = 2
    while same_file_there(target) is not None:
        target = path.with_name(f"{path.stem}.before-restore-{stamp}-{n}{path.suffix}")
        n += 1
    return target


def _unpacked(work: Path, index: int, name: str) -> Path:
    """Where the restore unpacks the backup's member `name` (the `index`-th) in its work folder: a
    report file under a short flat name (`r/12`), so that the work folder's path is never the one too
    long for Windows when the report's own place fits (`_check_path_lengths`); the local store and the
    registry members under their own (short, fixed) names."""
    if name.startswith(REPORTS_DIR + "/"):
        return work / "r" / str(index)
    return _extracted(work, name)


def _path_units(path: Path) -> int:
    """The length of `path` made absolute, as Windows counts it against MAX_PATH (UTF-16 units)."""
    return utf16_len(os.path.abspath(path))


def _path_too_long(backup: Path, data_dir: Path, member: str, written: Path) -> BackupError:
    units = _path_units(written)
    return _bad(
        backup,
        f"备份中的报告文件“{quoted_name(member)}”恢复到这台电脑的数据文件夹后，路径长 {units} 个字符"
        f"（{quoted_name(written)}），超过了 Windows 允许的 {WINDOWS_MAX_PATH} 个字符：Windows、WPS 和 Office 无法建立或打开它。"
        f"请把数据文件夹换到较短的位置（如 D:\\ipdesk；命令行用 --data-dir 或环境变量 IPDESK_DATA_DIR，现在是 "
        f"{quoted_name(data_dir)}）后再恢复。",
        f"the report file \"{quoted_name(member)}\" in the backup would have a path of {units} characters in this "
        f"computer's data folder ({quoted_name(written)}), more than the {WINDOWS_MAX_PATH} Windows allows: Windows, WPS "
        f"and Office could not create or open it. Move the data folder somewhere shorter (such as D:\\ipdesk; on the "
        f"command line --data-dir or the IPDESK_DATA_DIR variable; it is now {quoted_name(data_dir)}) and restore again.",
        "path_too_long",
    )


def _check_work_paths(backup: Path, data_dir: Path, work: Path, info: BackupInfo) -> None:
    """Before anything is unpacked: each member's place in the work folder fits Windows' MAX_PATH
    (the local store's with the journal SQLite writes beside it). Checked on every system, as the
    report files' own places are (`_check_report_targets`): a data folder that fits only here is
    refused here too, rather than a backup restoring on one system and not on another."""
    for index, member in enumerate(info.members):
        if _not_a_report(member.name):  # checked, never written out
            continue
        place = _unpacked(work, index, member.name)
        if member.name == LOCAL_MEMBER:
            place = place.with_name(place.name + "-journal")
        if _path_units(place) <= WINDOWS_MAX_PATH:
            continue
        if member.name.startswith(REPORTS_DIR + "/"):  # said with the report's own place, as long or longer
            final = data_dir.joinpath(*PurePosixPath(member.name + ".part").parts)
            raise _path_too_long(backup, data_dir, member.name, max(place, final, key=_path_units))
        units = _path_units(data_dir)
        raise _bad(
            backup,
            f"这台电脑的数据文件夹路径太长（{units} 个字符：{quoted_name(data_dir)}），恢复时在其中解压备份的文件会超过 "
            f"Windows 允许的 {WINDOWS_MAX_PATH} 个字符。请把数据文件夹换到较短的位置（如 D:\\ipdesk；命令行用 --data-dir "
            "或环境变量 IPDESK_DATA_DIR）后再恢复。",
            f"this computer's data folder has too long a path ({units} characters: {quoted_name(data_dir)}): the "
            f"backup's files unpacked in it would pass the {WINDOWS_MAX_PATH} characters Windows allows. Move the data "
            "folder somewhere shorter (such as D:\\ipdesk; on the command line --data-dir or the IPDESK_DATA_DIR "
            "variable) and restore again.",
            "path_too_long",
        )


def _not_a_report(name: str) -> bool:
    """A member under reports/ that is not an archived report (.pdf, .docx, .xlsx): the app never
    writes one, and a made-up backup's reports/2026-11/IPD-x.exe is not unpacked nor put back."""
    return name.startswith(REPORTS_DIR + "/") and not name.lower().endswith(REPORT_SUFFIXES)


def _report_there(target: Path) -> Path | None:
    """The file at a report's place in the data folder as Windows sees it: the file itself, or one
    whose name differs only in case (`same_file_there`: on Linux both could be there, and a later
    backup would keep only one); None when neither is, or it is not a file."""
    there = same_file_there(target)
    return there if there is not None and there.is_file() else None


def _check_report_targets(backup: Path, data_dir: Path, info: BackupInfo, stamp: str,
                          skip: frozenset[str] = frozenset()) -> None:
    """Before anything changes, for each report file the restore will write: its place in the data
    folder fits Windows' MAX_PATH with the `.part` it is written as first, and so does the name a
    different file there is kept under (`_aside_name`): a path past it failed half-way through the
    restore on Windows, or made a file Explorer, WPS and Office cannot open. And a file to be set
    aside can be moved: on Windows a report open in WPS or a PDF reader cannot, and the restore
    stopped half-way, the service record already replaced, with "permission denied" and no file
    named (QA 19e W3). Now it is refused first, naming the file to close (outfiles.check_replaceable)."""
    for member in info.members:
        if not member.name.startswith(REPORTS_DIR + "/") or member.name in skip or _not_a_report(member.name):
            continue
        target = data_dir.joinpath(*PurePosixPath(member.name).parts)
        part = target.with_name(target.name + ".part")
        if _path_units(part) > WINDOWS_MAX_PATH:
            raise _path_too_long(backup, data_dir, member.name, part)
        there = _report_there(target)
        if there is not None and _file_sha256(there) != member.sha256:
            aside = _aside_name(there, stamp)
            if _path_units(aside) > WINDOWS_MAX_PATH:
                raise _path_too_long(backup, data_dir, member.name, aside)
            check_replaceable(there, Text("报告文件", "report file"))


def _put_reports(data_dir: Path, extracted: Path, info: BackupInfo, stamp: str, result: RestoreResult,
                 skip: frozenset[str] = frozenset()) -> None:
    """`skip`: the report files of entries deleted again (`_delete_again`): not put back. A file that
    is not a report (`_not_a_report`) was not unpacked: it is counted as skipped."""
    for index, member in enumerate(info.members):
        if _not_a_report(member.name):
            result.report_files_skipped += 1
            log.warning("restore: %s in the backup is not a report file (.pdf, .docx, .xlsx): not put back",
                        member.name)
            continue
        if not member.name.startswith(REPORTS_DIR + "/") or member.name in skip:
            continue
        source = _unpacked(extracted, index, member.name)
        target = data_dir.joinpath(*PurePosixPath(member.name).parts)
        there = _report_there(target)
        if there is not None and _file_sha256(there) == member.sha256:
            if there != target:  # the same file under a name differing in case: given the record's name
                os.replace(there, target)
            result.report_files_unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        part = fresh_part(target)  # a new file of its own: never another's, nor one differing only in case
        os.replace(source, part)  # the work folder is inside the data folder: a rename, no second copy
        if there is not None:  # a different file (or one differing only in case: on Windows the same)
            aside = _aside_name(there, stamp)
            os.replace(there, aside)
            result.report_files_set_aside.append(aside.relative_to(data_dir).as_posix())
            log.info("restore: a different %s was kept as %s", there, aside.name)
        os.replace(part, target)
        result.report_files_written += 1


def _delete_again(db: Database, data_dir: Path, store: Path) -> tuple[int, int, frozenset[str]]:
    """Before the local store is replaced by the backup's copy `store` (unpacked in the work folder):
    the entries deleted here since the backup was made (the tombstones of the store about to be
    replaced, `models.DeletedEntry`) are deleted from that copy with their archive rows, as
    `ReportsService.delete_entries` deletes them (overwritten: `secure_delete`), and the copy keeps
    both stores' tombstones. Done in the copy, so the one-step replace brings the deletion and the
    tombstones together: no moment (a kill, a power cut) leaves the restored store holding the
    deleted entries or without the tombstones. Returns the entries and archive rows deleted, and
    their report files' member names (`_put_reports` does not put them back). Changes nothing live."""
    with db.local_store.session() as s:
        stones = read_tombstones(s)
    if not stones:  # nothing deleted here: the backup's own tombstones come with its store
        return 0, 0, frozenset()
    engine = make_engine(sqlite_url(store))
    event.listen(engine, "connect", secure_delete)
    try:
        ensure_local_schema(engine)  # a backup from before tombstones: the table is made
        copy = Database(engine=engine, path=store, data_dir=data_dir, index_hooks=False)
        with copy.session() as s:
            erased = erase_tombstoned(s, stones)
    finally:
        engine.dispose()
    names = frozenset(n for p in erased.stored if (n := report_member(p)) and n.startswith(REPORTS_DIR + "/"))
    # counts only: the log must not carry a client's name
    log.info("restore: %d entries deleted here since the backup was made deleted again (%d archived reports); "
             "%d tombstones kept", len(erased.entries), len(erased.archive_ids), len(stones))
    return len(erased.entries), len(erased.archive_ids), names


def _replace_local_store(db: Database, store: Path) -> None:
    """The local store's contents become `store`'s, in one step (SQLite's backup API into the open
    store: readers see the old or the new contents, never a mix); then brought to this version's
    schema (a backup from an older ipdesk may lack a column)."""
    local = db.local_store
    source = sqlean.connect(sqlite_file_uri(store, "mode=ro"), uri=True)
    raw = local.engine.raw_connection()
    try:
        source.backup(raw.driver_connection)
    finally:
        raw.close()
        source.close()
    local.engine.dispose()  # pooled connections start afresh on the new contents
    ensure_local_schema(local.engine)


def restore_backup(db: Database, data_dir: Path, path: Path,
                   progress: Callable[[str], None] | None = None,
                   prune_current: Callable[[], int] | None = None) -> RestoreResult:
    """Check `path` completely, then restore it (see the module's docstring). Raises BackupError
    (nothing changed) for a file that is not a sound backup, DataFolderError when the data folder
    cannot be written (the local store then unchanged). `prune_current`: the retention clean-up of
    this computer's own entries (ReportsService.retain_before_restore, returning how many it
    removed), run once the backup passed every check and just before the safety copy is made, so
    that the copy, which stays in the data folder, does not keep entries the retention period set here
    would have deleted (the daily clean-up had not come yet, or the period was just shortened)."""
    path = path.expanduser()
    say = progress or (lambda _stage: None)
    stamp = _stamp()
    with _open_zip(path) as zf:
        info = _read_manifest(path, zf)
        if _has_registry_rows(info):  # a read-only registry: said before anything is restored
            refuse_if_read_only(db.engine)
        refuse_if_read_only(db.local_store.engine, local=True)  # the service record it replaces: the same
        remove_stale_work(data_dir)  # first: the space it gives back counts below
        free = shutil.disk_usage(data_dir).free if data_dir.is_dir() else 0
        needed = sum(m.size for m in info.members) + local_store_size(db)
        if data_dir.is_dir() and needed > free:
            raise _data_folder_error(data_dir, OSError(errno.ENOSPC, "not enough free space"))
        try:
            work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=data_dir))
        except OSError as exc:
            raise _data_folder_error(data_dir, exc) from exc
        in_use = FileLock(str(work / WORK_LOCK))
        try:
            in_use.acquire(timeout=0)  # held until the folder is gone (see remove_stale_work)
        except OSError as exc:  # filelock's Timeout is an OSError too
            shutil.rmtree(work, ignore_errors=True)
            raise _data_folder_error(data_dir, exc) from exc
        try:
            _check_work_paths(path, data_dir, work, info)
            say("check")
            for index, member in enumerate(info.members):
                if _not_a_report(member.name):  # checked (sha256) but never written out (_put_reports counts it)
                    _extract_member(path, zf, member, None)
                    continue
                target = _unpacked(work, index, member.name)
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    _extract_member(path, zf, member, target)
                except OSError as exc:
                    raise _data_folder_error(data_dir, exc) from exc
            store = work.joinpath(*PurePosixPath(LOCAL_MEMBER).parts)
            _check_store_file(path, store)
            _check_registry_members(path, zf, info)
            try:
                deleted, archived, gone = _delete_again(db, data_dir, store)
            except (OSError, sqlean.Error, DBAPIError) as exc:
                raise _data_folder_error(data_dir, exc) from exc
            _check_report_targets(path, data_dir, info, stamp, gone)
            expired = 0
            if prune_current is not None:  # after the checks: a backup refused leaves it to the daily clean-up
                say("retention")
                expired = prune_current()
            say("safety_copy")
            replaced = local_counts(db)
            safety = _safety_copy(db, data_dir, stamp)
            result = RestoreResult(info, safety, replaced, {}, deleted_again=deleted, deleted_again_archived=archived,
                                   retention_removed_before=expired)
            try:  # before the first change; removed when all is done: a kill or a power cut is told at the next start
                earlier = mark_started(data_dir, path.absolute(), safety, work)
            except OSError as exc:
                raise _data_folder_error(data_dir, exc) from exc
            say("local_store")  # first: if it fails, nothing at all was restored
            try:
                _replace_local_store(db, store)
            except (OSError, sqlean.Error, DBAPIError) as exc:
                mark_finished(data_dir, earlier)  # the store is as before (the backup API's copy is one step)
                raise _data_folder_error(data_dir, exc) from exc
            result.restored_counts = local_counts(db)
            say("reports")
            try:
                _put_reports(data_dir, work, info, stamp, result, gone)
            except OSError as exc:
                raise _partly_restored(data_dir, safety, exc) from exc
            # not put back; and one that is here (a deletion could not remove it: open elsewhere) goes now
            paths = {n: data_dir.joinpath(*PurePosixPath(n).parts) for n in sorted(gone)}
            removed, _left = remove_files(paths.values())
            in_backup = {m.name for m in info.members} & gone
            result.deleted_again_files = len(in_backup | {n for n, p in paths.items() if p in removed})
            say("registry")
            try:
                merged = _merge_registry(db, data_dir, work, info)
                if merged is not None:
                    result.registry_inserted, result.registry_updated = merged.inserted, merged.updated
                    result.registry_kept_update = merged.kept_update
            except DBAPIError as exc:
                if _is_full(exc):
                    raise _partly_restored(data_dir, safety, exc) from exc
                raise
        finally:
            in_use.release()
            shutil.rmtree(work, ignore_errors=True)
    mark_finished(data_dir)  # every step done (a step that failed left the marker: partly restored)
    log.info("restored %s (made %s): %s; safety copy %s; reports %d written, %d unchanged, %d set aside; "
             "registry rows %d inserted, %d updated, %d not restored over a data update's; "
             "%d entries deleted since deleted again",
             path, info.created_at, result.restored_counts, safety,
             result.report_files_written, result.report_files_unchanged, len(result.report_files_set_aside),
             result.registry_inserted, result.registry_updated, result.registry_kept_update,
             result.deleted_again)
    return result
