"""Prototype for issue #8's next step: how fast could a client take publisher-built data whole?

Copies the rows and the search index (search_doc and the FTS5 shadow tables) of the benchmark
corpus (bench/data/corpus-1.sqlite: 1M patents + 2M trademarks, built by gen_corpus.py) into a
database with the app's schema, in one transaction, then runs FTS5's integrity check and compares
a few matches with the source. Not part of `make bench` (it needs the corpus and 11 GB of disk).

    .venv/bin/python bench/proto_index_copy.py [--out /tmp/copy.sqlite]

2026-11-26 on the 2-core machine: 3,000,000 records in 114.6 s = 26,168 records/s with the source
cold (search_doc 32 s and the two registry tables 30 s of it: their secondary indexes are built
row by row; the FTS5 pages 27 s), 80.7 s = 37,188 records/s with it cached; integrity check ok;
identical matches.
"""
import argparse
import shutil
import time
from pathlib import Path

import sqlean as sqlite3

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--out", default="/tmp/ipdesk-copy-proto.sqlite")
args = ap.parse_args()
src = str(ROOT / "bench" / "data" / "corpus-1.sqlite")
dst = args.out
if not Path(src).exists():
    raise SystemExit("no corpus: run bench/gen_corpus.py first")
for suffix in ("", "-wal", "-shm"):
    Path(dst + suffix).unlink(missing_ok=True)
# same schema: the seed's (migrated) schema, emptied of search and registry rows
shutil.copyfile(ROOT / "resources" / "seed.sqlite", dst)
c = sqlite3.connect(dst, isolation_level=None)
for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "cache_size=-262144"):
    c.execute(f"PRAGMA {pragma}")
c.execute("ATTACH ? AS pub", (src,))
n = c.execute("SELECT (SELECT count(*) FROM pub.patent) + (SELECT count(*) FROM pub.trademark)").fetchone()[0]
shadow = [f"{t}_{s}" for t in ("fts_name", "fts_all", "fts_key") for s in ("data", "idx", "docsize", "config")]
tables = ["patent", "trademark", "search_doc", *shadow]
t0 = time.perf_counter()
c.execute("BEGIN")
for t in shadow:
    c.execute(f"DELETE FROM {t}")
c.execute("DELETE FROM search_doc")
for t in tables:
    t1 = time.perf_counter()
    cols = [r[1] for r in c.execute(f"PRAGMA main.table_info({t})")]
    c.execute(f"INSERT INTO main.{t} ({','.join(cols)}) SELECT {','.join(cols)} FROM pub.{t}")
    print(f"  {t}: {time.perf_counter() - t1:.1f} s", flush=True)
c.execute("COMMIT")
el = time.perf_counter() - t0
print(f"copied {n:,} records with their index in {el:.1f} s = {n / el:,.0f} records/s")
t1 = time.perf_counter()
for t in ("fts_name", "fts_all", "fts_key"):
    c.execute(f"INSERT INTO {t}({t}) VALUES ('integrity-check')")
print(f"FTS5 integrity-check ok in {time.perf_counter() - t1:.1f} s")
for table, query in (("fts_all", "苹果"), ("fts_all", '"苹果" AND "嫁接"'), ("fts_key", "wuch*")):
    here = c.execute(f"SELECT count(*) FROM main.{table} WHERE {table} MATCH ?", (query,)).fetchone()[0]
    there = c.execute(f"SELECT count(*) FROM pub.{table} WHERE {table} MATCH ?", (query,)).fetchone()[0]
    print(f"{table} MATCH {query!r}: {here} copied, {there} in the source")
    assert here == there
c.close()
for suffix in ("", "-wal", "-shm"):
    Path(dst + suffix).unlink(missing_ok=True)
