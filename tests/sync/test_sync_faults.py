"""Fault injection against a real loopback HTTP server: after every fault the data are exactly the
old or exactly the new version, the database passes integrity_check, nothing local is lost, and the
next sync succeeds."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ipdesk.services.sync.client import DownloadPolicy
from ipdesk.services.sync.errors import (
    DiskFullError,
    DownloadError,
    ObjectIntegrityError,
    RollbackError,
    SignatureError,
    StaleSourceError,
    SyncBusyError,
)
from ipdesk.services.sync.manifest import Manifest, load_private_key, sign
from tests.sync.conftest import (
    Folder,
    LoopbackServer,
    Repos,
    assert_index_consistent,
    change_list_digest,
    snapshot_state,
)

ROOT = Path(__file__).resolve().parents[2]


def expect_old_then_next_sync_succeeds(folder: Folder, repos: Repos, server: LoopbackServer,
                                       before: tuple[str, str, str], new: tuple[str, str, str]) -> None:
    now = snapshot_state(folder.db_file)
    assert now == before, "a failed sync changed the data"
    server.state.faults.clear()
    server.state.swap.clear()
    server.state.root = repos.v2
    result = folder.client(repos).sync(server.url)
    assert result.applied is not None
    after = snapshot_state(folder.db_file)
    assert after[0] == "ok"
    assert after[1] == new[1], "the next sync did not reach exactly the new version"
    assert after[2] == before[2], "a local record was lost"
    assert_index_consistent(folder.db_file)


# --- the happy path ---------------------------------------------------------------------------

def test_delta_reaches_the_same_data_as_a_snapshot(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                                   new_state: tuple[str, str, str]) -> None:
    before = snapshot_state(at_v1.db_file)
    result = at_v1.client(repos).sync(server.url)
    assert result.applied is not None
    changes = {c.dataset: c for c in result.applied.changes}
    assert set(changes) == {"patents"}  # trademarks did not change between v1 and v2
    patents = changes["patents"]
    # 10 revised, one of them (id 10000005) held by a local record and kept
    assert (patents.method, patents.added, patents.updated, patents.deleted, patents.kept_local) == (
        "delta", 15, 9, 20, 1)
    after = snapshot_state(at_v1.db_file)
    assert after[1] == new_state[1] and after[2] == before[2]
    assert_index_consistent(at_v1.db_file)
    # a delta moves far fewer bytes than the snapshot
    manifest = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes())
    assert result.downloaded_bytes < manifest.datasets["patents"].snapshot.size
    # and the next sync finds nothing to do
    assert at_v1.client(repos).sync(server.url).applied is None


def test_local_records_and_colliding_keys_are_kept(folder: Folder, repos: Repos) -> None:
    result = folder.client(repos).sync(str(repos.v1))
    assert result.applied is not None
    patents = next(c for c in result.applied.changes if c.dataset == "patents")
    assert patents.kept_local == 1 and patents.added == 119
    assert patents.updated == patents.deleted == 0
    with folder.db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT pub_no, dataset, title FROM patent WHERE id = 10000005").one()
        assert tuple(row) == ("SYN000000005A", "local_patents", "合成测试本地导入专利")
        row = conn.exec_driver_sql("SELECT pub_no, dataset FROM patent WHERE id = 10000007").one()
        assert tuple(row) == ("LOCAL-SYN-3", "local_patents")
        moved = conn.exec_driver_sql("SELECT id, dataset FROM patent WHERE pub_no = 'SYN000000007A'").one()
        assert moved[0] != 10000007 and moved[1] == "patents"  # the published record found another id
    with folder.db.local_store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM service_record").scalar() == 1
    with folder.db.engine.connect() as conn:
        versions = dict(conn.exec_driver_sql("SELECT name, version FROM dataset").fetchall())
        assert versions == {"patents": 1, "trademarks": 1}


def test_status_says_what_changed(at_v1: Folder, repos: Repos) -> None:
    state, applied = at_v1.client(repos).status()
    assert state.outcome == "applied" and state.last_check
    assert applied is not None and applied.manifest_version == 1
    assert {c.dataset: c.added for c in applied.changes} == {"patents": 119, "trademarks": 40}


# --- network faults --------------------------------------------------------------------------

def test_connection_dropped_mid_object_resumes_with_range(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                                           new_state: tuple[str, str, str]) -> None:
    server.state.add_fault("objects/*", "drop", times=1)
    result = at_v1.client(repos).sync(server.url)
    assert result.applied is not None
    ranged = [r for p, r in server.state.requests if p.startswith("objects/") and r]
    assert ranged, "the second request should have resumed with Range"
    manifest = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes())
    delta = manifest.datasets["patents"].delta_from(1)
    assert delta is not None
    assert server.state.body_bytes <= delta.size + len(repos.v2.joinpath("manifest.json").read_bytes()) + 4096
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]


def test_truncated_body_then_resume_fetches_only_missing_bytes(at_v1: Folder, repos: Repos,
                                                               server: LoopbackServer,
                                                               new_state: tuple[str, str, str]) -> None:
    before = snapshot_state(at_v1.db_file)
    server.state.add_fault("objects/*", "truncate", times=None)
    with pytest.raises(DownloadError) as lost:
        at_v1.client(repos).sync(server.url)
    parts = list((at_v1.path / "sync" / "objects").glob("*.part"))
    assert len(parts) == 1
    have = parts[0].stat().st_size
    # the server was right a moment ago: the message says what is kept, not "check the address"
    from ipdesk.domain.amounts import size_pair

    total = (repos.v2 / "objects" / parts[0].name.removesuffix(".part")).stat().st_size
    assert "连接中断" in lost.value.zh and "已保留" in lost.value.zh and size_pair(have, total) in lost.value.zh
    assert "are kept" in lost.value.en and "check the address" not in lost.value.en
    server.state.faults.clear()
    server.state.body_bytes = 0
    server.state.requests.clear()
    at_v1.client(repos).sync(server.url)
    object_requests = [(p, r) for p, r in server.state.requests if p.startswith("objects/")]
    assert object_requests == [(object_requests[0][0], f"bytes={have}-")]
    manifest = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes())
    delta = manifest.datasets["patents"].delta_from(1)
    assert delta is not None
    small_files = sum(len((repos.v2 / n).read_bytes()) for n in ("manifest.json", "manifest.json.sig", "keys.json",
                                                                  "keys.json.sig"))
    assert server.state.body_bytes == delta.size - have + small_files
    after = snapshot_state(at_v1.db_file)
    assert after[1] == new_state[1] and after[2] == before[2]


@pytest.mark.parametrize("status", ["404", "500"])
def test_http_errors_leave_old_data(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                    new_state: tuple[str, str, str], status: str) -> None:
    before = snapshot_state(at_v1.db_file)
    server.state.add_fault("objects/*", status, times=None)
    with pytest.raises(DownloadError):
        at_v1.client(repos).sync(server.url)
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


def test_503_with_retry_after_is_honoured(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                          new_state: tuple[str, str, str]) -> None:
    server.state.add_fault("manifest.json", "503", times=1)
    started = time.monotonic()
    result = at_v1.client(repos).sync(server.url)
    assert time.monotonic() - started >= 0.9  # Retry-After: 1
    assert result.applied is not None
    assert [p for p, _ in server.state.requests].count("manifest.json") == 2
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]


def test_trickling_server_hits_the_overall_deadline(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                                    new_state: tuple[str, str, str]) -> None:
    before = snapshot_state(at_v1.db_file)
    server.state.add_fault("objects/*", "trickle", times=None)
    policy = DownloadPolicy(connect_timeout=2, read_timeout=2, retries=0, backoff=0.05, min_rate=10**9,
                            min_deadline=1.0, attempts=1)
    started = time.monotonic()
    with pytest.raises(DownloadError):
        at_v1.client(repos, policy=policy).sync(server.url)
    assert time.monotonic() - started < 5
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


def test_body_longer_than_signed_size_is_cut_off(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                                 new_state: tuple[str, str, str]) -> None:
    server.state.add_fault("objects/*", "longer", times=None)
    result = at_v1.client(repos).sync(server.url)
    manifest = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes())
    delta = manifest.datasets["patents"].delta_from(1)
    assert delta is not None and result.downloaded_bytes == delta.size
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]


def test_flipped_bit_is_refused(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                new_state: tuple[str, str, str]) -> None:
    before = snapshot_state(at_v1.db_file)
    server.state.add_fault("objects/*", "flip", times=None)
    with pytest.raises(ObjectIntegrityError):
        at_v1.client(repos).sync(server.url)
    assert not list((at_v1.path / "sync" / "objects").glob("*"))  # the bad bytes were discarded
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


def test_objects_of_two_versions_mixed(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                       new_state: tuple[str, str, str]) -> None:
    """A server (or a stale CDN edge) serving v1's snapshot under the name of v2's delta."""
    before = snapshot_state(at_v1.db_file)
    m1 = Manifest.from_bytes((repos.v1 / "manifest.json").read_bytes())
    m2 = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes())
    delta = m2.datasets["patents"].delta_from(1)
    assert delta is not None
    server.state.swap[f"objects/{delta.sha256}"] = f"objects/{m1.datasets['patents'].snapshot.sha256}"
    with pytest.raises(ObjectIntegrityError):
        at_v1.client(repos).sync(server.url)
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


def test_ignored_range_restarts_cleanly(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                        new_state: tuple[str, str, str]) -> None:
    """The dropped connection is said while the pause before the next try runs (QA: the progress line sat at
    "剩余约 3 秒" for half a minute), and the bytes a server that ignores Range sends again are not counted
    twice (QA: the bar ran ahead of the file)."""
    from ipdesk.services.sync.client import SyncProgress

    server.state.add_fault("objects/*", "drop", times=1)
    server.state.add_fault("objects/*", "ignore-range", times=1)
    seen: list[SyncProgress] = []
    at_v1.client(repos).sync(server.url, progress=seen.append)
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]
    retries = [p for p in seen if p.phase == "retry"]
    assert [(p.attempt, p.attempts) for p in retries] == [(2, 3)] and retries[0].eta_seconds is None
    downloads = [p for p in seen if p.phase in ("download", "retry")]
    total = downloads[0].total_bytes
    assert all(0 <= p.done_bytes <= total for p in downloads)
    assert downloads[-1].done_bytes == total
    assert any(b.done_bytes < a.done_bytes for a, b in itertools.pairwise(downloads))  # taken back


def test_a_source_that_cannot_resume_says_the_next_update_starts_again(
        at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    """python -m http.server answers a resume with the whole file: what a dropped download keeps is then no
    head start, and the message said "the next update continues from there"."""
    from ipdesk.services.sync.client import ConnectionLostError

    before = snapshot_state(at_v1.db_file)
    server.state.add_fault("objects/*", "drop", times=1)
    server.state.add_fault("objects/*", "ignore-range-drop", times=None)
    with pytest.raises(ConnectionLostError) as lost:
        at_v1.client(repos).sync(server.url)
    assert not lost.value.resumable and "不支持断点续传" in lost.value.zh and "从这里继续" not in lost.value.zh
    assert "cannot resume" in lost.value.en and 0 < lost.value.kept < lost.value.total
    assert snapshot_state(at_v1.db_file) == before


# --- signatures, rollback, replay, expiry, clocks ---------------------------------------------

def _tampered_repo(repos: Repos, tmp: Path, edit: dict[str, object], *, key: Path | None = None,
                   keep_sig: bool = False) -> Path:
    repo = tmp / "tampered"
    shutil.copytree(repos.v2, repo)
    raw = json.loads((repo / "manifest.json").read_bytes())
    raw.update(edit)
    body = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    (repo / "manifest.json").write_bytes(body)
    if not keep_sig:
        (repo / "manifest.json.sig").write_bytes(sign(body, [load_private_key(key or repos.key_file)]))
    return repo


def test_bad_signature(at_v1: Folder, repos: Repos, server: LoopbackServer, tmp_path: Path,
                       new_state: tuple[str, str, str]) -> None:
    before = snapshot_state(at_v1.db_file)
    server.state.root = _tampered_repo(repos, tmp_path, {"version": 99}, keep_sig=True)
    with pytest.raises(SignatureError):
        at_v1.client(repos).sync(server.url)
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


def test_unknown_key(at_v1: Folder, repos: Repos, server: LoopbackServer, tmp_path: Path,
                     new_state: tuple[str, str, str]) -> None:
    before = snapshot_state(at_v1.db_file)
    server.state.root = _tampered_repo(repos, tmp_path, {"version": 99}, key=repos.other_key_file)
    with pytest.raises(SignatureError, match="not signed by a trusted"):
        at_v1.client(repos).sync(server.url)
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


def test_an_older_version_is_nothing_to_do(folder: Folder, repos: Repos, server: LoopbackServer) -> None:
    """An old USB stick, or a source not refreshed yet: never applied, and not reported as an attack."""
    folder.client(repos).sync(server.url)
    before = snapshot_state(folder.db_file)
    server.state.root = repos.v1
    check = folder.client(repos).check(server.url)
    assert check.up_to_date and check.note[0] == "这台电脑的数据（第 2 版）比更新来源的（第 1 版）新，无需更新。"
    assert "newer than the update source's (version 1)" in check.note[1]
    result = folder.client(repos).sync(server.url)
    assert result.applied is None and result.downloaded_bytes == 0
    assert snapshot_state(folder.db_file) == before
    state, applied = folder.client(repos).status()
    assert state.outcome == "up_to_date" and "无需更新" in state.message_zh
    assert applied is not None and applied.manifest_version == 2


def test_an_older_version_signed_after_the_applied_one_is_refused(folder: Folder, repos: Repos,
                                                                  server: LoopbackServer, tmp_path: Path) -> None:
    folder.client(repos).sync(server.url)
    before = snapshot_state(folder.db_file)
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    server.state.root = _tampered_repo(repos, tmp_path, {"version": 1, "created": later})
    with pytest.raises(RollbackError, match="older version"):
        folder.client(repos).sync(server.url)
    assert snapshot_state(folder.db_file) == before


def test_replayed_older_manifest_is_refused(folder: Folder, repos: Repos, server: LoopbackServer,
                                            tmp_path: Path) -> None:
    folder.client(repos).sync(server.url)
    before = snapshot_state(folder.db_file)
    older = Manifest.from_bytes((repos.v1 / "manifest.json").read_bytes()).created
    server.state.root = _tampered_repo(repos, tmp_path, {"version": 3, "created": older.strftime("%Y-%m-%dT%H:%M:%SZ")})
    with pytest.raises(RollbackError, match="replay"):
        folder.client(repos).sync(server.url)
    assert snapshot_state(folder.db_file) == before


def test_expired_manifest_is_not_applied(at_v1: Folder, repos: Repos, server: LoopbackServer, tmp_path: Path,
                                         new_state: tuple[str, str, str]) -> None:
    before = snapshot_state(at_v1.db_file)
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    server.state.root = _tampered_repo(repos, tmp_path, {"expires": past.strftime("%Y-%m-%dT%H:%M:%SZ")})
    with pytest.raises(StaleSourceError, match="stale"):
        at_v1.client(repos).sync(server.url)
    state, _ = at_v1.client(repos).status()
    assert state.outcome == "stale"
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


def test_clock_a_year_ahead_sees_the_source_as_stale(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    before = snapshot_state(at_v1.db_file)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)
    with pytest.raises(StaleSourceError, match=r"clock|date"):
        at_v1.client(repos, clock=lambda: ahead).sync(server.url)
    assert snapshot_state(at_v1.db_file) == before


def test_clock_a_year_behind_still_refuses_replays(folder: Folder, repos: Repos, server: LoopbackServer,
                                                   tmp_path: Path) -> None:
    behind = dt.datetime.now(dt.UTC) - dt.timedelta(days=365)
    assert folder.client(repos, clock=lambda: behind).sync(server.url).applied is not None  # documented: accepted
    server.state.root = repos.v1  # an older manifest is never applied, whatever the clock says
    assert folder.client(repos, clock=lambda: behind).sync(server.url).applied is None
    older = Manifest.from_bytes((repos.v1 / "manifest.json").read_bytes()).created
    server.state.root = _tampered_repo(repos, tmp_path, {"version": 3, "created": older.strftime("%Y-%m-%dT%H:%M:%SZ")})
    with pytest.raises(RollbackError, match="replay"):  # and a replayed one is refused
        folder.client(repos, clock=lambda: behind).sync(server.url)


def test_key_rotation(folder: Folder, repos: Repos, tmp_path: Path) -> None:
    """keys.json v2 lists a new key and is signed by the old one; a client pinned to the old key follows."""
    from tests.sync.conftest import rotated_repo

    repo, new = rotated_repo(repos, tmp_path)
    result = folder.client(repos).sync(str(repo))
    assert result.applied is not None
    # the old key is no longer the publisher's: a manifest signed by it alone is refused from now on
    chain = folder.client(repos)._key_chains([])[0]
    assert [k.public_bytes_raw() for k in chain.keys] == [new.public_key().public_bytes_raw()]


# --- disk, locks ---------------------------------------------------------------------------------

def test_free_space_is_checked_before_downloading(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                                  tmp_path: Path, new_state: tuple[str, str, str]) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        before = snapshot_state(at_v1.db_file)
        shutil.rmtree(at_v1.path / "sync" / "objects", ignore_errors=True)
        (at_v1.path / "sync" / "objects").symlink_to(mnt)
        with pytest.raises(DiskFullError, match="disk space"):
            at_v1.client(repos).sync(server.url)
        assert snapshot_state(at_v1.db_file) == before
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
    (at_v1.path / "sync" / "objects").unlink()
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


DISK_FULL_DRIVER = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
from ipdesk.services.db import make_engine, sqlite_url
from ipdesk.services.sync.client import SyncService
from ipdesk.services.sync.errors import DiskFullError
data = Path(sys.argv[1])
svc = SyncService(make_engine(sqlite_url(data / "ipdesk.sqlite")), data, trusted_keys=[sys.argv[3]],
                  default_key_file=data / "none.pub")
limit = int(sys.argv[4])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    svc.sync(sys.argv[2])
except DiskFullError as exc:
    print("DISKFULL", exc.en)
    sys.exit(7)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX-only")
@pytest.mark.parametrize("limit", [256, 1 << 16], ids=["during-download", "during-apply"])
def test_full_disk_aborts_cleanly(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                  new_state: tuple[str, str, str], limit: int) -> None:
    before = snapshot_state(at_v1.db_file)
    listed = change_list_digest(at_v1.db_file)
    proc = subprocess.run([sys.executable, "-c", DISK_FULL_DRIVER, str(at_v1.path), server.url, repos.public_text(),
                           str(limit)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 7, proc.stderr
    assert "disk is full" in proc.stdout, proc.stdout
    assert change_list_digest(at_v1.db_file) == listed  # the previous update's list of changed records
    expect_old_then_next_sync_succeeds(at_v1, repos, server, before, new_state)


LOCK_HOLDER = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1]); lock.acquire(); print("held", flush=True); time.sleep(30)
"""


def test_two_instances_at_once(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    (at_v1.path / "sync").mkdir(exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(at_v1.path / "sync" / "sync.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = snapshot_state(at_v1.db_file)
        with pytest.raises(SyncBusyError) as busy:
            at_v1.client(repos).sync(server.url)
        assert "automatic update or by another program" in busy.value.message("en")
        assert snapshot_state(at_v1.db_file) == before
    finally:
        holder.kill()
        holder.wait()
    assert at_v1.client(repos).sync(server.url).applied is not None


def test_cancel_keeps_the_partial_download(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    from ipdesk.services.sync.client import CancelToken
    from ipdesk.services.sync.errors import SyncCancelledError

    token = CancelToken()
    seen: list[int] = []

    def progress(p) -> None:  # type: ignore[no-untyped-def]
        if p.phase == "download" and p.done_bytes:
            seen.append(p.done_bytes)
            token.cancel()

    server.state.add_fault("objects/*", "trickle", times=1)
    with pytest.raises(SyncCancelledError):
        at_v1.client(repos).sync(server.url, progress=progress, cancel=token)
    assert seen and list((at_v1.path / "sync" / "objects").glob("*.part"))
    state, _ = at_v1.client(repos).status()
    assert state.outcome == "cancelled"


def test_cli_sync_from_a_folder(at_v1: Folder, repos: Repos, new_state: tuple[str, str, str]) -> None:
    at_v1.db.close()
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "--data-dir", str(at_v1.path), "--lang", "en", "sync", "--dir",
         str(repos.v2), "--trusted-key", str(repos.pub_file), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, "IPDESK_DATA_DIR": ""},
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["version"] == 2 and out["changes"][0]["method"] == "delta"
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]
    status = subprocess.run(
        [sys.executable, "-m", "ipdesk", "--data-dir", str(at_v1.path), "--lang", "zh_CN", "sync", "--status"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert "已应用" in status.stdout and "(applied)" not in status.stdout and "增量" in status.stdout
    older = subprocess.run(  # an older stick: nothing to do, the exit status of "up to date"
        [sys.executable, "-m", "ipdesk", "--data-dir", str(at_v1.path), "--lang", "en", "sync", "--dir",
         str(repos.v1), "--trusted-key", str(repos.pub_file)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert older.returncode == 0 and "Traceback" not in older.stderr
    # it says why: this computer's data are newer than the stick's (not a bare "up to date")
    assert "newer" in older.stdout and "(version 2)" in older.stdout and "(version 1)" in older.stdout, older.stdout
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]


def test_a_staff_import_after_sync_keeps_the_delta_path(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    """The importer writes non-local imports into `patents` (origin "import", version unchanged):
    the same manifest is then still up to date, and the next version arrives as a delta that leaves
    the imported record alone."""
    from ipdesk.services.models import Patent

    with at_v1.db.session() as s:
        s.add(Patent(id=5_000_001, pub_no="SYN-IMPORTED-1", title="合成测试导入专利", dataset="patents"))
    with at_v1.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE dataset SET origin = 'import' WHERE name = 'patents'")
    server.state.root = repos.v1
    assert at_v1.client(repos).check(server.url).up_to_date
    server.state.root = repos.v2
    result = at_v1.client(repos).sync(server.url)
    assert result.applied is not None
    assert [c.method for c in result.applied.changes] == ["delta"]
    with at_v1.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM patent WHERE pub_no = 'SYN-IMPORTED-1'").scalar() == 1
    assert_index_consistent(at_v1.db_file)


def test_an_update_waits_for_an_import_that_is_writing(at_v1: Folder, repos: Repos, server: LoopbackServer,
                                                       new_state: tuple[str, str, str]) -> None:
    """An import's merge (here: another process holding the registry write lock, as `ipdesk import`
    beside the window would) holds SQLite's write lock throughout; the update waits, says so, and
    applies once the import is done, instead of failing with "database is locked"."""
    import threading

    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(at_v1.path / "registry-write.lock")],
                              stdout=subprocess.PIPE, text=True)
    phases: list[str] = []
    outcome: list[object] = []
    waiting = threading.Event()

    def progress(p) -> None:  # type: ignore[no-untyped-def]
        phases.append(p.phase)
        if p.phase == "wait":
            waiting.set()

    def run() -> None:
        try:
            outcome.append(at_v1.client(repos).sync(server.url, progress=progress))
        except Exception as exc:
            outcome.append(exc)

    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = snapshot_state(at_v1.db_file)
        worker = threading.Thread(target=run)
        worker.start()
        assert waiting.wait(60), phases
        assert "apply" not in phases and snapshot_state(at_v1.db_file) == before
    finally:
        holder.kill()
        holder.wait()
    worker.join(120)
    assert len(outcome) == 1 and getattr(outcome[0], "applied", None) is not None, outcome
    assert phases.index("wait") < phases.index("apply")
    after = snapshot_state(at_v1.db_file)
    assert after[1] == new_state[1] and after[2] == before[2]


def test_an_update_waiting_for_an_import_can_be_cancelled(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    from ipdesk.services.db import RegistryWriteLock
    from ipdesk.services.sync.client import CancelToken
    from ipdesk.services.sync.errors import SyncCancelledError

    token = CancelToken()
    before = snapshot_state(at_v1.db_file)

    def progress(p) -> None:  # type: ignore[no-untyped-def]
        if p.phase == "wait":
            token.cancel()

    with RegistryWriteLock(at_v1.path).hold(), pytest.raises(SyncCancelledError):
        at_v1.client(repos).sync(server.url, progress=progress, cancel=token)
    assert snapshot_state(at_v1.db_file) == before
    assert at_v1.client(repos).sync(server.url).applied is not None  # the download was kept: apply only


def test_the_wal_gives_its_space_back_after_an_apply(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    """SQLite keeps the WAL as big as the largest transaction for as long as the app runs (165 MiB
    after a 150,000-record apply, ~1 GB after a million) unless it is checkpointed and cut."""
    wal = at_v1.db_file.with_name(at_v1.db_file.name + "-wal")
    with at_v1.db.engine.connect() as conn:  # the app's own connections carry the size limit
        assert conn.exec_driver_sql("PRAGMA journal_size_limit").scalar() == 64 << 20
    assert at_v1.client(repos).sync(server.url).applied is not None
    assert not wal.exists() or wal.stat().st_size == 0


def test_apply_reports_records_and_can_be_cancelled(folder: Folder, tmp_path: Path) -> None:
    """The apply reports records applied of the total (the window shows a bar and an ETA); a
    cancel between batches rolls the whole transaction back, and the next sync applies from the
    downloaded objects without fetching them again."""
    from ipdesk.services.sync.client import CancelToken
    from ipdesk.services.sync.errors import SyncCancelledError
    from tests.sync.conftest import make_repos
    from tests.sync.synthetic import patents

    repos = make_repos(tmp_path / "repos", {"patents": patents(5000)}, {"patents": patents(5000)})
    before = snapshot_state(folder.db_file)
    token = CancelToken()
    seen: list[tuple[int, int]] = []

    def cancel_after_a_batch(p) -> None:  # type: ignore[no-untyped-def]
        if p.phase == "apply":
            seen.append((p.records, p.total_records))
            if p.records >= 2000:
                token.cancel()

    with pytest.raises(SyncCancelledError):
        folder.client(repos).sync(str(repos.v1), progress=cancel_after_a_batch, cancel=token)
    assert seen[0] == (0, 5000) and seen[-1][0] >= 2000  # a batch was written, then undone
    assert snapshot_state(folder.db_file) == before
    state, _ = folder.client(repos).status()
    assert state.outcome == "cancelled"
    applied: list[tuple[int, int]] = []
    result = folder.client(repos).sync(
        str(repos.v1), progress=lambda p: applied.append((p.records, p.total_records)) if p.phase == "apply" else None)
    assert result.applied is not None and result.downloaded_bytes == 0
    assert [r for r, _ in applied] == sorted(r for r, _ in applied) and applied[-1] == (5000, 5000)
    assert_index_consistent(folder.db_file)


def test_an_update_asked_for_takes_over_from_a_background_download(
        at_v1: Folder, repos: Repos, server: LoopbackServer, new_state: tuple[str, str, str]) -> None:
    """The window's automatic download runs slowly on purpose; "Update now" (or `ipdesk sync`, as
    another process would) had failed with "another process is updating" until it finished. Now
    the background download stops and the update asked for goes on from the bytes it had."""
    import threading

    from ipdesk.services.sync.errors import SyncYieldedError

    server.state.add_fault("objects/*", "slow", times=None)
    downloading = threading.Event()
    outcome: list[object] = []

    def progress(p) -> None:  # type: ignore[no-untyped-def]
        if p.phase == "download" and p.done_bytes:
            downloading.set()

    def background() -> None:
        try:
            outcome.append(at_v1.client(repos).sync(server.url, download_only=True, background=True,
                                                    progress=progress))
        except Exception as exc:
            outcome.append(exc)

    worker = threading.Thread(target=background)
    worker.start()
    assert downloading.wait(30)
    server.state.faults.clear()
    result = at_v1.client(repos).sync(server.url)  # another SyncService, as the Data page or the CLI
    worker.join(60)
    assert len(outcome) == 1 and isinstance(outcome[0], SyncYieldedError), outcome
    assert result.applied is not None
    assert 0 < result.downloaded_bytes < result.check.download_bytes  # went on from the fetched bytes
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]
    assert not (at_v1.path / "sync" / "yield.request").exists()
    assert not (at_v1.path / "sync" / "background.running").exists()


def test_a_stale_request_to_give_way_is_ignored(at_v1: Folder, repos: Repos, server: LoopbackServer) -> None:
    """A request left behind (its asker gave up, or died) does not stop later background downloads."""
    request = at_v1.path / "sync" / "yield.request"
    request.parent.mkdir(exist_ok=True)
    request.touch()
    os.utime(request, (time.time() - 600, time.time() - 600))
    result = at_v1.client(repos).sync(server.url, download_only=True, background=True)
    assert result.downloaded_bytes == result.check.download_bytes > 0


def test_a_file_url_with_spaces_and_chinese_names_the_folder(at_v1: Folder, repos: Repos, tmp_path: Path,
                                                             new_state: tuple[str, str, str]) -> None:
    """`file:///C:/更新 包` (as a browser or a shortcut writes it) is the folder, decoded: on Windows the
    drive letter must not become `\\C:`."""
    import shutil

    stick = tmp_path / "U盘 更新"
    shutil.copytree(repos.v2, stick)
    url = stick.as_uri()
    assert "%20" in url and "file:///" in url
    result = at_v1.client(repos).sync(url)
    assert result.applied is not None and result.applied.manifest_version == 2
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]


def test_a_public_key_file_saved_by_notepad_is_read(tmp_path: Path) -> None:
    """A `.pub` file opened and saved in Notepad gains a BOM (and maybe CRLF); one that is not a key at
    all gets the key message, never a UnicodeDecodeError."""
    from ipdesk.services.sync.errors import SyncError
    from ipdesk.services.sync.manifest import generate_key, load_public_key_file, public_key_text

    generate_key(tmp_path / "k.key")
    text = (tmp_path / "k.key.pub").read_text(encoding="ascii").strip()
    notepad = tmp_path / "notepad.pub"
    notepad.write_bytes(b"\xef\xbb\xbf" + text.encode("ascii") + b"\r\n")
    assert public_key_text(load_public_key_file(notepad)) == public_key_text(load_public_key_file(tmp_path / "k.key.pub"))
    garbage = tmp_path / "garbage.pub"
    garbage.write_bytes("公钥".encode("gb18030"))
    with pytest.raises(SyncError) as caught:
        load_public_key_file(garbage)
    assert "Ed25519" in caught.value.en


def test_an_unsupported_source_is_named_not_taken_for_a_folder() -> None:
    from ipdesk.services.sync.client import make_source
    from ipdesk.services.sync.errors import SyncError

    with pytest.raises(SyncError) as caught:
        make_source("ftp://updates.example/ipdesk/")
    assert "not supported" in caught.value.en and "ftp://" in caught.value.zh


def test_a_missing_folder_or_an_unknown_host_is_named(at_v1: Folder, repos: Repos, tmp_path: Path) -> None:
    """Not 'manifest.json is missing' for a USB stick that is not plugged in, and not 'the next sync
    continues' for an address that does not exist (.invalid never resolves, RFC 6761)."""
    from ipdesk.services.sync.client import DownloadPolicy
    from ipdesk.services.sync.errors import DownloadError

    with pytest.raises(DownloadError) as stick:
        at_v1.client(repos).sync(str(tmp_path / "E盘" / "ipdesk-repo"))
    assert "找不到更新文件夹" in stick.value.zh and "Plug in the USB stick" in stick.value.en
    quick = DownloadPolicy(retries=0, attempts=1, backoff=0.0)
    with pytest.raises(DownloadError) as host:
        at_v1.client(repos, policy=quick).sync("http://updates.ipdesk-test.invalid/repo/")
    assert "updates.ipdesk-test.invalid" in host.value.zh and "was not found" in host.value.en
    assert "NameResolution" not in host.value.message("zh_CN") + host.value.message("en")  # in the detail only


def test_a_refused_connection_is_reported_within_seconds(at_v1: Folder, repos: Repos) -> None:
    """With the default policy: a server that refuses is a clear answer, not a flaky link to retry with
    backoff for half a minute while a staff member waits on 'check now' (it was ~30 s)."""
    import socket
    import time

    from ipdesk.services.sync.client import DownloadPolicy
    from ipdesk.services.sync.errors import DownloadError

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(DownloadError) as refused:
        at_v1.client(repos, policy=DownloadPolicy()).sync(f"http://127.0.0.1:{port}/repo/")
    assert time.monotonic() - started < 10
    assert "拒绝连接" in refused.value.zh and "refused the connection" in refused.value.en
