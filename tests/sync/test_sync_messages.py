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


# --- item 8: a source as typed, pasted or written by an installer ------------------------------

@pytest.mark.parametrize("typed", [
    "{url} ", " {url}", "'{url}'", '"{url}"', "{bare}", "http//{bare}", "HTTP://{bare}", "{url}manifest.json",
])
def test_a_typed_address_is_cleaned_up(at_v1: Folder, repos: Repos, server: LoopbackServer, typed: str) -> None:
    bare = server.url.removeprefix("http://")
    result = at_v1.client(repos).check(typed.format(url=server.url, bare=bare))
    assert result.source == server.url and result.manifest.version == 2


def test_a_folder_in_quotes_from_copy_as_path(at_v1: Folder, repos: Repos) -> None:
    assert at_v1.client(repos).check(f'"{repos.v2}"\n').manifest.version == 2
    assert at_v1.client(repos).check(str(repos.v2 / "manifest.json")).manifest.version == 2


def test_a_host_name_without_http_is_not_taken_for_a_usb_folder() -> None:
    from ipdesk.services.sync.client import make_source

    with pytest.raises(DownloadError) as err:
        make_source("updates.example.cn/ipdesk")
    assert "http://updates.example.cn/ipdesk" in err.value.zh and "web address" in err.value.en


def test_https_to_a_plain_http_server_is_not_a_certificate_problem(at_v1: Folder, repos: Repos,
                                                                    server: LoopbackServer) -> None:
    https = "https://" + server.url.removeprefix("http://")
    with pytest.raises(DownloadError) as err:
        at_v1.client(repos).check(https)
    assert "普通的 http 服务器" in err.value.zh and server.url in err.value.zh
    assert "certificate" not in err.value.en
