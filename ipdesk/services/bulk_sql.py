"""Bulk SQL shared by the index writer, the import merge, the sync apply and the restore."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Table


def update_changed(conn: Connection, table: str, key: str, changes: Iterable[tuple[Any, Mapping[str, Any]]]) -> None:
    """Write rows' changed columns only: `changes` are (key value, {column: new value}) pairs, one
    UPDATE statement per set of columns. A full-row UPDATE rewrites every index on a column it
    sets, equal or not; a changed title then touches none."""
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for key_value, columns in changes:
        if columns:
            groups.setdefault(tuple(columns), []).append((*columns.values(), key_value))
    for names, params in groups.items():
        sets = ", ".join(f'"{c}" = ?' for c in names)
        conn.exec_driver_sql(f'UPDATE {table} SET {sets} WHERE "{key}" = ?', params)


def column_defaults(table: Table) -> dict[str, Any]:
    """What a column a new row does not name gets: its default, else None (nullable) or ''."""
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.primary_key:
            continue
        arg = getattr(col.default, "arg", None)
        default = None if callable(arg) else arg
        out[col.name] = default if default is not None else (None if col.nullable else "")
    return out


def bound(conn: Connection, table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` as the driver stores them: each converted by its column type's bind processor
    (dates to ISO text), as SQLAlchemy would (for `update_changed`, which talks to the driver)."""
    out = dict(values)
    for name, value in values.items():
        convert = table.c[name].type.bind_processor(conn.dialect)
        if convert is not None and value is not None:
            out[name] = convert(value)
    return out


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that carry every column, through the driver: SQLAlchemy's per-row parameter
    handling cost as much as SQLite's own insert. Values are converted by each column type's own
    bind processor (dates to ISO text), as SQLAlchemy would."""
    dialect = conn.dialect
    columns = [c for c in table.columns if c.name in rows[0]]
    convert = [c.type.bind_processor(dialect) for c in columns]
    names = [c.name for c in columns]
    converted = [(n, f) for n, f in zip(names, convert, strict=True) if f is not None]
    params = []
    for r in rows:
        if converted:
            r = {**r, **{n: f(r[n]) for n, f in converted if r[n] is not None}}
        params.append(tuple(r[n] for n in names))
    quoted = ", ".join(f'"{n}"' for n in names)
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join('?' * len(names))})", params)
