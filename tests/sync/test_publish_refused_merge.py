"""A refused `ipdesk publish --from FILES` leaves the publisher's data folder exactly as it was: the
refusals that do not depend on the files (another publish holding the repository, a key the
repository does not list) come before the merge, and those that do (published changes undone) roll
the merge back, as does a repository that cannot be written. A publish that goes through still
merges. Real data folders (the tiny schema-only store, real SQLite files), real repositories on disk,
the real command-line entry point."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.sync.test_publish_cli import new_folder, run
from tests.sync.test_publish_operator import _csv, _key, _pub_nos


def _tables(db: Path) -> dict[str, tuple[int, str]]:
    """Every table of the database: its row count and a digest of its rows (the search index's FTS
    tables by their shadow tables, which hold their content)."""
    out: dict[str, tuple[int, str]] = {}
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        for name in names:
            rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{name}"'))
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


@pytest.fixture
def published(tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]
              ) -> tuple[Path, Path, Path, tuple[str, ...]]:
    """A publisher's data folder still at data v1 (patents 1–6) while the repository is at data v2,
    published from a database rebuilt elsewhere (1 and 2 withdrawn, 3 revised): the routine publish
    from the data folder would undo v2."""
    titles = {n: f"合成测试种植方法{n}" for n in range(1, 7)}
    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者")
    assert run(capsys, pub, *publish, "--from", str(_csv(tmp_path / "v1.csv", titles)))[0] == 0
    revised = {n: t for n, t in titles.items() if n > 2} | {3: "合成测试种植方法3（修订）"}
    rebuilt = new_folder(tmp_path / "rebuilt", tiny_seed)
    assert run(capsys, rebuilt, "import", str(_csv(tmp_path / "v2.csv", revised)))[0] == 0
    assert run(capsys, pub, *publish, "--from", str(rebuilt / "ipdesk.sqlite"))[0] == 0
    return pub, key, repo, publish


def test_a_revert_refused_after_from_files_leaves_the_data_folder_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        published: tuple[Path, Path, Path, tuple[str, ...]]) -> None:
    pub, _key_file, repo, publish = published
    before, manifest = _tables(pub / "ipdesk.sqlite"), (repo / "manifest.json").read_bytes()
    new = _csv(tmp_path / "p7.csv", {7: "合成测试种植方法7", 3: "合成测试种植方法3（再修订）"})
    code, out, err = run(capsys, pub, *publish, "--from", str(new))
    assert code == 6 and "would come back (CN888000001A" in err, out + err
    assert "Merged the import files" not in out
    assert _tables(pub / "ipdesk.sqlite") == before  # neither record 7 nor the new title 3 merged
    assert "CN888000007A" not in _pub_nos(pub)
    assert (repo / "manifest.json").read_bytes() == manifest
    # with --replace (the complete list) the same kind of file publishes, and merges
    full = {n: f"合成测试种植方法{n}" for n in range(3, 8)} | {3: "合成测试种植方法3（修订）"}
    code, out, err = run(capsys, pub, *publish, "--from", str(_csv(tmp_path / "full.csv", full)), "--replace")
    assert code == 0, out + err
    assert "Merged the import files: Patents" in out and "Patents: data v3, 1 added" in out, out
    assert _pub_nos(pub) == {f"CN88800{n:04d}A" for n in full}
    with sqlite3.connect(pub / "ipdesk.sqlite") as conn:
        assert conn.execute("SELECT title FROM patent WHERE pub_no = 'CN888000003A'").fetchone() == (
            "合成测试种植方法3（修订）",)
        assert conn.execute("SELECT count(*) FROM search_doc WHERE kind = 'patent'").fetchone() == (5,)


def test_a_busy_repository_or_an_unlisted_key_refuses_before_the_merge(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from filelock import FileLock

    from tests.sync.test_publish_counts import patents_csv

    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--name", "合成测试发布者")
    assert run(capsys, pub, *publish, "--key", str(key), "--from",
               str(patents_csv(tmp_path / "v1.csv", range(1, 4))))[0] == 0
    before = _tables(pub / "ipdesk.sqlite")
    more = patents_csv(tmp_path / "more.csv", range(1, 6))

    with FileLock(str(repo / ".publish.lock")):  # another publish is writing
        code, out, err = run(capsys, pub, *publish, "--key", str(key), "--from", str(more))
    assert code == 6 and f"Another publish is writing to {repo}" in err, out + err
    assert _tables(pub / "ipdesk.sqlite") == before

    # a key this repository never listed (another publisher's repository, or the wrong --key)
    other = _key(tmp_path, capsys, pub, "other.key")
    code, out, err = run(capsys, pub, *publish, "--key", str(other), "--from", str(more))
    assert code == 6 and "never included your key" in err, out + err
    assert _tables(pub / "ipdesk.sqlite") == before

    # the same files with the right key: merged and published
    code, out, err = run(capsys, pub, *publish, "--key", str(key), "--from", str(more))
    assert code == 0 and "Patents: data v2, 2 added" in out, out + err
    assert _pub_nos(pub) == {f"CN88800{n:04d}A" for n in range(1, 6)}
    assert _tables(pub / "ipdesk.sqlite") != before


def test_a_repository_that_cannot_be_written_rolls_the_merge_back(
        tmp_path: Path, tiny_seed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.sync.test_publish_counts import patents_csv
    from tests.sync.test_publish_operator import _disk_full_after

    pub = new_folder(tmp_path / "pub", tiny_seed)
    key = _key(tmp_path, capsys, pub)
    repo = tmp_path / "repo"
    publish = ("publish", "--out", str(repo), "--key", str(key), "--name", "合成测试发布者")
    assert run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "v1.csv", range(1, 4))))[0] == 0
    before = _tables(pub / "ipdesk.sqlite")
    with monkeypatch.context() as m:
        _disk_full_after(m, "_atomic_write", 1)  # the history: the objects were written, then removed
        code, out, err = run(capsys, pub, *publish, "--from", str(patents_csv(tmp_path / "v2.csv", range(1, 6))))
    assert code == 6 and "disk is full" in err, out + err
    assert _tables(pub / "ipdesk.sqlite") == before
