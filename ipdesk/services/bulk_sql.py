"""Bulk SQL shared by the index writer and the sync apply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection


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
