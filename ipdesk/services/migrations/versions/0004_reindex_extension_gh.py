"""Reindex the records whose text holds ideographs of CJK Extensions G–H (U+30000–U+323AF).

Until text.py counted them as Chinese, such characters were left out of the search documents, so
official township names like 𰝟渡镇 and 下𱳪镇 were indexed without them (and two such names typed
together found one). The registry rows are unchanged; only their documents are made again, in this
migration's transaction. A store without such text (most) only pays the scan: a byte search for the
UTF-8 lead bytes of U+30000–U+32FFF (measured 0.4 s for 50,000 patents and 0.4 s for 100,000 trademarks on
the 2-core machine: about 16 s for a million and two million), each hit then checked exactly.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Iterable

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# UTF-8 of U+30000–U+32FFF starts with F0 B0, F0 B1 or F0 B2 (a lead byte: never inside another character).
_LEAD_BYTES = ("f0b0", "f0b1", "f0b2")


def _where_rare(columns: list[str]) -> str:
    text = " || ".join(f"coalesce(\"{c}\", '')" for c in columns)
    return " OR ".join(f"instr(CAST({text} AS BLOB), x'{lead}') > 0" for lead in _LEAD_BYTES)


def _has_rare(values: Iterable[object]) -> bool:
    return any(isinstance(v, str) and any(0x30000 <= ord(ch) <= 0x323AF for ch in v) for v in values)


def upgrade() -> None:
    from ipdesk.services.models import Division
    from ipdesk.services.search_index import (
        TEXT_FIELDS,
        division_paths,
        doc_for_division,
        docs_for_records,
        write_docs,
    )

    conn = op.get_bind()
    docs = []
    division_cols = [c.name for c in Division.__table__.columns]
    rows = [row for row in conn.exec_driver_sql(
        f"SELECT {', '.join(division_cols)} FROM division WHERE {_where_rare(['name', 'former_names'])}"
    ) if _has_rare(row)]
    if rows:
        paths = division_paths(conn)
        for row in rows:
            division = Division(**dict(zip(division_cols, row, strict=True)))
            docs.append(doc_for_division(division, paths.get(division.code, [])))
    for kind, table in (("gi", "geo_indication"), ("patent", "patent"), ("trademark", "trademark"),
                        ("class", "class_node")):
        text_cols = [c for c in TEXT_FIELDS[kind] if not c.endswith(("_date", "_on"))]
        result = conn.exec_driver_sql(f"SELECT * FROM {table} WHERE {_where_rare(text_cols)}")
        records = [rec for rec in (dict(r._mapping) for r in result) if _has_rare(rec[c] for c in text_cols)]
        if kind == "gi":
            for record in records:
                record["areas"] = [code for (code,) in conn.exec_driver_sql(
                    "SELECT division_code FROM gi_area WHERE gi_id = ? ORDER BY division_code", (record["id"],))]
        docs += docs_for_records(kind, records)
    if docs:
        write_docs(conn, docs)


def downgrade() -> None:
    """Nothing to undo: the documents are correct for the older code too."""
