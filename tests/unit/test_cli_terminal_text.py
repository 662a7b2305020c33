"""Leftovers after 88b8a52: `ipdesk search` printed a hit as one line whatever its title held, but the
other commands printed file names and record text raw. A file named "x\\x1b[2J" cleared the staff's
terminal, a line break in a name or a client's name forged a line of its own ("2026-01-01 ERROR …"),
U+202E reversed the rest of the line. Each command below prints them through `context.one_line`
(line breaks as spaces, other control and direction characters as \\uXXXX), and an error message
quoting a name (`cli._terminal_text`) shows the escapes instead of obeying them. Synthetic data only;
on Windows such names cannot be made, so the tests that make files need a POSIX file system."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from ipdesk.cli import main
from ipdesk.commands.context import one_line
from tests.importers.conftest import PATENT_HEADER, patent_rows, write_csv

HOSTILE = "合成测试\x1b[2J\n2026-01-01 ERROR forged\u202ecsv"
SHOWN = "合成测试\\u001b[2J 2026-01-01 ERROR forged\\u202ecsv"
posix_names = pytest.mark.skipif(os.name != "posix", reason="such file names cannot be made on Windows")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _clean(text: str) -> None:
    """Nothing the terminal would obey, and no forged line."""
    assert "\x1b" not in text and "\u202e" not in text, text
    assert not any(line.startswith("2026-01-01 ERROR") for line in text.splitlines()), text


def test_one_line_shows_what_a_terminal_would_obey() -> None:
    assert one_line(HOSTILE) == SHOWN
    assert one_line(Path("/tmp/备份\r\u2066.zip")) == "/tmp/备份 \\u2066.zip"
    assert one_line("五常大米 Wuchang rice") == "五常大米 Wuchang rice"  # ordinary text as it is


@posix_names
def test_import_prints_a_hostile_file_name_on_its_own_line(tmp_path: Path, data_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(patent_rows(2))
    rows[1][0] = "坏编号"
    path = write_csv(tmp_path / f"{HOSTILE}.csv", PATENT_HEADER, rows)
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "--lang", "zh_CN", "import", "--dry-run", str(path))
    assert code == 1
    _clean(out)
    (line,) = [x for x in out.splitlines() if "坏编号" in x]
    assert line.startswith(f"  {SHOWN}.csv 第 3 行 [公开号] '坏编号'"), line
    # a file refused whole (no data rows): its name in the error line, said on stderr
    empty = write_csv(tmp_path / f"{HOSTILE}-empty.csv", PATENT_HEADER, [])
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "--lang", "en", "import", str(empty))
    assert code == 2
    _clean(err)
    assert err.startswith(f"ipdesk: {SHOWN}-empty.csv: "), err
    assert len(err.splitlines()) == 1


@posix_names
def test_backup_and_restore_print_a_hostile_file_name_on_its_line(tmp_path: Path, data_dir: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / f"{HOSTILE}.zip"
    # a name Windows cannot give a file is refused, and said on one line with its escapes shown
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "--lang", "en", "backup", "--out", str(out_file))
    assert code == 2 and not out_file.exists()
    _clean(err)
    assert "Windows does not allow" in err and len(err.strip().splitlines()) == 1
    made = tmp_path / "backup.zip"
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "--lang", "en", "backup", "--out", str(made))
    assert code == 0 and made.is_file()
    assert f"Backed up to {one_line(made)} (" in out.splitlines()[0]
    made.rename(out_file)  # a backup that came under such a name (another system, a stick): restored as any
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(data_dir / "ipdesk.sqlite", other / "ipdesk.sqlite")
    code, out, err = _run(capsys, "--data-dir", str(other), "--lang", "zh_CN", "restore", str(out_file), "--yes")
    assert code == 0
    _clean(out + err)
    assert f"正在检查备份文件：{one_line(out_file)}……" in err.splitlines()
    assert f"备份文件：{one_line(out_file)}" in out.splitlines()


@posix_names
def test_an_error_naming_a_hostile_file_shows_the_escape(tmp_path: Path, data_dir: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A message that quotes a name goes through cli._terminal_text: escapes shown, not obeyed."""
    bad = tmp_path / "坏备份\x1b[2J\u202egpj.zip"
    bad.write_bytes(b"not a zip")
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "--lang", "en", "restore", str(bad), "--yes")
    assert code != 0
    _clean(err)
    assert "坏备份\\u001b[2J\\u202egpj.zip" in err


def test_report_entries_print_one_entry_a_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.services.container import build_services

    services = build_services(data_dir)
    try:
        services.reports.record_service(client=HOSTILE, purpose="咨询\t地理标志", outcome="已答复",
                                        when=dt.datetime(2026, 11, 3, 9, 30))
        (entry,) = services.reports.service_entries()
        assert entry.client == HOSTILE.replace("\x1b", " ")  # typed: the control character is no longer kept
    finally:
        services.close()
    # as an entry of an earlier version, or of a restored backup, may still hold it
    import sqlite3

    with contextlib.closing(sqlite3.connect(data_dir / "ipdesk-local.sqlite")) as con, con:
        con.execute("UPDATE service_record SET client = ?", (HOSTILE,))
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "--lang", "zh_CN", "report", "entries")
    assert code == 0
    _clean(out)
    (entry,) = [line for line in out.splitlines() if "2026-11-03" in line]
    assert entry.split("\t")[2:4] == [SHOWN, "咨询 地理标志"]  # the fields stay apart by tabs
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "report", "entries", "--json")
    assert json.loads(out)["entries"][0]["client"] == HOSTILE  # JSON is escaped by json, unchanged


@posix_names
def test_publish_init_key_prints_the_key_files_on_their_line(tmp_path: Path, data_dir: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / f"{HOSTILE}.key"
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "--lang", "en", "publish", "--init-key", str(key))
    assert code == 0 and key.is_file()
    _clean(out)
    assert len(out.splitlines()) == 1 and f"private {one_line(key)} (keep it secret)" in out
