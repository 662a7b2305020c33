"""Apply verified payloads: every dataset of one manifest in one SQLite transaction.

Ownership rule (docs/sync.md): an update owns exactly the rows whose `dataset` column equals the
published dataset's name. It never updates or deletes any other row: local-only tables are never
opened, rows whose dataset starts with `local` (staff imports kept local) or names an import are
left alone, and a published record whose key is held by such a row is skipped and counted
(`kept_local`). The search index is written on the same connection, so it commits or rolls back
with the data; a SIGKILL or power cut at any point leaves the old version (SQLite WAL).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, Engine
from sqlalchemy.exc import DBAPIError

from ipdesk.services.models import ClassNode, Division, GeoIndication, Patent, Trademark
from ipdesk.services.search_index import (
    IndexDoc,
    delete_docs,
    division_paths,
    doc_for_class,
    doc_for_division,
    doc_for_gi,
    doc_for_patent,
    doc_for_trademark,
    write_docs,
)
from ipdesk.services.sync.errors import DiskFullError, ObjectIntegrityError, SyncError
from ipdesk.services.sync.manifest import DatasetEntry, ObjectRef
from ipdesk.services.sync.payload import TABLES, DatasetTable, read_payload
from ipdesk.services.sync.state import AppliedState, DatasetChange, write_applied

log = logging.getLogger("ipdesk.sync")

BATCH = 2000
_MODELS: dict[str, Any] = {
    "divisions": Division, "gi": GeoIndication, "classifications": ClassNode, "patents": Patent,
    "trademarks": Trademark,
}


@dataclass(frozen=True)
class ApplyItem:
    """One dataset to bring to `entry.version` with the object `ref` (a delta from `old_version`, or a snapshot)."""

    entry: DatasetEntry
    ref: ObjectRef
    old_version: int

    @property
    def method(self) -> str:
        return "snapshot" if self.ref.base is None else "delta"


def _date_columns(model: Any) -> tuple[str, ...]:
    return tuple(c.name for c in model.__table__.columns if isinstance(c.type, Date))


_DATE_COLUMNS = {name: _date_columns(model) for name, model in _MODELS.items()}


def _orm_object(dataset: str, record: dict[str, Any]) -> Any:
    """A transient model instance for the search-index document builders (never added to a session)."""
    values = {k: v for k, v in record.items() if k != "areas"}
    for col in _DATE_COLUMNS[dataset]:
        if values.get(col):
            values[col] = dt.date.fromisoformat(str(values[col])[:10])
    return _MODELS[dataset](**values)


class _DatasetWriter:
    def __init__(self, conn: Connection, spec: DatasetTable) -> None:
        self.conn = conn
        self.spec = spec
        self.name = spec.dataset
        cols = spec.columns
        col_list = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" * len(cols))
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != spec.key)
        self.upsert_sql = (
            f'INSERT INTO {spec.table} ({col_list}) VALUES ({marks}) '
            f'ON CONFLICT("{spec.key}") DO UPDATE SET {updates} WHERE {spec.table}.dataset = ? '
            "ON CONFLICT DO NOTHING"
        )
        self.select_sql = f'SELECT {col_list} FROM {spec.table} WHERE dataset = ? AND "{spec.key}" IN '
        self.added = self.updated = self.deleted = self.kept_local = 0
        self.changed_divisions: set[str] = set()
        self.seen: set[Any] = set()

    def _existing(self, keys: Sequence[Any]) -> dict[Any, dict[str, Any]]:
        out: dict[Any, dict[str, Any]] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            sql = self.select_sql + "(" + ",".join("?" * len(chunk)) + ")"
            for row in self.conn.exec_driver_sql(sql, (self.name, *chunk)):
                rec = dict(zip(self.spec.columns, row, strict=True))
                out[rec[self.spec.key]] = rec
        if self.name == "gi" and out:
            ids = list(out)
            for rec in out.values():
                rec["areas"] = []
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for gi_id, code in self.conn.exec_driver_sql(
                    "SELECT gi_id, division_code FROM gi_area WHERE gi_id IN (" + ",".join("?" * len(chunk))
                    + ") ORDER BY gi_id, division_code", tuple(chunk),
                ):
                    out[gi_id]["areas"].append(code)
        return out

    def upsert(self, records: list[dict[str, Any]]) -> None:
        key = self.spec.key
        for r in records:
            if r.get("dataset") != self.name:
                raise ObjectIntegrityError(
                    "更新数据内容与清单不符。", "The update data do not match the manifest.",
                    detail=f"record of dataset {r.get('dataset')!r} in {self.name}",
                )
        self.seen.update(r[key] for r in records)
        existing = self._existing([r[key] for r in records])
        changed = [r for r in records if existing.get(r[key]) != r]
        if not changed:
            return
        self.conn.exec_driver_sql(
            self.upsert_sql, [(*(r.get(c) for c in self.spec.columns), self.name) for r in changed]
        )
        owned = self._existing([r[key] for r in changed])
        written = [r for r in changed if r[key] in owned]
        self.kept_local += len(changed) - len(written)
        self.added += sum(1 for r in written if r[key] not in existing)
        self.updated += sum(1 for r in written if r[key] in existing)
        if self.name == "gi":
            ids = [(r["id"],) for r in written]
            self.conn.exec_driver_sql("DELETE FROM gi_area WHERE gi_id = ?", ids)
            areas = [(r["id"], code) for r in written for code in r.get("areas", [])]
            if areas:
                self.conn.exec_driver_sql("INSERT INTO gi_area (gi_id, division_code) VALUES (?, ?)", areas)
        if self.name == "divisions":
            self.changed_divisions.update(r["code"] for r in written)
            return
        write_docs(self.conn, [self._doc(r) for r in written])

    def _doc(self, record: dict[str, Any]) -> IndexDoc:
        obj = _orm_object(self.name, record)
        if self.name == "gi":
            return doc_for_gi(obj, record.get("areas", []))
        if self.name == "classifications":
            return doc_for_class(obj)
        if self.name == "patents":
            return doc_for_patent(obj)
        return doc_for_trademark(obj)

    def delete(self, keys: list[Any]) -> None:
        owned = list(self._existing(keys))
        if not owned:
            return
        key = self.spec.key
        if self.name == "divisions":
            self.changed_divisions.update(owned)
            delete_docs(self.conn, "place", [int(k) for k in owned])
        else:
            delete_docs(self.conn, self.spec.index_kind, owned)
        self.conn.exec_driver_sql(
            f'DELETE FROM {self.spec.table} WHERE "{key}" = ? AND dataset = ?', [(k, self.name) for k in owned]
        )
        self.deleted += len(owned)

    def delete_unseen(self) -> None:
        """After a snapshot: remove the owned rows the snapshot no longer lists."""
        owned = [r[0] for r in self.conn.exec_driver_sql(
            f'SELECT "{self.spec.key}" FROM {self.spec.table} WHERE dataset = ?', (self.name,)
        )]
        gone = [k for k in owned if k not in self.seen]
        for start in range(0, len(gone), BATCH):
            self.delete(gone[start : start + BATCH])

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
        todo = [c for c in self.changed_divisions]
        affected: set[str] = set()
        while todo:
            code = todo.pop()
            if code in affected:
                continue
            affected.add(code)
            todo.extend(children.get(code, []))
        present = set(paths)
        codes = sorted(c for c in affected if c in present)
        cols = ", ".join(f'"{c}"' for c in self.spec.columns)
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            docs = []
            for row in self.conn.exec_driver_sql(
                f"SELECT {cols} FROM division WHERE code IN ({','.join('?' * len(chunk))})", tuple(chunk)
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


def apply_items(
    engine: Engine,
    items: Sequence[ApplyItem],
    objects: Path,
    applied: AppliedState,
    *,
    on_records: Callable[[int], None] | None = None,
) -> AppliedState:
    """Apply every item and record `applied` in one transaction; returns the state with its changes."""
    changes: list[DatasetChange] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
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
                writer = _DatasetWriter(conn, spec)
                done = 0
                for op, batch in _batches(ops):
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
                if item.method == "snapshot":
                    writer.delete_unseen()
                writer.finish_divisions()
                count = conn.exec_driver_sql(f"SELECT count(*) FROM {spec.table} WHERE dataset = ?",
                                             (spec.dataset,)).scalar()
                entry = item.entry
                conn.exec_driver_sql(
                    "INSERT INTO dataset (name, version, as_of, origin, source, edition, record_count, updated_at) "
                    "VALUES (?, ?, ?, 'sync', ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, "
                    "as_of = excluded.as_of, origin = 'sync', source = excluded.source, edition = excluded.edition, "
                    "record_count = excluded.record_count, updated_at = excluded.updated_at",
                    (entry.name, entry.version, entry.as_of or None, entry.source, entry.edition, count,
                     now.isoformat(sep=" ")),
                )
                changes.append(DatasetChange(entry.name, item.old_version, entry.version, item.method,
                                             writer.added, writer.updated, writer.deleted, writer.kept_local))
                log.info("applied %s v%d → v%d (%s): +%d ~%d -%d", entry.name, item.old_version, entry.version,
                         item.method, writer.added, writer.updated, writer.deleted)
            result = AppliedState(applied.manifest_version, applied.created, applied.applied_at, applied.source,
                                  tuple(changes))
            write_applied(conn, result)
    except DBAPIError as exc:
        if any(s in str(exc).lower() for s in ("full", "disk i/o")):
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
