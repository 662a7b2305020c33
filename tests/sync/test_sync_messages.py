"""What a person reads when a sync cannot go on: the cause in plain words and the next step
(docs/sync.md, "Messages")."""

from __future__ import annotations

import pytest

from ipdesk.services.sync.errors import DownloadError
from tests.sync.conftest import Folder, LoopbackServer, Repos


# --- item 7: an address the server answers "not here" or "forbidden" to --------------------------

def test_a_wrong_path_says_no_update_at_this_address(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    with pytest.raises(DownloadError) as err:
        at_v1.client(repos).check(server.url + "repoo/")
    assert "在这个网址下找不到更新（HTTP 404）" in err.value.zh and "manifest.json 的文件夹地址" in err.value.zh
    assert "No update was found at this address (HTTP 404)" in err.value.en
    assert "next sync" not in err.value.en


def test_a_forbidden_manifest_says_access_refused(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    server.state.add_fault("manifest.json", "403", times=None)
    with pytest.raises(DownloadError) as err:
        at_v1.client(repos).check(server.url)
    assert "服务器拒绝访问（HTTP 403）" in err.value.zh and "refused access (HTTP 403)" in err.value.en
    assert "next sync" not in err.value.en


def test_a_forbidden_object_says_access_refused(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    server.state.add_fault("objects/*", "403", times=None)
    with pytest.raises(DownloadError) as err:
        at_v1.client(repos).sync(server.url)
    assert "服务器拒绝访问（HTTP 403）" in err.value.zh and "objects/" in err.value.zh
