"""A client's deletion killed half-way (kill -9, a power cut) leaves nothing behind: its report files
are listed to remove (reports-left-to-remove.json, on the disk) before its transaction commits, so
killed after the commit they are removed at the next start; killed before it, the entries are all
still there and their listed files, still named by archive rows, are kept. Real SQLite files, real
files and a real killed process; synthetic names only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdesk.services.container import build_services
from ipdesk.services.reports.erasure import LEFTOVER_FILE
from tests.conftest import kill_when_marked
from tests.reports.conftest import synthetic_report

NAME = "欧阳测试农户"  # synthetic
OTHER = "另一测试合作社"

# Deletes NAME's entries, killed (by the test) at sys.argv[2]: "before-commit" (its files listed, the
# transaction not committed), "after-commit" (before any file is removed), "mid-removal" (one removed).
_KILL_SCRIPT = """
import sys, time
from pathlib import Path
from ipdesk.services.container import build_services
from ipdesk.services.reports import archive
data, point, marker, client = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
def stop():
    marker.write_text(point)
    time.sleep(120)
if point == "before-commit":
    list_to_remove = archive.list_to_remove
    def list_then_stop(*args):
        list_to_remove(*args)
        stop()
    archive.list_to_remove = list_then_stop
elif point == "after-commit":
    archive.remove_files = lambda paths: stop()
else:
    remove_files = archive.remove_files
    def remove_one_then_stop(paths):
        paths = list(dict.fromkeys(paths))
        assert len(paths) == 2
        remove_files(paths[:1])
        stop()
    archive.remove_files = remove_one_then_stop
build_services(data).reports.delete_client(client)
"""


def _fill(data_dir: Path, tmp_path: Path) -> tuple[list[Path], list[Path]]:
    """NAME: one entry whose report is archived in two formats; OTHER: one with one. Their files."""
    services = build_services(data_dir)
    try:
        files: dict[str, list[Path]] = {}
        for client, formats in ((NAME, ("xlsx", "docx")), (OTHER, ("xlsx",))):
            report = synthetic_report(2)
            report.report_no = ""
            report.client = client
            for fmt in formats:
                services.reports.export(report, fmt, tmp_path / f"{client}.{fmt}")
            files[client] = [a.path for a in services.reports.archived_reports() if a.report_no == report.report_no]
    finally:
        services.close()
    assert len(files[NAME]) == 2 and len(files[OTHER]) == 1
    assert all(f.is_file() for f in files[NAME] + files[OTHER])
    return files[NAME], files[OTHER]


def _state(data_dir: Path) -> tuple[str, list[str]]:
    """(integrity_check of the local store, the clients of its entries)."""
    services = build_services(data_dir)
    try:
        with services.db.local_store.engine.connect() as conn:
            check = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        return str(check), sorted(e.client for e in services.reports.service_entries())
    finally:
        services.close()


def _start_cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The next command that opens the data folder (`report entries`): its leftover_files."""
    from ipdesk.cli import main

    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "report", "entries", "--json"]) == 0
    return list(json.loads(capsys.readouterr().out)["leftover_files"])


@pytest.mark.parametrize("point", ["before-commit", "after-commit", "mid-removal"])
def test_a_deletion_killed_half_way_leaves_nothing_after_the_next_start(
        point: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine, others = _fill(data_dir, tmp_path)
    marker = tmp_path / "killed-here"
    kill_when_marked(_KILL_SCRIPT, [str(data_dir), point, str(marker), NAME], marker, timeout=90)
    listed = json.loads((data_dir / LEFTOVER_FILE).read_text(encoding="utf-8"))["files"]
    assert sorted(listed) == sorted(f.relative_to(data_dir).as_posix() for f in mine)  # listed before the commit

    check, clients = _state(data_dir)
    assert check == "ok"
    if point == "before-commit":  # not committed: every entry and file is still there, none named as left
        assert clients == sorted([NAME, OTHER])
        assert _start_cli(data_dir, capsys) == []
        assert all(f.is_file() for f in mine)  # still named by their archive rows: kept
    else:  # committed: all gone, and the next start removes the files the kill left
        assert clients == [OTHER]
        assert (point == "mid-removal") == (sum(f.exists() for f in mine) == 1)
        assert _start_cli(data_dir, capsys) == []
        assert not any(f.exists() for f in mine)
    assert all(f.is_file() for f in others)  # a kept entry's file is never removed
    assert not (data_dir / LEFTOVER_FILE).exists()

    if point == "before-commit":  # deleted again, to the end this time
        services = build_services(data_dir)
        try:
            done = services.reports.delete_client(NAME)
        finally:
            services.close()
        assert sorted(done.files) == sorted(mine) and done.left == ()
        assert not any(f.exists() for f in mine) and all(f.is_file() for f in others)
        assert not (data_dir / LEFTOVER_FILE).exists()


def test_the_window_start_removes_the_files_a_killed_deletion_left(data_dir: Path, tmp_path: Path) -> None:
    from ipdesk.app import warm_up

    mine, others = _fill(data_dir, tmp_path)
    marker = tmp_path / "killed-here"
    kill_when_marked(_KILL_SCRIPT, [str(data_dir), "after-commit", str(marker), NAME], marker, timeout=90)
    assert all(f.is_file() for f in mine)
    services = build_services(data_dir)
    try:
        assert sorted(services.reports.leftover_files()) == sorted(mine)  # named under the record tab meanwhile
        warm_up(data_dir, None, services.db.local_store)  # the window's start, off the GUI thread
        assert not any(f.exists() for f in mine) and all(f.is_file() for f in others)
        assert services.reports.leftover_files() == []
    finally:
        services.close()
    assert not (data_dir / LEFTOVER_FILE).exists()


def test_a_listed_file_an_archive_row_still_names_is_never_removed(data_dir: Path, tmp_path: Path) -> None:
    """A list written before a commit that never came (or brought back by hand) names files of entries
    that are still there: neither the next deletion nor `--leftovers` removes them."""
    mine, others = _fill(data_dir, tmp_path)
    (data_dir / LEFTOVER_FILE).write_text(json.dumps({"files": [
        f.relative_to(data_dir).as_posix() for f in mine + others]}), encoding="utf-8")
    services = build_services(data_dir)
    try:
        reports = services.reports
        assert reports.leftover_files() == []
        reports.record_service(client="第三人", purpose="信息查询", outcome="x")
        done = reports.delete_client("第三人")
        assert done.files == () and done.left == ()
        assert reports.remove_leftovers() == ([], [])
        assert all(f.is_file() for f in mine + others)
        assert sorted(e.client for e in reports.service_entries()) == sorted([NAME, OTHER])
    finally:
        services.close()
    assert not (data_dir / LEFTOVER_FILE).exists()
