"""What a fleet's administrator reads from each computer (QA 20c N10): `ipdesk info` (and --json)
names the update package applied and when, the update source, the last successful check or update
and the source's expiry; `freshness.update_health` says when updates are overdue or failing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ipdesk.cli import main
from ipdesk.domain.i18n import local_time_text
from ipdesk.services.sync.errors import DownloadError, StaleSourceError
from ipdesk.services.sync.freshness import update_health
from ipdesk.services.sync.manifest import Manifest, format_time
from ipdesk.services.sync.state import load_state, read_applied
from tests.sync.conftest import Folder, LoopbackServer, Repos


def write_settings(folder: Path, values: dict[str, object]) -> None:
    (folder / "settings.json").write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")


def test_info_names_the_applied_package_the_source_and_its_expiry(
        folder: Folder, repos: Repos, server: LoopbackServer, capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(folder.path, {"update_source": server.url, "trusted_keys": [repos.public_text()]})
    assert main(["--data-dir", str(folder.path), "--lang", "en", "sync"]) == 0
    capsys.readouterr()
    manifest = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes())
    applied = read_applied(folder.db.engine)
    assert applied is not None

    assert main(["--data-dir", str(folder.path), "info", "--json"]) == 0
    sync = json.loads(capsys.readouterr().out)["sync"]
    assert sync["applied_version"] == 2 and sync["applied_at"] == applied.applied_at
    assert sync["manifest_created"] == format_time(manifest.created)
    assert sync["update_source"] == server.url and sync["last_source"] == server.url
    assert sync["last_success"] and sync["last_check"] and sync["outcome"] == "applied"
    assert sync["source_expires"] == format_time(manifest.expires)
    assert (sync["expired"], sync["overdue"], sync["failing"], sync["days_since_success"]) == (False, False, False, 0)

    assert main(["--data-dir", str(folder.path), "--lang", "zh_CN", "info"]) == 0
    out = capsys.readouterr().out
    assert "已应用的更新包：第 2 版" in out and f"更新来源：{server.url}" in out
    assert f"更新来源有效期至：{local_time_text(format_time(manifest.expires))}" in out
    assert "上次成功检查或更新：" in out
    assert main(["--data-dir", str(folder.path), "--lang", "en", "info"]) == 0
    out = capsys.readouterr().out
    assert "Applied update package: version 2 (applied" in out and "Update source valid until:" in out

    assert main(["--data-dir", str(folder.path), "sync", "--status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["applied_version"] == 2 and status["source_expires"] == format_time(manifest.expires)
    assert status["last_success"] == sync["last_success"] and status["update_source"] == server.url


def test_info_of_a_computer_never_updated(folder: Folder, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(folder.path), "--lang", "en", "info", "--json"]) == 0
    sync = json.loads(capsys.readouterr().out)["sync"]
    assert sync["applied_version"] is None and sync["update_source"] is None and sync["last_check"] is None
    assert main(["--data-dir", str(folder.path), "--lang", "en", "info"]) == 0
    out = capsys.readouterr().out
    assert "Applied update package: none" in out and "Update source: not set" in out and "Last check: never" in out


def test_a_stale_source_keeps_its_expiry_and_reads_expired(folder: Folder, repos: Repos) -> None:
    ahead = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=365)
    with pytest.raises(StaleSourceError):
        folder.client(repos, clock=lambda: ahead).check(str(repos.v2))
    state = load_state(folder.path)
    expires = Manifest.from_bytes((repos.v2 / "manifest.json").read_bytes()).expires
    assert state.source_expires == format_time(expires) and state.outcome == "stale"
    health = update_health(state, None, "", now=ahead)
    assert health.expired and health.overdue and health.failing


def test_overdue_after_thirty_days_and_failing_after_a_day_of_failures(folder: Folder, repos: Repos) -> None:
    folder.client(repos).sync(str(repos.v2))
    applied = read_applied(folder.db.engine)
    state = load_state(folder.path)
    now = dt.datetime.now(dt.UTC)
    fine = update_health(state, applied, str(repos.v2), now=now + dt.timedelta(days=29))
    assert not fine.overdue and not fine.failing and fine.days_since_success == 29
    assert update_health(state, applied, str(repos.v2), now=now + dt.timedelta(days=31)).overdue
    # one failed check: not yet "failing" (a network blip); a day without a success: failing
    with pytest.raises(DownloadError):
        folder.client(repos).check(str(folder.path / "no-such-stick"))
    state = load_state(folder.path)
    assert state.outcome == "error"
    assert not update_health(state, applied, "", now=now + dt.timedelta(hours=1)).failing
    assert update_health(state, applied, "", now=now + dt.timedelta(hours=25)).failing


@pytest.mark.parametrize("content", [
    "null", "[]", '"applied"', '{"last_success": 5, "available_version": "7", "keysets": [], "keyset": {}}',
    '{"keysets": {"abc": {"version": "2", "keys": ["k"]}, "def": 3, "ok": {"version": 2, "keys": ["k", 1]}}}',
])
def test_a_damaged_sync_state_reads_as_no_state_and_the_next_sync_writes_it_again(
        folder: Folder, repos: Repos, server: LoopbackServer, capsys: pytest.CaptureFixture[str], content: str) -> None:
    """state.json is written atomically, but a disk or a hand can still damage it: `info` and `sync`
    go on (an AttributeError or a TypeError stopped them), a field of the wrong type is left out."""
    state_file = folder.path / "sync" / "state.json"
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(content, encoding="utf-8")
    state = load_state(folder.path)
    assert (state.last_success, state.available_version, state.keyset) == ("", 0, [])
    assert all(isinstance(v, dict) and type(v["version"]) is int for v in state.keysets.values())
    assert main(["--data-dir", str(folder.path), "--lang", "en", "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sync"]["last_check"] is None
    write_settings(folder.path, {"update_source": server.url, "trusted_keys": [repos.public_text()]})
    assert main(["--data-dir", str(folder.path), "--lang", "en", "sync"]) == 0
    assert load_state(folder.path).outcome == "applied"
