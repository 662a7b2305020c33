"""Prototype for issue #8's next step: can the search read a base index and an overlay as one, unchanged?

The delta overlay that docs/sync.md names would put a data update's new postings in FTS tables of their
own and hide the old ones, instead of deleting them from the shared FTS tables record by record. The
obstacle named there was that every search query would have to be rewritten to read two sets of tables.
This prototype checks the other way: each of fts_name, fts_all and fts_key becomes a base table and an
overlay table, with a view under the old name (`rowid` and a column named like the table, so that
`WHERE fts_name MATCH ?` still reads), and the app's own queries run on it as they are.

Two stores are built from the seed plus clearly synthetic patents and trademarks (tests/sync/synthetic.py):
a plain one, and a split one whose documents lie in the base or, one in three, in the overlay. Then
CHANGED records are changed in both: in the plain store by the app's own index writes; in the split store
as the overlay would do it: the old postings tombstoned in the base (a contentless-delete DELETE), the new
ones inserted in the overlay, and search_doc updated. The search (SearchService.search) and the brand
check's lookups (WizardData.earlier_marks) then run on both and must return the same records in the
same order, with the same totals and counts. Not part of `make bench`; nothing here is shown to a user.

SQLite pushes `MATCH` into both arms of the view and merges them in rowid order, so `ORDER BY rowid LIMIT`
stays cheap; a query it cannot push the `MATCH` into stops with "unable to use function MATCH in the
requested context" (loud, never a wrong answer): a count straight over the view (a count over a
subquery with `LIMIT -1` works), a join that selects none of the view's own columns
(`SearchService.lookup_refs`' `SELECT d.ref_id …`; selecting `f.rowid` as well works), and a join
inside a subquery the planner flattens (`WizardData._latin_mark_ids`). The brand check's lookups use
the last two, so they fail here; the search's own queries all run unchanged.

    .venv/bin/python bench/proto_overlay_views.py [--records 20000] [--changed 500]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from ipdesk.services import search_index as si  # noqa: E402
from ipdesk.services.db import open_database  # noqa: E402
from ipdesk.services.models import ClassNode, Division, GeoIndication  # noqa: E402
from ipdesk.services.search import SearchService  # noqa: E402
from ipdesk.services.wizard_data import WizardData  # noqa: E402
from tests.sync.synthetic import patents, trademarks  # noqa: E402

PATENT_COLUMNS = ("id", "pub_no", "app_no", "kind", "title", "abstract", "applicants", "inventors", "address",
                  "region_code", "ipc_codes", "priority", "filing_date", "pub_date", "grant_date", "legal_status",
                  "expiry_date", "dataset", "source", "as_of")
TRADEMARK_COLUMNS = ("id", "reg_no", "mark_text", "nice_class", "similar_groups", "goods", "owner", "owner_address",
                     "region_code", "kind", "status", "filing_date", "reg_date", "expiry_date", "dataset", "source",
                     "as_of")


def seed_docs(folder: Path) -> list[si.IndexDoc]:
    db = open_database(folder, seed=ROOT / "resources" / "seed.sqlite")
    with db.session() as s:
        conn = s.connection()
        paths = si.division_paths(conn)
        docs = [si.doc_for_division(d, paths.get(d.code, [])) for d in s.query(Division)]
        areas: dict[int, list[str]] = {}
        for gi_id, code in conn.execute(text("SELECT gi_id, division_code FROM gi_area ORDER BY division_code")):
            areas.setdefault(gi_id, []).append(code)
        docs += [si.doc_for_gi(g, areas.get(g.id, [])) for g in s.query(GeoIndication)]
        docs += [si.doc_for_class(c) for c in s.query(ClassNode)]
    db.close()
    return docs


def insert_records(con: Any, patent_recs: list[dict[str, Any]], tm_recs: list[dict[str, Any]]) -> None:
    for table, cols, recs in (("patent", PATENT_COLUMNS, patent_recs), ("trademark", TRADEMARK_COLUMNS, tm_recs)):
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        [tuple(r.get(c) for c in cols) for r in recs])


SEARCH_DOC_VIEW = ("CREATE VIEW search_doc AS SELECT * FROM search_doc_overlay UNION ALL SELECT * FROM search_doc_base b "
                   "WHERE NOT EXISTS (SELECT 1 FROM search_doc_overlay o WHERE o.kind = b.kind AND o.ref_id = b.ref_id)")


def add_search_doc_overlay(con: Any) -> None:
    """search_doc_overlay: an empty table with search_doc's columns and indexes."""
    create = con.execute("SELECT sql FROM sqlite_master WHERE name = 'search_doc'").fetchone()[0]
    indexes = [r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_doc' "
                                         "AND sql IS NOT NULL")]
    con.execute(create.replace("TABLE search_doc ", "TABLE search_doc_overlay ", 1))
    for sql in indexes:
        con.execute(sql.replace(" ON search_doc(", " ON search_doc_overlay(").replace("ix_search_doc", "ix_search_doc_ov"))


def split_fts(con: Any, table: str) -> None:
    """An FTS table → `<table>_base` and `<table>_overlay` of the same definition, both empty (the old
    table's contentless postings cannot be read back: callers fill them from documents)."""
    create = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.execute(f"DROP TABLE {table}")
    for part in ("base", "overlay"):
        con.execute(create.replace(f"TABLE {table} ", f"TABLE {table}_{part} ", 1))


def split_search_doc(con: Any) -> None:
    """search_doc → a base table and an overlay table (same columns and indexes) and a view under the old
    name in which an overlay row hides the base row of the same record; every third row in the overlay."""
    add_search_doc_overlay(con)
    con.execute("ALTER TABLE search_doc RENAME TO search_doc_base")
    con.execute("INSERT INTO search_doc_overlay SELECT * FROM search_doc_base WHERE doc_id % 3 = 0")
    con.execute(SEARCH_DOC_VIEW)


def split_store(path: Path, docs: list[si.IndexDoc], search_doc_too: bool = False) -> None:
    """FTS tables → base + overlay tables and a view under the old name; every third document in the overlay."""
    con = sqlean.connect(str(path))
    if search_doc_too:
        split_search_doc(con)
    _, name_rows, all_rows, key_rows = si.prepare_docs(docs)
    for table, rows in (("fts_name", name_rows), ("fts_all", all_rows), ("fts_key", key_rows)):
        split_fts(con, table)
        rows = sorted(rows)
        con.executemany(f"INSERT INTO {table}_base (rowid, tokens) VALUES (?, ?)", [r for r in rows if r[0] % 3])
        con.executemany(f"INSERT INTO {table}_overlay (rowid, tokens) VALUES (?, ?)", [r for r in rows if not r[0] % 3])
        con.execute(f"CREATE VIEW {table} (rowid, {table}) AS SELECT rowid, {table}_base FROM {table}_base "
                    f"UNION ALL SELECT rowid, {table}_overlay FROM {table}_overlay")
    con.commit()
    con.close()


def change_split(path: Path, new_docs: list[si.IndexDoc], search_doc_too: bool = False) -> None:
    """What a delta would do on the split store: the changed records' old postings tombstoned wherever they
    are, their new postings in the overlay, their search_doc rows replaced (with `search_doc_too`: written
    to the overlay, the base row left to be hidden)."""
    con = sqlean.connect(str(path))
    rows, name_rows, all_rows, key_rows = si.prepare_docs(new_docs)
    ids = [(d.kind, d.ref_id) for d in new_docs]
    old = [con.execute("SELECT doc_id FROM search_doc WHERE kind = ? AND ref_id = ?", k).fetchone()[0] for k in ids]
    for table, new_rows in (("fts_name", name_rows), ("fts_all", all_rows), ("fts_key", key_rows)):
        for part in ("base", "overlay"):
            con.executemany(f"DELETE FROM {table}_{part} WHERE rowid = ?", [(d,) for d in old])
        con.executemany(f"INSERT INTO {table}_overlay (rowid, tokens) VALUES (?, ?)", sorted(new_rows))
    if search_doc_too:
        con.executemany(f"INSERT OR REPLACE INTO search_doc_overlay ({', '.join(si.DOC_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(si.DOC_COLUMNS))})", rows)
    else:
        con.executemany("DELETE FROM search_doc WHERE doc_id = ?", [(d,) for d in old])
        con.executemany(f"INSERT INTO search_doc ({', '.join(si.DOC_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(si.DOC_COLUMNS))})", rows)
    con.commit()
    con.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20000, help="synthetic patents, and half as many trademarks")
    ap.add_argument("--changed", type=int, default=500, help="records changed afterwards (titles and marks)")
    ap.add_argument("--search-doc", action="store_true", help="split search_doc into a base and an overlay too")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="overlay-proto-") as tmp_name:
        tmp = Path(tmp_name)
        plain_dir, split_dir = tmp / "plain", tmp / "split"
        docs = seed_docs(plain_dir)
        pats, tms = patents(args.records), trademarks(args.records // 2)
        con = sqlean.connect(str(plain_dir / "ipdesk.sqlite"))
        insert_records(con, pats, tms)
        prepared = [si._prepare_records("patent", pats), si._prepare_records("trademark", tms)]
        con.commit()
        con.close()
        shutil.copytree(plain_dir, split_dir)
        db = open_database(plain_dir)
        with db.engine.begin() as conn:
            for p in prepared:
                si.write_prepared(conn, p, replace=False)
        db.close()
        con = sqlean.connect(str(split_dir / "ipdesk.sqlite"))
        con.executemany(f"INSERT INTO search_doc ({', '.join(si.DOC_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(si.DOC_COLUMNS))})", [r for p in prepared for r in p[0]])
        con.commit()
        con.close()
        big = si.docs_for_records("patent", pats) + si.docs_for_records("trademark", tms)
        split_store(split_dir / "ipdesk.sqlite", docs + big, args.search_doc)

        # change some records in both stores
        rnd = random.Random(7)
        changed_p = [dict(r, title=r["title"] + "（修订）改良") for r in rnd.sample(pats, args.changed)]
        changed_t = [dict(r, mark_text=r["mark_text"] + "香") for r in rnd.sample(tms, args.changed // 2)]
        db = open_database(plain_dir)
        with db.engine.begin() as conn:
            for r in changed_p:
                conn.exec_driver_sql("UPDATE patent SET title = ? WHERE id = ?", (r["title"], r["id"]))
            for r in changed_t:
                conn.exec_driver_sql("UPDATE trademark SET mark_text = ? WHERE id = ?", (r["mark_text"], r["id"]))
            si.write_prepared(conn, si._prepare_records("patent", changed_p))
            si.write_prepared(conn, si._prepare_records("trademark", changed_t))
        db.close()
        con = sqlean.connect(str(split_dir / "ipdesk.sqlite"))
        for r in changed_p:
            con.execute("UPDATE patent SET title = ? WHERE id = ?", (r["title"], r["id"]))
        for r in changed_t:
            con.execute("UPDATE trademark SET mark_text = ? WHERE id = ?", (r["mark_text"], r["id"]))
        con.commit()
        con.close()
        change_split(split_dir / "ipdesk.sqlite",
                     si.docs_for_records("patent", changed_p) + si.docs_for_records("trademark", changed_t), args.search_doc)

        plain, split = open_database(plain_dir), open_database(split_dir)
        searches = (SearchService(plain.engine), SearchService(split.engine))
        wizards = (WizardData(plain, searches[0]), WizardData(split, searches[1]))
        with plain.session() as s:
            gi_names = [r[0] for r in s.execute(text("SELECT name FROM geo_indication ORDER BY id"))]
            places = [r[0] for r in s.execute(text("SELECT name FROM division WHERE level >= 3 ORDER BY code"))]
        queries = ["五常", "wuchang", "wc", "大米", "茶", "龙井", "龍井", "longjing", "lj", "西湖 龙井", "A01G", "230184",
                   "3002", "苹果", "杭州", "xihu", "hz", "米", "黑龙江 大米", "赣南脐橙", "合成测试", "修订", "改良",
                   "种植方法", "hecheng", "hcce", "花椒", "稻麦", "SYN000000123A", "SYN00000012", "合成测试稻香"]
        queries += rnd.sample(gi_names, 100) + rnd.sample(places, 100) + [n[:2] for n in rnd.sample(gi_names, 50)]
        queries += [r["title"][4:10] for r in rnd.sample(changed_p, 30)] + [r["mark_text"] for r in changed_t[:30]]
        differ, took = 0, [0.0, 0.0]
        for q in queries:
            found = []
            for i, search in enumerate(searches):
                t0 = time.perf_counter()
                result = search.search(q)
                took[i] += time.perf_counter() - t0
                found.append((result.doc_ids, result.total, result.capped, result.counts_by_kind))
            if found[0] != found[1]:
                differ += 1
                print("search differs:", q, found[0][1:], found[1][1:])
        marks = ["合成测试稻香", "稻花香", "五常香", "合成测试", "hecheng", "金丰收"] + [r["mark_text"] for r in changed_t[:20]]
        marks_differ = marks_failed = 0
        for m in marks:
            a = wizards[0].earlier_marks(m, 30)
            try:
                b = wizards[1].earlier_marks(m, 30)
            except Exception as exc:  # the prototype reports what the view cannot answer
                marks_failed += 1
                print("brand lookup failed on the split store:", m, str(getattr(exc, "orig", exc))[:80], "—",
                      " ".join(str(getattr(exc, "statement", "")).split())[:90])
                continue
            if [(x.reg_no, x.mark_text) for x in a] != [(x.reg_no, x.mark_text) for x in b]:
                marks_differ += 1
                print("brand lookups differ:", m, len(a), len(b))
        plain.close()
        split.close()
    print(f"{len(queries)} searches: {differ} differ; {len(marks)} brand lookups: {marks_differ} differ, "
          f"{marks_failed} failed; search time plain {took[0] * 1000:.0f} ms, split {took[1] * 1000:.0f} ms")
    return 1 if differ or marks_differ or marks_failed else 0


if __name__ == "__main__":
    sys.exit(main())
