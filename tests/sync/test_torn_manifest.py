"""manifest.json and its signature from two publishes side by side (QA 20c N8): a publish between its
two writes, an upload in progress, a cache holding one of them. The pair is fetched once more, past
the caches, before the source is called altered; if it still does not verify, the message says the
files may come from two publishes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ipdesk.services.sync.errors import SignatureError
from ipdesk.services.sync.state import load_state
from tests.sync import conftest
from tests.sync.conftest import FAST, Folder, LoopbackServer, Repos

QUICK = replace(FAST, refetch_delay=0.05)


@pytest.fixture
def torn(repos: Repos, tmp_path: Path) -> Path:
    """Package 2's files with package 1's manifest.json beside package 2's signature (a publish killed
    between its two writes, or manifest.json uploaded last and not yet), and package 2's manifest kept
    as new-manifest.json."""
    repo = tmp_path / "torn"
    shutil.copytree(repos.v2, repo)
    shutil.copy(repo / "manifest.json", repo / "new-manifest.json")
    shutil.copy(repos.v1 / "manifest.json", repo / "manifest.json")
    return repo


@pytest.fixture
def headers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str | None]]]:
    """Each request's path and Cache-Control header, as the loopback server received them; a path in
    the server's `swap` whose name is in `once` is swapped for its first request only."""
    seen: list[tuple[str, str | None]] = []
    original = conftest._Handler.do_GET

    def do_get(self: Any) -> None:
        path = self.path.lstrip("/")
        seen.append((path, self.headers.get("Cache-Control")))
        original(self)
        if path in getattr(self.server.state, "once", ()):
            self.server.state.swap.pop(path, None)

    monkeypatch.setattr(conftest._Handler, "do_GET", do_get)
    yield seen


def test_a_torn_pair_is_fetched_again_and_the_message_says_two_publishes(
        folder: Folder, repos: Repos, torn: Path, headers: list[tuple[str, str | None]]) -> None:
    srv = LoopbackServer(torn)
    try:
        with pytest.raises(SignatureError) as caught:
            folder.client(repos, policy=QUICK).check(srv.url)
    finally:
        srv.close()
    manifests = [h for h in headers if h[0] == "manifest.json"]
    sigs = [h for h in headers if h[0] == "manifest.json.sig"]
    assert len(manifests) == 2 and len(sigs) == 2  # the pair once more before giving up
    small = [h for h in headers if not h[0].startswith("objects/")]
    assert small and all(h[1] == "no-cache" for h in small)  # never an old copy from a cache
    zh, en = caught.value.zh, caught.value.en
    assert "重新下载后仍是如此" in zh and "两次不同的发布" in zh and "缓存" in zh and "改动过或已损坏" in zh
    assert "two different publishes" in en and "cache" in en and "altered or damaged" in en
    assert "Nothing was changed" in en
    assert load_state(folder.path).message_en == en


def test_a_pair_torn_only_for_a_moment_is_taken(folder: Folder, repos: Repos, torn: Path,
                                                headers: list[tuple[str, str | None]]) -> None:
    """The publish (or the upload, or the cache) caught up by the second fetch: no error at all."""
    shutil.copy(torn / "manifest.json", torn / "old-manifest.json")
    shutil.copy(torn / "new-manifest.json", torn / "manifest.json")  # the repository as published
    srv = LoopbackServer(torn)
    srv.state.swap["manifest.json"] = "old-manifest.json"  # … but the first answer is the old manifest
    srv.state.once = {"manifest.json"}  # type: ignore[attr-defined]
    try:
        result = folder.client(repos, policy=QUICK).sync(srv.url)
    finally:
        srv.close()
    assert result.applied is not None and result.check.manifest.version == 2
    assert [h[0] for h in headers].count("manifest.json") == 2


def test_a_torn_folder_says_two_publishes_too(folder: Folder, repos: Repos, torn: Path) -> None:
    """A folder being published into (a network share, a stick updated in place) reads the same."""
    with pytest.raises(SignatureError, match="two different publishes"):
        folder.client(repos, policy=QUICK).check(str(torn))
