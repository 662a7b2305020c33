"""Publishing the real seed datasets (divisions, GIs, classifications) and applying changes to them:
township renames reach the place index (and the subtitles of places below), GI areas move with
their GI, a deleted class node leaves the index, and unchanged rows are not rewritten."""

from __future__ import annotations

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
    first = services.sync.sync(str(repo))
    assert first.applied is not None
    # the same data as the seed: every dataset moves to sync v1 without rewriting a single row
    assert all((c.added, c.updated, c.deleted) == (0, 0, 0) for c in first.applied.changes)
    assert {c.dataset for c in first.applied.changes} == {"divisions", "gi", "classifications"}
    assert snapshot_state(services.db.path)[2] == before[2]

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
