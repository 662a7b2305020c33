"""The merge: one transaction, all or nothing, idempotent, provenance kept, search follows; a
killed process leaves the store as it was; generated rows never cause a traceback or a partial merge."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdesk.services.importers import ImportFileError, ImportRejected
from ipdesk.services.models import Dataset, GeoIndication, Patent
from tests.conftest import kill_when_marked
from tests.importers.conftest import PATENT_HEADER, SYNTH, counts, patent_rows, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]


def test_merge_is_idempotent_and_searchable(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(30))
    preview = importer.stage([path], as_of=dt.date(2099, 6, 1))
    assert preview.counts["patent"] == {"new": 30, "changed": 0, "unchanged": 0, "rejected": 0}
    result = importer.commit(preview)
    assert result.inserted["patent"] == 30
    assert not preview.staging_path.exists()
    wal = services.db.path.with_name(services.db.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # the merge's WAL space is given back
    after_first = counts(services)
    hits = services.search.search("果树嫁接").hits
    assert any(h.kind == "patent" for h in hits)
    with services.db.session() as s:
        p = s.query(Patent).filter_by(pub_no="CN999000007A").one()
        assert p.dataset == "patents" and p.source.startswith("p.csv") and p.as_of == dt.date(2099, 6, 1)
        ds = s.get(Dataset, "patents")
        assert (ds.record_count, ds.origin, ds.as_of) == (30, "import", dt.date(2099, 6, 1))
        # the Data page and reports show the half of the source in their language
        from ipdesk.domain.report import bilingual_part

        stamp = preview.started.isoformat(sep=" ", timespec="minutes")
        assert bilingual_part(ds.source, "zh_CN") == f"p.csv（{stamp} 导入）"
        assert bilingual_part(ds.source, "en") == f"p.csv (imported {stamp})"
        ds_updated = ds.updated_at
    again = importer.stage([path])
    assert again.counts["patent"] == {"new": 0, "changed": 0, "unchanged": 30, "rejected": 0}
    importer.commit(again)
    assert counts(services) == after_first
    with services.db.session() as s:
        assert s.get(Dataset, "patents").updated_at == ds_updated  # nothing changed, nothing touched


def test_changed_rows_update_only_the_columns_the_file_has(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    importer.commit(importer.stage([write_csv(tmp_path / "full.csv", PATENT_HEADER, patent_rows(3))]))
    partial = write_csv(tmp_path / "status.csv", ["公开号", "名称", "法律状态"], [
        ["CN999000001A", f"{SYNTH}果树嫁接工具1", "有效"],  # status added, title same
        ["CN999000002A", f"{SYNTH}改名的工具", ""],  # title changed
    ])
    preview = importer.stage([partial])
    assert preview.counts["patent"] == {"new": 0, "changed": 2, "unchanged": 0, "rejected": 0}
    result = importer.commit(preview)
    assert result.updated["patent"] == 2
    with services.db.session() as s:
        p1 = s.query(Patent).filter_by(pub_no="CN999000001A").one()
        assert p1.legal_status == "in_force" and p1.ipc_codes == "A01G0009000000 A01B0001000000"  # kept
        assert p1.applicants == f"{SYNTH}合作社1" and p1.region_code == "330106000000"
        p2 = s.query(Patent).filter_by(pub_no="CN999000002A").one()
        assert p2.title == f"{SYNTH}改名的工具"
    assert any(h.title == f"{SYNTH}改名的工具" for h in services.search.search("改名的工具").hits)
    assert not any(h.title == f"{SYNTH}果树嫁接工具2" for h in services.search.search("果树嫁接工具2").hits)


def _gi_csv(path: Path, name: str, as_of: dt.date) -> Path:
    return write_csv(path, ["类型", "名称", "持有人", "截至日期"],
                     [["地理标志产品", f"{SYNTH}{name}", f"{SYNTH}协会", as_of.isoformat()]])


def test_an_import_into_the_built_in_gi_list_does_not_relabel_it(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.domain.report import bilingual_part

    with services.db.session() as s:
        seed = s.get(Dataset, "gi")
        assert seed is not None and seed.origin == "seed" and seed.record_count > 100 and seed.as_of is not None
        seed_as_of, seed_count, seed_source = seed.as_of, seed.record_count, seed.source
    seed_zh, seed_en = bilingual_part(seed_source, "zh_CN"), bilingual_part(seed_source, "en")
    assert seed_zh != seed_en

    # a staff list a few weeks older than the built-in data: the date must not move back
    first = importer.stage([_gi_csv(tmp_path / "g1.csv", "贡米", seed_as_of - dt.timedelta(days=24))])
    importer.commit(first)
    stamp = first.started.isoformat(sep=" ", timespec="minutes")
    with services.db.session() as s:
        ds = s.get(Dataset, "gi")
        assert (ds.as_of, ds.origin, ds.record_count) == (seed_as_of, "seed", seed_count + 1)
        assert bilingual_part(ds.source, "zh_CN") == f"{seed_zh}；另含 g1.csv（{stamp} 导入）"
        assert bilingual_part(ds.source, "en") == f"{seed_en}; plus g1.csv (imported {stamp})"
        record = s.query(GeoIndication).filter_by(name=f"{SYNTH}贡米").one()
        assert record.as_of == seed_as_of - dt.timedelta(days=24)  # the record keeps its own date

    # a newer list moves the date forward; both files are named, the built-in source once
    importer.commit(importer.stage([_gi_csv(tmp_path / "g2.csv", "山茶", seed_as_of + dt.timedelta(days=3))]))
    with services.db.session() as s:
        ds = s.get(Dataset, "gi")
        assert (ds.as_of, ds.origin, ds.record_count) == (seed_as_of + dt.timedelta(days=3), "seed", seed_count + 2)
        zh = bilingual_part(ds.source, "zh_CN")
        assert zh.startswith(f"{seed_zh}；另含 g2.csv、g1.csv（") and zh.count(seed_zh) == 1
        assert bilingual_part(ds.source, "en").startswith(f"{seed_en}; plus g2.csv, g1.csv (imported ")

    # a dataset an older version relabelled as wholly imported: the other records are not credited to the file
    with services.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE dataset SET origin = 'import', source = 'gi.csv（2026-11-20 09:00 导入） / "
                             "gi.csv (imported 2026-11-20 09:00)' WHERE name = 'gi'")
    importer.commit(importer.stage([_gi_csv(tmp_path / "g3.csv", "乌梅", seed_as_of)]))
    with services.db.session() as s:
        ds = s.get(Dataset, "gi")
        assert bilingual_part(ds.source, "zh_CN").startswith("其他来源（见各条记录）；另含 g3.csv、")
        assert bilingual_part(ds.source, "en").startswith("other sources (each record names its own); plus g3.csv, ")


def test_an_imported_dataset_names_every_file_it_holds(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.domain.report import bilingual_part

    importer.commit(importer.stage([write_csv(tmp_path / "a.csv", PATENT_HEADER, patent_rows(2))],
                                   as_of=dt.date(2099, 6, 1)))
    later = importer.stage([write_csv(tmp_path / "b.csv", PATENT_HEADER, patent_rows(2, start=5))],
                           as_of=dt.date(2099, 5, 1))
    importer.commit(later)
    with services.db.session() as s:
        ds = s.get(Dataset, "patents")
        assert (ds.origin, ds.record_count, ds.as_of) == ("import", 4, dt.date(2099, 6, 1))  # never back
        assert bilingual_part(ds.source, "en").startswith("b.csv, a.csv (imported ")  # not only the last file
    # a file whose records were all replaced by a later import is no longer named
    importer.commit(importer.stage([write_csv(tmp_path / "c.csv", ["公开号", "名称"],
                                              [[f"CN999{i:06d}A", f"{SYNTH}新名称{i}"] for i in (0, 1)])]))
    with services.db.session() as s:
        en = bilingual_part(s.get(Dataset, "patents").source, "en")
        assert en.startswith("c.csv, b.csv (imported ") and "a.csv" not in en


def test_local_gi_import_with_areas(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "gi.xlsx", ["类型", "名称", "类别", "保护范围代码", "登记日期"], [
        ["农产品地理标志", f"{SYNTH}乌龙茶", "茶叶", "330106 330110005", "2099-06"],
    ], text_cols=(3,))
    preview = importer.stage([path], local=True)
    assert preview.as_dict()["dataset_origin"] == "local"
    importer.commit(preview)
    with services.db.session() as s:
        gi = s.query(GeoIndication).filter_by(name=f"{SYNTH}乌龙茶").one()
        assert gi.dataset == "local_gi" and gi.kind == "agi" and gi.registered_on == "2099-06"
        assert [a.division_code for a in gi.areas] == ["330106000000", "330110005000"]
        ds = s.get(Dataset, "local_gi")
        assert ds is not None and ds.origin == "local" and ds.record_count == 1
    hits = services.search.search("乌龙茶").hits
    assert any(h.kind == "gi" and h.region == "330106000000 330110005000" for h in hits)
    # the area changes: old area rows go, new ones come, the index follows
    path2 = write_xlsx(tmp_path / "gi2.xlsx", ["类型", "名称", "保护范围代码"],
                       [["农产品地理标志", f"{SYNTH}乌龙茶", "330110"]], text_cols=(2,))
    importer.commit(importer.stage([path2], local=True))
    with services.db.session() as s:
        gi = s.query(GeoIndication).filter_by(name=f"{SYNTH}乌龙茶").one()
        assert [a.division_code for a in gi.areas] == ["330110000000"]


def test_imported_rows_are_indexed_as_a_rebuild_from_the_stored_rows_would(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """The merge indexes new rows as it inserted them, without reading them back: the documents
    must be the ones a rebuild from the stored rows makes."""
    from ipdesk.services.search_index import rebuild_all

    importer.commit(importer.stage([write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(40))]))
    gi = write_xlsx(tmp_path / "gi.xlsx", ["类型", "名称", "类别", "保护范围代码", "登记日期"], [
        ["农产品地理标志", f"{SYNTH}乌龙茶", "茶叶", "330110005 330106", "2099-06"],
        ["地理标志产品", f"{SYNTH}龍井", "茶叶", "330106", "2098-01-02"],
    ], text_cols=(3,))
    importer.commit(importer.stage([gi], local=True))
    query = "SELECT * FROM search_doc WHERE kind IN ('patent', 'gi') ORDER BY doc_id"
    with services.db.engine.connect() as conn:
        imported = conn.exec_driver_sql(query).fetchall()
        stored = conn.exec_driver_sql("SELECT pub_date, typeof(pub_date), as_of FROM patent WHERE pub_no = 'CN999000007A'").one()
    assert len(imported) >= 42 and stored[1] == "text" and len(stored[0]) == 10
    with services.db.session() as s:
        rebuild_all(s)
        s.commit()
    with services.db.engine.connect() as conn:
        assert conn.exec_driver_sql(query).fetchall() == imported
    for word in ("乌龙茶", "龙井", "wulongcha", "果树嫁接"):
        assert services.search.search(word).total, word


def test_rejected_rows_mean_nothing_is_merged(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    before = counts(services)
    rows = list(patent_rows(10))
    rows[7][6] = "2099-13-45"
    preview = importer.stage([write_csv(tmp_path / "p.csv", PATENT_HEADER, rows)])
    assert preview.counts["patent"]["new"] == 9 and preview.total("rejected") == 1
    e = preview.errors[0]
    assert (e.row, e.column, e.value) == (9, "申请日", "2099-13-45") and "no such day" in e.why_en
    with pytest.raises(ImportRejected) as refused:
        importer.commit(preview)
    assert refused.value.en.startswith("1 row was rejected: correct it and import again")  # not "1 rows"
    assert counts(services) == before


_KILL_SCRIPT = """
import sys, time
from pathlib import Path
from ipdesk.services.container import build_services
svc = build_services(Path(sys.argv[1]))
preview = svc.importer.stage([Path(sys.argv[2])])
def progress(stage, done, total):
    if stage == "merge":
        Path(sys.argv[3]).write_text(str(done))
        time.sleep(120)
svc.importer.commit(preview, progress=progress)
"""


@pytest.mark.slow
def test_killed_mid_merge_leaves_the_store_as_before(tmp_path: Path, data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.services.container import build_services
    from ipdesk.services.db import integrity_check

    path = write_csv(tmp_path / "many.csv", PATENT_HEADER, patent_rows(2500))
    svc = build_services(data_dir)
    before = counts(svc)
    svc.close()
    marker = tmp_path / "merging"
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the killed import's staging folder stays out of /tmp
    kill_when_marked(_KILL_SCRIPT, [str(data_dir), str(path), str(marker)], marker, timeout=60)
    assert int(marker.read_text()) >= 2000  # the first batch is written, inside the transaction
    svc = build_services(data_dir)
    try:
        assert integrity_check(svc.db.engine) == "ok"
        with svc.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert counts(svc) == before
        assert svc.search.search("果树嫁接").hits == [] or all(h.kind != "patent" for h in svc.search.search("果树嫁接").hits)
    finally:
        svc.close()


_DISK_FULL_SCRIPT = """
import os, resource, sys
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.errors import DataFolderError
data = Path(sys.argv[1])
svc = build_services(data)
preview = svc.importer.stage([Path(sys.argv[2])])
limit = 256 << 10  # the write-ahead log may not grow past 256 KiB (the database file is not written
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # before the commit): the disk is full
try:
    svc.importer.commit(preview)
except DataFolderError as exc:
    print("DISKFULL", exc.en)
    sys.exit(7)
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX-only")
def test_full_disk_during_merge_is_explained_and_merges_nothing(tmp_path: Path, data_dir: Path) -> None:
    from ipdesk.services.container import build_services
    from ipdesk.services.db import integrity_check

    path = write_csv(tmp_path / "many.csv", PATENT_HEADER, patent_rows(6000))  # past the index workers' threshold
    svc = build_services(data_dir)
    before = counts(svc)
    svc.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _DISK_FULL_SCRIPT, str(data_dir), str(path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 7, proc.stderr[-2000:]
    assert "disk is full" in proc.stdout and "nothing of this import was merged" in proc.stdout
    svc = build_services(data_dir)
    try:
        assert integrity_check(svc.db.engine) == "ok"
        assert counts(svc) == before
        preview = svc.importer.stage([path])  # with space again, the same file goes in whole
        assert svc.importer.commit(preview).inserted["patent"] == 6000
    finally:
        svc.close()


def test_cli_exit_codes_and_json(tmp_path: Path, data_dir: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.cli import main

    monkeypatch.setenv("IPDESK_DATA_DIR", str(data_dir))
    good = write_csv(tmp_path / "good.csv", PATENT_HEADER, patent_rows(4))
    rows = list(patent_rows(2, start=10))
    rows[1][0] = "not-a-number"
    bad = write_csv(tmp_path / "bad.csv", PATENT_HEADER, rows)
    bomb = tmp_path / "bomb.xml"
    bomb.write_bytes(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "x">]><a>&b;</a>')
    base = ["--data-dir", str(data_dir), "--lang", "en", "import"]

    assert main([*base, str(good), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["totals"]["new"] == 4 and out["merged"] is False and out["dry_run"] is True

    errors_xlsx = tmp_path / "errors.xlsx"
    assert main([*base, str(good), str(bad), "--json", "--errors-out", str(errors_xlsx)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["merged"] is False and out["totals"]["rejected"] == 1
    assert out["errors"][0]["file"] == "bad.csv" and out["errors"][0]["row"] == 3
    from openpyxl import load_workbook

    wb = load_workbook(errors_xlsx, read_only=True)
    assert list(wb.worksheets[0].iter_rows(values_only=True))[1][:5] == ("bad.csv", None, 3, "Publication number", "not-a-number")
    wb.close()

    assert main([*base, str(bomb), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["file_error"]["reason"] == "hostile"
    assert main([*base, str(bomb)]) == 2
    assert "bomb.xml" in capsys.readouterr().err

    assert main([*base, str(good)]) == 0
    assert "All merged" in capsys.readouterr().out
    assert main([*base, str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["unchanged"] == 4

    template = tmp_path / "t.xlsx"
    assert main([*base, "--template", "trademark", "--out", str(template)]) == 0
    assert template.exists()


_cell_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_cell = st.one_of(
    st.none(), _cell_text, st.integers(-10**17, 10**17), st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["CN999000001A", "2099-01-02", "A01G 9/00", "330106", "#N/A", "20990102", "1.2E+15"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cell, min_size=len(PATENT_HEADER), max_size=len(PATENT_HEADER)), min_size=1,
                     max_size=6), as_xlsx=st.booleans())
def test_generated_rows_never_crash_or_half_merge(tmp_path: Path, importer, services, rows, as_xlsx) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / ("gen.xlsx" if as_xlsx else "gen.csv")
    if as_xlsx:
        write_xlsx(path, PATENT_HEADER, rows)
    else:
        write_csv(path, PATENT_HEADER, rows)
    before = counts(services)
    try:
        preview = importer.stage([path])
    except ImportFileError:
        assert counts(services) == before
        return
    if preview.total("rejected"):
        with pytest.raises(ImportRejected):
            importer.commit(preview)
        assert counts(services) == before
    else:
        importer.commit(preview)
        again = importer.stage([path])
        assert again.total("new") == again.total("changed") == again.total("rejected") == 0
        again.discard()


def test_cancel_while_staging_or_merging_changes_nothing(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.importers import ImportCancelled

    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(1200))
    before = counts(services)
    with pytest.raises(ImportCancelled):
        importer.stage([path], cancelled=lambda: True)
    preview = importer.stage([path])
    calls: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        calls.append(stage)

    with pytest.raises(ImportCancelled):
        importer.commit(preview, progress=progress, cancelled=lambda: "merge" in calls)
    assert counts(services) == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_cell_text, address=_cell_text, ipc=_cell_text, cut=st.integers(0, 3000))
def test_generated_cnipa_documents_never_crash(tmp_path: Path, importer, services, title, address, ipc, cut) -> None:  # type: ignore[no-untyped-def]
    from xml.sax.saxutils import escape

    from tests.importers.conftest import cnipa_new_xml

    doc = cnipa_new_xml(77, title=escape(title), address=escape(address), ipc=(escape(ipc),))
    if cut:
        doc = doc[:cut]  # sometimes truncated
    path = tmp_path / "gen.xml"
    path.write_bytes(doc)
    before = counts(services)
    try:
        preview = importer.stage([path])
    except ImportFileError as exc:
        assert exc.exit_code == 2 and exc.reason in ("malformed", "wrong_format")
        assert counts(services) == before
        return
    if preview.total("rejected"):
        assert preview.errors and all(e.why_zh and e.why_en for e in preview.errors)
        preview.discard()
    else:
        importer.commit(preview)


def test_a_merge_waits_for_a_data_update_that_is_applying(tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """A data update's apply holds the database's write lock for its whole transaction; a merge
    started meanwhile waits for it (and says so) instead of failing with "database is locked"."""
    import threading

    from ipdesk.services.db import RegistryWriteLock
    from ipdesk.services.importers import ImportCancelled

    preview = importer.stage([write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(20))])
    before = counts(services)
    stages: list[str] = []
    waiting = threading.Event()
    outcome: list[object] = []

    def progress(stage: str, _done: int, _total: int) -> None:
        stages.append(stage)
        if stage == "wait":
            waiting.set()

    def run() -> None:
        try:
            outcome.append(importer.commit(preview, progress=progress))
        except Exception as exc:
            outcome.append(exc)

    lock = RegistryWriteLock(services.data_dir)
    with lock.hold():  # the update's apply
        worker = threading.Thread(target=run)
        worker.start()
        assert waiting.wait(30)
        assert counts(services) == before and "merge" not in stages
    worker.join(60)
    assert len(outcome) == 1 and getattr(outcome[0], "inserted", {}).get("patent") == 20, outcome
    assert counts(services)["patent"] == before["patent"] + 20

    again = importer.stage([write_csv(tmp_path / "q.csv", PATENT_HEADER, patent_rows(5, start=100))])
    with lock.hold(), pytest.raises(ImportCancelled):
        importer.commit(again, progress=progress, cancelled=lambda: "wait" in stages[-1:])
    assert counts(services)["patent"] == before["patent"] + 20


def test_reimporting_as_local_keeps_records_from_updates_and_a_plain_import_never_undoes_it(
        tmp_path: Path, importer, services) -> None:  # type: ignore[no-untyped-def]
    """`ipdesk sync --check` warns that an update would replace records imported without 'local':
    re-importing the same file as local is how staff keep them, so unchanged rows become local too;
    and a later plain import of the file (changed or not) does not hand them back to updates."""
    from sqlalchemy import select

    path = write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(3))

    def datasets() -> set[str]:
        with services.db.session() as s:
            return set(s.scalars(select(Patent.dataset).where(Patent.pub_no.like("CN9%"))))

    importer.commit(importer.stage([path]))
    assert datasets() == {"patents"}
    again = importer.stage([path], local=True)
    assert again.counts["patent"]["changed"] == 3  # said before merging: they change hands
    importer.commit(again)
    assert datasets() == {"local_patents"}
    with services.db.session() as s:  # both datasets count what they hold now
        assert s.get(Dataset, "local_patents").record_count == 3 and s.get(Dataset, "patents").record_count == 0
    importer.commit(importer.stage([path]))  # unchanged: stays local
    assert datasets() == {"local_patents"}
    rows = list(patent_rows(3))
    rows[0][2] = "改过的名称"
    importer.commit(importer.stage([write_csv(tmp_path / "p2.csv", PATENT_HEADER, rows)]))  # changed: stays local too
    assert datasets() == {"local_patents"}


def test_a_preview_dropped_without_commit_or_discard_removes_its_staging_folder(
        tmp_path: Path, importer) -> None:  # type: ignore[no-untyped-def]
    """A window closed on a preview, or a caller stopped by an error, must not leave staging files
    in the temp folder until the next day's clean-up."""
    import gc

    preview = importer.stage([write_csv(tmp_path / "p.csv", PATENT_HEADER, patent_rows(3))])
    folder = preview.staging_path.parent
    assert folder.is_dir()
    del preview
    gc.collect()
    assert not folder.exists()
