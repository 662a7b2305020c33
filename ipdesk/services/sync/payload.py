"""Payload objects: one dataset's records as compressed JSON lines, deterministic byte for byte.

Line 1 is a header (`format`, `dataset`, `kind` snapshot|delta, `version`, `from`); every further
line is `["u", record]` (insert or replace) or `["d", natural key]` (delete), sorted by natural key
(publication number, division code, kind and name of a GI…; see `DatasetTable.natural`). A record is
one row of the dataset's main table with its column names; a GI also carries `areas` (its
gi_area division codes). The same bytes always give the same sha256, so objects are
content-addressed and a re-publish of unchanged data costs nothing.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from sqlalchemy import Connection

from ipdesk.services.models import ClassNode, Division, GeoIndication, Patent, Trademark

PAYLOAD_FORMAT = "ipdesk-payload/1"
LOCAL_PREFIX = "local"  # rows whose `dataset` starts with this are the centre's own: sync never touches them


@dataclass(frozen=True)
class DatasetTable:
    """How a dataset maps to its table. `natural` is the record's identity across databases (a
    publication number, a division code…): ids differ between the publisher and each kiosk, where
    staff imports take ids of their own, so payloads name records by their natural key."""

    dataset: str
    table: str
    key: str  # the primary key column
    columns: tuple[str, ...]
    index_kind: str
    natural: tuple[str, ...]
    title: str  # the column people know a record by (what "Data & sync" lists as changed)

    def natural_key(self, record: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(record[c] for c in self.natural)

    def select_sql(self, *, owned: bool = False) -> str:
        """Every published row in key order (the publisher's export), or with `owned` only the rows
        an update of this dataset owns here (`dataset` = its name: apply.py's ownership rule) in
        natural-key order, as the publisher orders records for their content digest."""
        cols = ", ".join(f'"{c}"' for c in self.columns)
        if owned:
            order = ", ".join(f'"{c}"' for c in (*self.natural, self.key))
            return f"SELECT {cols} FROM {self.table} WHERE dataset = ? ORDER BY {order}"
        return f'SELECT {cols} FROM {self.table} WHERE dataset NOT LIKE \'{LOCAL_PREFIX}%\' ORDER BY "{self.key}"'


def _columns(model: Any) -> tuple[str, ...]:
    return tuple(c.name for c in model.__table__.columns)


TABLES: dict[str, DatasetTable] = {
    "divisions": DatasetTable("divisions", "division", "code", _columns(Division), "place", ("code",), "name"),
    "gi": DatasetTable("gi", "geo_indication", "id", _columns(GeoIndication), "gi", ("kind", "name"), "name"),
    "classifications": DatasetTable("classifications", "class_node", "id", _columns(ClassNode), "class",
                                    ("scheme", "code"), "title_zh"),
    "patents": DatasetTable("patents", "patent", "id", _columns(Patent), "patent", ("pub_no",), "title"),
    "trademarks": DatasetTable("trademarks", "trademark", "id", _columns(Trademark), "trademark",
                               ("reg_no", "nice_class"), "mark_text"),
}

Record = dict[str, Any]


def record_line(record: Record) -> bytes:
    return json.dumps(["u", record], sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compare_line(spec: DatasetTable, record: Record) -> bytes:
    """A record as the publisher compares versions of it: without the database's row id (`id`), which
    differs between databases holding the same data (a rebuilt one, one imported in another order).
    Clients match records by natural key and keep their own ids, so an id alone is no change."""
    if spec.key == "id" and "id" in record:
        record = {k: v for k, v in record.items() if k != "id"}
    return record_line(record)


def content_digest(compared: Iterable[bytes]) -> str:
    """A dataset version's content digest (`DatasetEntry.content`): its records' `compare_line`s in
    natural-key order, one per line. The publisher writes it into the manifest; a client compares
    its own rows with it (`apply.local_content`, which streams them)."""
    digest = hashlib.sha256()
    separator = b""
    for line in compared:
        digest.update(separator)
        digest.update(line)
        separator = b"\n"
    return digest.hexdigest()


def delete_line(natural_key: tuple[Any, ...]) -> bytes:
    return json.dumps(["d", list(natural_key)], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def header_line(dataset: str, kind: str, version: int, base: int | None) -> bytes:
    head = {"format": PAYLOAD_FORMAT, "dataset": dataset, "kind": kind, "version": version, "from": base}
    return json.dumps(head, sort_keys=True, separators=(",", ":")).encode("utf-8")


def export_records(conn: Connection, dataset: str, *, owned: bool = False) -> Iterator[Record]:
    """Every published record of `dataset` in key order; the `dataset` column is set to its name.
    `owned`: only the rows an update of `dataset` owns on this computer (`DatasetTable.select_sql`)."""
    spec = TABLES[dataset]
    areas: dict[int, list[str]] = {}
    if dataset == "gi":
        for gi_id, code in conn.exec_driver_sql("SELECT gi_id, division_code FROM gi_area ORDER BY gi_id, division_code"):
            areas.setdefault(gi_id, []).append(code)
    for row in conn.exec_driver_sql(spec.select_sql(owned=owned), (dataset,) if owned else ()):
        record = dict(zip(spec.columns, row, strict=True))
        record["dataset"] = dataset
        if dataset == "gi":
            record["areas"] = areas.get(record["id"], [])
        yield record


def compress_lines(lines: Iterable[bytes], out: BinaryIO) -> int:
    """zlib-compress newline-terminated lines into `out`; returns the number of bytes written."""
    comp = zlib.compressobj(6)
    written = 0
    buf: list[bytes] = []
    size = 0
    for line in lines:
        buf.append(line)
        buf.append(b"\n")
        size += len(line) + 1
        if size >= 1 << 20:
            chunk = comp.compress(b"".join(buf))
            out.write(chunk)
            written += len(chunk)
            buf.clear()
            size = 0
    tail = comp.compress(b"".join(buf)) + comp.flush()
    out.write(tail)
    return written + len(tail)


def read_lines(path: Path) -> Iterator[bytes]:
    """Decompress a payload file line by line in bounded memory."""
    decomp = zlib.decompressobj()
    pending = b""
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            pending += decomp.decompress(chunk)
            *lines, pending = pending.split(b"\n")
            yield from lines
    pending += decomp.flush()
    if not decomp.eof:
        raise ValueError("payload is truncated")
    yield from (line for line in pending.split(b"\n") if line)


@dataclass(frozen=True)
class PayloadHeader:
    dataset: str
    kind: str
    version: int
    base: int | None


def read_payload(path: Path) -> tuple[PayloadHeader, Iterator[tuple[str, Any]]]:
    """The header and an iterator of (op, record-or-key) of a payload file."""
    lines = read_lines(path)
    head = json.loads(next(lines))
    if head.get("format") != PAYLOAD_FORMAT:
        raise ValueError(f"unknown payload format {head.get('format')!r}")
    header = PayloadHeader(str(head["dataset"]), str(head["kind"]), int(head["version"]), head.get("from"))

    def ops() -> Iterator[tuple[str, Any]]:
        for line in lines:
            op, value = orjson.loads(line)  # a third of json's time; the publisher still writes with json
            yield str(op), value

    return header, ops()
