"""A client that slept through several key rotations walks the publisher's key lists one version at a
time (`keys/<version>.json`, docs/sync.md "Rotation"), from a web server and from a USB stick alike;
a forged, missing or out-of-order list stops it before anything is kept or applied."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ipdesk.services.sync.errors import KeyListError, SignatureError
from ipdesk.services.sync.keylists import MAX_KEY_STEPS
from ipdesk.services.sync.manifest import (
    KeyList,
    key_id,
    load_private_key,
    public_key_text,
    sign,
    signature_key_ids,
    verify,
)
from ipdesk.services.sync.publisher import Publisher
from ipdesk.services.sync.state import load_state, read_applied
from tests.sync.conftest import V2_RECORDS, Folder, LoopbackServer, Repos, snapshot_state


@dataclass
class Site:
    location: str
    server: LoopbackServer | None  # None: a folder (USB stick)

    def fetched(self) -> list[str]:
        assert self.server is not None
        return [path for path, _range in self.server.state.requests]


@pytest.fixture(params=["http", "folder"])
def serve(request: pytest.FixtureRequest) -> Iterator[Callable[[Path], Site]]:
    """Offer a repository folder over the loopback server, or as the folder itself."""
    servers: list[LoopbackServer] = []

    def site(repo: Path) -> Site:
        if request.param == "folder":
            return Site(str(repo), None)
        servers.append(LoopbackServer(repo))
        return Site(servers[-1].url, servers[-1])

    yield site
    for srv in servers:
        srv.close()


def text(key: Ed25519PrivateKey) -> str:
    return public_key_text(key.public_key())


def rotate(repo: Path, old: Ed25519PrivateKey, new: Ed25519PrivateKey) -> None:
    """What `ipdesk publish --rotate-to` does: the next list, signed by the old and the new key, and
    the current manifest signed again by the new key alone."""
    publisher = Publisher(repo, old)
    publisher.write_keys([new], signer=old)
    publisher.resign_manifest(new)


def at_list_v1(folder: Folder, repos: Repos, repo: Path, location: str) -> str:
    """The folder synced from `repo` (a copy of the publisher's v1) while it had key list v1 only,
    so it knows list v1; returns the root's key id."""
    assert folder.client(repos).sync(location).applied is not None
    followed = load_state(folder.path).keysets
    assert list(followed.values()) == [{"version": 1, "keys": [repos.public_text()]}]
    return next(iter(followed))


def test_a_client_two_rotations_behind_follows_them_and_applies_an_update_signed_by_the_newest_key(
        folder: Folder, repos: Repos, tmp_path: Path, serve: Callable[[Path], Site]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    site = serve(repo)
    root = at_list_v1(folder, repos, repo, site.location)

    k1, k2, k3 = load_private_key(repos.key_file), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    rotate(repo, k1, k2)
    rotate(repo, k2, k3)
    Publisher(repo, k3).publish(V2_RECORDS)
    # every list is kept, the newest also as keys.json; the update is signed by the third key alone …
    assert (repo / "keys" / "1.json").exists() and (repo / "keys" / "2.json").exists()
    assert (repo / "keys" / "3.json").read_bytes() == (repo / "keys.json").read_bytes()
    assert signature_key_ids((repo / "manifest.json.sig").read_bytes()) == {key_id(k3.public_key())}
    # … and the newest list is not signed by the key this computer knows: only the walk gets there
    with pytest.raises(SignatureError):
        verify((repo / "keys.json").read_bytes(), (repo / "keys.json.sig").read_bytes(), [k1.public_key()])

    # a check walks the lists for itself and keeps nothing
    assert folder.client(repos).check(site.location).manifest.version == 2
    assert load_state(folder.path).keysets[root]["version"] == 1

    result = folder.client(repos).sync(site.location)
    assert result.applied is not None and result.applied.manifest_version == 2
    assert load_state(folder.path).keysets[root] == {"version": 3, "keys": [text(k3)]}
    if site.server is not None:
        assert "keys/2.json" in site.fetched() and "keys/2.json.sig" in site.fetched()


def test_a_forged_intermediate_list_is_refused_and_nothing_is_kept(
        folder: Folder, repos: Repos, tmp_path: Path, server: LoopbackServer) -> None:
    """List 2 signed by a key this computer never trusted (and list 3 and the manifest by keys it
    led to): refused at list 2, and neither the key lists nor the data change."""
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    server.state.root = repo
    root = at_list_v1(folder, repos, repo, server.url)
    keysets, data = load_state(folder.path).keysets, snapshot_state(folder.db_file)

    stranger, a2, a3 = load_private_key(repos.other_key_file), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    Publisher(repo, stranger).write_keys([a2], signer=stranger)
    rotate(repo, a2, a3)
    Publisher(repo, a3).publish(V2_RECORDS)

    with pytest.raises(KeyListError) as err:
        folder.client(repos).sync(server.url)
    assert "keys/2.json" in err.value.en and "version 1" in err.value.en and "forged" in err.value.en
    assert "keys/2.json" in err.value.zh and "第 1 版" in err.value.zh
    assert load_state(folder.path).keysets == keysets and keysets[root]["version"] == 1
    assert snapshot_state(folder.db_file) == data
    applied = read_applied(folder.db.engine)
    assert applied is not None and applied.manifest_version == 1


def test_a_missing_intermediate_list_says_what_to_do(
        folder: Folder, repos: Repos, tmp_path: Path, serve: Callable[[Path], Site]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    site = serve(repo)
    root = at_list_v1(folder, repos, repo, site.location)
    k1, k2, k3 = load_private_key(repos.key_file), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    rotate(repo, k1, k2)
    rotate(repo, k2, k3)
    Publisher(repo, k3).publish(V2_RECORDS)
    (repo / "keys" / "2.json").unlink()  # an upload that left out one file of the keys folder

    with pytest.raises(KeyListError) as err:
        folder.client(repos).sync(site.location)
    en, zh = err.value.en, err.value.zh
    assert "keys/2.json is missing" in en and "version 1" in en and "version 3" in en
    assert "keys folder" in en and "--trusted-key" in en and "Trusted publishers" in en
    assert "缺少密钥列表 keys/2.json" in zh and "keys 文件夹" in zh and "受信任的发布者" in zh
    assert load_state(folder.path).keysets[root]["version"] == 1
    applied = read_applied(folder.db.engine)
    assert applied is not None and applied.manifest_version == 1


def test_a_repository_made_before_the_history_was_kept_still_works(
        folder: Folder, repos: Repos, tmp_path: Path, server: LoopbackServer) -> None:
    """Only keys.json, no keys/ folder: a client one rotation behind follows it as before, and the
    next publish starts the history with the list it has."""
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    server.state.root = repo
    root = at_list_v1(folder, repos, repo, server.url)
    k1, k2, k3 = load_private_key(repos.key_file), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    rotate(repo, k1, k2)
    Publisher(repo, k2).publish(V2_RECORDS)
    shutil.rmtree(repo / "keys")
    old_keys_json = (repo / "keys.json").read_bytes()

    assert folder.client(repos).sync(server.url).applied is not None
    assert load_state(folder.path).keysets[root] == {"version": 2, "keys": [text(k2)]}

    rotate(repo, k2, k3)  # the publisher keeps the list it had as keys/2.json, then writes keys/3.json
    assert (repo / "keys" / "2.json").read_bytes() == old_keys_json
    assert (repo / "keys" / "3.json").read_bytes() == (repo / "keys.json").read_bytes()
    assert folder.client(repos).sync(server.url).applied is None  # up to date, through the new key
    assert load_state(folder.path).keysets[root] == {"version": 3, "keys": [text(k3)]}


def test_a_computer_set_up_from_an_older_release_starts_at_the_list_its_bundled_key_signed(
        folder: Folder, repos: Repos, tmp_path: Path) -> None:
    """Its bundled key is the second of four: it takes list 2 (which that key signed) and walks on."""
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    keys = [load_private_key(repos.key_file), *(Ed25519PrivateKey.generate() for _ in range(3))]
    for old, new in itertools.pairwise(keys):
        rotate(repo, old, new)
    Publisher(repo, keys[3]).publish(V2_RECORDS)

    client = folder.client(repos, trusted_keys=[text(keys[1])])
    assert client.sync(str(repo)).applied is not None
    assert load_state(folder.path).keysets == {key_id(keys[1].public_key()): {"version": 4, "keys": [text(keys[3])]}}


def test_a_list_with_the_wrong_version_is_refused(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    """keys/2.json that is list 1 again (validly signed): versions must follow one another."""
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    at_list_v1(folder, repos, repo, str(repo))
    k1, k2, k3 = load_private_key(repos.key_file), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    rotate(repo, k1, k2)
    rotate(repo, k2, k3)
    for suffix in ("", ".sig"):
        shutil.copyfile(repo / "keys" / f"1.json{suffix}", repo / "keys" / f"2.json{suffix}")

    with pytest.raises(KeyListError, match=r"keys/2\.json has the wrong version"):
        folder.client(repos).sync(str(repo))


def test_too_many_rotations_to_walk_are_refused_with_what_to_do(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    root = at_list_v1(folder, repos, repo, str(repo))
    keys = [load_private_key(repos.key_file), *(Ed25519PrivateKey.generate() for _ in range(MAX_KEY_STEPS + 1))]
    for old, new in itertools.pairwise(keys):
        rotate(repo, old, new)

    with pytest.raises(KeyListError) as err:
        folder.client(repos).sync(str(repo))
    assert f"more than {MAX_KEY_STEPS} versions apart" in err.value.en and "--trusted-key" in err.value.en
    assert load_state(folder.path).keysets[root]["version"] == 1


def write_list(repo: Path, version: int, keys: list[Ed25519PrivateKey], signers: list[Ed25519PrivateKey]) -> None:
    """A key list signed by exactly `signers`, as the newest (keys.json) and in the history."""
    body = KeyList(version, tuple(text(k) for k in keys)).to_bytes()
    for path in (repo / "keys.json", repo / "keys" / f"{version}.json"):
        path.write_bytes(body)
        path.with_name(path.name + ".sig").write_bytes(sign(body, signers))
    Publisher(repo, keys[0]).resign_manifest(keys[0])


def test_a_retired_key_cannot_sign_past_the_list_that_retired_it(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    """List 2 retired the first key; a list 3 signed by that key (and a key of its own) is refused,
    though the first key is the one this computer knows: list 3 must be signed by list 2's key."""
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    root = at_list_v1(folder, repos, repo, str(repo))
    k1, k2, thief = load_private_key(repos.key_file), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    rotate(repo, k1, k2)
    write_list(repo, 3, [thief], [k1, thief])

    with pytest.raises(KeyListError, match=r"keys\.json is not signed by a key of the previous key list this "
                                           r"computer knows \(version 2\)"):
        folder.client(repos).sync(str(repo))
    assert load_state(folder.path).keysets[root]["version"] == 1


def test_a_list_its_own_keys_did_not_sign_is_refused(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    """Signed by the old key only: nobody showed they hold the new one (a list naming a key nobody
    can sign with would leave every kiosk that followed it unable to verify an update)."""
    repo = tmp_path / "repo"
    shutil.copytree(repos.v1, repo)
    root = at_list_v1(folder, repos, repo, str(repo))
    k1, k2 = load_private_key(repos.key_file), Ed25519PrivateKey.generate()
    write_list(repo, 2, [k2], [k1])

    with pytest.raises(KeyListError, match="not signed by any of the keys it lists"):
        folder.client(repos).sync(str(repo))
    assert load_state(folder.path).keysets[root]["version"] == 1
