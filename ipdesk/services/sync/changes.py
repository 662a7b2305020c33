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
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection

from ipdesk.services.sync.payload import TABLES
from ipdesk.services.sync.state import CREATE_META, META_TABLE, read_applied_conn

log = logging.getLogger("ipdesk.sync")

CHANGE_TABLE = "sync_change"
CREATE_CHANGES = (
    f"CREATE TABLE IF NOT EXISTS {CHANGE_TABLE} (seq INTEGER PRIMARY KEY, dataset TEXT NOT NULL, "
    "change TEXT NOT NULL, ref, natural_key TEXT NOT NULL, title TEXT NOT NULL, fields TEXT NOT NULL, "
    "\"values\" TEXT NOT NULL DEFAULT '')"
)
LIST_META_KEY = "change_list"
LIST_CAP = 5000  # entries per dataset
ADDED, CHANGED, REMOVED = "added", "changed", "removed"
CHANGE_KINDS = (ADDED, CHANGED, REMOVED)
# not a change of its own: the changed records whose only changed fields are where the data came from
# and their date (a re-published dataset restamps every record): listed after the others, filtered apart
MINOR = "minor"
MINOR_FIELDS = ("source", "as_of")
# the fields whose old value is kept beside the new one ("有效 → 已失效"): a record's state
VALUE_FIELDS = ("legal_status", "status", "expiry_date")
# `fields` as the apply writes it (the changed columns space-separated, in table order): a minor change
_MINOR_TEXTS = ("source", "as_of", "source as_of", "as_of source")
_MINOR_SQL = f"(change = '{CHANGED}' AND fields IN ({', '.join(repr(t) for t in _MINOR_TEXTS)}))"

# One entry as the apply hands it over: (change, ref, natural key, title, changed fields, and for the
# `VALUE_FIELDS` among them {field: (old, new)})
Entry = tuple[str, Any, Sequence[Any], str, Sequence[str], dict[str, tuple[Any, Any]]]


def is_minor(fields: Sequence[str]) -> bool:
    """Whether a changed record changed only its source and/or as-of date."""
    return bool(fields) and all(f in MINOR_FIELDS for f in fields)


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
        self._rows: list[tuple[str, str, Any, str, str, str, str]] = []

    def room(self, dataset: str) -> int:
        """How many more entries `dataset` may list (0 once the list is full: the caller skips the work)."""
        return self.cap - self.listed.get(dataset, 0)

    def add(self, dataset: str, entries: Sequence[Entry]) -> None:
        entries = entries[: self.room(dataset)]
        self._rows.extend((dataset, change, ref, orjson.dumps(list(key)).decode(), title or "", " ".join(fields),
                           orjson.dumps(values, default=str).decode() if values else "")
                          for change, ref, key, title, fields, values in entries)
        self.listed[dataset] = self.listed.get(dataset, 0) + len(entries)

    def finish(self, manifest_version: int, totals: dict[str, int]) -> None:
        """Replace the previous list, and record beside the applied manifest how much of each
        dataset's changes the list holds. Call inside the apply's transaction, after its writes."""
        self.conn.exec_driver_sql(CREATE_CHANGES)
        if not _has_values_column(self.conn):  # a list table made by an ipdesk that kept no old values
            self.conn.exec_driver_sql(f"ALTER TABLE {CHANGE_TABLE} ADD COLUMN \"values\" TEXT NOT NULL DEFAULT ''")
        self.conn.exec_driver_sql(f"DELETE FROM {CHANGE_TABLE}")
        if self._rows:
            # per dataset, the records that changed only their source or date after the others
            order = {name: i for i, name in enumerate(dict.fromkeys(r[0] for r in self._rows))}
            rows = sorted(self._rows, key=lambda r: (order[r[0]], r[1] == CHANGED and is_minor(r[5].split())))
            self.conn.exec_driver_sql(
                f"INSERT INTO {CHANGE_TABLE} (dataset, change, ref, natural_key, title, fields, \"values\") "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        value = {"manifest_version": manifest_version, "cap": self.cap,
                 "datasets": {name: {"listed": self.listed.get(name, 0), "total": total}
                              for name, total in totals.items()}}
        self.conn.exec_driver_sql(CREATE_META)
        self.conn.exec_driver_sql(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (LIST_META_KEY, json.dumps(value, ensure_ascii=False)),
        )


def _has_values_column(conn: Connection) -> bool:
    return any(row[1] == "values" for row in conn.exec_driver_sql(f"PRAGMA table_info({CHANGE_TABLE})"))


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
    # old and new value of the state fields among them (`VALUE_FIELDS`), as the apply found them
    values: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def minor(self) -> bool:
        """Changed only where the data came from and their date (`MINOR_FIELDS`)."""
        return self.change == CHANGED and is_minor(self.fields)

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
    minor: int = 0  # of the entries matching the dataset filter, those that changed only source or date

    @property
    def cut(self) -> tuple[DatasetListed, ...]:
        return tuple(d for d in self.datasets if d.cut)


def read_changes(conn: Connection, *, dataset: str | None = None, change: str | None = None,
                 offset: int = 0, limit: int = 200) -> ChangePage | None:
    """The last update's changed records in the order applied (per dataset, those that changed only
    their source or date last), `limit` from `offset`, optionally of one dataset and one kind of
    change: `changed` is the records changed in substance, `minor` those that changed only their
    source or date. None when there is no list for the update applied (none applied yet, or applied
    by an ipdesk that kept no list)."""
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
    where: list[str] = []
    params: list[Any] = []
    if dataset:
        where.append("dataset = ?")
        params.append(dataset)
    in_dataset = (f" WHERE {' AND '.join(where)}" if where else "", tuple(params))
    if change == MINOR:
        where.append(_MINOR_SQL)
    elif change == CHANGED:
        where.append(f"change = ? AND NOT {_MINOR_SQL}")
        params.append(change)
    elif change:
        where.append("change = ?")
        params.append(change)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    matched = int(conn.exec_driver_sql(f"SELECT count(*) FROM {CHANGE_TABLE}{clause}", tuple(params)).scalar() or 0)
    minor_clause = f"{in_dataset[0]} AND {_MINOR_SQL}" if in_dataset[0] else f" WHERE {_MINOR_SQL}"
    minor = int(conn.exec_driver_sql(f"SELECT count(*) FROM {CHANGE_TABLE}{minor_clause}", in_dataset[1]).scalar()
                or 0)
    values_column = '"values"' if _has_values_column(conn) else "''"
    rows = conn.exec_driver_sql(
        f"SELECT dataset, change, ref, natural_key, title, fields, {values_column} FROM {CHANGE_TABLE}{clause} "
        "ORDER BY seq LIMIT ? OFFSET ?", (*params, max(0, limit), max(0, offset)),
    )
    records = tuple(ChangedRecord(str(d), str(c), ref, tuple(json.loads(k)), str(t), tuple(str(f).split()),
                                  {str(name): (pair[0], pair[1]) for name, pair in json.loads(v).items()} if v else {})
                    for d, c, ref, k, t, f, v in rows)
    return ChangePage(applied.manifest_version, datasets, records, matched, offset, minor)
