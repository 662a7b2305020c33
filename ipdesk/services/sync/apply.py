"""Apply verified payloads: every dataset of one manifest in one SQLite transaction.

Ownership rule (docs/sync.md): an update owns exactly the rows whose `dataset` column equals the
published dataset's name. It never updates or deletes any other row: local-only tables are never
opened, rows whose dataset starts with `local` (staff imports kept local) or names an import are
left alone, and a published record whose key is held by such a row is skipped and counted
(`kept_local`). The search index is written on the same connection, so it commits or rolls back
with the data; a SIGKILL or power cut at any point leaves the old version (SQLite WAL).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from ipdesk.services.bulk_sql import update_changed
from ipdesk.services.db import is_disk_full
from ipdesk.services.importers.validate import stored_patent_status
from ipdesk.services.models import Division, dataset_time
from ipdesk.services.search_index import (
    BulkIndexWriter,
    delete_docs,
    division_paths,
    doc_for_division,
    write_docs,
)
from ipdesk.services.sync.changes import ADDED, CHANGED, REMOVED, VALUE_FIELDS, ChangeLog, Entry
from ipdesk.services.sync.errors import DiskFullError, ObjectIntegrityError, SyncError
from ipdesk.services.sync.manifest import DatasetEntry, ObjectRef
from ipdesk.services.sync.payload import (
    TABLES,
    DatasetTable,
    compare_line,
    content_digest,
    export_records,
    read_payload,
)
from ipdesk.services.sync.state import (
    META_TABLE,
    AppliedState,
    DatasetChange,
    read_applied_conn,
    write_applied,
)

log = logging.getLogger("ipdesk.sync")

BATCH = 2000
@dataclass(frozen=True)
class ApplyItem:
    """One dataset to bring to `entry.version` with the object `ref` (a delta from `old_version`, or a snapshot)."""

    entry: DatasetEntry
    ref: ObjectRef
    old_version: int

    @property
    def method(self) -> str:
        return "snapshot" if self.ref.base is None else "delta"


class _DatasetWriter:
    """Writes one dataset's records, matched to local rows by natural key (local ids may differ)."""

    def __init__(self, conn: Connection, spec: DatasetTable, index: BulkIndexWriter, changes: ChangeLog) -> None:
        self.conn = conn
        self.spec = spec
        self.index = index
        self.changes = changes
        self.name = spec.dataset
        self.has_int_id = spec.key == "id"
        cols = spec.columns
        self.col_list = ", ".join(f'"{c}"' for c in cols)
        self.insert_sql = f"INSERT INTO {spec.table} ({self.col_list}) VALUES ({', '.join('?' * len(cols))})"
        self.update_cols = [c for c in cols if c != spec.key]
        self.added = self.updated = self.deleted = self.kept_local = 0
        self.changed_divisions: set[str] = set()
        self.seen: set[tuple[Any, ...]] = set()
        self._next_id: int | None = None
        self._statuses: dict[str, str] = {}  # a patent status as sent → as stored (`_normalise`)

    def _where_natural(self, keys: Sequence[tuple[Any, ...]]) -> tuple[str, list[Any]]:
        natural = self.spec.natural
        if len(natural) == 1:
            return f'"{natural[0]}" IN ({",".join("?" * len(keys))})', [k[0] for k in keys]
        row = "(" + ",".join("?" * len(natural)) + ")"
        cols = "(" + ", ".join(f'"{c}"' for c in natural) + ")"
        return f"{cols} IN (VALUES {','.join([row] * len(keys))})", [v for k in keys for v in k]

    def _existing(self, keys: Sequence[tuple[Any, ...]]) -> dict[tuple[Any, ...], dict[str, Any]]:
        """Local rows (of any dataset) holding these natural keys, with a GI's area codes."""
        out: dict[tuple[Any, ...], dict[str, Any]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 400):
            where, params = self._where_natural(unique[start : start + 400])
            for row in self.conn.exec_driver_sql(f"SELECT {self.col_list} FROM {self.spec.table} WHERE {where}",
                                                 tuple(params)):
                rec = dict(zip(self.spec.columns, row, strict=True))
                out[self.spec.natural_key(rec)] = rec
        if self.name == "gi" and out:
            by_id = {rec["id"]: rec for rec in out.values()}
            for rec in by_id.values():
                rec["areas"] = []
            ids = list(by_id)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for gi_id, code in self.conn.exec_driver_sql(
                    "SELECT gi_id, division_code FROM gi_area WHERE gi_id IN (" + ",".join("?" * len(chunk))
                    + ") ORDER BY gi_id, division_code", tuple(chunk),
                ):
                    by_id[gi_id]["areas"].append(code)
        return out

    @staticmethod
    def _same(record: dict[str, Any], row: dict[str, Any], key: str) -> bool:
        return all(record.get(c) == row.get(c) for c in (*row.keys(), "areas") if c != key)

    def _assign_ids(self, new: list[dict[str, Any]]) -> None:
        """Keep the publisher's id where it is free here; otherwise take one above every id in use."""
        if not self.has_int_id or not new:
            return
        wanted = [r["id"] for r in new]
        taken: set[int] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            taken.update(r[0] for r in self.conn.exec_driver_sql(
                f"SELECT id FROM {self.spec.table} WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
        used: set[int] = set()
        homeless = []
        for r in new:
            if r["id"] not in taken and r["id"] not in used:
                used.add(r["id"])
            else:
                homeless.append(r)
        if self._next_id is None:
            self._next_id = int(self.conn.exec_driver_sql(f"SELECT max(id) FROM {self.spec.table}").scalar() or 0) + 1
        self._next_id = max(self._next_id, max(used, default=0) + 1)
        for r in homeless:
            r["id"] = self._next_id
            self._next_id += 1

    def _normalise(self, records: list[dict[str, Any]]) -> None:
        """A publisher on an older version sends patent statuses as its lists gave them (无效,
        未缴年费专利权终止): stored as an import stores them today (`stored_patent_status`), so that
        the patent finder places them, and an unchanged record is not rewritten at every update."""
        if self.name != "patents":
            return
        for r in records:
            status = r.get("legal_status")
            if isinstance(status, str):
                if status not in self._statuses:  # a few distinct words in a million records
                    self._statuses[status] = str(stored_patent_status(status))
                r["legal_status"] = self._statuses[status]

    def upsert(self, records: list[dict[str, Any]]) -> None:
        spec, key = self.spec, self.spec.key
        for r in records:
            if r.get("dataset") != self.name:
                raise ObjectIntegrityError(
                    "更新数据内容与清单不符。", "The update data do not match the manifest.",
                    detail=f"record of dataset {r.get('dataset')!r} in {self.name}",
                )
        self._normalise(records)
        keys = [spec.natural_key(r) for r in records]
        self.seen.update(keys)
        existing = self._existing(keys)
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        before: list[dict[str, Any]] = []
        for r, nk in zip(records, keys, strict=True):
            row = existing.get(nk)
            if row is None:
                new.append(dict(r))
            elif row["dataset"] != self.name:
                self.kept_local += 1  # a local or imported record holds this key: it stays
            elif not self._same(r, row, key):
                changed.append({**r, key: row[key]})  # keep the local id
                before.append(row)
        if not new and not changed:
            return
        self._assign_ids(new)
        if new:
            self.conn.exec_driver_sql(self.insert_sql, [tuple(r.get(c) for c in spec.columns) for r in new])
            if self.has_int_id:
                self._next_id = max(self._next_id or 0, max(r["id"] for r in new) + 1)
        diffs = [{c: r.get(c) for c in self.update_cols if r.get(c) != old.get(c)}
                 for r, old in zip(changed, before, strict=True)]
        if changed:
            self._update_rows(changed, diffs)
        self._list_written(new, changed, before, diffs)
        self.added += len(new)
        self.updated += len(changed)
        written = new + changed
        if self.name == "gi":
            if changed:
                self.conn.exec_driver_sql("DELETE FROM gi_area WHERE gi_id = ?", [(r["id"],) for r in changed])
            areas = [(r["id"], code) for r in written for code in r.get("areas", [])]
            if areas:
                self.conn.exec_driver_sql("INSERT INTO gi_area (gi_id, division_code) VALUES (?, ?)", areas)
        if self.name == "divisions":
            self.changed_divisions.update(r["code"] for r in written)
            return
        # records carry every column of the table (the payload's header lists them), as the builders need
        self.index.add(self.spec.index_kind, new)
        self.index.add_changed(self.spec.index_kind, list(zip(before, changed, strict=True)))

    def _update_rows(self, changed: list[dict[str, Any]], diffs: list[dict[str, Any]]) -> None:
        """Only the columns that changed (a GI whose areas alone changed has none: they are rewritten below)."""
        update_changed(self.conn, self.spec.table, self.spec.key,
                       ((new[self.spec.key], diff) for new, diff in zip(changed, diffs, strict=True)))

    def _list_written(self, new: list[dict[str, Any]], changed: list[dict[str, Any]],
                      before: list[dict[str, Any]], diffs: list[dict[str, Any]]) -> None:
        """The added and changed records for the last update's list, while it has room (then no work)."""
        room = self.changes.room(self.name)
        if room <= 0:
            return
        spec, key, title = self.spec, self.spec.key, self.spec.title
        entries: list[Entry] = [(ADDED, r[key], spec.natural_key(r), r.get(title) or "", (), {})
                                for r in new[:room]]
        for r, old, diff in zip(changed[: room - len(entries)], before, diffs, strict=False):
            fields = [*diff, "areas"] if r.get("areas") != old.get("areas") else list(diff)
            values = {f: (old.get(f), diff[f]) for f in VALUE_FIELDS if f in diff}  # the state it had, and has
            entries.append((CHANGED, r[key], spec.natural_key(r), r.get(title) or "", fields, values))
        self.changes.add(self.name, entries)

    def delete(self, keys: list[tuple[Any, ...]]) -> None:
        rows = self._existing([tuple(k) for k in keys])
        owned = {nk: row for nk, row in rows.items() if row["dataset"] == self.name}
        self._delete_local_keys([row[self.spec.key] for row in owned.values()],
                                [(nk, row[self.spec.title]) for nk, row in owned.items()])

    def _delete_local_keys(self, owned: list[Any], gone: list[tuple[tuple[Any, ...], str]]) -> None:
        """`gone`: each deleted record's natural key and title, for the last update's list."""
        if not owned:
            return
        room = self.changes.room(self.name)
        if room > 0:
            self.changes.add(self.name, [(REMOVED, None, nk, title or "", (), {}) for nk, title in gone[:room]])
        self.index.drain()  # a queued document of a record deleted now must not be written after it
        if self.name == "divisions":
            self.changed_divisions.update(owned)
            delete_docs(self.conn, "place", [int(k) for k in owned])
        else:
            delete_docs(self.conn, self.spec.index_kind, owned)
        self.conn.exec_driver_sql(
            f'DELETE FROM {self.spec.table} WHERE "{self.spec.key}" = ? AND dataset = ?',
            [(k, self.name) for k in owned],
        )
        self.deleted += len(owned)

    def delete_unseen(self) -> None:
        """After a snapshot: remove the owned rows the snapshot no longer lists."""
        cols = ", ".join(f'"{c}"' for c in (self.spec.key, self.spec.title, *self.spec.natural))
        gone = [row for row in self.conn.exec_driver_sql(
            f"SELECT {cols} FROM {self.spec.table} WHERE dataset = ?", (self.name,)
        ) if tuple(row[2:]) not in self.seen]
        for start in range(0, len(gone), BATCH):
            batch = gone[start : start + BATCH]
            self._delete_local_keys([row[0] for row in batch], [(tuple(row[2:]), row[1]) for row in batch])

    def finish_divisions(self) -> None:
        """Reindex changed places and every place below them (their subtitles name their ancestors)."""
        if not self.changed_divisions:
            return
        paths = division_paths(self.conn)
        children: dict[str, list[str]] = {}
        rows = self.conn.exec_driver_sql("SELECT code, parent_code FROM division").fetchall()
        for code, parent in rows:
            if parent:
                children.setdefault(parent, []).append(code)
        todo = list(self.changed_divisions)
        affected: set[str] = set()
        while todo:
            code = todo.pop()
            if code in affected:
                continue
            affected.add(code)
            todo.extend(children.get(code, []))
        codes = sorted(c for c in affected if c in paths)
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            docs = []
            for row in self.conn.exec_driver_sql(
                f"SELECT {self.col_list} FROM division WHERE code IN ({','.join('?' * len(chunk))})", tuple(chunk)
            ):
                d = Division(**dict(zip(self.spec.columns, row, strict=True)))
                docs.append(doc_for_division(d, paths.get(d.code, [])))
            write_docs(self.conn, docs)


def _batches(ops: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, list[Any]]]:
    op_now = ""
    batch: list[Any] = []
    for op, value in ops:
        if op != op_now or len(batch) >= BATCH:
            if batch:
                yield op_now, batch
            op_now, batch = op, []
        batch.append(value)
    if batch:
        yield op_now, batch


CONTENTS_KEY = "dataset_contents"  # in state.META_TABLE: {dataset: content digest of the version applied}


def read_contents(conn: Connection) -> dict[str, str]:
    """Per dataset, the content digest of the published version this computer applied
    (`DatasetEntry.content`), as recorded by the apply; '' or missing: not known (applied from a
    manifest without digests, or before they were recorded)."""
    try:
        raw = conn.exec_driver_sql(f"SELECT value FROM {META_TABLE} WHERE key = ?", (CONTENTS_KEY,)).scalar()
    except DBAPIError:  # no sync_meta table yet: nothing applied
        return {}
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def write_contents(conn: Connection, contents: dict[str, str]) -> None:
    """Record `read_contents`'s digests, inside the apply's transaction (after `write_applied`, which
    creates the table)."""
    conn.exec_driver_sql(
        f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (CONTENTS_KEY, json.dumps({k: v for k, v in contents.items() if v}, sort_keys=True)))


# A dataset no update brought here is compared with the published version by content before its
# snapshot is fetched (`local_content`): the data that came with the app (the seed's 42,000 divisions
# take ~0.25 s of CPU). A check compares again until an update records the dataset (every automatic
# check, twice per automatic update), so above this many rows here the snapshot is fetched without
# comparing (~1.2 s of CPU for 100,000 patents; the rows are streamed, not held).
COMPARE_MAX_ROWS = 100_000


class _OutOfOrder(Exception):
    """The rows here do not come in the publisher's order (`local_content`)."""


def owned_row_count(conn: Connection, dataset: str) -> int:
    spec = TABLES[dataset]
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM {spec.table} WHERE dataset = ?", (dataset,)).scalar() or 0)


def local_content(conn: Connection, dataset: str) -> str:
    """The content digest (`DatasetEntry.content`) of the rows an update of `dataset` owns here, as the
    publisher computes it for its own records. Equal to a version's digest: this computer already
    holds exactly that version's records, and applying its snapshot would change nothing. '' when the
    rows cannot be put in the publisher's order (a natural key with an empty part)."""
    spec = TABLES[dataset]

    def in_order() -> Iterator[bytes]:
        # SQLite's order (BINARY: UTF-8 bytes, numbers by value) is Python's for what a publisher can
        # sort; checked as the rows come, since a digest in another order would only never match
        last: tuple[Any, ...] | None = None
        for record in export_records(conn, dataset, owned=True):
            key = spec.natural_key(record)
            if last is not None and key < last:
                raise _OutOfOrder
            last = key
            yield compare_line(spec, record)

    try:
        return content_digest(in_order())
    except (_OutOfOrder, TypeError):  # None beside a value in a natural key: no published version has it
        return ""


def delta_applies(ref: ObjectRef | None, contents: dict[str, str], dataset: str) -> bool:
    """Whether the delta `ref` may be applied onto this computer's `dataset`: it names the content it
    was made from and that is the content applied here. A delta from a manifest without the digest
    goes by the version alone (as before); one whose base content differs (this computer took a
    package from a copy of the repository that was published into, a fork) or is not known here
    (applied before the digests were recorded) is not applied: the snapshot is taken instead."""
    if ref is None:
        return False
    return not ref.base_content or contents.get(dataset) == ref.base_content


def _record_dataset(conn: Connection, entry: DatasetEntry, count: int, now: str) -> None:
    """The dataset's row: the version an update brought (or found here already), its metadata and count."""
    conn.exec_driver_sql(
        "INSERT INTO dataset (name, version, as_of, origin, source, edition, record_count, updated_at) "
        "VALUES (?, ?, ?, 'sync', ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, "
        "as_of = excluded.as_of, origin = 'sync', source = excluded.source, edition = excluded.edition, "
        "record_count = excluded.record_count, updated_at = excluded.updated_at",
        (entry.name, entry.version, entry.as_of or None, entry.source, entry.edition, count, now),
    )


def apply_items(
    engine: Engine,
    items: Sequence[ApplyItem],
    objects: Path,
    applied: AppliedState,
    *,
    on_records: Callable[[int], None] | None = None,
    check: Callable[[], None] | None = None,
    fresh_baseline: bool = False,
    adopted: Sequence[DatasetEntry] = (),
) -> AppliedState:
    """Apply every item and record `applied` in one transaction; returns the state with its changes.
    `check` is called between batches and raises to cancel: the transaction is then rolled back.
    `fresh_baseline`: a publisher switch; the previous publisher's dataset versions are forgotten.
    `adopted`: datasets whose rows here already are the published version's (`local_content`, e.g.
    the data that came with the app): recorded as that version, no row written, not listed as changed."""
    changes: list[DatasetChange] = []
    now = dataset_time()
    try:
        with engine.begin() as conn, BulkIndexWriter(conn, sum(i.ref.records for i in items)) as index:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            change_log = ChangeLog(conn)  # the last update's list: written at the end, replacing the previous one
            for item in items:
                spec = TABLES[item.entry.name]
                header, ops = read_payload(objects / item.ref.sha256)
                expected = (item.entry.name, item.method, item.entry.version, item.ref.base)
                if (header.dataset, header.kind, header.version, header.base) != expected:
                    raise ObjectIntegrityError(
                        "更新数据与清单不符（可能混用了不同版本的文件）。未做任何更改。",
                        "The update data do not match the manifest (files of different versions mixed?). "
                        "Nothing was changed.",
                        detail=f"{header} != {expected}",
                    )
                writer = _DatasetWriter(conn, spec, index, change_log)
                done = 0
                for op, batch in _batches(ops):
                    if check:
                        check()
                    if op == "u":
                        writer.upsert(batch)
                    elif op == "d":
                        writer.delete(batch)
                    else:
                        raise ObjectIntegrityError("更新数据格式不对。", "The update data are malformed.",
                                                   detail=f"unknown op {op!r}")
                    done += len(batch)
                    if on_records:
                        on_records(len(batch))
                index.drain()
                if item.method == "snapshot":
                    writer.delete_unseen()
                writer.finish_divisions()
                entry = item.entry
                _record_dataset(conn, entry, owned_row_count(conn, entry.name), now.isoformat(sep=" "))
                changes.append(DatasetChange(entry.name, item.old_version, entry.version, item.method,
                                             writer.added, writer.updated, writer.deleted, writer.kept_local))
                log.info("applied %s v%d → v%d (%s): +%d ~%d -%d", entry.name, item.old_version, entry.version,
                         item.method, writer.added, writer.updated, writer.deleted)
            for entry in adopted:
                _record_dataset(conn, entry, owned_row_count(conn, entry.name), now.isoformat(sep=" "))
                log.info("recorded %s as v%d: the rows here are that version's already", entry.name, entry.version)
            previous = read_applied_conn(conn)
            versions = dict(previous.dataset_versions) if previous and not fresh_baseline else {}
            versions.update({entry.name: entry.version for entry in adopted})
            versions.update({item.entry.name: item.entry.version for item in items})
            result = dataclasses.replace(applied, changes=tuple(changes), dataset_versions=versions)
            write_applied(conn, result)
            contents = {} if fresh_baseline else read_contents(conn)
            contents.update({entry.name: entry.content for entry in adopted})
            for item in items:
                contents[item.entry.name] = item.entry.content  # '' when the manifest has none: unknown
            write_contents(conn, contents)
            change_log.finish(result.manifest_version, {c.dataset: c.added + c.updated + c.deleted for c in changes})
    except DBAPIError as exc:
        if is_disk_full(exc):
            raise DiskFullError(
                "磁盘已满或无法写入，更新没有应用，数据保持原样。请释放空间后重试。",
                "The disk is full or cannot be written: the update was not applied and the data are unchanged. "
                "Free some space and retry.",
                detail=str(exc.orig),
            ) from exc
        raise SyncError("应用更新时数据库出错，数据保持原样。", "The database failed while applying the update; "
                        "the data are unchanged.", detail=str(exc.orig)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ObjectIntegrityError("更新数据格式不对，数据保持原样。", "The update data are malformed; the data are "
                                   "unchanged.", detail=str(exc)) from exc
    return result


# An imported record's source as `importers.staging.record_source` writes it: '<file>（导入 / imported <local time>）'.
_IMPORTED_AT = re.compile(r"（导入 / imported (\d{4}-\d{2}-\d{2} \d{2}:\d{2})）$")


def imported_rows_at_risk(engine: Engine, items: Iterable[ApplyItem], applied: AppliedState | None = None
                          ) -> dict[str, int]:
    """Per dataset a planned snapshot replaces: how many of its rows were imported on this computer
    without being marked local. The snapshot deletes those it does not list and overwrites those it
    does (docs/sync.md, "Ownership"), so `sync --check` and the plan warn before anything happens.
    Only snapshots count: a delta touches the keys it names and nothing else.

    An imported row is one whose source the importer wrote (file and local import time). Synced rows
    can carry such a source too (the publisher's own imports): for a dataset an earlier update
    brought, only rows imported after that update (`applied.applied_at`, to the minute) count."""
    from ipdesk.domain.i18n import local_time_text

    synced = applied.dataset_versions if applied else {}
    since = local_time_text(applied.applied_at) if applied else ""
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for item in items:
            if item.method != "snapshot":
                continue
            name = item.entry.name
            spec = TABLES[name]
            if "source" not in spec.columns:  # divisions: never imported, nothing to lose
                continue
            n = 0
            for (source,) in conn.exec_driver_sql(
                f"SELECT source FROM {spec.table} WHERE dataset = ? AND source LIKE ?", (name, "%（导入 / imported %）"),
            ):
                m = _IMPORTED_AT.search(source or "")
                if m and (name not in synced or m.group(1) >= since):
                    n += 1
            if n:
                counts[name] = n
    return counts
