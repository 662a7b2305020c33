"""Small command-line answers QA found wrong: each now says what happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.cli import main


def test_a_blank_title_gives_the_reports_own(data_dir: Path, tmp_path: Path) -> None:
    """`--title "   "` made a report with no title, saved as report.xlsx."""
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "search", "茶", "--title", "   ",
                 "--out", str(out), "--format", "xlsx"]) == 0
    made = [p.name for p in out.iterdir()]
    assert len(made) == 1 and not made[0].startswith("report"), made


def test_correcting_a_client_to_the_same_name_changes_nothing(data_dir: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "correct-client", "合成测试甲",
                 " 合成测试甲 "]) == 2
    assert "the same as the old one. Nothing was changed." in capsys.readouterr().err


def test_a_file_given_as_the_update_folder_is_named_a_file(data_dir: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """It said "the update folder was not found" although the path was there."""
    given = tmp_path / "list.csv"
    given.write_text("x", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "--lang", "en", "sync", "--dir", str(given)]) != 0
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "not found" not in err


def test_the_ledger_does_not_suggest_a_folder(data_dir: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Its "file exists" message offered a folder, which the ledger then refused."""
    taken = tmp_path / "ledger.xlsx"
    taken.write_bytes(b"kept")
    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "ledger", "--out", str(taken)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "folder" not in err and taken.read_bytes() == b"kept"
