"""The bulk index writer: documents made in worker processes must index exactly what the inline
path does, roll back with the transaction, and never outlive a delete."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import insert

from ipdesk.domain.text import char_grams, fold
from ipdesk.services.models import Patent
from ipdesk.services.search import SearchFilters
from ipdesk.services.search_index import (
    WORKER_NICENESS,
    BulkIndexWriter,
    _prepare_records,
    _text_grams,
    docs_for_records,
    prepare_docs,
    write_prepared,
)

ROOT = Path(__file__).resolve().parents[2]


def _patents(first_id: int, n: int) -> list[dict[str, object]]:
    crops = ["荞麦", "燕麦", "高粱", "谷子"]
    return [
        {"id": first_id + i, "pub_no": f"ZZ{first_id + i}A", "app_no": "", "title": f"一种{crops[i % 4]}脱壳装置{i}",
         "abstract": "本发明涉及一种测试用的脱壳装置。", "applicants": "测试合作社", "inventors": "", "address": "",
         "ipc_codes": "A23N0005000000", "kind": "invention", "region_code": "", "pub_date": dt.date(2020, 1, 1 + i % 28),
         "filing_date": "2019-06-01", "legal_status": "pending"}
        for i in range(n)
    ]


def _insert_patents(conn, rows) -> None:  # type: ignore[no-untyped-def]
    stored = [{**r, "filing_date": dt.date.fromisoformat(str(r["filing_date"])), "dataset": "test"} for r in rows]
    conn.execute(insert(Patent.__table__), stored)


def test_worker_documents_equal_inline_documents() -> None:
    rows = _patents(900_000, 30)
    inline = prepare_docs(docs_for_records("patent", rows))
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        remote = pool.submit(_prepare_records, "patent", rows).result()
    assert remote == inline
    assert len(inline[0]) == 30 and all(r[1] == "patent" for r in inline[0])


@pytest.mark.parametrize("workers", [0, 1])
def test_bulk_writer_indexes_in_the_transaction(services, workers: int) -> None:  # type: ignore[no-untyped-def]
    rows = _patents(800_000, 120)
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 10**6, workers=workers) as index:
        assert (index._pool is not None) == (workers > 0)
        _insert_patents(conn, rows)
        for start in range(0, len(rows), 25):  # several batches in flight
            index.add("patent", rows[start:start + 25])
    found = services.search.search("荞麦脱壳", SearchFilters(kinds=("patent",)), limit=200)
    assert found.total == 30
    assert services.search.search("qiaomai", SearchFilters(kinds=("patent",)), limit=200).total == 30
    with services.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM search_doc WHERE kind='patent' AND ref_id >= 800000").scalar() == 120
        for fts in ("fts_name", "fts_all", "fts_key"):
            n = conn.exec_driver_sql(f"SELECT count(*) FROM {fts}").scalar()
            assert n == conn.exec_driver_sql("SELECT count(*) FROM search_doc").scalar()


def test_bulk_writer_rolls_back_with_the_data(services) -> None:  # type: ignore[no-untyped-def]
    rows = _patents(700_000, 60)
    with pytest.raises(RuntimeError), services.db.engine.begin() as conn, \
            BulkIndexWriter(conn, 10**6, workers=1) as index:
        _insert_patents(conn, rows)
        index.add("patent", rows[:30])
        index.add("patent", rows[30:])
        index.drain()
        raise RuntimeError("abort")
    assert services.search.search("燕麦脱壳", SearchFilters(kinds=("patent",))).total == 0
    with services.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM search_doc WHERE ref_id >= 700000 AND kind='patent'").scalar() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="niceness is POSIX (Windows: a below-normal priority class)")
def test_workers_run_below_the_process_that_writes(services) -> None:  # type: ignore[no-untyped-def]
    """The window and the searches made during a big update or import come before its document workers."""
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 10**6, workers=1) as index:
        assert index._pool is not None
        worker = index._pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result()
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    if mine >= 19:
        pytest.skip("this test process is as nice as a process gets: nothing to compare")
    assert worker == min(19, mine + WORKER_NICENESS)


def test_small_jobs_stay_inline(services) -> None:  # type: ignore[no-untyped-def]
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 10) as index:
        assert index._pool is None


def test_workers_start_when_an_unannounced_job_grows(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(BulkIndexWriter, "INLINE_BELOW", 40)
    rows = _patents(600_000, 100)
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 0, workers=1) as index:
        _insert_patents(conn, rows)
        index.add("patent", rows[:50])
        assert index._pool is None  # the first 50 inline
        index.add("patent", rows[50:])
        assert index._pool is not None
    assert services.search.search("谷子脱壳", SearchFilters(kinds=("patent",)), limit=200).total == 25


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc are POSIX")
def test_workers_end_when_the_writing_process_is_killed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A killed import must not leave its index workers running."""
    script = (
        "import sys, time, sqlean\n"
        "from sqlalchemy import create_engine\n"
        "from ipdesk.services.search_index import BulkIndexWriter\n"
        "if __name__ == '__main__':\n"
        "    engine = create_engine('sqlite://', module=sqlean)\n"
        "    with engine.connect() as conn:\n"
        "        writer = BulkIndexWriter(conn, 10**6, workers=2)\n"
        "        writer._start_pool()\n"
        "        futures = [writer._pool.submit(int, '1') for _ in range(4)]\n"
        "        [f.result() for f in futures]\n"
        "        print(' '.join(str(p) for p in writer._pool._processes), flush=True)\n"
        "        time.sleep(60)\n"
    )
    path = tmp_path / "hold_workers.py"
    path.write_text(script, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert len(workers) == 2 and all(_running(p) for p in workers)
    proc.kill()
    proc.wait(10)
    deadline = time.monotonic() + 15
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in workers if _running(p)]


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended


def test_changed_records_keep_their_postings_when_only_unindexed_text_changed(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ipdesk.services.search_index as si

    rows = _patents(500_000, 4)
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 0) as index:
        _insert_patents(conn, rows)
        index.add("patent", rows)
    full_writes: list[int] = []
    real = si.write_prepared
    monkeypatch.setattr(si, "write_prepared", lambda conn, prepared, **kw: (full_writes.append(len(prepared[0])),
                                                                            real(conn, prepared, **kw)))
    status_only = [{**r, "legal_status": "expired"} for r in rows[:3]]
    retitled = [{**rows[3], "title": "一种青稞脱壳装置3"}]
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 0) as index:
        pairs = list(zip(rows, [*status_only, *retitled], strict=True))
        for _old, new in pairs:
            conn.exec_driver_sql("UPDATE patent SET legal_status = ?, title = ? WHERE id = ?",
                                 (new["legal_status"], new["title"], new["id"]))
        index.add_changed("patent", pairs)
    assert full_writes == [1]  # only the retitled record's postings were rewritten
    with services.db.engine.connect() as conn:
        statuses = dict(conn.exec_driver_sql(
            "SELECT ref_id, status FROM search_doc WHERE kind = 'patent' AND ref_id >= 500000").fetchall())
    assert statuses == {500000: "expired", 500001: "expired", 500002: "expired", 500003: "pending"}
    found = services.search.search("青稞脱壳", SearchFilters(kinds=("patent",)))
    assert [h.ref_id for h in found.hits] == [500003]
    assert services.search.search("谷子脱壳装置3", SearchFilters(kinds=("patent",))).total == 0  # old title gone
    assert services.search.search("荞麦脱壳装置0", SearchFilters(kinds=("patent",), status="expired")).total == 1


_SAMPLES: dict[str, dict[str, object]] = {
    "patent": {"id": 7, "pub_no": "ZZ100000001A", "app_no": "ZZ100000001", "kind": "invention", "title": "一种荞麦脱壳装置",
               "abstract": "合成测试摘要：荞麦。", "applicants": "合成测试合作社", "inventors": "合成甲", "address": "合成路1号",
               "region_code": "230184", "ipc_codes": "A23N0005000000", "priority": "", "filing_date": "2020-01-02",
               "pub_date": "2021-03-04", "grant_date": None, "legal_status": "pending", "expiry_date": None,
               "dataset": "patents", "source": "synthetic", "as_of": "2026-01-01"},
    "trademark": {"id": 8, "reg_no": "ZZ10000001", "mark_text": "合成测试五谷香", "nice_class": 30, "similar_groups": "3002",
                  "goods": "合成测试商品", "owner": "合成测试所有人", "owner_address": "合成路2号", "region_code": "330106",
                  "kind": "ordinary", "status": "registered", "filing_date": None, "reg_date": "2019-05-06",
                  "expiry_date": None, "dataset": "trademarks", "source": "synthetic", "as_of": "2026-01-01"},
    "gi": {"id": 9, "kind": "product", "name": "合成测试大米", "name_en": "Synthetic Rice", "category": "粮食",
           "holder": "合成测试协会", "announcement_no": "ZZ-1", "tm_reg_no": "ZZ2", "agi_no": "ZZ3", "registered_on": "2008-01",
           "area_text": "合成测试县", "standard": "ZZ/T 1", "status": "active", "note": "合成", "dataset": "gi",
           "source": "synthetic", "as_of": "2026-01-01", "areas": ["230184000000"]},
    "class": {"id": 10, "scheme": "ipc", "code": "A01G0009000000", "level": "group", "parent_code": "A01G",
              "title_zh": "合成测试温室", "title_en": "Synthetic greenhouses", "dataset": "classifications", "source": "synthetic"},
}


def _mutated(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return "2030-01-01" if value is None else not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, list):
        return [*value, "110101000000"]
    text = str(value)
    if len(text) == 10 and text[4] == "-":
        return "2030-06-07"
    return text + ("x" if text.isascii() else "变")


@pytest.mark.parametrize("kind", sorted(_SAMPLES))
def test_text_fields_list_every_field_the_postings_are_made_from(kind: str) -> None:
    """A field missing from TEXT_FIELDS would let a changed record keep stale postings."""
    from ipdesk.services.search_index import TEXT_FIELDS

    def postings(record: dict[str, object]) -> tuple[object, ...]:
        (rows, names, alls, keys) = prepare_docs(docs_for_records(kind, [record]))
        return rows[0][0], names[0][1], alls[0][1], keys[0][1]

    base = _SAMPLES[kind]
    before = postings(base)
    for field, value in base.items():
        if field == "id":
            continue  # a changed record keeps its local id
        if field not in TEXT_FIELDS[kind]:
            changed = postings({**base, field: _mutated(value)})
            assert changed == before, f"{kind}.{field} changes the postings: add it to TEXT_FIELDS"
    for field in TEXT_FIELDS[kind]:
        assert field in base, f"{kind}.{field} is not a field"


@pytest.mark.parametrize("kind", sorted(_SAMPLES))
def test_row_columns_are_what_the_builders_write(kind: str) -> None:
    """A text-unchanged record rewrites only row_columns: they must equal the full document's."""
    from ipdesk.services.search_index import TEXT_FIELDS, row_columns

    names = ("doc_id", "kind", "ref_id", "name", "title", "subtitle", "pinyin", "initials", "subkind", "region",
             "klass", "codes", "year", "date", "status")
    positions = {name: at for at, name in enumerate(names)}
    base = _SAMPLES[kind]
    variants = [base] + [{**base, f: _mutated(v)} for f, v in base.items() if f != "id" and f not in TEXT_FIELDS[kind]]
    for record in variants:
        row = prepare_docs(docs_for_records(kind, [record]))[0][0]
        cols = row_columns(kind, record)
        assert {name: row[positions[name]] for name in cols} == cols
        # every column a non-text field can move is among them
        moved = {name for name, at in positions.items() if row[at] != prepare_docs(docs_for_records(kind, [base]))[0][0][at]}
        assert moved <= set(cols), (kind, moved)


def test_a_text_unchanged_record_without_a_document_gets_one(services) -> None:  # type: ignore[no-untyped-def]
    rows = _patents(400_000, 2)
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 0) as index:
        _insert_patents(conn, rows)
        index.add("patent", rows[:1])  # the second record is left without a document
    expired = [{**r, "legal_status": "expired"} for r in rows]
    with services.db.engine.begin() as conn, BulkIndexWriter(conn, 0) as index:
        index.add_changed("patent", list(zip(rows, expired, strict=True)))
    with services.db.engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT ref_id, status FROM search_doc WHERE kind = 'patent' AND ref_id >= 400000 ORDER BY ref_id").fetchall()
    assert [tuple(d) for d in docs] == [(400000, "expired"), (400001, "expired")]
    assert services.search.search("燕麦脱壳装置1", SearchFilters(kinds=("patent",))).total == 1


def test_rows_are_written_in_rowid_order_so_one_batch_makes_one_segment(services) -> None:  # type: ignore[no-untyped-def]
    """FTS5 starts a new segment whenever a rowid is not above the previous one in the transaction;
    the newest-first doc_ids of an unsorted batch would otherwise make a segment per record."""
    rows = _patents(700_000, 300)
    for i, r in enumerate(rows):  # dates that make doc_ids go up and down through the batch
        r["pub_date"] = dt.date(2000 + (i * 7) % 23, 1 + i % 12, 1)
    prepared = prepare_docs(docs_for_records("patent", rows))
    assert prepared[0] != sorted(prepared[0])
    with services.db.engine.begin() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM fts_name_data").scalar()
        conn.exec_driver_sql("INSERT INTO fts_name(fts_name, rank) VALUES ('automerge', 0)")
        write_prepared(conn, prepared, replace=False)
        added = conn.exec_driver_sql("SELECT count(*) FROM fts_name_data").scalar() - before
        conn.exec_driver_sql("INSERT INTO fts_name(fts_name, rank) VALUES ('automerge', 4)")
    assert added <= 5, added  # one segment (and the structure record); unsorted: hundreds
    assert services.search.search("燕麦脱壳", SearchFilters(kinds=("patent",)), limit=500).total == 75


def test_text_grams_of_joined_parts_are_the_union_of_each_part() -> None:
    parts = ("龍井茶 Tea", "杭州 西湖", None, "", "茶葉", "ＡＢＣ１２", "一\u3000二")
    union: set[str] = set()
    for part in parts:
        union.update(char_grams(fold(part)))
    assert set(_text_grams(*parts)) == union
    assert "茶杭" not in union and "叶" in union and "abc12" in union


_TRICKY = {
    "patent": {"id": 1, "pub_no": "ZZ1A", "app_no": "", "title": "一種蕎麥ＡＢＣ脫殼裝置 v2", "abstract": "V2 蕎麥　脫殼",
               "applicants": "Tea 合作社", "inventors": "", "address": None, "ipc_codes": "A23N0005000000",
               "kind": "invention", "region_code": "", "pub_date": "2020-01-01", "filing_date": "", "legal_status": ""},
    "trademark": {"id": 2, "mark_text": "龍井ＴＥＡ", "goods": "茶葉 tea", "owner": "杭州 龍井", "owner_address": "",
                  "reg_no": "", "reg_date": None, "filing_date": None, "kind": "", "region_code": "", "status": "",
                  "nice_class": 30, "similar_groups": ""},
    "gi": {"id": 3, "name": "西湖龍井", "category": "茶葉", "holder": "龍井 茶", "area_text": "杭州市 西湖区", "note": "",
           "standard": "GB/T 18650", "name_en": "Xihu Longjing", "announcement_no": "", "tm_reg_no": "", "agi_no": "",
           "registered_on": "2001", "kind": "", "status": "", "areas": []},
}
_FIELDS = {"patent": ("title", "abstract", "applicants", "inventors", "address"),
           "trademark": ("mark_text", "goods", "owner", "owner_address"),
           "gi": ("name", "category", "holder", "area_text", "note", "standard")}


@pytest.mark.parametrize("kind", sorted(_TRICKY))
def test_all_tokens_are_the_grams_of_every_text_field_folded_together(kind: str) -> None:
    """The builders leave the name out of all_tokens (its grams lead the fts_all row already): the row
    must still hold exactly the grams of the name and every other text field folded as one text."""
    record = _TRICKY[kind]
    (doc,) = docs_for_records(kind, [record])
    _, _, all_rows, _ = prepare_docs([doc])
    together = char_grams(fold(" ".join(str(record[f]) for f in _FIELDS[kind] if record[f])))
    assert all_rows[0][1].split() == list(dict.fromkeys([*doc.name_tokens, *together]))
    assert set(doc.name_tokens) <= set(together)
    assert doc.name == fold(doc.title)  # the builder's folded name is the one search_doc stores


def test_reindexing_in_place_equals_indexing_from_scratch(tmp_path: Path) -> None:
    """A changed record whose doc_id stays (new title, same date) has its search_doc row updated in
    place; one whose doc_id moves (new date) is deleted and inserted. Either way the index must be
    exactly what indexing the final records into an empty store gives."""
    from ipdesk.services.db import make_engine, migrate, sqlite_url

    first = _patents(700_000, 8)
    final = [dict(r) for r in first]
    final[0]["title"] = final[1]["title"] = "一种青稞烘干装置"  # same date: updated in place
    final[2]["pub_date"] = final[3]["pub_date"] = dt.date(2024, 5, 6)  # doc_id moves
    final[4]["legal_status"] = "expired"  # a column only
    final[5]["abstract"] = "本发明涉及一种合成测试用的烘干设备。"  # postings only

    def store(name: str) -> object:
        engine = make_engine(sqlite_url(tmp_path / name))
        migrate(engine)
        return engine

    changed = store("changed.sqlite")
    with changed.begin() as conn:  # type: ignore[attr-defined]
        write_prepared(conn, _prepare_records("patent", first), replace=False)
    with changed.begin() as conn:  # type: ignore[attr-defined]
        write_prepared(conn, _prepare_records("patent", final), replace=True)
    scratch = store("scratch.sqlite")
    with scratch.begin() as conn:  # type: ignore[attr-defined]
        write_prepared(conn, _prepare_records("patent", final), replace=False)

    tokens = {t for prepared in (_prepare_records("patent", first), _prepare_records("patent", final))
              for table in prepared[1:] for _doc, text in table for t in text.split()}

    def state(engine: object) -> tuple[object, ...]:
        with engine.connect() as conn:  # type: ignore[attr-defined]
            docs = conn.exec_driver_sql("SELECT * FROM search_doc ORDER BY doc_id").fetchall()
            postings = {
                (table, token): [r[0] for r in conn.exec_driver_sql(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid", ('"' + token + '"',))]
                for table in ("fts_name", "fts_all", "fts_key") for token in tokens
            }
            for table in ("fts_name", "fts_all", "fts_key"):
                conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        return docs, postings

    changed_docs, changed_postings = state(changed)
    scratch_docs, scratch_postings = state(scratch)
    assert changed_docs == scratch_docs
    assert changed_postings == scratch_postings
    assert any(r[4] == "一种青稞烘干装置" for r in changed_docs) and len(changed_docs) == 8
