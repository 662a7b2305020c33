"""Prototype for issue #8: how fast could a delta apply if the publisher made its documents and its new
postings went to an overlay (bench/proto_overlay_views.py shows the search can read one)?

Builds a store of RECORDS clearly synthetic patents (tests/sync/synthetic.py) through the real publisher
and sync client, then applies CHANGED revised titles in one transaction the way `sync.apply` does, with
the documents made beforehand and not timed (as if the publisher had shipped them), in two layouts:

- in place (today's layout): the changed records' postings deleted from fts_name/fts_all/fts_key and the
  new ones inserted there;
- overlay: each FTS table split into a base (the same postings, FTS5 `deletemerge` off) and an empty overlay;
  the old postings tombstoned, the new ones inserted in the overlay;
- the same with search_doc in an overlay too: a changed record's whole search_doc row written there (where
  it would hide the base's row), instead of its changed columns updated in place.

Both read the local rows by natural key, update the changed columns of the row and of search_doc, and
commit. Prints records/s, CPU per record and the time of each step. Not part of `make bench`.

    .venv/bin/python bench/proto_overlay_apply.py [--records 300000] [--changed 30000]

2026-11-29 on the 2-core machine (300,000 records, 30,000 changed; µs a record): in place 6,158
records/s, 153 µs of CPU (reading the rows 8.3, the rows 3.8, search_doc 26.2, deleting postings 11.0,
inserting postings 84.7, commit 23.2); overlay 11,180 records/s, 84 µs (7.6, 3.7, 23.6, 13.1, 20.1,
15.9); overlay with search_doc in an overlay too (`bench/proto_overlay_views.py --search-doc`: the
searches then take twice as long) 14,038 records/s, 68 µs (8.3, 4.5, 14.0, 13.0, 15.3, 10.7).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from proto_overlay_views import add_search_doc_overlay, split_fts  # noqa: E402

from ipdesk.services import bulk_sql  # noqa: E402
from ipdesk.services import search_index as si  # noqa: E402
from ipdesk.services.db import open_database  # noqa: E402
from ipdesk.services.sync.client import SyncService  # noqa: E402
from ipdesk.services.sync.manifest import generate_key, load_public_key_file, public_key_text  # noqa: E402
from ipdesk.services.sync.publisher import Publisher  # noqa: E402
from tests.sync.conftest import make_tiny_seed  # noqa: E402
from tests.sync.synthetic import patents  # noqa: E402

FTS = ("fts_name", "fts_all", "fts_key")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Steps:
    """Wall time per named step, summed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def timed(self, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        t0 = time.perf_counter()
        out = fn(*args)
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
        return out


class Driver:
    """A plain connection as `bulk_sql.update_changed` talks to one (SQLAlchemy's `exec_driver_sql`)."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def exec_driver_sql(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        self.con.executemany(sql, params)


def update_changed(con: Any, table: str, key: str, changes: list[tuple[Any, dict[str, Any]]]) -> None:
    bulk_sql.update_changed(Driver(con), table, key, changes)  # type: ignore[arg-type]


def build_store(tmp: Path, records: int) -> Path:
    """A data folder holding RECORDS synthetic patents, put there by the real publisher and client."""
    key = generate_key(tmp / "k.key")
    Publisher(tmp / "repo", key).publish({"patents": patents(records)})
    folder = tmp / "data"
    db = open_database(folder, seed=make_tiny_seed(tmp / "tiny.sqlite"))
    SyncService(db.engine, folder, trusted_keys=[public_key_text(load_public_key_file(tmp / "k.key.pub"))],
                default_key_file=tmp / "none.pub").sync(str(tmp / "repo"))
    db.close()
    con = sqlean.connect(str(folder / "ipdesk.sqlite"))
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file, which is copied next
    con.close()
    return folder / "ipdesk.sqlite"


def split(db_file: Path, records: int, search_doc_too: bool = False) -> None:
    """The overlay layout: every FTS table rebuilt as a base holding every document, and an empty overlay;
    with `search_doc_too`, search_doc as well (an empty overlay table with the same columns and indexes)."""
    con = sqlean.connect(str(db_file))
    if search_doc_too:
        add_search_doc_overlay(con)
    ids = dict(con.execute("SELECT pub_no, id FROM patent"))
    docs = si.docs_for_records("patent", [dict(r, id=ids[r["pub_no"]]) for r in patents(records)])
    _, name_rows, all_rows, key_rows = si.prepare_docs(docs)
    for table, rows in zip(FTS, (name_rows, all_rows, key_rows), strict=True):
        split_fts(con, table)
        con.executemany(f"INSERT INTO {table}_base (rowid, tokens) VALUES (?, ?)", sorted(rows))
        con.execute(f"INSERT INTO {table}_base ({table}_base) VALUES ('optimize')")
        con.execute(f"INSERT INTO {table}_base ({table}_base, rank) VALUES ('deletemerge', 0)")
    con.commit()
    con.execute("VACUUM")
    con.close()


def apply_delta(db_file: Path, records: int, changed: int, overlay: bool, search_doc_too: bool = False) -> str:
    con = sqlean.connect(str(db_file), isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "cache_size=-65536"):  # as the app's connections
        con.execute(f"PRAGMA {pragma}")
    cols = [r[1] for r in con.execute("PRAGMA table_info(patent)")]
    revised = frozenset(range(0, records, max(1, records // changed)))
    ids = dict(con.execute("SELECT pub_no, id FROM patent"))
    new = [dict(r, id=ids[r["pub_no"]]) for r in patents(records, revised=revised) if int(r["pub_no"][3:12]) in revised]
    batches = [(new[i:i + 2000], si._prepare_records("patent", new[i:i + 2000])) for i in range(0, len(new), 2000)]
    steps = Steps()
    t0, c0 = time.perf_counter(), cpu_seconds()
    con.execute("BEGIN IMMEDIATE")
    for batch, prepared in batches:
        keys = [r["pub_no"] for r in batch]

        def read(keys: list[str] = keys) -> dict[str, dict[str, Any]]:
            return {row[cols.index("pub_no")]: dict(zip(cols, row, strict=True)) for row in con.execute(
                f"SELECT * FROM patent WHERE pub_no IN ({','.join('?' * len(keys))})", keys)}

        old = steps.timed("read the local rows", read)
        diffs = [(r["id"], {k: r[k] for k in cols if k != "id" and r.get(k) != old[r["pub_no"]][k]}) for r in batch]
        steps.timed("update the rows", update_changed, con, "patent", "id", diffs)
        rows, name_rows, all_rows, key_rows = (sorted(x) for x in prepared)

        def update_docs(rows: list[tuple[Any, ...]] = rows, batch: list[dict[str, Any]] = batch) -> None:
            stored = {r[0]: r for r in con.execute(
                f"SELECT {', '.join(si.DOC_COLUMNS)} FROM search_doc WHERE kind = 'patent' "
                f"AND ref_id IN ({','.join('?' * len(batch))})", [r["id"] for r in batch])}
            update_changed(con, "search_doc", "doc_id", [
                (r[0], {si.DOC_COLUMNS[i]: r[i] for i in range(3, len(si.DOC_COLUMNS)) if r[i] != stored[r[0]][i]})
                for r in rows])

        if search_doc_too:  # the whole row to the overlay, where it hides the base's (no read, no diff)
            steps.timed("update search_doc", con.executemany,
                        f"INSERT OR REPLACE INTO search_doc_overlay ({', '.join(si.DOC_COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(si.DOC_COLUMNS))})", rows)
        else:
            steps.timed("update search_doc", update_docs)
        gone = [(r[0],) for r in rows]
        for table, postings in zip(FTS, (name_rows, all_rows, key_rows), strict=True):
            targets = (f"{table}_base", f"{table}_overlay") if overlay else (table,)
            for target in targets:
                steps.timed("delete old postings", con.executemany, f"DELETE FROM {target} WHERE rowid = ?", gone)
            into = f"{table}_overlay" if overlay else table
            steps.timed("insert new postings", con.executemany, f"INSERT INTO {into} (rowid, tokens) VALUES (?, ?)",
                        postings)
    steps.timed("commit", con.execute, "COMMIT")
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    con.close()
    parts = ", ".join(f"{name} {s / len(new) * 1e6:.1f}" for name, s in steps.seconds.items())
    layout = ("overlay, search_doc too" if search_doc_too else "overlay") if overlay else "in place"
    return (f"{layout}: {len(new) / wall:,.0f} records/s, "
            f"{cpu / len(new) * 1e6:.0f} µs of CPU a record; µs a record: {parts}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--changed", type=int, default=30_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="overlay-apply-") as tmp_name:
        tmp = Path(tmp_name)
        built = build_store(tmp, args.records)
        overlay_file, both_file = tmp / "overlay.sqlite", tmp / "both.sqlite"
        shutil.copyfile(built, overlay_file)
        split(overlay_file, args.records)
        shutil.copyfile(built, both_file)
        split(both_file, args.records, search_doc_too=True)
        print(apply_delta(built, args.records, args.changed, overlay=False))
        print(apply_delta(overlay_file, args.records, args.changed, overlay=True))
        print(apply_delta(both_file, args.records, args.changed, overlay=True, search_doc_too=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
