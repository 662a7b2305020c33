"""The search index: one row per searchable record in `search_doc`, plus three FTS5 tables.

- `fts_name`: character unigrams and bigrams of the record's name (1- and 2-character queries use
  this index too; FTS5's trigram tokenizer would return nothing for them);
- `fts_all`: the same n-grams of the name and of every other text field;
- `fts_key`: pinyin keys, Latin words and identifiers, queried by prefix.

The tables are created by migration 0001. The FTS tables are contentless (`content=''`, `contentless_delete=1`, `detail=none`): they store
only postings, the smallest index that answers these queries (see docs/search.md).

`doc_id` is chosen so that the natural rowid order is the result order for equal relevance:
kind priority (GIs first), then newest first, then record id. An FTS query `ORDER BY rowid LIMIT n`
therefore returns the first page without ranking the whole match set.

Every write to the registry tables goes through this module in the same transaction (an ORM
flush hook, or `write_docs` from the bulk paths), so an import or a sync never leaves the
index stale, and a rolled-back transaction rolls the index back with it.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import multiprocessing as mp
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.orm import Session

from ipdesk.domain.codes import (
    division_prefix,
    format_ipc,
    format_patent_class,
    patent_class_keys,
    patent_number_keys,
)
from ipdesk.domain.text import char_grams, fold, pinyin_keys, primary_pinyin, segments
from ipdesk.services.bulk_sql import update_changed
from ipdesk.services.errors import IndexBuildError
from ipdesk.services.models import ClassNode, Division, GeoIndication, GiArea, Patent, Trademark

log = logging.getLogger("ipdesk.search")

KIND_PRIORITY = {"gi": 1, "place": 2, "trademark": 3, "patent": 4, "class": 5}
PRIORITY_KIND = {v: k for k, v in KIND_PRIORITY.items()}
_KIND_SPAN = 10**18
_DAY_SPAN = 10**13
_EPOCH = dt.date(1900, 1, 1)
_NO_DATE = 99_999

FTS_TABLES = ("fts_name", "fts_all", "fts_key")


@dataclass(frozen=True)
class IndexDoc:
    kind: str
    ref_id: int
    title: str
    subtitle: str
    name_tokens: list[str]
    all_tokens: list[str]
    key_tokens: list[str]
    pinyin: str = ""
    initials: str = ""
    subkind: str = ""
    region: str = ""
    klass: str = ""
    codes: str = ""
    date: dt.date | None = None
    status: str = ""
    # fold(title), when the builder has it already: folding (NFKC, OpenCC) is a tenth of a document's cost
    folded_title: str = field(default="", compare=False, repr=False)

    @property
    def doc_id(self) -> int:
        return make_doc_id(self.kind, self.date, self.ref_id)

    @property
    def name(self) -> str:
        return self.folded_title or fold(self.title)


def make_doc_id(kind: str, date: dt.date | None, ref_id: int) -> int:
    day_part = _NO_DATE if date is None else _NO_DATE - max(0, min(_NO_DATE - 1, (date - _EPOCH).days))
    return KIND_PRIORITY[kind] * _KIND_SPAN + day_part * _DAY_SPAN + (ref_id % _DAY_SPAN)


def kind_of_doc(doc_id: int) -> str:
    return PRIORITY_KIND[doc_id // _KIND_SPAN]


def kind_doc_range(kind: str) -> tuple[int, int]:
    p = KIND_PRIORITY[kind]
    return p * _KIND_SPAN, (p + 1) * _KIND_SPAN - 1


def _text_grams(*parts: str | None) -> list[str]:
    # One fold of the parts joined by spaces: a space ends a CJK run, so no bigram spans two parts.
    return char_grams(fold(" ".join(part for part in parts if part)))


def _latin_of(folded: str) -> list[str]:
    return [seg for kind, seg in segments(folded) if kind == "latin"]


def _latin_words(*parts: str | None) -> list[str]:
    return [word for part in parts if part for word in _latin_of(fold(part))]


def _compact(ident: str) -> str:
    return "".join(ch for ch in ident.lower() if ch.isalnum())


def _pinyin_primary(folded_title: str) -> tuple[str, str]:
    """The name's primary full pinyin and its initials ('wuchangdami', 'wcdm'): the key-tier ranking
    puts names whose pinyin starts with the query first."""
    return primary_pinyin(folded_title[:16])


def doc_for_gi(gi: GeoIndication, area_codes: Sequence[str]) -> IndexDoc:
    name = fold(gi.name)
    keys = pinyin_keys(name) + _latin_words(gi.name_en)
    keys += [_compact(x) for x in (gi.announcement_no, gi.tm_reg_no, gi.agi_no) if x]
    date = _parse_partial_date(gi.registered_on)
    pinyin, initials = _pinyin_primary(name)
    return IndexDoc(
        kind="gi",
        ref_id=gi.id,
        title=gi.name,
        subtitle=gi.category,
        # The category counts as part of a GI's name, so that 茶 lists the tea GIs (西湖龙井) first.
        name_tokens=char_grams(name) + char_grams(fold(gi.category)),
        all_tokens=_text_grams(gi.holder, gi.area_text, gi.note, gi.standard),
        key_tokens=keys,
        pinyin=pinyin,
        initials=initials,
        subkind=gi.kind,
        region=" ".join(area_codes),
        klass=gi.category,
        codes=" ".join(x for x in (gi.announcement_no, gi.tm_reg_no, gi.agi_no) if x),
        date=date,
        status=gi.status,
        folded_title=name,
    )


def doc_for_patent(p: Patent) -> IndexDoc:
    ipcs = p.ipc_codes.split()
    keys = patent_number_keys(p.pub_no) + (patent_number_keys(p.app_no) if p.app_no else [])
    keys += list(dict.fromkeys(k for c in ipcs for k in patent_class_keys(c)))
    title = fold(p.title)
    # The phrase-aware reading only: a technical title's other per-character readings are almost
    # always wrong, and they doubled the key postings, the costliest index writes (docs/search.md).
    keys += pinyin_keys(title[:16], alternatives=False) + _latin_of(title)
    date = p.pub_date or p.filing_date
    pinyin, initials = _pinyin_primary(title)
    return IndexDoc(
        kind="patent",
        ref_id=p.id,
        title=p.title,
        subtitle=" · ".join(x for x in (p.pub_no, p.applicants.split(";")[0].strip()) if x),
        name_tokens=char_grams(title),
        all_tokens=_text_grams(p.abstract, p.applicants, p.inventors, p.address),
        key_tokens=keys,
        pinyin=pinyin,
        initials=initials,
        subkind=p.kind,
        region=p.region_code,
        klass=format_patent_class(ipcs[0]) if ipcs else "",
        codes=" ".join(ipcs),
        date=date,
        status=p.legal_status,
        folded_title=title,
    )


def doc_for_trademark(t: Trademark) -> IndexDoc:
    mark = fold(t.mark_text)
    keys = pinyin_keys(mark) + ([_compact(t.reg_no)] if t.reg_no else [])
    pinyin, initials = _pinyin_primary(mark)
    return IndexDoc(
        kind="trademark",
        ref_id=t.id,
        title=t.mark_text,
        subtitle=" · ".join(x for x in (t.reg_no, t.owner) if x),
        name_tokens=char_grams(mark),
        all_tokens=_text_grams(t.goods, t.owner, t.owner_address),
        key_tokens=keys,
        pinyin=pinyin,
        initials=initials,
        subkind=t.kind,
        region=t.region_code,
        klass=str(t.nice_class),
        codes=t.similar_groups,
        date=t.reg_date or t.filing_date,
        status=t.status,
        folded_title=mark,
    )


def doc_for_division(d: Division, path_names: Sequence[str]) -> IndexDoc:
    name = fold(d.name)
    former = [n for n in d.former_names.split("|") if n]
    prefix = division_prefix(d.code)
    pinyin, initials = _pinyin_primary(name)
    return IndexDoc(
        kind="place",
        ref_id=int(d.code),
        title=d.name,
        subtitle=" ".join(path_names),
        name_tokens=char_grams(name),
        all_tokens=_text_grams(d.name, *path_names, *former),
        key_tokens=[*pinyin_keys(name), d.code, prefix],
        pinyin=pinyin,
        initials=initials,
        subkind=str(d.level),
        region=d.code,
        codes=d.code,
    )


def class_keys(code: str, scheme: str, title_en: str | None) -> list[str]:
    """A classification node's key tokens: its code in both forms and the words of its English title."""
    display = format_ipc(code) if scheme == "ipc" else code
    return [_compact(code), _compact(display), *_latin_words(title_en)]


def doc_for_class(c: ClassNode) -> IndexDoc:
    display = format_ipc(c.code) if c.scheme == "ipc" else c.code
    keys = class_keys(c.code, c.scheme, c.title_en)
    return IndexDoc(
        kind="class",
        ref_id=c.id,
        title=c.title_zh or c.title_en,
        subtitle=display,
        name_tokens=char_grams(fold(c.title_zh)),
        all_tokens=_text_grams(c.title_zh, c.title_en),
        key_tokens=keys,
        pinyin="",
        subkind=c.scheme,
        klass=c.code,
        codes=c.code,
    )


def _parse_partial_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


# --- writing -------------------------------------------------------------------------------------

def _stored_docs(conn: Connection, kind: str, ref_ids: Iterable[int], columns: str) -> Iterator[Sequence[Any]]:
    """The stored search_doc rows (`columns`) of these records, 500 records at a time."""
    ids = list(ref_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.exec_driver_sql(
            f"SELECT {columns} FROM search_doc WHERE kind = ? AND ref_id IN ({','.join('?' * len(chunk))})",
            (kind, *chunk),
        ).fetchall()
        if rows:
            yield rows


def _delete_postings(conn: Connection, doc_ids: list[tuple[int]]) -> None:
    for table in FTS_TABLES:
        conn.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", sorted(doc_ids))


def delete_docs(conn: Connection, kind: str, ref_ids: Iterable[int]) -> int:
    removed = 0
    for rows in _stored_docs(conn, kind, ref_ids, "doc_id"):
        doc_ids = [(r[0],) for r in rows]
        _delete_postings(conn, doc_ids)
        conn.exec_driver_sql("DELETE FROM search_doc WHERE doc_id = ?", doc_ids)
        removed += len(doc_ids)
    return removed


Prepared = tuple[list[tuple[Any, ...]], list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str]]]


def prepare_docs(docs: Sequence[IndexDoc]) -> Prepared:
    """The rows `write_prepared` inserts: search_doc rows and the token text of the three FTS tables
    (plain tuples of strings, cheap to send back from a worker process)."""
    rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[int, str]] = []
    all_rows: list[tuple[int, str]] = []
    key_rows: list[tuple[int, str]] = []
    for d in docs:
        doc_id = d.doc_id
        rows.append(
            (
                doc_id, d.kind, d.ref_id, d.name, d.title, d.subtitle or "", d.pinyin, d.initials, d.subkind or "",
                d.region or "", d.klass or "", d.codes or "", d.date.year if d.date else None, d.date.isoformat() if d.date else "",
                d.status or "",
            )
        )
        name_rows.append((doc_id, " ".join(d.name_tokens)))
        # A builder leaves its name out of all_tokens: the name's grams lead this row already, and the
        # grams of the name and the other fields folded apart are those of all of them folded together
        # (a space ends every run, so no gram spans two fields).
        all_rows.append((doc_id, " ".join(dict.fromkeys([*d.name_tokens, *d.all_tokens]))))
        key_rows.append((doc_id, " ".join(dict.fromkeys(d.key_tokens))))
    return rows, name_rows, all_rows, key_rows


DOC_COLUMNS = ("doc_id", "kind", "ref_id", "name", "title", "subtitle", "pinyin", "initials", "subkind", "region",
               "klass", "codes", "year", "date", "status")


def _replace_docs(conn: Connection, rows: list[tuple[Any, ...]]) -> set[int]:
    """Clear the way for new documents of records that may have one: their old postings are
    deleted; an old search_doc row under the same doc_id (a changed title, same date) is updated in
    place, only in the columns that changed, which is cheaper than a delete and an insert through
    its four indexes. Returns the doc_ids updated in place (their rows are not to be inserted)."""
    new_by_ref = {(r[1], r[2]): r for r in rows}
    kept: set[int] = set()
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        by_kind.setdefault(r[1], []).append(r[2])
    for kind, ids in by_kind.items():
        for old_rows in _stored_docs(conn, kind, ids, ", ".join(DOC_COLUMNS)):
            _delete_postings(conn, [(old[0],) for old in old_rows])
            gone: list[tuple[int]] = []
            changes: list[tuple[int, dict[str, Any]]] = []
            for old in old_rows:
                new = new_by_ref[(old[1], old[2])]
                if new[0] != old[0]:
                    gone.append((old[0],))
                    continue
                kept.add(old[0])
                changes.append((old[0], {DOC_COLUMNS[i]: new[i] for i in range(3, len(DOC_COLUMNS)) if new[i] != old[i]}))
            if gone:
                conn.exec_driver_sql("DELETE FROM search_doc WHERE doc_id = ?", gone)
            update_changed(conn, "search_doc", "doc_id", changes)
    return kept


def _first(row: tuple[Any, ...]) -> Any:
    return row[0]


def write_prepared(conn: Connection, prepared: Prepared, *, replace: bool = True) -> None:
    """Insert (or replace) prepared index rows on `conn`, inside the caller's transaction."""
    rows, name_rows, all_rows, key_rows = prepared
    if not rows:
        return
    # In rowid order: FTS5 flushes its pending postings to a new segment whenever a rowid is not
    # above the previous one in the transaction, so unsorted rows cost three to four times as much.
    rows, name_rows, all_rows, key_rows = (sorted(x, key=_first) for x in prepared)
    if replace:
        kept = _replace_docs(conn, rows)
        if kept:
            rows = [r for r in rows if r[0] not in kept]
    if rows:
        conn.exec_driver_sql(
            f"INSERT INTO search_doc ({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})", rows
        )
    conn.exec_driver_sql("INSERT INTO fts_name (rowid, tokens) VALUES (?, ?)", name_rows)
    conn.exec_driver_sql("INSERT INTO fts_all (rowid, tokens) VALUES (?, ?)", all_rows)
    conn.exec_driver_sql("INSERT INTO fts_key (rowid, tokens) VALUES (?, ?)", key_rows)


def write_docs(conn: Connection, docs: Sequence[IndexDoc], *, replace: bool = True) -> None:
    """Insert (or replace) the index rows of `docs` on `conn`, inside the caller's transaction."""
    write_prepared(conn, prepare_docs(docs), replace=replace)


# --- bulk writing: documents made in worker processes ------------------------------------------

_DATE_FIELDS = ("pub_date", "filing_date", "grant_date", "reg_date", "expiry_date")


def _as_date(value: object) -> object:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value or None


def docs_for_records(kind: str, records: Sequence[dict[str, Any]]) -> list[IndexDoc]:
    """Index documents of plain records (column name → value, dates as dates or ISO text) of one
    kind; a GI record carries its division codes under "areas"."""
    docs: list[IndexDoc] = []
    for record in records:
        obj: Any = SimpleNamespace(**record)
        for name in _DATE_FIELDS:
            if name in record:
                setattr(obj, name, _as_date(record[name]))
        if kind == "patent":
            docs.append(doc_for_patent(obj))
        elif kind == "trademark":
            docs.append(doc_for_trademark(obj))
        elif kind == "gi":
            docs.append(doc_for_gi(obj, record.get("areas") or []))
        elif kind == "class":
            docs.append(doc_for_class(obj))
        else:
            raise ValueError(f"no bulk documents for kind {kind!r}")
    return docs


def _prepare_records(kind: str, records: Sequence[dict[str, Any]]) -> Prepared:
    return prepare_docs(docs_for_records(kind, records))


# The fields a kind's FTS tokens and doc_id are made from (see doc_for_*); every other field only
# reaches search_doc's own columns. tests/unit/test_bulk_index.py checks the lists against the builders.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "patent": ("title", "abstract", "applicants", "inventors", "address", "pub_no", "app_no", "ipc_codes",
               "pub_date", "filing_date"),
    "trademark": ("mark_text", "goods", "owner", "owner_address", "reg_no", "reg_date", "filing_date"),
    "gi": ("name", "category", "holder", "area_text", "note", "standard", "name_en", "announcement_no",
           "tm_reg_no", "agi_no", "registered_on"),
    "class": ("code", "scheme", "title_zh", "title_en"),
}


def text_unchanged(kind: str, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether a changed record's postings (and doc_id) are what they were: none of its TEXT_FIELDS
    changed (a new legal status, say)."""
    return all(_comparable(old.get(f)) == _comparable(new.get(f)) for f in TEXT_FIELDS[kind])


def _comparable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def row_columns(kind: str, record: dict[str, Any]) -> dict[str, str]:
    """The search_doc columns a record can change without changing its TEXT_FIELDS, as the
    builders fill them (checked against them by a test): what a text-unchanged record rewrites."""
    if kind == "patent":
        return {"subkind": record.get("kind") or "", "region": record.get("region_code") or "",
                "status": record.get("legal_status") or ""}
    if kind == "trademark":
        return {"subkind": record.get("kind") or "", "region": record.get("region_code") or "",
                "klass": str(record.get("nice_class")) or "", "codes": record.get("similar_groups") or "",
                "status": record.get("status") or ""}
    if kind == "gi":
        return {"subkind": record.get("kind") or "", "region": " ".join(record.get("areas") or []),
                "status": record.get("status") or ""}
    return {}


def _init_worker() -> None:
    """Worker initializer. A worker only turns records into documents: every object it makes is
    freed by reference counting when its batch is sent back, so the cyclic garbage collector, which
    ran every 700 new objects, cost a tenth of its time for nothing; it now runs every 50,000."""
    gc.set_threshold(50_000, 10, 10)
    _lower_priority()
    _end_with_parent()


WORKER_NICENESS = 10  # POSIX: how much nicer than the process that started it (Windows: below normal)
_BELOW_NORMAL_PRIORITY_CLASS = 0x00004000


def _lower_priority() -> None:
    """Run this worker below the priority of the process that started it. The workers keep every
    core busy for as long as a big update or import lasts; below normal, the window, the kiosk's
    screens and the searches made meanwhile (in the starting process) come first. The apply is no
    slower when nothing else wants the cores (docs/sync.md, "Measured")."""
    try:
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
            # typed, or ctypes would pass the process pseudo-handle (-1) as a 32-bit int on 64-bit Windows
            kernel32.GetCurrentProcess.restype = wintypes.HANDLE
            kernel32.SetPriorityClass.argtypes = (wintypes.HANDLE, wintypes.DWORD)
            kernel32.SetPriorityClass.restype = wintypes.BOOL
            if not kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _BELOW_NORMAL_PRIORITY_CLASS):
                raise OSError(ctypes.get_last_error(), "SetPriorityClass")  # type: ignore[attr-defined,unused-ignore]
        else:
            os.nice(WORKER_NICENESS)
    except (OSError, AttributeError) as exc:  # a locked-down account: the documents are made all the same
        log.debug("index worker priority unchanged: %s", exc)


def _end_with_parent() -> None:
    """End this worker when the process that started it dies. A pool worker otherwise waits
    forever on its job queue (the workers hold its write end too), so a killed import would leave
    its workers running."""
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        from multiprocessing.connection import wait

        wait([parent.sentinel])  # readable (or signalled, on Windows) once the parent is gone
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class BulkIndexWriter:
    """Keeps the index in step with a bulk write (an import, a sync apply, a rebuild) on the
    caller's connection and transaction.

    Making a document (pinyin readings, n-grams) costs about as much CPU as SQLite's FTS writes, so
    for a big job the documents are made in worker processes while this process writes the previous
    batch. Small jobs are made inline: a worker takes about half a second to start. The rows are
    always written by the caller's connection, so a rollback still rolls the index back with the data.
    """

    INLINE_BELOW = 5_000

    def __init__(self, conn: Connection, expected: int, *, replace: bool = True, workers: int | None = None) -> None:
        """`expected`: how many records the job will bring, when known (0 when not: the workers
        then start once INLINE_BELOW records have gone by inline)."""
        self.conn = conn
        self.replace = replace
        self._pending: deque[tuple[Future[Any], Callable[[Any], None]]] = deque()
        cpus = os.cpu_count() or 1
        self._workers = workers if workers is not None else max(1, min(3, cpus))
        self._usable = cpus > 1 and self._workers > 0
        self._pool: ProcessPoolExecutor | None = None
        self._in_flight = self._workers + 1
        self._inline = 0
        if expected >= self.INLINE_BELOW:
            self._start_pool()

    def _start_pool(self) -> None:
        if not self._usable or self._pool is not None:
            return
        try:
            self._pool = ProcessPoolExecutor(self._workers, mp_context=mp.get_context("spawn"),
                                             initializer=_init_worker)
        except (OSError, NotImplementedError) as exc:  # no process support (a locked-down kiosk)
            log.warning("index workers unavailable, making documents inline: %s", exc)
            self._usable = False

    def add(self, kind: str, records: Sequence[dict[str, Any]], *, fresh: bool = False) -> None:
        """Index `records` (every column of the stored row, with its id). `fresh`: the records were
        inserted in this transaction under ids no record had before, so they have no documents to
        replace and the lookup for them is skipped."""
        if not records:
            return
        self._run(_prepare_records, kind, list(records), self._write_fresh if fresh else self._write_records)

    def add_changed(self, kind: str, pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        """Reindex changed records given as (stored row before, record after) pairs. A record whose
        TEXT_FIELDS did not change keeps its postings and document: only the search_doc columns
        it can change are rewritten here, without making a document (no pinyin, no n-grams)."""
        if not pairs:
            return
        if not self.replace:
            raise ValueError("changed records need a replacing writer")
        light: list[dict[str, Any]] = []
        heavy: list[dict[str, Any]] = []
        for old, new in pairs:
            (light if text_unchanged(kind, old, new) else heavy).append(new)
        self.add(kind, heavy)
        names = tuple(row_columns(kind, {}))  # the same columns for every record of a kind
        if not light or not names:
            return
        sets = ", ".join(f"{n} = ?" for n in names)
        params = [(*row_columns(kind, r).values(), kind, r["id"]) for r in light]
        done = self.conn.exec_driver_sql(f"UPDATE search_doc SET {sets} WHERE kind = ? AND ref_id = ?", params)
        if done.rowcount != len(params):  # a record without a document (an index repaired by hand?): made whole
            ids = [r["id"] for r in light]
            have: set[int] = set()
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                have.update(r[0] for r in self.conn.exec_driver_sql(
                    f"SELECT ref_id FROM search_doc WHERE kind = ? AND ref_id IN ({','.join('?' * len(chunk))})",
                    (kind, *chunk)))
            write_prepared(self.conn, _prepare_records(kind, [r for r in light if r["id"] not in have]), replace=True)

    def _write_records(self, prepared: Prepared) -> None:
        write_prepared(self.conn, prepared, replace=self.replace)

    def _write_fresh(self, prepared: Prepared) -> None:
        write_prepared(self.conn, prepared, replace=False)

    def _run(self, make: Callable[[str, Any], Any], kind: str, items: list[Any], write: Callable[[Any], None]) -> None:
        if self._pool is None and self._inline >= self.INLINE_BELOW:
            self._start_pool()
        if self._pool is None:
            self._inline += len(items)
            write(make(kind, items))
            return
        self._pending.append((self._pool.submit(make, kind, items), write))
        while len(self._pending) > self._in_flight:
            self._write_next()

    def _write_next(self) -> None:
        future, write = self._pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool as exc:
            raise IndexBuildError(str(exc)) from exc
        write(result)

    def drain(self) -> None:
        """Write every document queued so far (before a delete, or before reading the index)."""
        while self._pending:
            self._write_next()

    def finish(self) -> None:
        """Write what the workers still have; then the index is complete for this transaction."""
        try:
            self.drain()
        finally:
            self.close()

    def close(self) -> None:
        for future, _write in self._pending:
            future.cancel()
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> BulkIndexWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.close()


def division_paths(conn: Connection) -> dict[str, list[str]]:
    """code → names of its ancestors, province first (for place subtitles and text search)."""
    rows = conn.execute(text("SELECT code, name, parent_code FROM division")).fetchall()
    by_code = {r[0]: (r[1], r[2]) for r in rows}
    out: dict[str, list[str]] = {}
    for code in by_code:
        names: list[str] = []
        parent = by_code[code][1]
        while parent and parent in by_code:
            names.append(by_code[parent][0])
            parent = by_code[parent][1]
        out[code] = list(reversed(names))
    return out


def rebuild_all(session: Session) -> int:
    """Drop and rebuild the whole index from the registry tables (after a bulk load or a repair)."""
    conn = session.connection()
    for table in ("search_doc", *FTS_TABLES):
        conn.exec_driver_sql(f"DELETE FROM {table}")
    count = 0
    paths = division_paths(conn)
    batch: list[IndexDoc] = []

    def flush() -> None:
        nonlocal count
        write_docs(conn, batch, replace=False)
        count += len(batch)
        batch.clear()

    for d in session.query(Division).yield_per(2000):
        batch.append(doc_for_division(d, paths.get(d.code, [])))
        if len(batch) >= 2000:
            flush()
    areas: dict[int, list[str]] = {}
    for gi_id, code in conn.execute(text("SELECT gi_id, division_code FROM gi_area ORDER BY division_code")):
        areas.setdefault(gi_id, []).append(code)
    for gi in session.query(GeoIndication).yield_per(2000):
        batch.append(doc_for_gi(gi, areas.get(gi.id, [])))
    for c in session.query(ClassNode).yield_per(2000):
        batch.append(doc_for_class(c))
    flush()
    big = conn.execute(text("SELECT (SELECT count(*) FROM patent) + (SELECT count(*) FROM trademark)")).scalar() or 0
    with BulkIndexWriter(conn, int(big), replace=False) as bulk:
        for kind, table in (("patent", Patent.__table__), ("trademark", Trademark.__table__)):  # type: ignore[assignment]
            result = conn.execute(table.select().order_by(table.c.id)).mappings()  # type: ignore[attr-defined]
            while chunk := result.fetchmany(2000):
                bulk.add(kind, [dict(r) for r in chunk])
                count += len(chunk)
    log.info("search index rebuilt: %d documents", count)
    return count


# --- keeping the index in step with ORM writes ------------------------------------------------

def _docs_for_objects(session: Session, objs: Iterable[object]) -> tuple[list[IndexDoc], list[tuple[str, int]]]:
    conn = session.connection()
    docs: list[IndexDoc] = []
    gone: list[tuple[str, int]] = []
    gi_ids: set[int] = set()
    paths: dict[str, list[str]] | None = None
    for obj in objs:
        if isinstance(obj, GeoIndication):
            gi_ids.add(obj.id)
        elif isinstance(obj, GiArea):
            gi_ids.add(obj.gi_id)
        elif isinstance(obj, Patent):
            docs.append(doc_for_patent(obj))
        elif isinstance(obj, Trademark):
            docs.append(doc_for_trademark(obj))
        elif isinstance(obj, ClassNode):
            docs.append(doc_for_class(obj))
        elif isinstance(obj, Division):
            if paths is None and obj.parent_code:
                paths = division_paths(conn)  # once per flush, not once per changed division
            path = paths.get(obj.code, []) if paths is not None and obj.parent_code else []
            docs.append(doc_for_division(obj, path))
    for gi_id in gi_ids:
        gi = session.get(GeoIndication, gi_id)
        if gi is None or gi in session.deleted:
            gone.append(("gi", gi_id))
            continue
        codes = [r[0] for r in conn.execute(
            text("SELECT division_code FROM gi_area WHERE gi_id = :g ORDER BY division_code"), {"g": gi_id}
        )]
        docs.append(doc_for_gi(gi, codes))
    return docs, gone


_KIND_OF_CLASS: dict[type, str] = {
    GeoIndication: "gi", Patent: "patent", Trademark: "trademark", ClassNode: "class", Division: "place",
}


def install_index_hooks(session_cls: object) -> None:
    """Reindex every registry object a flush writes or deletes, on the flush's own connection."""

    @event.listens_for(session_cls, "after_flush")
    def _after_flush(session: Session, _ctx: object) -> None:
        changed = [o for o in (*session.new, *session.dirty) if type(o) in _KIND_OF_CLASS or isinstance(o, GiArea)]
        deleted = [o for o in session.deleted if type(o) in _KIND_OF_CLASS]
        area_deleted = [o for o in session.deleted if isinstance(o, GiArea)]
        if not (changed or deleted or area_deleted):
            return
        conn = session.connection()
        for o in deleted:
            kind = _KIND_OF_CLASS[type(o)]
            ref = int(o.code) if isinstance(o, Division) else o.id
            delete_docs(conn, kind, [ref])
        live = [o for o in changed if o not in session.deleted]
        live += [o for o in area_deleted if session.get(GeoIndication, o.gi_id) not in session.deleted]
        docs, gone = _docs_for_objects(session, live)
        for kind, ref in gone:
            delete_docs(conn, kind, [ref])
        write_docs(conn, docs)
