"""Whose key lists a client follows (docs/sync.md, "Keys"): each list belongs to the root key it
started from; a key trusted for one run, or a check, never displaces the bundled publisher key."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ipdesk.services.sync.client import SyncService
from ipdesk.services.sync.errors import PublisherChangedError, SignatureError
from ipdesk.services.sync.manifest import generate_key, public_key_text
from ipdesk.services.sync.publisher import Publisher
from ipdesk.services.sync.state import load_state, state_path
from tests.sync.conftest import FAST, SMALL_V1, Folder, LoopbackServer, Repos, rotated_repo


def official(folder: Folder, repos: Repos, **kwargs: object) -> SyncService:
    """A client that trusts only the bundled key (stood in for by the fixture's publisher key)."""
    return SyncService(folder.db.engine, folder.path, default_key_file=repos.pub_file, policy=FAST,
                       **kwargs)  # type: ignore[arg-type]


def private_repo(tmp_path: Path) -> tuple[Path, Path]:
    """Another publisher that rotated its key: keys.json v5 (signed by its old and its new key)
    lists the new key, and the manifest is signed by the new key. Returns (repo, new key's .pub)."""
    repo = tmp_path / "private"
    old = generate_key(tmp_path / "priv1.key")
    new = generate_key(tmp_path / "priv2.key")
    repo.mkdir()
    Publisher(repo, old).write_keys([new], signer=old, version=5)
    Publisher(repo, new).publish(SMALL_V1, now=dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=1))
    return repo, tmp_path / "priv2.key.pub"


def test_a_private_repository_never_displaces_the_bundled_key(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    from ipdesk.services.sync.manifest import load_public_key_file

    repo, pub = private_repo(tmp_path)
    private_key = load_public_key_file(pub)
    assert official(folder, repos).check(str(repos.v2)).manifest.version == 2
    # the QA scenario: `sync --check --dir private --trusted-key priv2.pub`, then the official source again
    assert official(folder, repos).check(str(repo), extra_keys=[private_key]).manifest.version == 1
    assert official(folder, repos).check(str(repos.v2)).manifest.version == 2
    # even a full sync from the private source keeps the bundled key's own list: the bundled key still
    # verifies the official manifest (which is then another publisher's than the data here: switched to
    # on purpose only, docs/sync.md "Changing publishers")
    assert official(folder, repos).sync(str(repo), extra_keys=[private_key]).applied is not None
    with pytest.raises(PublisherChangedError):
        official(folder, repos).check(str(repos.v2))
    assert official(folder, repos).check(str(repos.v2), switch_publisher=True).manifest.version == 2
    # and the private key was trusted for that run only
    with pytest.raises(SignatureError):
        official(folder, repos).check(str(repo))


def test_a_key_list_left_by_an_older_version_does_not_displace_the_bundled_key(
        folder: Folder, repos: Repos, tmp_path: Path) -> None:
    _repo, pub = private_repo(tmp_path)
    path = state_path(folder.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"keyset_version": 5, "keyset": [pub.read_text().strip()]}), encoding="utf-8")
    assert official(folder, repos).check(str(repos.v2)).manifest.version == 2


def test_a_check_persists_no_key_change_and_a_sync_follows_the_rotation(
        folder: Folder, repos: Repos, tmp_path: Path) -> None:
    repo, new = rotated_repo(repos, tmp_path)
    new_key = public_key_text(new.public_key())
    assert official(folder, repos).check(str(repo)).manifest.version == 2  # the new key is used for the check
    state = load_state(folder.path)
    assert state.keysets == {} and state.keyset == []  # … and not kept
    # the old key still verifies the publisher's older manifest after a mere check
    assert official(folder, repos).check(str(repos.v2)).manifest.version == 2

    assert official(folder, repos).sync(str(repo)).applied is not None
    followed = load_state(folder.path).keysets
    assert [v["keys"] for v in followed.values()] == [[new_key]]
    # the bundled key's list now holds only the new key: a manifest signed by the old key alone is refused
    with pytest.raises(SignatureError):
        official(folder, repos).check(str(repos.v2))


def test_a_cancelled_check_stops_and_records_nothing(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    """'Check now' then Cancel: the service stops after the file it is fetching and leaves the last
    check's record as it was (not an error)."""
    import json

    from ipdesk.services.sync.errors import SyncCancelledError

    class Cancelled:
        cancelled = True

    state_file = at_v1.path / "sync" / "state.json"
    before = state_file.read_text(encoding="utf-8") if state_file.exists() else ""
    with pytest.raises(SyncCancelledError):
        at_v1.client(repos).check(server.url, cancel=Cancelled())
    after = state_file.read_text(encoding="utf-8") if state_file.exists() else ""
    assert json.loads(after or "{}").get("outcome") != "error"
    assert after == before or json.loads(after).get("outcome") == json.loads(before or "{}").get("outcome")
    assert at_v1.client(repos).check(server.url).manifest.version >= 1  # and the next check works
