"""Migration 0004: a store indexed before Extension G–H ideographs counted as Chinese gets the
documents of such records made again on its next start (the registry rows are untouched)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ipdesk.services.db import DB_FILENAME, SCHEMA_HEAD, open_database, schema_revision
from ipdesk.services.search import SearchFilters, SearchService
from ipdesk.services.search_index import IndexDoc, docs_for_records, write_docs
from tests.sync.synthetic import patent_record


def _old_style_doc(doc: IndexDoc) -> IndexDoc:
    """The document as the older code made it: 𱳪 and 𰝟 were no characters, so no n-gram held them."""
    def keep(tokens: list[str]) -> list[str]:
        return [t for t in tokens if not any(0x30000 <= ord(ch) <= 0x323AF for ch in t)]

    return IndexDoc(**{**doc.__dict__, "name_tokens": keep(doc.name_tokens), "all_tokens": keep(doc.all_tokens)})


def test_an_older_store_is_reindexed_for_extension_g_and_h_names(tmp_path: Path, seed_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(seed_path, data / DB_FILENAME)
    db = open_database(data)
    from ipdesk.services.models import Division
    from ipdesk.services.search_index import division_paths, doc_for_division

    with db.engine.begin() as conn:  # make the two townships' documents as 0003-era code did
        paths = division_paths(conn)
        for code in ("441881120000", "511725113000"):  # 下𱳪镇, 𰝟渡镇
            cols = [c.name for c in Division.__table__.columns]
            row = conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM division WHERE code = ?", (code,)).one()
            division = Division(**dict(zip(cols, row, strict=True)))
            write_docs(conn, [_old_style_doc(doc_for_division(division, paths[code]))])
        record = patent_record(7)
        record["title"] = "合成测试下𱳪镇水稻种植方法"
        conn.exec_driver_sql(f"INSERT INTO patent ({', '.join(record)}) VALUES ({', '.join('?' * len(record))})",
                             tuple(record.values()))
        write_docs(conn, [_old_style_doc(d) for d in docs_for_records("patent", [record])])
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    search = SearchService(db.engine)
    places = SearchFilters(kinds=("place",))
    assert "下𱳪镇" not in [h.title for h in search.search("𱳪", places, limit=10).hits]  # the broken state
    db.close()

    before = _registry_digest(data / DB_FILENAME)
    db = open_database(data)  # migrates to the head
    try:
        assert schema_revision(db.engine) == SCHEMA_HEAD
        search = SearchService(db.engine)
        assert "下𱳪镇" in [h.title for h in search.search("𱳪", places, limit=10).hits]
        assert "𰝟渡镇" in [h.title for h in search.search("𰝟渡", places, limit=10).hits]
        patents = SearchFilters(kinds=("patent",))
        assert [h.title for h in search.search("𱳪镇水稻", patents, limit=5).hits] == ["合成测试下𱳪镇水稻种植方法"]
        both = [h.title for h in search.search("下𱳪镇 𰝟渡镇", places, limit=10).hits]
        assert "下𱳪镇" in both and "𰝟渡镇" in both
        with db.engine.connect() as conn:
            for table in ("fts_name", "fts_all", "fts_key"):
                conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    finally:
        db.close()
    assert _registry_digest(data / DB_FILENAME) == before  # only documents were made again


def _registry_digest(path: Path) -> tuple[object, ...]:
    with sqlite3.connect(path) as conn:
        return tuple(conn.execute(f"SELECT count(*), total(length({column})) FROM {table}").fetchone()
                     for table, column in (("division", "name"), ("geo_indication", "name"), ("patent", "title")))
