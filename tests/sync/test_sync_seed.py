"""Publishing the real seed datasets (divisions, GIs, classifications) and applying changes to them:
township renames reach the place index (and the subtitles of places below), GI areas move with
their GI, a deleted class node leaves the index, and unchanged rows are not rewritten."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ipdesk.services.search import SearchFilters
from ipdesk.services.sync.manifest import generate_key, load_public_key_file, public_key_text
from ipdesk.services.sync.publisher import Publisher
from tests.sync.conftest import assert_index_consistent, snapshot_state


def test_seed_datasets_round_trip(services, seed_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key = generate_key(tmp_path / "k.key")
    trusted = [public_key_text(load_public_key_file(tmp_path / "k.key.pub"))]
    source_db = tmp_path / "publisher.sqlite"
    shutil.copyfile(seed_path, source_db)
    repo = tmp_path / "repo"
    publisher = Publisher(repo, key)
    publisher.publish_from_database(source_db, ("divisions", "gi", "classifications"))
    services.sync.trusted_keys = trusted
    services.sync.default_key_file = tmp_path / "none.pub"
    before = snapshot_state(services.db.path)
    rows_before = _registry_rows(services.db.path)
    check = services.sync.check(str(repo))
    # the same data as the seed: nothing to download, and the check says why
    assert check.up_to_date and check.plan == () and check.download_bytes == 0
    assert {e.name for e in check.adopted} == {"divisions", "gi", "classifications"}
    assert "相同" in check.note[0] and "same" in check.note[1]
    first = services.sync.sync(str(repo))
    # recorded as sync v1 without a download and without rewriting a single row
    assert first.downloaded_bytes == 0 and first.reused_bytes == 0
    assert first.applied is not None and first.applied.changes == ()
    assert first.applied.dataset_versions == {"divisions": 1, "gi": 1, "classifications": 1}
    assert not services.sync.cache.exists() or not any(services.sync.cache.iterdir())
    assert _registry_rows(services.db.path) == rows_before
    assert _dataset_rows(services.db.path) == {
        "divisions": (1, "sync"), "gi": (1, "sync"), "classifications": (1, "sync"),
        "patents": (0, "seed"), "trademarks": (0, "seed")}
    assert snapshot_state(services.db.path)[2] == before[2]
    assert services.sync.check(str(repo)).adopted == ()  # recorded: no second comparison

    import sqlean

    conn = sqlean.connect(str(source_db))
    county = conn.execute("SELECT code FROM division WHERE name = '五常市'").fetchone()[0]
    township = conn.execute("SELECT code, name FROM division WHERE parent_code = ? ORDER BY code LIMIT 1",
                            (county,)).fetchone()
    conn.execute("UPDATE division SET name = '合成测试镇' WHERE code = ?", (township[0],))
    conn.execute("UPDATE division SET name = '合成测试市' WHERE code = ?", (county,))
    gi_id = conn.execute("SELECT id FROM geo_indication WHERE name = '西湖龙井'").fetchone()[0]
    conn.execute("INSERT INTO gi_area (gi_id, division_code) VALUES (?, ?)", (gi_id, county))
    class_id, class_title = conn.execute("SELECT id, title_zh FROM class_node WHERE scheme = 'ipc' "
                                         "AND title_zh != '' ORDER BY id DESC LIMIT 1").fetchone()
    conn.execute("DELETE FROM class_node WHERE id = ?", (class_id,))
    conn.commit()
    conn.close()
    publisher.publish_from_database(source_db, ("divisions", "gi", "classifications"))
    second = services.sync.sync(str(repo))
    assert second.applied is not None
    changes = {c.dataset: c for c in second.applied.changes}
    assert {k: (c.method, c.added, c.updated, c.deleted) for k, c in changes.items()} == {
        "divisions": ("delta", 0, 2, 0), "gi": ("delta", 0, 1, 0), "classifications": ("delta", 0, 0, 1)}
    search = services.search
    places = search.search("合成测试镇", SearchFilters(kinds=("place",)), limit=5)
    assert places.hits and places.hits[0].title == "合成测试镇"
    assert "合成测试市" in places.hits[0].subtitle  # the township's subtitle names its renamed county
    tea = search.search("龙井", SearchFilters(kinds=("gi",), region=county[:6]), limit=10)
    assert "西湖龙井" in [h.title for h in tea.hits]
    assert class_title not in [h.title for h in search.search(class_title, SearchFilters(kinds=("class",))).hits]
    after = snapshot_state(services.db.path)
    assert after[0] == "ok" and after[2] == before[2]
    assert_index_consistent(services.db.path)


def _registry_rows(db_file: Path) -> str:
    """A digest of every registry row the seed datasets hold, ids and search documents included."""
    import hashlib

    import sqlean

    conn = sqlean.connect(str(db_file))
    try:
        digest = hashlib.sha256()
        for table in ("division", "geo_indication", "gi_area", "class_node", "search_doc"):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def _dataset_rows(db_file: Path) -> dict[str, tuple[int, str]]:
    import sqlean

    conn = sqlean.connect(str(db_file))
    try:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT name, version, origin FROM dataset")}
    finally:
        conn.close()


def test_a_fresh_computer_takes_the_delta_from_the_version_it_came_with(  # type: ignore[no-untyped-def]
        services, seed_path: Path, tmp_path: Path) -> None:
    """The publisher has moved on since the app was built: a computer that never synced is compared
    by content, takes the delta from the seed's version where the data changed, and downloads nothing
    for the datasets that did not; data that differ from every published version take the snapshot."""
    import sqlean

    key = generate_key(tmp_path / "k.key")
    source_db = tmp_path / "publisher.sqlite"
    shutil.copyfile(seed_path, source_db)
    publisher = Publisher(tmp_path / "repo", key)
    publisher.publish_from_database(source_db, ("divisions", "gi", "classifications"))
    conn = sqlean.connect(str(source_db))
    conn.execute("UPDATE geo_indication SET holder = '合成测试协会' WHERE name = '西湖龙井'")
    conn.commit()
    conn.close()
    publisher.publish_from_database(source_db, ("divisions", "gi", "classifications"))
    services.sync.trusted_keys = [public_key_text(load_public_key_file(tmp_path / "k.key.pub"))]
    services.sync.default_key_file = tmp_path / "none.pub"

    check = services.sync.check(str(tmp_path / "repo"))
    assert [(p.name, p.local_version, p.new_version, p.method) for p in check.plan] == [("gi", 1, 2, "delta")]
    assert {e.name for e in check.adopted} == {"divisions", "classifications"}
    result = services.sync.sync(str(tmp_path / "repo"))
    assert result.applied is not None
    assert [(c.dataset, c.method, c.added, c.updated, c.deleted) for c in result.applied.changes] == [
        ("gi", "delta", 0, 1, 0)]
    assert result.downloaded_bytes == check.download_bytes < 2000
    assert result.applied.dataset_versions == {"divisions": 1, "gi": 2, "classifications": 1}
    conn = sqlean.connect(str(services.db.path))
    assert conn.execute("SELECT holder FROM geo_indication WHERE name = '西湖龙井'").fetchone()[0] == "合成测试协会"
    conn.close()
    assert_index_consistent(services.db.path)


def test_data_that_differ_from_the_published_version_take_its_snapshot(  # type: ignore[no-untyped-def]
        services, seed_path: Path, tmp_path: Path) -> None:
    """One class title changed here (not through an update): the content differs, so the snapshot
    comes and puts the published title back; the untouched datasets are recorded without a download."""
    import sqlean

    key = generate_key(tmp_path / "k.key")
    source_db = tmp_path / "publisher.sqlite"
    shutil.copyfile(seed_path, source_db)
    Publisher(tmp_path / "repo", key).publish_from_database(source_db, ("divisions", "gi", "classifications"))
    conn = sqlean.connect(str(services.db.path))
    class_id, title = conn.execute("SELECT id, title_zh FROM class_node WHERE title_zh != '' ORDER BY id LIMIT 1"
                                   ).fetchone()
    conn.execute("UPDATE class_node SET title_zh = '本机改过的标题' WHERE id = ?", (class_id,))
    conn.commit()
    conn.close()
    services.sync.trusted_keys = [public_key_text(load_public_key_file(tmp_path / "k.key.pub"))]
    services.sync.default_key_file = tmp_path / "none.pub"

    check = services.sync.check(str(tmp_path / "repo"))
    assert [(p.name, p.method) for p in check.plan] == [("classifications", "snapshot")]
    assert {e.name for e in check.adopted} == {"divisions", "gi"}
    result = services.sync.sync(str(tmp_path / "repo"))
    assert result.applied is not None
    assert [(c.dataset, c.updated) for c in result.applied.changes] == [("classifications", 1)]
    conn = sqlean.connect(str(services.db.path))
    assert conn.execute("SELECT title_zh FROM class_node WHERE id = ?", (class_id,)).fetchone()[0] == title
    conn.close()
    assert result.applied.dataset_versions == {"divisions": 1, "gi": 1, "classifications": 1}


def test_the_window_records_a_version_the_data_already_are(qtbot, services, seed_path: Path,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    """The automatic update finds the seed's data published unchanged: it downloads nothing, records
    the version when idle, says the data are up to date, and Data & sync says the version was only
    recorded — no table of datasets at +0 / ~0 / −0."""
    from types import SimpleNamespace

    from ipdesk.services.settings import Settings
    from ipdesk.ui.sync_monitor import SyncMonitor
    from ipdesk.ui.sync_panel import SyncPanel
    from ipdesk.ui.tasks import TaskRunner

    key = generate_key(tmp_path / "k.key")
    source_db = tmp_path / "publisher.sqlite"
    shutil.copyfile(seed_path, source_db)
    Publisher(tmp_path / "repo", key).publish_from_database(source_db, ("divisions", "gi", "classifications"))
    services.sync.trusted_keys = [public_key_text(load_public_key_file(tmp_path / "k.key.pub"))]
    services.sync.default_key_file = tmp_path / "none.pub"
    shell = SimpleNamespace(settings=Settings(update_source=str(tmp_path / "repo"), auto_sync=True),
                            sync=services.sync, data_dir=services.data_dir)
    tasks = TaskRunner()
    monitor = SyncMonitor(shell, tasks, lang="zh_CN", is_idle=lambda: True)
    statuses: list[str] = []
    monitor.sig_status_changed.connect(statuses.append)
    with qtbot.waitSignal(monitor.sig_applied, timeout=20000) as blocker:
        monitor.check_now()
    assert blocker.args[0].applied.changes == () and blocker.args[0].downloaded_bytes == 0
    assert statuses[-1] == "数据已是最新（更新包第 1 版）"
    panel = SyncPanel(shell, tasks, "zh_CN")
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "已记为更新包第 1 版" in panel.status_label.text(), timeout=10000)
    assert "没有下载或更改任何记录" in panel.status_label.text()
    assert "（已是最新）" in panel.last_check_label.text()  # not "applied": nothing was
    assert not panel.changes.isVisibleTo(panel) and not panel.records.isVisibleTo(panel)
    tasks.wait_idle()


def test_the_command_line_says_the_data_were_already_that_version(  # type: ignore[no-untyped-def]
        capsys, seed_path: Path, tmp_path: Path) -> None:
    """`ipdesk sync` on a fresh data folder whose data the publisher published unchanged: no "v1 →
    v1 +0 ~0 -0" lines, the reason nothing was downloaded, and `--status` says the version was only recorded."""
    from ipdesk.cli import main

    key = generate_key(tmp_path / "k.key")
    source_db = tmp_path / "publisher.sqlite"
    shutil.copyfile(seed_path, source_db)
    Publisher(tmp_path / "repo", key).publish_from_database(source_db, ("divisions", "gi", "classifications"))
    data = tmp_path / "centre"
    data.mkdir()
    shutil.copyfile(seed_path, data / "ipdesk.sqlite")
    base = ["--data-dir", str(data), "--lang", "en", "sync", "--trusted-key", str(tmp_path / "k.key.pub")]
    assert main([*base, "--dir", str(tmp_path / "repo"), "--check"]) == 0
    out = capsys.readouterr().out
    assert "the same as update package version 1: nothing to download" in out and "v1 → v1" not in out
    assert main([*base, "--dir", str(tmp_path / "repo"), "--check", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["up_to_date"] and answer["plan"] == []
    assert answer["already_here"] == ["classifications", "divisions", "gi"]
    assert main([*base, "--dir", str(tmp_path / "repo")]) == 0
    out = capsys.readouterr().out
    assert "nothing to download" in out and "Updated to" not in out
    assert main(["--data-dir", str(data), "--lang", "en", "sync", "--status"]) == 0
    out = capsys.readouterr().out
    assert "Applied update package: version 1" in out and "nothing was downloaded or changed" in out
