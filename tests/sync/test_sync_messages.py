"""What a person reads when a sync cannot go on: the cause in plain words and the next step
(docs/sync.md, "Messages")."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

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


@pytest.mark.parametrize("typed", ["http://", "http://:80/", "http://[::1", "http://host:abc/", "http://host:99999/",
                                   "https://exa mple.com/ipdesk/"])
def test_a_malformed_address_is_said_to_be_wrong_not_tried_again_later(at_v1: Folder, repos: Repos,
                                                                       typed: str) -> None:
    """An address no server can have failed as "could not download, will go on next time", which never comes."""
    from ipdesk.services.sync.client import malformed_web_address
    from ipdesk.services.sync.errors import SyncError

    assert malformed_web_address(typed)
    with pytest.raises(SyncError) as err:
        at_v1.client(repos).check(typed)
    assert not isinstance(err.value, DownloadError)  # not a passing fault: the address itself is wrong
    assert "更新来源的网址格式不对" in err.value.zh and "下次" not in err.value.zh
    assert "not well formed" in err.value.en


@pytest.mark.parametrize("typed", ["http://127.0.0.1:8080/ipdesk/", "https://例子.中国/ipdesk/", "http://[::1]:80/",
                                   "updates.example.cn:8080/ipdesk", "D:\\ipdesk-updates", "/media/stick"])
def test_well_formed_addresses_and_folders_are_not_called_malformed(typed: str) -> None:
    from ipdesk.services.sync.client import malformed_web_address

    assert not malformed_web_address(typed)


def test_https_to_a_plain_http_server_is_not_a_certificate_problem(at_v1: Folder, repos: Repos,
                                                                    server: LoopbackServer) -> None:
    https = "https://" + server.url.removeprefix("http://")
    with pytest.raises(DownloadError) as err:
        at_v1.client(repos).check(https)
    assert "普通的 http 服务器" in err.value.zh and server.url in err.value.zh
    assert "certificate" not in err.value.en


# --- item 9: a half-copied USB stick, or the stick's root chosen ---------------------------------

def _largest_object(repo: Path) -> Path:
    """The largest object a fresh folder needs (a snapshot)."""
    from ipdesk.services.sync.manifest import Manifest

    manifest = Manifest.from_bytes((repo / "manifest.json").read_bytes())
    ref = max((e.snapshot for e in manifest.datasets.values()), key=lambda r: r.size)
    return repo / "objects" / ref.sha256


def test_a_half_copied_stick_names_the_file_and_says_copy_again(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    from ipdesk.services.sync.errors import ObjectIntegrityError
    from tests.sync.conftest import snapshot_state

    stick = tmp_path / "usb" / "ipdesk 更新库"
    shutil.copytree(repos.v2, stick)
    obj = _largest_object(stick)
    size = obj.stat().st_size
    obj.write_bytes(obj.read_bytes()[: size // 2])
    before = snapshot_state(folder.db_file)
    with pytest.raises(ObjectIntegrityError) as checked:  # the check says so (QA: it answered "有更新")
        folder.client(repos).check(str(stick))
    with pytest.raises(ObjectIntegrityError) as err:
        folder.client(repos).sync(str(stick))
    assert checked.value.zh == err.value.zh
    assert f"objects/{obj.name[:12]}…" in err.value.zh and "不完整" in err.value.zh
    assert "重新完整复制更新文件夹" in err.value.zh and "again completely" in err.value.en
    half_zh = f"{size // 2} 字节" if size // 2 < 1024 else f"{size // 2 / 1024:.1f} KB"
    assert half_zh in err.value.zh
    assert snapshot_state(folder.db_file) == before
    assert not list((folder.path / "sync" / "objects").glob("*.part"))


def test_a_damaged_file_on_the_stick_says_copy_again(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    from ipdesk.services.sync.errors import ObjectIntegrityError

    stick = tmp_path / "usb"
    shutil.copytree(repos.v2, stick)
    obj = _largest_object(stick)
    data = bytearray(obj.read_bytes())
    data[len(data) // 2] ^= 0x10
    obj.write_bytes(bytes(data))
    with pytest.raises(ObjectIntegrityError) as err:
        folder.client(repos).sync(str(stick))
    assert "已损坏" in err.value.zh and f"objects/{obj.name[:12]}…" in err.value.zh


def test_a_file_missing_on_the_stick_is_seen_by_the_check_and_says_copy_again(
        folder: Folder, repos: Repos, tmp_path: Path) -> None:
    """QA: an object left out of the copy was named bare (`更新来源中缺少 objects/<hash>`) and the check
    said all was well: now both say what to do, as for a damaged file."""
    from ipdesk.services.sync.client import FolderSource
    from ipdesk.services.sync.errors import ObjectIntegrityError
    from tests.sync.conftest import snapshot_state

    stick = tmp_path / "usb" / "ipdesk 更新库"
    shutil.copytree(repos.v2, stick)
    obj = _largest_object(stick)
    obj.unlink()
    before = snapshot_state(folder.db_file)
    for attempt in (folder.client(repos).check, folder.client(repos).sync):
        with pytest.raises(ObjectIntegrityError) as err:
            attempt(str(stick))
        zh, en = err.value.zh, err.value.en
        assert f"更新文件夹中缺少 objects/{obj.name[:12]}…" in zh and obj.name not in zh
        assert "重新完整复制更新文件夹" in zh and str(stick) in zh and zh.endswith("未做任何更改。")
        assert "again completely" in en and en.endswith("Nothing was changed.")
    assert snapshot_state(folder.db_file) == before
    # the same words if the file goes while it is being read (the check saw it a moment before)
    part = tmp_path / "x.part"
    with pytest.raises(ObjectIntegrityError, match="missing in the update folder"):
        FolderSource(stick).download(f"objects/{obj.name}", part, 10, lambda _n: None, lambda: None)


def test_the_sticks_root_chosen_names_the_sub_folder(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    shutil.copytree(repos.v2, stick / "ipdesk 更新库")
    with pytest.raises(DownloadError) as err:
        folder.client(repos).check(str(stick))
    assert "子文件夹“ipdesk 更新库”" in err.value.zh and str(stick / "ipdesk 更新库") in err.value.zh


# --- item 11: times in a message are local, as everywhere else --------------------------------

def test_a_stale_source_names_its_dates_in_local_time(folder: Folder, repos: Repos) -> None:
    import datetime as dt
    import re

    from ipdesk.domain.i18n import local_time_text
    from ipdesk.services.sync.errors import StaleSourceError
    from ipdesk.services.sync.manifest import Manifest, format_time

    ahead = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=365)
    expires = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes()).expires
    with pytest.raises(StaleSourceError) as err:
        folder.client(repos, clock=lambda: ahead).check(str(repos.v2))
    for text in (err.value.zh, err.value.en):
        assert local_time_text(format_time(expires)) in text and local_time_text(format_time(ahead)) in text
        assert not re.search(r"\dT\d\d:\d\d", text)


# --- item 19: a server that accepts the connection and never answers ---------------------------

@pytest.fixture
def black_hole() -> Iterator[str]:
    """Accepts connections and never sends a byte (a hung proxy, a captive device)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_a_server_that_never_answers_is_given_up_on_quickly(folder: Folder, repos: Repos, black_hole: str) -> None:
    from ipdesk.services.sync.client import DownloadPolicy

    # the download's read timeout and retries as shipped; the small files' own cap, shortened for the test
    policy = DownloadPolicy(connect_timeout=2, read_timeout=30, retries=5, backoff=0.05, small_read_timeout=2)
    started = time.monotonic()
    with pytest.raises(DownloadError) as err:
        folder.client(repos, policy=policy).check(black_hole)
    assert time.monotonic() - started < 10  # 2 tries × 2 s; shipped: 2 × 12 s, not 6 × 30 s
    assert "服务器没有响应" in err.value.zh and "does not respond" in err.value.en
    assert "keys.json" not in err.value.zh + err.value.en


def test_the_shipped_policy_gives_up_on_a_check_within_half_a_minute() -> None:
    from ipdesk.services.sync.client import DownloadPolicy

    p = DownloadPolicy()
    worst = p.connect_timeout + (1 + p.small_read_retries) * min(p.read_timeout, p.small_read_timeout) + p.backoff
    assert worst <= 35


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes: POSIX")
def test_a_named_pipe_in_place_of_the_manifest_is_refused_not_opened(folder: Folder, repos: Repos,
                                                                       tmp_path: Path) -> None:
    """QA 22b: a named pipe called manifest.json on a stick blocked the check for ever (open() waits
    for a writer; no cancel reaches it). A helper thread opens and closes the pipe's other end while
    the test runs, so that a regression fails here instead of hanging."""
    from ipdesk.services.errors import IpdeskError
    from ipdesk.services.sync.manifest import MANIFEST_NAME
    from tests.sync.conftest import snapshot_state

    stick = tmp_path / "usb" / "ipdesk 更新库"
    shutil.copytree(repos.v2, stick)
    (stick / MANIFEST_NAME).unlink()
    os.mkfifo(stick / MANIFEST_NAME)
    stop = threading.Event()

    def unblock_a_reader() -> None:
        while not stop.is_set():
            try:
                os.close(os.open(stick / MANIFEST_NAME, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # nobody reads it, as it should be
                stop.wait(0.05)

    helper = threading.Thread(target=unblock_a_reader, daemon=True)
    helper.start()
    before = snapshot_state(folder.db_file)
    try:
        with pytest.raises(IpdeskError) as err:
            folder.client(repos).check(str(stick))
    finally:
        stop.set()
        helper.join()
    assert str(stick / MANIFEST_NAME) in err.value.zh and "Cannot read the update source" in err.value.en
    assert snapshot_state(folder.db_file) == before
