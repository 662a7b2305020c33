"""Two trusted publishers (docs/sync.md, "Changing publishers"): package versions are compared only
within one publisher's lineage (the trusted root key recorded with the applied manifest). Another
publisher's repository is refused with its real cause, never applied silently in either direction,
and taken only by a deliberate switch, which cannot roll back the same publisher nor admit a
retired key. Real repositories on disk, served from a folder and over loopback http."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ipdesk.cli import main
from ipdesk.services.db import open_database
from ipdesk.services.sync.client import SyncService
from ipdesk.services.sync.errors import PublisherChangedError, RollbackError, SignatureError
from ipdesk.services.sync.manifest import (
    generate_key,
    key_id,
    load_private_key,
    load_public_key_file,
    public_key_text,
    sign,
)
from ipdesk.services.sync.publisher import Publisher
from ipdesk.services.sync.state import read_applied
from tests.sync.conftest import (
    FAST,
    SMALL_V1,
    SMALL_V2,
    Folder,
    LoopbackServer,
    Repos,
    add_local_records,
    assert_index_consistent,
    rotated_repo,
    snapshot_state,
)


def second_publisher(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Publisher B: its own key, its package 1 (and 2), made *after* publisher A's packages, so that
    by the numbers alone B's package 1 looks like a rollback signed later. Returns (repo v1, repo v2, .pub)."""
    key = generate_key(tmp_path / "second.key")
    work = tmp_path / "b-work"
    pub = Publisher(work, key)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    pub.publish(SMALL_V1, now=now - dt.timedelta(minutes=30))
    shutil.copytree(work, tmp_path / "b-v1")
    pub.publish(SMALL_V2, now=now - dt.timedelta(minutes=20))
    shutil.copytree(work, tmp_path / "b-v2")
    return tmp_path / "b-v1", tmp_path / "b-v2", tmp_path / "second.key.pub"


def both(folder: Folder, repos: Repos, b_pub: Path) -> SyncService:
    """A centre that trusts both publishers (A as its usual one, B added in Settings)."""
    return folder.client(repos, trusted_keys=[repos.public_text(), public_key_text(load_public_key_file(b_pub))])


def kid(pub: Path) -> str:
    return key_id(load_public_key_file(pub))


def reference_state(tmp_path: Path, tiny_seed: Path, repo: Path, pub: Path) -> tuple[str, str, str]:
    """What a centre that only ever synced from `repo` holds."""
    path = tmp_path / "reference"
    db = open_database(path, seed=tiny_seed)
    add_local_records(db)
    SyncService(db.engine, path, default_key_file=pub, policy=FAST).sync(str(repo))
    db.close()
    return snapshot_state(path / "ipdesk.sqlite")


def test_another_publishers_repository_is_refused_by_its_cause_and_switched_to_on_purpose(
        at_v1: Folder, repos: Repos, server: LoopbackServer, tmp_path: Path, tiny_seed: Path) -> None:
    b_v1, _b_v2, b_pub = second_publisher(tmp_path)
    client = both(at_v1, repos, b_pub)
    assert client.sync(server.url).applied is not None  # publisher A's package 2, over http
    a_state = snapshot_state(at_v1.db_file)
    applied = read_applied(at_v1.db.engine)
    assert applied is not None and applied.publisher_key == kid(repos.pub_file)

    # B's package 1 from a USB folder and over http: refused, naming both keys and the way to switch
    server.state.root = b_v1
    for location in (str(b_v1), server.url):
        for attempt in (client.check, client.sync):
            with pytest.raises(PublisherChangedError) as err:
                attempt(location)
            assert kid(b_pub) in err.value.zh and kid(repos.pub_file) in err.value.zh
            assert "另一个发布者" in err.value.zh and "旧版本" not in err.value.zh
            assert "--switch-publisher" in err.value.zh and "--switch-publisher" in err.value.en
            assert "another publisher" in err.value.en and "nothing was changed" in err.value.en
            assert (err.value.key_id, err.value.previous_key_id) == (kid(b_pub), kid(repos.pub_file))
    assert snapshot_state(at_v1.db_file) == a_state

    # the switch asked for: a check plans every dataset as a snapshot, and the sync applies B's data
    check = client.check(server.url, switch_publisher=True)
    assert check.switched_from == kid(repos.pub_file)
    assert {p.method for p in check.plan} == {"snapshot"} and len(check.plan) == 2
    result = client.sync(server.url, switch_publisher=True)
    assert result.applied is not None
    assert snapshot_state(at_v1.db_file) == reference_state(tmp_path, tiny_seed, b_v1, b_pub)
    assert_index_consistent(at_v1.db_file)
    applied = read_applied(at_v1.db.engine)
    assert applied is not None and (applied.manifest_version, applied.publisher_key) == (1, kid(b_pub))
    assert applied.dataset_versions == {"patents": 1, "trademarks": 1}  # A's lineage forgotten

    # A's package 2 has the higher number, but it is not B's lineage: never applied silently either
    b_state = snapshot_state(at_v1.db_file)
    with pytest.raises(PublisherChangedError):
        client.sync(str(repos.v2))
    assert snapshot_state(at_v1.db_file) == b_state
    # B's next package comes as usual (a delta of B's own lineage)
    result = client.sync(str(tmp_path / "b-v2"))
    assert result.applied is not None and {c.method for c in result.applied.changes} == {"delta"}


def test_a_switch_never_rolls_back_the_same_publisher(folder: Folder, repos: Repos, server: LoopbackServer,
                                                      tmp_path: Path) -> None:
    client = folder.client(repos)
    client.sync(str(repos.v2))
    before = snapshot_state(folder.db_file)
    # an older copy (an old USB stick) stays "nothing to do", switch or not
    result = client.sync(str(repos.v1), switch_publisher=True)
    assert result.applied is None and result.check.note[0] and not result.check.switched_from
    # package 1 signed again after package 2 by the same publisher: still a rollback, switch or not
    repo = tmp_path / "resigned"
    shutil.copytree(repos.v1, repo)
    raw = json.loads((repo / "manifest.json").read_bytes())
    raw["created"] = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    (repo / "manifest.json").write_bytes(body)
    (repo / "manifest.json.sig").write_bytes(sign(body, [load_private_key(repos.key_file)]))
    server.state.root = repo
    for switch in (False, True):
        with pytest.raises(RollbackError, match="older version") as err:
            client.sync(server.url, switch_publisher=switch)
        assert not isinstance(err.value, PublisherChangedError) and not err.value.switchable
    assert snapshot_state(folder.db_file) == before


def test_a_retired_key_cannot_switch_a_centre_back(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    """A rotated from its first key to a new one; a repository still signed by the first key (the old
    package 1, or whatever a thief of that key signs) is not trusted, so no switch can take it."""
    repo, new = rotated_repo(repos, tmp_path)
    official = SyncService(folder.db.engine, folder.path, default_key_file=repos.pub_file, policy=FAST)
    assert official.sync(str(repo)).applied is not None  # follows the rotation; same lineage (the root key)
    applied = read_applied(folder.db.engine)
    assert applied is not None and applied.publisher_key == key_id(new.public_key())
    assert applied.publisher_root == kid(repos.pub_file)
    before = snapshot_state(folder.db_file)
    for location in (str(repos.v1), str(repos.v2)):
        with pytest.raises(SignatureError):
            official.sync(location, switch_publisher=True)
    assert snapshot_state(folder.db_file) == before


def test_an_update_applied_before_publishers_were_recorded_says_how_to_switch(
        at_v1: Folder, repos: Repos, tmp_path: Path) -> None:
    b_v1, _b_v2, b_pub = second_publisher(tmp_path)
    client = both(at_v1, repos, b_pub)
    client.sync(str(repos.v2))
    with at_v1.db.engine.begin() as conn:  # as an older ipdesk left it
        conn.exec_driver_sql("DELETE FROM sync_meta WHERE key IN ('publisher_root', 'publisher_key')")
    with pytest.raises(RollbackError) as err:
        client.sync(str(b_v1))
    assert err.value.switchable and kid(b_pub) in err.value.zh and "--switch-publisher" in err.value.zh
    assert "旧版本（1，本机已是 2）" in err.value.zh
    assert client.sync(str(b_v1), switch_publisher=True).applied is not None
    assert read_applied(at_v1.db.engine).publisher_key == kid(b_pub)  # type: ignore[union-attr]


def test_cli_switch_publisher(at_v1: Folder, repos: Repos, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b_v1, _b_v2, b_pub = second_publisher(tmp_path)
    at_v1.client(repos).sync(str(repos.v2))
    at_v1.db.close()
    a_key = ("--trusted-key", str(repos.pub_file))
    b_key = ("--trusted-key", str(b_pub))

    def run(*args: str, lang: str = "zh_CN") -> tuple[int, str]:
        code = main(["--data-dir", str(at_v1.path), "--lang", lang, "sync", *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    code, out = run("--dir", str(b_v1), *a_key, *b_key)
    assert code == 6 and "另一个发布者" in out and kid(b_pub) in out and "ipdesk sync --switch-publisher" in out
    code, out = run("--dir", str(b_v1), *a_key, *b_key, "--json")
    assert code == 6 and json.loads(out)["error"] == "publisher_changed"
    code, out = run("--check", "--dir", str(b_v1), *a_key, *b_key, "--switch-publisher")
    assert code == 0 and f"将改用密钥 {kid(b_pub)} 的发布者" in out and "完整快照" in out
    code, out = run("--dir", str(b_v1), *a_key, *b_key, "--switch-publisher", lang="en")
    assert code == 0 and f"Switched to the publisher of key {kid(b_pub)}" in out
    code, out = run("--status")
    assert f"发布者密钥：{kid(b_pub)}" in out
    assert json.loads(run("--status", "--json")[1])["publisher_key"] == kid(b_pub)


def test_a_switch_confirmed_for_one_key_takes_that_key_only(at_v1: Folder, repos: Repos, tmp_path: Path) -> None:
    """The window's Yes names the publisher key it was given for: a manifest signed by another key is
    refused as before."""
    b_v1, _b_v2, b_pub = second_publisher(tmp_path)
    sync = both(at_v1, repos, b_pub)
    with pytest.raises(PublisherChangedError):
        sync.check(str(b_v1), switch_publisher="0123456789abcdef")
    assert sync.check(str(b_v1), switch_publisher=kid(b_pub)).switched_from
