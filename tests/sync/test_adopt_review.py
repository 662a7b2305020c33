"""Data here that already are a published version ("adopted" without a download): what a review of
the change found said wrong after an adoption-only check or update (the switch line, the status bar), and
the streamed comparison's order"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from ipdesk.cli import main
from ipdesk.services.sync.manifest import generate_key, key_id, load_public_key_file, public_key_text
from ipdesk.services.sync.payload import TABLES
from ipdesk.services.sync.publisher import Publisher
from ipdesk.services.sync.state import read_applied
from tests.sync.conftest import FAST, Folder
from tests.sync.synthetic import trademarks


def _kid(pub: Path) -> str:
    return key_id(load_public_key_file(pub))


def _publish(tmp_path: Path, name: str, records: dict[str, list[dict[str, object]]]) -> tuple[Path, Path]:
    """A repository of its own key holding `records`; returns (repo, .pub)."""
    key = generate_key(tmp_path / f"{name}.key")
    repo = tmp_path / f"{name}-repo"
    Publisher(repo, key).publish(records, now=dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=5))
    return repo, tmp_path / f"{name}.key.pub"


def test_cli_says_a_publisher_switch_happened_when_the_data_were_already_its_version(
        folder: Folder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A centre synced from publisher A switches to publisher B, whose data are exactly what is here.
    The switch is applied (B's key is recorded: A's source is "another publisher" from now on), but
    `ipdesk sync --switch-publisher` only prints "the same as update package version 1: nothing to
    download" — the "Switched to the publisher of key …" line the switch always prints is skipped on
    the adoption-only path (sync_cmd: `if result.applied is None or result.check.up_to_date`)."""
    records = {"trademarks": trademarks(12)}
    a_repo, a_pub = _publish(tmp_path, "a", records)
    b_repo, b_pub = _publish(tmp_path, "b", records)
    folder.db.close()

    def run(*args: str) -> tuple[int, str]:
        code = main(["--data-dir", str(folder.path), "--lang", "en", "sync", *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    code, _ = run("--dir", str(a_repo), "--trusted-key", str(a_pub))
    assert code == 0
    code, out = run("--dir", str(b_repo), "--trusted-key", str(b_pub), "--switch-publisher")
    assert code == 0
    from ipdesk.services.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(folder.db_file))
    applied = read_applied(engine)
    engine.dispose()
    assert applied is not None and applied.publisher_key == _kid(b_pub)  # the switch did happen
    assert applied.changes == ()  # and nothing was written: the data were B's version already
    assert f"Switched to the publisher of key {_kid(b_pub)}" in out, out


def test_the_status_bar_does_not_say_an_update_was_downloaded_when_nothing_was(
        qtbot, folder: Folder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The automatic update finds this computer's trademarks are exactly the published version: nothing
    is downloaded (downloaded_bytes 0, no plan). While the kiosk is busy, the status bar nevertheless
    says "数据更新已下载，空闲时应用" ("Data update downloaded; it will be applied when idle")."""
    from ipdesk.services.settings import Settings
    from ipdesk.services.sync.client import SyncService
    from ipdesk.ui.sync_monitor import SyncMonitor
    from ipdesk.ui.tasks import TaskRunner

    records = trademarks(12)
    spec = TABLES["trademarks"]
    with folder.db.engine.begin() as conn:  # the data this computer came with: the published version's
        conn.exec_driver_sql(
            f"INSERT INTO {spec.table} ({', '.join(spec.columns)}) VALUES ({', '.join('?' * len(spec.columns))})",
            [tuple(r[c] for c in spec.columns) for r in records])
    repo, pub = _publish(tmp_path, "p", {"trademarks": records})
    sync = SyncService(folder.db.engine, folder.path, default_key_file=folder.path / "no-default.pub",
                       policy=FAST, trusted_keys=[public_key_text(load_public_key_file(pub))])
    check = sync.check(str(repo))
    assert [e.name for e in check.adopted] == ["trademarks"] and check.download_bytes == 0  # adoption-only

    shell = SimpleNamespace(settings=Settings(update_source=str(repo), auto_sync=True), sync=sync,
                            data_dir=folder.path)
    tasks = TaskRunner()
    monitor = SyncMonitor(shell, tasks, lang="zh_CN", is_idle=lambda: False)
    statuses: list[str] = []
    monitor.sig_status_changed.connect(statuses.append)
    monitor.check_now()
    qtbot.waitUntil(lambda: not monitor.busy, timeout=20000)
    monitor.stop()
    tasks.wait_idle()
    assert monitor.ready_to_apply  # it will record the version when idle, as the change intends
    assert statuses[-1] != "数据更新已下载，空闲时应用", statuses  # but nothing was downloaded


def test_rows_inserted_in_any_order_compare_equal_to_the_published_version(folder: Folder, tmp_path: Path) -> None:
    """The rows here are streamed in natural-key order from SQLite and hashed as they come: inserted in
    another order (ids not following the keys), they still give the publisher's digest; one record
    changed here gives another digest, and the snapshot is fetched."""
    import random

    from ipdesk.services.sync.apply import local_content

    records = trademarks(40)
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    spec = TABLES["trademarks"]
    columns = [c for c in spec.columns if c != "id"]
    with folder.db.engine.begin() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO {spec.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [tuple(r[c] for c in columns) for r in shuffled])
    repo, pub = _publish(tmp_path, "p", {"trademarks": records})
    from ipdesk.services.sync.client import SyncService

    sync = SyncService(folder.db.engine, folder.path, default_key_file=folder.path / "no-default.pub",
                       policy=FAST, trusted_keys=[public_key_text(load_public_key_file(pub))])
    check = sync.check(str(repo))
    assert [e.name for e in check.adopted] == ["trademarks"] and check.plan == ()
    with folder.db.engine.begin() as conn:
        assert local_content(conn, "trademarks") == check.adopted[0].content
        conn.exec_driver_sql(f"UPDATE {spec.table} SET mark_text = '合成测试改名' WHERE id = "
                             f"(SELECT max(id) FROM {spec.table})")
        assert local_content(conn, "trademarks") not in ("", check.adopted[0].content)
    assert [p.method for p in sync.check(str(repo)).plan] == ["snapshot"]
