"""Which records the last update added, changed and removed: a list written by the apply in its own
transaction (so an interrupted apply leaves the previous list with the previous data), replaced by
every update, and read by "Data & sync" and `ipdesk sync --status` / `--changes`.

The list holds at most `LIST_CAP` entries per dataset: a first install of a million records must not
write a million more rows. The counts in `DatasetChange` stay exact; the list says where it was cut.
The table is sync's own bookkeeping, created by the apply as `sync_meta` is (no migration: a
database no update ever reached has no list, and readers take a missing table for that).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection

from ipdesk.services.sync.payload import TABLES
from ipdesk.services.sync.state import CREATE_META, META_TABLE, read_applied_conn

log = logging.getLogger("ipdesk.sync")

CHANGE_TABLE = "sync_change"
CREATE_CHANGES = (
    f"CREATE TABLE IF NOT EXISTS {CHANGE_TABLE} (seq INTEGER PRIMARY KEY, dataset TEXT NOT NULL, "
    "change TEXT NOT NULL, ref, natural_key TEXT NOT NULL, title TEXT NOT NULL, fields TEXT NOT NULL)"
)
LIST_META_KEY = "change_list"
LIST_CAP = 5000  # entries per dataset
ADDED, CHANGED, REMOVED = "added", "changed", "removed"
CHANGE_KINDS = (ADDED, CHANGED, REMOVED)

# One entry as the apply hands it over: (change, ref, natural key, title, changed fields)
Entry = tuple[str, Any, Sequence[Any], str, Sequence[str]]


class ChangeLog:
    """The apply's list of changed records, at most `cap` entries per dataset, written by `finish`
    at the end of the apply: it replaces the previous update's list in the same transaction.

    Held until then (25,000 short tuples at most) because Python's sqlite3 opens the transaction
    only at the first data-changing statement: a CREATE TABLE issued before it would commit on its
    own, and an apply killed at once would leave an empty table behind."""

    def __init__(self, conn: Connection, cap: int | None = None) -> None:
        self.conn = conn
        self.cap = LIST_CAP if cap is None else cap
        self.listed: dict[str, int] = {}
        self._rows: list[tuple[str, str, Any, str, str, str]] = []

    def room(self, dataset: str) -> int:
        """How many more entries `dataset` may list (0 once the list is full: the caller skips the work)."""
        return self.cap - self.listed.get(dataset, 0)

    def add(self, dataset: str, entries: Sequence[Entry]) -> None:
        entries = entries[: self.room(dataset)]
        self._rows.extend((dataset, change, ref, orjson.dumps(list(key)).decode(), title or "", " ".join(fields))
                          for change, ref, key, title, fields in entries)
        self.listed[dataset] = self.listed.get(dataset, 0) + len(entries)

    def finish(self, manifest_version: int, totals: dict[str, int]) -> None:
        """Replace the previous list, and record beside the applied manifest how much of each
        dataset's changes the list holds. Call inside the apply's transaction, after its writes."""
        self.conn.exec_driver_sql(CREATE_CHANGES)
        self.conn.exec_driver_sql(f"DELETE FROM {CHANGE_TABLE}")
        if self._rows:
            self.conn.exec_driver_sql(
                f"INSERT INTO {CHANGE_TABLE} (dataset, change, ref, natural_key, title, fields) "
                "VALUES (?, ?, ?, ?, ?, ?)", self._rows)
        value = {"manifest_version": manifest_version, "cap": self.cap,
                 "datasets": {name: {"listed": self.listed.get(name, 0), "total": total}
                              for name, total in totals.items()}}
        self.conn.exec_driver_sql(CREATE_META)
        self.conn.exec_driver_sql(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (LIST_META_KEY, json.dumps(value, ensure_ascii=False)),
        )


@dataclass(frozen=True)
class ChangedRecord:
    """One record the last update touched. `ref` is the local row's key (a place's division code)
    for an added or changed record, None for a removed one, which keeps its key and title."""

    dataset: str
    change: str  # added | changed | removed
    ref: Any
    key: tuple[Any, ...]  # the natural key (publication number, registration number and class, …)
    title: str
    fields: tuple[str, ...] = ()  # the columns a changed record changed ("areas": a GI's area codes)

    @property
    def kind(self) -> str:
        """The record kind the detail views open (patent, trademark, gi, class, place)."""
        spec = TABLES.get(self.dataset)
        return spec.index_kind if spec else self.dataset

    @property
    def ref_id(self) -> int | None:
        """The id the detail views take (a place's 12-digit code as a number); None when removed."""
        if self.change == REMOVED or self.ref is None:
            return None
        try:
            return int(self.ref)
        except (TypeError, ValueError):
            return None


@dataclass(frozen=True)
class DatasetListed:
    dataset: str
    listed: int
    total: int  # added + changed + removed, exact

    @property
    def cut(self) -> bool:
        return self.listed < self.total


@dataclass(frozen=True)
class ChangePage:
    """One page of the last update's list, filtered; `matched` entries match the filter in all."""

    manifest_version: int
    datasets: tuple[DatasetListed, ...]
    records: tuple[ChangedRecord, ...]
    matched: int
    offset: int = 0

    @property
    def cut(self) -> tuple[DatasetListed, ...]:
        return tuple(d for d in self.datasets if d.cut)


def read_changes(conn: Connection, *, dataset: str | None = None, change: str | None = None,
                 offset: int = 0, limit: int = 200) -> ChangePage | None:
    """The last update's changed records in the order applied, `limit` from `offset`, optionally of
    one dataset and one kind of change. None when there is no list for the update applied (none
    applied yet, or applied by an ipdesk that kept no list)."""
    applied = read_applied_conn(conn)
    if applied is None:
        return None
    raw = conn.exec_driver_sql(f"SELECT value FROM {META_TABLE} WHERE key = ?", (LIST_META_KEY,)).scalar()
    if raw is None:
        return None
    meta = json.loads(raw)
    if meta.get("manifest_version") != applied.manifest_version:
        log.warning("the changed-records list is of update %s, not of the applied %s: not shown",
                    meta.get("manifest_version"), applied.manifest_version)
        return None
    datasets = tuple(DatasetListed(name, int(d["listed"]), int(d["total"]))
                     for name, d in meta.get("datasets", {}).items())
    where, params = [], []
    if dataset:
        where.append("dataset = ?")
        params.append(dataset)
    if change:
        where.append("change = ?")
        params.append(change)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    matched = int(conn.exec_driver_sql(f"SELECT count(*) FROM {CHANGE_TABLE}{clause}", tuple(params)).scalar() or 0)
    rows = conn.exec_driver_sql(
        f"SELECT dataset, change, ref, natural_key, title, fields FROM {CHANGE_TABLE}{clause} "
        "ORDER BY seq LIMIT ? OFFSET ?", (*params, max(0, limit), max(0, offset)),
    )
    records = tuple(ChangedRecord(str(d), str(c), ref, tuple(json.loads(k)), str(t), tuple(str(f).split()))
                    for d, c, ref, k, t, f in rows)
    return ChangePage(applied.manifest_version, datasets, records, matched, offset)
